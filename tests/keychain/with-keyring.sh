#!/usr/bin/env bash
# Runs a command inside a private D-Bus session whose Secret Service is a real GNOME Keyring with
# an unlocked login collection, kept in a temporary folder (nothing of the machine's own keyring
# is touched). `npm test` runs the Linux keychain's tests in it (src-tauri/src/vault/secret_service.rs).
set -euo pipefail
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export MAILCART_TEST_KEYRING_HOME="$home"
exec dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$MAILCART_TEST_KEYRING_HOME/data" XDG_RUNTIME_DIR="$MAILCART_TEST_KEYRING_HOME/run"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  # A new login keyring with this password, unlocked: the default collection.
  printf "mailcart-test" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  for _ in $(seq 1 50); do
    gdbus call --session -d org.freedesktop.secrets -o /org/freedesktop/secrets \
      -m org.freedesktop.Secret.Service.ReadAlias default 2>/dev/null | grep -q /collection/ && break
    sleep 0.1
  done
  MAILCART_TEST_SECRET_SERVICE=1 "$@"
' bash "$@"
