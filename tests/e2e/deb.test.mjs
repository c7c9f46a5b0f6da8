// The Linux installer as a buyer gets it: the .deb that `npm run bundle` made is unpacked into a
// temporary folder (`dpkg-deb -x`, no root, nothing installed system-wide), and the binary inside
// is started in a real window against the store double: the catalogue must appear.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "./harness.mjs";
import { untilTexts } from "./helpers.mjs";
import { appSuite } from "./suite.mjs";

const ctx = appSuite("deb");
const DEB_DIR = join(ROOT, "target/release/bundle/deb");
const VERSION = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8")).version;

function newestDeb() {
  const debs = existsSync(DEB_DIR) ? readdirSync(DEB_DIR).filter((n) => /^Mailcart_.*_amd64\.deb$/.test(n)) : [];
  assert.ok(debs.length > 0, `no Mailcart .deb in ${DEB_DIR}: run npm run bundle first`);
  return debs.map((n) => join(DEB_DIR, n)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function dpkgDeb(...args) {
  const result = spawnSync("dpkg-deb", args, { encoding: "utf8" });
  assert.equal(result.status, 0, `dpkg-deb ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

describe("the .deb", () => {
  it("declares the package, and unpacked its binary shows the catalogue", async () => {
    const deb = newestDeb();
    const fields = dpkgDeb("-f", deb, "Package", "Version", "Architecture", "Depends");
    assert.match(fields, /^Package: mailcart$/m);
    assert.match(fields, new RegExp(`^Version: ${VERSION.replaceAll(".", "\\.")}$`, "m"));
    assert.match(fields, /^Architecture: amd64$/m);
    assert.match(fields, /^Depends: .*libwebkit2gtk-4\.1-0/m);
    // The system's SQLite and libsecret, which WebKitGTK loads into the same process anyway
    // (Cargo.toml, src-tauri/src/vault/secret_service.rs).
    assert.match(fields, /^Depends: .*libsqlite3-0/m);
    assert.match(fields, /^Depends: .*libsecret-1-0/m);

    const root = mkdtempSync(join(tmpdir(), "mailcart-deb-"));
    dpkgDeb("-x", deb, root);
    const binary = join(root, "usr/bin/mailcart");
    assert.ok(statSync(binary).mode & 0o111, "the binary is executable");
    const needed = spawnSync("readelf", ["-d", binary], { encoding: "utf8" }).stdout;
    assert.match(needed, /\(NEEDED\).*\[libsqlite3\.so\.0\]/, "the binary uses the system's SQLite");
    assert.match(needed, /\(NEEDED\).*\[libsecret-1\.so\.0\]/, "the keychain is libsecret");
    const desktop = readFileSync(join(root, "usr/share/applications/Mailcart.desktop"), "utf8");
    assert.match(desktop, /^Exec=mailcart$/m);
    assert.match(desktop, /^Name=Mailcart$/m);
    assert.ok(existsSync(join(root, "usr/share/icons/hicolor/128x128/apps/mailcart.png")), "the icon is installed");

    ctx.session = await ctx.harness.launch(binary);
    await untilTexts(ctx.session, '[data-testid="product-name"]', [
      "Google Workspace / Education Email",
      "Aged Gmail (registered 2019)",
      "Bulk Gmail (from 100)",
      "US Apple ID",
      "Temporary mailbox (30 days)",
    ]);
    assert.deepEqual(await ctx.session.texts('[data-testid="product-price"]'), ["¥0.5", "¥12.345", "¥0.08", "¥25", "¥0.015"]);
  });
});
