import { beforeEach, describe, expect, it } from "vitest";
import { FirstRunGuide } from "../src/first-run/guide";
import { setLanguage } from "../src/i18n/i18n";
import type { AppInfo } from "../src/ipc";
import { byTestId, texts } from "./dom-helpers";

const info = (demo: boolean, problem: AppInfo["vault"]["problem"]): AppInfo => ({
  version: "1.0.0",
  systemLanguage: "en",
  gmailstoreUrl: "https://getgmailstore.com/api",
  notices: [],
  vault: { unlocked: problem === null, protection: problem === null ? "keychain" : null, hasRecoveryPassphrase: false, problem },
  unfinishedOrders: 0,
  demo,
});

beforeEach(() => setLanguage("en"));

describe("first-run guide", () => {
  it("is shown until closed, says what a passphrase means without a keychain, and comes back on request", () => {
    let closed = 0;
    let settingsOpened = 0;
    const guide = new FirstRunGuide(info(false, "noKeychain"), false, () => (closed += 1), () => (settingsOpened += 1));
    guide.render();
    expect(guide.root.hidden).toBe(false);
    expect(byTestId(guide.root, "guide-part")).toHaveLength(4);
    const text = guide.root.textContent ?? "";
    expect(text).toContain("GmailStore sells ready-made email accounts");
    expect(text).toContain("Nobody can recover it for you");
    expect(text).toContain("npm run demo");
    byTestId(guide.root, "guide-settings")[0].click();
    expect(settingsOpened).toBe(1);
    byTestId(guide.root, "guide-close")[0].click();
    expect(guide.root.hidden).toBe(true);
    expect(closed).toBe(1);
    guide.open();
    expect(guide.root.hidden).toBe(false);

    setLanguage("zh");
    guide.render();
    expect(texts(guide.root, "guide-close")).toEqual(["开始购物"]);
    expect(guide.root.textContent).toContain("没有人能帮你找回它");
  });

  it("stays closed once seen, and in the demo says how to buy there without money", () => {
    const seen = new FirstRunGuide(info(false, null), true, () => undefined, () => undefined);
    seen.render();
    expect(seen.root.hidden).toBe(true);
    const demo = new FirstRunGuide(info(true, null), false, () => undefined, () => undefined);
    demo.render();
    const text = demo.root.textContent ?? "";
    expect(text).toContain("buyer@example.com / correct-password");
    expect(text).toContain("the key is in the system keychain".replace("the key", "The key"));
    expect(text).not.toContain("Nobody can recover it");
  });
});
