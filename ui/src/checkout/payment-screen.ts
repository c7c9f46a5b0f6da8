// After an order is placed: what to pay, where, by when, and its live status until the accounts
// arrive. Everything shown here was read back from the order book after it was committed.

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, toCommandError, type CheckoutView } from "../ipc";
import { copyButton } from "../clipboard";
import { itemExtras } from "../orders/item-fields";
import { coinInfo } from "./coins";
import { shortTime, storeTime, totalText } from "../orders/format";
import { Poller } from "../poller";
import { navigateTo } from "../navigation";
import { prefillLookup } from "../lookup/prefill";
import type { MissingDetail } from "../bindings/MissingDetail";

/** Stages whose panel points to the store's support: its block is shown without asking. */
const SUPPORT_STAGES: PaymentStage[] = ["underpaid", "lateOver", "stopped"];

/** How often the store is asked, in ms: often while the window is in view, rarely when hidden. */
export const POLL_VISIBLE_MS = 6_000;
export const POLL_HIDDEN_MS = 30_000;
/** After the payment window closes, a late payment is still looked for, slowly, for a while. */
export const POLL_LATE_MS = 60_000;
export const LATE_CHECK_FOR_MS = 30 * 60_000;

/** The next check's delay, or `null` to stop. */
export function nextPollDelay(view: CheckoutView, now: number, hidden: boolean): number | null {
  const status = view.order.summary.status;
  if (view.settled) return null;
  // Seen or taken: the accounts come with the confirmations, however long after the window closed.
  if (status === "confirming" || status === "paid" || status === "inProgress") return hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS;
  const expiresAt = storeTime(view.order.expiresAt);
  if (status === "expired" || status === "underpaid" || (!Number.isNaN(expiresAt) && now > expiresAt)) {
    const since = Number.isNaN(expiresAt) ? 0 : now - expiresAt;
    return since > LATE_CHECK_FOR_MS ? null : POLL_LATE_MS;
  }
  return hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS;
}

/** Where a checkout stands for the buyer, each with its own panel of what to do next:
 *  `waiting` to be paid; `confirming` (payment seen); `paid` (accounts on their way); `delivered`;
 *  `underpaid`; `lateWatch` (the window closed, a late payment still looked for) and `lateOver`
 *  (no longer); `stopped` (failed or cancelled); `unknown` (a store word this version does not know). */
export type PaymentStage = "waiting" | "confirming" | "paid" | "delivered" | "underpaid" | "lateWatch" | "lateOver" | "stopped" | "unknown";

/** The stage of `view` at `now`, and until when a late payment is looked for (ms, when known). */
export function paymentStage(view: CheckoutView, now: number): { stage: PaymentStage; lateUntil: number | null } {
  const status = view.order.summary.status;
  const expiresAt = storeTime(view.order.expiresAt);
  const plain = (stage: PaymentStage) => ({ stage, lateUntil: null });
  switch (status) {
    case "delivered":
      return plain("delivered");
    case "confirming":
      return plain("confirming");
    case "paid":
    case "inProgress":
      return plain("paid");
    case "underpaid":
      return plain("underpaid");
    case "failed":
    case "cancelled":
      return plain("stopped");
    default:
  }
  const closed = status === "expired" || (!Number.isNaN(expiresAt) && now > expiresAt);
  if (closed) {
    // The same window `nextPollDelay` keeps checking for, counted from the expiry time; with no
    // expiry time it keeps checking, and the panel says "for a while".
    if (Number.isNaN(expiresAt)) return { stage: "lateWatch", lateUntil: null };
    const lateUntil = expiresAt + LATE_CHECK_FOR_MS;
    return { stage: now < lateUntil ? "lateWatch" : "lateOver", lateUntil };
  }
  return plain(view.unknownStatus ? "unknown" : "waiting");
}

/** `mm:ss` (or `h:mm:ss`) until `iso`, or `null` once it has passed. */
export function countdown(iso: string, now: number): string | null {
  return countdownUntil(storeTime(iso), now);
}

