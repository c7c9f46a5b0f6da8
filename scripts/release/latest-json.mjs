#!/usr/bin/env node
// Writes the update feed (latest.json) for tauri-plugin-updater from a release's signature files.
// The release workflow's platform jobs only upload installers and their `.sig` files to the draft
// release; this runs once after all of them, so three jobs never race to merge one latest.json.
// Usage: node scripts/release/latest-json.mjs --version 0.2.0 --download-url URL --sigs DIR [--notes TEXT]
//   DIR holds the release's `*.sig` assets; each names its installer (`X.sig` signs asset `X`),
//   whose address is `URL/X`. Fails when a platform has no signed installer.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

// Which installer serves which updater platform key, by file name. The first match wins for a key:
// on Windows the per-user NSIS setup before the MSI (the installer most buyers get).
const RULES = [
  { test: (name) => name.endsWith("-setup.exe"), keys: ["windows-x86_64", "windows-x86_64-nsis"] },
  { test: (name) => name.endsWith(".msi"), keys: ["windows-x86_64", "windows-x86_64-msi"] },
  // One universal .app serves both Mac architectures.
  { test: (name) => name.endsWith(".app.tar.gz"), keys: ["darwin-aarch64", "darwin-x86_64", "darwin-universal"] },
  { test: (name) => name.endsWith(".deb"), keys: ["linux-x86_64", "linux-x86_64-deb"] },
];
const REQUIRED = ["windows-x86_64", "darwin-aarch64", "darwin-x86_64", "linux-x86_64"];

/** The feed for `version` from `signatures` ({ assetName: signatureText }). */
export function latestJson({ version, notes = "", pubDate = new Date().toISOString(), downloadUrl, signatures }) {
  const platforms = {};
  for (const rule of RULES) {
    for (const [asset, signature] of Object.entries(signatures).sort(([a], [b]) => a.localeCompare(b))) {
      if (!rule.test(asset)) continue;
      for (const key of rule.keys) {
        platforms[key] ??= { signature: signature.trim(), url: `${downloadUrl.replace(/\/$/, "")}/${encodeURIComponent(asset)}` };
      }
    }
  }
  const missing = REQUIRED.filter((key) => !platforms[key]);
  if (missing.length) throw new Error(`no signed installer for ${missing.join(", ")} (signatures for: ${Object.keys(signatures).join(", ") || "nothing"})`);
  return { version, notes, pub_date: pubDate, platforms };
}

/** `{ assetName: signatureText }` from a folder of `*.sig` files. */
export function readSignatures(dir) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith(".sig"))
      .map((file) => [file.slice(0, -".sig".length), readFileSync(join(dir, file), "utf8")]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { version: { type: "string" }, "download-url": { type: "string" }, sigs: { type: "string" }, notes: { type: "string" } } });
  if (!values.version || !values["download-url"] || !values.sigs) {
    console.error("usage: latest-json.mjs --version V --download-url URL --sigs DIR [--notes TEXT]");
    process.exit(2);
  }
  try {
    const feed = latestJson({ version: values.version, notes: values.notes, downloadUrl: values["download-url"], signatures: readSignatures(values.sigs) });
    process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
  } catch (error) {
    console.error(`latest-json: ${error.message}`);
    process.exit(1);
  }
}
