// The demo (`MAILCART_DEMO=1`, what `npm run demo` sets) never mixes with real data: its orders go
// to a data folder of its own, beside the real one, and the header says DEMO.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { appSuite } from "./suite.mjs";
import { clickTestId, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBuying } from "./app-steps.mjs";

const ctx = appSuite("demo", { env: { MAILCART_DEMO: "1" } });

describe("the demo", () => {
  it("says DEMO in both languages and keeps its orders in a folder of its own", async () => {
    ctx.session = await openApp(ctx.harness, "demo e2e passphrase");
    assert.equal(await textOf(ctx.session, "demo-badge"), "DEMO");
    await startBuying(ctx.session, "Aged Gmail (registered 2019)");
    await typeInto(ctx.session, "checkout-email", "demo@example.com");
    await clickTestId(ctx.session, "checkout-submit");
    await waitFor(ctx.session, '[data-testid="pay-status"]', "the payment screen");
    await clickTestId(ctx.session, "lang-zh");
    await untilTexts(ctx.session, '[data-testid="demo-badge"]', ["演示"]);
    const demoFolder = `${ctx.harness.appDataDir}-demo`;
    assert.ok(existsSync(`${demoFolder}/mailcart.db`), "the demo's order book is in its own folder");
    assert.ok(!existsSync(`${ctx.harness.appDataDir}/mailcart.db`), "the real folder has no order book");
    // Its settings too: the contact email the checkout remembered and the language just chosen
    // are the demo's, never written into the real app's settings.
    assert.ok(existsSync(`${demoFolder}/settings.json`), "the demo's settings are in its own folder");
    assert.ok(!existsSync(`${ctx.harness.appDataDir}/settings.json`), "the real folder has no settings file");
    // The header's language choice kept what the checkout remembered (it saved a copy of the
    // settings read at start over it).
    await clickTestId(ctx.session, "nav-settings");
    const [email] = await waitFor(ctx.session, '[data-testid="settings-defaultContactEmail"]');
    assert.equal(await ctx.session.property(email, "value"), "demo@example.com");
    const [language] = await waitFor(ctx.session, '[data-testid="settings-language"]');
    assert.equal(await ctx.session.property(language, "value"), "zh");
  });
});
