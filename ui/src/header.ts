// The header: brand, the store in use when it is not the real one, and the language switch.

import { append, clear, el } from "./dom";
import { language, setLanguage, t, type Language } from "./i18n/i18n";
import type { AppInfo } from "./ipc";

const REAL_STORE = "https://getgmailstore.com/api";
const LANGUAGE_NAMES: Record<Language, string> = { zh: "中文", en: "English" };

export class Header {
  readonly root = el("header", { class: "app-header" });

  constructor(private readonly info: AppInfo | null) {}

  render(): void {
    clear(this.root);
    const switcher = el("div", { class: "language-switch", role: "group", "data-testid": "language-switch" });
    switcher.setAttribute("aria-label", t("lang.switch"));
    for (const code of ["zh", "en"] as const) {
      const button = el(
        "button",
        { type: "button", class: "button small", "data-testid": `lang-${code}`, "aria-pressed": String(code === language()) },
        LANGUAGE_NAMES[code],
      );
      button.addEventListener("click", () => setLanguage(code));
      switcher.append(button);
    }
    const storeUrl = this.info?.gmailstoreUrl;
    append(
      this.root,
      el("div", { class: "brand" }, el("span", { class: "logo", "aria-hidden": "true" }), el("span", {}, t("app.title"))),
      el("nav", { class: "nav" }, el("span", { class: "nav-item active" }, t("nav.catalogue"))),
      storeUrl && storeUrl.replace(/\/$/, "") !== REAL_STORE
        ? el("span", { class: "store-badge", "data-testid": "store-badge" }, t("store.notDefault", { url: storeUrl }))
        : null,
      switcher,
    );
  }
}
