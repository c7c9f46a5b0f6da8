// The header: brand, navigation, the store in use when it is not the real one, and the language
// switch.

import { append, clear, el } from "./dom";
import { language, t, type Language } from "./i18n/i18n";
import type { AppInfo } from "./ipc";

const REAL_STORE = "https://getgmailstore.com/api";
const LANGUAGE_NAMES: Record<Language, string> = { zh: "中文", en: "English" };

export type Page = "catalogue" | "watch" | "codes" | "orders" | "lookup" | "settings";
const PAGES: Page[] = ["catalogue", "watch", "codes", "orders", "lookup", "settings"];

export class Header {
  readonly root = el("header", { class: "app-header" });

  constructor(
    private readonly info: AppInfo | null,
    private readonly currentPage: () => Page,
    private readonly onNavigate: (page: Page) => void,
    private readonly onLanguage: (language: Language) => void,
  ) {}

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
      button.addEventListener("click", () => this.onLanguage(code));
      switcher.append(button);
    }
    const nav = el("nav", { class: "nav" });
    for (const page of PAGES) {
      const link = el(
        "button",
        { type: "button", class: page === this.currentPage() ? "nav-item active" : "nav-item", "data-testid": `nav-${page}`, "aria-current": page === this.currentPage() ? "page" : undefined },
        t(`nav.${page}`),
      );
      link.addEventListener("click", () => this.onNavigate(page));
      nav.append(link);
    }
    const storeUrl = this.info?.gmailstoreUrl;
    append(
      this.root,
      el("div", { class: "brand" }, el("span", { class: "logo", "aria-hidden": "true" }), el("span", {}, t("app.title"))),
      nav,
      this.info?.demo ? el("span", { class: "demo-badge", "data-testid": "demo-badge", title: t("demo.hint") }, t("demo.badge")) : null,
      storeUrl && storeUrl.replace(/\/$/, "") !== REAL_STORE
        ? el("span", { class: "store-badge", "data-testid": "store-badge" }, t("store.notDefault", { url: storeUrl }))
        : null,
      switcher,
    );
  }
}
