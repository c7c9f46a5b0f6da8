// npm run screenshot: the README's pictures, taken of the real window against the store double.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Harness, ROOT, until } from "./harness.mjs";

const OUT = join(ROOT, "docs/screenshots");
// WebKit's snapshot can trail the DOM by a frame or two under Xvfb's software rendering.
const SETTLE_MS = 1500;

async function shoot(session, name) {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  writeFileSync(join(OUT, `${name}.png`), await session.screenshot());
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function click(session, testId) {
  const [id] = await until(async () => {
    const ids = await session.findAll(`[data-testid="${testId}"]`);
    return ids.length ? ids : null;
  }, { what: testId });
  await session.click(id);
}

mkdirSync(OUT, { recursive: true });
const harness = await Harness.start();
try {
  const session = await harness.launch();
  await click(session, "lang-en");
  await until(async () => (await session.findAll('[data-testid="product-card"]')).length === 5, { what: "products" });
  await shoot(session, "catalogue-en");
  await click(session, "lang-zh");
  await shoot(session, "catalogue-zh");
  await click(session, "lang-en");
  await session.end();
} finally {
  await harness.stop();
}
