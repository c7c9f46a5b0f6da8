// npm run screenshot: the README's pictures, taken of the real window against the store double.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Harness, ROOT, until } from "./harness.mjs";
import { startBuying, untilDelivered } from "./app-steps.mjs";
import { typeInto } from "./helpers.mjs";

const OUT = join(ROOT, "docs/screenshots");
// WebKit's snapshot can trail the DOM by a frame or two under Xvfb's software rendering.
const SETTLE_MS = 1500;

async function shoot(session, name) {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  writeFileSync(join(OUT, `${name}.png`), await session.screenshot());
  console.log(`wrote docs/screenshots/${name}.png`);
}

/** `<name>-en.png`, then `<name>-zh.png` of the same screen; the window is left in English.
 *  `inView`: an element clicked first in each language, which scrolls the page to it. */
async function shootInBothLanguages(session, name, inView = null) {
  if (inView) await click(session, inView);
  await shoot(session, `${name}-en`);
  await click(session, "lang-zh");
  if (inView) await click(session, inView);
  await shoot(session, `${name}-zh`);
  await click(session, "lang-en");
}

async function click(session, testId) {
  const [id] = await until(async () => {
    const ids = await session.findAll(`[data-testid="${testId}"]`);
    return ids.length ? ids : null;
  }, { what: testId });
  await session.click(id);
}

mkdirSync(OUT, { recursive: true });
const PASSPHRASE = "screenshot passphrase";

