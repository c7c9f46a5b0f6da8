// Every error kind the Rust side can send (read from the generated binding, so a new kind is
// checked the day it is added) is recognised by the IPC chokepoint and has a sentence in both
// languages. The fault suite (tests/it/faults.rs) checks which kind each store failure becomes.

import { afterEach, describe, expect, it } from "vitest";
import bindingSource from "../src/bindings/AppErrorKind.ts?raw";
import { errorSentence } from "../src/errors";
import { setLanguage } from "../src/i18n/i18n";
import { MESSAGES, type MessageKey } from "../src/i18n/messages";
import { toCommandError } from "../src/ipc";

const union = bindingSource.slice(bindingSource.indexOf("export type AppErrorKind"));
const KINDS = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]);

describe("error kinds", () => {
  afterEach(() => setLanguage("en"));

  it("reads the kinds from the generated binding", () => {
    expect(KINDS).toContain("orderMayExist");
    expect(KINDS).toContain("lockedOut");
  });

  it.each(KINDS)("%s is recognised and said in English and Chinese", (kind) => {
    const error = toCommandError({ kind, message: "detail" });
    expect(error.kind).toBe(kind);
    for (const language of ["en", "zh"] as const) {
      const text = MESSAGES[language][`error.${kind}` as MessageKey];
      expect(text?.trim(), `${language} error.${kind}`).toBeTruthy();
      setLanguage(language);
      expect(errorSentence(error)).toBe(text);
    }
  });
});
