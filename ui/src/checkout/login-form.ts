// Logging in to GmailStore for balance payments. The password goes to Rust once; the token stays
// in the vault and never comes back to this page.

import { append, clear, el } from "../dom";
import { errorSentence } from "../errors";
import { t } from "../i18n/i18n";
import { commands, toCommandError, type LoginStatus } from "../ipc";

export class LoginForm {
  readonly root = el("div", { class: "login-box", "data-testid": "login-box" });

  constructor(
    private status: LoginStatus,
    private readonly onChange: (status: LoginStatus) => void,
  ) {
    this.render();
  }

  render(): void {
    clear(this.root);
    if (this.status.loggedIn) {
      const logout = el("button", { type: "button", class: "button small", "data-testid": "logout" }, t("login.logout"));
      logout.addEventListener("click", async () => {
        this.status = await commands.logout();
        this.onChange(this.status);
        this.render();
      });
      append(
        this.root,
        el("p", { "data-testid": "logged-in-as" }, t("checkout.loggedInAs", { email: this.status.email ?? "" })),
        this.status.balance || this.status.balanceCrypto
          ? el("p", { class: "muted", "data-testid": "balance" }, t("checkout.balance", { balance: this.status.balance ?? "—", crypto: this.status.balanceCrypto ?? "—" }))
          : null,
        logout,
      );
      return;
    }
    const email = el("input", { type: "email", class: "input", "data-testid": "login-email", autocomplete: "username" });
    const password = el("input", { type: "password", class: "input", "data-testid": "login-password", autocomplete: "current-password" });
    const remember = el("input", { type: "checkbox", "data-testid": "login-remember" });
    const message = el("p", { class: "error-detail", role: "alert", "data-testid": "login-error" });
    const submit = el("button", { type: "button", class: "button primary", "data-testid": "login-submit" }, t("login.submit"));
    submit.addEventListener("click", async () => {
      message.textContent = "";
      submit.disabled = true;
      try {
        this.status = await commands.login(email.value, password.value, remember.checked);
        password.value = "";
        this.onChange(this.status);
        this.render();
      } catch (error) {
        message.textContent = toCommandError(error).kind === "unauthorized" ? t("login.failed") : errorSentence(error);
      } finally {
        submit.disabled = false;
      }
    });
    this.root.append(
      el("h4", {}, t("login.title")),
      el("p", { class: "muted" }, t("checkout.loginNeeded")),
      el("label", { class: "field" }, el("span", {}, t("login.email")), email),
      el("label", { class: "field" }, el("span", {}, t("login.password")), password),
      el("label", { class: "check" }, remember, el("span", {}, t("login.remember"))),
      message,
      submit,
    );
  }
}
