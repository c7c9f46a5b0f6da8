// Start-up notices (a damaged file set aside), shown until the user dismisses them.

import { clear, el } from "./dom";
import { t } from "./i18n/i18n";
import { navigateTo } from "./navigation";
import type { StartupNotice } from "./bindings/StartupNotice";

export class NoticesBar {
  readonly root = el("div", { class: "notices", "data-testid": "notices" });

  constructor(
    private notices: StartupNotice[],
    private unfinishedOrders: number,
    private readonly onShowUnfinished: () => void,
  ) {}

  render(): void {
    clear(this.root);
    this.root.hidden = this.notices.length === 0 && this.unfinishedOrders === 0;
    if (this.unfinishedOrders > 0) {
      const show = el("button", { type: "button", class: "button small", "data-testid": "unfinished-show" }, t("orders.showUnfinished"));
      show.addEventListener("click", () => {
        this.unfinishedOrders = 0;
        this.render();
        this.onShowUnfinished();
      });
      this.root.append(
        el("div", { class: "notice", "data-testid": "notice-unfinished" }, el("p", {}, t("orders.unfinishedAtStart", { count: this.unfinishedOrders })), show),
      );
    }
    for (const notice of this.notices) {
      const ok = el("button", { type: "button", class: "button small", "data-testid": "notice-dismiss" }, t("notice.dismiss"));
      ok.addEventListener("click", () => {
        this.notices = this.notices.filter((n) => n !== notice);
        this.render();
      });
      const text = notice.kind === "unansweredOrders" ? t("notice.unansweredOrders", { count: notice.count }) : t(`notice.${notice.kind}`, { path: notice.keptAs });
      const row = el("div", { class: "notice", role: "alert", "data-testid": `notice-${notice.kind}` }, el("p", {}, text));
      if (notice.kind === "unansweredOrders") {
        const show = el("button", { type: "button", class: "button small", "data-testid": "unanswered-show" }, t("orders.showUnfinished"));
        show.addEventListener("click", () => navigateTo("orders"));
        row.append(show, " ");
      }
      row.append(ok);
      this.root.append(row);
    }
  }
}
