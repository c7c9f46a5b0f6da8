import { describe, expect, it } from "vitest";
import { MESSAGES } from "../src/i18n/messages";
import { initialLanguage, setLanguage, t } from "../src/i18n/i18n";

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
    const storage = new Map<string, string>();
    const fake = { setItem: (k: string, v: string) => void storage.set(k, v), getItem: (k: string) => storage.get(k) ?? null };
    setLanguage("en", fake);
    expect(t("product.stock", { stock: 44 })).toBe("In stock: 44");
    setLanguage("zh", fake);
    expect(t("product.stock", { stock: 44 })).toBe("库存：44");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(initialLanguage("en", fake)).toBe("zh");
  });

  it("follows the system language until the user chooses", () => {
    expect(initialLanguage("zh", { getItem: () => null })).toBe("zh");
    expect(initialLanguage("en", { getItem: () => "fr" })).toBe("en");
    expect(initialLanguage("zh", { getItem: () => "en" })).toBe("en");
  });
});
