// The update offer: checked once after start, shown as a bar with the release notes, installed
// only when the user presses Install. A check that fails shows nothing (Rust logs it).

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t } from "../i18n/i18n";
import { commands, toCommandError, type UpdateOffer } from "../ipc";

type State =
  | { step: "none" }
  | { step: "offered"; offer: UpdateOffer }
  | { step: "installing"; offer: UpdateOffer }
  | { step: "failed"; offer: UpdateOffer; error: unknown };

export class UpdateBanner {
  readonly root = el("div", { class: "update-banner", "data-testid": "update", role: "status" });
  private state: State = { step: "none" };

  async check(): Promise<void> {
    let offer: UpdateOffer | null = null;
    try {
      offer = await commands.checkForUpdate();
    } catch {
      // Never in the way of shopping: Rust has logged why.
    }
    this.state = offer ? { step: "offered", offer } : { step: "none" };
    this.render();
  }

  render(): void {
    clear(this.root);
    const state = this.state;
    this.root.hidden = state.step === "none";
    if (state.step === "none") return;
    const { offer } = state;
    append(
      this.root,
      el("p", { class: "update-title", "data-testid": "update-title" }, t("update.available", { version: offer.version, current: offer.currentVersion })),
      offer.notes ? el("p", { class: "update-notes", "data-testid": "update-notes" }, offer.notes) : null,
    );
    if (state.step === "failed") {
      const kind = toCommandError(state.error).kind;
      this.root.append(el("p", { class: "error-sentence", role: "alert", "data-testid": "update-error", "data-kind": kind }, errorSentence(state.error)));
      this.root.append(this.laterButton());
      return;
    }
    const install = el("button", { type: "button", class: "button primary", "data-testid": "update-install" }, t(state.step === "installing" ? "update.installing" : "update.install"));
    install.disabled = state.step === "installing";
    install.addEventListener("click", () => void this.install(offer));
    append(this.root, el("div", { class: "update-actions" }, install, state.step === "offered" ? this.laterButton() : null));
  }

  private laterButton(): HTMLButtonElement {
    const later = el("button", { type: "button", class: "button", "data-testid": "update-later" }, t("update.later"));
    later.addEventListener("click", () => {
      this.state = { step: "none" };
      this.render();
    });
    return later;
  }

  private async install(offer: UpdateOffer): Promise<void> {
    this.state = { step: "installing", offer };
    this.render();
    try {
      // On success the app restarts into the new version and this page goes away.
      await commands.installUpdate();
    } catch (error) {
      this.state = { step: "failed", offer, error };
      this.render();
    }
  }
}
