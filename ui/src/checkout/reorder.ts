// "Buy again" on a GmailStore order hands the catalogue what the checkout should start with: the
// product (asked of the store afresh: its price and stock are today's), quantity, email and payment.

import type { Coin } from "../bindings/Coin";
import type { PaymentMethod } from "../bindings/PaymentMethod";
import type { OrderDetail } from "../ipc";
import { coinInfo } from "./coins";
import { handOver } from "../hand-over";

export interface Reorder {
  productId: string;
  quantity: number;
  email: string | null;
  method: PaymentMethod | null;
  coin: Coin | null;
}

const pending = handOver<Reorder>();

/** What "Buy again" on `order` fills in, or null when the order names no product to buy. */
export function reorderOf(order: OrderDetail): Reorder | null {
  if (order.summary.store !== "gmailstore" || !order.productId) return null;
  const coin = coinInfo(order.coin)?.coin ?? null;
  return { productId: order.productId, quantity: order.summary.quantity, email: order.summary.contactEmail, method: order.paymentMethod, coin };
}

export function requestReorder(reorder: Reorder): void {
  pending.give(reorder);
}

/** What was handed over since the last call, once. */
export function takeReorder(): Reorder | null {
  return pending.take();
}
