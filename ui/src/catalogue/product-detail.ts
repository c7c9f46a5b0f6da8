// A product's detail view: shows what the list knew at once, then the store's latest answer.

import { clear, el } from "../dom";
import { errorPanel } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, type ProductView } from "../ipc";
import { productName } from "./products";
import { language } from "../i18n/i18n";
import { alertBadge, backButton, priceMarkForm, starButton, watchProblem, type PriceDraft } from "../watch/watch-controls";
import { watchOf } from "../watch/watches";

type DetailState =
  | { status: "loading"; product: ProductView }
  | { status: "loaded"; product: ProductView }
  | { status: "error"; product: ProductView; error: unknown };

export class ProductDetail {
  private state: DetailState;
  /** Why the last change of a watch mark failed (e.g. a price mark that is no amount). */
  private watchProblem: unknown = null;
  /** The price mark as typed, kept across redraws until it is saved. */
  private readonly priceDraft: PriceDraft = { text: null };
  readonly root = el("section", { class: "product-detail", "data-testid": "product-detail" });

  constructor(
    product: ProductView,
    private readonly onBack: () => void,
    private readonly onBuy: (product: ProductView) => void,
    /** False when the card came from the list kept from an earlier start: then Buy waits for the
     *  store's answer about this product, so nothing is offered at a price that may be old. */
    private readonly cardIsCurrent = true,
  ) {
    this.state = { status: "loading", product };
    void this.load();
  }

  private async load(): Promise<void> {
    const known = this.state.product;
    this.state = { status: "loading", product: known };
    this.render();
    try {
      this.state = { status: "loaded", product: await commands.getProduct(known.id) };
    } catch (error) {
      this.state = { status: "error", product: known, error };
    }
    this.render();
  }

  private buyButton(product: ProductView): HTMLElement {
    const buy = el("button", { type: "button", class: "button primary", "data-testid": "buy" }, t("product.buy"));
    buy.addEventListener("click", () => this.onBuy(product));
    return buy;
  }

  /** The marks changed (here or elsewhere): drawn again, the last problem gone. */
  watchesChanged(): void {
    this.watchProblem = null;
    this.render();
  }

  private readonly onWatchProblem = (problem: unknown): void => {
    this.watchProblem = problem;
    this.render();
  };

  render(): void {
    const { product } = this.state;
    const back = el("button", { type: "button", class: "button", "data-testid": "detail-back" }, `← ${t("detail.back")}`);
    back.addEventListener("click", this.onBack);
    const row = (label: MessageKey, value: string, testid: string) =>
      el("div", { class: "detail-row" }, el("dt", {}, t(label)), el("dd", { "data-testid": testid }, value));
    clear(this.root);
    this.root.append(
      back,
      el("div", { class: "card-top" }, el("h2", { class: "detail-title", "data-testid": "detail-name" }, productName(product, language())), starButton(product, this.onWatchProblem)),
      // The Buy button first, so it does not move under the pointer when the store's answer
      // replaces the "checking" line below it.
      product.soldOut ? el("p", { class: "badge sold-out-badge", "data-testid": "sold-out" }, t("detail.soldOutNote")) : "",
      product.soldOut || (!this.cardIsCurrent && this.state.status !== "loaded") ? "" : this.buyButton(product),
      this.state.status === "loading" ? el("p", { class: "muted", "data-testid": "detail-loading" }, t("detail.loading")) : "",
      el("div", { class: "watch-controls" }, alertBadge(watchOf(product.id)), backButton(product, this.onWatchProblem), priceMarkForm(product, this.onWatchProblem, this.priceDraft)),
      this.watchProblem ? watchProblem(this.watchProblem) : "",
      this.state.status === "error" ? errorPanel(this.state.error, () => void this.load()) : "",
      el(
        "dl",
        { class: "detail-list" },
        row("detail.price", `${t("product.price", { price: product.price })} ${t("product.perUnit")}`, "detail-price"),
        row("detail.stock", String(product.stock), "detail-stock"),
        row("detail.minQuantity", String(product.minQuantity), "detail-min"),
        row("detail.nameZh", product.nameZh, "detail-name-zh"),
        row("detail.nameEn", product.nameEn, "detail-name-en"),
        row("detail.slug", product.slug, "detail-slug"),
        row("detail.id", product.id, "detail-id"),
      ),
    );
  }
}
