// Pure helpers over the catalogue: which name to show, which products match a search.

import type { ProductView } from "../ipc";
import type { Language } from "../i18n/i18n";

export function productName(product: ProductView, language: Language): string {
  const preferred = language === "zh" ? product.nameZh : product.nameEn;
  const other = language === "zh" ? product.nameEn : product.nameZh;
  return preferred.trim() || other.trim() || product.slug;
}

/** Products whose Chinese name, English name or slug contains every word of `query`. */
export function filterProducts(products: readonly ProductView[], query: string): ProductView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...products];
  return products.filter((product) => {
    const haystack = `${product.nameZh}\n${product.nameEn}\n${product.slug}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
