#!/usr/bin/env node
// Writes the release build's config overlay with the update feed addresses, in the order the app
// tries them: a mirror first when one is given (e.g. a CDN copy of latest.json for buyers who
// cannot reach GitHub), then the repository's latest release.
// Usage: node scripts/release/endpoints-overlay.mjs MIRROR_URL_OR_EMPTY OWNER/REPO OUT_FILE

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The feed addresses for `repository` ("owner/name"), `mirror` first when it is set. */
export function updaterEndpoints(mirror, repository) {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository ?? "")) throw new Error(`not a repository name: ${repository}`);
  const endpoints = [];
  if (mirror && mirror.trim()) {
    const url = new URL(mirror.trim());
    // The updater verifies signatures, but a feed in the clear would still tell a network who
    // runs which version: https only.
    if (url.protocol !== "https:") throw new Error(`the mirror must be an https address: ${mirror}`);
    endpoints.push(url.toString());
  }
  endpoints.push(`https://github.com/${repository}/releases/latest/download/latest.json`);
  return endpoints;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mirror, repository, out] = process.argv.slice(2);
  try {
    const endpoints = updaterEndpoints(mirror, repository);
    writeFileSync(out, JSON.stringify({ plugins: { updater: { endpoints } } }));
    console.log(`update feed addresses: ${endpoints.join(", ")}`);
  } catch (error) {
    console.error(`endpoints-overlay: ${error.message}`);
    process.exit(1);
  }
}
