// The update check against a local feed: a newer version is offered with its notes and nothing is
// installed without the user's yes; the same version offers nothing; a package whose signature is
// not from Mailcart's release key is refused after download, and the app keeps working.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, until } from "./harness.mjs";
import { clickTestId, textOf, untilTexts, waitFor } from "./helpers.mjs";
import { appSuite } from "./suite.mjs";

const CURRENT_VERSION = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8")).version;
const APP = join(ROOT, "target/debug/mailcart");
const NOTES = "Faster checkout.\nReceive-code orders show the service's own message.";

/** A package and its signature made with a throwaway key: well formed, but not the release key's. */
function packageSignedByAnotherKey() {
  const dir = mkdtempSync(join(tmpdir(), "mailcart-update-"));
  const tauri = join(ROOT, "node_modules/.bin/tauri");
  const key = join(dir, "other.key");
  const generated = spawnSync(tauri, ["signer", "generate", "--ci", "-p", "", "-w", key], { encoding: "utf8" });
  assert.equal(generated.status, 0, generated.stderr);
  const pkg = join(dir, "mailcart-update.bin");
  writeFileSync(pkg, Buffer.alloc(64 * 1024, 7));
  const signed = spawnSync(tauri, ["signer", "sign", "-f", key, "-p", "", pkg], { encoding: "utf8" });
  assert.equal(signed.status, 0, signed.stderr);
  return { bytes: readFileSync(pkg), signature: readFileSync(`${pkg}.sig`, "utf8").trim() };
}

/** The feed the app is pointed at; `feed.version` is what it announces. */
const feed = { version: null, hits: { feed: 0, package: 0 }, package: packageSignedByAnotherKey() };
const server = createServer((request, response) => {
  if (request.url === "/latest.json") {
    feed.hits.feed += 1;
    const platform = { signature: feed.package.signature, url: `http://127.0.0.1:${server.address().port}/mailcart-update.bin` };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        version: feed.version,
        notes: NOTES,
        pub_date: "2026-11-20T08:00:00Z",
        platforms: { "linux-x86_64": platform, "linux-x86_64-deb": platform, "windows-x86_64": platform, "darwin-universal": platform },
      }),
    );
  } else if (request.url === "/mailcart-update.bin") {
    feed.hits.package += 1;
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": feed.package.bytes.length });
    response.end(feed.package.bytes);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
server.unref();

const ctx = appSuite("updates", { env: { MAILCART_UPDATE_FEED: `http://127.0.0.1:${server.address().port}/latest.json` } });

function newerVersion() {
  const [major, minor] = CURRENT_VERSION.split(".").map(Number);
  return `${major}.${minor + 1}.0`;
}

async function launchAgainstFeed(version) {
  feed.version = version;
  feed.hits = { feed: 0, package: 0 };
  ctx.session = await ctx.harness.launch();
  // The catalogue first: the check runs after the first screen.
  await waitFor(ctx.session, '[data-testid="product-name"]', "the catalogue");
  await until(() => feed.hits.feed >= 1, { what: "the app to ask the feed" });
}

describe("updates", () => {
  it("offers a newer version with its notes and installs nothing without a yes", async () => {
    const binaryBefore = statSync(APP).mtimeMs;
    await launchAgainstFeed(newerVersion());
    await untilTexts(ctx.session, '[data-testid="update-title"]', [`Mailcart ${newerVersion()} is available (you have ${CURRENT_VERSION}).`]);
    assert.equal(await textOf(ctx.session, "update-notes"), NOTES);
    // Offered, not taken: nothing was downloaded, and "Later" puts the offer away.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(feed.hits.package, 0);
    await clickTestId(ctx.session, "update-later");
    await until(async () => (await ctx.session.findAll('[data-testid="update-title"]')).length === 0, { what: "the offer to go away" });
    assert.equal(feed.hits.package, 0);
    assert.equal(statSync(APP).mtimeMs, binaryBefore);
  });

  it("offers nothing when the feed announces the version already running", async () => {
    await launchAgainstFeed(CURRENT_VERSION);
    // The answer arrived; give the UI time to (wrongly) show something.
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await ctx.session.texts('[data-testid="update-title"]'), []);
    assert.equal(feed.hits.package, 0);
  });

  it("refuses a package not signed with the release key, installs nothing and stays usable", async () => {
    const binaryBefore = readFileSync(APP);
    await launchAgainstFeed(newerVersion());
    await clickTestId(ctx.session, "update-install");
    const [error] = await waitFor(ctx.session, '[data-testid="update-error"]', "the refusal");
    assert.equal(await ctx.session.attribute(error, "data-kind"), "updateRefused");
    assert.equal(
      await ctx.session.text(error),
      "The update was refused: it is not signed with Mailcart's release key. Nothing was installed.",
    );
    assert.equal(feed.hits.package, 1, "the package was downloaded once, then refused");
    assert.ok(readFileSync(APP).equals(binaryBefore), "the app's binary is unchanged");
    // Still the same window, still shopping.
    await clickTestId(ctx.session, "update-later");
    assert.ok((await ctx.session.texts('[data-testid="product-name"]')).length > 0);
    const log = readFileSync(join(ctx.harness.appDataDir, "logs/mailcart.log"), "utf8");
    assert.match(log, /not installed: the update's signature does not match/);
  });
});
