// The checkout form: quantity (quoted by Rust as it is typed: its exact total or the rule it
// breaks), contact email, coupon, and how to pay. Every rule lives in Rust (`checkout/rules.rs`).

import { append, clear, el } from "../dom";
import { ruleSentence, sentenceWithDetails } from "../errors";
import { language, t, type MessageKey } from "../i18n/i18n";
import { commands, toCommandError, type CheckoutView, type LoginStatus, type PaymentOptions, type ProductView } from "../ipc";
import type { Coin } from "../bindings/Coin";
import type { PaymentMethod } from "../bindings/PaymentMethod";
import { currentSettings, setCurrentSettings } from "../context";
import { productName } from "../catalogue/products";
import { coinLabel, coins } from "./coins";
import { LoginForm } from "./login-form";
import { MAX_QUANTITY, PAYMENT_METHODS } from "../bindings/constants";
import { navigateTo } from "../navigation";
import { prefillLookup } from "../lookup/prefill";
import type { Reorder } from "./reorder";


export class CheckoutForm {
  readonly root = el("section", { class: "checkout", "data-testid": "checkout" });
  private method: PaymentMethod = PAYMENT_METHODS[0];
  private options: PaymentOptions = { alipay: false, wechat: false };
  private login: LoginStatus = { loggedIn: false, email: null, balance: null, balanceCrypto: null };
  private busy = false;
  private readonly quantity = el("input", { type: "number", class: "input", "data-testid": "checkout-quantity", inputmode: "numeric" });
  private readonly email = el("input", { type: "email", class: "input", "data-testid": "checkout-email", autocomplete: "email" });
  private readonly coupon = el("input", { type: "text", class: "input", "data-testid": "checkout-coupon", autocomplete: "off" });
  private readonly coin = el("select", { class: "select", "data-testid": "checkout-coin" });
  private readonly message = el("div", { class: "checkout-message", role: "alert", "data-testid": "checkout-message" });

  constructor(
    private readonly product: ProductView,
    private readonly onPlaced: (view: CheckoutView) => void,
    private readonly onCancel: () => void,
    /** "Buy again": an earlier order's quantity, email and payment, in place of the defaults. */
    prefill?: Reorder,
  ) {
    this.quantity.value = String(prefill?.quantity ?? product.orderMin);
    const settings = currentSettings();
    this.email.value = prefill?.email ?? settings?.defaultContactEmail ?? "";
    this.fillCoins();
    // Rust's coin list puts the default first.
    this.coin.value = prefill?.coin ?? settings?.defaultCoin ?? coins()[0].coin;
    if (prefill?.method) this.method = prefill.method;
    this.quantity.addEventListener("input", () => void this.renderTotal());
    void this.loadContext();
  }

  private async loadContext(): Promise<void> {
    const [options, login] = await Promise.allSettled([commands.paymentOptions(), commands.loginStatus()]);
    if (options.status === "fulfilled") this.options = options.value;
    // A cashier the store no longer offers (an earlier order's, bought again): the first method.
    if ((this.method === "alipay" && !this.options.alipay) || (this.method === "wechat" && !this.options.wechat)) this.method = PAYMENT_METHODS[0];
    if (login.status === "fulfilled") this.login = login.value;
    this.render();
  }

  private readonly total = el("p", { class: "checkout-total", "data-testid": "checkout-total" });

  /** Which quote the total shows: an answer to an older keystroke is dropped. */
  private quoteAsked = 0;

  private async renderTotal(): Promise<void> {
    const asked = ++this.quoteAsked;
    const quote = await commands.checkoutQuote(this.product, this.quantity.value).catch(() => null);
    if (asked !== this.quoteAsked) return;
    this.total.textContent = quote?.total ? t("checkout.total", { total: quote.total }) : "";
  }

  /** The coin picker's options, their networks named in the current language (kept chosen). */
  private fillCoins(): void {
    const chosen = this.coin.value;
    clear(this.coin);
    for (const info of coins()) this.coin.append(el("option", { value: info.coin }, coinLabel(info.coin)));
    if (chosen) this.coin.value = chosen;
  }

