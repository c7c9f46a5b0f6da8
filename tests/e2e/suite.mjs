// The set-up every end-to-end test file shares: one harness (store double + tauri-driver) per
// file, the double reset before each test, and after each test a screenshot of the window's last
// state (in target/e2e-artifacts) before its session ends.

import { after, afterEach, before, beforeEach } from "node:test";
import { Harness } from "./harness.mjs";

/** Registers the hooks; tests put their window in `ctx.session` and reach the harness as
 *  `ctx.harness`. `options` go to `Harness.start` (e.g. `{ env }` for the app). */
export function appSuite(name, options = {}) {
  const ctx = { harness: null, session: null };
  before(async () => {
    ctx.harness = await Harness.start(name, options);
  });
  after(async () => {
    await ctx.harness?.stop();
  });
  beforeEach(async () => {
    await ctx.harness.reset();
  });
  afterEach(async (t) => {
    if (ctx.session) {
      await ctx.harness.saveScreenshot(ctx.session, `${name}-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
      await ctx.session.end().catch(() => {});
      ctx.session = null;
    }
  });
  return ctx;
}
