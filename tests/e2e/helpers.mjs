// Small steps the end-to-end tests share.

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { until } from "./harness.mjs";

export async function waitFor(session, selector, what = selector) {
  return until(async () => {
    const ids = await session.findAll(selector);
    return ids.length ? ids : null;
  }, { what });
}

/** Clicks the first element with `testId`, finding it again if the page re-rendered it. */
export async function clickTestId(session, testId) {
  await until(async () => {
    const [id] = await session.findAll(`[data-testid="${testId}"]`);
    if (!id) return false;
    await session.click(id);
    return true;
  }, { what: `a click on [data-testid="${testId}"]` });
}

/**
 * Types `text` into the first element with `testId`, from empty. A page that re-renders the field
 * meanwhile (a list arriving) makes the element stale: it is found again and typed into again,
 * until the field holds exactly `text`.
 */
export async function typeInto(session, testId, text) {
  await until(async () => {
    // (`until` tries again after an error such as a stale element.)
    const [id] = await waitFor(session, `[data-testid="${testId}"]`);
    await session.clearInput(id);
    await session.type(id, text);
    return (await session.property(id, "value")) === text;
  }, { what: `typing into [data-testid="${testId}"]` });
}

/** The text of the first element with `testId`, found again if a re-render replaced it. */
export async function textOf(session, testId) {
  const selector = `[data-testid="${testId}"]`;
  const { text } = await until(async () => {
    const [first] = await session.texts(selector);
    return first === undefined ? null : { text: first };
  }, { what: selector });
  return text;
}

/** The text on the X clipboard of the tests' display (xclip, installed by the test set-up). */
export function clipboard() {
  return spawnSync("xclip", ["-selection", "clipboard", "-o"], { encoding: "utf8", timeout: 15_000 }).stdout ?? "";
}

/** Puts `text` on the X clipboard, as another program the buyer copied from would, and reads it
 *  back: on a loaded machine an `xclip` that took longer than its timeout to take the clipboard
 *  left it empty (a fresh-clone run with two busy loops, 2026-12-05), and the test then failed
 *  on its clipboard check instead of here. Up to 4 tries; throws if the clipboard never holds it. */
export function setClipboard(text) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    spawnSync("xclip", ["-selection", "clipboard", "-i"], { input: text, timeout: 15_000 });
    if (clipboard() === text) return;
  }
  throw new Error(`the X clipboard would not take ${JSON.stringify(text)}`);
}

/** Answers the system's file dialog titled `title` ("Save File" or "Open File", GTK's, opened by
 *  the app from Rust) with `path`, as a buyer typing it would (xdotool on the tests' display).
 *  On a loaded machine GTK can take a moment to show the field the path goes into, and keys typed
 *  before it has the focus go elsewhere: so it waits for the dialog to settle after each step, and
 *  types the path again (up to 4 times) while the dialog stays open. */
export async function answerFileDialog(title, path) {
  const dialogIds = () => spawnSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" }).stdout.trim();
  const { id } = await until(() => {
    const found = dialogIds();
    return found ? { id: found.split("\n")[0] } : null;
  }, { what: `the "${title}" dialog` });
  const pause = (seconds) => spawnSync("sleep", [String(seconds)]);
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    // Closed meanwhile (slowly, after the last Return): nothing more to type, and no key may
    // reach the app's window instead.
    if (dialogIds() === "") return;
    spawnSync("xdotool", ["windowfocus", "--sync", id]);
    pause(0.5 * attempt);
    // Save: the name field has the focus (a whole path typed there is taken); Open: Ctrl+L opens
    // the location field. Either way the field's text is selected, so typing replaces it.
    spawnSync("xdotool", ["key", title === "Save File" ? "ctrl+a" : "ctrl+l"]);
    pause(0.5 * attempt);
    if (title !== "Save File") spawnSync("xdotool", ["key", "ctrl+a"]);
    spawnSync("xdotool", ["type", "--delay", "15", path]);
    pause(0.3 * attempt);
    // The first Return may only close the field's completion list: once more if it stays.
    for (let press = 0; press < 3 && dialogIds() !== ""; press += 1) {
      spawnSync("xdotool", ["key", "Return"]);
      pause(0.7);
    }
    const closed = await until(() => dialogIds() === "", { what: `the "${title}" dialog to close`, timeoutMs: 5_000, intervalMs: 200 }).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`the "${title}" dialog did not take ${path}`);
}

/** Waits until the texts of `selector` equal `expected` (or fails showing the last texts). */
export async function untilTexts(session, selector, expected, { timeoutMs } = {}) {
  let last;
  try {
    await until(async () => {
      last = await session.texts(selector);
      return JSON.stringify(last) === JSON.stringify(expected);
    }, { what: selector, timeoutMs });
  } catch (error) {
    throw new Error(`${selector}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`, { cause: error });
  }
}

/** Picks the option with `value` in a <select>, as a click on that option does. */
export async function selectOption(session, testId, value) {
  const [option] = await waitFor(session, `[data-testid="${testId}"] option[value="${value}"]`);
  await session.click(option);
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

/** The files under `dir` that hold any of `secrets` in plain UTF-8, and how many were read. */
export function filesHolding(dir, secrets) {
  const files = filesUnder(dir);
  const holding = [];
  for (const file of files) {
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      // WebKit's helper processes may still be tidying their own files as the app closes.
      if (error.code === "ENOENT") continue;
      throw error;
    }
    for (const secret of secrets) if (bytes.indexOf(Buffer.from(secret, "utf8")) !== -1) holding.push(`${file}: ${secret}`);
  }
  return { holding, scanned: files };
}

/** Waits until the payment screen shows `status` (its `data-status`). */
export async function statusIs(session, status) {
  await until(async () => {
    const [el] = await session.findAll('[data-testid="pay-status"]');
    return el && (await session.attribute(el, "data-status")) === status;
  }, { what: `payment status ${status}`, timeoutMs: 30_000 });
}

/** The accounts the store double delivers for an order (tests/store-double: `accounts_for`). */
export function accountsFor(orderNo, quantity) {
  return Array.from({ length: quantity }, (_, i) => [`${orderNo.toLowerCase()}-${i}@gmail.com`, `Pw-${i}-${orderNo}:,"é`]);
}
