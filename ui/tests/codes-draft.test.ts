import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CodesPage } from "../src/codes/codes-page";
import { setLanguage } from "../src/i18n/i18n";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

const PLATFORMS = [
  { id: "tw", name: "Twitter", price: "0.12" },
  { id: "dc", name: "Discord", price: "0.30" },
];

/** Found when tried: the count field showed 1 while the confirmation said "Buy 2" (the form was
 * drawn again when the platform list came back, or on confirming, and the typed value was lost). */
describe("the buy form", () => {
  it("keeps what the buyer typed and chose when it is drawn again", async () => {
    mockIPC((cmd) => {
      if (cmd === "email_order_setup_status") return { url: "https://codes.example.com", hasApiKey: true };
      if (cmd === "email_order_platforms") return PLATFORMS;
      throw new Error(`unexpected ${cmd}`);
    });
    const page = new CodesPage();
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
    expect(texts(page.root, "codes-total")).toEqual(["Total: 0.90"]);
    (byTestId(page.root, "codes-buy")[0] as HTMLButtonElement).click();
    await until(() => expect(byTestId(page.root, "codes-confirm-box")).toHaveLength(1));
    expect(texts(page.root, "codes-confirm-box")[0]).toContain("Buy 3 emails for Discord");
    expect(field().value).toBe("3");
    page.root.remove();
  });
});
