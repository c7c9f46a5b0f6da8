import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { BackupSection, summaryText } from "../src/settings/backup-section";
import { setLanguage } from "../src/i18n/i18n";
import { byTestId, texts, until } from "./dom-helpers";

beforeEach(() => setLanguage("en"));
afterEach(() => clearMocks());

const submit = (section: BackupSection, testid: string) => byTestId(section.root, testid)[0].closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
const type = (section: BackupSection, testid: string, text: string) => ((byTestId(section.root, testid)[0] as HTMLInputElement).value = text);

describe("backup and restore", () => {
  it("refuses two different passphrases before anything is written, then backs up with the secrets only when ticked", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { path: "/home/b/mailcart-backup-2026-12-05.mcbackup", leftOut: 0 };
    });
    const section = new BackupSection();
    section.render();
    type(section, "backup-passphrase", "one passphrase");
    type(section, "backup-repeat", "another passphrase");
    submit(section, "backup-create");
    await until(() => expect(texts(section.root, "backup-said")).toEqual(["The two passphrases differ."]));
    expect(calls).toEqual([]);
    type(section, "backup-passphrase", "one passphrase");
    type(section, "backup-repeat", "one passphrase");
    submit(section, "backup-create");
    await until(() => expect(texts(section.root, "backup-said")[0]).toMatch(/^Backup saved to \/home\/b\/mailcart-backup-2026-12-05\.mcbackup\./));
    expect(calls).toEqual([["backup_create", { passphrase: "one passphrase", withSecrets: false }]]);
    // Said again in the other language when the buyer switches.
    setLanguage("zh");
    section.render();
    expect(texts(section.root, "backup-said")[0]).toMatch(/^备份已保存到 \/home\/b\/mailcart-backup-2026-12-05\.mcbackup。/);
  });

  it("says how many values it left out when this computer could no longer open some, in both languages", async () => {
    mockIPC(() => ({ path: "/home/b/b.mcbackup", leftOut: 2 }));
    const section = new BackupSection();
    section.render();
    type(section, "backup-passphrase", "one passphrase");
    type(section, "backup-repeat", "one passphrase");
    submit(section, "backup-create");
    await until(() => expect(texts(section.root, "backup-said")[0]).toMatch(/^Backup saved to \/home\/b\/b\.mcbackup\. .* Left out: saved data this computer can no longer open, .*\(2 in all: .*\)\. Everything else is in the backup\.$/));
    setLanguage("zh");
    section.render();
    expect(texts(section.root, "backup-said")[0]).toMatch(/^备份已保存到 \/home\/b\/b\.mcbackup。.*未放入备份：本机已无法打开的已保存数据.*共 2 项.*其余内容均已备份。$/);
  });

  it("says what a file holds before merging, and each refusal in the buyer's language", async () => {
    let answer: unknown = { madeAt: "2026-12-05T10:00:00Z", orders: 3, items: 40, firstOrderAt: "2026-01-02T08:00:00Z", lastOrderAt: "2026-12-01T09:30:00Z", hasSecrets: true, settingsToTake: [] };
    mockIPC((cmd) => {
      if (cmd === "backup_open") {
        if (answer instanceof Error) throw { kind: "backupDamaged", message: "cut short" };
        return answer;
      }
      if (cmd === "backup_restore") return { orders: { added: 2, updated: 1, unchanged: 0, itemsAdded: 5 }, settingsTaken: [], settingsNotSaved: false };
      return null;
    });
    const section = new BackupSection();
    section.render();
    type(section, "restore-passphrase", "one passphrase");
    submit(section, "restore-open");
    await until(() => expect(byTestId(section.root, "restore-summary")).toHaveLength(1));
    expect(texts(section.root, "restore-summary")[0]).toContain("3 orders with 40 delivered items");
    expect(texts(section.root, "restore-summary")[0]).toContain("It also holds saved logins and API keys.");
    expect(byTestId(section.root, "restore-settings-to-take")).toHaveLength(0);
    byTestId(section.root, "restore-merge")[0].click();
    await until(() => expect(texts(section.root, "restore-merged")).toEqual(["Restored: 2 orders added, 1 updated, 0 already here (5 items added)."]));
    expect(byTestId(section.root, "restore-settings")).toHaveLength(0);

    answer = new Error();
    setLanguage("zh");
    submit(section, "restore-open");
    await until(() => expect(texts(section.root, "restore-said")).toEqual(["此备份文件不完整或已损坏，未做任何更改；请换一份副本再试。"]));
    expect(byTestId(section.root, "restore-summary")).toHaveLength(0);
  });

  it("names the settings the backup gave this computer and has the page take them; says when they could not be saved", async () => {
    let report = { orders: { added: 1, updated: 0, unchanged: 0, itemsAdded: 0 }, settingsTaken: ["emailOrderUrl", "autoCopyCode", "watchPaused"], settingsNotSaved: false };
    mockIPC((cmd) => {
      if (cmd === "backup_open") return { madeAt: "2026-12-05T10:00:00Z", orders: 1, items: 0, firstOrderAt: null, lastOrderAt: null, hasSecrets: false, settingsToTake: report.settingsTaken };
      if (cmd === "backup_restore") return report;
      return null;
    });
    let taken = 0;
    const said: string[] = [];
    const section = new BackupSection(() => (taken += 1));
    const restore = async () => {
      section.render();
      submit(section, "restore-open");
      await until(() => expect(byTestId(section.root, "restore-merge")).toHaveLength(1));
      said.push(...texts(section.root, "restore-settings-to-take"));
      byTestId(section.root, "restore-merge")[0].click();
      await until(() => expect(byTestId(section.root, "restore-merged")).toHaveLength(1));
    };
    await restore();
    expect(texts(section.root, "restore-settings")).toEqual([
      "Settings this computer had not set were taken from the backup: Receive-code email service address; Copy the newest code to the clipboard when it arrives; Watch checks paused.",
    ]);
    expect(said).toEqual([
      "It also holds settings this computer has not set, which the merge will take: Receive-code email service address; Copy the newest code to the clipboard when it arrives; Watch checks paused. Settings set here stay as they are.",
    ]);
    expect(taken).toBe(1);
    setLanguage("zh");
    section.render();
    expect(texts(section.root, "restore-settings")).toEqual(["本机尚未设置的以下设置已从备份中取用：接码邮箱服务地址；收到新验证码时自动复制到剪贴板；暂停关注商品的检查。"]);

    setLanguage("en");
    report = { ...report, settingsTaken: [], settingsNotSaved: true };
    await restore();
    expect(texts(section.root, "restore-settings")).toEqual(["The backup's settings could not be saved on this computer (your orders are restored). Set them again on this page."]);
    expect(byTestId(section.root, "restore-settings")[0].getAttribute("role")).toBe("alert");
    expect(taken).toBe(1);
  });

  it("words the summary with dates in the buyer's language", () => {
    setLanguage("zh");
    expect(summaryText({ madeAt: "2026-12-05T10:00:00Z", orders: 1, items: 2, firstOrderAt: null, lastOrderAt: null, hasSecrets: false, settingsToTake: [] })).toMatch(/^制作于 2026-12-05 \d\d:00：1 个订单，2 个已交付项目，时间从 — 到 —。$/);
  });
});
