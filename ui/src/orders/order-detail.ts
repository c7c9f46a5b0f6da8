// One order: its facts, status history and delivered items, with copy and export.

import { append, clear, el } from "../dom";
import { errorPanel, errorSentence } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, type ExportFormat, type OrderDetail } from "../ipc";
import { copyButton } from "../clipboard";
import { orderProductName, shortTime, statusLabel, storeLabel, totalText } from "./format";
import { reorderOf, requestReorder } from "../checkout/reorder";
import { navigateTo } from "../navigation";
import { itemExtras } from "./item-fields";
import { PaymentScreen } from "../checkout/payment-screen";
import { coinLabel } from "../checkout/coins";

type State = { status: "loading" } | { status: "loaded"; detail: OrderDetail } | { status: "error"; error: unknown };

export class OrderDetailView {
  readonly root = el("section", { class: "order-detail", "data-testid": "order-detail" });
  private state: State = { status: "loading" };
  private exportMessage: { ok: boolean; text: string } | null = null;
  private payment: PaymentScreen | null = null;

  constructor(
    private readonly id: number,
    private readonly onBack: () => void,
  ) {
    void this.load();
  }

  /** Stops what this view runs (a payment screen's status checks). */
  close(): void {
    this.payment?.close();
  }

  private async load(): Promise<void> {
    this.state = { status: "loading" };
    this.render();
    try {
      this.state = { status: "loaded", detail: await commands.orderDetail(this.id) };
    } catch (error) {
      this.state = { status: "error", error };
    }
    this.render();
  }

  render(): void {
    clear(this.root);
    const back = el("button", { type: "button", class: "button", "data-testid": "order-back" }, `← ${t("order.back")}`);
    back.addEventListener("click", () => {
      this.payment?.close();
      this.onBack();
    });
    this.root.append(back);
    if (this.payment) {
      this.payment.render();
      this.root.append(this.payment.root);
      return;
    }
    if (this.state.status === "loading") {
      this.root.append(el("p", { class: "muted" }, t("orders.loading")));
      return;
    }
    if (this.state.status === "error") {
      this.root.append(errorPanel(this.state.error, () => void this.load()));
      return;
    }
    const d = this.state.detail;
    const s = d.summary;
    const row = (label: MessageKey, value: string | null | undefined, testid: string) =>
      value ? el("div", { class: "detail-row" }, el("dt", {}, t(label)), el("dd", { "data-testid": testid }, value)) : null;
    const facts = el("dl", { class: "detail-list" });
    append(
      facts,
      row("order.number", s.orderNo, "order-detail-number"),
      row("orders.col.store", storeLabel(s.store), "order-detail-store"),
      row("order.product", productNames(s), "order-detail-product"),
      row("order.quantity", String(s.quantity), "order-detail-quantity"),
      row("order.unitPrice", d.unitPrice ? totalText({ total: d.unitPrice, currency: s.currency }) : null, "order-detail-unit-price"),
      row("order.minQuantity", d.minQuantity === null ? null : String(d.minQuantity), "order-detail-min-quantity"),
      row("order.total", s.total ? totalText(s) : null, "order-detail-total"),
      row("order.payment", d.paymentMethod ? t(`checkout.method.${d.paymentMethod}` as MessageKey) : null, "order-detail-payment"),
      row("order.coin", coinLabel(d.coin), "order-detail-coin"),
      row("order.address", d.payAddress, "order-detail-address"),
      row("order.payAmount", d.payAmount, "order-detail-pay-amount"),
      row("order.expires", d.expiresAt ? shortTime(d.expiresAt) : null, "order-detail-expires"),
      row("order.email", s.contactEmail, "order-detail-email"),
      row("order.storeId", d.storeOrderId, "order-detail-store-id"),
      row("order.created", shortTime(s.createdAt), "order-detail-created"),
    );
    // An expired order too: the store may still deliver for a late payment, and its payment
    // screen is where that is looked for (or said to be over).
    if ((!s.finished || s.status === "expired") && s.store === "gmailstore") {
      const follow = el("button", { type: "button", class: "button primary", "data-testid": "order-follow" }, t("pay.checkNow"));
      follow.addEventListener("click", async () => {
        try {
          this.payment = new PaymentScreen(await commands.checkoutView(this.id));
        } catch (error) {
          this.exportMessage = { ok: false, text: errorSentence(error) };
        }
        this.render();
      });
      this.root.append(follow);
    }
    const reorder = reorderOf(d);
    if (reorder) {
      const again = el("button", { type: "button", class: "button", "data-testid": "order-buy-again", title: t("order.buyAgainHint") }, t("order.buyAgain"));
      again.addEventListener("click", () => {
        requestReorder(reorder);
        navigateTo("catalogue");
      });
      this.root.append(again);
    }
    append(
      this.root,
      el("h2", { class: "detail-title" }, el("span", { "data-testid": "order-detail-status", class: `status status-${s.status}` }, statusLabel(s.status))),
      facts,
      d.unitPrice || d.minQuantity !== null ? el("p", { class: "muted hint", "data-testid": "order-as-bought" }, t("order.asBought")) : null,
      this.itemsSection(d),
      el("h3", {}, t("order.history")),
      el(
        "ol",
        { class: "history", "data-testid": "order-history" },
        ...d.events.map((e) => el("li", {}, `${shortTime(e.at)} · ${statusLabel(e.status)}${e.note ? ` · ${e.note}` : ""}`)),
      ),
    );
  }

