import { describe, expect, it } from "vitest";
import { filterProducts, productName } from "../src/catalogue/products";
import { PRODUCTS } from "./fixtures";

describe("productName", () => {
  it("uses the UI language and falls back to the other name, then the slug", () => {
    expect(productName(PRODUCTS[1], "zh")).toBe("老号 Gmail（2019 年注册）");
    expect(productName(PRODUCTS[1], "en")).toBe("Aged Gmail (registered 2019)");
    expect(productName({ ...PRODUCTS[1], nameEn: "  " }, "en")).toBe("老号 Gmail（2019 年注册）");
    expect(productName({ ...PRODUCTS[1], nameEn: "", nameZh: "" }, "en")).toBe("gmail-aged-2019");
  });
});

describe("filterProducts", () => {
  it("matches every word against both names and the slug, ignoring case", () => {
    expect(filterProducts(PRODUCTS, "").map((p) => p.slug)).toEqual(["gmail-usa-fresh", "gmail-aged-2019", "gmail-bulk-100"]);
    expect(filterProducts(PRODUCTS, "AGED").map((p) => p.slug)).toEqual(["gmail-aged-2019"]);
    expect(filterProducts(PRODUCTS, "老号").map((p) => p.slug)).toEqual(["gmail-aged-2019"]);
    expect(filterProducts(PRODUCTS, "gmail 100").map((p) => p.slug)).toEqual(["gmail-bulk-100"]);
    expect(filterProducts(PRODUCTS, "  workspace   email ").map((p) => p.slug)).toEqual(["gmail-usa-fresh"]);
    expect(filterProducts(PRODUCTS, "outlook")).toEqual([]);
  });
});
