// Checks a minisign signature (what `tauri signer sign` writes, base64-wrapped as Tauri does) with a
// minisign public key (as in tauri.conf.json's `plugins.updater.pubkey`, base64-wrapped too), the
// way tauri-plugin-updater does before it installs anything: Ed25519 over the file's BLAKE2b-512
// hash ("ED", the prehashed form Tauri signs with) or over the file itself ("Ed").

import { createHash, createPublicKey, verify } from "node:crypto";

/** The second line of a minisign text file (its first is the untrusted comment), as bytes. */
function payload(tauriBase64, what) {
  const text = Buffer.from(tauriBase64.trim(), "base64").toString("utf8");
  const line = text.split(/\r?\n/)[1];
  if (!line) throw new Error(`not a minisign ${what}`);
  return Buffer.from(line.trim(), "base64");
}

/** Key id (8 bytes, hex) and the raw Ed25519 key of a Tauri-wrapped minisign public key. */
export function readPublicKey(tauriBase64) {
  const bytes = payload(tauriBase64, "public key");
  if (bytes.length !== 42 || bytes.subarray(0, 2).toString("latin1") !== "Ed") throw new Error("not an Ed25519 minisign public key");
  return { keyId: bytes.subarray(2, 10).toString("hex"), key: bytes.subarray(10) };
}

/** Whether `signature` (Tauri-wrapped minisign) is `publicKey`'s signature of `data`; says why not. */
export function checkSignature(data, signature, publicKey) {
  const pub = readPublicKey(publicKey);
  const sig = payload(signature, "signature");
  if (sig.length !== 74) return { ok: false, why: "the signature is not a minisign signature" };
  const algorithm = sig.subarray(0, 2).toString("latin1");
  const keyId = sig.subarray(2, 10).toString("hex");
  if (keyId !== pub.keyId) return { ok: false, why: `signed by key ${keyId}, the app trusts key ${pub.keyId}` };
  const message = algorithm === "ED" ? createHash("blake2b512").update(data).digest() : data;
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: pub.key.toString("base64url") }, format: "jwk" });
  return verify(null, message, key, sig.subarray(10)) ? { ok: true } : { ok: false, why: "the signature does not match the file" };
}
