#!/usr/bin/env bash
# Type-checks the app (lib, bins, examples and every test target) for Windows and macOS, so that
# code under `cfg(windows)` / `cfg(target_os = "macos")` and every platform-only dependency is
# compiled on each `npm test`. Run by scripts/test.sh; on its own: `bash scripts/cross-check.sh`.
#
# rustup cannot add targets on these machines, so this uses Debian's Rust (rustc-web, cargo-web,
# rust-web-src: /usr/bin/cargo and /usr/bin/rustc, 1.96) to build the standard library for each
# target from source (`-Zbuild-std`, allowed on a stable compiler by RUSTC_BOOTSTRAP=1). The app's
# own builds keep the rustup toolchain; this step has its own target directory, target/cross.
# - Windows (x86_64-pc-windows-gnu): C code of build scripts (bundled SQLite) is compiled for real
#   by the MinGW-w64 gcc.
# - macOS (aarch64-apple-darwin): no Apple SDK here, so C/Objective-C of build scripts goes to
#   scripts/cross/apple-cc-stub.sh, which writes empty objects (a check links nothing). It proves
#   that the Rust code and the Rust dependencies compile for macOS; not the C code, not linking,
#   not signing, not running.
# Both targets are checked in one cargo run: build scripts and proc-macros are built once for both.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_cross_packages

TARGETS=(x86_64-pc-windows-gnu aarch64-apple-darwin)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); fi
target_flags=()
for target in "${TARGETS[@]}"; do target_flags+=(--target "$target"); done

[ -d "$ROOT/ui/dist" ] || (cd "$ROOT" && npm run --silent build:ui)

say "Type-checking for ${TARGETS[*]} (Debian's cargo $(/usr/bin/cargo --version | cut -d' ' -f2), -Zbuild-std)"
start=$SECONDS
env -u RUSTUP_TOOLCHAIN -u CARGO -u RUSTC_WRAPPER \
  PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_DIR="$ROOT/target/cross" \
  CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar \
  CC_aarch64_apple_darwin="$ROOT/scripts/cross/apple-cc-stub.sh" \
  CXX_aarch64_apple_darwin="$ROOT/scripts/cross/apple-cc-stub.sh" \
  AR_aarch64_apple_darwin=llvm-ar \
  /usr/bin/cargo check --locked -Zbuild-std "${target_flags[@]}" -p mailcart --lib --bins --examples --tests
echo "Type-check for ${TARGETS[*]}: passed in $((SECONDS - start)) s"
