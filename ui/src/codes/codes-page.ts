// The receive-code emails page: connect the service (address + API key, checked once), choose a
// platform and how many, confirm the total, wait while the service allocates, then watch the codes.

import { append, clear, el } from "../dom";
import { t } from "../i18n/i18n";
import { commands, type EmailOrderSetup, type PlatformView } from "../ipc";
import { lineTotal } from "../checkout/rules";
import { MAX_BUY_COUNT as MAX_COUNT } from "../bindings/constants";
import { codesErrorSentence } from "./messages";
import { CodeOrderScreen } from "./code-order-screen";


export class CodesPage {
  readonly root = el("section", { class: "codes settings", "data-testid": "codes-page" });
  private setup: EmailOrderSetup | null = null;
  private platforms: PlatformView[] = [];
  private problem: unknown = null;
  private editingKey = false;
  private buying = false;
  private confirming: { platform: PlatformView; count: number } | null = null;
  private screen: CodeOrderScreen | null = null;
  /** The address typed in the set-up form, kept when the form is drawn again after an error. */
  private draftUrl: string | null = null;
  /** What the buyer typed and chose in the buy form: the form is drawn again (the platform list
   * arriving, confirming), and what the field shows must stay what is bought. */
  private draftCount = "1";
  private draftPlatform: string | null = null;

  async show(): Promise<void> {
    this.problem = null;
    try {
      this.setup = await commands.emailOrderSetupStatus();
      if (this.setup.url && this.setup.hasApiKey) this.platforms = await commands.emailOrderPlatforms();
    } catch (error) {
      this.problem = error;
    }
    this.render();
  }

  /** Leaves an order screen (stops its checks). */
  leave(): void {
    this.screen?.close();
    this.screen = null;
  }

  render(): void {
    clear(this.root);
    if (this.screen) {
      this.screen.render();
      this.root.append(this.screen.root);
      return;
    }
    append(this.root, el("h2", {}, t("codes.title")), el("p", { class: "muted" }, t("codes.intro")));
    if (this.problem) this.root.append(el("p", { class: "error-detail", role: "alert", "data-testid": "codes-error" }, codesErrorSentence(this.problem)));
    if (!this.setup) return;
    if (!this.setup.url || !this.setup.hasApiKey || this.editingKey) {
      this.root.append(this.setupForm(this.setup));
      return;
    }
    const change = el("button", { type: "button", class: "button small", "data-testid": "codes-change-key" }, t("codes.changeKey"));
    change.addEventListener("click", () => {
      this.editingKey = true;
      this.render();
    });
    append(this.root, el("p", { class: "muted", "data-testid": "codes-connected" }, t("codes.connected", { url: this.setup.url }), " ", change), this.buyForm(), this.openForm());
  }

  private setupForm(setup: EmailOrderSetup): HTMLElement {
    const url = el("input", { type: "text", class: "input", "data-testid": "codes-url", spellcheck: "false" });
    url.value = this.draftUrl ?? setup.url ?? "";
    const key = el("input", { type: "password", class: "input", "data-testid": "codes-key", autocomplete: "off" });
    const save = el("button", { type: "submit", class: "button primary", "data-testid": "codes-save" }, t("codes.save"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("h3", {}, t("codes.setupTitle")),
      el("p", { class: "muted" }, t("codes.setupIntro")),
      el("label", { class: "field" }, el("span", {}, t("codes.url")), url),
      el("label", { class: "field" }, el("span", {}, t("codes.apiKey")), key),
      save,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      save.disabled = true;
      this.draftUrl = url.value;
      try {
        this.setup = await commands.emailOrderSetup(url.value, key.value);
        this.draftUrl = null;
        this.editingKey = false;
        key.value = "";
        await this.show();
      } catch (error) {
        this.problem = error;
        this.render();
      }
    });
    return form;
  }

