// Turns a failed command into what the user reads: a sentence in their language, the technical
// detail below it, and a Retry button.

import { el } from "./dom";
import { t, type MessageKey } from "./i18n/i18n";
import { toCommandError, type RuleError } from "./ipc";

/** A rule Rust says an order breaks, in the buyer's language (`rule.<tag>` with its numbers). */
export function ruleSentence(broken: RuleError): string {
  const { rule, ...numbers } = broken;
  return t(`rule.${rule}` as MessageKey, numbers);
}

export function errorSentence(error: unknown): string {
  const { kind, rule } = toCommandError(error);
  return rule ? ruleSentence(rule) : t(`error.${kind}` as MessageKey);
}

/** The sentence for `error` in the buyer's language, then Rust's detail (often English, or the
 *  store's own words) marked as such, as the error panel shows it. */
export function sentenceWithDetails(error: unknown): string {
  const { message } = toCommandError(error);
  return message ? `${errorSentence(error)} ${t("error.details", { message })}` : errorSentence(error);
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
