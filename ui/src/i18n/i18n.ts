// The current UI language and the lookup of its strings. Views re-render on change.

import { MESSAGES, type Language, type MessageKey } from "./messages";

export type { Language, MessageKey };

const STORAGE_KEY = "mailcart.language";

let current: Language = "en";
const listeners = new Set<(language: Language) => void>();

/** The language to start in: the user's earlier choice, else the system's. */
export function initialLanguage(systemLanguage: Language, storage: Pick<Storage, "getItem"> = localStorage): Language {
  const saved = storage.getItem(STORAGE_KEY);
  return saved === "zh" || saved === "en" ? saved : systemLanguage;
}

export function language(): Language {
  return current;
}

export function setLanguage(language: Language, storage: Pick<Storage, "setItem"> = localStorage): void {
  current = language;
  storage.setItem(STORAGE_KEY, language);
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
