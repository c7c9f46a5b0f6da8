// Look up an order by order number + email. The store allows few lookups a minute: when the next
// one is not allowed yet, a countdown is shown instead of calling.

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t } from "../i18n/i18n";
import { commands, toCommandError, type OrderDetail } from "../ipc";
import { statusLabel } from "../orders/format";
import { takeLookupPrefill } from "./prefill";

export class LookupPage {
  readonly root = el("section", { class: "lookup settings", "data-testid": "lookup-page" });
  private readonly orderNo = el("input", { type: "text", class: "input mono", "data-testid": "lookup-order-no", autocomplete: "off", spellcheck: "false" });
  private readonly email = el("input", { type: "email", class: "input", "data-testid": "lookup-email", autocomplete: "email" });
  private readonly submit = el("button", { type: "submit", class: "button primary", "data-testid": "lookup-submit" });
  private readonly result = el("div", { class: "lookup-result", "data-testid": "lookup-result" });
  private waitUntil = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private found: OrderDetail | null = null;
  private problem: unknown = null;
  /** A field was left empty: said here, no call made (the store would refuse it). */
  private needBoth = false;
  /** A lookup is on its way: a second press would cost one more of the store's few a minute. */
  private busy = false;

  constructor(private readonly onOpenOrder: (id: number) => void) {
    const form = el(
      "form",
      { class: "settings-form" },
      el("label", { class: "field" }, el("span", { "data-testid": "lookup-order-no-label" }), this.orderNo),
      el("label", { class: "field" }, el("span", { "data-testid": "lookup-email-label" }), this.email),
      this.submit,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.lookup();
    });
    this.root.append(el("h2", { "data-testid": "lookup-title" }), el("p", { class: "muted", "data-testid": "lookup-intro" }), form, this.result);
  }

  render(): void {
    (this.root.querySelector('[data-testid="lookup-title"]') as HTMLElement).textContent = t("lookup.title");
    (this.root.querySelector('[data-testid="lookup-intro"]') as HTMLElement).textContent = t("lookup.intro");
    (this.root.querySelector('[data-testid="lookup-order-no-label"]') as HTMLElement).textContent = t("lookup.orderNo");
    (this.root.querySelector('[data-testid="lookup-email-label"]') as HTMLElement).textContent = t("lookup.email");
    this.submit.textContent = t("lookup.submit");
    const prefill = takeLookupPrefill();
    if (prefill?.email) this.email.value = prefill.email;
    if (prefill?.orderNo) this.orderNo.value = prefill.orderNo;
    this.renderResult();
  }

  private secondsLeft(): number {
    return Math.max(0, Math.ceil((this.waitUntil - Date.now()) / 1000));
  }

  private renderResult(): void {
    clear(this.result);
    const left = this.secondsLeft();
    this.submit.disabled = left > 0 || this.busy;
    if (left > 0) {
      this.result.append(el("p", { class: "notice", "data-testid": "lookup-wait", "data-seconds": String(left) }, t("lookup.wait", { seconds: left })));
    } else if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    if (this.needBoth) {
      this.result.append(el("p", { class: "error-detail", role: "alert", "data-testid": "lookup-error" }, t("lookup.needBoth")));
    } else if (this.problem) {
      const kind = toCommandError(this.problem).kind;
      this.result.append(el("p", { class: "error-detail", role: "alert", "data-testid": "lookup-error" }, kind === "notFound" ? t("lookup.notFound") : errorSentence(this.problem)));
    }
    if (this.found) {
      const open = el("button", { type: "button", class: "button", "data-testid": "lookup-open" }, t("orders.open"));
      const id = this.found.summary.id;
      open.addEventListener("click", () => this.onOpenOrder(id));
      append(
        this.result,
        el("p", { "data-testid": "lookup-found" }, `${t("lookup.found")} ${this.found.summary.orderNo ?? ""} · ${statusLabel(this.found.summary.status)} · ${t("orders.items", { count: this.found.items.length })}`),
        open,
      );
    }
  }

  private async lookup(): Promise<void> {
    if (this.secondsLeft() > 0 || this.busy) return;
    this.problem = null;
    this.needBoth = !this.orderNo.value.trim() || !this.email.value.trim();
    if (this.needBoth) {
      this.renderResult();
      return;
    }
    this.busy = true;
    this.renderResult();
    try {
      this.found = await commands.lookupOrder(this.orderNo.value, this.email.value);
    } catch (error) {
      const commandError = toCommandError(error);
      if (commandError.kind === "rateLimited" && commandError.retryAfterMs) {
        // No call was made: what was found before stays on screen beside the countdown.
        this.waitUntil = Date.now() + commandError.retryAfterMs;
        this.ticker = setInterval(() => this.renderResult(), 1000);
      } else {
        this.found = null;
        this.problem = error;
      }
    } finally {
      this.busy = false;
    }
    this.renderResult();
  }
}