  private buyForm(): HTMLElement {
    const platform = el("select", { class: "select", "data-testid": "codes-platform" });
    for (const p of this.platforms) platform.append(el("option", { value: p.id }, `${p.name} · ${p.price}`));
    if (this.draftPlatform && this.platforms.some((p) => p.id === this.draftPlatform)) platform.value = this.draftPlatform;
    const count = el("input", { type: "number", class: "input", "data-testid": "codes-count", min: "1", max: String(MAX_COUNT) });
    count.value = this.draftCount;
    const total = el("p", { class: "checkout-total", "data-testid": "codes-total" });
    const chosen = () => this.platforms.find((p) => p.id === platform.value);
    const parsed = () => (/^\s*\d+\s*$/.test(count.value) ? Number.parseInt(count.value, 10) : Number.NaN);
    const update = () => {
      const p = chosen();
      const n = parsed();
      total.textContent = p && n >= 1 && n <= MAX_COUNT ? t("codes.total", { total: lineTotal(p.price, n) }) : t("codes.countRule", { max: MAX_COUNT });
    };
    platform.addEventListener("change", () => {
      this.draftPlatform = platform.value;
      update();
    });
    count.addEventListener("input", () => {
      this.draftCount = count.value;
      update();
    });
    update();
    const buy = el("button", { type: "submit", class: "button primary", "data-testid": "codes-buy", disabled: this.buying }, t("codes.buy"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("label", { class: "field" }, el("span", {}, t("codes.platform")), platform),
      el("label", { class: "field" }, el("span", {}, t("codes.count")), count, el("span", { class: "muted hint" }, t("codes.countRule", { max: MAX_COUNT }))),
      total,
      buy,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const p = chosen();
      const n = parsed();
      if (!p || !(n >= 1 && n <= MAX_COUNT)) return;
      this.confirming = { platform: p, count: n };
      this.render();
    });
    if (this.confirming) form.append(this.confirmBox(this.confirming.platform, this.confirming.count));
    if (this.buying) form.append(el("p", { class: "notice", "data-testid": "codes-buying", "aria-busy": "true" }, t("codes.buying")));
    return form;
  }

  private confirmBox(platform: PlatformView, count: number): HTMLElement {
    const yes = el("button", { type: "button", class: "button primary", "data-testid": "codes-confirm" }, t("codes.confirmYes"));
    const no = el("button", { type: "button", class: "button", "data-testid": "codes-cancel" }, t("checkout.cancel"));
    yes.addEventListener("click", async () => {
      this.confirming = null;
      this.buying = true;
      this.problem = null;
      this.render();
      try {
        const view = await commands.emailOrderBuy(platform.id, count);
        this.screen = new CodeOrderScreen(view, () => this.backToList());
      } catch (error) {
        this.problem = error;
      }
      this.buying = false;
      this.render();
    });
    no.addEventListener("click", () => {
      this.confirming = null;
      this.render();
    });
    return el(
      "div",
      { class: "notice", "data-testid": "codes-confirm-box" },
      el("p", {}, t("codes.confirm", { count, platform: platform.name, total: lineTotal(platform.price, count) })),
      yes,
      no,
    );
  }

  private openForm(): HTMLElement {
    const orderNo = el("input", { type: "text", class: "input mono", "data-testid": "codes-open-no", spellcheck: "false" });
    const open = el("button", { type: "submit", class: "button", "data-testid": "codes-open" }, t("codes.open"));
    const form = el("form", { class: "settings-form" }, el("h3", {}, t("codes.openTitle")), el("label", { class: "field" }, el("span", {}, t("codes.openOrderNo")), orderNo), open);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        this.screen = new CodeOrderScreen(await commands.emailOrderOpen(orderNo.value), () => this.backToList());
        this.problem = null;
      } catch (error) {
        this.problem = error;
      }
      this.render();
    });
    return form;
  }

  private backToList(): void {
    this.screen = null;
    this.render();
  }
}
