import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CataloguePage } from "../src/catalogue/catalogue-page";
import { ProductDetail } from "../src/catalogue/product-detail";
import { setLanguage } from "../src/i18n/i18n";
import { setCurrentSettings } from "../src/context";
import type { Settings } from "../src/ipc";
import { WatchPage } from "../src/watch/watch-page";
import { allWatches, loadWatches, type Watch, type WatchRequest } from "../src/watch/watches";
import { PRODUCTS } from "./fixtures";
import { byTestId, texts, until } from "./dom-helpers";

const [FRESH, AGED, BULK] = PRODUCTS;
const last = <T>(list: T[]): T | undefined => list[list.length - 1];

/** A stand-in for Rust's watch book: keeps what `watch_set` asks, refuses a mark that is no amount. */
function watchBook(initial: Watch[] = []) {
  let watches = [...initial];
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const handle = (cmd: string, args: Record<string, unknown>): unknown => {
    if (!cmd.startsWith("watch_")) return undefined;
    calls.push({ cmd, args });
    if (cmd === "watch_list") return watches;
    if (cmd === "watch_remove") {
      watches = watches.filter((w) => w.productId !== args.productId);
      return watches;
    }
    const product = args.product as (typeof PRODUCTS)[number];
    const request = args.request as WatchRequest;
    if (request.priceAtMost && !/^\d+(\.\d+)?$/.test(request.priceAtMost)) {
      throw { kind: "invalidInput", field: "priceAtMost", message: `the price mark is not an amount: ${request.priceAtMost}` };
    }
    const others = watches.filter((w) => w.productId !== product.id);
    const empty = !request.favourite && !request.whenBack && !request.priceAtMost;
    const seen = { inStock: !product.soldOut, listed: true, price: product.price, at: "2026-12-05T10:00:00Z" };
    watches = empty ? others : [...others, { productId: product.id, nameZh: product.nameZh, nameEn: product.nameEn, ...request, seen, alert: null }];
    return watches;
  };
  return { handle, calls, set: (next: Watch[]) => (watches = next) };
}

/** The IPC of a catalogue whose product-list calls are counted: `extra`'s answers first (undefined
 *  for none), then the watch book's. */
function countingLists(book: ReturnType<typeof watchBook>, extra: (cmd: string) => unknown = () => undefined): { lists: () => number } {
  let lists = 0;
  mockIPC((cmd, args) => {
    if (cmd === "list_products") {
      lists += 1;
      return PRODUCTS;
    }
    return extra(cmd) ?? book.handle(cmd, args as Record<string, unknown>);
  });
  return { lists: () => lists };
}

function watch(product: (typeof PRODUCTS)[number], extra: Partial<Watch>): Watch {
  return {
    productId: product.id,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    favourite: false,
    whenBack: false,
    priceAtMost: null,
    seen: { inStock: !product.soldOut, listed: true, price: product.price, at: "2026-12-05T10:00:00Z" },
    alert: null,
    ...extra,
  };
}

beforeEach(async () => {
  setLanguage("en");
  setCurrentSettings(null);
  mockIPC(() => []);
  await loadWatches();
});
afterEach(() => clearMocks());

describe("watch controls on the catalogue", () => {
  it("offers the star on every card and “Tell me when it's back” only on a sold-out one, and keeps what was asked", async () => {
    const book = watchBook();
    mockIPC((cmd, args) => (cmd === "list_products" ? PRODUCTS : book.handle(cmd, args as Record<string, unknown>)));
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    expect(byTestId(page.root, "watch-star")).toHaveLength(3);
    expect(byTestId(page.root, "watch-back")).toHaveLength(1);
    const soldOutCard = byTestId(page.root, "product-card").find((c) => c.dataset.productId === BULK.id)!;
    byTestId(soldOutCard, "watch-back")[0].click();
    await until(() => expect(allWatches()).toHaveLength(1));
    expect(last(book.calls)).toEqual({ cmd: "watch_set", args: { product: BULK, request: { favourite: false, whenBack: true, priceAtMost: null } } });
    const back = byTestId(page.root, "watch-back")[0];
    expect(back.getAttribute("aria-pressed")).toBe("true");
    expect(back.textContent).toBe("Watching: you'll be told when it's back");

    // The star keeps the other mark: one request with both.
    byTestId(byTestId(page.root, "product-card")[2], "watch-star")[0].click();
    await until(() => expect(allWatches()[0]?.favourite).toBe(true));
    expect(last(book.calls)?.args.request).toEqual({ favourite: true, whenBack: true, priceAtMost: null });
    expect(byTestId(page.root, "watch-star")[2].getAttribute("aria-pressed")).toBe("true");
  });

  it("shows the last watched change on the card, and a change found in the background brings the store's list again", async () => {
    const book = watchBook([watch(BULK, { whenBack: true })]);
    const store = countingLists(book);
    await loadWatches();
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    expect(byTestId(page.root, "watch-alert")).toHaveLength(0);
    expect(store.lists()).toBe(1);
    book.set([watch(BULK, { whenBack: true, alert: { back: true, priceMet: false, price: "0.07", at: "2026-12-05T10:05:00Z" } })]);
    await loadWatches();
    await until(() => expect(store.lists()).toBe(2));
    await until(() => expect(texts(page.root, "watch-alert")).toHaveLength(1));
    expect(texts(page.root, "watch-alert")[0]).toMatch(/^Back in stock at ¥0\.07 · 2026-12-05 \d\d:05$/);
  });
});

