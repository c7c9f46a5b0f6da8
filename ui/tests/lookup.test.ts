import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { LookupPage } from "../src/lookup/lookup-page";
import { setLanguage } from "../src/i18n/i18n";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

const submit = (page: LookupPage) => byTestId(page.root, "lookup-submit")[0].closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
const type = (page: LookupPage, testid: string, text: string) => ((byTestId(page.root, testid)[0] as HTMLInputElement).value = text);

describe("the order lookup", () => {
  it("asks for both fields before any call, in the buyer's language (the store was blamed for it)", async () => {
    let calls = 0;
    mockIPC(() => {
      calls += 1;
      return null;
    });
    const page = new LookupPage(() => {});
    page.render();
    type(page, "lookup-order-no", "GS1");
    submit(page);
    await until(() => expect(texts(page.root, "lookup-error")).toEqual(["Enter both the order number and the contact email."]));
    setLanguage("zh");
    page.render();
    expect(texts(page.root, "lookup-error")).toEqual(["请同时填写订单号和联系邮箱。"]);
    expect(calls).toBe(0);
  });

  it("sends one lookup for a double click: each counts against the store's few a minute", async () => {
    let calls = 0;
    let answer: (value: unknown) => void = () => {};
    mockIPC((cmd) => {
      if (cmd !== "lookup_order") return null;
      calls += 1;
      return new Promise((resolve) => (answer = resolve));
    });
    const page = new LookupPage(() => {});
    page.render();
    type(page, "lookup-order-no", "GS1");
    type(page, "lookup-email", "b@example.com");
    submit(page);
    submit(page);
    await until(() => expect(calls).toBe(1));
    expect((byTestId(page.root, "lookup-submit")[0] as HTMLButtonElement).disabled).toBe(true);
    answer(null);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
  });
});
