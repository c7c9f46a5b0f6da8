// The Orders page: every order newest first, filters, search, and one order's detail.

import { append, clear, el } from "../dom";
import { errorPanel } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, type OrderFilter, type OrderSummary, type PendingAttempt } from "../ipc";
import type { OrderStatus } from "../bindings/OrderStatus";
import type { StoreKind } from "../bindings/StoreKind";
import { ORDERS_PAGE, ORDER_STATUSES, STORE_KINDS } from "../bindings/constants";
import { OrderDetailView } from "./order-detail";
import { attemptsBlock } from "./attempts-list";
import { shortTime, statusLabel, storeLabel, totalText, orderProductName } from "./format";
import { navigateTo } from "../navigation";

/** `more`: the last read filled a whole page, so older orders may follow; `moreError`: reading
 *  them failed (the list stays). */
type ListState =
  | { status: "loading" }
  | { status: "loaded"; orders: OrderSummary[]; more: boolean; moreError?: unknown }
  | { status: "error"; error: unknown };

const SEARCH_DELAY_MS = 200;

export class OrdersPage {
  readonly root = el("section", { class: "orders", "data-testid": "orders-page" });
  private list: ListState = { status: "loading" };
  /** Orders sent with no answer recorded: shown above the list whatever the filter. */
  private attempts: PendingAttempt[] = [];
  private detail: OrderDetailView | null = null;
  /** Rust says the buyer has delivered orders and no backup for 30 days (`backup::reminder`). */
  private remindBackup = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly search = el("input", { type: "search", class: "search", "data-testid": "orders-search", autocomplete: "off" });
  private readonly storeSelect = el("select", { class: "select", "data-testid": "orders-store" });
  private readonly stateSelect = el("select", { class: "select", "data-testid": "orders-state" });
  private readonly toolbar = el("div", { class: "toolbar" }, this.search, this.storeSelect, this.stateSelect);
  private readonly body = el("div", { class: "orders-body" });

