// What the buyer is told when a code arrives on an open order screen, as set in Settings (both
// off by default): a short chime (`ui/public/sounds/code-arrived.wav`, shipped with the app: no
// remote content), and a line saying the newest code was copied — Rust copies it
// (`commands::receive_codes::auto_copy`), since WebKit lets a page write the clipboard only in a click.

import { t } from "../i18n/i18n";
import type { CodeOrderView, Settings } from "../ipc";
import type { AutoCopied } from "../bindings/AutoCopied";

export const CHIME_URL = "/sounds/code-arrived.wav";

/** Plays the chime; the screen uses this, tests pass a counter. */
export type Chime = () => void;

export const playChime: Chime = () => {
  const audio = new Audio(CHIME_URL);
  audio.volume = 0.6;
  // A computer without sound (or a web view without audio support) just stays quiet.
  audio.play().catch(() => undefined);
};

/** Chimes when set and something arrived; returns what Rust copied, if it did (to say so). */
export function announceArrival(view: CodeOrderView, settings: Settings | null, chime: Chime = playChime): AutoCopied | null {
  if (view.arrived.length > 0 && settings?.codeSound) chime();
  return view.autoCopied;
}

/** The line about an automatic copy, in the current language (drawn again on a language switch). */
export function autoCopiedLine(copy: AutoCopied): string {
  return t(copy.copied ? "receiveCodes.autoCopied" : "receiveCodes.autoCopyFailed", { code: copy.code });
}