describe("a change found while the buyer is paying", () => {
  it("does not redraw an open checkout (what is typed in the login stays), and the list is asked for again once back", async () => {
    const book = watchBook([watch(BULK, { whenBack: true })]);
    const checkout: Record<string, unknown> = {
      get_product: AGED,
      payment_options: { alipay: false, wechat: false },
      login_status: { loggedIn: false, email: null, balance: null, balanceCrypto: null },
      checkout_quote: { quantity: 1, total: "12.345", problem: null },
    };
    const store = countingLists(book, (cmd) => checkout[cmd]);
    await loadWatches();
    const page = new CataloguePage();
    await until(() => expect(byTestId(page.root, "product-card")).toHaveLength(3));
    byTestId(page.root, "product-open")[1].click();
    await until(() => expect(byTestId(page.root, "buy")).toHaveLength(1));
    await until(() => expect(byTestId(page.root, "detail-loading")).toHaveLength(0));
    byTestId(page.root, "buy")[0].click();
    await until(() => expect(byTestId(page.root, "method-balance_cny")).toHaveLength(1));
    const radio = byTestId(page.root, "method-balance_cny")[0] as HTMLInputElement;
    radio.checked = true;
    radio.dispatchEvent(new Event("change"));
    await until(() => expect(byTestId(page.root, "login-email")).toHaveLength(1));
    // The form has settled (its payment options, login and quote answered) before typing.
    await until(() => expect(texts(page.root, "checkout-total")[0]).toContain("12.345"));
    await new Promise((r) => setTimeout(r, 50));
    (byTestId(page.root, "login-email")[0] as HTMLInputElement).value = "typing@example.com";
    // The page has seen the watches once (a mark changed), then the background check finds a restock.
    book.set([watch(BULK, { whenBack: true, favourite: true })]);
    await loadWatches();
    book.set([watch(BULK, { whenBack: true, favourite: true, alert: { back: true, priceMet: false, price: "0.07", at: "2026-12-05T10:05:00Z" } })]);
    await loadWatches();
    await new Promise((r) => setTimeout(r, 50));
    expect((byTestId(page.root, "login-email")[0] as HTMLInputElement).value).toBe("typing@example.com");
    expect(store.lists()).toBe(1);
    byTestId(page.root, "checkout-cancel")[0].click();
    await until(() => expect(store.lists()).toBe(2));
  });
});

