#!/usr/bin/env bash
# Runs a command inside a private D-Bus session whose Secret Service is a real GNOME Keyring with
# an unlocked login collection, kept in a temporary folder (nothing of the machine's own keyring
# is touched). `npm test` runs the Linux keychain's tests in it (src-tauri/src/vault/secret_service.rs).
set -euo pipefail
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export MAILCART_TEST_KEYRING_HOME="$home"
# No display: on a developer's desktop the keyring would otherwise put up its password prompt
# (the locked-collection test must meet no prompter, as on CI).
exec env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$MAILCART_TEST_KEYRING_HOME/data" XDG_RUNTIME_DIR="$MAILCART_TEST_KEYRING_HOME/run"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  # A new login keyring with this password, unlocked: the default collection.
  printf "mailcart-test" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  # First wait until that daemon owns the Secret Service name, asking the bus itself: a call to
  # org.freedesktop.secrets before then makes the bus start a second daemon from its service
  # file, one with no unlocked login collection (a store then failed with "Object does not exist
  # at path …/collection/login", or the collection stayed locked). Seen under load.
  for _ in $(seq 1 100); do
    gdbus call --session -d org.freedesktop.DBus -o /org/freedesktop/DBus \
      -m org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  # Then ready when the default collection itself answers, unlocked.
  ready=""
  for _ in $(seq 1 100); do
    collection="$(gdbus call --session -d org.freedesktop.secrets -o /org/freedesktop/secrets \
      -m org.freedesktop.Secret.Service.ReadAlias default 2>/dev/null | grep -o "/org/freedesktop/secrets/collection/[A-Za-z0-9_]*" || true)"
    if [ -n "$collection" ] && gdbus call --session -d org.freedesktop.secrets -o "$collection" \
      -m org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked 2>/dev/null | grep -q false; then
      ready=1
      break
    fi
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "the test keyring did not come up unlocked" >&2; exit 1; }
  MAILCART_TEST_SECRET_SERVICE=1 "$@"
' bash "$@"
