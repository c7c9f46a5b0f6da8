// One receive-code order: each email with its status, the received text with the code marked,
// copy buttons, a countdown to expiry; checked automatically while any email waits and the window
// is in view, stopped when none waits — and stopped when the service refuses the key or locks this
// computer out: each check would send the key into that ban again, so the screen waits for the
// user's "Try again".

import { append, clear, el } from "../dom";
import { t, type MessageKey } from "../i18n/i18n";
import { commands, toCommandError, type CodeItemView, type CodeOrderView } from "../ipc";
import { copyButton } from "../clipboard";
import { countdownUntil } from "../checkout/payment-screen";
import { codesErrorSentence } from "./messages";
import { highlighted } from "./highlight";
import { Poller } from "../poller";
import { currentSettings } from "../context";
import { shortTime, storeTime } from "../orders/format";
import { announceArrival, autoCopiedLine } from "./arrival";
import type { AutoCopied } from "../bindings/AutoCopied";

export const CODES_POLL_MS = 10_000;

/** When an item expires (ms since the epoch; NaN when not known or not a time), by `storeTime`:
 *  `expireTime` comes without a zone (the service's local time, taken as this computer's). */
export function expiryMs(expireTime: string | null): number {
  return storeTime(expireTime);
}

export class CodeOrderScreen {
  readonly root = el("section", { class: "codes-order", "data-testid": "codes-order" });
  private problem: unknown = null;
  /** The last automatic copy: said ("The new code … was copied") until the next one. */
  private autoCopied: AutoCopied | null = null;
  /** The key was refused or locked out: no automatic check until the user tries again. */
  private keyHeld = false;
  private readonly poller = new Poller(
    () => this.check(),
    () => this.renderCountdowns(),
    () => this.view.waiting && !this.keyHeld,
  );

  constructor(
    private view: CodeOrderView,
    private readonly onBack: () => void,
    /** Opens the buy form with this order's platform and count, at the confirmation. */
    private readonly onBuyAgain: (platformId: string, count: number) => void,
  ) {
    this.render();
    this.poller.now();
  }

  close(): void {
    this.poller.close();
  }

  private async check(tryKeyAgain = false): Promise<number | null> {
    // Paused while the window is hidden: coming back into view checks again.
    if (document.hidden && !tryKeyAgain) return null;
    try {
      this.view = await commands.receiveCodesRefresh(this.view.order.summary.id, tryKeyAgain);
      this.problem = null;
      this.keyHeld = false;
      const copied = announceArrival(this.view, currentSettings());
      if (copied) this.autoCopied = copied;
    } catch (error) {
      this.problem = error;
      const kind = toCommandError(error).kind;
      this.keyHeld = kind === "unauthorized" || kind === "lockedOut";
    }
    if (this.poller.closed) return null;
    this.render();
    return this.view.waiting && !this.keyHeld ? CODES_POLL_MS : null;
  }

  private async tryKeyAgain(): Promise<void> {
    const next = await this.check(true);
    if (next !== null) this.poller.after(next);
  }

  private keyHeldNotice(): HTMLElement {
    const again = el("button", { type: "button", class: "button small", "data-testid": "codes-try-again" }, t("receiveCodes.tryKeyAgain"));
    again.addEventListener("click", () => {
      again.disabled = true;
      void this.tryKeyAgain();
    });
    return el("p", { class: "notice", "data-testid": "codes-key-held" }, t("receiveCodes.keyHeld"), " ", again);
  }

  private renderCountdowns(): void {
    for (const cell of Array.from(this.root.querySelectorAll<HTMLElement>("[data-expires]"))) {
      // An expiry that is not a time shows no countdown (turning it into a Date threw, and the
      // checks stopped with it).
      const left = countdownUntil(expiryMs(cell.dataset.expires ?? null), Date.now());
      cell.textContent = left ?? "—";
    }
  }

