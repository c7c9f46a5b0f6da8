// Steps most end-to-end tests begin with: open the app in English with its vault open.

import { clickTestId, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { until } from "./harness.mjs";

/** Presses "Check now" on the payment screen (while it is offered) until the order shows as delivered. */
export async function untilDelivered(session, what = "the delivery") {
  await until(
    async () => {
      const [checkNow] = await session.findAll('[data-testid="pay-check-now"]');
      if (checkNow) await session.click(checkNow);
      return (await session.findAll('[data-testid="pay-status"][data-status="delivered"]')).length === 1;
    },
    { what, timeoutMs: 30_000, intervalMs: 2_000 },
  );
}

/** Launches the app, switches to English and opens the vault (choosing `passphrase` the first time). */
export async function openApp(harness, passphrase) {
  const session = await harness.launch();
  await clickTestId(session, "lang-en");
  const [panel] = await waitFor(session, '[data-testid="vault-panel"]');
  const problem = await session.attribute(panel, "data-problem");
  if (problem === "noKeychain") {
    await typeInto(session, "passphrase", passphrase);
    await typeInto(session, "passphrase-repeat", passphrase);
  } else {
    await typeInto(session, "passphrase", passphrase);
  }
  await clickTestId(session, "passphrase-submit");
  await until(async () => (await session.findAll('[data-testid="vault-panel"]:not([hidden])')).length === 0, { what: "the vault to open" });
  return session;
}

/** Opens the product whose card shows `name`, then its Buy form. */
export async function startBuying(session, name) {
  await until(async () => (await session.texts('[data-testid="product-name"]')).includes(name), { what: `product ${name}` });
  const names = await session.texts('[data-testid="product-name"]');
  const opens = await session.findAll('[data-testid="product-open"]');
  await session.click(opens[names.indexOf(name)]);
  // The store's latest answer re-renders the detail: click Buy once it has come.
  await until(async () => (await session.findAll('[data-testid="detail-loading"]')).length === 0, { what: "the product's detail to load" });
  await clickTestId(session, "buy");
  await waitFor(session, '[data-testid="checkout-quantity"]');
}

/** Opens the Buy form of product `name` for one item paid from the CNY balance, logged in as the
 *  double's buyer (balance ¥100.00). */
export async function startBalanceCheckout(session, name) {
  await startBuying(session, name);
  await typeInto(session, "checkout-quantity", "1");
  await typeInto(session, "checkout-email", "buyer@example.com");
  await clickTestId(session, "method-balance_cny");
  await typeInto(session, "login-email", "buyer@example.com");
  await typeInto(session, "login-password", "correct-password");
  await clickTestId(session, "login-submit");
  await untilTexts(session, '[data-testid="balance"]', ["Balance: ¥100.00 · crypto 50.5"]);
}

/** Opens the app on the receive-code page, its buy form filled with `count` emails (the service's
 * buy held `holdMs`). */
export async function startBuyingEmails(harness, passphrase, { count, holdMs }) {
  await harness.control("POST", "/email-order", { holdMs });
  const session = await openApp(harness, passphrase);
  await clickTestId(session, "nav-codes");
  await waitFor(session, '[data-testid="codes-platform"] option');
  await typeInto(session, "codes-count", String(count));
  return session;
}
