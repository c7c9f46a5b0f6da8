// Answers in shapes the store's document does not rule out, other than the double's own: a crypto
// order answered with an address and an amount beside the total, one answered without them (the
// payment screen says what is missing and never counts down to pay to nowhere, and shows the
// details once a status answer brings them), a product detail in a generic envelope and a payment
// config whose flags sit one level down. All end to end, in the real window.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, clipboard, selectOption, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBuying, untilDelivered } from "./app-steps.mjs";

const PASSPHRASE = "shapes e2e passphrase";
const PRODUCT = "Aged Gmail (registered 2019)";
// What the double asks for 2 of that product in USDT on TRON (see checkout.test.mjs).
const AMOUNT = "3.429167";
const ADDRESS = "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE";
const ctx = appSuite("shapes");

async function buyTwoByCrypto() {
  await startBuying(ctx.session, PRODUCT);
  await typeInto(ctx.session, "checkout-quantity", "2");
  await typeInto(ctx.session, "checkout-email", "buyer@example.com");
  await untilTexts(ctx.session, '[data-testid="checkout-total"]', ["Total: ¥24.690"]);
  await clickTestId(ctx.session, "checkout-submit");
  await waitFor(ctx.session, '[data-testid="pay-status"]', "the payment screen");
}

describe("answers in other plausible shapes", () => {
  it("reads an address and an amount beside the total, and a product in a generic envelope", async () => {
    await ctx.harness.control("POST", "/shapes", { createOrder: "plain", product: "genericEnvelope" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await buyTwoByCrypto();
    assert.equal(await textOf(ctx.session, "pay-amount"), AMOUNT);
    assert.equal(await textOf(ctx.session, "pay-address"), ADDRESS);
    assert.equal(await textOf(ctx.session, "pay-network"), "Network: TRON (TRC20)");
    assert.equal(await textOf(ctx.session, "pay-total"), "24.690 CNY", "the total beside them is the total, not the amount to send");
    assert.deepEqual(await ctx.session.findAll('[data-testid="pay-missing"]'), []);
    assert.match(await textOf(ctx.session, "pay-countdown"), /^Pay within (29|30):\d\d$/);
    await ctx.harness.saveScreenshot(ctx.session, "shapes-plain-crypto");
  });

  it("says what is missing when the answer has no address or amount, and shows them once a status answer does", async () => {
    await ctx.harness.control("POST", "/shapes", { createOrder: "noPaymentDetails" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await buyTwoByCrypto();
    await waitFor(ctx.session, '[data-testid="pay-missing"]', "the details-missing notice");
    assert.deepEqual(await ctx.session.texts('[data-testid="pay-missing-item"]'), ["The address to send the coins to", "The exact amount to send"]);
    assert.deepEqual(await ctx.session.findAll('[data-testid="pay-amount"]'), [], "no amount to pay is made up");
    assert.equal(await textOf(ctx.session, "pay-countdown"), "", "no countdown to pay to nowhere");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    const [answer] = await ctx.session.findAll('[data-testid="pay-store-answer"]');
    const answerText = await ctx.session.property(answer, "textContent");
    assert.ok(answerText.includes(`"orderNo": "${orderNo}"`), answerText);
    assert.ok(answerText.includes('"accessToken": "••••"'), "the order's token is masked");
    await ctx.harness.saveScreenshot(ctx.session, "shapes-details-missing");

    // The store's status answers now carry the payment details: one check shows them.
    await ctx.harness.control("POST", "/shapes", { createOrder: "noPaymentDetails", status: "withPayment" });
    await clickTestId(ctx.session, "missing-check");
    await until(async () => (await ctx.session.texts('[data-testid="pay-amount"]'))[0] === AMOUNT, { what: "the amount from the status answer" });
    assert.equal(await textOf(ctx.session, "pay-address"), ADDRESS);
    assert.deepEqual(await ctx.session.findAll('[data-testid="pay-missing"]'), []);
    assert.equal((await ctx.harness.control("GET", "/orders")).filter((o) => o.orderNo === orderNo).length, 1, "ordered once");
  });

  it("leads from the details-missing screen to the lookup with the order number and email filled in", async () => {
    await ctx.harness.control("POST", "/shapes", { createOrder: "noPaymentDetails" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await buyTwoByCrypto();
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await clickTestId(ctx.session, "missing-lookup");
    const [number] = await waitFor(ctx.session, '[data-testid="lookup-order-no"]');
    const [email] = await waitFor(ctx.session, '[data-testid="lookup-email"]');
    assert.equal(await ctx.session.property(number, "value"), orderNo);
    assert.equal(await ctx.session.property(email, "value"), "buyer@example.com");
  });

  it("offers Alipay when the payment config keeps its flags one level down under another name", async () => {
    await ctx.harness.control("POST", "/shapes", { paymentConfig: "nestedGateways", product: "genericEnvelope" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBuying(ctx.session, PRODUCT);
    await waitFor(ctx.session, '[data-testid="method-alipay"]', "the Alipay choice");
    assert.deepEqual(await ctx.session.findAll('[data-testid="method-wechat"]'), [], "WeChat stays off, as the config says");
  });
});

describe("Settings → Check the store", () => {
  it("says which answer it did not understand, and what it looked for", async () => {
    await ctx.harness.control("POST", "/shapes", { paymentConfig: "unrecognised" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-settings");
    await clickTestId(ctx.session, "store-check-run");
    const [verdict] = await waitFor(ctx.session, '[data-testid="store-check-verdict"]', "the check's verdict");
    assert.equal(await ctx.session.attribute(verdict, "data-ok"), "false");
    const calls = await ctx.session.texts('[data-testid="store-check-call"]');
    assert.equal(calls.length, 3);
    assert.match(calls[0], /^GET \/products — understood: 5 products$/);
    assert.match(calls[2], /^GET \/payment-config — not understood: not found: alipay \/ wechat flags/);
    await ctx.harness.saveScreenshot(ctx.session, "settings-store-check");
  });
});

describe("what was bought, kept with the order", () => {
  it("shows every extra field of the delivered accounts to copy one by one, the product as bought, and Buy again fills the checkout", async () => {
    await ctx.harness.control("POST", "/shapes", { accounts: "richObjects" });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await startBuying(ctx.session, PRODUCT);
    await typeInto(ctx.session, "checkout-quantity", "2");
    await typeInto(ctx.session, "checkout-email", "again@example.com");
    await clickTestId(ctx.session, "method-crypto");
    await selectOption(ctx.session, "checkout-coin", "bep20_usdt");
    await clickTestId(ctx.session, "checkout-submit");
    await waitFor(ctx.session, '[data-testid="pay-status"]', "the payment screen");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await untilDelivered(ctx.session);
    assert.equal((await ctx.session.findAll('[data-testid="pay-item"]')).length, 2);

    await clickTestId(ctx.session, "nav-orders");
    await until(async () => (await ctx.session.texts('[data-testid="order-number"]')).includes(orderNo), { what: "the order listed" });
    const numbers = await ctx.session.texts('[data-testid="order-number"]');
    await ctx.session.click((await ctx.session.findAll('[data-testid="order-open"]'))[numbers.indexOf(orderNo)]);
    await waitFor(ctx.session, '[data-testid="items-table"]');
    assert.equal(await textOf(ctx.session, "order-detail-product"), "Aged Gmail (registered 2019) / 老号 Gmail（2019 年注册）");
    assert.equal(await textOf(ctx.session, "order-detail-unit-price"), "12.345 CNY");
    assert.equal(await textOf(ctx.session, "order-detail-min-quantity"), "1");
    const fields = await ctx.session.findAll('[data-testid="order-detail"] [data-testid="item-field"]');
    const kinds = await Promise.all(fields.map((f) => ctx.session.attribute(f, "data-kind")));
    assert.deepEqual(kinds, ["recoveryEmail", "twoFactorSecret", "note", "other", "recoveryEmail", "twoFactorSecret", "note", "other"]);
    const values = await ctx.session.texts('[data-testid="order-detail"] [data-testid="item-field-value"]');
    const logins = await ctx.session.texts('[data-testid="item-login"]');
    assert.equal(values[0], `r.${logins[0]}`);
    assert.match(values[1], /^JBSWY3DPEHPK3P[A-Z]{4}$/);
    assert.deepEqual([values[2], values[3]], ["aged 2019", "1000 9000"]);
    assert.match(await ctx.session.texts('[data-testid="order-detail"] [data-testid="item-field"] .field-label').then((l) => l.join("|")), /^Recovery email\|2FA secret\|Note\|backupcodes\|/);
    await ctx.session.click((await ctx.session.findAll('[data-testid="order-detail"] [data-testid="copy-field"]'))[1]);
    await until(async () => clipboard() === values[1], { what: "the 2FA secret on the clipboard" });
    // The account's own Copy gives its whole line, extra fields included, as the TXT export writes it.
    const passwords = await ctx.session.texts('[data-testid="order-detail"] [data-testid="item-password"]');
    await ctx.session.click((await ctx.session.findAll('[data-testid="order-detail"] [data-testid="copy-item"]'))[0]);
    const wholeLine = [logins[0], passwords[0], ...values.slice(0, 4)].join("----");
    await until(async () => clipboard() === wholeLine, { what: "the account's whole line on the clipboard" });
    await ctx.harness.saveScreenshot(ctx.session, "order-fields");

    await clickTestId(ctx.session, "order-buy-again");
    const [quantity] = await waitFor(ctx.session, '[data-testid="checkout-quantity"]', "the checkout");
    assert.equal(await ctx.session.property(quantity, "value"), "2");
    const [email] = await waitFor(ctx.session, '[data-testid="checkout-email"]');
    assert.equal(await ctx.session.property(email, "value"), "again@example.com");
    const [crypto] = await waitFor(ctx.session, '[data-testid="method-crypto"]');
    assert.equal(await ctx.session.property(crypto, "checked"), true);
    const [picked] = await waitFor(ctx.session, '[data-testid="checkout-coin"]');
    assert.equal(await ctx.session.property(picked, "value"), "bep20_usdt");
    await untilTexts(ctx.session, '[data-testid="checkout-total"]', ["Total: ¥24.690"]);
  });
});
