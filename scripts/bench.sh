#!/usr/bin/env bash
# npm run bench: release builds of Mailcart and of an empty Tauri 2 window (the baseline), their
# .debs, then every figure beside the baseline's with the ratio (tests/bench/bench.mjs). Prints
# figures; passes or fails on nothing but a broken build or run.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_setup with-driver

say "Release build of Mailcart and its .deb"
npx tauri build --ci --bundles deb
say "Release build of the empty window (baseline) and its .deb"
(cd tests/bench/empty-window && npx tauri build --ci --bundles deb)
say "Release builds of the store double and the benchmark tools"
cargo build --release -p mailcart-store-double
cargo build --release -p mailcart --example api_call_bench --example orderbook_bench --example backup_bench

say "Measuring (under Xvfb; about 3 minutes)"
xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/with-session-bus.sh node tests/bench/bench.mjs
