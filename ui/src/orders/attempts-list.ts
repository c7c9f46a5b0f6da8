// Orders sent to a store whose answer never arrived (Mailcart stopped, the connection broke): each
// may exist at the store, so it is shown above the order list with the way to look it up, until
// a lookup finds it or the user dismisses it.

import { el } from "../dom";
import { t } from "../i18n/i18n";
import { commands, type PendingAttempt } from "../ipc";
import { navigateTo } from "../navigation";
import { prefillLookup } from "../lookup/prefill";
import { shortTime, storeLabel } from "./format";

/** The block for `attempts` (null when there are none); `onChanged` reloads the page. */
export function attemptsBlock(attempts: PendingAttempt[], onChanged: () => void): HTMLElement | null {
  if (attempts.length === 0) return null;
  return el(
    "div",
    { class: "notice attempts", role: "alert", "data-testid": "attempts" },
    el("h3", {}, t("attempts.title")),
    ...attempts.map((attempt) => attemptRow(attempt, onChanged)),
  );
}

function attemptRow(attempt: PendingAttempt, onChanged: () => void): HTMLElement {
  const lookup = el("button", { type: "button", class: "button small", "data-testid": "attempt-lookup" }, t("attempts.lookup"));
  lookup.addEventListener("click", () => {
    if (attempt.store === "gmailstore") {
      prefillLookup({ email: attempt.contactEmail, orderNo: attempt.orderNo });
      navigateTo("lookup");
    } else {
      navigateTo("codes");
    }
  });
  const dismiss = el("button", { type: "button", class: "button small", "data-testid": "attempt-dismiss" }, t("attempts.dismiss"));
  dismiss.addEventListener("click", () => {
    dismiss.disabled = true;
    void commands.orderAttemptDismiss(attempt.id).finally(onChanged);
  });
  const facts = [
    storeLabel(attempt.store),
    t("attempts.what", { product: attempt.productName, quantity: attempt.quantity }),
    t("attempts.sentAt", { time: shortTime(attempt.startedAt) }),
  ].join(" · ");
  return el(
    "div",
    { class: "attempt", "data-testid": "attempt", "data-attempt-id": String(attempt.id) },
    el("p", { "data-testid": "attempt-explain" }, t("attempts.explain")),
    el("p", { class: "muted" }, facts, attempt.contactEmail ? " · " : "", attempt.contactEmail ? el("span", { class: "mono", "data-testid": "attempt-email" }, attempt.contactEmail) : ""),
    attempt.orderNo ? el("p", { "data-testid": "attempt-order-no" }, t("attempts.orderNo"), " ", el("span", { class: "mono" }, attempt.orderNo)) : null,
    attempt.store === "emailOrder" ? el("p", { class: "muted" }, t("attempts.emailOrderHint")) : null,
    el("p", {}, lookup, " ", dismiss),
  );
}
