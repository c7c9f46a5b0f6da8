// One Mailcart at a time: a second launch shows the running window and exits; a launch while the
// window is closing starts a new window instead of being handed to the one going away (it used to
// exit without a window: src-tauri/src/single_instance.rs).

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { APP, until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";

const ctx = appSuite("single-instance");

const running = () => spawnSync("pgrep", ["-f", `^${APP}( |$)`], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);

/** Starts the app binary directly, as a buyer's double-click does; resolves with its exit. */
function startDirectly() {
  const child = spawn(APP, [], { env: ctx.harness.appEnv, stdio: ["ignore", "ignore", "pipe"] });
  // What the launch wrote on stderr (a panic's message), for the assertion that fails.
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe("one Mailcart at a time", () => {
  it("a second launch hands over to the running window and exits", async () => {
    ctx.session = await ctx.harness.launch();
    await until(async () => (await ctx.session.findAll('[data-testid="product-name"]')).length > 0, { what: "the catalogue" });
    const second = startDirectly();
    const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r("still running"), 15_000))]);
    assert.equal(code, 0, "the second launch exits once the first has shown its window");
    assert.equal(running().length, 1);
    assert.ok((await ctx.session.findAll('[data-testid="product-name"]')).length > 0, "the first window still works");
  });

  it("a launch while the window closes starts a window of its own", async () => {
    // The race is widest on a busy machine (where CI met it): two busy loops beside the app.
    const busy = [0, 1].map(() => spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
    try {
      await launchesWhileClosing(6);
    } finally {
      for (const loop of busy) loop.kill("SIGKILL");
    }
  });
});

/** Ends a window and at once starts the binary again, `rounds` times: the new launch must become
 *  the one instance, never be handed to the window that is going away. */
async function launchesWhileClosing(rounds) {
  for (let round = 0; round < rounds; round += 1) {
    ctx.session = await ctx.harness.launch();
    await until(async () => (await ctx.session.findAll('[data-testid="product-name"]')).length > 0, { what: "the catalogue" });
    await ctx.session.end();
    ctx.session = null;
    // At once, while the first process is on its way out (its window is closed).
    await new Promise((r) => setTimeout(r, 30 * round));
    const next = startDirectly();
    let code = "running";
    next.exited.then((c) => (code = c));
    // The new launch is the instance now: it stays, alone.
    await until(() => running().length === 1 && running()[0] === String(next.child.pid), { what: `round ${round}: the new launch as the only instance`, timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(code, "running", `round ${round}: the new launch must stay the instance (it exited with ${code}; stderr: ${next.stderr()})`);
    next.child.kill("SIGTERM");
    await next.exited;
  }
}
