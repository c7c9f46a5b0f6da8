// The vault and the order book in the real window: choosing a passphrase on a machine with no
// keychain, unlocking (a wrong passphrase changes nothing), the Orders page, and a damaged
// settings file at start.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { Harness, until } from "./harness.mjs";
import { clickTestId, selectOption, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";

const PASSPHRASE = "e2e passphrase 4417";
let harness;
let session;

before(async () => {
  harness = await Harness.start("vault-orders");
});

after(async () => {
  await harness?.stop();
});

afterEach(async (t) => {
  if (session) {
    await harness.saveScreenshot(session, `vault-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
    await session.end().catch(() => {});
    session = null;
  }
});

async function vaultProblem() {
  const [panel] = await waitFor(session, '[data-testid="vault-panel"]');
  return session.attribute(panel, "data-problem");
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

describe("vault and orders", () => {
  it("asks for a passphrase where there is no keychain, and protects data with it", async () => {
    session = await harness.launch();
    await clickTestId(session, "lang-en");
    assert.equal(await vaultProblem(), "noKeychain");
    await typeInto(session, "passphrase", PASSPHRASE);
    await typeInto(session, "passphrase-repeat", "not the same");
    await clickTestId(session, "passphrase-submit");
    assert.equal(await textOf(session, "passphrase-error"), "The two passphrases are not the same.");
    await typeInto(session, "passphrase-repeat", PASSPHRASE);
    await clickTestId(session, "passphrase-submit");
    await until(async () => (await session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "the panel to close" });
    await clickTestId(session, "nav-settings");
    await untilTexts(session, '[data-testid="vault-protection"]', ["Protected by your passphrase (asked at each start)"]);
  });

  it("refuses a wrong passphrase, unlocks with the right one and lists every order", async () => {
    harness.runTool("seed_orders", ["--data-dir", harness.appDataDir, "--passphrase", PASSPHRASE, "--orders", "4", "--items", "3"]);
    session = await harness.launch();
    await clickTestId(session, "lang-en");
    assert.equal(await vaultProblem(), "passphraseNeeded");
    await typeInto(session, "passphrase", "wrong passphrase!");
    await clickTestId(session, "passphrase-submit");
    await untilTexts(session, '[data-testid="passphrase-error"]', ["That passphrase is not correct. Nothing was changed."]);
    await typeInto(session, "passphrase", PASSPHRASE);
    await clickTestId(session, "passphrase-submit");
    await until(async () => (await session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "unlocked" });

    assert.equal(
      await textOf(session, "notice-unfinished"),
      "2 of your orders are not finished yet (waiting for payment, delivery or codes).Show them",
    );
    await clickTestId(session, "unfinished-show");
    await untilTexts(session, '[data-testid="order-number"]', ["GS-SEED-0004", "GS-SEED-0002"]);

    await clickTestId(session, "nav-orders");
    await selectOption(session, "orders-state", "");
    await untilTexts(session, '[data-testid="order-number"]', ["GS-SEED-0004", "GS-SEED-0003", "GS-SEED-0002", "GS-SEED-0001"]);
    assert.deepEqual(await session.texts('[data-testid="order-status"]'), ["Awaiting payment", "Delivered", "Awaiting payment", "Delivered"]);
    assert.equal((await session.findAll('[data-testid="order-unfinished"]')).length, 2);
    assert.deepEqual(await session.texts('[data-testid="order-total"]'), ["37.035 CNY", "37.035 CNY", "37.035 CNY", "37.035 CNY"]);

    await typeInto(session, "orders-search", "gs-seed-0003-2@gmail");
    await untilTexts(session, '[data-testid="order-number"]', ["GS-SEED-0003"]);
    await clickTestId(session, "order-open");
    await untilTexts(session, '[data-testid="item-login"]', ["gs-seed-0003-0@gmail.com", "gs-seed-0003-1@gmail.com", "gs-seed-0003-2@gmail.com"]);
    assert.deepEqual(await session.texts('[data-testid="item-password"]'), [
      'pw-GS-SEED-0003-0,"é"',
      'pw-GS-SEED-0003-1,"é"',
      'pw-GS-SEED-0003-2,"é"',
    ]);
    assert.equal(await textOf(session, "order-detail-status"), "Delivered");
    assert.equal(await textOf(session, "order-detail-pay-amount"), "3.456789");
    await clickTestId(session, "order-back");
    await waitFor(session, '[data-testid="orders-table"]');
  });

  it("keeps a damaged settings file aside and says so", async () => {
    const settingsFile = join(harness.appDataDir, "settings.json");
    writeFileSync(settingsFile, '{"settings": {"language": "zh"');
    session = await harness.launch();
    await clickTestId(session, "lang-en");
    const notice = await textOf(session, "notice-settingsDamaged");
    assert.match(notice, /Your settings file could not be read\. It was kept as .*settings\.json\.damaged-/);
    const kept = readdirSync(harness.appDataDir).filter((f) => f.startsWith("settings.json.damaged-"));
    assert.equal(kept.length, 1);
    assert.equal(readFileSync(join(harness.appDataDir, kept[0]), "utf8"), '{"settings": {"language": "zh"');
    assert.ok(!existsSync(settingsFile) || JSON.parse(readFileSync(settingsFile, "utf8")));
  });

  it("leaves no passphrase or delivered password in plain text in any file the app wrote", async () => {
    const secrets = [PASSPHRASE, 'pw-GS-SEED-0003-1,"é"', "pw-GS-SEED-0001-0", "token-GS-SEED-0002"];
    const files = filesUnder(join(harness.xdgDataHome, ".."));
    assert.ok(files.some((f) => f.endsWith("mailcart.db")), "the database was scanned");
    for (const file of files) {
      let bytes;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        // WebKit's helper processes may still be tidying their own files as the app closes.
        if (error.code === "ENOENT") continue;
        throw error;
      }
      for (const secret of secrets) {
        assert.equal(bytes.indexOf(Buffer.from(secret, "utf8")), -1, `${file} holds ${secret}`);
      }
    }
  });
});
