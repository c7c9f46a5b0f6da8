// The catalogue: search, refresh, the product grid, and a product's detail.

import { clear, el } from "../dom";
import { errorPanel } from "../errors";
import { t } from "../i18n/i18n";
import { commands, type ProductView } from "../ipc";
import { productCard } from "./product-card";
import { ProductDetail } from "./product-detail";
import { CheckoutForm } from "../checkout/checkout-form";
import { PaymentScreen } from "../checkout/payment-screen";
import { filterProducts } from "./products";

type ListState =
  | { status: "loading" }
  | { status: "loaded"; products: ProductView[] }
  | { status: "error"; error: unknown };

export class CataloguePage {
  readonly root = el("section", { class: "catalogue", "data-testid": "catalogue" });
  private list: ListState = { status: "loading" };
  private query = "";
  private detail: ProductDetail | null = null;
  private checkout: CheckoutForm | null = null;
  private payment: PaymentScreen | null = null;
  private readonly search = el("input", {
    type: "search",
    class: "search",
    "data-testid": "search",
    autocomplete: "off",
    spellcheck: "false",
  });
  private readonly refreshButton = el("button", { type: "button", class: "button", "data-testid": "refresh" });
  private readonly toolbar = el("div", { class: "toolbar" }, this.search, this.refreshButton);
  private readonly body = el("div", { class: "catalogue-body" });

  constructor() {
    this.search.addEventListener("input", () => {
      this.query = this.search.value;
      this.renderBody();
    });
    this.refreshButton.addEventListener("click", () => void this.load());
    this.root.append(this.toolbar, this.body);
    void this.load();
  }

  async load(): Promise<void> {
    this.list = { status: "loading" };
    this.render();
    try {
      this.list = { status: "loaded", products: await commands.listProducts() };
    } catch (error) {
      this.list = { status: "error", error };
    }
    this.render();
  }

  render(): void {
    this.search.placeholder = t("catalogue.searchPlaceholder");
    this.search.setAttribute("aria-label", t("catalogue.search"));
    this.refreshButton.textContent = t("catalogue.refresh");
    this.refreshButton.disabled = this.list.status === "loading";
    const inner = this.payment ?? this.checkout ?? this.detail;
    if (inner) {
      this.toolbar.hidden = true;
      inner.render();
      clear(this.body);
      this.body.append(inner.root);
      return;
    }
    this.toolbar.hidden = false;
    this.renderBody();
  }

  private renderBody(): void {
    if (this.detail || this.checkout || this.payment) return;
    clear(this.body);
    const list = this.list;
    if (list.status === "loading") {
      this.body.append(el("p", { class: "muted loading", "data-testid": "loading", "aria-busy": "true" }, t("catalogue.loading")));
      return;
    }
    if (list.status === "error") {
      this.body.append(errorPanel(list.error, () => void this.load()));
      return;
    }
    if (list.products.length === 0) {
      this.body.append(el("p", { class: "muted", "data-testid": "empty" }, t("catalogue.empty")));
      return;
    }
    const shown = filterProducts(list.products, this.query);
    this.body.append(
      el("p", { class: "muted count", "data-testid": "count" }, t("catalogue.count", { shown: shown.length, total: list.products.length })),
    );
    if (shown.length === 0) {
      this.body.append(el("p", { class: "muted", "data-testid": "no-match" }, t("catalogue.noMatch", { query: this.query.trim() })));
      return;
    }
    this.body.append(el("div", { class: "product-grid" }, ...shown.map((p) => productCard(p, (chosen) => this.open(chosen)))));
  }

  private open(product: ProductView): void {
    this.detail = new ProductDetail(
      product,
      () => {
        this.detail = null;
        this.render();
      },
      (chosen) => this.buy(chosen),
    );
    this.render();
  }

  private buy(product: ProductView): void {
    this.checkout = new CheckoutForm(
      product,
      (view) => {
        this.checkout = null;
        this.payment = new PaymentScreen(view);
        this.render();
      },
      () => {
        this.checkout = null;
        this.render();
      },
    );
    this.render();
  }

  /** Back to the product list (leaves a payment screen; its order stays in Orders). */
  home(): void {
    this.payment?.close();
    this.payment = null;
    this.checkout = null;
    this.detail = null;
    this.render();
  }
}
