// Receive-code emails in the real window against the double: a wrong key refused after exactly
// one call; set the address and key; buy 3 emails; watch codes arrive and an item expire; a key
// revoked mid-watch stops the checks after one call until the user tries again.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, clipboard, filesHolding, setClipboard, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBuyingEmails } from "./app-steps.mjs";

const PASSPHRASE = "codes e2e passphrase";
const VALID_KEY = "test-api-key-0001";
const PLATFORMS = "POST /api/buyEmailOrder/open/accountPlatformList";
const ctx = appSuite("codes");

async function statuses() {
  return ctx.session.texts('[data-testid="code-status"]');
}

describe("receive-code emails", () => {
  it("refuses a wrong key clearly after exactly one call, then connects with the right one", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-codes");
    await typeInto(ctx.session, "codes-url", ctx.harness.storeUrl);
    await typeInto(ctx.session, "codes-key", "wrong-key");
    await clickTestId(ctx.session, "codes-save");
    await untilTexts(ctx.session, '[data-testid="codes-error"]', ["The API key was refused. Enter the right key."]);
    // Saving the same wrong key again sends nothing: the app remembers the refusal.
    await typeInto(ctx.session, "codes-key", "wrong-key");
    await clickTestId(ctx.session, "codes-save");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await ctx.harness.hits())[PLATFORMS], 1, "the double saw exactly one call");

    await typeInto(ctx.session, "codes-key", VALID_KEY);
    await clickTestId(ctx.session, "codes-save");
    await until(async () => (await textOf(ctx.session, "codes-connected")).includes(ctx.harness.storeUrl), { what: "connected" });
  });

  it("buys 3 emails, shows the codes as they arrive, and an item expiring", async () => {
    ctx.session = await startBuyingEmails(ctx.harness, PASSPHRASE, { count: 3, holdMs: 2500 });
    await untilTexts(ctx.session, '[data-testid="codes-total"]', ["Total: 0.36"]);
    await clickTestId(ctx.session, "codes-buy");
    assert.equal(await textOf(ctx.session, "codes-confirm-box"), "Buy 3 emails for Twitter, 0.36 in all?Yes, buyCancel");
    await clickTestId(ctx.session, "codes-confirm");
    await waitFor(ctx.session, '[data-testid="codes-buying"]', "the progress note while the service holds the request");
    await until(async () => (await statuses()).length === 3, { what: "the 3 emails", timeoutMs: 20_000 });
    assert.deepEqual(await statuses(), ["Waiting", "Waiting", "Waiting"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="code-email"]'), ["twitter0@mailbox.example", "twitter1@mailbox.example", "twitter2@mailbox.example"]);
    assert.match((await ctx.session.texts('[data-testid="code-expires"]'))[0], /^(19|20):\d\d$/);

    const orderNo = await orderNumber();
    await ctx.harness.control("POST", `/email-order/${orderNo}/items/0`, { status: "CodeReceived", text: "Your Twitter confirmation code is 482913" });
    await ctx.harness.control("POST", `/email-order/${orderNo}/items/2`, { status: "Expired" });
    await until(async () => JSON.stringify(await statuses()) === JSON.stringify(["Code received", "Waiting", "Expired"]), { what: "a code and an expiry", timeoutMs: 25_000 });
    assert.deepEqual(await ctx.session.texts('[data-testid="code-mark"]'), ["482913"]);
    assert.equal((await ctx.session.texts('[data-testid="code-email"]'))[2], "t****@mailbox.example");
    assert.equal(await textOf(ctx.session, "codes-waiting"), "1 still waiting for their message");
    await ctx.harness.saveScreenshot(ctx.session, "codes-arriving");

    await ctx.harness.control("POST", `/email-order/${orderNo}/items/1`, { status: "CodeReceived", text: "【Twitter】验证码：5521" });
    await until(async () => (await textOf(ctx.session, "codes-waiting")) === "No email is waiting any more.", { what: "all done", timeoutMs: 25_000 });
    assert.deepEqual(await ctx.session.texts('[data-testid="code-mark"]'), ["482913", "5521"]);
    // One desktop notification per code, not one per check.
    await new Promise((r) => setTimeout(r, 11_000));
    const notes = ctx.harness.notifications().filter((n) => n.title.includes("Twitter"));
    assert.equal(notes.filter((n) => n.body.startsWith("482913")).length, 1, JSON.stringify(notes));
    assert.equal(notes.filter((n) => n.body.startsWith("5521")).length, 1, JSON.stringify(notes));
    assert.equal(notes.length, 2, JSON.stringify(notes));

    await clickTestId(ctx.session, "nav-orders");
    await untilTexts(ctx.session, '[data-testid="order-number"]', [orderNo]);
    assert.deepEqual(await ctx.session.texts('[data-testid="order-status"]'), ["Delivered"]);
  });
});

