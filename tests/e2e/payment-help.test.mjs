// What the payment screen gives a buyer besides the address and amount, in the real window against
// the store double: the network named on the amount and under the QR code with what must not be
// sent instead, in English and Chinese, and the button that opens the address on its chain's
// public block explorer. The system browser is a stand-in `xdg-open` first on the app's PATH that
// writes down each URL it is given: the app's real opener call, not a real browser.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, selectOption, statusIs, textOf, typeInto } from "./helpers.mjs";
import { openApp, startBuying } from "./app-steps.mjs";

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
