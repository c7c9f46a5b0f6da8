import { defineConfig } from "vitest/config";

// The web view loads only what is bundled here: no CDN, no remote fonts (the CSP forbids them).
export default defineConfig({
  root: __dirname,
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["safari15", "chrome105"],
    // No inline module-preload polyfill: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
