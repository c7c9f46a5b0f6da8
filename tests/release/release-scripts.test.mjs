// The release workflow's own scripts: the update feed built from the release's signature files,
// and the guard that fails a release whose updater private key does not match the app's public key.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { updaterEndpoints } from "../../scripts/release/endpoints-overlay.mjs";
import { latestJson, readSignatures } from "../../scripts/release/latest-json.mjs";
import { checkSignature, readPublicKey } from "../../scripts/release/minisign.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TAURI = join(ROOT, "node_modules/.bin/tauri");
const CHECK = join(ROOT, "scripts/release/check-updater-key.mjs");
const work = mkdtempSync(join(tmpdir(), "mailcart-release-test-"));

/** A new updater key pair; returns the private key's text and the public key's (Tauri-wrapped). */
function newKeyPair(name, password = "") {
  const path = join(work, `${name}.key`);
  const made = spawnSync(TAURI, ["signer", "generate", "--ci", "-p", password, "-w", path], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  return { privateKey: readFileSync(path, "utf8").trim(), publicKey: readFileSync(`${path}.pub`, "utf8").trim() };
}

function sign(privateKey, password, data) {
  const file = join(work, `data-${Math.random().toString(16).slice(2)}.bin`);
  writeFileSync(file, data);
  const signed = spawnSync(TAURI, ["signer", "sign", file], { encoding: "utf8", env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY: privateKey, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: password } });
  assert.equal(signed.status, 0, signed.stderr);
  return readFileSync(`${file}.sig`, "utf8");
}

function configWith(publicKey) {
  const path = join(work, `tauri-${Math.random().toString(16).slice(2)}.conf.json`);
  writeFileSync(path, JSON.stringify({ plugins: { updater: { pubkey: publicKey } } }));
  return path;
}

function runCheck(config, privateKey, password = "") {
  return spawnSync("node", [CHECK, config], { encoding: "utf8", env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY: privateKey, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: password } });
}

describe("the updater key guard", () => {
  const release = newKeyPair("release", "release password");
  const other = newKeyPair("other");

  it("passes when the secret key belongs to the app's public key", () => {
    const result = runCheck(configWith(release.publicKey), release.privateKey, "release password");
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /matches plugins\.updater\.pubkey/);
  });

  it("fails the release when the secret key is another one", () => {
    const result = runCheck(configWith(release.publicKey), other.privateKey);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /does not match plugins\.updater\.pubkey: signed by key [0-9a-f]{16}, the app trusts key [0-9a-f]{16}/);
  });

  it("fails the release when the key's password is wrong", () => {
    const result = runCheck(configWith(release.publicKey), release.privateKey, "not the password");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /could not sign/);
  });

  it("cannot tell, and says so, without a key", () => {
    const result = runCheck(configWith(release.publicKey), "");
    assert.equal(result.status, 2);
  });

  it("verifies as the updater does: a changed file or another key's signature is refused", () => {
    const data = Buffer.from("an installer");
    const signature = sign(release.privateKey, "release password", data);
    assert.deepEqual(checkSignature(data, signature, release.publicKey), { ok: true });
    assert.equal(checkSignature(Buffer.from("an installer, changed"), signature, release.publicKey).ok, false);
    assert.equal(checkSignature(data, sign(other.privateKey, "", data), release.publicKey).ok, false);
  });

  it("reads the public key the app ships", () => {
    const config = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8"));
    assert.match(readPublicKey(config.plugins.updater.pubkey).keyId, /^[0-9a-f]{16}$/);
  });
});

describe("the update feed (latest.json)", () => {
  const signatures = {
    "Mailcart_0.2.0_x64-setup.exe": "sig-nsis\n",
    "Mailcart_0.2.0_x64_en-US.msi": "sig-msi",
    "Mailcart_universal.app.tar.gz": "sig-mac",
    "Mailcart_0.2.0_amd64.deb": "sig-deb",
  };
  const url = "https://github.com/owner/mailcart/releases/download/v0.2.0";

  it("points every platform at its signed installer, the NSIS setup first on Windows", () => {
    const feed = latestJson({ version: "0.2.0", notes: "Notes", pubDate: "2026-12-01T00:00:00Z", downloadUrl: `${url}/`, signatures });
    assert.equal(feed.version, "0.2.0");
    assert.equal(feed.pub_date, "2026-12-01T00:00:00Z");
    assert.deepEqual(feed.platforms["windows-x86_64"], { signature: "sig-nsis", url: `${url}/Mailcart_0.2.0_x64-setup.exe` });
    assert.equal(feed.platforms["windows-x86_64-msi"].url, `${url}/Mailcart_0.2.0_x64_en-US.msi`);
    for (const key of ["darwin-aarch64", "darwin-x86_64"]) assert.deepEqual(feed.platforms[key], { signature: "sig-mac", url: `${url}/Mailcart_universal.app.tar.gz` });
    assert.deepEqual(feed.platforms["linux-x86_64-deb"], { signature: "sig-deb", url: `${url}/Mailcart_0.2.0_amd64.deb` });
  });

  it("refuses to write a feed that leaves a platform without an update", () => {
    const withoutMac = { ...signatures };
    delete withoutMac["Mailcart_universal.app.tar.gz"];
    assert.throws(() => latestJson({ version: "0.2.0", downloadUrl: url, signatures: withoutMac }), /no signed installer for darwin-aarch64, darwin-x86_64/);
  });

  it("reads the signatures from the release's .sig files and names each after its installer", () => {
    const dir = mkdtempSync(join(work, "sigs-"));
    writeFileSync(join(dir, "Mailcart_0.2.0_amd64.deb.sig"), "sig-deb");
    writeFileSync(join(dir, "Mailcart_0.2.0_amd64.deb"), "not a signature");
    assert.deepEqual(readSignatures(dir), { "Mailcart_0.2.0_amd64.deb": "sig-deb" });
  });
});

describe("the update feed addresses", () => {
  it("puts the mirror first and the repository's latest release after it", () => {
    assert.deepEqual(updaterEndpoints("https://cdn.example.com/mailcart/latest.json", "owner/mailcart"), [
      "https://cdn.example.com/mailcart/latest.json",
      "https://github.com/owner/mailcart/releases/latest/download/latest.json",
    ]);
    assert.deepEqual(updaterEndpoints("", "owner/mailcart"), ["https://github.com/owner/mailcart/releases/latest/download/latest.json"]);
  });

  it("refuses a mirror in the clear and a malformed repository", () => {
    assert.throws(() => updaterEndpoints("http://cdn.example.com/latest.json", "owner/mailcart"), /https/);
    assert.throws(() => updaterEndpoints("", "not a repo"), /repository/);
  });
});
