import { describe, expect, it } from "vitest";
import { checkQuantity, isPlausibleEmail, lineTotal, quantityBounds } from "../src/checkout/rules";
import { countdown, nextPollDelay, POLL_HIDDEN_MS, POLL_LATE_MS, POLL_VISIBLE_MS } from "../src/checkout/payment-screen";
import type { CheckoutView } from "../src/ipc";
import type { OrderStatus } from "../src/bindings/OrderStatus";
import { PRODUCTS } from "./fixtures";

describe("checkout rules", () => {
  const workspace = PRODUCTS[0]; // min 5, stock 44
  it("bounds the quantity by the minimum, the stock and the cap of 200", () => {
    expect(quantityBounds(workspace)).toEqual({ min: 5, max: 44 });
    expect(quantityBounds({ ...workspace, stock: 999, minQuantity: 0 })).toEqual({ min: 1, max: 200 });
    expect(checkQuantity("5", workspace)).toEqual({ quantity: 5 });
    expect(checkQuantity(" 44 ", workspace)).toEqual({ quantity: 44 });
    expect(checkQuantity("4", workspace)).toEqual({ key: "checkout.rule.belowMinimum", params: { min: 5 } });
    expect(checkQuantity("45", workspace)).toEqual({ key: "checkout.rule.aboveStock", params: { stock: 44 } });
    expect(checkQuantity("201", { ...workspace, stock: 999 })).toEqual({ key: "checkout.rule.aboveCap" });
    for (const bad of ["", "2.5", "-1", "1e3", "ten"]) expect(checkQuantity(bad, workspace)).toEqual({ key: "checkout.rule.notWhole" });
    expect(checkQuantity("5", PRODUCTS[2])).toEqual({ key: "checkout.rule.soldOut" });
  });

  it("multiplies decimal text exactly", () => {
    expect(lineTotal("12.345", 2)).toBe("24.690");
    expect(lineTotal("0.015", 3)).toBe("0.045");
    expect(lineTotal("0.1", 3)).toBe("0.3"); // 0.1 * 3 in floating point is 0.30000000000000004
    expect(lineTotal("25", 7)).toBe("175");
    expect(lineTotal("0.08", 100)).toBe("8.00");
    expect(lineTotal("abc", 1)).toBe("—");
  });

  it("accepts plausible emails only", () => {
    expect(isPlausibleEmail(" buyer@example.com ")).toBe(true);
    for (const bad of ["buyer@", "@x.co", "a@b", "a b@c.de", "a@b@c.de"]) expect(isPlausibleEmail(bad)).toBe(false);
  });
});

function view(status: OrderStatus, expiresAt: string | null): CheckoutView {
  return {
    order: {
      summary: { id: 1, store: "gmailstore", orderNo: "GS1", productName: "p", quantity: 1, total: "1", currency: "CNY", status, finished: false, contactEmail: null, itemCount: 0, createdAt: "" },
      storeOrderId: null, productId: null, unitPrice: null, paymentMethod: "crypto", coin: "btc", payAddress: "bc1", payAmount: "0.1", network: null,
      expiresAt, hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    },
    paymentUri: null, qrCode: null, storeMessage: null, missing: [], storeAnswer: null,
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
