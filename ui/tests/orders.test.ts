import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { OrdersPage } from "../src/orders/orders-page";
import { ORDERS_PAGE } from "../src/bindings/constants";
import { setLanguage } from "../src/i18n/i18n";
import type { OrderSummary } from "../src/ipc";
import { byTestId, texts, until } from "./dom-helpers";

const order = (id: number, orderNo: string, finished: boolean): OrderSummary => ({
  id,
  store: "gmailstore",
  orderNo,
  productName: "Aged Gmail",
  productNameZh: "老谷歌邮箱",
  quantity: 2,
  total: "24.690",
  currency: "CNY",
  status: finished ? "delivered" : "awaitingPayment",
  finished,
  contactEmail: "a@b.co",
  itemCount: finished ? 2 : 0,
  createdAt: "2026-11-25T15:40:06.123456Z",
});

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

describe("orders page", () => {
  it("lists orders with exact totals, marks unfinished ones, and sends the chosen filters", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "order_attempts") return [];
      if (cmd !== "orders_list") return null;
      calls.push((args as { filter: unknown }).filter);
      return [order(2, "GS2", false), order(1, "GS1", true)];
    });
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "order-row")).toHaveLength(2));
    expect(texts(page.root, "order-number")).toEqual(["GS2", "GS1"]);
    expect(texts(page.root, "order-total")).toEqual(["24.690 CNY", "24.690 CNY"]);
    expect(byTestId(page.root, "order-unfinished")).toHaveLength(1);
    expect(texts(page.root, "orders-unfinished-count")).toEqual(["1 unfinished orders"]);

    const state = byTestId(page.root, "orders-state")[0] as HTMLSelectElement;
    state.value = "status:delivered";
    state.dispatchEvent(new Event("change"));
    const store = byTestId(page.root, "orders-store")[0] as HTMLSelectElement;
    store.value = "emailOrder";
    store.dispatchEvent(new Event("change"));
    await until(() => expect(calls).toHaveLength(3));
    expect(calls[0]).toEqual({});
    expect(calls[2]).toEqual({ store: "emailOrder", status: "delivered" });
  });

  it("shows older orders a page at a time instead of stopping at the newest page", async () => {
    const filters: Array<Record<string, unknown>> = [];
    mockIPC((cmd, args) => {
      if (cmd === "order_attempts") return [];
      if (cmd !== "orders_list") return null;
      const filter = (args as { filter: Record<string, unknown> }).filter;
      filters.push(filter);
      const from = (filter.offset as number | undefined) ?? 0;
      const total = ORDERS_PAGE + 3;
      return Array.from({ length: Math.max(0, Math.min(ORDERS_PAGE, total - from)) }, (_, i) => order(total - from - i, `GS${total - from - i}`, true));
    });
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "order-row")).toHaveLength(ORDERS_PAGE));
    expect(texts(page.root, "orders-more")).toEqual(["Show older orders"]);
    byTestId(page.root, "orders-more")[0].click();
    await until(() => expect(byTestId(page.root, "order-row")).toHaveLength(ORDERS_PAGE + 3));
    expect(texts(page.root, "order-number").slice(-3)).toEqual(["GS3", "GS2", "GS1"]);
    expect(byTestId(page.root, "orders-more")).toHaveLength(0);
    expect(filters).toEqual([{}, { offset: ORDERS_PAGE }]);
  });

  it("lists an order once when a new one shifted the next page by one", async () => {
    let pages = 0;
    mockIPC((cmd, args) => {
      if (cmd === "order_attempts") return [];
      if (cmd !== "orders_list") return null;
      pages += 1;
      const from = ((args as { filter: { offset?: number } }).filter.offset ?? 0) - (pages > 1 ? 1 : 0);
      const total = ORDERS_PAGE + 2;
      return Array.from({ length: Math.min(ORDERS_PAGE, total - from) }, (_, i) => order(total - from - i, `GS${total - from - i}`, true));
    });
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "order-row")).toHaveLength(ORDERS_PAGE));
    byTestId(page.root, "orders-more")[0].click();
    await until(() => expect(byTestId(page.root, "order-row")).toHaveLength(ORDERS_PAGE + 2));
    const numbers = texts(page.root, "order-number");
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("shows an order sent with no answer as 'may exist', leads to the lookup with its email, and dismisses it", async () => {
    const dismissed: unknown[] = [];
    let pending = [
      { id: 7, store: "gmailstore", productName: "Aged Gmail", quantity: 2, contactEmail: "lost@example.com", paymentMethod: "crypto", coin: "trc20_usdt", startedAt: "2026-11-25T15:40:06Z", orderNo: null, answerKept: false },
    ];
    mockIPC((cmd, args) => {
      if (cmd === "order_attempts") return pending;
      if (cmd === "order_attempt_dismiss") {
        dismissed.push((args as { id: number }).id);
        pending = [];
        return null;
      }
      return [];
    });
    const navigated: string[] = [];
    document.addEventListener("mailcart:navigate", (e) => navigated.push((e as CustomEvent<string>).detail));
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "attempt")).toHaveLength(1));
    expect(texts(page.root, "attempt-explain")).toEqual(["Sent to the store, no answer received — the order may exist: look it up."]);
    expect(texts(page.root, "attempt-email")).toEqual(["lost@example.com"]);
    (byTestId(page.root, "attempt-lookup")[0] as HTMLButtonElement).click();
    expect(navigated).toEqual(["lookup"]);
    const { takeLookupPrefill } = await import("../src/lookup/prefill");
    expect(takeLookupPrefill()).toEqual({ email: "lost@example.com", orderNo: null });
    (byTestId(page.root, "attempt-dismiss")[0] as HTMLButtonElement).click();
    await until(() => expect(byTestId(page.root, "attempt")).toHaveLength(0));
    expect(dismissed).toEqual([7]);
  });

  it("shows the order number kept with an order that could not be saved, and hands it to the lookup", async () => {
    mockIPC((cmd) => {
      if (cmd === "order_attempts") {
        return [{ id: 8, store: "gmailstore", productName: "Aged Gmail", quantity: 1, contactEmail: "full@example.com", paymentMethod: "balance_cny", coin: null, startedAt: "2026-11-25T15:40:06Z", orderNo: "GS2611250001ABCD", answerKept: true }];
      }
      return [];
    });
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "attempt")).toHaveLength(1));
    expect(texts(page.root, "attempt-order-no")).toEqual(["The store's order number: GS2611250001ABCD"]);
    (byTestId(page.root, "attempt-lookup")[0] as HTMLButtonElement).click();
    const { takeLookupPrefill } = await import("../src/lookup/prefill");
    expect(takeLookupPrefill()).toEqual({ email: "full@example.com", orderNo: "GS2611250001ABCD" });
  });

  it("says when the vault is locked instead of showing an empty list", async () => {
    mockIPC(() => {
      throw { kind: "vaultLocked", message: "the vault is locked" };
    });
    const page = new OrdersPage();
    page.render();
    page.show();
    await until(() => expect(byTestId(page.root, "error")).toHaveLength(1));
    expect(byTestId(page.root, "error")[0].textContent).toContain("Your saved data is locked.");
  });
});

