// Buying in the real window against the store double: crypto from product to delivered accounts
// (still there after a restart), balance with login and with too little balance, a quantity below
// the minimum refused before any call, and lookups within the store's limits.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { accountsFor, clickTestId, statusIs, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBalanceCheckout, startBuying } from "./app-steps.mjs";

const PASSPHRASE = "checkout e2e passphrase";
const ctx = appSuite("checkout");

/** The accounts the double delivers for an order (see tests/store-double). */


describe("checkout", () => {
  it("pays by crypto: address, exact amount and QR, then the accounts, kept after a restart", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBuying(ctx.session, "Aged Gmail (registered 2019)");
    await typeInto(ctx.session, "checkout-quantity", "2");
    await typeInto(ctx.session, "checkout-email", "buyer@example.com");
    await untilTexts(ctx.session, '[data-testid="checkout-total"]', ["Total: ¥24.690"]);
    await clickTestId(ctx.session, "checkout-submit");

    await statusIs(ctx.session, "awaitingPayment");
    assert.equal(await textOf(ctx.session, "pay-amount"), "3.429167");
    assert.equal(await textOf(ctx.session, "pay-token"), "USDT");
    assert.equal(await textOf(ctx.session, "pay-network"), "Network: TRON (TRC20)");
    assert.equal(await textOf(ctx.session, "pay-address"), "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
    const [qr] = await waitFor(ctx.session, '[data-testid="pay-qr"]');
    assert.match(await ctx.session.attribute(qr, "src"), /^data:image\/svg\+xml;base64,/);
    assert.match(await textOf(ctx.session, "pay-countdown"), /^Pay within (29|30):\d\d$/);
    const orderNo = await textOf(ctx.session, "pay-order-no");
    assert.match(orderNo, /^GS261125\d{4}[A-Z]{4}$/);
    await ctx.harness.saveScreenshot(ctx.session, "checkout-crypto-awaiting");

    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await statusIs(ctx.session, "delivered");
    const expected = accountsFor(orderNo, 2);
    await untilTexts(ctx.session, '[data-testid="pay-item-login"]', expected.map((a) => a[0]));
    assert.deepEqual(await ctx.session.texts('[data-testid="pay-item-password"]'), expected.map((a) => a[1]));
    const orders = await ctx.harness.control("GET", "/orders");
    assert.equal(orders.filter((o) => o.orderNo === orderNo).length, 1, "created exactly once");
    await ctx.session.end();

    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-orders");
    await untilTexts(ctx.session, '[data-testid="order-number"]', [orderNo]);
    assert.deepEqual(await ctx.session.texts('[data-testid="order-status"]'), ["Delivered"]);
    await clickTestId(ctx.session, "order-open");
    await untilTexts(ctx.session, '[data-testid="item-password"]', expected.map((a) => a[1]));
    assert.equal(await textOf(ctx.session, "order-detail-pay-amount"), "3.429167");
  });

  it("says an order may exist when its answer is lost, never sends it twice, and leads to the lookup", async () => {
    const before = (await ctx.harness.control("GET", "/orders")).length;
    await ctx.harness.fault({ kind: "dropafter", path: "/api/orders/create", count: 1 });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBuying(ctx.session, "US Apple ID");
    await typeInto(ctx.session, "checkout-email", "lost@example.com");
    await clickTestId(ctx.session, "checkout-submit");
    await until(async () => (await textOf(ctx.session, "checkout-message")).startsWith("Your order was sent, but the store's answer did not arrive."), {
      what: "the order-may-exist message",
    });
    const orders = await ctx.harness.control("GET", "/orders");
    assert.equal(orders.length, before + 1, "the store created it once");
    assert.equal((await ctx.harness.hits())["POST /api/orders/create"], 1, "and it was sent once");
    await clickTestId(ctx.session, "checkout-lookup");
    await typeInto(ctx.session, "lookup-order-no", orders[orders.length - 1].orderNo);
    await typeInto(ctx.session, "lookup-email", "lost@example.com");
    await clickTestId(ctx.session, "lookup-submit");
    await until(async () => (await textOf(ctx.session, "lookup-found")).includes(orders[orders.length - 1].orderNo), { what: "the lost order found" });
  });

  it("refuses a quantity below the minimum before calling the store", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBuying(ctx.session, "Google Workspace / Education Email");
    assert.equal(await textOf(ctx.session, "checkout-rule"), "From 5 to 44 (stock 44, at most 200 per order).");
    await typeInto(ctx.session, "checkout-quantity", "4");
    await typeInto(ctx.session, "checkout-email", "buyer@example.com");
    await clickTestId(ctx.session, "checkout-submit");
    await untilTexts(ctx.session, '[data-testid="checkout-message"]', ["The minimum for this product is 5."]);
    assert.equal((await ctx.harness.hits())["POST /api/orders/create"] ?? 0, 0);
  });

  it("pays from the balance after logging in, and says plainly when the balance is short", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBalanceCheckout(ctx.session, "Aged Gmail (registered 2019)");
    await clickTestId(ctx.session, "checkout-submit");
    await statusIs(ctx.session, "delivered");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await untilTexts(ctx.session, '[data-testid="pay-item-login"]', accountsFor(orderNo, 1).map((a) => a[0]));

    await clickTestId(ctx.session, "nav-catalogue");
    await startBuying(ctx.session, "Aged Gmail (registered 2019)");
    await typeInto(ctx.session, "checkout-email", "poor@example.com");
    await clickTestId(ctx.session, "method-balance_cny");
    await clickTestId(ctx.session, "logout");
    await typeInto(ctx.session, "login-email", "poor@example.com");
    await typeInto(ctx.session, "login-password", "correct-password");
    await clickTestId(ctx.session, "login-submit");
    await waitFor(ctx.session, '[data-testid="logged-in-as"]');
    await clickTestId(ctx.session, "checkout-submit");
    await untilTexts(ctx.session, '[data-testid="checkout-message"]', [
      "Your balance is not enough for this order. Top up at the store, or choose another way to pay.",
    ]);
  });

  it("looks orders up by number and email, and shows a countdown instead of a third call", async () => {
    const created = await fetch(`${ctx.harness.storeUrl}/api/orders/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ productId: "e91d2a47-3c58-4f06-a7b9-5d8e1f2c3b84", quantity: 1, contactEmail: "lookup@example.com", paymentMethod: "crypto", coin: "btc" }),
    }).then((r) => r.json());
    const orderNo = created.order.orderNo;
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await ctx.harness.reset();

    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-lookup");
    await typeInto(ctx.session, "lookup-order-no", orderNo);
    await typeInto(ctx.session, "lookup-email", "lookup@example.com");
    await clickTestId(ctx.session, "lookup-submit");
    await until(async () => (await textOf(ctx.session, "lookup-found")).includes(orderNo), { what: "the first lookup" });
    assert.match(await textOf(ctx.session, "lookup-found"), /Delivered · 1 items/);
    await clickTestId(ctx.session, "lookup-submit");
    await until(async () => ((await ctx.harness.hits())["GET /api/orders/query"] ?? 0) === 2, { what: "the second lookup" });
    // Its answer is in (the button, held while a lookup is on its way, is pressable again).
    await until(async () => {
      const [button] = await ctx.session.findAll('[data-testid="lookup-submit"]');
      return button !== undefined && (await ctx.session.property(button, "disabled")) === false;
    }, { what: "the second lookup answered" });
    await clickTestId(ctx.session, "lookup-submit");
    const wait = await textOf(ctx.session, "lookup-wait");
    assert.match(wait, /^The store allows only a few lookups per minute\. You can look up again in (5\d|6[01]) s\.$/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await ctx.harness.hits())["GET /api/orders/query"], 2, "the double saw no third call");
    await clickTestId(ctx.session, "lookup-open");
    await untilTexts(ctx.session, '[data-testid="item-login"]', [`${orderNo.toLowerCase()}-0@gmail.com`]);
  });
});
