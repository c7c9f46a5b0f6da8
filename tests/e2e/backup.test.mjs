// Backup and restore in the real window: the whole book written to one sealed file through the
// system's save dialog (no planted secret in it), then restored on "another computer" (the data
// folder removed, a new vault): a wrong passphrase and a file that is no backup each refused with
// nothing changed, then what the file holds said before the merge, and every order back, with the
// settings the new computer had not set.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { answerFileDialog, clickTestId, filesHolding, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp } from "./app-steps.mjs";

const PASSPHRASE = "backup e2e vault passphrase";
const BACKUP_PASSPHRASE = "the buyer's backup passphrase";
const CODES_URL = "https://codes.example.com";
const ctx = appSuite("backup");

async function orderCount() {
  await clickTestId(ctx.session, "nav-orders");
  await waitFor(ctx.session, '[data-testid="order-row"], [data-testid="orders-empty"]');
  return (await ctx.session.findAll('[data-testid="order-row"]')).length;
}

describe("backup and restore", () => {
  it("backs the book up into one sealed file and restores it on a fresh data folder", async () => {
    const dir = join(ctx.harness.xdgDataHome, "..", "backups");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "mailcart.mcbackup");
    ctx.harness.runTool("seed_orders", ["--data-dir", ctx.harness.appDataDir, "--passphrase", PASSPHRASE, "--orders", "6", "--items", "3"]);
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    assert.equal(await orderCount(), 6);
    await clickTestId(ctx.session, "nav-settings");
    // Settings the buyer set on the old computer travel in the backup too.
    await typeInto(ctx.session, "settings-emailOrderUrl", CODES_URL);
    await clickTestId(ctx.session, "settings-codeSound");
    await clickTestId(ctx.session, "settings-save");
    await waitFor(ctx.session, '[data-testid="settings-saved"]', "the settings saved");
    await typeInto(ctx.session, "backup-passphrase", BACKUP_PASSPHRASE);
    await typeInto(ctx.session, "backup-repeat", BACKUP_PASSPHRASE);
    await clickTestId(ctx.session, "backup-create");
    await answerFileDialog("Save File", file);
    await until(async () => (await textOf(ctx.session, "backup-said")).startsWith(`Backup saved to ${file}.`), { what: "the backup saved", timeoutMs: 30_000 });
    assert.ok(existsSync(file));
    const { holding } = filesHolding(dir, ["pw-GS-SEED-0001-0", "token-GS-SEED-0001", "GS-SEED-0001", PASSPHRASE, BACKUP_PASSPHRASE]);
    assert.deepEqual(holding, [], "nothing in the backup file is plain");
    await ctx.session.end();

    // Another computer: no data folder, a new vault.
    rmSync(ctx.harness.appDataDir, { recursive: true, force: true });
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    assert.equal(await orderCount(), 0);
    await clickTestId(ctx.session, "nav-settings");
    await typeInto(ctx.session, "restore-passphrase", "not the backup passphrase");
    await clickTestId(ctx.session, "restore-open");
    await answerFileDialog("Open File", file);
    await untilTexts(ctx.session, '[data-testid="restore-said"]', ["That passphrase is not correct. Nothing was changed."]);
    const notABackup = join(dir, "notes.txt");
    writeFileSync(notABackup, "just some notes\n");
    await clickTestId(ctx.session, "restore-open");
    await answerFileDialog("Open File", notABackup);
    await untilTexts(ctx.session, '[data-testid="restore-said"]', ["This file is not a Mailcart backup. Nothing was changed."]);
    assert.equal(await orderCount(), 0, "nothing changed");

    await clickTestId(ctx.session, "nav-settings");
    await typeInto(ctx.session, "restore-passphrase", BACKUP_PASSPHRASE);
    await clickTestId(ctx.session, "restore-open");
    await answerFileDialog("Open File", file);
    const summary = await textOf(ctx.session, "restore-summary");
    assert.match(summary, /: 6 orders with 9 delivered items, from /);
    assert.equal(
      await textOf(ctx.session, "restore-settings-to-take"),
      "It also holds settings this computer has not set, which the merge will take: Receive-code email service address; Play a short sound when a code arrives. Settings set here stay as they are.",
    );
    await clickTestId(ctx.session, "restore-merge");
    await untilTexts(ctx.session, '[data-testid="restore-merged"]', ["Restored: 6 orders added, 0 updated, 0 already here (0 items added)."]);
    // The new computer had not set them: it takes them, says which, and its form shows them.
    await untilTexts(ctx.session, '[data-testid="restore-settings"]', [
      "Settings this computer had not set were taken from the backup: Receive-code email service address; Play a short sound when a code arrives.",
    ]);
    const [codesUrl] = await waitFor(ctx.session, '[data-testid="settings-emailOrderUrl"]');
    assert.equal(await ctx.session.property(codesUrl, "value"), CODES_URL);
    const [sound] = await waitFor(ctx.session, '[data-testid="settings-codeSound"]');
    assert.equal(await ctx.session.property(sound, "checked"), true);
    await ctx.session.scrollIntoView((await ctx.session.findAll('[data-testid="restore-settings"]'))[0]);
    await ctx.harness.saveScreenshot(ctx.session, "backup-restored");
    assert.equal(await orderCount(), 6);
  });
});
