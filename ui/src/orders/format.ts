// How order fields read in the UI.

import { language, t, type MessageKey } from "../i18n/i18n";
import type { OrderSummary } from "../ipc";
import type { OrderStatus } from "../bindings/OrderStatus";
import type { StoreKind } from "../bindings/StoreKind";

export function statusLabel(status: OrderStatus): string {
  return t(`status.${status}` as MessageKey);
}

export function storeLabel(store: StoreKind): string {
  return t(`orders.store.${store}` as MessageKey);
}

/** The product's name as bought, in the buyer's language when the order kept that one. */
export function orderProductName(order: Pick<OrderSummary, "productName" | "productNameZh">): string {
  return language() === "zh" && order.productNameZh ? order.productNameZh : order.productName;
}

/** A time a store sent (ms since the epoch; NaN when it is not a time), in any plausible form:
 *  RFC 3339, `YYYY-MM-DD HH:MM:SS` (local time; WebKit's `Date.parse` may not read the space), or
 *  unix seconds or milliseconds as digits. */
export function storeTime(text: string | null | undefined): number {
  const trimmed = text?.trim();
  if (!trimmed) return Number.NaN;
  if (/^\d{10}$/.test(trimmed)) return Number(trimmed) * 1000;
  if (/^\d{13}$/.test(trimmed)) return Number(trimmed);
  return Date.parse(trimmed.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, "$1T$2"));
}

/** `2026-11-25T15:40:06.123456Z` → `2026-11-25 15:40` in the computer's time zone (any form
 *  `storeTime` reads; text that is no time is shown as it is). */
export function shortTime(iso: string): string {
  const date = new Date(storeTime(iso));
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The total as the store stated it, e.g. `24.690 CNY`; exact text, never recomputed. */
export function totalText(order: Pick<OrderSummary, "total" | "currency">): string {
  if (!order.total) return "—";
  return order.currency ? `${order.total} ${order.currency}` : order.total;
}
