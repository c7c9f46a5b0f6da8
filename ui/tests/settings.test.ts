import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { SettingsPage } from "../src/settings/settings-page";
import { saveChoice } from "../src/settings/save-choice";
import { setLanguage } from "../src/i18n/i18n";
import type { Settings, VaultStatus } from "../src/ipc";
import { byTestId, texts, until } from "./dom-helpers";

const SETTINGS: Settings = { language: "system", defaultContactEmail: null, defaultCoin: "trc20_usdt", gmailstoreUrl: null, emailOrderUrl: null, proxy: null, autoCopyCode: false, codeSound: false, watchPaused: false, guideSeen: false };
const VAULT: VaultStatus = { unlocked: true, protection: "passphrase", hasRecoveryPassphrase: true, problem: null };

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

/** A Settings page shown over a mock that keeps what is saved. */
async function savingPage(): Promise<{ page: SettingsPage; saved: () => Settings | null }> {
  let saved: Settings | null = null;
  mockIPC((cmd, args) => {
    if (cmd === "settings_get") return SETTINGS;
    if (cmd === "settings_save") return (saved = (args as { settings: Settings }).settings);
    return null;
  });
  const page = new SettingsPage(VAULT, () => {}, () => {});
  await page.show();
  return { page, saved: () => saved };
}

async function saveForm(page: SettingsPage): Promise<void> {
  byTestId(page.root, "settings-save")[0].closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
  await until(() => expect(byTestId(page.root, "settings-saved")).toHaveLength(1));
}

describe("settings page", () => {
  it("shows the protection in use and saves what was typed", async () => {
    const { page, saved } = await savingPage();
    expect(texts(page.root, "vault-protection")).toEqual(["Protected by your passphrase (asked at each start)"]);
    expect((byTestId(page.root, "settings-coin")[0] as HTMLSelectElement).value).toBe("trc20_usdt");
    (byTestId(page.root, "settings-defaultContactEmail")[0] as HTMLInputElement).value = "buyer@example.com";
    await saveForm(page);
    expect(saved()).toEqual({ ...SETTINGS, defaultContactEmail: "buyer@example.com" });
  });

  it("keeps the language chosen in the header, so saving the page does not switch it back", async () => {
    const { page, saved } = await savingPage();
    page.languageChosen("zh");
    expect((byTestId(page.root, "settings-language")[0] as HTMLSelectElement).value).toBe("zh");
    await saveForm(page);
    expect(saved()).toEqual({ ...SETTINGS, language: "zh" });
  });

  it("shows the code switches off by default and saves them as ticked", async () => {
    const { page, saved } = await savingPage();
    const autoCopy = byTestId(page.root, "settings-autoCopyCode")[0] as HTMLInputElement;
    const sound = byTestId(page.root, "settings-codeSound")[0] as HTMLInputElement;
    expect([autoCopy.checked, sound.checked]).toEqual([false, false]);
    autoCopy.checked = true;
    await saveForm(page);
    expect(saved()).toEqual({ ...SETTINGS, autoCopyCode: true, codeSound: false });
    expect((byTestId(page.root, "settings-autoCopyCode")[0] as HTMLInputElement).checked).toBe(true);
  });

  it("shows the watch checks on by default, saves “off” as paused, and keeps settings the form does not show", async () => {
    let saved: Settings | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") return { ...SETTINGS, guideSeen: true };
      if (cmd === "settings_save") return (saved = (args as { settings: Settings }).settings);
      return null;
    });
    const page = new SettingsPage(VAULT, () => {}, () => {});
    await page.show();
    const checks = byTestId(page.root, "settings-watchChecks")[0] as HTMLInputElement;
    expect(checks.checked).toBe(true);
    checks.checked = false;
    await saveForm(page);
    expect(saved).toEqual({ ...SETTINGS, guideSeen: true, watchPaused: true });
  });

  it("puts a refused value's message beside its field and keeps what was typed", async () => {
    mockIPC((cmd) => {
      if (cmd === "settings_get") return SETTINGS;
      throw { kind: "invalidInput", message: "proxy: only http, https, socks5 and socks5h proxies are supported", field: "proxy" };
    });
    const page = new SettingsPage(VAULT, () => {}, () => {});
    await page.show();
    (byTestId(page.root, "settings-proxy")[0] as HTMLInputElement).value = "ftp://proxy:21";
    byTestId(page.root, "settings-save")[0].closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await until(() => expect(byTestId(page.root, "settings-field-error")).toHaveLength(1));
    const error = byTestId(page.root, "settings-field-error")[0];
    expect(error.closest("label")!.querySelector("input")!.dataset.testid).toBe("settings-proxy");
    expect(error.textContent).toContain("Please check what you typed.");
    expect((byTestId(page.root, "settings-proxy")[0] as HTMLInputElement).value).toBe("ftp://proxy:21");
    // Switching the language says it again in the other one.
    setLanguage("zh");
    page.render();
    expect(byTestId(page.root, "settings-field-error")[0].textContent).toContain("请检查您输入的内容。");
  });
});

describe("a refused value in Chinese", () => {
  it("says what each field accepts in Chinese, not the check's English detail", async () => {
    setLanguage("zh");
    const refusals: Record<string, string> = {
      proxy: "proxy: only http, https, socks5 and socks5h proxies are supported",
      gmailstoreUrl: "gmailstoreUrl: the address must use https",
      emailOrderUrl: "emailOrderUrl: not a valid address",
      defaultContactEmail: "defaultContactEmail: not an email address",
    };
    for (const [field, message] of Object.entries(refusals)) {
      mockIPC((cmd) => {
        if (cmd === "settings_get") return SETTINGS;
        throw { kind: "invalidInput", message, field };
      });
      const page = new SettingsPage(VAULT, () => {}, () => {});
      await page.show();
      byTestId(page.root, "settings-save")[0].closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
      await until(() => expect(byTestId(page.root, "settings-field-error")).toHaveLength(1));
      const text = byTestId(page.root, "settings-field-error")[0].textContent!;
      expect(text).toContain("请检查您输入的内容。");
      expect(text, field).not.toMatch(/[a-z]{3,} [a-z]{3,}/);
      expect(text, field).toMatch(/[\u4e00-\u9fff].*[\u4e00-\u9fff].*[\u4e00-\u9fff]/s);
      clearMocks();
    }
  });
});

describe("a choice made outside the form (the header's language, the guide closed)", () => {
  it("is saved over the settings as they are now, keeping what Mailcart saved since the start", async () => {
    // Since the window read its settings, a checkout remembered the contact email and the
    // receive-code service was connected (both saved by Mailcart itself).
    const now: Settings = { ...SETTINGS, defaultContactEmail: "buyer@example.com", emailOrderUrl: "https://codes.example.com" };
    let saved: Settings | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") return now;
      if (cmd === "settings_save") return (saved = (args as { settings: Settings }).settings);
      return null;
    });
    const result = await saveChoice({ language: "zh" });
    expect(saved).toEqual({ ...now, language: "zh" });
    expect(result).toEqual({ ...now, language: "zh" });
    await saveChoice({ guideSeen: true });
    expect(saved).toEqual({ ...now, guideSeen: true });
  });
});
