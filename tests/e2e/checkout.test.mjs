// Buying in the real window against the store double: crypto from product to delivered accounts
// (still there after a restart), balance with login and with too little balance, a quantity below
// the minimum refused before any call, and lookups within the store's limits.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { Harness, until } from "./harness.mjs";
import { clickTestId, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBuying } from "./app-steps.mjs";

const PASSPHRASE = "checkout e2e passphrase";
let harness;
let session;

before(async () => {
  harness = await Harness.start("checkout");
});
after(async () => {
  await harness?.stop();
});
beforeEach(async () => {
  await harness.reset();
});
afterEach(async (t) => {
  if (session) {
    await harness.saveScreenshot(session, `checkout-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
    await session.end().catch(() => {});
    session = null;
  }
});

/** The accounts the double delivers for an order (see tests/store-double). */
function accountsFor(orderNo, quantity) {
  return Array.from({ length: quantity }, (_, i) => [`${orderNo.toLowerCase()}-${i}@gmail.com`, `Pw-${i}-${orderNo}:,"é`]);
}

async function statusIs(status) {
  await until(async () => {
    const [el] = await session.findAll('[data-testid="pay-status"]');
    return el && (await session.attribute(el, "data-status")) === status;
  }, { what: `payment status ${status}`, timeoutMs: 30_000 });
}

describe("checkout", () => {
  it("pays by crypto: address, exact amount and QR, then the accounts, kept after a restart", async () => {
    session = await openApp(harness, PASSPHRASE);
    await startBuying(session, "Aged Gmail (registered 2019)");
    await typeInto(session, "checkout-quantity", "2");
    await typeInto(session, "checkout-email", "buyer@example.com");
    await untilTexts(session, '[data-testid="checkout-total"]', ["Total: ¥24.690"]);
    await clickTestId(session, "checkout-submit");

    await statusIs("awaitingPayment");
    assert.equal(await textOf(session, "pay-amount"), "3.429167");
    assert.equal(await textOf(session, "pay-token"), "USDT");
    assert.equal(await textOf(session, "pay-network"), "Network: TRON (TRC20)");
    assert.equal(await textOf(session, "pay-address"), "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
    const [qr] = await waitFor(session, '[data-testid="pay-qr"]');
    assert.match(await session.attribute(qr, "src"), /^data:image\/svg\+xml;base64,/);
    assert.match(await textOf(session, "pay-countdown"), /^Pay within (29|30):\d\d$/);
    const orderNo = await textOf(session, "pay-order-no");
    assert.match(orderNo, /^GS261125\d{4}[A-Z]{4}$/);
    await harness.saveScreenshot(session, "checkout-crypto-awaiting");

    await harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await statusIs("delivered");
    const expected = accountsFor(orderNo, 2);
    await untilTexts(session, '[data-testid="pay-item-login"]', expected.map((a) => a[0]));
    assert.deepEqual(await session.texts('[data-testid="pay-item-password"]'), expected.map((a) => a[1]));
    const orders = await harness.control("GET", "/orders");
    assert.equal(orders.filter((o) => o.orderNo === orderNo).length, 1, "created exactly once");
    await session.end();

    session = await openApp(harness, PASSPHRASE);
    await clickTestId(session, "nav-orders");
    await untilTexts(session, '[data-testid="order-number"]', [orderNo]);
    assert.deepEqual(await session.texts('[data-testid="order-status"]'), ["Delivered"]);
    await clickTestId(session, "order-open");
    await untilTexts(session, '[data-testid="item-password"]', expected.map((a) => a[1]));
    assert.equal(await textOf(session, "order-detail-pay-amount"), "3.429167");
  });

  it("refuses a quantity below the minimum before calling the store", async () => {
    session = await openApp(harness, PASSPHRASE);
    await startBuying(session, "Google Workspace / Education Email");
    assert.equal(await textOf(session, "checkout-rule"), "From 5 to 44 (stock 44, at most 200 per order).");
    await typeInto(session, "checkout-quantity", "4");
    await typeInto(session, "checkout-email", "buyer@example.com");
    await clickTestId(session, "checkout-submit");
    await untilTexts(session, '[data-testid="checkout-message"]', ["The minimum for this product is 5."]);
    assert.equal((await harness.hits())["POST /api/orders/create"] ?? 0, 0);
  });

  it("pays from the balance after logging in, and says plainly when the balance is short", async () => {
    session = await openApp(harness, PASSPHRASE);
    await startBuying(session, "Aged Gmail (registered 2019)");
    await typeInto(session, "checkout-quantity", "1");
    await typeInto(session, "checkout-email", "buyer@example.com");
    await clickTestId(session, "method-balance_cny");
    await typeInto(session, "login-email", "buyer@example.com");
    await typeInto(session, "login-password", "correct-password");
    await clickTestId(session, "login-submit");
    await untilTexts(session, '[data-testid="balance"]', ["Balance: ¥100.00 · crypto 50.5"]);
    await clickTestId(session, "checkout-submit");
    await statusIs("delivered");
    const orderNo = await textOf(session, "pay-order-no");
    await untilTexts(session, '[data-testid="pay-item-login"]', accountsFor(orderNo, 1).map((a) => a[0]));

    await clickTestId(session, "nav-catalogue");
    await startBuying(session, "Aged Gmail (registered 2019)");
    await typeInto(session, "checkout-email", "poor@example.com");
    await clickTestId(session, "method-balance_cny");
    await clickTestId(session, "logout");
    await typeInto(session, "login-email", "poor@example.com");
    await typeInto(session, "login-password", "correct-password");
    await clickTestId(session, "login-submit");
    await waitFor(session, '[data-testid="logged-in-as"]');
    await clickTestId(session, "checkout-submit");
    await untilTexts(session, '[data-testid="checkout-message"]', [
      "Your balance is not enough for this order. Top up at the store, or choose another way to pay.",
    ]);
  });

  it("looks orders up by number and email, and shows a countdown instead of a third call", async () => {
    const created = await fetch(`${harness.storeUrl}/api/orders/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ productId: "e91d2a47-3c58-4f06-a7b9-5d8e1f2c3b84", quantity: 1, contactEmail: "lookup@example.com", paymentMethod: "crypto", coin: "btc" }),
    }).then((r) => r.json());
    const orderNo = created.order.orderNo;
    await harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await harness.reset();

    session = await openApp(harness, PASSPHRASE);
    await clickTestId(session, "nav-lookup");
    await typeInto(session, "lookup-order-no", orderNo);
    await typeInto(session, "lookup-email", "lookup@example.com");
    await clickTestId(session, "lookup-submit");
    await until(async () => (await textOf(session, "lookup-found")).includes(orderNo), { what: "the first lookup" });
    assert.match(await textOf(session, "lookup-found"), /Delivered · 1 items/);
    await clickTestId(session, "lookup-submit");
    await until(async () => ((await harness.hits())["GET /api/orders/query"] ?? 0) === 2, { what: "the second lookup" });
    await clickTestId(session, "lookup-submit");
    const wait = await textOf(session, "lookup-wait");
    assert.match(wait, /^The store allows only a few lookups per minute\. You can look up again in (5\d|6[01]) s\.$/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await harness.hits())["GET /api/orders/query"], 2, "the double saw no third call");
    await clickTestId(session, "lookup-open");
    await untilTexts(session, '[data-testid="item-login"]', [`${orderNo.toLowerCase()}-0@gmail.com`]);
  });
});
