#!/usr/bin/env bash
# npm run demo: set up what is missing, build, start the store double and open Mailcart on it.
source "$(dirname "$0")/lib.sh"

ensure_setup
build_app
start_store_double
trap 'kill "$STORE_DOUBLE_PID" 2>/dev/null || true' EXIT
say "Demo store at $STORE_DOUBLE_URL; opening Mailcart (close its window to stop)"
export MAILCART_GMAILSTORE_URL="$STORE_DOUBLE_URL/api"
export MAILCART_EMAIL_ORDER_URL="$STORE_DOUBLE_URL"
# The demo keeps its orders in a data folder of its own, beside the real one (src-tauri/src/demo.rs).
export MAILCART_DEMO=1
echo "Demo logins: GmailStore buyer@example.com / correct-password; receive-code API key test-api-key-0001"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$ROOT/target/debug/mailcart"
else
  echo "No display found: running the window on a virtual screen (Xvfb) instead."
  xvfb-run -a -s "-screen 0 1280x800x24" "$ROOT/target/debug/mailcart"
fi
