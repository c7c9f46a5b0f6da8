// Shows a received text with its code highlighted, built from text nodes (never HTML).

import { el } from "../dom";

export function highlighted(text: string, code: string | null): HTMLElement {
  const span = el("span", { class: "code-text", "data-testid": "code-text" });
  const at = code ? text.indexOf(code) : -1;
  if (!code || at < 0) {
    span.textContent = text;
    return span;
  }
  span.append(text.slice(0, at), el("mark", { class: "code", "data-testid": "code-mark" }, code), text.slice(at + code.length));
  return span;
}
