// The payment screen in the real window against the store double, beyond the address and amount:
// the network named on the amount and under the QR code, with what must not be sent instead, in
// English and Chinese; the button that opens the address on its chain's public block explorer
// (the system browser is a stand-in `xdg-open` first on the app's PATH that writes down each URL it
// is given: the app's real opener call, not a real browser); and a screen of its own for an
// underpaid order, an expired one (with a late payment), and a status word the app does not know.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, clipboard, selectOption, statusIs, textOf, typeInto } from "./helpers.mjs";
import { openApp, startBuying, untilDelivered } from "./app-steps.mjs";

const PASSPHRASE = "payment help e2e passphrase";
const BIN = join(ROOT, "target/e2e-data/payment-help-bin");
const OPENED = join(BIN, "opened.txt");
rmSync(BIN, { recursive: true, force: true });
mkdirSync(BIN, { recursive: true });
writeFileSync(join(BIN, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${OPENED}'\n`);
chmodSync(join(BIN, "xdg-open"), 0o755);

const ctx = appSuite("payment-help", { env: { PATH: `${BIN}:${process.env.PATH}` } });


/** The URLs the app asked the system browser to open, in order. */
function opened() {
  try {
    return readFileSync(OPENED, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

/** Places a crypto order for one "US Apple ID" (`name`: its name in the window's language) paid
 *  with `coin`; waits for the payment screen. */
async function payWith(session, coin, name = "US Apple ID") {
  await startBuying(session, name);
  await typeInto(session, "checkout-email", "buyer@example.com");
  await selectOption(session, "checkout-coin", coin);
  await clickTestId(session, "checkout-submit");
  await statusIs(session, "awaitingPayment");
}

describe("payment help", () => {
  it("names the network on the amount and the QR code, says what must not be sent, and opens the address on the chain's explorer", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await payWith(ctx.session, "trc20_usdt");
    assert.equal(await textOf(ctx.session, "pay-network-badge"), "TRON (TRC20)");
    assert.equal(await textOf(ctx.session, "pay-qr-caption"), "USDT on TRON (TRC20)");
    assert.equal(await textOf(ctx.session, "pay-must-not"), "USDT on TRON (TRC20) only. Not TRX, and not USDT on Ethereum or BNB Smart Chain.");
    assert.equal(await textOf(ctx.session, "pay-explorer"), "See this address on tronscan.org");
    await ctx.harness.saveScreenshot(ctx.session, "payment-help-trc20");
    const before = opened().length;
    await clickTestId(ctx.session, "pay-explorer");
    await until(() => opened().length > before, { what: "the explorer page opened" });
    assert.deepEqual(opened().slice(before), ["https://tronscan.org/#/address/TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"]);

    await clickTestId(ctx.session, "nav-catalogue");
    await payWith(ctx.session, "btc");
    assert.equal(await textOf(ctx.session, "pay-network-badge"), "Bitcoin");
    assert.equal(await textOf(ctx.session, "pay-qr-caption"), "BTC on Bitcoin");
    assert.equal(await textOf(ctx.session, "pay-must-not"), "BTC on the Bitcoin network only. Not wrapped bitcoin (WBTC, BTCB) on another chain.");
    const address = await textOf(ctx.session, "pay-address");
    const next = opened().length;
    await clickTestId(ctx.session, "pay-explorer");
    await until(() => opened().length > next, { what: "the explorer page opened" });
    assert.deepEqual(opened().slice(next), [`https://mempool.space/address/${address}`]);
  });

  it("says the same in Chinese", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "lang-zh");
    await payWith(ctx.session, "bep20_usdt", "美区 Apple ID");
    assert.equal(await textOf(ctx.session, "pay-network-badge"), "币安智能链（BEP20）");
    assert.equal(await textOf(ctx.session, "pay-qr-caption"), "币安智能链（BEP20）上的 USDT");
    assert.equal(await textOf(ctx.session, "pay-must-not"), "只能发送币安智能链（BEP20）上的 USDT。不要发送 BNB，也不要发送波场或以太坊上的 USDT。");
    assert.equal(await textOf(ctx.session, "pay-explorer"), "在 bscscan.com 上查看此地址");
    await ctx.harness.saveScreenshot(ctx.session, "payment-help-bep20-zh");
  });
});

/** `a − b` for decimal texts with up to 18 places, as decimal text without trailing zeros. */
function minus(a, b) {
  const places = 18;
  const units = (text) => {
    const [whole, fraction = ""] = text.split(".");
    return BigInt(whole + fraction.padEnd(places, "0"));
  };
  const difference = (units(a) - units(b)).toString().padStart(places + 1, "0");
  const text = `${difference.slice(0, -places)}.${difference.slice(-places)}`;
  return text.replace(/0+$/, "").replace(/\.$/, "");
}

describe("payment states", () => {
  it("an underpaid order says what arrived and what is missing, hides the address and shows the support block", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await payWith(ctx.session, "trc20_usdt");
    const amount = await textOf(ctx.session, "pay-amount");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "underpaid", received: "1.5" });
    await statusIs(ctx.session, "underpaid");
    await until(async () => (await textOf(ctx.session, "pay-short-by").catch(() => "")) !== "", { what: "what is missing" });
    assert.equal(await stageOf(ctx.session), "underpaid");
    assert.equal(await textOf(ctx.session, "pay-received"), "Arrived: 1.5 USDT.");
    assert.equal(await textOf(ctx.session, "pay-short-by"), `Missing: ${minus(amount, "1.5")} USDT.`);
    assert.equal((await ctx.session.findAll('[data-testid="pay-address"]')).length, 0, "no address to send more to");
    assert.equal((await ctx.session.findAll('[data-testid="pay-support"]')).length, 1, "the support block is shown");
    await ctx.harness.saveScreenshot(ctx.session, "payment-underpaid");
  });

  it("an expired order says not to use the address, keeps checking for a late payment, and shows the accounts when it comes", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await payWith(ctx.session, "btc");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "expired" });
    await statusIs(ctx.session, "expired");
    assert.equal(await stageOf(ctx.session), "lateWatch");
    assert.match(await textOf(ctx.session, "pay-next"), /^No payment arrived in time\. Do not send anything to this address now\. If you already sent it, Mailcart keeps checking until \d{4}-\d\d-\d\d \d\d:\d\d and the accounts appear here\./);
    assert.equal((await ctx.session.findAll('[data-testid="pay-address"]')).length, 0, "the old address is not shown");
    assert.equal(await textOf(ctx.session, "pay-countdown"), "");
    await ctx.harness.saveScreenshot(ctx.session, "payment-expired");

    // The payment arrives late: the store delivers after all.
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await untilDelivered(ctx.session, "the late payment's delivery");
    assert.equal((await ctx.session.findAll('[data-testid="pay-item-login"]')).length, 1);
  });

  it("a status word the app does not know is shown as the store's word while checking goes on", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await payWith(ctx.session, "trc20_usdt");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "pending", word: "on_hold" });
    await until(async () => (await stageOf(ctx.session)) === "unknown", { what: "the unknown stage", timeoutMs: 20_000 });
    assert.equal(
      await textOf(ctx.session, "pay-next"),
      "The store says this order is \u201con_hold\u201d, a state Mailcart does not know. It keeps checking; do not pay twice.",
    );
    assert.equal(await textOf(ctx.session, "pay-status"), "Waiting for your payment…");
    await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" });
    await statusIs(ctx.session, "delivered");
  });
});

