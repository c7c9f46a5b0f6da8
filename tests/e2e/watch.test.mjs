// Stock and price watch (issue 17 §2): the double restocks a sold-out product and lowers a price;
// the app, checking every 2 s here (MAILCART_WATCH_EVERY_SECS; 5 minutes for buyers), sends
// exactly one desktop notification per change, the cards and the Watch list show it, the number of
// product-list calls stays within one per interval, and paused checks make none.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { appSuite } from "./suite.mjs";
import { until } from "./harness.mjs";
import { clickTestId, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp } from "./app-steps.mjs";

const EVERY_SECS = 2;
const ctx = appSuite("watch", { env: { MAILCART_WATCH_EVERY_SECS: String(EVERY_SECS) } });

const BULK = { id: "b4f0c9e2-6a17-4d3b-8e55-91a2c7d4e603", name: "Bulk Gmail (from 100)" };
const AGED = { id: "7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22", name: "Aged Gmail (registered 2019)" };
const LIST_ROUTE = "GET /api/products";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const listCalls = async () => (await ctx.harness.hits())[LIST_ROUTE] ?? 0;
const watchNotes = () => ctx.harness.notifications().filter((n) => n.title.startsWith("Mailcart · ") && n.body.includes("nothing is bought automatically"));

/** Clicks the element `testId` inside the card of product `id`. */
async function clickOnCard(session, id, testId) {
  await until(async () => {
    const [button] = await session.findAll(`[data-product-id="${id}"] [data-testid="${testId}"]`);
    if (!button) return false;
    await session.click(button);
    return true;
  }, { what: `${testId} on card ${id}` });
}

describe("stock and price watch", () => {
  it("tells once when a sold-out product is back and once when a price meets the mark, within one call per interval", async () => {
    ctx.session = await openApp(ctx.harness, "watch e2e passphrase");
    const session = ctx.session;
    await waitFor(session, `[data-product-id="${BULK.id}"][data-sold-out="true"]`, "the sold-out card");
    await clickOnCard(session, BULK.id, "watch-back");
    await until(async () => (await session.attribute((await session.findAll(`[data-product-id="${BULK.id}"] [data-testid="watch-back"]`))[0], "aria-pressed")) === "true", { what: "the back-in-stock watch set" });

    // The price mark, on the product's detail: a wrong amount first, then 10 (the price is 12.345).
    await until(async () => (await session.texts('[data-testid="product-name"]')).includes(AGED.name), { what: AGED.name });
    await clickOnCard(session, AGED.id, "product-open");
    await typeInto(session, "watch-price-input", "ten");
    await clickTestId(session, "watch-price-save");
    await untilTexts(session, '[data-testid="watch-problem"]', ["Type the most you want to pay per account, e.g. 9.5 (more than 0)."]);
    await typeInto(session, "watch-price-input", "10");
    await clickTestId(session, "watch-price-save");
    await untilTexts(session, '[data-testid="watch-price-set"]', ["You'll be told when it is ¥10 or less and in stock."]);
    await clickTestId(session, "detail-back");

    ctx.harness.clearNotifications();
    const callsBefore = await listCalls();
    const started = Date.now();

    // Restocked: one notification, however many checks follow.
    await ctx.harness.control("POST", `/products/${BULK.id}`, { stock: 500 });
    await until(() => watchNotes().length >= 1, { what: "the back-in-stock notification", timeoutMs: 20_000 });
    await sleep(4 * EVERY_SECS * 1000);
    assert.deepEqual(watchNotes(), [{ title: "Mailcart · back in stock", body: `${BULK.name} — ¥0.08 (nothing is bought automatically)` }]);

    // Repriced under the mark: one more, with the store's exact digits.
    await ctx.harness.control("POST", `/products/${AGED.id}`, { price: "9.990" });
    await until(() => watchNotes().length >= 2, { what: "the price notification", timeoutMs: 20_000 });
    await sleep(4 * EVERY_SECS * 1000);
    assert.deepEqual(watchNotes().map((n) => n.title), ["Mailcart · back in stock", "Mailcart · price at your mark"]);
    assert.equal(watchNotes()[1].body, `${AGED.name} — ¥9.990 (nothing is bought automatically)`);

    // The cards show it (the window reads the watches every 15 s, then asks the store's list again).
    await until(async () => (await session.findAll(`[data-product-id="${BULK.id}"][data-sold-out="false"] [data-testid="watch-alert"]`)).length === 1, { what: "the card's back-in-stock line", timeoutMs: 40_000 });
    const { agedAlert } = await until(async () => {
      const [text] = await session.texts(`[data-product-id="${AGED.id}"] [data-testid="watch-alert"]`);
      return text ? { agedAlert: text } : null;
    }, { what: "the card's price line", timeoutMs: 40_000 });
    assert.match(agedAlert, /^Price now ¥9\.990 · /);

    // One call per interval at most (the jitter makes one as short as 0.9 × 2 s), plus the
    // window's own reloads of the list after each change it saw (2).
    const seconds = (Date.now() - started) / 1000;
    const calls = (await listCalls()) - callsBefore;
    assert.ok(calls >= 3, `the list was checked (${calls} calls in ${seconds.toFixed(0)} s)`);
    assert.ok(calls <= Math.ceil(seconds / (0.9 * EVERY_SECS)) + 3, `${calls} calls in ${seconds.toFixed(0)} s`);

    // The Watch list shows both, in both languages.
    await clickTestId(session, "nav-watch");
    await untilTexts(session, '[data-testid="watch-name"]', [BULK.name, AGED.name]);
    assert.deepEqual(await session.texts('[data-testid="watch-marks"]'), ["Tell me when it's back", "Price at most ¥10"]);
    await clickTestId(session, "lang-zh");
    await untilTexts(session, '[data-testid="watch-marks"]', ["补货提醒", "价格不高于 ¥10"]);
    await clickTestId(session, "lang-en");

    // Paused in Settings: no more calls while the marks stay.
    await clickTestId(session, "nav-settings");
    await until(async () => {
      const [box] = await session.findAll('[data-testid="settings-watchChecks"]');
      if (!box) return false;
      if (await session.property(box, "checked")) await session.click(box);
      return !(await session.property(box, "checked"));
    }, { what: "the checks switched off" });
    await clickTestId(session, "settings-save");
    await waitFor(session, '[data-testid="settings-saved"]');
    const pausedAt = await listCalls();
    await sleep(4 * EVERY_SECS * 1000);
    assert.equal(await listCalls(), pausedAt, "no product-list call while paused");
    await clickTestId(session, "nav-watch");
    await waitFor(session, '[data-testid="watch-paused"]');
    assert.equal((await session.findAll('[data-testid="watch-row"]')).length, 2);
  });
});
