import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { announceArrival, autoCopiedLine } from "../src/receive-codes/arrival";
import { CodeOrderScreen } from "../src/receive-codes/code-order-screen";
import { setLanguage } from "../src/i18n/i18n";
import type { CodeItemView, CodeOrderView, Settings } from "../src/ipc";
import { byTestId, texts, until } from "./dom-helpers";

const SETTINGS: Settings = { language: "en", defaultContactEmail: null, defaultCoin: null, gmailstoreUrl: null, emailOrderUrl: null, proxy: null, autoCopyCode: false, codeSound: false, watchPaused: false, guideSeen: false };

function item(position: number, fields: Partial<CodeItemView>): CodeItemView {
  return { position, email: `e${position}@mailbox.example`, status: "CodeReceived", text: null, code: null, expireTime: null, waiting: false, receivedAt: null, sameCodeAsBefore: false, price: null, ...fields };
}

function view(items: CodeItemView[], arrived: number[], extra: Partial<CodeOrderView> = {}): CodeOrderView {
  return {
    order: {
      summary: { id: 7, store: "emailOrder", orderNo: "E7", productName: "Twitter", quantity: items.length, total: null, currency: null, status: "inProgress", finished: false, contactEmail: null, itemCount: items.length, createdAt: "" },
      storeOrderId: null, productId: "p-twitter", unitPrice: "0.12", paymentMethod: null, coin: null, payAddress: null, payAmount: null, network: null,
      expiresAt: null, hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    },
    items,
    waiting: false,
    chargedTotal: null,
    usedTotal: null,
    arrived,
    autoCopied: null,
    ...extra,
  } as CodeOrderView;
}

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

describe("a code that arrives", () => {
  const arrived = view([item(0, { text: "code 111111", code: "111111", receivedAt: "2026-12-05T10:00:05Z" })], [0]);

  it("chimes only when switched on and something came", () => {
    let chimes = 0;
    const chime = () => (chimes += 1);
    announceArrival(arrived, SETTINGS, chime);
    announceArrival(view(arrived.items, []), { ...SETTINGS, codeSound: true }, chime);
    expect(chimes).toBe(0);
    announceArrival(arrived, { ...SETTINGS, codeSound: true }, chime);
    expect(chimes).toBe(1);
  });

  it("says what Rust copied, or that it could not, in the buyer's language", () => {
    expect(announceArrival(arrived, SETTINGS, () => {})).toBeNull();
    const copied = announceArrival({ ...arrived, autoCopied: { code: "111111", copied: true } }, SETTINGS, () => {});
    expect(copied && autoCopiedLine(copied)).toBe("The new code 111111 was copied to the clipboard (Settings → Receive-code emails).");
    setLanguage("zh");
    expect(autoCopiedLine({ code: "111111", copied: false })).toBe("新验证码 111111 已收到，但 Mailcart 无法将它复制到剪贴板。");
  });
});

describe("the order screen", () => {
  it("marks a code sent again, shows when each came and what an unused email was charged", async () => {
    const shown = view(
      [
        item(0, { text: "Your code is 482913", code: "482913", receivedAt: "2026-12-05T10:00:05Z", sameCodeAsBefore: true, price: "0.12" }),
        item(1, { email: "b****@mailbox.example", status: "Released", price: "0.00" }),
        item(2, { email: "c****@mailbox.example", status: "Expired", price: "0.12" }),
        item(3, { email: "d****@mailbox.example", status: "Expired" }),
      ],
      [],
      { chargedTotal: "0.24", usedTotal: "0.12" },
    );
    mockIPC(() => shown);
    const screen = new CodeOrderScreen(shown, () => {}, () => {});
    screen.render();
    expect(byTestId(screen.root, "code-same-as-before")).toHaveLength(1);
    expect(byTestId(screen.root, "code-arrived-at")[0].textContent).toMatch(/^arrived 2026-12-05 \d\d:00$/);
    expect(texts(screen.root, "code-charged")).toEqual(["not charged", "charged 0.12"]);
    expect(texts(screen.root, "codes-totals")).toEqual(["Charged for this order: 0.24 · for emails that received a message: 0.12"]);
    screen.close();
  });

  it("offers Buy again with the order's platform and count", async () => {
    const shown = view([item(0, {}), item(1, {})], []);
    mockIPC(() => shown);
    let asked: [string, number] | null = null;
    const screen = new CodeOrderScreen(shown, () => {}, (platform, count) => (asked = [platform, count]));
    await until(() => expect(byTestId(screen.root, "codes-buy-again")).toHaveLength(1));
    byTestId(screen.root, "codes-buy-again")[0].click();
    expect(asked).toEqual(["p-twitter", 2]);
  });
});
