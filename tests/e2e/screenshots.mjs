// npm run screenshot: the README's pictures, taken of the real window against the store double.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Harness, ROOT, until } from "./harness.mjs";
import { startBuying, untilDelivered } from "./app-steps.mjs";
import { answerFileDialog, typeInto } from "./helpers.mjs";

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
// The stock and price watch checks every 2 s here (5 minutes for buyers), so that a restock shows.
const harness = await Harness.start("screenshots", { env: { MAILCART_WATCH_EVERY_SECS: "2" } });
const BULK_ID = "b4f0c9e2-6a17-4d3b-8e55-91a2c7d4e603";
const AGED_ID = "7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22";

/** Clicks `testId` inside the card of product `id`. */
async function clickOnCard(session, id, testId) {
  const [button] = await until(async () => {
    const ids = await session.findAll(`[data-product-id="${id}"] [data-testid="${testId}"]`);
    return ids.length ? ids : null;
  }, { what: `${testId} on ${id}` });
  await session.click(button);
}

try {
  harness.runTool("seed_orders", ["--data-dir", harness.appDataDir, "--passphrase", PASSPHRASE, "--orders", "6", "--items", "4"]);
  const session = await harness.launch();
  await click(session, "lang-en");
  await until(async () => (await session.findAll('[data-testid="product-card"]')).length === 5, { what: "products" });
  // The first start: the guide above the vault's question.
  await shootInBothLanguages(session, "first-run-guide");
  await click(session, "guide-close");
  await shoot(session, "vault-unlock");
  await unlock(session);
  await shootInBothLanguages(session, "catalogue");

  // The watch: back in stock for the sold-out product, a star and a price mark on another; then
  // the store restocks and the Watch list shows it.
  await clickOnCard(session, BULK_ID, "watch-back");
  await clickOnCard(session, AGED_ID, "watch-star");
  await clickOnCard(session, AGED_ID, "product-open");
  await until(async () => (await session.findAll('[data-testid="detail-loading"]')).length === 0, { what: "the product's detail to load" });
  await typeInto(session, "watch-price-input", "10");
  await click(session, "watch-price-save");
  await until(async () => (await session.findAll('[data-testid="watch-price-set"]')).length === 1, { what: "the price mark" });
  await shootInBothLanguages(session, "product-watch");
  await click(session, "detail-back");
  await harness.control("POST", `/products/${BULK_ID}`, { stock: 300 });
  await click(session, "nav-watch");
  await until(async () => (await session.findAll('[data-testid="watch-page"] [data-testid="watch-alert"]')).length === 1, { what: "the restock seen", timeoutMs: 40_000 });
  await shootInBothLanguages(session, "watch-list");
  await harness.control("POST", `/products/${BULK_ID}`, { stock: 0 });
  await click(session, "nav-catalogue");
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

  // Backup, then what a restore shows before it merges.
  const backups = join(harness.xdgDataHome, "..", "backups");
  rmSync(backups, { recursive: true, force: true });
  mkdirSync(backups, { recursive: true });
  const backupFile = join(backups, "mailcart-backup.mcbackup");
  await typeInto(session, "backup-passphrase", "a long backup passphrase");
  await typeInto(session, "backup-repeat", "a long backup passphrase");
  await click(session, "backup-create");
  await answerFileDialog("Save File", backupFile);
  await until(async () => (await session.findAll('[data-testid="backup-said"]')).length === 1, { what: "the backup saved", timeoutMs: 30_000 });
  await shootInBothLanguages(session, "backup", "backup-said");
  await typeInto(session, "restore-passphrase", "a long backup passphrase");
  await click(session, "restore-open");
  await answerFileDialog("Open File", backupFile);
  await until(async () => (await session.findAll('[data-testid="restore-summary"]')).length === 1, { what: "what the backup holds" });
  await shootInBothLanguages(session, "restore", "restore-summary");

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
