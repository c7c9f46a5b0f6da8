#!/usr/bin/env bash
# npm test: every test. Sets up what is missing, then checks the release workflows and their
# scripts, type-checks the app for Windows and macOS, runs the Rust tests and the UI unit tests,
# builds the .deb, and runs the end-to-end tests in the real app window (under Xvfb, through
# tauri-driver and WebKitWebDriver), the unpacked .deb's binary among them.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_setup with-driver
use_private_app_data "$ROOT/target/test-xdg"

# The bundle first: the app embeds ui/dist when it compiles.
build_app

say "Release workflows (actionlint with shellcheck, GitHub's workflow schema)"
bash scripts/lint-workflows.sh

say "Release scripts (the update feed, the updater key guard)"
node --test tests/release/

say "Windows and macOS: the app, its examples and tests type-check for both (scripts/cross-check.sh)"
bash scripts/cross-check.sh

say "Rust tests (unit and integration against the store double)"
cargo test --workspace

say "The Linux keychain against a real Secret Service (a private GNOME Keyring)"
tests/keychain/with-keyring.sh cargo test -p mailcart --lib secret_service -- --ignored --skip locked_keyring
# This one locks the default collection: alone, in a keyring of its own.
tests/keychain/with-keyring.sh cargo test -p mailcart --lib locked_keyring -- --ignored

say "UI unit tests (Vitest, mockIPC)"
npx vitest run --root ui

say "The Linux installer (npm run bundle: release build and .deb; tests/e2e/deb.test.mjs launches it)"
bash scripts/bundle.sh

say "End-to-end tests in the real window"
# Under Xvfb, inside a private D-Bus session whose only service is a mock notification daemon
# (so desktop notifications can be counted). Bounded: a test that hangs fails instead of stalling
# CI — each WebDriver call after 60 s, each test (and each file: node counts a file as a test;
# the crash suite's file takes about 3.5 minutes) after 10 minutes, the whole run after 30.
timeout 1800 xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/with-session-bus.sh \
  node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/