  render(): void {
    clear(this.root);
    this.fillCoins();
    const { orderMin: min, orderMax: max } = this.product;
    const methods = el("div", { class: "methods", role: "radiogroup", "data-testid": "checkout-methods" });
    for (const method of PAYMENT_METHODS) {
      if ((method === "alipay" && !this.options.alipay) || (method === "wechat" && !this.options.wechat)) continue;
      const radio = el("input", { type: "radio", name: "method", value: method, "data-testid": `method-${method}`, checked: method === this.method });
      radio.addEventListener("change", () => {
        this.method = method;
        this.render();
      });
      methods.append(el("label", { class: "check" }, radio, el("span", {}, t(`checkout.method.${method}` as MessageKey))));
    }
    const submit = el("button", { type: "submit", class: "button primary", "data-testid": "checkout-submit", disabled: this.busy }, t(this.busy ? "checkout.placing" : "checkout.submit"));
    const cancel = el("button", { type: "button", class: "button", "data-testid": "checkout-cancel" }, t("checkout.cancel"));
    cancel.addEventListener("click", this.onCancel);
    const form = el("form", { class: "settings-form" });
    append(
      form,
      el("h2", {}, t("checkout.title", { product: productName(this.product, language()) })),
      el("label", { class: "field" }, el("span", {}, t("checkout.quantity")), this.quantity, el("span", { class: "muted hint", "data-testid": "checkout-rule" }, t("checkout.quantityRule", { min, max, stock: this.product.stock, most: MAX_QUANTITY }))),
      el("label", { class: "field" }, el("span", {}, t("checkout.email")), this.email),
      el("label", { class: "field" }, el("span", {}, t("checkout.coupon")), this.coupon),
      el("fieldset", { class: "field" }, el("legend", {}, t("checkout.method")), methods),
      this.method === "crypto" ? el("label", { class: "field" }, el("span", {}, t("checkout.coin")), this.coin) : null,
      this.method === "balance_cny" || this.method === "balance_crypto"
        ? new LoginForm(this.login, (status) => {
            this.login = status;
          }).root
        : null,
      this.total,
      el("p", { class: "muted hint" }, t("checkout.totalNote")),
      this.message,
      el("div", { class: "toolbar" }, submit, cancel),
      this.busy ? el("p", { class: "muted", "data-testid": "checkout-placing-note" }, t("checkout.placingNote")) : null,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.root.append(form);
    void this.renderTotal();
  }

  private say(text: string, kind = "error"): void {
    this.message.textContent = text;
    this.message.dataset.kind = kind;
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let quantity: number;
    try {
      // The same quote as the total's: a rule broken is said before anything reaches the store.
      const quote = await commands.checkoutQuote(this.product, this.quantity.value);
      if (quote.problem || quote.quantity === null) {
        this.busy = false;
        this.say(quote.problem ? ruleSentence(quote.problem) : t("rule.notWhole"));
        return;
      }
      quantity = quote.quantity;
    } catch (error) {
      this.busy = false;
      this.say(sentenceWithDetails(error));
      return;
    }
    this.say("", "none");
    this.render();
    try {
      // The email, the coin and the login are checked by Rust with the store's fresh product.
      const view = await commands.checkoutCreate({
        productId: this.product.id,
        quantity,
        contactEmail: this.email.value.trim(),
        paymentMethod: this.method,
        coin: this.method === "crypto" ? (this.coin.value as Coin) : undefined,
        couponCode: this.coupon.value.trim() || undefined,
      });
      // Rust kept this contact email as the new default: the next form must offer it.
      try {
        setCurrentSettings(await commands.settingsGet());
      } catch {
        // The order is placed; a stale default email is no reason to hide it.
      }
      this.onPlaced(view);
      return;
    } catch (error) {
      const { kind, orderNo, rule } = toCommandError(error);
      this.busy = false;
      if (rule?.rule === "loginNeeded") this.login = { loggedIn: false, email: null, balance: null, balanceCrypto: null };
      this.render();
      if (rule) this.say(ruleSentence(rule), kind);
      else if (kind === "orderMayExist") {
        // With the store's order number when its answer came but could not be saved here: the
        // buyer needs it (and the contact email) for the lookup.
        if (orderNo) {
          this.say(t("checkout.orderNotSaved", { orderNo }), kind);
        } else {
          this.say(t("checkout.orderMayExist"), kind);
        }
        const email = this.email.value.trim();
        const lookup = el("button", { type: "button", class: "button small", "data-testid": "checkout-lookup" }, t("nav.lookup"));
        lookup.addEventListener("click", () => {
          prefillLookup({ email: email || null, orderNo: orderNo ?? null });
          navigateTo("lookup");
        });
        this.message.append(" ", lookup);
      }
      else if (kind === "insufficientBalance") this.say(t("checkout.insufficientBalance"), kind);
      else if (kind === "loggedInAgain") {
        // Logged in again by the app: the balance shown comes from the new login.
        void this.loadContext();
        this.say(t("error.loggedInAgain"), kind);
      }
      else if (kind === "unauthorized") {
        this.login = { loggedIn: false, email: null, balance: null, balanceCrypto: null };
        this.render();
        this.say(t("checkout.loginNeeded"), kind);
      } else this.say(sentenceWithDetails(error), kind);
    }
  }
}