  private itemsSection(d: OrderDetail): HTMLElement {
    const section = el("section", { class: "items" }, el("h3", {}, t("order.items")));
    if (d.unreadableItems > 0) {
      section.append(el("p", { class: "error-detail", "data-testid": "order-unreadable" }, t("order.unreadable", { count: d.unreadableItems })));
    }
    if (d.items.length === 0) {
      section.append(el("p", { class: "muted", "data-testid": "order-no-items" }, t("order.noItems")));
      return section;
    }
    const allText = () => d.items.map((i) => i.exportLine).join("\n");
    const exportTxt = el("button", { type: "button", class: "button small", "data-testid": "export-txt" }, t("order.exportTxt"));
    const exportCsv = el("button", { type: "button", class: "button small", "data-testid": "export-csv" }, t("order.exportCsv"));
    exportTxt.addEventListener("click", () => void this.export("txt"));
    exportCsv.addEventListener("click", () => void this.export("csv"));
    section.append(
      el("div", { class: "toolbar" }, copyButton(t("order.copyAll"), t("order.copied"), allText, "copy-all"), exportTxt, exportCsv),
      el("p", { class: "muted hint", "data-testid": "export-hint" }, t("order.exportHint")),
    );
    if (this.exportMessage) {
      section.append(el("p", { class: this.exportMessage.ok ? "muted" : "error-detail", "data-testid": "export-message" }, this.exportMessage.text));
    }
    const rows = d.items.map((item) =>
      el(
        "tr",
        { "data-testid": "item-row" },
        el("td", { class: "mono", "data-testid": "item-login" }, item.login),
        el("td", { class: "mono", "data-testid": "item-password" }, item.password ?? ""),
        el("td", { class: "mono", "data-testid": "item-extra" }, ...itemExtras(item)),
        el("td", {}, copyButton(t("order.copy"), t("order.copied"), () => item.exportLine, "copy-item")),
      ),
    );
    section.append(
      el(
        "table",
        { class: "items-table", "data-testid": "items-table" },
        el("thead", {}, el("tr", {}, el("th", {}, t("order.login")), el("th", {}, t("order.password")), el("th", {}, t("order.extra")), el("th", {}, ""))),
        el("tbody", {}, ...rows),
      ),
    );
    return section;
  }

  private async export(format: ExportFormat): Promise<void> {
    try {
      const path = await commands.orderExport(this.id, format);
      this.exportMessage = path ? { ok: true, text: t("order.exported", { path }) } : null;
    } catch (error) {
      this.exportMessage = { ok: false, text: errorSentence(error) };
    }
    this.render();
  }
}

/** "老谷歌邮箱 / Aged Gmail": the name as bought in the buyer's language first, the other after it. */
function productNames(summary: OrderDetail["summary"]): string {
  const first = orderProductName(summary);
  const other = first === summary.productName ? summary.productNameZh : summary.productName;
  return other && other !== first ? `${first} / ${other}` : first;
}
