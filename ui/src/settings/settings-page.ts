// The Settings page: preferences (saved in settings.json) and how saved data is protected.

import { append, clear, el } from "../dom";
import { errorPanel, errorSentence } from "../errors";
import { language, t, type MessageKey } from "../i18n/i18n";
import { commands, toCommandError, type Settings, type StoreCheck, type VaultStatus } from "../ipc";
import { copyButton } from "../clipboard";
import type { Coin } from "../bindings/Coin";
import { coinLabel, coins } from "../checkout/coins";
import type { LanguageChoice } from "../bindings/LanguageChoice";
import { passphraseForm, protectionText } from "../vault/vault-panel";
import { BackupSection } from "./backup-section";

const TEXT_FIELDS = ["defaultContactEmail", "gmailstoreUrl", "emailOrderUrl", "proxy"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const FIELD_LABELS: Record<TextField, MessageKey> = {
  defaultContactEmail: "settings.defaultEmail",
  gmailstoreUrl: "settings.gmailstoreUrl",
  emailOrderUrl: "settings.emailOrderUrl",
  proxy: "settings.proxy",
};
const FIELD_HINTS: Partial<Record<TextField, MessageKey>> = { gmailstoreUrl: "settings.gmailstoreUrlHint", proxy: "settings.proxyHint" };

export class SettingsPage {
  readonly root = el("section", { class: "settings", "data-testid": "settings-page" });
  private settings: Settings | null = null;
  private loadError: unknown = null;
  /** A refused save: its field, and its message made at each render (so in the language shown). */
  private fieldError: { field: string | undefined; text: () => string } | null = null;
  private saved = false;
  private storeCheck: { running?: boolean; result?: StoreCheck; error?: string } | null = null;
  // A restore that gave this computer settings from the backup: the form shows them, and the
  // app takes them (the language, the stores' addresses) as when the buyer saves the form.
  private readonly backup = new BackupSection(() => void this.reloadAfterRestore());

  constructor(
    private vault: VaultStatus,
    private readonly onSaved: (settings: Settings) => void,
    private readonly onVaultChange: (status: VaultStatus) => void,
    private readonly onShowGuide: () => void = () => undefined,
  ) {}

  setVault(status: VaultStatus): void {
    this.vault = status;
  }

  /** The language picked in the header (and saved there): the form shows it, so that saving the
   *  form does not put back the language it was drawn with. */
  languageChosen(language: LanguageChoice): void {
    if (this.settings) this.settings = { ...this.settings, language };
    this.render();
  }

  async show(): Promise<void> {
    this.saved = false;
    this.fieldError = null;
    try {
      this.settings = await commands.settingsGet();
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
    this.render();
  }

  private async reloadAfterRestore(): Promise<void> {
    await this.show();
    if (this.settings && !this.loadError) this.onSaved(this.settings);
  }

  render(): void {
    clear(this.root);
    if (this.loadError) {
      this.root.append(errorPanel(this.loadError, () => void this.show()));
      return;
    }
    if (!this.settings) {
      this.root.append(el("p", { class: "muted" }, t("settings.loading")));
      return;
    }
    this.backup.render();
    const guide = el("button", { type: "button", class: "button small", "data-testid": "settings-guide" }, t("settings.guide"));
    guide.addEventListener("click", this.onShowGuide);
    this.root.append(el("h2", {}, t("settings.title")), guide, this.form(this.settings), this.storeCheckSection(), this.securitySection(), this.backup.root);
  }

  private form(settings: Settings): HTMLFormElement {
    const language = el("select", { class: "select", "data-testid": "settings-language" });
    for (const [value, key] of [["system", "settings.language.system"], ["zh", null], ["en", null]] as const) {
      language.append(el("option", { value }, key ? t(key) : value === "zh" ? "中文" : "English"));
    }
    language.value = settings.language;
    const coin = el("select", { class: "select", "data-testid": "settings-coin" }, el("option", { value: "" }, t("settings.noCoin")));
    for (const info of coins()) coin.append(el("option", { value: info.coin }, coinLabel(info.coin)));
    coin.value = settings.defaultCoin ?? "";
    const inputs = {} as Record<TextField, HTMLInputElement>;
    const field = (name: TextField) => {
      const input = el("input", { type: "text", class: "input", "data-testid": `settings-${name}`, spellcheck: "false", autocomplete: "off" });
      input.value = settings[name] ?? "";
      inputs[name] = input;
      const hint = FIELD_HINTS[name];
      const error = this.fieldError?.field === name ? el("p", { class: "error-detail", role: "alert", "data-testid": "settings-field-error" }, this.fieldError.text()) : null;
      return el("label", { class: "field" }, el("span", {}, t(FIELD_LABELS[name])), input, hint ? el("span", { class: "muted hint" }, t(hint)) : null, error);
    };
    const toggle = (testid: string, label: MessageKey, on: boolean) => {
      const box = el("input", { type: "checkbox", "data-testid": testid });
      box.checked = on;
      return { box, row: el("label", { class: "field check" }, box, el("span", {}, t(label))) };
    };
    const autoCopy = toggle("settings-autoCopyCode", "settings.autoCopyCode", settings.autoCopyCode);
    const sound = toggle("settings-codeSound", "settings.codeSound", settings.codeSound);
    const watchChecks = toggle("settings-watchChecks", "settings.watchChecks", !settings.watchPaused);
    const save = el("button", { type: "submit", class: "button primary", "data-testid": "settings-save" }, t("settings.save"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("h3", {}, t("settings.general")),
      el("label", { class: "field" }, el("span", {}, t("settings.language")), language),
      field("defaultContactEmail"),
      el("label", { class: "field" }, el("span", {}, t("settings.defaultCoin")), coin),
      el("h3", {}, t("settings.stores")),
      field("gmailstoreUrl"),
      field("emailOrderUrl"),
      el("h3", {}, t("settings.codes")),
      autoCopy.row,
      sound.row,
      el("p", { class: "muted hint", "data-testid": "settings-codes-hint" }, t("settings.codesHint")),
      el("h3", {}, t("settings.watch")),
      watchChecks.row,
      el("p", { class: "muted hint" }, t("settings.watchHint")),
      el("h3", {}, t("settings.network")),
      field("proxy"),
      this.fieldError && !this.fieldError.field ? el("p", { class: "error-detail", role: "alert" }, this.fieldError.text()) : null,
      this.saved ? el("p", { class: "muted", "data-testid": "settings-saved" }, t("settings.saved")) : null,
      save,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      // Settings the form does not show (e.g. whether the guide was seen) are kept as they are.
      const next: Settings = {
        ...settings,
        language: language.value as LanguageChoice,
        defaultCoin: (coin.value || null) as Coin | null,
        defaultContactEmail: inputs.defaultContactEmail.value || null,
        gmailstoreUrl: inputs.gmailstoreUrl.value || null,
        emailOrderUrl: inputs.emailOrderUrl.value || null,
        proxy: inputs.proxy.value || null,
        autoCopyCode: autoCopy.box.checked,
        codeSound: sound.box.checked,
        watchPaused: !watchChecks.box.checked,
      };
      save.disabled = true;
      try {
        this.settings = await commands.settingsSave(next);
        this.fieldError = null;
        this.saved = true;
        this.onSaved(this.settings);
      } catch (error) {
        const commandError = toCommandError(error);
        this.saved = false;
        this.settings = next;
        this.fieldError = { field: commandError.field, text: () => refusalText(error) };
      }
      this.render();
    });
    return form;
  }

  /** "Check the store": what the app understood of each of the store's public answers, and a
   *  report to copy for support (no secrets, no order numbers or emails: public calls only). */
  private storeCheckSection(): HTMLElement {
    const run = el("button", { type: "button", class: "button", "data-testid": "store-check-run" }, t("storeCheck.run"));
    run.addEventListener("click", async () => {
      run.disabled = true;
      this.storeCheck = { running: true };
      this.render();
      try {
        this.storeCheck = { result: await commands.checkStore() };
      } catch (error) {
        this.storeCheck = { error: errorSentence(error) };
      }
      this.render();
    });
    const section = el("section", { class: "store-check", "data-testid": "store-check" }, el("h3", {}, t("storeCheck.title")), el("p", { class: "muted" }, t("storeCheck.explain")), run);
    const state = this.storeCheck;
    if (state?.running) {
      run.disabled = true;
      section.append(el("p", { class: "muted" }, t("storeCheck.running")));
    } else if (state?.error) {
      section.append(el("p", { class: "error-detail", role: "alert" }, state.error));
    } else if (state?.result) {
      const result = state.result;
      section.append(
        el("p", { "data-testid": "store-check-verdict", "data-ok": String(result.allUnderstood) }, t(result.allUnderstood ? "storeCheck.allUnderstood" : "storeCheck.notUnderstood")),
        el(
          "ul",
          { class: "store-check-calls" },
          ...result.calls.map((call) =>
            el(
              "li",
              { "data-testid": "store-check-call", "data-understood": String(call.understood) },
              el("span", { class: "mono" }, call.call),
              " — ",
              t(call.understood ? "storeCheck.understood" : "storeCheck.notUnderstoodCall"),
              ": ",
              call.detail,
            ),
          ),
        ),
        copyButton(t("storeCheck.copyReport"), t("order.copied"), () => result.report, "store-check-copy"),
      );
    }
    return section;
  }

  private securitySection(): HTMLElement {
    const section = el("section", { class: "security", "data-testid": "settings-security" }, el("h3", {}, t("settings.security")));
    append(
      section,
      el("p", { "data-testid": "vault-protection" }, protectionText(this.vault)),
      this.vault.unlocked && this.vault.protection === "keychain"
        ? el("p", { class: "muted" }, t(this.vault.hasRecoveryPassphrase ? "vault.recovery.has" : "vault.recovery.none"))
        : null,
    );
    if (this.vault.unlocked) {
      section.append(
        el("h4", {}, t("vault.changePassphrase")),
        passphraseForm("set", t("vault.setPassphrase"), async (p) => {
          const status = await commands.vaultSetPassphrase(p);
          this.vault = status;
          this.onVaultChange(status);
          this.render();
        }),
      );
    }
    return section;
  }
}

/** What each field accepts, in the buyer's language (the check's own detail is English). */
const FIELD_RULES: Partial<Record<keyof Settings, MessageKey>> = {
  proxy: "settings.rule.proxy",
  gmailstoreUrl: "settings.rule.gmailstoreUrl",
  emailOrderUrl: "settings.rule.emailOrderUrl",
  defaultContactEmail: "settings.rule.defaultContactEmail",
};

/** A refused value's message: what the field accepts; the check's English detail (what exactly
 *  was wrong) only in English. A field without a rule here keeps the detail. */
function refusalText(error: unknown): string {
  const refused = toCommandError(error);
  const rule = refused.field ? FIELD_RULES[refused.field as keyof Settings] : undefined;
  if (!rule) return `${errorSentence(error)} ${refused.message}`;
  return language() === "en" ? `${errorSentence(error)} ${t(rule)} (${refused.message})` : `${errorSentence(error)} ${t(rule)}`;
}
