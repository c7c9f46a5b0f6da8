// The first-run guide: for someone who has never used such a store, what the two stores are, how
// saved data is protected (and what a passphrase means where there is no keychain), how to try
// everything without money, and where the settings are. Shown above the pages until the buyer
// closes it (remembered in the settings), and again from Settings on request. Never in the way:
// it is a panel, not a dialog, so the vault's question and the catalogue stay usable beside it.

import { clear, el } from "../dom";
import { t, type MessageKey } from "../i18n/i18n";
import type { AppInfo } from "../ipc";

export class FirstRunGuide {
  readonly root = el("section", { class: "guide", "data-testid": "guide", "aria-labelledby": "guide-title" });
  private shown: boolean;

  constructor(
    private readonly info: AppInfo | null,
    seen: boolean,
    /** Remembers that the buyer closed it (saves the setting). */
    private readonly onClosed: () => void,
    private readonly onOpenSettings: () => void,
  ) {
    this.shown = !seen;
  }

  /** Shows it again (Settings' "Show the guide"). */
  open(): void {
    this.shown = true;
    this.render();
    this.root.scrollIntoView?.({ block: "start" });
  }

  render(): void {
    clear(this.root);
    this.root.hidden = !this.shown;
    if (!this.shown) return;
    const vault = this.info?.vault;
    const byPassphrase = vault?.problem === "noKeychain" || vault?.problem === "passphraseNeeded" || vault?.protection === "passphrase";
    const vaultText: MessageKey = byPassphrase ? "guide.vaultNoKeychain" : "guide.vaultKeychain";
    const close = el("button", { type: "button", class: "button primary", "data-testid": "guide-close" }, t("guide.close"));
    close.addEventListener("click", () => {
      this.shown = false;
      this.render();
      this.onClosed();
    });
    const settings = el("button", { type: "button", class: "button", "data-testid": "guide-settings" }, t("guide.openSettings"));
    settings.addEventListener("click", this.onOpenSettings);
    const part = (title: MessageKey, ...texts: MessageKey[]) =>
      el("div", { class: "guide-part", "data-testid": "guide-part" }, el("h3", {}, t(title)), ...texts.map((text) => el("p", {}, t(text))));
    this.root.append(
      el("h2", { id: "guide-title" }, t("guide.title")),
      el("div", { class: "guide-parts" },
        part("guide.storesTitle", "guide.gmailstore", "guide.codes"),
        part("guide.vaultTitle", vaultText, "guide.vaultPassphrase"),
        part("guide.demoTitle", this.info?.demo ? "guide.demoHere" : "guide.demoHow", "guide.demoApart"),
        part("guide.settingsTitle", "guide.settings"),
      ),
      el("div", { class: "guide-actions" }, close, settings),
    );
  }
}
