// Shown while the vault is not open: explains why, in plain words, and offers what can be done.

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, toCommandError, type VaultStatus } from "../ipc";

export const MIN_PASSPHRASE_CHARS = 8;

/** A passphrase form: one field to unlock, two (typed twice) to set a new one. */
export function passphraseForm(
  mode: "unlock" | "set",
  submitLabel: string,
  onSubmit: (passphrase: string) => Promise<void>,
): HTMLFormElement {
  const first = el("input", { type: "password", class: "input", "data-testid": "passphrase", autocomplete: mode === "set" ? "new-password" : "current-password" });
  const second = el("input", { type: "password", class: "input", "data-testid": "passphrase-repeat", autocomplete: "new-password" });
  const message = el("p", { class: "error-detail", "data-testid": "passphrase-error", role: "alert" });
  const submit = el("button", { type: "submit", class: "button primary", "data-testid": "passphrase-submit" }, submitLabel);
  const form = el(
    "form",
    { class: "passphrase-form" },
    el("label", { class: "field" }, el("span", {}, t("vault.passphrase")), first),
    mode === "set" ? el("label", { class: "field" }, el("span", {}, t("vault.passphraseRepeat")), second) : null,
    mode === "set" ? el("p", { class: "muted hint" }, t("vault.passphraseHint", { min: MIN_PASSPHRASE_CHARS })) : null,
    message,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    if (mode === "set" && first.value !== second.value) {
      message.textContent = t("vault.passphraseMismatch");
      return;
    }
    if (mode === "set" && [...first.value].length < MIN_PASSPHRASE_CHARS) {
      message.textContent = t("vault.passphraseHint", { min: MIN_PASSPHRASE_CHARS });
      return;
    }
    submit.disabled = true;
    try {
      await onSubmit(first.value);
      first.value = "";
      second.value = "";
    } catch (error) {
      const commandError = toCommandError(error);
      message.textContent = commandError.kind === "invalidInput" && commandError.field === "passphrase"
        ? t("vault.passphraseHint", { min: MIN_PASSPHRASE_CHARS })
        : errorSentence(error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export class VaultPanel {
  readonly root = el("section", { class: "vault-panel", "data-testid": "vault-panel", role: "region" });
  private dismissed = false;

  constructor(
    private status: VaultStatus,
    private readonly onChange: (status: VaultStatus) => void,
  ) {}

  update(status: VaultStatus): void {
    this.status = status;
    this.render();
  }

  render(): void {
    clear(this.root);
    const { status } = this;
    this.root.hidden = status.unlocked || this.dismissed;
    if (this.root.hidden) return;
    const problem = status.problem ?? "passphraseNeeded";
    this.root.dataset.problem = problem;
    const unlocking = problem === "passphraseNeeded" || problem === "keychainEntryMissing";
    const apply = async (action: Promise<VaultStatus>) => {
      const next = await action;
      this.status = next;
      this.onChange(next);
      this.render();
    };
    const later = el("button", { type: "button", class: "button small", "data-testid": "vault-later" }, t("vault.later"));
    later.addEventListener("click", () => {
      this.dismissed = true;
      this.render();
    });
    append(
      this.root,
      el("h2", {}, t(unlocking ? "vault.title.unlock" : "vault.title.setup")),
      el("p", { "data-testid": "vault-problem" }, t(`vault.${problem}` as MessageKey)),
    );
    if (unlocking) {
      this.root.append(passphraseForm("unlock", t("vault.unlock"), (p) => apply(commands.vaultUnlock(p))));
    }
    if (problem === "keychainUnavailable" || problem === "keyLost") {
      const retry = el("button", { type: "button", class: "button", "data-testid": "vault-retry" }, t(problem === "keyLost" ? "vault.startNewKey" : "vault.retryKeychain"));
      const error = el("p", { class: "error-detail", role: "alert" });
      retry.addEventListener("click", () => apply(commands.vaultRetryKeychain()).catch((e) => (error.textContent = errorSentence(e))));
      this.root.append(retry, error);
    }
    if (problem === "noKeychain" || problem === "sessionKeyGone" || problem === "keyLost") {
      const sessionOnly = el("button", { type: "button", class: "button", "data-testid": "vault-session-only" }, t("vault.sessionOnly"));
      const error = el("p", { class: "error-detail", role: "alert" });
      sessionOnly.addEventListener("click", () => apply(commands.vaultUseSessionOnly()).catch((e) => (error.textContent = errorSentence(e))));
      this.root.append(
        passphraseForm("set", t("vault.setPassphrase"), (p) => apply(commands.vaultSetPassphrase(p))),
        el("div", { class: "session-only" }, sessionOnly, el("p", { class: "muted hint" }, t("vault.sessionOnlyHint")), error),
      );
    }
    this.root.append(later);
  }
}

/** One line saying how saved data is protected now. */
export function protectionText(status: VaultStatus): string {
  if (!status.unlocked || !status.protection) return t("vault.protection.locked");
  return t(`vault.protection.${status.protection}` as MessageKey);
}
