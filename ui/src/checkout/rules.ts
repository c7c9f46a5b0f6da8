// The checkout's own checks, run before anything is sent, and the exact line total.

import type { MessageKey } from "../i18n/i18n";
import type { ProductView } from "../ipc";
import { MAX_QUANTITY } from "../bindings/constants";

export type Problem = { key: MessageKey; params?: Record<string, string | number> };

export function quantityBounds(product: ProductView): { min: number; max: number } {
  return { min: Math.max(1, product.minQuantity), max: Math.min(product.stock, MAX_QUANTITY) };
}

/** The quantity typed, or the rule it breaks. */
export function checkQuantity(text: string, product: ProductView): { quantity: number } | Problem {
  if (product.soldOut || product.stock === 0) return { key: "checkout.rule.soldOut" };
  if (!/^\s*\d+\s*$/.test(text)) return { key: "checkout.rule.notWhole" };
  const quantity = Number.parseInt(text, 10);
  const { min } = quantityBounds(product);
  if (quantity < min) return { key: "checkout.rule.belowMinimum", params: { min } };
  if (quantity > MAX_QUANTITY) return { key: "checkout.rule.aboveCap" };
  if (quantity > product.stock) return { key: "checkout.rule.aboveStock", params: { stock: product.stock } };
  return { quantity };
}

/** `price × quantity` on decimal text, exactly (no floating point): `"12.345" × 2 = "24.690"`. */
export function lineTotal(price: string, quantity: number): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(price.trim());
  if (!match) return "—";
  const fraction = match[2] ?? "";
  const digits = (BigInt(match[1] + fraction) * BigInt(quantity)).toString().padStart(fraction.length + 1, "0");
  return fraction.length === 0 ? digits : `${digits.slice(0, -fraction.length)}.${digits.slice(-fraction.length)}`;
}

/** One `@`, a dotted domain, no spaces: the same test as the Rust side. */
export function isPlausibleEmail(text: string): boolean {
  const email = text.trim();
  const at = email.indexOf("@");
  if (at <= 0 || email.indexOf("@", at + 1) !== -1 || /\s/.test(email) || email.length > 254) return false;
  const domain = email.slice(at + 1);
  return domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".");
}
