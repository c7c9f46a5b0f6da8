// Proxies: with no proxy in Mailcart's settings, the GmailStore calls, the email-order calls and the
// update check follow the system's proxy (on Linux the *_PROXY environment variables; Windows and
// macOS read their own settings through the same code, not testable here); with one set in
// settings, all three go through it and the system's is not used.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, until } from "./harness.mjs";
import { clickTestId, textOf, typeInto, waitFor } from "./helpers.mjs";
import { openApp } from "./app-steps.mjs";
import { startCountingProxy } from "./counting-proxy.mjs";
import { appSuite } from "./suite.mjs";

const PASSPHRASE = "proxy e2e passphrase";
const CURRENT_VERSION = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8")).version;
const PRODUCTS = "GET /api/products";
const FEED = "GET /latest.json";
const PLATFORMS = "POST /api/buyEmailOrder/open/accountPlatformList";

// An update feed announcing the running version: the check asks it and offers nothing.
const feed = createServer((request, response) => {
  if (request.url !== "/latest.json") return response.writeHead(404).end();
  const platform = { signature: "unused", url: "http://127.0.0.1:9/unused" };
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ version: CURRENT_VERSION, pub_date: "2026-11-20T08:00:00Z", platforms: { "linux-x86_64": platform } }));
});
await new Promise((resolve) => feed.listen(0, "127.0.0.1", resolve));
feed.unref();

const systemProxy = await startCountingProxy();
const settingsProxy = await startCountingProxy();
// The system's proxy, as the environment gives it on Linux. tauri-driver and WebKitWebDriver get it
// too (they pass their environment to the app); WebKitWebDriver then reaches the app through it.
const ctx = appSuite("proxy", {
  env: {
    MAILCART_UPDATE_FEED: `http://127.0.0.1:${feed.address().port}/latest.json`,
    HTTP_PROXY: systemProxy.url,
    http_proxy: systemProxy.url,
    NO_PROXY: "",
    no_proxy: "",
  },
});


const passed = (proxy, what, from = 0) => proxy.seen.slice(from).includes(what);

describe("proxies", () => {
  it("with none set in Mailcart, the store calls and the update check follow the system's proxy", async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await waitFor(ctx.session, '[data-testid="product-name"]', "the catalogue");
    await until(() => passed(systemProxy, PRODUCTS) && passed(systemProxy, FEED), { what: "the catalogue call and the update check through the system proxy" });

    await clickTestId(ctx.session, "nav-codes");
    await typeInto(ctx.session, "codes-url", ctx.harness.storeUrl);
    await typeInto(ctx.session, "codes-key", "test-api-key-0001");
    await clickTestId(ctx.session, "codes-save");
    await until(async () => (await textOf(ctx.session, "codes-connected")).includes(ctx.harness.storeUrl), { what: "connected" });
    assert.ok(passed(systemProxy, PLATFORMS), `the email-order key check went through the system proxy: ${systemProxy.seen}`);
    assert.deepEqual(settingsProxy.seen, []);
  });

  it("with one set in Mailcart, every call goes through it and none through the system's", async () => {
    const settingsFile = join(ctx.harness.appDataDir, "settings.json");
    const file = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, "utf8")) : {};
    file.settings = { ...(file.settings ?? {}), proxy: settingsProxy.url };
    mkdirSync(ctx.harness.appDataDir, { recursive: true });
    writeFileSync(settingsFile, JSON.stringify(file));
    const systemBefore = systemProxy.seen.length;

    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    await waitFor(ctx.session, '[data-testid="product-name"]', "the catalogue");
    await clickTestId(ctx.session, "nav-codes");
    await waitFor(ctx.session, '[data-testid="codes-platform"] option', "the platforms");
    await until(() => [PRODUCTS, FEED, PLATFORMS].every((what) => passed(settingsProxy, what)), {
      what: `the catalogue, the update check and the platforms through the settings' proxy (seen: ${settingsProxy.seen})`,
    });
    const throughSystem = systemProxy.seen.slice(systemBefore).filter((what) => [PRODUCTS, FEED, PLATFORMS].includes(what));
    assert.deepEqual(throughSystem, [], "nothing went through the system's proxy");
  });
});
