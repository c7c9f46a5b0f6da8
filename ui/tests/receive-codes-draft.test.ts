import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { ReceiveCodesPage } from "../src/receive-codes/receive-codes-page";
import { setLanguage } from "../src/i18n/i18n";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

const PLATFORMS = [
  { id: "tw", name: "Twitter", price: "0.12" },
  { id: "dc", name: "Discord", price: "0.30" },
];

/** A connected service with two platforms, and Rust's quote as its double: the total of what the
 *  form sends. */
function mockConnectedService(): void {
  mockIPC((cmd, args) => {
    if (cmd === "receive_codes_quote") {
      const { price, count } = args as { price: string; count: string };
      return { quantity: Number(count), total: (Number(price) * Number(count)).toFixed(2), problem: null };
    }
    if (cmd === "receive_codes_setup_status") return { url: "https://codes.example.com", hasApiKey: true };
    if (cmd === "receive_codes_platforms") return PLATFORMS;
    throw new Error(`unexpected ${cmd}`);
  });
}

/** Found when tried: the count field showed 1 while the confirmation said "Buy 2" (the form was
 * drawn again when the platform list came back, or on confirming, and the typed value was lost). */
describe("the buy form", () => {
  it("keeps what the buyer typed and chose when it is drawn again", async () => {
    mockConnectedService();
    const page = new ReceiveCodesPage();
    document.body.append(page.root);
    await page.show();
    const field = () => byTestId(page.root, "codes-count")[0] as HTMLInputElement;
    const platform = () => byTestId(page.root, "codes-platform")[0] as HTMLSelectElement;
    field().value = "3";
    field().dispatchEvent(new Event("input"));
    platform().value = "dc";
    platform().dispatchEvent(new Event("change"));
    // The platform list comes back again (the page is shown again): the form is drawn anew.
    await page.show();
    expect(field().value).toBe("3");
    expect(platform().value).toBe("dc");
    await until(() => expect(texts(page.root, "codes-total")).toEqual(["Total: 0.90"]));
    (byTestId(page.root, "codes-buy")[0] as HTMLButtonElement).click();
    await until(() => expect(byTestId(page.root, "codes-confirm-box")).toHaveLength(1));
    expect(texts(page.root, "codes-confirm-box")[0]).toContain("Buy 3 emails for Discord");
    expect(field().value).toBe("3");
    page.root.remove();
  });

  it("is not drawn again when shown with the same service and platforms (the confirm button stays under the pointer)", async () => {
    mockConnectedService();
    const page = new ReceiveCodesPage();
    document.body.append(page.root);
    await page.show();
    (byTestId(page.root, "codes-buy")[0] as HTMLButtonElement).click();
    await until(() => expect(byTestId(page.root, "codes-confirm")).toHaveLength(1));
    const yes = byTestId(page.root, "codes-confirm")[0];
    // Shown again (the buyer clicked the tab again; the same answers come back).
    await page.show();
    expect(byTestId(page.root, "codes-confirm")[0]).toBe(yes);
    page.root.remove();
  });
});
