// The vault and the order book in the real window: choosing a passphrase on a machine with no
// keychain, unlocking (a wrong passphrase changes nothing), the Orders page, and a damaged
// settings file at start.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId, filesHolding, selectOption, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";

const PASSPHRASE = "e2e passphrase 4417";
const ctx = appSuite("vault-orders");

async function vaultProblem() {
  const [panel] = await waitFor(ctx.session, '[data-testid="vault-panel"]');
  return ctx.session.attribute(panel, "data-problem");
}

describe("vault and orders", () => {
  it("asks for a passphrase where there is no keychain, and protects data with it", async () => {
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    assert.equal(await vaultProblem(), "noKeychain");
    await typeInto(ctx.session, "passphrase", PASSPHRASE);
    await typeInto(ctx.session, "passphrase-repeat", "not the same");
    await clickTestId(ctx.session, "passphrase-submit");
    assert.equal(await textOf(ctx.session, "passphrase-error"), "The two passphrases are not the same.");
    await typeInto(ctx.session, "passphrase-repeat", PASSPHRASE);
    await clickTestId(ctx.session, "passphrase-submit");
    await until(async () => (await ctx.session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "the panel to close" });
    await clickTestId(ctx.session, "nav-settings");
    await untilTexts(ctx.session, '[data-testid="vault-protection"]', ["Protected by your passphrase (asked at each start)"]);
  });

  it("refuses a wrong passphrase, unlocks with the right one and lists every order", async () => {
    ctx.harness.runTool("seed_orders", ["--data-dir", ctx.harness.appDataDir, "--passphrase", PASSPHRASE, "--orders", "4", "--items", "3"]);
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    assert.equal(await vaultProblem(), "passphraseNeeded");
    await typeInto(ctx.session, "passphrase", "wrong passphrase!");
    await clickTestId(ctx.session, "passphrase-submit");
    await untilTexts(ctx.session, '[data-testid="passphrase-error"]', ["That passphrase is not correct. Nothing was changed."]);
    await typeInto(ctx.session, "passphrase", PASSPHRASE);
    await clickTestId(ctx.session, "passphrase-submit");
    await until(async () => (await ctx.session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "unlocked" });

    assert.equal(
      await textOf(ctx.session, "notice-unfinished"),
      "2 of your orders are not finished yet (waiting for payment, delivery or codes).Show them",
    );
    await clickTestId(ctx.session, "unfinished-show");
    await untilTexts(ctx.session, '[data-testid="order-number"]', ["GS-SEED-0004", "GS-SEED-0002"]);

    await clickTestId(ctx.session, "nav-orders");
    await selectOption(ctx.session, "orders-state", "");
    await untilTexts(ctx.session, '[data-testid="order-number"]', ["GS-SEED-0004", "GS-SEED-0003", "GS-SEED-0002", "GS-SEED-0001"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="order-status"]'), ["Awaiting payment", "Delivered", "Awaiting payment", "Delivered"]);
    assert.equal((await ctx.session.findAll('[data-testid="order-unfinished"]')).length, 2);
    assert.deepEqual(await ctx.session.texts('[data-testid="order-total"]'), ["37.035 CNY", "37.035 CNY", "37.035 CNY", "37.035 CNY"]);

    await typeInto(ctx.session, "orders-search", "gs-seed-0003-2@gmail");
    await untilTexts(ctx.session, '[data-testid="order-number"]', ["GS-SEED-0003"]);
    await clickTestId(ctx.session, "order-open");
    await untilTexts(ctx.session, '[data-testid="item-login"]', ["gs-seed-0003-0@gmail.com", "gs-seed-0003-1@gmail.com", "gs-seed-0003-2@gmail.com"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="item-password"]'), [
      'pw-GS-SEED-0003-0,"é"',
      'pw-GS-SEED-0003-1,"é"',
      'pw-GS-SEED-0003-2,"é"',
    ]);
    assert.equal(await textOf(ctx.session, "order-detail-status"), "Delivered");
    assert.equal(await textOf(ctx.session, "order-detail-pay-amount"), "3.456789");
    await clickTestId(ctx.session, "order-back");
    await waitFor(ctx.session, '[data-testid="orders-table"]');
  });

  it("keeps a damaged settings file aside and says so", async () => {
    const settingsFile = join(ctx.harness.appDataDir, "settings.json");
    writeFileSync(settingsFile, '{"settings": {"language": "zh"');
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    const notice = await textOf(ctx.session, "notice-settingsDamaged");
    assert.match(notice, /Your settings file could not be read\. It was kept as .*settings\.json\.damaged-/);
    const kept = readdirSync(ctx.harness.appDataDir).filter((f) => f.startsWith("settings.json.damaged-"));
    assert.equal(kept.length, 1);
    assert.equal(readFileSync(join(ctx.harness.appDataDir, kept[0]), "utf8"), '{"settings": {"language": "zh"');
    assert.ok(!existsSync(settingsFile) || JSON.parse(readFileSync(settingsFile, "utf8")));
  });

  it("leaves no passphrase or delivered password in plain text in any file the app wrote", async () => {
    const secrets = [PASSPHRASE, 'pw-GS-SEED-0003-1,"é"', "pw-GS-SEED-0001-0", "token-GS-SEED-0002"];
    const { holding, scanned } = filesHolding(join(ctx.harness.xdgDataHome, ".."), secrets);
    assert.ok(scanned.some((f) => f.endsWith("mailcart.db")), "the database was scanned");
    assert.deepEqual(holding, []);
  });
});
