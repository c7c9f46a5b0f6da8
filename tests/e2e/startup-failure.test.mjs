// A start that cannot open the data: the order history was saved by a newer Mailcart. The buyer
// must see a native message box in their language that says so and where the log is, the app must
// exit cleanly (status 1, no crash) once it is closed, and the newer database must be untouched.
// No WebDriver here: there is no web page to drive, only the message box, found with xdotool.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ARTIFACTS, ROOT, startProcess, until } from "./harness.mjs";

const APP = join(ROOT, "target/debug/mailcart");

/** A data folder whose database says it was written by schema version 999; `language` is the
 *  one chosen in its settings, if any. */
function dataFolderFromTheFuture(name, language) {
  const home = join(ROOT, "target/e2e-data", name);
  rmSync(home, { recursive: true, force: true });
  const appData = join(home, "data", "app.mailcart.desktop");
  mkdirSync(appData, { recursive: true });
  for (const sub of ["cache", "config"]) mkdirSync(join(home, sub), { recursive: true });
  const database = join(appData, "mailcart.db");
  const made = spawnSync("python3", ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE later(x)'); c.execute('PRAGMA user_version=999'); c.commit()", database]);
  assert.equal(made.status, 0, String(made.stderr));
  if (language) writeFileSync(join(appData, "settings.json"), JSON.stringify({ settings: { language } }));
  return { home, appData, database };
}

function userVersion(database) {
  const read = spawnSync("python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])", database], { encoding: "utf8" });
  return Number(read.stdout.trim());
}

// xdotool matches UTF-8 titles only in a UTF-8 locale; C.UTF-8 is the one every machine has.
const XDOTOOL_ENV = { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

function windowsNamed(title) {
  const found = spawnSync("xdotool", ["search", "--name", `^${title}$`], { encoding: "utf8", env: XDOTOOL_ENV });
  return found.stdout.split("\n").filter(Boolean);
}

async function startAgainstNewerDatabase(name, lang, language) {
  const folder = dataFolderFromTheFuture(name, language);
  const env = { ...process.env, LANG: lang, XDG_DATA_HOME: join(folder.home, "data"), XDG_CACHE_HOME: join(folder.home, "cache"), XDG_CONFIG_HOME: join(folder.home, "config") };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const app = startProcess(APP, [], env);
  const exited = new Promise((resolve) => app.child.on("exit", (code, signal) => resolve({ code, signal })));
  return { folder, app, exited };
}

async function closeDialog(windowId) {
  // No window manager under Xvfb: give the box the keyboard, then press its default button.
  spawnSync("xdotool", ["windowfocus", "--sync", windowId], { env: XDOTOOL_ENV });
  spawnSync("xdotool", ["key", "--window", windowId, "Return"], { env: XDOTOOL_ENV });
}

describe("a start that cannot open the data", () => {
  // English from the system's language; Chinese as chosen in the settings (this machine has no
  // Chinese C locale, and GTK needs a locale the C library knows to set a UTF-8 window title).
  for (const { name, lang, language, title, says } of [
    { name: "en", lang: "en_US.UTF-8", title: "Mailcart could not start", says: "saved by a newer version of Mailcart (data version 999" },
    { name: "zh", lang: "C.UTF-8", language: "zh", title: "Mailcart 无法启动", says: "较新版本的 Mailcart 保存的（数据版本 999" },
  ]) {
    it(`shows a message box that says why (${name}), then exits cleanly and changes nothing`, async () => {
      const { folder, app, exited } = await startAgainstNewerDatabase(`startup-failure-${name}`, lang, language);
      try {
        const [windowId] = await until(() => {
          const found = windowsNamed(title);
          return found.length ? found : null;
        }, { what: `a window titled "${title}"`, timeoutMs: 30_000 });
        assert.ok(app.output().includes(says), `the message says why:\n${app.output()}`);
        assert.ok(app.output().includes(join(folder.appData, "logs", "mailcart.log")), "the message names the log");
        assert.equal(app.child.exitCode, null, "the app waits while the message is shown");
        mkdirSync(ARTIFACTS, { recursive: true });
        spawnSync("import", ["-window", "root", join(ARTIFACTS, `startup-failure-${name}.png`)]);

        await closeDialog(windowId);
        const { code, signal } = await Promise.race([exited, new Promise((r) => setTimeout(() => r({ code: "still running" }), 15_000))]);
        assert.deepEqual({ code, signal }, { code: 1, signal: null }, "a clean exit with status 1");
      } finally {
        app.child.kill("SIGKILL");
      }
      assert.equal(userVersion(folder.database), 999, "the newer database was not rewritten");
      assert.deepEqual(readdirSync(folder.appData).filter((f) => f.startsWith("mailcart.db")).sort(), ["mailcart.db"], "nothing set aside or added");
      if (language) assert.deepEqual(JSON.parse(readFileSync(join(folder.appData, "settings.json"), "utf8")), { settings: { language } }, "settings untouched");
    });
  }
});
