#!/usr/bin/env bash
# npm run screenshot: builds the app and takes the README's screenshots under Xvfb.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_setup with-driver
# A font with Chinese glyphs, so that the Chinese screenshots show words rather than boxes.
ensure_packages fonts-noto-cjk
build_app
xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/with-session-bus.sh node tests/e2e/screenshots.mjs