  render(): void {
    clear(this.root);
    const { order, items, waiting } = this.view;
    const back = el("button", { type: "button", class: "button", "data-testid": "codes-back" }, `← ${t("receiveCodes.back")}`);
    back.addEventListener("click", () => {
      this.close();
      this.onBack();
    });
    const waitingCount = items.filter((i) => i.waiting).length;
    const rows = items.map((item) => {
      const waitingItem = item.waiting;
      return el(
        "tr",
        { "data-testid": "code-row", "data-status": item.status },
        el("td", { class: "mono", "data-testid": "code-email" }, item.email),
        el("td", {}, el("span", { "data-testid": "code-status" }, t(`receiveCodes.item.${item.status}` as MessageKey)), chargeLine(item)),
        el("td", {}, ...textCell(item)),
        el("td", waitingItem && item.expireTime ? { "data-expires": item.expireTime, "data-testid": "code-expires" } : {}, waitingItem ? "" : "—"),
        el(
          "td",
          { class: "code-actions" },
          copyButton(t("receiveCodes.copyEmail"), t("order.copied"), () => item.email, "copy-email"),
          item.code ? copyButton(t("receiveCodes.copyCode"), t("order.copied"), () => item.code ?? "", "copy-code") : null,
        ),
      );
    });
    const productId = order.productId;
    const again = productId ? el("button", { type: "button", class: "button", "data-testid": "codes-buy-again" }, t("receiveCodes.buyAgain")) : null;
    again?.addEventListener("click", () => {
      this.close();
      this.onBuyAgain(productId ?? "", order.summary.quantity);
    });
    const { chargedTotal, usedTotal } = this.view;
    append(
      this.root,
      el("div", { class: "actions" }, back, again),
      el("h2", {}, t("receiveCodes.order", { orderNo: order.summary.orderNo ?? "—", platform: order.summary.productName })),
      chargedTotal && usedTotal ? el("p", { class: "muted", "data-testid": "codes-totals" }, t("receiveCodes.totals", { charged: chargedTotal, used: usedTotal })) : null,
      this.autoCopied ? el("p", { class: "notice", role: "status", "data-testid": "codes-auto-copied" }, autoCopiedLine(this.autoCopied)) : null,
      el("p", { "data-testid": "codes-waiting", "data-waiting": String(waiting) }, waiting ? t("receiveCodes.waitingCount", { count: waitingCount }) : t("receiveCodes.allDone")),
      waiting && !this.keyHeld ? el("p", { class: "muted hint" }, t("receiveCodes.refreshing", { seconds: CODES_POLL_MS / 1000 })) : null,
      this.problem ? el("p", { class: "error-detail", role: "alert", "data-testid": "codes-error" }, codesErrorSentence(this.problem)) : null,
      this.keyHeld ? this.keyHeldNotice() : null,
      el(
        "table",
        { class: "items-table", "data-testid": "codes-table" },
        el(
          "thead",
          {},
          el("tr", {}, ...(["receiveCodes.col.email", "receiveCodes.col.status", "receiveCodes.col.text", "receiveCodes.col.expires"] as const).map((k) => el("th", {}, t(k))), el("th", {}, "")),
        ),
        el("tbody", {}, ...rows),
      ),
    );
    this.renderCountdowns();
  }
}

/** The received text with its code marked, when it came, and a warning when its code is one this
 *  email already had. */
function textCell(item: CodeItemView): (HTMLElement | string)[] {
  if (!item.text) return [t("receiveCodes.noText")];
  return [
    highlighted(item.text, item.code),
    item.sameCodeAsBefore
      ? el("span", { class: "badge same-code-badge", title: t("receiveCodes.sameCodeHint"), "data-testid": "code-same-as-before" }, t("receiveCodes.sameCode"))
      : "",
    item.receivedAt ? el("span", { class: "muted hint", "data-testid": "code-arrived-at" }, t("receiveCodes.arrivedAt", { time: shortTime(item.receivedAt) })) : "",
  ];
}

/** An email that expired or was released: whether the service charged it, when it says. */
function chargeLine(item: CodeItemView): HTMLElement | null {
  if (item.price === null || (item.status !== "Expired" && item.status !== "Released")) return null;
  const free = Number(item.price) === 0;
  return el("span", { class: "muted hint", "data-testid": "code-charged", "data-charged": String(!free) }, free ? t("receiveCodes.notCharged") : t("receiveCodes.charged", { price: item.price }));
}
