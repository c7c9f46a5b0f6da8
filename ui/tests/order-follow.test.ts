import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { OrderDetailView } from "../src/orders/order-detail";
import { setLanguage } from "../src/i18n/i18n";
import type { OrderDetail } from "../src/ipc";
import type { OrderStatus } from "../src/bindings/OrderStatus";
import { byTestId, until } from "./dom-helpers";

function detail(status: OrderStatus, finished: boolean): OrderDetail {
  return {
    summary: { id: 5, store: "gmailstore", orderNo: "GS5", productName: "p", productNameZh: null, quantity: 1, total: "70", currency: "CNY", status, finished, contactEmail: "b@example.com", itemCount: 0, createdAt: "2026-12-05T10:00:00Z" },
    storeOrderId: "5", productId: null, unitPrice: null, minQuantity: null, paymentMethod: "crypto", coin: "btc", payAddress: "bc1q", payAmount: "0.001", network: null,
    expiresAt: "2026-12-05T10:30:00Z", hasPayUrl: false, events: [], items: [], unreadableItems: 0,
  } as OrderDetail;
}

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

describe("following an order from the Orders page", () => {
  it("is offered for an expired order, whose late payment the store may still deliver, and not for a settled one", async () => {
    for (const [status, finished, offered] of [
      ["expired", true, true],
      ["awaitingPayment", false, true],
      ["delivered", true, false],
      ["cancelled", true, false],
    ] as const) {
      mockIPC((cmd) => (cmd === "order_detail" ? detail(status, finished) : null));
      const view = new OrderDetailView(5, () => {});
      await until(() => expect(byTestId(view.root, "order-detail-expires")).toHaveLength(1));
      expect(byTestId(view.root, "order-follow").length, status).toBe(offered ? 1 : 0);
      view.close();
      clearMocks();
    }
  });
});
