// Steps most end-to-end tests begin with: open the app in English with its vault open.

import { clickTestId, typeInto, waitFor } from "./helpers.mjs";
import { until } from "./harness.mjs";

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
