import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { PaymentScreen, POLL_VISIBLE_MS } from "../src/checkout/payment-screen";
import { setLanguage } from "../src/i18n/i18n";
import type { CheckoutView } from "../src/ipc";
import { byTestId, texts, until } from "./dom-helpers";

function missingView(): CheckoutView {
  return {
    order: {
      summary: { id: 3, store: "gmailstore", orderNo: "GS9", productName: "p", productNameZh: null, quantity: 1, total: "70", currency: "CNY", status: "awaitingPayment", finished: false, contactEmail: "buyer@example.com", itemCount: 0, createdAt: "" },
      storeOrderId: null, productId: null, unitPrice: null, minQuantity: null, paymentMethod: "crypto", coin: "trc20_usdt", payAddress: null, payAmount: null, network: null,
      expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(), hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    },
    paymentUri: null, qrCode: null, storeMessage: null, unknownStatus: null, received: null, shortBy: null, paymentTx: null,
    missing: ["address", "amount"],
    storeAnswer: '{\n  "access_token": "••••",\n  "order_no": "GS9"\n}',
    settled: false,
  };
}

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

describe("a payment screen without the details to pay", () => {
  it("says what is missing, shows no countdown or pay box, offers a check, the lookup and the store's answer", async () => {
    let refreshes = 0;
    mockIPC((cmd) => {
      if (cmd === "checkout_refresh") {
        refreshes += 1;
        return missingView();
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const screen = new PaymentScreen(missingView());
    await until(() => expect(refreshes).toBe(1));
    expect(texts(screen.root, "pay-missing-item")).toEqual(["The address to send the coins to", "The exact amount to send"]);
    expect(byTestId(screen.root, "pay-amount")).toHaveLength(0);
    expect(byTestId(screen.root, "pay-address")).toHaveLength(0);
    expect(texts(screen.root, "pay-countdown")).toEqual([""]);
    expect(texts(screen.root, "pay-store-answer")[0]).toContain('"access_token": "••••"');

    (byTestId(screen.root, "missing-check")[0] as HTMLButtonElement).click();
    await until(() => expect(refreshes).toBe(2));

    const navigated: string[] = [];
    document.addEventListener("mailcart:navigate", (e) => navigated.push((e as CustomEvent<string>).detail));
    (byTestId(screen.root, "missing-lookup")[0] as HTMLButtonElement).click();
    expect(navigated).toEqual(["lookup"]);
    const { takeLookupPrefill } = await import("../src/lookup/prefill");
    expect(takeLookupPrefill()).toEqual({ email: "buyer@example.com", orderNo: "GS9" });
    screen.close();
  });

  it("speaks Chinese too", async () => {
    setLanguage("zh");
    mockIPC(() => missingView());
    const screen = new PaymentScreen(missingView());
    expect(texts(screen.root, "pay-missing-item")).toEqual(["收款地址", "需要发送的准确金额"]);
    screen.close();
  });
});

describe("an order that can only be looked up (found by number and email: no access token)", () => {
  it("says so in the buyer's language, stops asking, and leads to the lookup with its number and email", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let refreshes = 0;
    mockIPC((cmd) => {
      if (cmd === "checkout_refresh") {
        refreshes += 1;
        throw { kind: "lookupNeeded", message: "this order has no access token; look it up by order number and email" };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const view = { ...missingView(), missing: [] as CheckoutView["missing"] };
    view.order = { ...view.order, summary: { ...view.order.summary, status: "paid" } };
    const screen = new PaymentScreen(view);
    await until(() => expect(byTestId(screen.root, "pay-lookup-needed")).toHaveLength(1));
    expect(texts(screen.root, "pay-lookup-needed")[0]).toContain("look it up with its order number and contact email");
    expect(screen.root.textContent).not.toContain("no longer available");
    const pages: string[] = [];
    const { onNavigate } = await import("../src/navigation");
    onNavigate((page) => pages.push(page));
    byTestId(screen.root, "pay-lookup-now")[0].click();
    expect(pages).toEqual(["lookup"]);
    const { takeLookupPrefill } = await import("../src/lookup/prefill");
    expect(takeLookupPrefill()).toEqual({ email: "buyer@example.com", orderNo: "GS9" });
    // Well past the next check a paid order would have had (POLL_VISIBLE_MS): none came.
    await vi.advanceTimersByTimeAsync(POLL_VISIBLE_MS * 3);
    expect(refreshes).toBe(1);
    setLanguage("zh");
    screen.render();
    expect(texts(screen.root, "pay-lookup-needed")[0]).toContain("订单号和联系邮箱");
    screen.close();
    vi.useRealTimers();
  });
});
