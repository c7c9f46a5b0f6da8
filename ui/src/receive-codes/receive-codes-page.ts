// The receive-code emails page: connect the service (address + API key, checked once), choose a
// platform and how many, confirm the total, wait while the service allocates, then watch the codes.

import { append, clear, el } from "../dom";
import { t } from "../i18n/i18n";
import { commands, toCommandError, type CodeOrderView, type ReceiveCodesSetup, type PlatformView } from "../ipc";
import { MAX_BUY_COUNT } from "../bindings/constants";
import { ruleSentence } from "../errors";
import { codesErrorSentence } from "./messages";
import { CodeOrderScreen } from "./code-order-screen";


export class ReceiveCodesPage {
  readonly root = el("section", { class: "codes settings", "data-testid": "codes-page" });
  private setup: ReceiveCodesSetup | null = null;
  private platforms: PlatformView[] = [];
  private problem: unknown = null;
  private editingKey = false;
  private buying = false;
  private confirming: { platform: PlatformView; count: number; total: string } | null = null;
  /** The total line as last shown: a form drawn again starts with it, so the line does not go
   *  empty and come back (moving the buttons below it under the buyer's pointer). */
  private totalText = "";
  /** Which quote the total shows: an answer to an older keystroke is dropped. */
  private quoteAsked = 0;
  private screen: CodeOrderScreen | null = null;
  /** The address typed in the set-up form, kept when the form is drawn again after an error. */
  private draftUrl: string | null = null;
  /** What the buyer typed and chose in the buy form: the form is drawn again (the platform list
   * arriving, confirming), and what the field shows must stay what is bought. */
  private draftCount = "1";
  private draftPlatform: string | null = null;

  /** What the page was last drawn from by `show`: drawn again only when that changed, since a
   *  form drawn anew under the buyer's pointer (about to press "Yes, buy") loses the click. */
  private shownFrom: string | null = null;

  async show(): Promise<void> {
    this.problem = null;
    try {
      this.setup = await commands.receiveCodesSetupStatus();
      if (this.setup.url && this.setup.hasApiKey) this.platforms = await commands.receiveCodesPlatforms();
    } catch (error) {
      this.problem = error;
    }
    const from = JSON.stringify([this.setup, this.platforms, this.problem === null ? null : toCommandError(this.problem)]);
    if (from === this.shownFrom) return;
    this.shownFrom = from;
    this.render();
  }

  /** Leaves an order screen (stops its checks); the page is drawn anew when shown again. */
  leave(): void {
    this.screen?.close();
    this.screen = null;
    this.shownFrom = null;
  }

  render(): void {
    clear(this.root);
    if (this.screen) {
      this.screen.render();
      this.root.append(this.screen.root);
      return;
    }
    append(this.root, el("h2", {}, t("receiveCodes.title")), el("p", { class: "muted" }, t("receiveCodes.intro")));
    if (this.problem) this.root.append(el("p", { class: "error-detail", role: "alert", "data-testid": "codes-error" }, codesErrorSentence(this.problem)));
    if (!this.setup) return;
    if (!this.setup.url || !this.setup.hasApiKey || this.editingKey) {
      this.root.append(this.setupForm(this.setup));
      return;
    }
    const change = el("button", { type: "button", class: "button small", "data-testid": "codes-change-key" }, t("receiveCodes.changeKey"));
    change.addEventListener("click", () => {
      this.editingKey = true;
      this.render();
    });
    append(this.root, el("p", { class: "muted", "data-testid": "codes-connected" }, t("receiveCodes.connected", { url: this.setup.url }), " ", change), this.buyForm(), this.openForm());
  }

