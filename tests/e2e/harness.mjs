// Starts what an end-to-end run needs: the store double and tauri-driver, each on a free loopback
// port, with the app's data in a fresh folder under target/. Stops them when the tests end.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const APP = join(ROOT, "target/debug/mailcart");
const DOUBLE = join(ROOT, "target/debug/mailcart-store-double");
const TAURI_DRIVER = join(ROOT, "target/tools/bin/tauri-driver");
export const ARTIFACTS = join(ROOT, "target/e2e-artifacts");

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws the last error). */
export async function until(check, { timeoutMs = 15_000, intervalMs = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ""}`);
}

export function startProcess(command, args, env) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

export class Harness {
  /** `name` keeps each test file's app data apart (under target/e2e-data/<name>); `env` adds
   *  variables to the app's environment (the app inherits tauri-driver's). */
  static async start(name = "default", { env = {} } = {}) {
    const harness = new Harness();
    await harness.#start(name, env);
    return harness;
  }

  async #start(name, extraEnv) {
    const dataDir = join(ROOT, "target/e2e-data", name);
    this.xdgDataHome = join(dataDir, "data");
    /** Where the app keeps its database, settings and log. */
    this.appDataDir = join(this.xdgDataHome, "app.mailcart.desktop");
    rmSync(dataDir, { recursive: true, force: true });
    this.clearNotifications();
    for (const sub of ["data", "cache", "config"]) mkdirSync(join(dataDir, sub), { recursive: true });
    mkdirSync(ARTIFACTS, { recursive: true });

    this.double = startProcess(DOUBLE, ["--port", "0"], process.env);
    const line = await until(() => this.double.output().match(/^MAILCART_STORE_DOUBLE_URL=(\S+)$/m), {
      what: "the store double to listen",
    });
    this.storeUrl = line[1];

    const port = await freePort();
    const nativePort = await freePort();
    const env = {
      ...process.env,
      MAILCART_GMAILSTORE_URL: `${this.storeUrl}/api`,
      LANG: "en_US.UTF-8",
      XDG_DATA_HOME: join(dataDir, "data"),
      XDG_CACHE_HOME: join(dataDir, "cache"),
      XDG_CONFIG_HOME: join(dataDir, "config"),
      ...extraEnv,
    };
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
    /** The app's environment, for a test that starts the binary itself (not through the driver). */
    this.appEnv = env;
    this.driver = startProcess(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], env);
    this.driverUrl = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${this.driverUrl}/status`)).ok, { what: "tauri-driver to answer" });
  }

  /** Opens the app in a new window session. The previous window's process must be gone first:
   *  the app is single-instance, so a launch while it still runs would only hand over to it.
   *  `application` is the binary to start: the debug build unless a test names another. */
  async launch(application = APP) {
    // Any Mailcart counts (the debug build or an unpacked .deb's): they share the single instance.
    await this.#previousAppGone([APP, application]);
    // A launch right after the previous window closed used to hang here (no window ever came):
    // the app was handed to the instance that was closing. The app now waits for it to go
    // (src-tauri/src/single_instance.rs, tests/e2e/single-instance.test.mjs).
    return Session.start(this.driverUrl, application);
  }

  async control(method, path, body) {
    const response = await fetch(`${this.storeUrl}/__control${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  async reset() {
    await this.control("POST", "/reset");
  }

  async hits() {
    return this.control("GET", "/hits");
  }

  async fault(fault) {
    await this.control("POST", "/faults", fault);
  }

  /** Saves a screenshot under target/e2e-artifacts for a person to look at. */
  async saveScreenshot(session, name) {
    writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
  }

  /** Runs one of the example tools (`cargo test` builds them) and returns its output. */
  runTool(name, args) {
    const result = spawnSync(join(ROOT, "target/debug/examples", name), args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** Forgets the notifications recorded so far: the mock daemon serves the whole run, and each
   *  test file counts only its own (a file's codes must not meet another file's). */
  clearNotifications() {
    spawnSync(
      "gdbus",
      ["call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.DBus.Mock.ClearCalls"],
      { encoding: "utf8" },
    );
  }

  /** The desktop notifications sent since this file's harness started, as `{ title, body }`, from
   *  the mock daemon on the private session bus (empty when the tests run without it). */
  notifications() {
    const result = spawnSync(
      "gdbus",
      ["call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.DBus.Mock.GetCalls"],
      { encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(`no mock notification daemon: ${result.stderr}`);
    const calls = [...result.stdout.matchAll(/'Notify', \[<'[^']*'>, <uint32 \d+>, <'[^']*'>, <'([^']*)'>, <'([^']*)'>/g)];
    return calls.map((m) => ({ title: m[1], body: m[2] }));
  }

  async stop() {
    for (const process of [this.driver, this.double]) process?.child.kill("SIGTERM");
    // A window the driver did not close must not outlive its file: the next file's launches
    // would be handed over to it (one instance) and fail one after another.
    await this.#previousAppGone([APP]).catch((error) => console.error(error.message));
  }

  /** Waits for the app processes started from `binaries` to exit. One that is still there after
   *  20 s is a window whose session ended without the driver closing it (seen once, 2026-12-04, in
   *  the proxy suite, whose driver reaches the app through a proxy, with a build running beside):
   *  it is killed, and said, rather than failing every launch of the files after it. */
  async #previousAppGone(binaries) {
    const pids = () => binaries.flatMap((binary) => spawnSync("pgrep", ["-f", `^${binary}( |$)`], { encoding: "utf8" }).stdout.split("\n").filter(Boolean));
    try {
      await until(() => pids().length === 0, { what: "the previous app process to exit", timeoutMs: 20_000 });
    } catch {
      const left = pids();
      console.error(`# the previous window's app (pid ${left.join(", ")}) was still running 20 s after its session ended; killed`);
      for (const pid of left) spawnSync("kill", ["-KILL", pid]);
      await until(() => pids().length === 0, { what: "the previous app process to be killed", timeoutMs: 5_000 });
    }
  }

  logs() {
    return `--- tauri-driver ---\n${this.driver?.output() ?? ""}\n--- store double ---\n${this.double?.output() ?? ""}`;
  }
}
