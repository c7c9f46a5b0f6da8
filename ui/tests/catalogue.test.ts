import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CataloguePage } from "../src/catalogue/catalogue-page";
import { setLanguage } from "../src/i18n/i18n";
import { PRODUCTS } from "./fixtures";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

describe("catalogue page", () => {
  it("shows names in the UI language, exact prices, stock, minimum and sold out", async () => {
    mockIPC((cmd) => (cmd === "list_products" ? PRODUCTS : null));
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    expect(texts(page.root, "product-name")).toEqual(["Google Workspace / Education Email", "Aged Gmail (registered 2019)", "Bulk Gmail (from 100)"]);
    expect(texts(page.root, "product-price")).toEqual(["¥0.5", "¥12.345", "¥0.08"]);
    expect(texts(page.root, "product-min")).toEqual(["Minimum order: 5", "Minimum order: 1", "Minimum order: 100"]);
    expect(byTestId(page.root, "product-card").map((c) => c.dataset.soldOut)).toEqual(["false", "false", "true"]);
    expect(byTestId(page.root, "sold-out")).toHaveLength(1);

    setLanguage("zh");
    page.render();
    expect(texts(page.root, "product-name")[1]).toBe("老号 Gmail（2019 年注册）");
    expect(texts(page.root, "product-stock")[0]).toBe("库存：44");
  });

  it("filters as the user types and says when nothing matches", async () => {
    mockIPC((cmd) => (cmd === "list_products" ? PRODUCTS : null));
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    const search = byTestId(page.root, "search")[0] as HTMLInputElement;
    search.value = "aged";
    search.dispatchEvent(new Event("input"));
    expect(texts(page.root, "product-name")).toEqual(["Aged Gmail (registered 2019)"]);
    expect(texts(page.root, "count")).toEqual(["1 of 3 products"]);
    search.value = "outlook";
    search.dispatchEvent(new Event("input"));
    expect(texts(page.root, "no-match")).toEqual(["No product matches “outlook”."]);
  });

  it("shows a clear error with the store's detail, and Retry loads again", async () => {
    let calls = 0;
    mockIPC((cmd) => {
      if (cmd !== "list_products") return null;
      calls += 1;
      if (calls === 1) throw { kind: "storeUnavailable", message: "the store refused (HTTP 500): Internal server error" };
      return PRODUCTS;
    });
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "error")).toHaveLength(1));
    const panel = byTestId(page.root, "error")[0];
    expect(panel.dataset.kind).toBe("storeUnavailable");
    expect(panel.textContent).toContain("The store is having trouble right now.");
    expect(panel.textContent).toContain("HTTP 500");
    byTestId(page.root, "retry")[0].click();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    expect(calls).toBe(2);
    expect(byTestId(page.root, "error")).toHaveLength(0);
  });

  it("never renders store text as markup", async () => {
    mockIPC((cmd) => (cmd === "list_products" ? [{ ...PRODUCTS[0], nameEn: '<img src=x onerror="alert(1)">' }] : null));
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(1));
    expect(page.root.querySelector("img")).toBeNull();
    expect(texts(page.root, "product-name")).toEqual(['<img src=x onerror="alert(1)">']);
  });

  it("opens a product's detail with the store's latest answer and goes back", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "list_products") return PRODUCTS;
      if (cmd === "get_product") return { ...PRODUCTS[1], stock: 119, id: (args as { idOrSlug: string }).idOrSlug };
      return null;
    });
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    byTestId(page.root, "product-open")[1].click();
    await until(() => expect(texts(page.root, "detail-stock")).toEqual(["119"]));
    expect(texts(page.root, "detail-price")).toEqual(["¥12.345 each"]);
    expect(texts(page.root, "detail-id")).toEqual(["7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22"]);
    byTestId(page.root, "detail-back")[0].click();
    expect(byTestId(page.root, "product-card")).toHaveLength(3);
  });
});