  private setupForm(setup: ReceiveCodesSetup): HTMLElement {
    const url = el("input", { type: "text", class: "input", "data-testid": "codes-url", spellcheck: "false" });
    url.value = this.draftUrl ?? setup.url ?? "";
    const key = el("input", { type: "password", class: "input", "data-testid": "codes-key", autocomplete: "off" });
    const save = el("button", { type: "submit", class: "button primary", "data-testid": "codes-save" }, t("receiveCodes.save"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("h3", {}, t("receiveCodes.setupTitle")),
      el("p", { class: "muted" }, t("receiveCodes.setupIntro")),
      el("label", { class: "field" }, el("span", {}, t("receiveCodes.url")), url),
      el("label", { class: "field" }, el("span", {}, t("receiveCodes.apiKey")), key),
      save,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      save.disabled = true;
      this.draftUrl = url.value;
      try {
        this.setup = await commands.receiveCodesSetup(url.value, key.value);
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
    const count = el("input", { type: "number", class: "input", "data-testid": "codes-count", min: "1", max: String(MAX_BUY_COUNT) });
    count.value = this.draftCount;
    const total = el("p", { class: "checkout-total", "data-testid": "codes-total" }, this.totalText);
    const showTotal = (text: string) => {
      this.totalText = text;
      if (total.textContent !== text) total.textContent = text;
    };
    const chosen = () => this.platforms.find((p) => p.id === platform.value);
    // Rust reads the count and prices it (`receive_codes::quote_count`): no rule is copied here.
    const quote = async () => {
      const p = chosen();
      const asked = ++this.quoteAsked;
      const quoted = p ? await commands.receiveCodesQuote(p.price, count.value).catch(() => null) : null;
      return asked === this.quoteAsked ? { platform: p, quoted } : null;
    };
    const update = async () => {
      const answer = await quote();
      if (!answer) return;
      const { quoted } = answer;
      showTotal(quoted?.total ? t("receiveCodes.total", { total: quoted.total }) : t("receiveCodes.countRule", { max: MAX_BUY_COUNT }));
    };
    platform.addEventListener("change", () => {
      this.draftPlatform = platform.value;
      void update();
    });
    count.addEventListener("input", () => {
      this.draftCount = count.value;
      void update();
    });
    void update();
    const buy = el("button", { type: "submit", class: "button primary", "data-testid": "codes-buy", disabled: this.buying }, t("receiveCodes.buy"));
    const form = el(
      "form",
      { class: "settings-form" },
      el("label", { class: "field" }, el("span", {}, t("receiveCodes.platform")), platform),
      el("label", { class: "field" }, el("span", {}, t("receiveCodes.count")), count, el("span", { class: "muted hint" }, t("receiveCodes.countRule", { max: MAX_BUY_COUNT }))),
      total,
      buy,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void quote().then((answer) => {
        const { platform: p, quoted } = answer ?? {};
        if (!p || !quoted) return;
        if (quoted.problem || quoted.quantity === null || quoted.total === null) {
          showTotal(quoted.problem ? ruleSentence(quoted.problem) : t("receiveCodes.countRule", { max: MAX_BUY_COUNT }));
          return;
        }
        this.confirming = { platform: p, count: quoted.quantity, total: quoted.total };
        this.render();
      });
    });
    if (this.confirming) form.append(this.confirmBox(this.confirming));
    if (this.buying) form.append(el("p", { class: "notice", "data-testid": "codes-buying", "aria-busy": "true" }, t("receiveCodes.buying")));
    return form;
  }

  private confirmBox({ platform, count, total }: { platform: PlatformView; count: number; total: string }): HTMLElement {
    const yes = el("button", { type: "button", class: "button primary", "data-testid": "codes-confirm" }, t("receiveCodes.confirmYes"));
    const no = el("button", { type: "button", class: "button", "data-testid": "codes-cancel" }, t("checkout.cancel"));
    yes.addEventListener("click", async () => {
      this.confirming = null;
      this.buying = true;
      this.problem = null;
      this.render();
      try {
        const view = await commands.receiveCodesBuy(platform.id, count);
        this.screen = this.orderScreen(view);
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
      el("p", {}, t("receiveCodes.confirm", { count, platform: platform.name, total })),
      yes,
      no,
    );
  }

  private openForm(): HTMLElement {
    const orderNo = el("input", { type: "text", class: "input mono", "data-testid": "codes-open-no", spellcheck: "false" });
    const open = el("button", { type: "submit", class: "button", "data-testid": "codes-open" }, t("receiveCodes.open"));
    const form = el("form", { class: "settings-form" }, el("h3", {}, t("receiveCodes.openTitle")), el("label", { class: "field" }, el("span", {}, t("receiveCodes.openOrderNo")), orderNo), open);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        this.screen = this.orderScreen(await commands.receiveCodesOpen(orderNo.value));
        this.problem = null;
      } catch (error) {
        this.problem = error;
      }
      this.render();
    });
    return form;
  }

  private orderScreen(view: CodeOrderView): CodeOrderScreen {
    return new CodeOrderScreen(
      view,
      () => this.backToList(),
      (platformId, count) => void this.buyAgain(platformId, count),
    );
  }

  /** The buy form with an earlier order's platform and count, at the same confirmation of the
   *  total as a typed buy: the price is today's, from the service's list. */
  private async buyAgain(platformId: string, count: number): Promise<void> {
    this.screen = null;
    this.draftPlatform = platformId;
    this.draftCount = String(count);
    this.confirming = null;
    this.problem = null;
    try {
      this.platforms = await commands.receiveCodesPlatforms();
      const platform = this.platforms.find((p) => p.id === platformId);
      if (!platform) {
        this.problem = { kind: "notFound", message: "this platform is no longer offered" };
      } else {
        const quoted = await commands.receiveCodesQuote(platform.price, this.draftCount);
        if (quoted.quantity !== null && quoted.total !== null && !quoted.problem) this.confirming = { platform, count: quoted.quantity, total: quoted.total };
      }
    } catch (error) {
      this.problem = error;
    }
    this.shownFrom = null;
    this.render();
  }

  private backToList(): void {
    this.screen = null;
    this.render();
  }
}
