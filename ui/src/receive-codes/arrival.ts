// What the buyer is told when a code arrives on an open order screen, as set in Settings (both
// off by default): a short chime (`ui/public/sounds/code-arrived.wav`, shipped with the app: no
// remote content), and a line saying the newest code was copied — Rust copies it
// (`commands::receive_codes::auto_copy`), since WebKit lets a page write the clipboard only in a click.

import { t } from "../i18n/i18n";
import type { CodeOrderView, Settings } from "../ipc";

export const CHIME_URL = "/sounds/code-arrived.wav";

/** Plays the chime; the screen uses this, tests pass a counter. */
export type Chime = () => void;

export const playChime: Chime = () => {
  const audio = new Audio(CHIME_URL);
  audio.volume = 0.6;
  // A computer without sound (or a web view without audio support) just stays quiet.
  audio.play().catch(() => undefined);
};

/** Chimes when set and something arrived; returns the line to show about the copy, if one was made. */
export function announceArrival(view: CodeOrderView, settings: Settings | null, chime: Chime = playChime): string | null {
  if (view.arrived.length > 0 && settings?.codeSound) chime();
  const copy = view.autoCopied;
  if (!copy) return null;
  return t(copy.copied ? "receiveCodes.autoCopied" : "receiveCodes.autoCopyFailed", { code: copy.code });
}
