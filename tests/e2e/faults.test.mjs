// Store faults in the real window, where the UI must react: a catalogue that keeps failing, a login
// that expires mid-checkout, unreadable lookup answers (one in Chinese), the email-order lockout.
// Each time: a clear sentence in the UI language, the app still usable, no duplicate order. The
// whole matrix of endpoints × faults runs without a window in tests/it/faults.rs.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, statusIs, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBalanceCheckout } from "./app-steps.mjs";

const PASSPHRASE = "faults e2e passphrase";
const VALID_KEY = "test-api-key-0001";
const CREATE = "POST /api/orders/create";
const PLATFORMS = "POST /api/buyEmailOrder/open/accountPlatformList";
const ctx = appSuite("faults");

async function clearFaults() {
  await ctx.harness.control("DELETE", "/faults");
}


/** A completed crypto order made straight at the double, for lookups. */
async function storeOrder(email) {
  const created = await fetch(`${ctx.harness.storeUrl}/api/orders/create`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ productId: "e91d2a47-3c58-4f06-a7b9-5d8e1f2c3b84", quantity: 1, contactEmail: email, paymentMethod: "crypto", coin: "btc" }),
  }).then((r) => r.json());
  await ctx.harness.control("POST", `/orders/${created.order.orderNo}/status`, { status: "completed" });
  return created.order.orderNo;
}

async function lookUp(orderNo, email) {
  await typeInto(ctx.session, "lookup-order-no", orderNo);
  await typeInto(ctx.session, "lookup-email", email);
  await clickTestId(ctx.session, "lookup-submit");
}

describe("faults in the window", () => {
  it("a catalogue that keeps failing says so with Retry, and Retry works once the store is back", async () => {
    await ctx.harness.fault({ kind: "http500", path: "/api/products" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    const [panel] = await waitFor(ctx.session, '[data-testid="error"]', "the error panel");
    assert.equal(await ctx.session.attribute(panel, "data-kind"), "storeUnavailable");
    assert.match(await ctx.session.text(panel), /^The store is having trouble right now\. Try again in a moment\./);
    // Still failing: Retry shows the same clear panel, nothing else breaks.
    const before = (await ctx.harness.hits())["GET /api/products"];
    await clickTestId(ctx.session, "retry");
    await until(async () => (await ctx.harness.hits())["GET /api/products"] >= before + 3, { what: "the retried tries" });
    await waitFor(ctx.session, '[data-testid="error"]', "the error panel again");
    await clearFaults();
    await clickTestId(ctx.session, "retry");
    await until(async () => (await ctx.session.texts('[data-testid="product-name"]')).length === 5, { what: "the products" });
    assert.deepEqual(await ctx.session.findAll('[data-testid="error"]'), []);
  });

  it("a login that expires mid-checkout asks to log in again, creates nothing, then pays once", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    const before = (await ctx.harness.control("GET", "/orders")).length;
    await startBalanceCheckout(ctx.session, "Aged Gmail (registered 2019)");

    await ctx.harness.control("POST", "/sessions/expire");
    await clickTestId(ctx.session, "checkout-submit");
    await untilTexts(ctx.session, '[data-testid="checkout-message"]', ["Log in to pay from your balance."]);
    assert.equal((await ctx.harness.hits())[CREATE], 1, "sent once, never again by itself");
    assert.equal((await ctx.harness.control("GET", "/orders")).length, before, "no order");

    await typeInto(ctx.session, "login-email", "buyer@example.com");
    await typeInto(ctx.session, "login-password", "correct-password");
    await clickTestId(ctx.session, "login-submit");
    await waitFor(ctx.session, '[data-testid="logged-in-as"]');
    await clickTestId(ctx.session, "checkout-submit");
    await statusIs(ctx.session, "delivered");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    const orders = await ctx.harness.control("GET", "/orders");
    assert.equal(orders.length, before + 1, "exactly one order");
    assert.equal(orders.filter((o) => o.orderNo === orderNo).length, 1);
    assert.equal((await ctx.harness.hits())[CREATE], 2);
  });

  it("unreadable lookup answers are said plainly, in English and in Chinese, and the next lookup works", async () => {
    const first = await storeOrder("faults-a@example.com");
    const second = await storeOrder("faults-b@example.com");
    await ctx.harness.reset();
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-lookup");

    await ctx.harness.fault({ kind: "html", path: "/api/orders/query", count: 1 });
    await lookUp(first, "faults-a@example.com");
    await untilTexts(ctx.session, '[data-testid="lookup-error"]', ["The store is having trouble right now. Try again in a moment."]);

    await clickTestId(ctx.session, "lang-zh");
    await ctx.harness.fault({ kind: "malformed", path: "/api/orders/query", count: 1 });
    await lookUp(first, "faults-a@example.com");
    await untilTexts(ctx.session, '[data-testid="lookup-error"]', ["商店返回的数据无法识别，未做任何更改。"]);
    assert.equal((await ctx.harness.hits())["GET /api/orders/query"], 2, "each lookup sent once");

    // The third lookup of the minute (another order: two per order are allowed) finds it.
    await lookUp(second, "faults-b@example.com");
    await until(async () => (await textOf(ctx.session, "lookup-found")).includes(second), { what: "the order found" });
    await clickTestId(ctx.session, "lang-en");
  });

  it("the email-order lockout is said as such, stays so when asked again, and the key works after it", async () => {
    for (let n = 0; n < 10; n += 1) {
      await fetch(`${ctx.harness.storeUrl}/api/buyEmailOrder/open/accountPlatformList`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `bad-key-${n}` },
        body: "{}",
      });
    }
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-codes");
    await typeInto(ctx.session, "codes-url", ctx.harness.storeUrl);
    const lockout =
      "Too many wrong keys from this computer: the service has locked it out for about an hour. Nothing was sent with your key meanwhile.";
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await typeInto(ctx.session, "codes-key", VALID_KEY);
      await clickTestId(ctx.session, "codes-save");
      await until(async () => (await ctx.harness.hits())[PLATFORMS] === 10 + attempt, { what: `save ${attempt} sent` });
      await untilTexts(ctx.session, '[data-testid="codes-error"]', [lockout]);
    }
    assert.equal((await ctx.harness.hits())["POST /api/buyEmailOrder/open/buy"] ?? 0, 0);

    // The lockout ends (the double's reset clears it): the right key was not written off.
    await ctx.harness.reset();
    await typeInto(ctx.session, "codes-key", VALID_KEY);
    await clickTestId(ctx.session, "codes-save");
    await until(async () => (await textOf(ctx.session, "codes-connected")).includes(ctx.harness.storeUrl), { what: "connected" });
  });
});
