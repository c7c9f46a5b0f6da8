// A delivered account's extra fields (recovery email, 2FA secret, note, anything else the store
// sent), each named in the buyer's language with its own Copy — on the order and payment screens.

import { el } from "../dom";
import { t, type MessageKey } from "../i18n/i18n";
import { copyButton } from "../clipboard";
import type { ItemField, ItemView } from "../ipc";

/** Each extra field the store sent, named and with its own Copy; else the one text older
 *  versions kept, or the store's line whole (a layout the app does not understand). */
export function itemExtras(item: ItemView): (HTMLElement | string)[] {
  if (item.fields.length === 0) return [item.extra ?? item.line ?? ""];
  return item.fields.map((field) =>
    el(
      "div",
      { class: "item-field", "data-testid": "item-field", "data-kind": field.kind },
      el("span", { class: "muted field-label" }, fieldLabel(field)),
      " ",
      el("span", { "data-testid": "item-field-value" }, field.value),
      " ",
      copyButton(t("order.copy"), t("order.copied"), () => field.value, "copy-field"),
    ),
  );
}

function fieldLabel(field: ItemField): string {
  if (field.kind === "other") return field.name ?? t("order.field.other");
  return t(`order.field.${field.kind}` as MessageKey);
}
