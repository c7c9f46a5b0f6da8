# Shared by scripts/demo.sh, scripts/test.sh and scripts/screenshot.sh. Each step installs what is
# missing and skips what is there, so a fresh Debian/Ubuntu machine needs nothing done by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/target/tools"
TAURI_DRIVER_VERSION="2.1.0"

# Debian packages for building and running a Tauri 2 app, driving it headless, and the keychain.
SYSTEM_PACKAGES=(
  libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev libssl-dev build-essential pkg-config file curl
  libsqlite3-dev libsecret-1-dev imagemagick dbus-bin dbus-daemon libglib2.0-bin python3-dbusmock python3-dbus xdotool xclip
  gnome-keyring
)

# Debian packages for the Windows and macOS type-checks (scripts/cross-check.sh): Debian's own Rust
# with the standard library's source, MinGW-w64 for C built for Windows, clang and llvm-ar for the
# Apple stub compiler.
CROSS_PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 clang llvm)

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs those of the named Debian packages that are missing.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_system_packages() { ensure_packages "${SYSTEM_PACKAGES[@]}"; }
ensure_cross_packages() { ensure_packages "${CROSS_PACKAGES[@]}"; }

ensure_toolchains() {
  command -v cargo >/dev/null || { echo "Rust (cargo) is needed: install it from https://rustup.rs and run this again." >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is needed: install it and run this again." >&2; exit 1; }
}

ensure_node_modules() {
  # `npm ci` fails against this registry (BUILD-NOTES.md); `npm install` honours the lock file.
  if [ ! -d "$ROOT/node_modules/.bin" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "Installing npm packages"
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

ensure_tauri_driver() {
  if [ ! -x "$TOOLS_DIR/bin/tauri-driver" ]; then
    say "Installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --root "$TOOLS_DIR" --quiet
  fi
}

# The UI bundle, then the app (front end embedded) and the store double.
build_app() {
  say "Building the front end"
  (cd "$ROOT" && npm run --silent build:ui)
  say "Building the app and the store double"
  (cd "$ROOT" && cargo build --workspace --bins)
}

# Starts the store double on a free loopback port; sets STORE_DOUBLE_PID and STORE_DOUBLE_URL.
start_store_double() {
  local out="$ROOT/target/store-double.out"
  "$ROOT/target/debug/mailcart-store-double" --port 0 >"$out" 2>&1 &
  STORE_DOUBLE_PID=$!
  for _ in $(seq 1 100); do
    if grep -q '^MAILCART_STORE_DOUBLE_URL=' "$out"; then
      STORE_DOUBLE_URL="$(sed -n 's/^MAILCART_STORE_DOUBLE_URL=//p' "$out" | head -n 1)"
      return 0
    fi
    kill -0 "$STORE_DOUBLE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "The store double did not start:" >&2
  cat "$out" >&2
  exit 1
}

# The newest Mailcart .deb that `npm run bundle` made (fails if there is none).
newest_deb() {
  local deb
  deb="$(ls -t "$ROOT"/target/release/bundle/deb/Mailcart_*.deb 2>/dev/null | head -n 1)"
  [ -n "$deb" ] || { echo "No .deb under target/release/bundle/deb: run npm run bundle first." >&2; return 1; }
  printf '%s\n' "$deb"
}

# App data in a folder of its own under target/, so tests and demos never touch the user's.
use_private_app_data() {
  local dir="$1"
  rm -rf "$dir"
  mkdir -p "$dir/data" "$dir/cache" "$dir/config"
  export XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache" XDG_CONFIG_HOME="$dir/config"
}

# Everything the scripts need before building: toolchains, system packages, npm packages, and
# (for anything that drives the window) tauri-driver.
ensure_setup() {
  ensure_toolchains
  ensure_system_packages
  ensure_node_modules
  if [ "${1:-}" = "with-driver" ]; then ensure_tauri_driver; fi
}
