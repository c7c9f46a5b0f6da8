// What several pages read: the current settings (kept fresh by main.ts and the Settings page).

import type { Settings } from "./ipc";

let current: Settings | null = null;

export function currentSettings(): Settings | null {
  return current;
}

export function setCurrentSettings(settings: Settings | null): void {
  current = settings;
}
