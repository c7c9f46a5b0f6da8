// The buyer's stock and price watches, shared by the catalogue's cards, a product's detail and the
// Watch list: one copy, read from Rust, and every view told when it changes. Rust's background
// check may change them at any time (a product back in stock), so the copy is read again every
// little while and when the window comes to the front (e.g. after a click on the notification).

import { commands, type ProductView } from "../ipc";
import type { Watch } from "../bindings/Watch";
import type { WatchRequest } from "../bindings/WatchRequest";

export type { Watch, WatchRequest };

/** How often the copy is read again while the app is open (a local call, no store call). */
const REREAD_MS = 15_000;

let watches: Watch[] = [];
const listeners = new Set<() => void>();

export function allWatches(): Watch[] {
  return watches;
}

export function watchOf(productId: string): Watch | undefined {
  return watches.find((watch) => watch.productId === productId);
}

/** The marks set on a product now (all off when it has no watch). */
export function requestOf(productId: string): WatchRequest {
  const watch = watchOf(productId);
  return { favourite: watch?.favourite ?? false, whenBack: watch?.whenBack ?? false, priceAtMost: watch?.priceAtMost ?? null };
}

export function onWatchesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function replace(next: Watch[]): void {
  if (JSON.stringify(next) === JSON.stringify(watches)) return;
  watches = next;
  for (const listener of listeners) listener();
}

/** Reads the watches again (a failure keeps the copy: the marks are shown as last known). */
export async function loadWatches(): Promise<void> {
  try {
    replace(await commands.watchList());
  } catch {
    // Kept as they were.
  }
}

/** Sets the marks on `product`; throws the AppError (e.g. a price mark that is no amount). */
export async function setWatch(product: ProductView, request: WatchRequest): Promise<void> {
  replace(await commands.watchSet(product, request));
}

/** Stops watching a product (found by its id: it may have left the catalogue). */
export async function removeWatch(productId: string): Promise<void> {
  replace(await commands.watchRemove(productId));
}

/** Changes one mark of `product`, keeping the others. */
export function changeWatch(product: ProductView, change: Partial<WatchRequest>): Promise<void> {
  return setWatch(product, { ...requestOf(product.id), ...change });
}

/** Starts reading the watches now, then every `REREAD_MS` and whenever the window gets focus. */
export function keepWatchesFresh(): void {
  void loadWatches();
  window.setInterval(() => void loadWatches(), REREAD_MS);
  window.addEventListener("focus", () => void loadWatches());
}

/** The newest alert time of all watches (to see that a background check found a change). */
export function newestAlert(): string {
  return watches.reduce((newest, watch) => (watch.alert && watch.alert.at > newest ? watch.alert.at : newest), "");
}