describe("watch controls on a product's detail", () => {
  it("refuses a price mark that is no amount in the buyer's words, then keeps a good one", async () => {
    const book = watchBook();
    mockIPC((cmd, args) => (cmd === "get_product" ? AGED : book.handle(cmd, args as Record<string, unknown>)));
    const detail = new ProductDetail(AGED, () => undefined, () => undefined);
    await until(() => expect(byTestId(detail.root, "detail-loading")).toHaveLength(0));
    const onChange = () => detail.watchesChanged();
    const { onWatchesChange } = await import("../src/watch/watches");
    const stop = onWatchesChange(onChange);
    const input = byTestId(detail.root, "watch-price-input")[0] as HTMLInputElement;
    input.value = "9";
    input.dispatchEvent(new Event("input"));
    // The store's answer about the product redraws the detail: what was typed stays.
    detail.render();
    expect((byTestId(detail.root, "watch-price-input")[0] as HTMLInputElement).value).toBe("9");
    const typed = byTestId(detail.root, "watch-price-input")[0] as HTMLInputElement;
    typed.value = "ten";
    typed.dispatchEvent(new Event("input"));
    byTestId(detail.root, "watch-price")[0].dispatchEvent(new Event("submit", { cancelable: true }));
    await until(() => expect(texts(detail.root, "watch-problem")).toEqual(["Type the most you want to pay per account, e.g. 9.5 (more than 0)."]));
    expect(allWatches()).toHaveLength(0);
    const again = byTestId(detail.root, "watch-price-input")[0] as HTMLInputElement;
    again.value = " 9.5 ";
    again.dispatchEvent(new Event("input"));
    byTestId(detail.root, "watch-price")[0].dispatchEvent(new Event("submit", { cancelable: true }));
    await until(() => expect(texts(detail.root, "watch-price-set")).toEqual(["You'll be told when it is ¥9.5 or less and in stock."]));
    expect(last(book.calls)?.args.request).toEqual({ favourite: false, whenBack: false, priceAtMost: "9.5" });
    expect(byTestId(detail.root, "watch-problem")).toHaveLength(0);
    expect(byTestId(detail.root, "watch-back")).toHaveLength(0);

    setLanguage("zh");
    detail.render();
    expect(texts(detail.root, "watch-price-set")).toEqual(["价格降到 ¥9.5 或更低且有货时会提醒你。"]);
    byTestId(detail.root, "watch-price-remove")[0].click();
    await until(() => expect(allWatches()).toHaveLength(0));
    expect((byTestId(detail.root, "watch-price-input")[0] as HTMLInputElement).value).toBe("");
    stop();
  });
});

describe("the Watch list", () => {
  it("lists each watch with what the store showed last, its marks and last change, and stops watching on request", async () => {
    const book = watchBook([
      watch(BULK, { whenBack: true, favourite: true, alert: { back: true, priceMet: false, price: "0.08", at: "2026-12-05T10:05:00Z" } }),
      watch(FRESH, { priceAtMost: "0.4" }),
      watch(AGED, { favourite: true, seen: { inStock: false, listed: false, price: "12.345", at: "2026-12-05T10:00:00Z" } }),
    ]);
    mockIPC((cmd, args) => book.handle(cmd, args as Record<string, unknown>));
    const page = new WatchPage();
    await page.show();
    await until(() => expect(byTestId(page.root, "watch-row")).toHaveLength(3));
    expect(texts(page.root, "watch-name")).toEqual(["Bulk Gmail (from 100)", "Google Workspace / Education Email", "Aged Gmail (registered 2019)"]);
    expect(texts(page.root, "watch-state")[0]).toMatch(/^Sold out, last price ¥0\.08 \(2026-12-05 \d\d:00\)$/);
    expect(texts(page.root, "watch-state")[1]).toMatch(/^In stock at ¥0\.5 /);
    expect(texts(page.root, "watch-state")[2]).toMatch(/^Not in the store's list at /);
    expect(texts(page.root, "watch-marks")).toEqual(["★ Favourite · Tell me when it's back", "Price at most ¥0.4", "★ Favourite"]);
    expect(texts(page.root, "watch-alert")).toHaveLength(1);
    expect(byTestId(page.root, "watch-paused")).toHaveLength(0);

    byTestId(page.root, "watch-remove")[1].click();
    await until(() => expect(byTestId(page.root, "watch-row")).toHaveLength(2));
    expect(last(book.calls)).toEqual({ cmd: "watch_remove", args: { productId: FRESH.id } });

    setCurrentSettings({ watchPaused: true } as Settings);
    setLanguage("zh");
    page.render();
    expect(texts(page.root, "watch-paused")).toEqual(["已在设置中暂停检查：你的关注都保留着，但暂不检查。"]);
    expect(texts(page.root, "watch-marks")[0]).toBe("★ 收藏 · 补货提醒");
  });

  it("says how to start when nothing is watched", async () => {
    mockIPC((cmd, args) => watchBook().handle(cmd, args as Record<string, unknown>));
    const page = new WatchPage();
    await page.show();
    expect(texts(page.root, "watch-empty")).toHaveLength(1);
  });
});
