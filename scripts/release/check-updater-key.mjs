#!/usr/bin/env node
// Release guard: the updater private key in the release's secrets must belong to the public key
// the app ships (`plugins.updater.pubkey` in tauri.conf.json). If they differ, every update built
// by this release would be refused by the installed apps, which is found out only after the
// release. This signs a scratch file with the key from the environment (TAURI_SIGNING_PRIVATE_KEY,
// TAURI_SIGNING_PRIVATE_KEY_PASSWORD, as `tauri signer sign` reads them) and verifies it with the
// app's public key. Exit 0 when they match, 1 when not, 2 when it cannot tell.
// Usage: node scripts/release/check-updater-key.mjs [tauri.conf.json]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSignature } from "./minisign.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const configPath = process.argv[2] ?? join(root, "tauri.conf.json");
const publicKey = JSON.parse(readFileSync(configPath, "utf8")).plugins?.updater?.pubkey;
if (!publicKey) {
  console.error(`check-updater-key: no plugins.updater.pubkey in ${configPath}`);
  process.exit(2);
}
if (!process.env.TAURI_SIGNING_PRIVATE_KEY) {
  console.error("check-updater-key: TAURI_SIGNING_PRIVATE_KEY is not set");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "mailcart-key-check-"));
try {
  const scratch = join(dir, "scratch.bin");
  writeFileSync(scratch, `Mailcart release key check ${new Date().toISOString()}\n`);
  const tauri = join(root, "node_modules/.bin/tauri");
  const signed = spawnSync(tauri, ["signer", "sign", scratch], { encoding: "utf8", env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: process.env.TAURI_SIGNING_PRIVATE_KEY_PASSWORD ?? "" } });
  if (signed.status !== 0) {
    console.error(`check-updater-key: the private key could not sign (wrong password?):\n${signed.stderr}`);
    process.exit(1);
  }
  const result = checkSignature(readFileSync(scratch), readFileSync(`${scratch}.sig`, "utf8"), publicKey);
  if (!result.ok) {
    console.error(`check-updater-key: the updater private key does not match plugins.updater.pubkey: ${result.why}`);
    process.exit(1);
  }
  console.log("check-updater-key: the updater private key matches plugins.updater.pubkey");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
