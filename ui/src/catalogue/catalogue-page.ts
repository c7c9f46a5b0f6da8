// The catalogue: search, refresh, the product grid, and a product's detail.

import { clear, el } from "../dom";
import { errorPanel, errorSentence } from "../errors";
import { shortTime } from "../orders/format";
import { t } from "../i18n/i18n";
import { commands, toCommandError, type ProductView } from "../ipc";
import { takeReorder, type Reorder } from "../checkout/reorder";
import type { LastCatalogue } from "../bindings/LastCatalogue";
import { productCard } from "./product-card";
import { ProductDetail } from "./product-detail";
import { CheckoutForm } from "../checkout/checkout-form";
import { PaymentScreen } from "../checkout/payment-screen";
import { filterProducts } from "./products";
import { watchProblem } from "../watch/watch-controls";
import { newestAlert, onWatchesChange } from "../watch/watches";

/** When the list on screen is the one kept from an earlier start rather than the store's answer
 *  now: its time, and whether asking the store again failed. */
type Kept = { fetchedAt: string; storeFailed: boolean; error?: unknown };

type ListState =
  | { status: "loading" }
  | { status: "loaded"; products: ProductView[]; kept?: Kept }
  | { status: "error"; error: unknown };

/** The catalogue's first two requests: the list kept from the last start and the store's. They
 *  need nothing the other start-up calls bring, so `main.ts` sends them first, side by side with
 *  those (each call is a round trip to Rust: one after the other, they add up). */
export type FirstRequests = { kept: Promise<LastCatalogue | null>; fresh: Promise<ProductView[]> };

export function sendFirstRequests(): FirstRequests {
  const kept = commands.lastCatalogue().catch(() => null);
  const fresh = commands.listProducts();
  // Read (and its failure shown) when the page loads; not an unhandled rejection meanwhile.
  fresh.catch(() => undefined);
  return { kept, fresh };
}

export class CataloguePage {
  readonly root = el("section", { class: "catalogue", "data-testid": "catalogue" });
  private list: ListState = { status: "loading" };
  private query = "";
  private detail: ProductDetail | null = null;
  private checkout: CheckoutForm | null = null;
  private payment: PaymentScreen | null = null;
  /** Why the last "Buy again" could not open the checkout (the product is gone, the store is down). */
  private reorderProblem: unknown = null;
  /** Why the last change of a star or watch mark failed (the marks stay as they were). */
  private watchProblem: unknown = null;
  /** The newest watch alert drawn: a newer one means the store changed, so its list is asked again. */
  private alertSeen = "";
  /** A watched change was found while a checkout or payment screen was open: the list is asked for
   *  again once the buyer is back. */
  private listStale = false;
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
  /** Settles once the first list is on screen: the store's, or the error (or kept list) in its place. */
  readonly firstShown: Promise<void>;

  constructor(first?: FirstRequests) {
    this.search.addEventListener("input", () => {
      this.query = this.search.value;
      this.renderBody();
    });
    this.refreshButton.addEventListener("click", () => void this.load());
    this.root.append(this.toolbar, this.body);
    onWatchesChange(() => this.watchesChanged());
    this.firstShown = this.load(first);
  }

  /** Asks the store for the list. Meanwhile the list kept from the last start is shown at once,
   *  marked with its time; if the store cannot be reached it stays, marked as not current. */
  async load(first?: FirstRequests): Promise<void> {
    const kept = this.list.status === "loaded" && this.list.kept ? this.list : await this.lastKept(first?.kept);
    this.list = kept ? { ...kept, kept: { ...kept.kept!, storeFailed: false } } : { status: "loading" };
    this.render();
    try {
      this.list = { status: "loaded", products: await (first?.fresh ?? commands.listProducts()) };
    } catch (error) {
      this.list = kept ? { ...kept, kept: { ...kept.kept!, storeFailed: true, error } } : { status: "error", error };
    }
    this.render();
  }

  private async lastKept(sent?: Promise<LastCatalogue | null>): Promise<(ListState & { status: "loaded" }) | null> {
    const last = await (sent ?? commands.lastCatalogue().catch(() => null));
    return last ? { status: "loaded", products: last.products, kept: { fetchedAt: last.fetchedAt, storeFailed: false } } : null;
  }

  /** Whether the cards on screen are the store's answer now (not the list kept from before). */
  private isCurrent(): boolean {
    return this.list.status === "loaded" && !this.list.kept;
  }

