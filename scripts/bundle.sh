#!/usr/bin/env bash
# npm run bundle: the release build of the app and its Linux installer (.deb), as a buyer on
# Debian/Ubuntu would install it. Windows and macOS installers are built by the release workflow
# (.github/workflows/release.yml): their bundlers only run on those systems.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_setup
say "Building the release app and its .deb (the front end is built first by tauri's beforeBuildCommand)"
# --ci: no prompts. Updater artifacts are off here (they need the release signing key); the release
# workflow turns them on with tauri.release.conf.json.
npx tauri build --ci --bundles deb
deb="$(newest_deb)"
say "Built $deb ($(du -h "$deb" | cut -f1))"
