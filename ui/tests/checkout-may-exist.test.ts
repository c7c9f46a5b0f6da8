import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CheckoutForm } from "../src/checkout/checkout-form";
import { setLanguage } from "../src/i18n/i18n";
import { takeLookupPrefill } from "../src/lookup/prefill";
import { PRODUCTS } from "./fixtures";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

/** A form whose order the store answered but Mailcart could not save (`orderNo` given), or lost. */
async function placeFailing(orderNo?: string): Promise<CheckoutForm> {
  mockIPC((cmd) => {
    if (cmd === "payment_options") return { alipay: false, wechat: false };
    if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
    if (cmd === "login_status") return { loggedIn: false, email: null, balance: null, balanceCrypto: null };
    if (cmd === "checkout_create") throw { kind: "orderMayExist", message: "not saved", ...(orderNo ? { orderNo } : {}) };
    throw new Error(`unexpected ${cmd}`);
  });
  const form = new CheckoutForm(PRODUCTS[1], () => {}, () => {});
  form.render();
  document.body.append(form.root);
  (byTestId(form.root, "checkout-email")[0] as HTMLInputElement).value = "buyer@example.com";
  (byTestId(form.root, "checkout-submit")[0] as HTMLButtonElement).click();
  await until(() => expect(byTestId(form.root, "checkout-lookup")).toHaveLength(1));
  return form;
}

describe("an order that may exist", () => {
  it("shows the store's order number when the order could not be saved, and hands it to the lookup", async () => {
    const form = await placeFailing("GS2611250007QWER");
    expect(texts(form.root, "checkout-message")[0]).toContain("The store created order GS2611250007QWER");
    (byTestId(form.root, "checkout-lookup")[0] as HTMLButtonElement).click();
    expect(takeLookupPrefill()).toEqual({ email: "buyer@example.com", orderNo: "GS2611250007QWER" });
    form.root.remove();
  });

  it("without a number, says the answer did not arrive and hands the email to the lookup", async () => {
    setLanguage("zh");
    const form = await placeFailing();
    expect(texts(form.root, "checkout-message")[0]).toContain("没有收到商店的回复");
    (byTestId(form.root, "checkout-lookup")[0] as HTMLButtonElement).click();
    expect(takeLookupPrefill()).toEqual({ email: "buyer@example.com", orderNo: null });
    form.root.remove();
  });
});

describe("a saved login that had expired", () => {
  it("says the app logged in again and nothing was bought, and shows the new login", async () => {
    let statusCalls = 0;
    mockIPC((cmd) => {
      if (cmd === "payment_options") return { alipay: false, wechat: false };
      if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
    if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
      if (cmd === "login_status") {
        statusCalls += 1;
        return { loggedIn: true, email: "buyer@example.com", balance: "88.00", balanceCrypto: null };
      }
      if (cmd === "checkout_create") throw { kind: "loggedInAgain", message: "logged in again" };
      throw new Error(`unexpected ${cmd}`);
    });
    const form = new CheckoutForm(PRODUCTS[1], () => {}, () => {});
    form.render();
    document.body.append(form.root);
    await until(() => expect(statusCalls).toBe(1));
    (byTestId(form.root, "checkout-email")[0] as HTMLInputElement).value = "buyer@example.com";
    (byTestId(form.root, "checkout-submit")[0] as HTMLButtonElement).click();
    await until(() => expect(texts(form.root, "checkout-message")[0]).toContain("Nothing was bought: press Pay again."));
    await until(() => expect(statusCalls).toBe(2));
    form.root.remove();
  });
});

/** Found by reading: after a checkout Rust keeps the contact email as the new default, but the UI's
 * copy of the settings was not refreshed, so the next checkout offered the old one. */
describe("the contact email remembered after a checkout", () => {
  it("is what the next checkout form offers", async () => {
    const { setCurrentSettings } = await import("../src/context");
    setCurrentSettings({ language: "en", defaultContactEmail: "old@example.com", defaultCoin: null, gmailstoreUrl: null, emailOrderUrl: null, proxy: null } as never);
    let saved = "old@example.com";
    mockIPC((cmd, args) => {
      if (cmd === "payment_options") return { alipay: false, wechat: false };
      if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
    if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
      if (cmd === "login_status") return { loggedIn: false, email: null, balance: null, balanceCrypto: null };
      if (cmd === "settings_get") return { language: "en", defaultContactEmail: saved, defaultCoin: null, gmailstoreUrl: null, emailOrderUrl: null, proxy: null };
      if (cmd === "checkout_create") {
        saved = (args as { input: { contactEmail: string } }).input.contactEmail;
        return {};
      }
      throw new Error(`unexpected ${cmd}`);
    });
    let placed = 0;
    const form = new CheckoutForm(PRODUCTS[1], () => (placed += 1), () => {});
    form.render();
    document.body.append(form.root);
    expect((byTestId(form.root, "checkout-email")[0] as HTMLInputElement).value).toBe("old@example.com");
    (byTestId(form.root, "checkout-email")[0] as HTMLInputElement).value = "new@example.com";
    (byTestId(form.root, "checkout-submit")[0] as HTMLButtonElement).click();
    await until(() => expect(placed).toBe(1));
    form.root.remove();
    const next = new CheckoutForm(PRODUCTS[1], () => {}, () => {});
    next.render();
    expect((byTestId(next.root, "checkout-email")[0] as HTMLInputElement).value).toBe("new@example.com");
  });
});

/** Seen in a screenshot: after switching to Chinese, the coin picker still named the networks in
 * English (its options were made once). */
describe("the coin picker", () => {
  it("names the networks in the language now shown, and keeps the coin chosen", async () => {
    mockIPC((cmd) => {
      if (cmd === "payment_options") return { alipay: false, wechat: false };
      if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
    if (cmd === "checkout_quote") return { quantity: 1, total: "12.345", problem: null };
      if (cmd === "login_status") return { loggedIn: false, email: null, balance: null, balanceCrypto: null };
      throw new Error(`unexpected ${cmd}`);
    });
    const form = new CheckoutForm(PRODUCTS[1], () => {}, () => {});
    form.render();
    const picker = () => byTestId(form.root, "checkout-coin")[0] as HTMLSelectElement;
    picker().value = "erc20_usdt";
    setLanguage("zh");
    form.render();
    expect(picker().value).toBe("erc20_usdt");
    expect(picker().selectedOptions[0].textContent).toBe("USDT · 以太坊（ERC20）");
  });
});
