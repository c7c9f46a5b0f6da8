// The catalogue in the real app window, against the store double.

import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { clickTestId } from "./helpers.mjs";

const ctx = appSuite("catalogue");

const PRODUCT_NAMES_EN = [
  "Google Workspace / Education Email",
  "Aged Gmail (registered 2019)",
  "Bulk Gmail (from 100)",
  "US Apple ID",
  "Temporary mailbox (30 days)",
];
const PRODUCT_NAMES_ZH = ["谷歌企业/教育邮箱", "老号 Gmail（2019 年注册）", "批量 Gmail（100 个起）", "美区 Apple ID", "临时邮箱（30 天）"];

async function productNames() {
  return until(
    async () => {
      const names = await ctx.session.texts('[data-testid="product-name"]');
      return names.length > 0 ? names : null;
    },
    { what: "products to appear" },
  );
}

describe("catalogue", () => {
  it("shows every product with its English name, exact price, stock, minimum and sold-out state", async () => {
    ctx.session = await ctx.harness.launch();
    assert.deepEqual(await productNames(), PRODUCT_NAMES_EN);
    assert.deepEqual(await ctx.session.texts('[data-testid="product-price"]'), ["¥0.5", "¥12.345", "¥0.08", "¥25", "¥0.015"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="product-min"]'), [
      "Minimum order: 5",
      "Minimum order: 1",
      "Minimum order: 100",
      "Minimum order: 1",
      "Minimum order: 1",
    ]);
    const cards = await ctx.session.findAll('[data-testid="product-card"]');
    const soldOut = await Promise.all(cards.map((card) => ctx.session.attribute(card, "data-sold-out")));
    assert.deepEqual(soldOut, ["false", "false", "true", "false", "false"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="sold-out"]'), ["Sold out"]);
    assert.match((await ctx.session.texts('[data-testid="store-badge"]'))[0], /127\.0\.0\.1/);
  });

  it("switches product names and labels when the language is switched", async () => {
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    assert.deepEqual(await productNames(), PRODUCT_NAMES_EN);
    await clickTestId(ctx.session, "lang-zh");
    await until(async () => (await ctx.session.texts('[data-testid="product-name"]'))[0] === PRODUCT_NAMES_ZH[0], {
      what: "Chinese names",
    });
    assert.deepEqual(await ctx.session.texts('[data-testid="product-name"]'), PRODUCT_NAMES_ZH);
    assert.equal((await ctx.session.texts('[data-testid="product-stock"]'))[0], "库存：44");
    assert.equal((await ctx.session.texts('[data-testid="refresh"]'))[0], "刷新");
    await clickTestId(ctx.session, "lang-en");
    await until(async () => (await ctx.session.texts('[data-testid="product-name"]'))[0] === PRODUCT_NAMES_EN[0], {
      what: "English names again",
    });
  });

  it("says clearly when the store fails, and Retry recovers", async () => {
    // The client tries a GET three times before it gives up: fail all three.
    await ctx.harness.fault({ kind: "http500", path: "/api/products", count: 3 });
    // With no list kept from an earlier start (that case has its own test below).
    rmSync(keptFile(), { force: true });
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    const [panel] = await until(async () => {
      const ids = await ctx.session.findAll('[data-testid="error"]');
      return ids.length ? ids : null;
    }, { what: "the error panel" });
    assert.equal(await ctx.session.attribute(panel, "data-kind"), "storeUnavailable");
    assert.match(await ctx.session.text(panel), /The store is having trouble right now/);
    assert.deepEqual(await ctx.session.findAll('[data-testid="product-card"]'), []);
    await clickTestId(ctx.session, "retry");
    assert.deepEqual(await productNames(), PRODUCT_NAMES_EN);
    assert.deepEqual(await ctx.session.findAll('[data-testid="error"]'), []);
    assert.equal((await ctx.harness.hits())["GET /api/products"], 4);
  });

  it("searches, opens a product's detail from the store, and goes back", async () => {
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    await productNames();
    const [search] = await ctx.session.findAll('[data-testid="search"]');
    await ctx.session.type(search, "aged");
    await until(async () => (await ctx.session.texts('[data-testid="product-name"]')).length === 1, { what: "the search to filter" });
    assert.deepEqual(await ctx.session.texts('[data-testid="product-name"]'), ["Aged Gmail (registered 2019)"]);
    await clickTestId(ctx.session, "product-open");
    await until(async () => (await ctx.session.findAll('[data-testid="detail-loading"]')).length === 0 &&
      (await ctx.session.findAll('[data-testid="detail-id"]')).length === 1, { what: "the detail" });
    assert.deepEqual(await ctx.session.texts('[data-testid="detail-price"]'), ["¥12.345 each"]);
    assert.deepEqual(await ctx.session.texts('[data-testid="detail-slug"]'), ["gmail-aged-2019"]);
    assert.equal((await ctx.harness.hits())["GET /api/products/{id_or_slug}"], 1);
    await clickTestId(ctx.session, "detail-back");
    await until(async () => (await ctx.session.findAll('[data-testid="product-card"]')).length === 1, { what: "the list again" });
  });

  it("shows the list kept from the last start at once, marked, while the store answers late; then the store's", async () => {
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    await productNames();
    await ctx.session.end();
    ctx.session = null;
    // The kept list says ¥9.99 for the first product, so what is on screen shows where it came from.
    const kept = JSON.parse(readFileSync(keptFile(), "utf8"));
    assert.equal(kept.products.length, PRODUCT_NAMES_EN.length);
    kept.products[0].price = "9.99";
    writeFileSync(keptFile(), JSON.stringify(kept));
    await ctx.harness.fault({ kind: "slow", path: "/api/products", delayMs: 8000, count: 1 });
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    const [note] = await until(async () => {
      const texts = await ctx.session.texts('[data-testid="catalogue-kept"][data-state="checking"]');
      return texts.length ? texts : null;
    }, { what: "the kept list, marked as being checked" });
    assert.match(note, /^The list from \d{4}-\d\d-\d\d \d\d:\d\d: asking the store/);
    assert.deepEqual(await ctx.session.texts('[data-testid="product-name"]'), PRODUCT_NAMES_EN);
    assert.equal((await ctx.session.texts('[data-testid="product-price"]'))[0], "¥9.99");
    // Then the store's answer replaces it, and the mark goes.
    await until(async () => (await ctx.session.findAll('[data-testid="catalogue-kept"]')).length === 0, { what: "the mark to go" });
    assert.equal((await ctx.session.texts('[data-testid="product-price"]'))[0], "¥0.5");
  });

  it("with the store down, keeps showing the last list as not current with Retry; Buy asks the store first", async () => {
    await ctx.harness.fault({ kind: "http500", path: "/api/products", count: 3 });
    ctx.session = await ctx.harness.launch();
    await clickTestId(ctx.session, "lang-en");
    await until(async () => (await ctx.session.findAll('[data-testid="catalogue-kept"][data-state="stale"]')).length === 1, { what: "the stale mark" });
    assert.match((await ctx.session.texts('[data-testid="catalogue-kept"]'))[0], /not current: prices and stock may have changed/);
    assert.deepEqual(await ctx.session.texts('[data-testid="product-name"]'), PRODUCT_NAMES_EN);
    // A card of the kept list: its Buy appears only once the store has answered for the product.
    const before = (await ctx.harness.hits())["GET /api/products/{id_or_slug}"] ?? 0;
    await clickTestId(ctx.session, "product-open");
    await clickTestId(ctx.session, "buy");
    assert.equal((await ctx.harness.hits())["GET /api/products/{id_or_slug}"], before + 1, "the product was asked for before Buy was offered");
    await until(async () => (await ctx.session.findAll('[data-testid="checkout"]')).length === 1, { what: "the checkout form" });
    assert.equal((await ctx.harness.hits())["POST /api/orders/create"] ?? 0, 0);
    await clickTestId(ctx.session, "checkout-cancel");
    await clickTestId(ctx.session, "detail-back");
    await clickTestId(ctx.session, "retry");
    await until(async () => (await ctx.session.findAll('[data-testid="catalogue-kept"]')).length === 0, { what: "the store's list after Retry" });
    assert.deepEqual(await ctx.session.texts('[data-testid="product-name"]'), PRODUCT_NAMES_EN);
  });
});

function keptFile() {
  return join(ctx.harness.appDataDir, "last-catalogue.json");
}
