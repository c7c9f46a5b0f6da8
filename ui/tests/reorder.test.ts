import { beforeEach, describe, expect, it } from "vitest";
import { reorderOf, requestReorder, takeReorder } from "../src/checkout/reorder";
import { itemExtras } from "../src/orders/item-fields";
import { setLanguage } from "../src/i18n/i18n";
import type { ItemView, OrderDetail } from "../src/ipc";

function detail(fields: Partial<OrderDetail> & { store?: "gmailstore" | "emailOrder" }): OrderDetail {
  const { store = "gmailstore", ...rest } = fields;
  return {
    summary: { id: 2, store, orderNo: "GS2", productName: "Aged Gmail", productNameZh: "老号 Gmail", quantity: 3, total: "37.035", currency: "CNY", status: "delivered", finished: true, contactEmail: "b@example.com", itemCount: 0, createdAt: "" },
    storeOrderId: null, productId: "p-aged", unitPrice: "12.345", minQuantity: 1, paymentMethod: "crypto", coin: "erc20_usdt", payAddress: null, payAmount: null, network: null,
    expiresAt: null, hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    ...rest,
  };
}

beforeEach(() => setLanguage("en"));

describe("Buy again", () => {
  it("hands over the product, quantity, email, method and a coin the app knows, once", () => {
    const reorder = reorderOf(detail({}));
    expect(reorder).toEqual({ productId: "p-aged", quantity: 3, email: "b@example.com", method: "crypto", coin: "erc20_usdt" });
    expect(reorderOf(detail({ coin: "doge" }))?.coin).toBeNull();
    expect(reorderOf(detail({ productId: null }))).toBeNull();
    expect(reorderOf(detail({ store: "emailOrder" }))).toBeNull();
    requestReorder(reorder!);
    expect(takeReorder()).toEqual(reorder);
    expect(takeReorder()).toBeNull();
  });
});

describe("a delivered account's extra fields", () => {
  const item = (fields: Partial<ItemView>): ItemView => ({ position: 0, login: "a@g.com", password: "p", extra: null, line: null, exportLine: "a@g.com:p", fields: [], receivedAt: "", ...fields });

  it("are named in the buyer's language, each with its own copy button", () => {
    const cells = itemExtras(item({ fields: [{ kind: "twoFactorSecret", name: null, value: "JBSW" }, { kind: "other", name: "backupcodes", value: "1 2" }, { kind: "other", name: null, value: "x" }] })) as HTMLElement[];
    expect(cells.map((c) => c.querySelector(".field-label")?.textContent)).toEqual(["2FA secret", "backupcodes", "Other"]);
    expect(cells.every((c) => c.querySelector('[data-testid="copy-field"]'))).toBe(true);
    setLanguage("zh");
    expect((itemExtras(item({ fields: [{ kind: "recoveryEmail", name: null, value: "r@x" }] }))[0] as HTMLElement).querySelector(".field-label")?.textContent).toBe("辅助邮箱");
  });

  it("fall back to what older versions kept, or the store's line whole", () => {
    expect(itemExtras(item({ extra: "r@x.com" }))).toEqual(["r@x.com"]);
    expect(itemExtras(item({ line: "a@g.com p r@x.com", password: null }))).toEqual(["a@g.com p r@x.com"]);
  });
});
