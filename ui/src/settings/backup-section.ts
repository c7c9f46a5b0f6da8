// Settings → Backup and Restore: one sealed file of the whole order book (the saved logins and
// API keys only when ticked), and a restore that first says what a file holds, then merges it.
// The files are chosen in the system's dialogs, opened by Rust.

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands } from "../ipc";
import { shortTime } from "../orders/format";
import type { BackupWritten } from "../bindings/BackupWritten";
import type { BackupSummary } from "../bindings/BackupSummary";
import type { MergeReport } from "../bindings/MergeReport";
import type { RestoreReport } from "../bindings/RestoreReport";
import type { SettingName } from "../bindings/SettingName";

/** What the last action said: worded at each render, so a language switch rewords it too. */
type Said = { ok: boolean; text: () => string } | null;

export class BackupSection {
  readonly root = el("section", { class: "backup", "data-testid": "backup-section" });
  private backupSaid: Said = null;
  private restoreSaid: Said = null;
  private opened: BackupSummary | null = null;
  private merged: RestoreReport | null = null;
  private busy = false;

  /** `onSettingsTaken`: a restore gave this computer settings from the backup (the page shows them). */
  constructor(private readonly onSettingsTaken: () => void = () => undefined) {}

  render(): void {
    clear(this.root);
    append(this.root, el("h3", {}, t("backup.title")), el("p", { class: "muted" }, t("backup.explain")), this.backupForm(), this.restoreForm());
  }

  private said(said: Said, testid: string): HTMLElement | null {
    return said ? el("p", { class: said.ok ? "muted" : "error-detail", role: said.ok ? "status" : "alert", "data-testid": testid }, said.text()) : null;
  }

  private backupForm(): HTMLElement {
    const passphrase = el("input", { type: "password", class: "input", "data-testid": "backup-passphrase", autocomplete: "new-password" });
    const repeat = el("input", { type: "password", class: "input", "data-testid": "backup-repeat", autocomplete: "new-password" });
    const withSecrets = el("input", { type: "checkbox", "data-testid": "backup-with-secrets" });
    const create = el("button", { type: "submit", class: "button", "data-testid": "backup-create", disabled: this.busy }, t("backup.create"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("label", { class: "field" }, el("span", {}, t("backup.passphrase")), passphrase),
      el("label", { class: "field" }, el("span", {}, t("backup.repeat")), repeat),
      el("label", { class: "field check" }, withSecrets, el("span", {}, t("backup.withSecrets"))),
      create,
      this.said(this.backupSaid, "backup-said"),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (passphrase.value !== repeat.value) {
        this.backupSaid = { ok: false, text: () => t("backup.mismatch") };
        this.render();
        return;
      }
      this.busy = true;
      try {
        const written = await commands.backupCreate(passphrase.value, withSecrets.checked);
        this.backupSaid = written ? { ok: true, text: () => writtenText(written) } : null;
      } catch (error) {
        this.backupSaid = { ok: false, text: () => errorSentence(error) };
      }
      this.busy = false;
      this.render();
    });
    return form;
  }

  private restoreForm(): HTMLElement {
    const passphrase = el("input", { type: "password", class: "input", "data-testid": "restore-passphrase", autocomplete: "off" });
    const open = el("button", { type: "submit", class: "button", "data-testid": "restore-open", disabled: this.busy }, t("backup.open"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("h4", {}, t("backup.restoreTitle")),
      el("p", { class: "muted hint" }, t("backup.restoreExplain")),
      el("label", { class: "field" }, el("span", {}, t("backup.passphrase")), passphrase),
      open,
      this.said(this.restoreSaid, "restore-said"),
      this.opened ? this.summary(this.opened) : null,
      this.merged ? el("div", { class: "notice restored", role: "status" }, el("p", { "data-testid": "restore-merged" }, mergedText(this.merged.orders)), this.settingsSaid(this.merged)) : null,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      this.busy = true;
      this.merged = null;
      try {
        this.opened = await commands.backupOpen(passphrase.value);
        this.restoreSaid = null;
      } catch (error) {
        this.opened = null;
        this.restoreSaid = { ok: false, text: () => errorSentence(error) };
      }
      this.busy = false;
      this.render();
    });
    return form;
  }

  private summary(opened: BackupSummary): HTMLElement {
    const merge = el("button", { type: "button", class: "button primary", "data-testid": "restore-merge" }, t("backup.merge"));
    merge.addEventListener("click", async () => {
      merge.disabled = true;
      try {
        this.merged = await commands.backupRestore();
        this.opened = null;
        if (this.merged.settingsTaken.length > 0) this.onSettingsTaken();
      } catch (error) {
        this.restoreSaid = { ok: false, text: () => errorSentence(error) };
      }
      this.render();
    });
    return el(
      "div",
      { class: "notice", "data-testid": "restore-summary" },
      el("p", {}, summaryText(opened)),
      opened.hasSecrets ? el("p", {}, t("backup.holdsSecrets")) : null,
      opened.settingsToTake.length > 0 ? el("p", { "data-testid": "restore-settings-to-take" }, settingNamesText("backup.settingsToTake", opened.settingsToTake)) : null,
      merge,
    );
  }

  private settingsSaid(report: RestoreReport): HTMLElement | null {
    if (report.settingsNotSaved) return el("p", { class: "error-detail", role: "alert", "data-testid": "restore-settings" }, t("backup.settingsNotSaved"));
    if (report.settingsTaken.length === 0) return null;
    return el("p", { "data-testid": "restore-settings" }, settingNamesText("backup.settingsTaken", report.settingsTaken));
  }
}

/** The name each setting has on the Settings page. */
const SETTING_LABELS: Record<SettingName, MessageKey> = {
  language: "settings.language",
  defaultContactEmail: "settings.defaultEmail",
  defaultCoin: "settings.defaultCoin",
  gmailstoreUrl: "settings.gmailstoreUrl",
  emailOrderUrl: "settings.emailOrderUrl",
  proxy: "settings.proxy",
  autoCopyCode: "settings.autoCopyCode",
  codeSound: "settings.codeSound",
  watchPaused: "backup.settingWatchPaused",
};

/** A sentence naming settings (`{names}`), each as the Settings page names it. */
export function settingNamesText(key: "backup.settingsTaken" | "backup.settingsToTake", names: SettingName[]): string {
  return t(key, { names: names.map((name) => t(SETTING_LABELS[name])).join(t("backup.listSeparator")) });
}

export function summaryText(s: BackupSummary): string {
  const when = (iso: string | null) => (iso ? shortTime(iso) : "—");
  return t("backup.holds", { madeAt: when(s.madeAt), orders: s.orders, items: s.items, first: when(s.firstOrderAt), last: when(s.lastOrderAt) });
}

export function mergedText(r: MergeReport): string {
  return t("backup.merged", { added: r.added, updated: r.updated, unchanged: r.unchanged, items: r.itemsAdded });
}

/** Where the backup went, and what it could not carry (values this computer can no longer open). */
function writtenText(written: BackupWritten): string {
  const saved = t("backup.saved", { path: written.path });
  return written.leftOut > 0 ? `${saved} ${t("backup.leftOut", { count: written.leftOut })}` : saved;
}