/** The payment screen's stage (`data-stage` of its next-steps panel), or "" without one. */
async function stageOf(session) {
  const [panel] = await session.findAll('[data-testid="pay-next"]');
  return panel ? await session.attribute(panel, "data-stage") : "";
}

describe("I already paid", () => {
  it("lists what to check, keeps the transaction ID with the order after a restart, and copies the support block with it", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await payWith(ctx.session, "trc20_usdt");
    const orderNo = await textOf(ctx.session, "pay-order-no");
    const amount = await textOf(ctx.session, "pay-amount");
    await clickTestId(ctx.session, "pay-already-paid");
    assert.equal((await ctx.session.texts('[data-testid="pay-help-checks"] li')).length, 4);

    await typeInto(ctx.session, "pay-tx", "see my wallet");
    await clickTestId(ctx.session, "pay-tx-save");
    await until(async () => (await textOf(ctx.session, "pay-tx-note")) !== "", { what: "the refusal" });
    assert.equal(await textOf(ctx.session, "pay-tx-note"), "A transaction ID is letters and digits only (16 to 130), as your wallet or exchange shows it.");

    const tx = "a8f5b2c1d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0";
    await typeInto(ctx.session, "pay-tx", tx);
    await clickTestId(ctx.session, "pay-tx-save");
    await until(async () => (await textOf(ctx.session, "pay-tx-note")) === "Kept with the order.", { what: "the ID kept" });
    const block = await textOf(ctx.session, "pay-support-text");
    for (const line of [
      `Order number / 订单号: ${orderNo}`,
      "Contact email / 联系邮箱: buyer@example.com",
      "Coin and network / 币种和网络: USDT · TRON (TRC20)",
      "Address / 地址: TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
      `Amount / 金额: ${amount} USDT`,
      `Transaction ID / 交易哈希: ${tx}`,
    ]) {
      assert.ok(block.split("\n").includes(line), `the block has "${line}":\n${block}`);
    }
    assert.match(block, /^Ordered at \/ 下单时间: \d{4}-\d\d-\d\d \d\d:\d\d$/m);
    await clickTestId(ctx.session, "copy-support");
    // Read from the X clipboard the window put it on (the page itself may not read it back).
    await until(() => clipboard() === block, { what: "the support block on the clipboard" });
    await ctx.session.end();

    // After a restart: the order's payment screen, from Orders, still has it.
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await clickTestId(ctx.session, "nav-orders");
    await until(async () => (await ctx.session.texts('[data-testid="order-number"]')).includes(orderNo), { what: "the order listed" });
    const numbers = await ctx.session.texts('[data-testid="order-number"]');
    await ctx.session.click((await ctx.session.findAll('[data-testid="order-open"]'))[numbers.indexOf(orderNo)]);
    await clickTestId(ctx.session, "order-follow");
    await clickTestId(ctx.session, "pay-already-paid");
    // Found again on each try: the screen's first check after opening may redraw it meanwhile.
    await until(async () => {
      const [field] = await ctx.session.findAll('[data-testid="pay-tx"]');
      return field !== undefined && (await ctx.session.property(field, "value")) === tx;
    }, { what: "the kept transaction ID in its field" });
    assert.ok((await textOf(ctx.session, "pay-support-text")).endsWith(`Transaction ID / 交易哈希: ${tx}`));
  });
});