async function unlock(session) {
  const [passphrase] = await session.findAll('[data-testid="passphrase"]');
  await session.type(passphrase, PASSPHRASE);
  await click(session, "passphrase-submit");
  await until(async () => (await session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "unlocked" });
}
const harness = await Harness.start("screenshots");
try {
  harness.runTool("seed_orders", ["--data-dir", harness.appDataDir, "--passphrase", PASSPHRASE, "--orders", "6", "--items", "4"]);
  const session = await harness.launch();
  await click(session, "lang-en");
  await until(async () => (await session.findAll('[data-testid="product-card"]')).length === 5, { what: "products" });
  await shoot(session, "vault-unlock");
  await unlock(session);
  await shootInBothLanguages(session, "catalogue");
  await click(session, "nav-orders");
  await until(async () => (await session.findAll('[data-testid="order-row"]')).length === 6, { what: "orders" });
  await shoot(session, "orders");
  const opens = await session.findAll('[data-testid="order-open"]');
  await session.click(opens[1]);
  await until(async () => (await session.findAll('[data-testid="item-row"]')).length === 4, { what: "items" });
  await shoot(session, "order-detail");
  await click(session, "nav-catalogue");
  await startBuying(session, "Aged Gmail (registered 2019)");
  await typeInto(session, "checkout-quantity", "2");
  await typeInto(session, "checkout-email", "buyer@example.com");
  await shoot(session, "checkout-form");
  await click(session, "checkout-submit");
  await until(async () => (await session.findAll('[data-testid="pay-qr"]')).length === 1, { what: "the payment screen" });
  await shoot(session, "checkout-crypto");
  // The payment screen's other moments: "I already paid", then the store saying underpaid, expired.
  const payOrderNo = (await session.texts('[data-testid="pay-order-no"]'))[0];
  await click(session, "pay-already-paid");
  await shootInBothLanguages(session, "payment-already-paid", "pay-tx");
  await click(session, "pay-already-paid");
  const stageIs = (stage) =>
    until(async () => {
      await click(session, "pay-check-now");
      return (await session.findAll(`[data-testid="pay-next"][data-stage="${stage}"]`)).length === 1;
    }, { what: `the ${stage} screen`, timeoutMs: 30_000, intervalMs: 2_000 });
  await harness.control("POST", `/orders/${payOrderNo}/status`, { status: "underpaid", received: "1.5" });
  await stageIs("underpaid");
  await shootInBothLanguages(session, "payment-underpaid");
  await harness.control("POST", `/orders/${payOrderNo}/status`, { status: "expired" });
  await stageIs("lateWatch");
  await shootInBothLanguages(session, "payment-expired");
  // Paid late after all, delivered with extra fields per account; the order keeps what was bought.
  await harness.control("POST", "/shapes", { accounts: "richObjects" });
  await harness.control("POST", `/orders/${payOrderNo}/status`, { status: "completed" });
  await untilDelivered(session);
  await click(session, "nav-orders");
  await until(async () => (await session.findAll('[data-testid="order-row"]')).length === 7, { what: "the new order" });
  await session.click((await session.findAll('[data-testid="order-open"]'))[0]);
  await until(async () => (await session.findAll('[data-testid="item-field"]')).length > 0, { what: "the extra fields" });
  await shootInBothLanguages(session, "order-fields", "order-history");
  await click(session, "order-buy-again");
  await until(async () => (await session.texts('[data-testid="checkout-total"]')).some((t) => t.includes("24.690")), { what: "the checkout bought again" });
  await shootInBothLanguages(session, "checkout-buy-again");
  await click(session, "checkout-cancel");

  await click(session, "nav-settings");
  await click(session, "settings-autoCopyCode");
  await click(session, "settings-codeSound");
  await click(session, "settings-save");
  await until(async () => (await session.findAll('[data-testid="settings-saved"]')).length === 1, { what: "saved" });
  await shootInBothLanguages(session, "settings-codes", "settings-codes-hint");

  await harness.control("POST", "/email-order", { holdMs: 300 });
  await click(session, "nav-codes");
  await typeInto(session, "codes-url", harness.storeUrl);
  await typeInto(session, "codes-key", "test-api-key-0001");
  await click(session, "codes-save");
  await until(async () => (await session.findAll('[data-testid="codes-platform"] option')).length > 0, { what: "platforms" });
  await typeInto(session, "codes-count", "3");
  await click(session, "codes-buy");
  await click(session, "codes-confirm");
  await until(async () => (await session.findAll('[data-testid="code-row"]')).length === 3, { what: "the emails" });
  const title = (await session.texts('[data-testid="codes-order"] h2'))[0];
  const orderNo = title.match(/(E\d+)/)[1];
  await harness.control("POST", `/email-order/${orderNo}/items/0`, { status: "CodeReceived", text: "Your Twitter confirmation code is 482913" });
  await harness.control("POST", `/email-order/${orderNo}/items/2`, { status: "Expired" });
  await until(async () => (await session.findAll('[data-testid="code-mark"]')).length === 1, { what: "a code", timeoutMs: 25_000 });
  await shoot(session, "receive-codes");
  // The same code again in a new message, a code for the second email (copied automatically), and
  // the expired one refunded.
  await harness.control("POST", `/email-order/${orderNo}/items/0`, { status: "CodeReceived", text: "Your Twitter confirmation code is 482913. It expires in 10 minutes." });
  await harness.control("POST", `/email-order/${orderNo}/items/1`, { status: "CodeReceived", text: "【Twitter】验证码：5521" });
  await harness.control("POST", `/email-order/${orderNo}/items/2`, { status: "Expired", price: "0" });
  await until(async () => (await session.findAll('[data-testid="code-same-as-before"]')).length === 1, { what: "the same code marked", timeoutMs: 25_000 });
  await until(async () => (await session.findAll('[data-testid="codes-auto-copied"]')).length === 1, { what: "the copy said" });
  await shootInBothLanguages(session, "codes-same-code");
  await session.end();

  // The store down at the next start: the list kept from this one, marked as not current, with Retry.
  await harness.fault({ kind: "http500", path: "/api/products", count: 6 });
  const stale = await harness.launch();
  await until(async () => (await stale.findAll('[data-testid="catalogue-kept"][data-state="stale"]')).length === 1, { what: "the stale mark" });
  await unlock(stale);
  await click(stale, "lang-en");
  await shootInBothLanguages(stale, "catalogue-kept-stale");
  await stale.end();
} finally {
  await harness.stop();
}
