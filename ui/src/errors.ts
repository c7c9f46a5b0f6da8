// Turns a failed command into what the user reads: a sentence in their language, the technical
// detail below it, and a Retry button.

import { el } from "./dom";
import { t, type MessageKey } from "./i18n/i18n";
import { toCommandError } from "./ipc";

export function errorSentence(error: unknown): string {
  const { kind } = toCommandError(error);
  return t(`error.${kind}` as MessageKey);
}

export function errorPanel(error: unknown, onRetry: () => void): HTMLElement {
  const commandError = toCommandError(error);
  const retry = el("button", { type: "button", class: "button primary", "data-testid": "retry" }, t("error.retry"));
  retry.addEventListener("click", onRetry);
  return el(
    "div",
    { class: "error-panel", role: "alert", "data-testid": "error", "data-kind": commandError.kind },
    el("p", { class: "error-sentence" }, errorSentence(commandError)),
    commandError.message ? el("p", { class: "error-detail" }, t("error.details", { message: commandError.message })) : null,
    retry,
  );
}
