#!/usr/bin/env bash
# Runs a command inside a private D-Bus session (tests/e2e/session-bus.conf) where python-dbusmock
# plays the desktop's notification daemon and records every notification the app sends.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec dbus-run-session --config-file="$here/session-bus.conf" -- bash -c '
  /usr/bin/python3 -m dbusmock --template notification_daemon >/dev/null 2>&1 &
  mock=$!
  for _ in $(seq 1 50); do
    gdbus introspect --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications >/dev/null 2>&1 && break
    sleep 0.1
  done
  "$@"; status=$?
  kill "$mock" 2>/dev/null || true
  exit $status
' bash "$@"
