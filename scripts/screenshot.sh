#!/usr/bin/env bash
# npm run screenshot: builds the app and takes the README's screenshots under Xvfb.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_setup with-driver
build_app
xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/with-session-bus.sh node tests/e2e/screenshots.mjs
