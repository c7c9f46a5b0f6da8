// The watch controls on a product's card and detail: the favourite star, "Tell me when it's back"
// for a sold-out product, "Tell me when the price is at most …", and the last watched change.

import { el } from "../dom";
import { errorSentence } from "../errors";
import { t } from "../i18n/i18n";
import { toCommandError, type ProductView } from "../ipc";
import { shortTime } from "../orders/format";
import { changeWatch, watchOf, type Watch } from "./watches";

/** Reports a failed change where the control is (the marks stay as they were). */
type OnProblem = (problem: unknown) => void;

export function starButton(product: ProductView, onProblem: OnProblem): HTMLElement {
  const on = watchOf(product.id)?.favourite ?? false;
  const star = el(
    "button",
    { type: "button", class: on ? "button small star on" : "button small star", "data-testid": "watch-star", "aria-pressed": String(on), title: t(on ? "watch.unstar" : "watch.star") },
    on ? "★" : "☆",
  );
  star.setAttribute("aria-label", t(on ? "watch.unstar" : "watch.star"));
  star.addEventListener("click", () => void changeWatch(product, { favourite: !on }).catch(onProblem));
  return star;
}

/** "Tell me when it's back" (only for a sold-out product, or one already watched for it). */
export function backButton(product: ProductView, onProblem: OnProblem): HTMLElement | null {
  const on = watchOf(product.id)?.whenBack ?? false;
  if (!product.soldOut && !on) return null;
  const button = el(
    "button",
    { type: "button", class: on ? "button small watch-back on" : "button small watch-back", "data-testid": "watch-back", "aria-pressed": String(on) },
    t(on ? "watch.backOn" : "watch.backOff"),
  );
  button.addEventListener("click", () => void changeWatch(product, { whenBack: !on }).catch(onProblem));
  return button;
}

/** What the buyer has typed in the price field and not saved yet: kept by the view across its
 *  redraws (the store's answer about the product redraws the detail), so a typed amount is never
 *  lost or replaced under the buyer's hands. */
export type PriceDraft = { text: string | null };

/** The price mark: a field and a button, and the mark set now with a way to remove it. */
export function priceMarkForm(product: ProductView, onProblem: OnProblem, draft: PriceDraft): HTMLElement {
  const mark = watchOf(product.id)?.priceAtMost ?? null;
  const input = el("input", { type: "text", inputmode: "decimal", class: "input small", "data-testid": "watch-price-input", autocomplete: "off", spellcheck: "false" });
  input.value = draft.text ?? mark ?? "";
  input.addEventListener("input", () => (draft.text = input.value));
  input.setAttribute("aria-label", t("watch.priceLabel"));
  const save = el("button", { type: "submit", class: "button small", "data-testid": "watch-price-save" }, t("watch.priceSave"));
  const form = el(
    "form",
    { class: "watch-price", "data-testid": "watch-price" },
    el("label", {}, el("span", {}, t("watch.priceLabel")), " ¥", input),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void changeWatch(product, { priceAtMost: input.value.trim() || null }).then(() => (draft.text = null), onProblem);
  });
  if (mark) {
    const remove = el("button", { type: "button", class: "button small", "data-testid": "watch-price-remove" }, t("watch.priceRemove"));
    remove.addEventListener("click", () => {
      draft.text = null;
      void changeWatch(product, { priceAtMost: null }).catch(onProblem);
    });
    form.append(el("p", { class: "muted", "data-testid": "watch-price-set" }, t("watch.priceSet", { price: mark })), remove);
  }
  return form;
}

/** The last watched change, e.g. "Back in stock · 2026-12-05 14:05" (nothing when none). */
export function alertBadge(watch: Watch | undefined): HTMLElement | null {
  const alert = watch?.alert;
  if (!alert) return null;
  const what = alert.back && alert.priceMet ? "watch.alertBoth" : alert.back ? "watch.alertBack" : "watch.alertPrice";
  return el("p", { class: "badge watch-alert", "data-testid": "watch-alert" }, t(what, { price: alert.price, time: shortTime(alert.at) }));
}

/** A failed change, said in a sentence. */
export function watchProblem(problem: unknown): HTMLElement {
  const error = toCommandError(problem);
  if (error.field === "priceAtMost") return el("p", { class: "error-detail", role: "alert", "data-testid": "watch-problem" }, t("watch.priceBad"));
  // Anything else: the sentence, and the detail for the store's or Mailcart's support.
  return el(
    "p",
    { class: "error-detail", role: "alert", "data-testid": "watch-problem" },
    errorSentence(error),
    error.message ? ` ${t("error.details", { message: error.message })}` : "",
  );
}
