import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CodeOrderScreen, CODES_POLL_MS, expiryMs } from "../src/receive-codes/code-order-screen";
import { setLanguage } from "../src/i18n/i18n";
import type { CodeOrderView } from "../src/ipc";
import { byTestId, until } from "./dom-helpers";

function waitingView(): CodeOrderView {
  return {
    order: {
      summary: { id: 4, store: "emailOrder", orderNo: "E1", productName: "Twitter", quantity: 1, total: null, currency: null, status: "awaitingPayment", finished: false, contactEmail: null, itemCount: 1, createdAt: "" },
      storeOrderId: null, productId: null, unitPrice: null, minQuantity: null, paymentMethod: null, coin: null, payAddress: null, payAmount: null, network: null,
      expiresAt: null, hasPayUrl: false, events: [], items: [], unreadableItems: 0,
    },
    items: [{ position: 0, email: "t0@mailbox.example", status: "Waiting", text: null, code: null, expireTime: null, waiting: true }],
    waiting: true,
  } as unknown as CodeOrderView;
}

beforeEach(() => setLanguage("en"));
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("a receive-code order whose key is refused", () => {
  it("stops checking after the refusal, says so, and sends the key again only when the user tries again", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls: { tryKeyAgain: boolean }[] = [];
    let refuse = false;
    mockIPC((cmd, args) => {
      if (cmd !== "receive_codes_refresh") throw new Error(`unexpected ${cmd}`);
      calls.push({ tryKeyAgain: (args as { tryKeyAgain: boolean }).tryKeyAgain });
      if (refuse) throw { kind: "unauthorized", message: "the API key was refused" };
      return waitingView();
    });
    const screen = new CodeOrderScreen(waitingView(), () => {}, () => {});
    await until(() => expect(calls).toHaveLength(1));
    refuse = true;
    await vi.advanceTimersByTimeAsync(CODES_POLL_MS);
    await until(() => expect(byTestId(screen.root, "codes-key-held")).toHaveLength(1));
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(CODES_POLL_MS * 5);
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(CODES_POLL_MS);
    expect(calls).toHaveLength(2);

    refuse = false;
    (byTestId(screen.root, "codes-try-again")[0] as HTMLButtonElement).click();
    await until(() => expect(byTestId(screen.root, "codes-key-held")).toHaveLength(0));
    expect(calls[2]).toEqual({ tryKeyAgain: true });
    await vi.advanceTimersByTimeAsync(CODES_POLL_MS);
    expect(calls).toHaveLength(4);
    expect(calls[3]).toEqual({ tryKeyAgain: false });
    screen.close();
  });
});

describe("an expiry time the window cannot read", () => {
  it("shows no countdown for it and keeps checking", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const unreadable = () => {
      const view = waitingView();
      view.items = [{ ...view.items[0], expireTime: "soon, around 18:35" }];
      return view;
    };
    let calls = 0;
    mockIPC((cmd) => {
      if (cmd !== "receive_codes_refresh") throw new Error(`unexpected ${cmd}`);
      calls += 1;
      return unreadable();
    });
    const screen = new CodeOrderScreen(unreadable(), () => {}, () => {});
    await until(() => expect(calls).toBe(1));
    await vi.advanceTimersByTimeAsync(CODES_POLL_MS);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(byTestId(screen.root, "code-expires")[0].textContent).toBe("—");
    screen.close();
  });

  it("reads the service's `YYYY-MM-DD HH:MM:SS` as a local time", () => {
    expect(expiryMs("2026-12-05 18:35:09")).toBe(new Date(2026, 11, 5, 18, 35, 9).getTime());
    expect(expiryMs("2026-12-05T18:35:09Z")).toBe(Date.UTC(2026, 11, 5, 18, 35, 9));
    expect(Number.isNaN(expiryMs(null))).toBe(true);
  });
});