/** The time left until `until` (ms since the epoch) as `m:ss` or `h:mm:ss`; `null` when it has
 *  passed or is not a time. */
export function countdownUntil(until: number, now: number): string | null {
  const left = Math.floor((until - now) / 1000);
  if (Number.isNaN(left) || left <= 0) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export class PaymentScreen {
  readonly root = el("section", { class: "payment", "data-testid": "payment" });
  private checkedAt = new Date();
  private problem: unknown = null;
  private showSupport = false;
  /** What became of the last transaction ID kept (or refused), shown under its field. */
  private txNote = "";
  /** The transaction ID field's text while it differs from the one kept. */
  private txDraft: string | null = null;
  /** The stage the screen was last drawn for (`paymentStage`). */
  private shownStage: PaymentStage | null = null;
  private readonly countdownLine = el("p", { class: "countdown", "data-testid": "pay-countdown" });
  private readonly poller = new Poller(() => this.check(), () => this.renderCountdown());

  constructor(private view: CheckoutView) {
    this.render();
    // A first check at once: a balance order may already be delivered.
    this.poller.now();
  }

  /** Stops the checks (the screen is left). */
  close(): void {
    this.poller.close();
  }

  private async check(): Promise<number | null> {
    try {
      this.view = await commands.checkoutRefresh(this.view.order.summary.id);
      this.problem = null;
      this.checkedAt = new Date();
    } catch (error) {
      this.problem = error;
    }
    if (this.poller.closed) return null;
    this.render();
    // Only the rate-limited lookup can check such an order: asking again here would not.
    if (this.problem && toCommandError(this.problem).kind === "lookupNeeded") return null;
    return nextPollDelay(this.view, Date.now(), document.hidden);
  }

  private renderCountdown(): void {
    const expires = this.view.order.expiresAt;
    const { stage } = paymentStage(this.view, Date.now());
    // The window closing (or the late watch ending) changes the whole screen, not just this line.
    if (stage !== this.shownStage) {
      this.render();
      return;
    }
    // No "pay within" while there is nothing the buyer could pay to.
    const left = expires && this.view.missing.length === 0 && (stage === "waiting" || stage === "unknown") ? countdown(expires, Date.now()) : null;
    this.countdownLine.textContent = left ? t("pay.expiresIn", { time: left }) : "";
  }

  render(): void {
    // The field being typed in keeps the focus across the redrawing.
    const typing = document.activeElement instanceof HTMLInputElement && this.root.contains(document.activeElement) ? document.activeElement.dataset.testid : undefined;
    this.draw();
    if (typing) {
      const field = this.root.querySelector<HTMLInputElement>(`[data-testid="${typing}"]`);
      field?.focus();
      field?.setSelectionRange(field.value.length, field.value.length);
    }
  }

  private draw(): void {
    clear(this.root);
    const { order, qrCode, storeMessage } = this.view;
    const s = order.summary;
    const status = s.status;
    const coin = coinInfo(order.coin);
    const head = el(
      "div",
      { class: "pay-head" },
      el("h2", {}, t("pay.title", { orderNo: s.orderNo ?? "—" })),
      el("p", { class: `pay-status status-${status}`, "data-testid": "pay-status", "data-status": status }, t(`pay.status.${status}` as MessageKey)),
      storeMessage ? el("p", { class: "muted", "data-testid": "pay-store-message" }, t("pay.storeSays", { message: storeMessage })) : null,
    );
    append(this.root, head);
    const { stage, lateUntil } = paymentStage(this.view, Date.now());
    this.shownStage = stage;
    const payable = stage === "waiting" || stage === "unknown";
    const next = this.nextSteps(stage, lateUntil);
    if (next) this.root.append(next);
    // The address and amount only while they may be paid to: an expired order's address must
    // not be used, and a seen or short payment must not be sent again.
    if (payable && order.payAddress && order.payAmount && coin) {
      this.root.append(
        el(
          "div",
          { class: "pay-box" },
          el(
            "div",
            { class: "pay-lines" },
            el("p", { class: "muted" }, t("pay.sendExactly")),
            el(
              "p",
              { class: "pay-amount" },
              el("span", { "data-testid": "pay-amount" }, order.payAmount),
              " ",
              el("span", { "data-testid": "pay-token" }, coin.token),
              " ",
              el("span", { class: "network-badge", "data-testid": "pay-network-badge" }, coin.network),
            ),
            copyButton(t("pay.copyAmount"), t("order.copied"), () => order.payAmount ?? "", "copy-amount"),
            el("p", { class: "pay-network", "data-testid": "pay-network" }, t("pay.network", { network: coin.network })),
            el("p", { class: "muted" }, t("pay.to")),
            el("p", { class: "pay-address mono", "data-testid": "pay-address" }, order.payAddress),
            copyButton(t("pay.copyAddress"), t("order.copied"), () => order.payAddress ?? "", "copy-address"),
            el("p", { class: "pay-must-not", "data-testid": "pay-must-not" }, coin.mustNotSend),
            el("p", { class: "pay-warning", "data-testid": "pay-warning" }, t("pay.warning")),
            this.explorerButton(coin.explorer),
          ),
          qrCode
            ? el(
                "figure",
                { class: "qr-figure" },
                el("img", { class: "qr", src: qrCode, alt: t("pay.qr"), "data-testid": "pay-qr", width: "220", height: "220" }),
                el("figcaption", { class: "network-badge", "data-testid": "pay-qr-caption" }, t("pay.qrCaption", { token: coin.token, network: coin.network })),
              )
            : null,
        ),
      );
    }
    if (this.view.missing.length > 0) this.root.append(this.missingBox(this.view.missing));
    if (order.hasPayUrl && status !== "delivered") {
      const reopen = el("button", { type: "button", class: "button", "data-testid": "open-cashier" }, t("pay.openCashier"));
      reopen.addEventListener("click", () => void commands.openCashier(s.id).catch((e) => (this.problem = e)));
      this.root.append(el("p", {}, t("pay.cashier")), reopen);
    }
    this.root.append(this.countdownLine);
    this.renderCountdown();
    if (order.items.length > 0) {
      const all = () => order.items.map((i) => i.exportLine).join("\n");
      this.root.append(
        el("h3", {}, t("pay.accounts")),
        copyButton(t("order.copyAll"), t("order.copied"), all, "pay-copy-all"),
        el(
          "table",
          { class: "items-table", "data-testid": "pay-items" },
          el(
            "tbody",
            {},
            ...order.items.map((item) =>
              el(
                "tr",
                { "data-testid": "pay-item" },
                el("td", { class: "mono", "data-testid": "pay-item-login" }, item.login),
                el("td", { class: "mono", "data-testid": "pay-item-password" }, item.password ?? ""),
                el("td", { class: "mono", "data-testid": "pay-item-extra" }, ...itemExtras(item)),
                el("td", {}, copyButton(t("order.copy"), t("order.copied"), () => item.exportLine, "pay-copy-item")),
              ),
            ),
          ),
        ),
      );
    }
    const facts = el(
      "dl",
      { class: "detail-list" },
      el("div", { class: "detail-row" }, el("dt", {}, t("pay.orderNumber")), el("dd", { class: "mono", "data-testid": "pay-order-no" }, s.orderNo ?? "—")),
      el("div", { class: "detail-row" }, el("dt", {}, t("pay.total")), el("dd", { "data-testid": "pay-total" }, totalText(s))),
      el("div", { class: "detail-row" }, el("dt", {}, t("order.email")), el("dd", {}, s.contactEmail ?? "—")),
    );
    const checkNow = el("button", { type: "button", class: "button small", "data-testid": "pay-check-now" }, t("pay.checkNow"));
    checkNow.addEventListener("click", () => this.poller.now());
    const alreadyPaid = el("button", { type: "button", class: "button small", "data-testid": "pay-already-paid" }, t("pay.alreadyPaid"));
    alreadyPaid.addEventListener("click", () => {
      this.showSupport = !this.showSupport;
      this.render();
    });
    append(
      this.root,
      facts,
      this.problem ? this.problemLine(this.problem) : null,
      el("p", { class: "muted" }, t("pay.checkedAt", { time: shortTime(this.checkedAt.toISOString()) })),
      this.view.settled ? null : el("div", { class: "toolbar" }, checkNow, alreadyPaid),
      this.showSupport || SUPPORT_STAGES.includes(stage) ? this.supportBox() : null,
    );
  }

  /** A button to the lookup, handed this order's number and contact email. */
  private lookupButton(className: string, testId: string, label: MessageKey): HTMLElement {
    const s = this.view.order.summary;
    const button = el("button", { type: "button", class: className, "data-testid": testId }, t(label));
    button.addEventListener("click", () => {
      prefillLookup({ email: s.contactEmail ?? null, orderNo: s.orderNo ?? null });
      navigateTo("lookup");
    });
    return button;
  }

  /** Why the last check failed; for an order only the lookup can check, the way there. */
  private problemLine(problem: unknown): HTMLElement {
    if (toCommandError(problem).kind !== "lookupNeeded") return el("p", { class: "error-detail", role: "alert" }, errorSentence(problem));
    const lookup = this.lookupButton("button small", "pay-lookup-now", "pay.missing.lookup");
    return el("p", { class: "notice", role: "status", "data-testid": "pay-lookup-needed" }, errorSentence(problem), " ", lookup);
  }

  /** What the buyer should do now, for every stage but the plain ones (waiting, delivered). */
  private nextSteps(stage: PaymentStage, lateUntil: number | null): HTMLElement | null {
    const { order, unknownStatus, received, shortBy } = this.view;
    const token = coinInfo(order.coin)?.token ?? order.coin ?? "";
    const lines: (HTMLElement | null)[] = [];
    const line = (text: string, testId?: string) => el("p", testId ? { "data-testid": testId } : {}, text);
    switch (stage) {
      case "waiting":
      case "delivered":
        return null;
      case "confirming":
      case "paid":
      case "lateOver":
      case "stopped":
        lines.push(line(t(`pay.next.${stage}`)));
        break;
      case "underpaid":
        lines.push(
          line(t("pay.next.underpaid")),
          received ? line(t("pay.next.received", { amount: received, token }), "pay-received") : null,
          shortBy ? line(t("pay.next.shortBy", { amount: shortBy, token }), "pay-short-by") : null,
          line(t("pay.next.underpaidWhat")),
        );
        break;
      case "lateWatch": {
        lines.push(line(lateUntil === null ? `${t("pay.expired")} ${t("pay.lateCheck")}` : t("pay.next.lateWatch", { time: shortTime(new Date(lateUntil).toISOString()) })));
        const again = el("button", { type: "button", class: "button", "data-testid": "pay-new-order" }, t("pay.newOrder"));
        again.addEventListener("click", () => navigateTo("catalogue"));
        lines.push(again);
        break;
      }
      case "unknown":
        lines.push(line(t("pay.next.unknown", { word: unknownStatus ?? "" })));
        break;
    }
    return el("div", { class: "notice pay-next", role: "status", "data-testid": "pay-next", "data-stage": stage }, ...lines);
  }

  /** Opens the receiving address's page on the chain's public explorer (Rust builds and checks the
   *  URL from its one table, then hands it to the system browser). */
  private explorerButton(host: string): HTMLElement {
    const button = el("button", { type: "button", class: "button small", "data-testid": "pay-explorer", title: t("pay.explorerHint") }, t("pay.explorer", { host }));
    button.addEventListener("click", () => {
      void commands.openExplorer(this.view.order.summary.id).catch((error) => {
        this.problem = error;
        this.render();
      });
    });
    return button;
  }

  /** The store did not send what the buyer needs to pay: say what is missing, not to pay yet, and
   *  offer a new status check (its answer may carry the details), the lookup and the store's answer. */
  private missingBox(missing: MissingDetail[]): HTMLElement {
    const checkAgain = el("button", { type: "button", class: "button primary", "data-testid": "missing-check" }, t("pay.missing.checkAgain"));
    checkAgain.addEventListener("click", () => this.poller.now());
    const lookup = this.lookupButton("button", "missing-lookup", "pay.missing.lookup");
    return el(
      "div",
      { class: "notice missing-details", role: "alert", "data-testid": "pay-missing" },
      el("h3", {}, t("pay.missing.title")),
      el("ul", {}, ...missing.map((what) => el("li", { "data-testid": "pay-missing-item", "data-missing": what }, t(`pay.missing.${what}` as MessageKey)))),
      el("p", {}, t("pay.missing.doNotPay")),
      el("div", { class: "toolbar" }, checkAgain, lookup),
      this.view.storeAnswer
        ? el("details", {}, el("summary", {}, t("pay.missing.storeAnswer")), el("pre", { class: "mono store-answer", "data-testid": "pay-store-answer" }, this.view.storeAnswer))
        : null,
    );
  }

  /** "I already paid": what to check, the transaction ID kept with the order, and everything the
   *  store's support needs in one copyable block. */
  private supportBox(): HTMLElement {
    const { order, paymentTx } = this.view;
    const s = order.summary;
    const coin = coinInfo(order.coin);
    const text = [
      `Order number / 订单号: ${s.orderNo ?? "—"}`,
      `Contact email / 联系邮箱: ${s.contactEmail ?? "—"}`,
      s.createdAt ? `Ordered at / 下单时间: ${shortTime(s.createdAt)}` : null,
      coin ? `Coin and network / 币种和网络: ${coin.token} · ${coin.network}` : null,
      order.payAddress ? `Address / 地址: ${order.payAddress}` : null,
      order.payAmount && coin ? `Amount / 金额: ${order.payAmount} ${coin.token}` : null,
      `Transaction ID / 交易哈希: ${paymentTx ?? ""}`,
    ]
      .filter(Boolean)
      .join("\n");
    const checks = coin ? (["network", "amount", "address", "confirmations"] as const) : [];
    const tx = el("input", { type: "text", class: "input mono", "data-testid": "pay-tx", spellcheck: "false", autocomplete: "off" });
    // What the buyer typed survives the screen's redrawing at each status check (and a refusal).
    tx.value = this.txDraft ?? paymentTx ?? "";
    tx.addEventListener("input", () => (this.txDraft = tx.value));
    const save = el("button", { type: "button", class: "button small", "data-testid": "pay-tx-save" }, t("pay.help.txSave"));
    const note = el("p", { class: "muted", "data-testid": "pay-tx-note", role: "status" }, this.txNote);
    save.addEventListener("click", async () => {
      try {
        this.view = await commands.checkoutPaymentTx(s.id, tx.value);
        this.txDraft = null;
        this.txNote = t("pay.help.txSaved");
      } catch (error) {
        this.txNote = toCommandError(error).kind === "invalidInput" ? t("pay.help.txInvalid") : errorSentence(error);
      }
      this.render();
    });
    const lookup = this.lookupButton("button small", "pay-lookup", "pay.help.lookup");
    return el(
      "div",
      { class: "support-box", "data-testid": "pay-support" },
      checks.length > 0 ? el("h3", {}, t("pay.help.title")) : null,
      checks.length > 0 ? el("ul", { "data-testid": "pay-help-checks" }, ...checks.map((what) => el("li", {}, t(`pay.help.${what}`)))) : null,
      el("label", { class: "field" }, el("span", {}, t("pay.help.tx")), tx),
      el("div", { class: "toolbar" }, save, lookup),
      note,
      el("p", {}, t("pay.supportIntro")),
      el("pre", { class: "mono", "data-testid": "pay-support-text" }, text),
      copyButton(t("order.copy"), t("order.copied"), () => text, "copy-support"),
    );
  }

}