describe("receive-code emails: a key revoked while an order is watched", () => {
  it("makes exactly one call after the revocation, says why it stopped, and goes on when the user tries again", async () => {
    ctx.session = await startBuyingEmails(ctx.harness, PASSPHRASE, { count: 1, holdMs: 200 });
    await clickTestId(ctx.session, "codes-buy");
    await clickTestId(ctx.session, "codes-confirm");
    await until(async () => (await statuses()).length === 1, { what: "the email", timeoutMs: 20_000 });
    const details = `POST /api/buyEmailOrder/open/details/{order_no}`;

    await ctx.harness.control("POST", "/email-order", { keyRevoked: true });
    const atRevocation = (await ctx.harness.hits())[details] ?? 0;
    await waitFor(ctx.session, '[data-testid="codes-key-held"]', "the notice that checking stopped");
    assert.equal(await textOf(ctx.session, "codes-error"), "The API key was refused. Enter the right key.");
    // Three more check intervals (10 s each): nothing more is sent with the key.
    await new Promise((r) => setTimeout(r, 32_000));
    assert.equal((await ctx.harness.hits())[details] - atRevocation, 1, "exactly one call after the revocation");
    await ctx.harness.saveScreenshot(ctx.session, "codes-key-held");

    await ctx.harness.control("POST", "/email-order", { keyRevoked: false });
    await clickTestId(ctx.session, "codes-try-again");
    await until(async () => (await ctx.session.texts('[data-testid="codes-key-held"]')).length === 0, { what: "checking again", timeoutMs: 10_000 });
    assert.equal((await ctx.harness.hits())[details] - atRevocation, 2, "the user's try sent the key once");
    assert.deepEqual(await statuses(), ["Waiting"]);
  });
});

describe("receive-code emails: secrets on disk", () => {
  it("leaves neither the API key, the passphrase nor a received code in plain text in any file", async () => {
    const { join } = await import("node:path");
    const { holding, scanned } = filesHolding(join(ctx.harness.xdgDataHome, ".."), [VALID_KEY, PASSPHRASE, "482913"]);
    assert.ok(scanned.some((f) => f.endsWith("mailcart.db")), "the database was scanned");
    assert.deepEqual(holding, []);
  });
});

/** The order number shown in the order screen's title ("Order E… · Twitter"). */
async function orderNumber() {
  const title = await ctx.session.texts('[data-testid="codes-order"] h2');
  return title[0].match(/Order (E\d+)/)[1];
}

describe("receive-code emails: the same code again, copied automatically, and bought again", () => {
  it("marks a code sent again, copies new codes only once switched on, and Buy again confirms the same count", async () => {
    setClipboard("the buyer's own clipboard");
    ctx.session = await startBuyingEmails(ctx.harness, PASSPHRASE, { count: 2, holdMs: 200 });
    await clickTestId(ctx.session, "codes-buy");
    await clickTestId(ctx.session, "codes-confirm");
    await until(async () => (await statuses()).length === 2, { what: "the 2 emails", timeoutMs: 20_000 });
    const orderNo = await orderNumber();

    // Off by default: a code arrives and the clipboard stays the buyer's.
    await ctx.harness.control("POST", `/email-order/${orderNo}/items/0`, { status: "CodeReceived", text: "Your code is 770041" });
    await untilTexts(ctx.session, '[data-testid="code-mark"]', ["770041"], { timeoutMs: 25_000 });
    assert.match(await textOf(ctx.session, "code-arrived-at"), /^arrived \d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.deepEqual(await ctx.session.texts('[data-testid="codes-auto-copied"]'), []);
    assert.equal(clipboard(), "the buyer's own clipboard");

    // Switched on in Settings; back on the order (opened by its number), the same code comes again.
    await clickTestId(ctx.session, "nav-settings");
    await clickTestId(ctx.session, "settings-autoCopyCode");
    await clickTestId(ctx.session, "settings-save");
    await waitFor(ctx.session, '[data-testid="settings-saved"]');
    await clickTestId(ctx.session, "nav-codes");
    await typeInto(ctx.session, "codes-open-no", orderNo);
    await clickTestId(ctx.session, "codes-open");
    await untilTexts(ctx.session, '[data-testid="code-mark"]', ["770041"], { timeoutMs: 25_000 });
    assert.deepEqual(await ctx.session.texts('[data-testid="code-same-as-before"]'), [], "a first code is not marked");
    await ctx.harness.control("POST", `/email-order/${orderNo}/items/0`, { status: "CodeReceived", text: "Your code is 770041 (sent again)" });
    await untilTexts(ctx.session, '[data-testid="code-same-as-before"]', ["Same code as before"], { timeoutMs: 25_000 });
    await untilTexts(ctx.session, '[data-testid="codes-auto-copied"]', ["The new code 770041 was copied to the clipboard (Settings → Receive-code emails)."]);
    assert.equal(clipboard(), "770041");

    // A new code for the other email: copied, and not marked.
    await ctx.harness.control("POST", `/email-order/${orderNo}/items/1`, { status: "CodeReceived", text: "Your code is 913305" });
    await untilTexts(ctx.session, '[data-testid="code-mark"]', ["770041", "913305"], { timeoutMs: 25_000 });
    await until(async () => clipboard() === "913305", { what: "the newest code on the clipboard" });
    assert.deepEqual(await ctx.session.texts('[data-testid="code-same-as-before"]'), ["Same code as before"]);
    await ctx.harness.saveScreenshot(ctx.session, "codes-same-code");

    // Buy again: the same platform and count, at today's price, behind the same confirmation.
    await clickTestId(ctx.session, "codes-buy-again");
    await untilTexts(ctx.session, '[data-testid="codes-confirm-box"] p', ["Buy 2 emails for Twitter, 0.24 in all?"]);
    const [count] = await waitFor(ctx.session, '[data-testid="codes-count"]');
    assert.equal(await ctx.session.property(count, "value"), "2");
  });
});