  render(): void {
    this.search.placeholder = t("catalogue.searchPlaceholder");
    this.search.setAttribute("aria-label", t("catalogue.search"));
    this.refreshButton.textContent = t("catalogue.refresh");
    this.refreshButton.disabled = this.list.status === "loading" || (this.list.status === "loaded" && this.list.kept?.storeFailed === false);
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
    if (this.reorderProblem) this.body.append(this.reorderNote(this.reorderProblem));
    if (this.watchProblem) this.body.append(watchProblem(this.watchProblem));
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
    if (list.kept) this.body.append(this.keptNote(list.kept));
    const shown = filterProducts(list.products, this.query);
    this.body.append(
      el("p", { class: "muted count", "data-testid": "count" }, t("catalogue.count", { shown: shown.length, total: list.products.length })),
    );
    if (shown.length === 0) {
      this.body.append(el("p", { class: "muted", "data-testid": "no-match" }, t("catalogue.noMatch", { query: this.query.trim() })));
      return;
    }
    this.body.append(el("div", { class: "product-grid" }, ...shown.map((p) => productCard(p, (chosen) => this.open(chosen), (problem) => this.showWatchProblem(problem)))));
  }

  /** Re-draws the marks; a change found by the background check brings the store's list now. */
  private watchesChanged(): void {
    this.watchProblem = null;
    const newest = newestAlert();
    const found = newest > this.alertSeen && this.alertSeen !== "";
    this.alertSeen = newest || this.alertSeen || "-";
    if (found && !this.root.hidden && this.list.status !== "loading") {
      // Not under an open checkout or payment screen: drawing it again would clear what is being
      // typed there (the login). The list is asked for once the buyer is back.
      if (this.checkout || this.payment) {
        this.listStale = true;
        return;
      }
      void this.load();
      return;
    }
    if (this.detail && !this.checkout && !this.payment) this.detail.watchesChanged();
    else this.renderBody();
  }

  private showWatchProblem(problem: unknown): void {
    this.watchProblem = problem;
    this.render();
  }

  private reorderNote(problem: unknown): HTMLElement {
    const gone = toCommandError(problem).kind === "notFound";
    return el("p", { class: "notice", role: "alert", "data-testid": "reorder-problem" }, gone ? t("order.productGone") : errorSentence(problem));
  }

  private keptNote(kept: Kept): HTMLElement {
    const time = shortTime(kept.fetchedAt);
    if (!kept.storeFailed) {
      return el("p", { class: "muted kept-note", "data-testid": "catalogue-kept", "data-state": "checking", "aria-busy": "true" }, t("catalogue.keptChecking", { time }));
    }
    const retry = el("button", { type: "button", class: "button small", "data-testid": "retry" }, t("error.retry"));
    retry.addEventListener("click", () => void this.load());
    return el(
      "div",
      { class: "notice kept-note", role: "alert", "data-testid": "catalogue-kept", "data-state": "stale" },
      el("p", {}, t("catalogue.keptStale", { time }), " ", errorSentence(kept.error)),
      retry,
    );
  }

  private open(product: ProductView): void {
    this.detail = new ProductDetail(
      product,
      () => {
        this.detail = null;
        this.render();
      },
      (chosen) => this.buy(chosen),
      this.isCurrent(),
    );
    this.render();
  }

  private buy(product: ProductView, prefill?: Reorder): void {
    this.checkout = new CheckoutForm(
      product,
      (view) => {
        this.checkout = null;
        this.payment = new PaymentScreen(view);
        this.render();
      },
      () => {
        this.checkout = null;
        this.back();
      },
      prefill,
    );
    this.render();
  }

  /** "Buy again" from an order: the store's product now (a sold-out or vanished product says so
   *  on its card, not in a checkout), with the order's quantity, email and payment filled in. */
  private async buyAgain(reorder: Reorder): Promise<void> {
    this.reorderProblem = null;
    try {
      const product = await commands.getProduct(reorder.productId);
      this.buy(product, reorder);
    } catch (error) {
      this.reorderProblem = error;
      this.render();
    }
  }

  /** Drawn again after a checkout or payment screen closed; the list asked for again if a watched
   *  change was found meanwhile. */
  private back(): void {
    this.render();
    if (this.listStale) {
      this.listStale = false;
      void this.load();
    }
  }

  /** Back to the product list (leaves a payment screen; its order stays in Orders). */
  home(): void {
    this.payment?.close();
    this.payment = null;
    this.checkout = null;
    this.detail = null;
    this.reorderProblem = null;
    this.back();
    const reorder = takeReorder();
    if (reorder) void this.buyAgain(reorder);
  }
}
