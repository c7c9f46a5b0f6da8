// One product in the catalogue grid.

import { el } from "../dom";
import { language, t } from "../i18n/i18n";
import type { ProductView } from "../ipc";
import { productName } from "./products";
import { alertBadge, backButton, starButton } from "../watch/watch-controls";
import { watchOf } from "../watch/watches";

export function priceLine(product: ProductView): HTMLElement {
  return el(
    "p",
    { class: "price" },
    el("span", { class: "price-amount", "data-testid": "product-price" }, t("product.price", { price: product.price })),
    el("span", { class: "price-unit" }, ` ${t("product.perUnit")}`),
  );
}

export function productCard(product: ProductView, onOpen: (product: ProductView) => void, onWatchProblem: (problem: unknown) => void): HTMLElement {
  const name = productName(product, language());
  const open = el(
    "button",
    { type: "button", class: "button", "data-testid": "product-open", "aria-label": `${t("product.details")}: ${name}` },
    t("product.details"),
  );
  open.addEventListener("click", () => onOpen(product));
  return el(
    "article",
    {
      class: product.soldOut ? "product-card sold-out" : "product-card",
      "data-testid": "product-card",
      "data-product-id": product.id,
      "data-sold-out": product.soldOut ? "true" : "false",
    },
    el("div", { class: "card-top" }, el("h2", { class: "product-name", "data-testid": "product-name" }, name), starButton(product, onWatchProblem)),
    priceLine(product),
    el(
      "ul",
      { class: "facts" },
      el("li", { "data-testid": "product-stock" }, t("product.stock", { stock: product.stock })),
      el("li", { "data-testid": "product-min" }, t("product.minQuantity", { min: product.minQuantity })),
    ),
    product.soldOut ? el("p", { class: "badge sold-out-badge", "data-testid": "sold-out" }, t("product.soldOut")) : null,
    alertBadge(watchOf(product.id)),
    el("div", { class: "card-actions" }, open, backButton(product, onWatchProblem)),
  );
}
