// The current UI language and the lookup of its strings. Views re-render on change.

import { MESSAGES, type Language, type MessageKey } from "./messages";
import type { LanguageChoice } from "../bindings/LanguageChoice";

export type { Language, MessageKey };

let current: Language = "en";
const listeners = new Set<(language: Language) => void>();

/** The language to show: the user's choice in settings, else the system's. */
export function resolveLanguage(choice: LanguageChoice, systemLanguage: Language): Language {
  return choice === "system" ? systemLanguage : choice;
}

export function language(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