describe("backup reminder", () => {
  it("shows a quiet notice when Rust says a backup is due, leads to Settings, and “Not now” dismisses it", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "orders_list") return [order(1, "ORD-1", true)];
      if (cmd === "order_attempts") return [];
      if (cmd === "backup_reminder") return !calls.includes("backup_reminder_dismiss");
      return null;
    });
    const pages: string[] = [];
    const { onNavigate } = await import("../src/navigation");
    onNavigate((page) => pages.push(page));
    const page = new OrdersPage();
    page.show();
    await until(() => expect(texts(page.root, "backup-reminder")).toHaveLength(1));
    expect(texts(page.root, "backup-reminder")[0]).toContain("not been backed up for 30 days");
    byTestId(page.root, "backup-reminder-now")[0].click();
    expect(pages).toEqual(["settings"]);
    byTestId(page.root, "backup-reminder-later")[0].click();
    expect(byTestId(page.root, "backup-reminder")).toHaveLength(0);
    await until(() => expect(calls).toContain("backup_reminder_dismiss"));
    page.show();
    await until(() => expect(byTestId(page.root, "orders-table")).toHaveLength(1));
    expect(byTestId(page.root, "backup-reminder")).toHaveLength(0);

    setLanguage("zh");
    mockIPC((cmd) => (cmd === "backup_reminder" ? true : cmd === "orders_list" ? [order(1, "ORD-1", true)] : cmd === "order_attempts" ? [] : null));
    page.show();
    await until(() => expect(texts(page.root, "backup-reminder")[0]).toContain("30 天没有备份"));
  });
});
