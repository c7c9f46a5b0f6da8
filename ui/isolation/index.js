// Tauri's isolation application (tauri.conf.json `app.security.pattern`): every IPC message from the
// web view passes through this sandboxed frame before Tauri encrypts it and hands it to Rust. It lets
// through only the app's own commands — `APP_COMMANDS`, written into commands.js (loaded first)
// from src-tauri/src/commands/list.rs — and refuses everything else, Tauri's
// internal and plugin commands included (the UI needs none of them; the notification plugin's
// start-up `plugin:notification|is_permission_granted` is refused, as the capability refuses it too).
// Tauri inlines this file into index.html at build time and allows it by its hash.
"use strict";

/* global APP_COMMANDS */
const ALLOWED = new Set(APP_COMMANDS);

// What a refused call becomes: a command that is neither registered nor granted, with nothing of the
// original message, so Rust answers "mailcart_isolation_refused not allowed. Command not found" and
// the call's promise rejects. (Throwing here would drop the message instead: the call would never
// settle, and the UI would wait forever.)
const REFUSED = "mailcart_isolation_refused";

window.__TAURI_ISOLATION_HOOK__ = (message) => {
  const cmd = message !== null && typeof message === "object" ? message.cmd : undefined;
  if (typeof cmd === "string" && ALLOWED.has(cmd)) return message;
  return { cmd: REFUSED, callback: message.callback, error: message.error, options: undefined, payload: {} };
};
