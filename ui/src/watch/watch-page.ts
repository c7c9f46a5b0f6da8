// The Watch list: every product the buyer starred or asked to be told about, with what the last
// look at the store showed, the marks, the last change, and a way to stop watching.

import { append, clear, el } from "../dom";
import { currentSettings } from "../context";
import { language, t } from "../i18n/i18n";
import { shortTime } from "../orders/format";
import { alertBadge, watchProblem } from "./watch-controls";
import { allWatches, loadWatches, onWatchesChange, removeWatch, type Watch } from "./watches";

export class WatchPage {
  readonly root = el("section", { class: "watch-page", "data-testid": "watch-page" });
  private problem: unknown = null;

  constructor() {
    onWatchesChange(() => this.render());
  }

  async show(): Promise<void> {
    this.problem = null;
    this.render();
    await loadWatches();
  }

  render(): void {
    clear(this.root);
    const watches = allWatches();
    append(
      this.root,
      el("h2", {}, t("watch.title")),
      el("p", { class: "muted", "data-testid": "watch-how" }, t("watch.how")),
      currentSettings()?.watchPaused ? el("p", { class: "notice", "data-testid": "watch-paused" }, t("watch.paused")) : null,
      this.problem ? watchProblem(this.problem) : null,
    );
    if (watches.length === 0) {
      this.root.append(el("p", { class: "muted", "data-testid": "watch-empty" }, t("watch.empty")));
      return;
    }
    this.root.append(el("ul", { class: "watch-list" }, ...watches.map((watch) => this.row(watch))));
  }

  private row(watch: Watch): HTMLElement {
    const name = language() === "zh" ? watch.nameZh || watch.nameEn : watch.nameEn || watch.nameZh;
    const seen = watch.seen;
    const state = !seen
      ? t("watch.notSeen")
      : !seen.listed
        ? t("watch.notListed", { time: shortTime(seen.at) })
        : t(seen.inStock ? "watch.seenInStock" : "watch.seenSoldOut", { price: seen.price, time: shortTime(seen.at) });
    const marks = [
      watch.favourite ? t("watch.markStar") : null,
      watch.whenBack ? t("watch.markBack") : null,
      watch.priceAtMost ? t("watch.markPrice", { price: watch.priceAtMost }) : null,
    ].filter((mark): mark is string => mark !== null);
    const remove = el("button", { type: "button", class: "button small", "data-testid": "watch-remove" }, t("watch.remove"));
    remove.addEventListener("click", () => void this.remove(watch));
    return el(
      "li",
      { class: "watch-row", "data-testid": "watch-row", "data-product-id": watch.productId },
      el("h3", { "data-testid": "watch-name" }, name),
      el("p", { "data-testid": "watch-state" }, state),
      el("p", { class: "muted", "data-testid": "watch-marks" }, marks.join(" · ")),
      alertBadge(watch),
      remove,
    );
  }

  /** Stops watching: the marks go, nothing else (the product stays in the catalogue). */
  private async remove(watch: Watch): Promise<void> {
    try {
      this.problem = null;
      await removeWatch(watch.productId);
    } catch (error) {
      this.problem = error;
      this.render();
    }
  }
}