  constructor() {
    this.search.addEventListener("input", () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.load(), SEARCH_DELAY_MS);
    });
    this.storeSelect.addEventListener("change", () => void this.load());
    this.stateSelect.addEventListener("change", () => void this.load());
    this.root.append(this.toolbar, this.body);
  }

  filter(): OrderFilter {
    const store = this.storeSelect.value as StoreKind | "";
    const state = this.stateSelect.value;
    const status = state.startsWith("status:") ? (state.slice("status:".length) as OrderStatus) : undefined;
    return {
      store: store || undefined,
      unfinished: state === "unfinished" ? true : state === "finished" ? false : undefined,
      status,
      search: this.search.value.trim() || undefined,
    };
  }

  async load(): Promise<void> {
    this.list = { status: "loading" };
    this.renderBody();
    try {
      const orders = await commands.ordersList(this.filter());
      this.list = { status: "loaded", orders, more: orders.length === ORDERS_PAGE };
    } catch (error) {
      this.list = { status: "error", error };
    }
    // Kept from the last successful read when this one fails: never hidden by an error.
    this.attempts = await commands.orderAttempts().catch(() => this.attempts);
    this.remindBackup = await commands.backupReminder().catch(() => false);
    this.renderBody();
  }

  /** The next page of older orders, after those listed (same filter). A failure keeps the list
   *  and says so beside the button. */
  private async loadMore(button: HTMLButtonElement): Promise<void> {
    const list = this.list;
    if (list.status !== "loaded") return;
    button.disabled = true;
    let next: ListState;
    try {
      const older = await commands.ordersList({ ...this.filter(), offset: list.orders.length });
      // An order recorded since the first page shifts the rest by one: one already listed is not
      // listed twice.
      const listed = new Set(list.orders.map((o) => o.id));
      next = { status: "loaded", orders: [...list.orders, ...older.filter((o) => !listed.has(o.id))], more: older.length === ORDERS_PAGE };
    } catch (error) {
      next = { ...list, moreError: error };
    }
    // A reload (a new filter) while this page was read replaced the list: nothing to add to.
    if (this.list !== list) return;
    this.list = next;
    this.renderBody();
  }

  /** Narrows the list to unfinished orders (the start-up notice's "Show them"). */
  filterUnfinished(): void {
    this.stateSelect.value = "unfinished";
  }

  /** Called when the page is shown: always the latest from the order book. */
  show(): void {
    this.detail?.close();
    this.detail = null;
    this.render();
    void this.load();
  }

  render(): void {
    this.search.placeholder = t("orders.searchPlaceholder");
    this.search.setAttribute("aria-label", t("orders.search"));
    fillSelect(this.storeSelect, [
      ["", t("orders.store.all")],
      ...STORE_KINDS.map((store): [string, string] => [store, t(`orders.store.${store}` as MessageKey)]),
    ]);
    fillSelect(this.stateSelect, [
      ["", t("orders.state.all")],
      ["unfinished", t("orders.state.unfinished")],
      ["finished", t("orders.state.finished")],
      ...ORDER_STATUSES.map((status): [string, string] => [`status:${status}`, statusLabel(status)]),
    ]);
    this.renderBody();
  }

  private renderBody(): void {
    clear(this.body);
    if (this.detail) {
      this.toolbar.hidden = true;
      this.detail.render();
      this.body.append(this.detail.root);
      return;
    }
    this.toolbar.hidden = false;
    if (this.remindBackup) this.body.append(this.backupReminder());
    const attempts = attemptsBlock(this.attempts, () => void this.load());
    if (attempts) this.body.append(attempts);
    const list = this.list;
    if (list.status === "loading") {
      this.body.append(el("p", { class: "muted", "data-testid": "orders-loading" }, t("orders.loading")));
      return;
    }
    if (list.status === "error") {
      this.body.append(errorPanel(list.error, () => void this.load()));
      return;
    }
    const filtered = Object.values(this.filter()).some((v) => v !== undefined);
    if (list.orders.length === 0) {
      this.body.append(el("p", { class: "muted", "data-testid": "orders-empty" }, t(filtered ? "orders.noMatch" : "orders.empty")));
      return;
    }
    const unfinished = list.orders.filter((o) => !o.finished).length;
    if (unfinished > 0) {
      this.body.append(el("p", { class: "muted count", "data-testid": "orders-unfinished-count" }, t("orders.unfinishedCount", { count: unfinished })));
    }
    const head = el(
      "tr",
      {},
      ...(["orders.col.date", "orders.col.store", "orders.col.number", "orders.col.product", "orders.col.quantity", "orders.col.total", "orders.col.status"] as const).map(
        (key) => el("th", { scope: "col" }, t(key)),
      ),
      el("th", {}, ""),
    );
    const rows = list.orders.map((order) => this.row(order));
    this.body.append(el("table", { class: "orders-table", "data-testid": "orders-table" }, el("thead", {}, head), el("tbody", {}, ...rows)));
    if (list.more) {
      const more = el("button", { type: "button", class: "button", "data-testid": "orders-more" }, t("orders.more"));
      more.addEventListener("click", () => void this.loadMore(more));
      this.body.append(more);
      if (list.moreError !== undefined) this.body.append(errorPanel(list.moreError, () => void this.loadMore(more)));
    }
  }

  /** A quiet line: back up now (in Settings), or not now (asked again in 30 days). */
  private backupReminder(): HTMLElement {
    const now = el("button", { type: "button", class: "button small primary", "data-testid": "backup-reminder-now" }, t("orders.backupNow"));
    now.addEventListener("click", () => navigateTo("settings"));
    const later = el("button", { type: "button", class: "button small", "data-testid": "backup-reminder-later" }, t("orders.backupLater"));
    later.addEventListener("click", () => {
      this.remindBackup = false;
      this.renderBody();
      void commands.backupReminderDismiss().catch(() => undefined);
    });
    return el("div", { class: "notice backup-reminder", role: "status", "data-testid": "backup-reminder" }, el("p", {}, t("orders.backupReminder")), now, later);
  }

  private row(order: OrderSummary): HTMLElement {
    const open = el("button", { type: "button", class: "button small", "data-testid": "order-open" }, t("orders.open"));
    open.addEventListener("click", () => this.open(order.id));
    const status = el("td", {}, el("span", { class: `status status-${order.status}`, "data-testid": "order-status" }, statusLabel(order.status)));
    if (!order.finished) {
      append(status, " ", el("span", { class: "badge unfinished-badge", "data-testid": "order-unfinished" }, t("orders.unfinishedMark")));
    }
    return el(
      "tr",
      { "data-testid": "order-row", "data-order-id": String(order.id), class: order.finished ? "" : "unfinished" },
      el("td", {}, shortTime(order.createdAt)),
      el("td", {}, storeLabel(order.store)),
      el("td", { class: "mono", "data-testid": "order-number" }, order.orderNo ?? "—"),
      el("td", { "data-testid": "order-product" }, orderProductName(order)),
      el("td", {}, String(order.quantity)),
      el("td", { class: "mono", "data-testid": "order-total" }, totalText(order)),
      status,
      el("td", {}, open),
    );
  }

  /** Shows order `id` (from a lookup). */
  showOrder(id: number): void {
    this.open(id);
  }

  private open(id: number): void {
    this.detail = new OrderDetailView(id, () => {
      this.detail = null;
      this.renderBody();
    });
    this.renderBody();
  }
}

function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  const value = select.value;
  clear(select);
  for (const [optionValue, label] of options) select.append(el("option", { value: optionValue }, label));
  select.value = value;
}
