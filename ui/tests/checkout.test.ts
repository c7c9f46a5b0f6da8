import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CheckoutForm } from "../src/checkout/checkout-form";
import { errorSentence } from "../src/errors";
import { setLanguage } from "../src/i18n/i18n";
import { byTestId, texts, until } from "./dom-helpers";
import { countdown, nextPollDelay, paymentStage, POLL_HIDDEN_MS, POLL_LATE_MS, POLL_VISIBLE_MS } from "../src/checkout/payment-screen";
import type { CheckoutView } from "../src/ipc";
import type { OrderStatus } from "../src/bindings/OrderStatus";
import { PRODUCTS } from "./fixtures";

describe("checkout rules", () => {
  afterEach(() => clearMocks());

  it("says a refusal in the buyer's language, the store's or Mailcart's own words marked as the details", async () => {
    setLanguage("zh");
    mockIPC((cmd) => {
      if (cmd === "payment_options") return { alipay: false, wechat: false };
      if (cmd === "login_status") return { loggedIn: false, email: null, balance: null, balanceCrypto: null };
      if (cmd === "checkout_quote") return { quantity: 6, total: "3.0", problem: null };
      if (cmd === "checkout_create") throw { kind: "storeRejected", message: "Coupon expired" };
      throw new Error(`unexpected ${cmd}`);
    });
    const form = new CheckoutForm(PRODUCTS[0], () => {}, () => {});
    document.body.append(form.root);
    form.render();
    (byTestId(form.root, "checkout-email")[0] as HTMLInputElement).value = "b@example.com";
    (byTestId(form.root, "checkout-submit")[0] as HTMLButtonElement).click();
    await until(() => expect(texts(form.root, "checkout-message")[0]).toContain("详细信息：Coupon expired"));
    expect(texts(form.root, "checkout-message")[0].startsWith(errorSentence({ kind: "storeRejected", message: "Coupon expired" }))).toBe(true);
    form.root.remove();
    setLanguage("en");
  });

  it("shows Rust's quote: the exact total, and a broken rule in the buyer's words before anything is sent", async () => {
    setLanguage("en");
    const sent: string[] = [];
    mockIPC((cmd, args) => {
      sent.push(cmd);
      if (cmd === "payment_options") return { alipay: false, wechat: false };
      if (cmd === "login_status") return { loggedIn: false, email: null, balance: null, balanceCrypto: null };
      if (cmd === "checkout_quote") {
        const { quantity } = args as { quantity: string };
        return quantity === "4" ? { quantity: null, total: null, problem: { rule: "belowMinimum", minimum: 5 } } : { quantity: 6, total: "3.0", problem: null };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const form = new CheckoutForm(PRODUCTS[0], () => {}, () => {});
    document.body.append(form.root);
    form.render();
    expect((byTestId(form.root, "checkout-quantity")[0] as HTMLInputElement).value).toBe("5");
    expect(texts(form.root, "checkout-rule")).toEqual(["From 5 to 44 (stock 44, at most 200 per order)."]);
    await until(() => expect(texts(form.root, "checkout-total")).toEqual(["Total: ¥3.0"]));
    (byTestId(form.root, "checkout-quantity")[0] as HTMLInputElement).value = "4";
    (byTestId(form.root, "checkout-submit")[0] as HTMLButtonElement).click();
    await until(() => expect(texts(form.root, "checkout-message")).toEqual(["The minimum for this product is 5."]));
    expect(sent).not.toContain("checkout_create");
    form.root.remove();
  });

  it("words a rule Rust refused the order with, in either language", () => {
    setLanguage("zh");
    expect(errorSentence({ kind: "invalidInput", message: "at most 200 per order", rule: { rule: "aboveCap", most: 200 } })).toBe("每单最多 200 个。");
    setLanguage("en");
    expect(errorSentence({ kind: "unauthorized", message: "log in", rule: { rule: "loginNeeded" } })).toBe("Log in to pay from your balance.");
    expect(errorSentence({ kind: "invalidInput", message: "x", rule: { rule: "countOutOfRange", most: 99999 } })).toBe("Buy from 1 to 99999 emails.");
  });
});

function view(status: OrderStatus, expiresAt: string | null): CheckoutView {
  return {
    order: {
      summary: { id: 1, store: "gmailstore", orderNo: "GS1", productName: "p", productNameZh: null, quantity: 1, total: "1", currency: "CNY", status, finished: false, contactEmail: null, itemCount: 0, createdAt: "" },
      storeOrderId: null, productId: null, unitPrice: null, minQuantity: null, paymentMethod: "crypto", coin: "btc", payAddress: "bc1", payAmount: "0.1", network: null,
      expiresAt, hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    },
    paymentUri: null, qrCode: null, storeMessage: null, unknownStatus: null, received: null, shortBy: null, paymentTx: null, missing: [], storeAnswer: null,
    // As Rust sends it (`OrderStatus::is_settled`).
    settled: ["delivered", "failed", "cancelled"].includes(status),
  };
}

describe("status checks", () => {
  const now = Date.parse("2026-11-25T16:00:00Z");
  const later = "2026-11-25T16:30:00Z";
  it("polls often while visible, slowly when hidden, and stops at a final state", () => {
    expect(nextPollDelay(view("awaitingPayment", later), now, false)).toBe(POLL_VISIBLE_MS);
    expect(nextPollDelay(view("confirming", later), now, true)).toBe(POLL_HIDDEN_MS);
    expect(POLL_VISIBLE_MS).toBeGreaterThanOrEqual(5000);
    expect(POLL_VISIBLE_MS).toBeLessThanOrEqual(10000);
    for (const done of ["delivered", "failed", "cancelled"] as const) expect(nextPollDelay(view(done, later), now, false)).toBeNull();
  });

  it("after expiry keeps a slow check for a late payment for half an hour, then stops", () => {
    const expired = "2026-11-25T15:50:00Z";
    expect(nextPollDelay(view("awaitingPayment", expired), now, false)).toBe(POLL_LATE_MS);
    expect(nextPollDelay(view("expired", expired), now, false)).toBe(POLL_LATE_MS);
    expect(nextPollDelay(view("expired", "2026-11-25T15:20:00Z"), now, false)).toBeNull();
  });

  it("gives every state its own stage, and a closed window a late watch of half an hour from the expiry", () => {
    const stage = (status: OrderStatus, expiresAt: string | null, extra: Partial<CheckoutView> = {}) => paymentStage({ ...view(status, expiresAt), ...extra }, now);
    expect(stage("awaitingPayment", later)).toEqual({ stage: "waiting", lateUntil: null });
    expect(stage("awaitingPayment", later, { unknownStatus: "frozen" }).stage).toBe("unknown");
    expect(stage("confirming", later).stage).toBe("confirming");
    expect(stage("paid", later).stage).toBe("paid");
    expect(stage("inProgress", later).stage).toBe("paid");
    expect(stage("delivered", later).stage).toBe("delivered");
    expect(stage("underpaid", later).stage).toBe("underpaid");
    expect(stage("failed", later).stage).toBe("stopped");
    expect(stage("cancelled", later).stage).toBe("stopped");
    // Closed by the clock or by the store; watched until 30 minutes after the expiry time.
    expect(stage("awaitingPayment", "2026-11-25T15:50:00Z")).toEqual({ stage: "lateWatch", lateUntil: Date.parse("2026-11-25T16:20:00Z") });
    expect(stage("expired", later)).toEqual({ stage: "lateWatch", lateUntil: Date.parse("2026-11-25T17:00:00Z") });
    expect(stage("expired", "2026-11-25T15:20:00Z").stage).toBe("lateOver");
    expect(stage("expired", null)).toEqual({ stage: "lateWatch", lateUntil: null });
  });

  it("keeps checking a payment the store has seen or taken, however long after the window closed", () => {
    // The accounts come when the confirmations do (a BTC payment can take an hour): the screen says
    // they appear by themselves, so the checks go on until they do.
    const longAgo = "2026-11-25T13:00:00Z";
    for (const status of ["confirming", "paid", "inProgress"] as const) {
      expect(nextPollDelay(view(status, longAgo), now, false), status).toBe(POLL_VISIBLE_MS);
      expect(nextPollDelay(view(status, longAgo), now, true), status).toBe(POLL_HIDDEN_MS);
    }
  });

  it("reads the store's expiry in every plausible form: unix seconds or milliseconds, a space for the T", () => {
    const inHalfAnHour = Date.parse(later);
    for (const expiresAt of [String(inHalfAnHour / 1000), String(inHalfAnHour), later]) {
      expect(paymentStage(view("awaitingPayment", expiresAt), now).stage, expiresAt).toBe("waiting");
      expect(countdown(expiresAt, now), expiresAt).toBe("30:00");
    }
    const local = new Date(2026, 10, 25, 18, 30, 0);
    expect(countdown("2026-11-25 18:30:00", local.getTime() - 90_000)).toBe("01:30");
    // Long past in seconds: the window is closed.
    expect(paymentStage(view("awaitingPayment", String((now - 3_600_000) / 1000)), now).stage).toBe("lateOver");
  });

  it("counts down to the expiry", () => {
    expect(countdown("2026-11-25T16:29:59Z", now)).toBe("29:59");
    expect(countdown("2026-11-25T17:00:05Z", now)).toBe("1:00:05");
    expect(countdown("2026-11-25T15:59:59Z", now)).toBeNull();
  });
});

describe("coins", () => {
  it("name every coin's network in the buyer's language, from the list Rust generates", async () => {
    const { coinLabel, coins } = await import("../src/checkout/coins");
    const { setLanguage } = await import("../src/i18n/i18n");
    setLanguage("en");
    expect(coins().map((c) => c.coin)).toEqual(["trc20_usdt", "erc20_usdt", "bep20_usdt", "btc", "eth", "trx", "bnb"]);
    expect(coinLabel("trc20_usdt")).toBe("USDT · TRON (TRC20)");
    setLanguage("zh");
    expect(coinLabel("trc20_usdt")).toBe("USDT · 波场 TRON（TRC20）");
    expect(coins().every((c) => /[\u4e00-\u9fff]/.test(c.network))).toBe(true);
    setLanguage("en");
  });
});
