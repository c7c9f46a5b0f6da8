import { describe, expect, it } from "vitest";
import { MESSAGES } from "../src/i18n/messages";
import { resolveLanguage, setLanguage, t } from "../src/i18n/i18n";

describe("message table", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(MESSAGES.zh).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    for (const table of [MESSAGES.zh, MESSAGES.en]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe("");
    }
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      expect(placeholders(MESSAGES.zh[key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });
});

describe("t and the language", () => {
  it("fills placeholders in the current language", () => {
    setLanguage("en");
    expect(t("product.stock", { stock: 44 })).toBe("In stock: 44");
    setLanguage("zh");
    expect(t("product.stock", { stock: 44 })).toBe("库存：44");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(t("catalogue.noMatch", {})).toBe("没有与“{query}”匹配的商品。");
  });

  it("follows the system language unless the settings choose one", () => {
    expect(resolveLanguage("system", "zh")).toBe("zh");
    expect(resolveLanguage("system", "en")).toBe("en");
    expect(resolveLanguage("en", "zh")).toBe("en");
    expect(resolveLanguage("zh", "en")).toBe("zh");
  });
});
