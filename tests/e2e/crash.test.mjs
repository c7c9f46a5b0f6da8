// Crash suite: SIGKILL the real app (target/debug/mailcart) at random points of a checkout, a
// delivery and a receive-code refresh; restart it on the same data folder, unlock, and check that
// nothing is lost: every order the double created is in the order book (or, when the kill came
// between the store creating it and the app hearing the answer, shown as "sent, no answer: may
// exist", and found by the lookup it offers); delivered accounts and codes are shown exactly; no
// order twice; the database was not set aside as damaged. The random delays come from one seed,
// printed (set CRASH_SEED to replay a run).

import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ROOT, until } from "./harness.mjs";
import { appSuite } from "./suite.mjs";
import { accountsFor, clickTestId, textOf, typeInto, untilTexts, waitFor } from "./helpers.mjs";
import { openApp, startBuying } from "./app-steps.mjs";

const PASSPHRASE = "crash e2e passphrase";
const APP = join(ROOT, "target/debug/mailcart");
/** 8 per phase in `npm test`; CRASH_KILLS_PER_PHASE=50 (say) for a long run. */
const KILLS_PER_PHASE = Number(process.env.CRASH_KILLS_PER_PHASE ?? 8);
/** The create-order is held this long, before the store handles it (`slow`) or after it made the
 *  order (`slowafter`), so kills land before the request, before the order exists, between the
 *  store making it and the app hearing of it, and after the answer. */
const SLOW_CREATE_MS = 1500;
const PRODUCT = "Aged Gmail (registered 2019)";
const ctx = appSuite("crash");

const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`crash suite seed: ${SEED} (CRASH_SEED=${SEED} replays it)`);
/** mulberry32: small, seedable, good enough to spread delays. */
const random = (() => {
  let a = SEED >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const between = (low, high) => Math.round(low + random() * (high - low));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const tally = { kills: { checkout: 0, delivery: 0, receiveCode: 0 }, lost: [], answeredByAttempt: 0, attemptsWithoutOrder: 0, started: Date.now() };

/** The accounts the double delivers for an order (see tests/store-double). */

// ---- processes ----------------------------------------------------------------------------

function processTable() {
  const table = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const argv0 = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0")[0];
      table.push({ pid: Number(name), ppid: Number(fields[1]), state: fields[0], argv0 });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

function descendants(table, root) {
  const found = [];
  let frontier = [root];
  while (frontier.length) {
    const children = table.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** Our app process: the one under our own tauri-driver (other runs on this machine are not ours). */
function appProcess() {
  const table = processTable();
  const app = descendants(table, ctx.harness.driver.child.pid).find((p) => p.argv0 === APP && p.state !== "Z");
  return app ? { pid: app.pid, children: descendants(table, app.pid).map((p) => p.pid) } : null;
}

const alive = (pid) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== undefined && state !== "Z";
  } catch {
    return false;
  }
};

/** SIGKILLs the app (not its WebKit children: they must die with it), then checks nothing of it remains. */
async function killApp(phase) {
  const app = appProcess();
  assert.ok(app, "the app process is running");
  process.kill(app.pid, "SIGKILL");
  tally.kills[phase] += 1;
  await until(() => !alive(app.pid), { what: `app ${app.pid} to die`, timeoutMs: 5_000 });
  await until(() => app.children.every((pid) => !alive(pid)), {
    what: `the app's child processes ${app.children.join(",")} to end with it (stray WebKit processes)`,
    timeoutMs: 10_000,
  });
  await ctx.session?.end().catch(() => {});
  ctx.session = null;
}

// ---- checks after each restart ----------------------------------------------------------

async function showOrders() {
  await clickTestId(ctx.session, "nav-orders");
  await waitFor(ctx.session, '[data-testid="orders-table"], [data-testid="orders-empty"]');
}

/** Restarts on the same data folder and checks the order book against the double. */
async function restartAndCheck(expect = {}) {
  // This suite looks orders up far more often than a real store allows (3 a minute per IP), and
  // resets the double's count before each lookup; the app keeps its own count of recent lookups
  // across restarts (`lookup-limit.json`), cleared here with it while the app is down.
  rmSync(join(ctx.harness.appDataDir, "lookup-limit.json"), { force: true });
  ctx.session = await openApp(ctx.harness, PASSPHRASE);
  assert.equal((await ctx.session.findAll('[data-testid="notice-databaseDamaged"]')).length, 0, "the database was not set aside");
  assert.deepEqual(readdirSync(ctx.harness.appDataDir).filter((f) => f.includes("damaged")), [], "no damaged file kept aside");
  const noticed = (await ctx.session.findAll('[data-testid="notice-unansweredOrders"]')).length > 0;
  await showOrders();
  const attempts = (await ctx.session.findAll('[data-testid="attempt"]')).length;
  assert.equal(noticed, attempts > 0, "the start-up notice says so exactly when orders went unanswered");
  const storeOrders = await ctx.harness.control("GET", "/orders");
  assert.equal(new Set(storeOrders.map((o) => o.orderNo)).size, storeOrders.length, "the double holds no order twice");
  let book = await ctx.session.texts('[data-testid="order-number"]');
  assert.equal(new Set(book).size, book.length, `no order twice in the book: ${book}`);

  // Orders the store made whose answer the app never recorded: the unanswered attempt must be on
  // the Orders page, and its lookup must bring the order in.
  for (const order of storeOrders.filter((o) => !book.includes(o.orderNo))) {
    const emails = await ctx.session.texts('[data-testid="attempt-email"]');
    if (!emails.includes(order.contactEmail)) {
      tally.lost.push(order.orderNo);
      continue;
    }
    tally.answeredByAttempt += 1;
    await ctx.harness.reset(); // the store's lookup limits, not what it holds
    const lookups = await ctx.session.findAll('[data-testid="attempt-lookup"]');
    await ctx.session.click(lookups[emails.indexOf(order.contactEmail)]);
    assert.equal(await ctx.session.attribute((await waitFor(ctx.session, '[data-testid="lookup-email"]'))[0], "value"), order.contactEmail);
    await typeInto(ctx.session, "lookup-order-no", order.orderNo);
    await clickTestId(ctx.session, "lookup-submit");
    await until(async () => (await textOf(ctx.session, "lookup-found")).includes(order.orderNo), { what: `lookup of ${order.orderNo}` });
    await showOrders();
  }
  // Attempts left have no order at the store (the kill came before it was made): dismiss them.
  for (;;) {
    const [dismiss] = await ctx.session.findAll('[data-testid="attempt-dismiss"]');
    if (!dismiss) break;
    tally.attemptsWithoutOrder += 1;
    const before = (await ctx.session.findAll('[data-testid="attempt"]')).length;
    await ctx.session.click(dismiss);
    await until(async () => (await ctx.session.findAll('[data-testid="attempt"]')).length < before, { what: "the attempt dismissed" });
  }
  book = await ctx.session.texts('[data-testid="order-number"]');
  assert.equal(new Set(book).size, book.length, `no order twice in the book: ${book}`);
  for (const order of storeOrders) assert.ok(book.includes(order.orderNo), `order ${order.orderNo} is in the book`);
  assert.deepEqual(tally.lost, [], "no order the store made is lost");
  if (expect.delivered) await expectItems(expect.delivered.orderNo, expect.delivered.logins, expect.delivered.extras ?? null, expect.delivered.passwords ?? null);
}

/** Opens order `orderNo` (reloading the list until the start-up check has applied what the store
 *  delivered) and checks its items exactly. */
async function expectItems(orderNo, logins, extras, passwords) {
  let last;
  await until(
    async () => {
      await showOrders();
      const numbers = await ctx.session.texts('[data-testid="order-number"]');
      const opens = await ctx.session.findAll('[data-testid="order-open"]');
      await ctx.session.click(opens[numbers.indexOf(orderNo)]);
      await waitFor(ctx.session, '[data-testid="items-table"], [data-testid="order-no-items"]');
      last = {
        logins: await ctx.session.texts('[data-testid="item-login"]'),
        passwords: await ctx.session.texts('[data-testid="item-password"]'),
        extras: await ctx.session.texts('[data-testid="item-extra"]'),
      };
      return (
        JSON.stringify(last.logins) === JSON.stringify(logins) &&
        (passwords === null || JSON.stringify(last.passwords) === JSON.stringify(passwords)) &&
        (extras === null || JSON.stringify(last.extras) === JSON.stringify(extras))
      );
    },
    { what: `the items of ${orderNo}`, timeoutMs: 30_000, intervalMs: 1_000 },
  ).catch((error) => {
    throw new Error(`${orderNo}: expected ${JSON.stringify({ logins, passwords, extras })}, last saw ${JSON.stringify(last)}`, { cause: error });
  });
  assert.equal((await ctx.session.findAll('[data-testid="order-unreadable"]')).length, 0, "every item opens");
}

async function fillCheckout(email, quantity) {
  await clickTestId(ctx.session, "nav-catalogue");
  await startBuying(ctx.session, PRODUCT);
  await typeInto(ctx.session, "checkout-quantity", String(quantity));
  await typeInto(ctx.session, "checkout-email", email);
  await waitFor(ctx.session, '[data-testid="checkout-total"]');
}

after(() => {
  const k = tally.kills;
  const total = k.checkout + k.delivery + k.receiveCode;
  console.log(
    `crash suite: ${total} kills (${k.checkout} checkout, ${k.delivery} delivery, ${k.receiveCode} receive-code), ${tally.lost.length} lost; ` +
      `${tally.answeredByAttempt} orders made by the store before the app had its answer were kept as "may exist" and found by lookup; ` +
      `${tally.attemptsWithoutOrder} attempts had no order; seed ${SEED}; ${((Date.now() - tally.started) / 1000).toFixed(0)} s`,
  );
});

describe("crash suite: SIGKILL the app, restart, nothing lost", () => {
  it(`checkout: ${KILLS_PER_PHASE} kills around pressing Pay on a crypto order`, async () => {
    ctx.session = await openApp(ctx.harness, PASSPHRASE);
    for (let run = 0; run < KILLS_PER_PHASE; run++) {
      const email = `crash-pay-${run}@example.com`;
      await fillCheckout(email, 1);
      const kind = random() < 0.5 ? "slow" : "slowafter";
      await ctx.harness.fault({ kind, path: "/api/orders/create", count: 1, delayMs: SLOW_CREATE_MS });
      const delay = between(0, SLOW_CREATE_MS + 1200);
      await clickTestId(ctx.session, "checkout-submit");
      await sleep(delay);
      await killApp("checkout");
      await ctx.harness.control("DELETE", "/faults");
      await restartAndCheck();
    }
  });

  it(`delivery: ${KILLS_PER_PHASE} kills while the app polls an order the store moves to paid and delivered`, async () => {
    ctx.session ??= await openApp(ctx.harness, PASSPHRASE);
    for (let run = 0; run < KILLS_PER_PHASE; run++) {
      await fillCheckout(`crash-deliver-${run}@example.com`, 2);
      await clickTestId(ctx.session, "checkout-submit");
      await until(async () => {
        const [status] = await ctx.session.findAll('[data-testid="pay-status"]');
        return status && (await ctx.session.attribute(status, "data-status")) === "awaitingPayment";
      }, { what: "the payment screen" });
      const orderNo = await textOf(ctx.session, "pay-order-no");
      await ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "paid" });
      const delivered = sleep(between(0, 3000)).then(() => ctx.harness.control("POST", `/orders/${orderNo}/status`, { status: "completed" }));
      await sleep(between(300, 7000));
      await killApp("delivery");
      await delivered;
      const accounts = accountsFor(orderNo, 2);
      await restartAndCheck({ delivered: { orderNo, logins: accounts.map((a) => a[0]), passwords: accounts.map((a) => a[1]) } });
    }
  });

  it(`receive-code refresh: ${KILLS_PER_PHASE} kills while an email order's items receive codes`, async () => {
    ctx.session ??= await openApp(ctx.harness, PASSPHRASE);
    await ctx.harness.control("POST", "/email-order", { holdMs: 300 });
    await clickTestId(ctx.session, "nav-codes");
    await typeInto(ctx.session, "codes-url", ctx.harness.storeUrl);
    await typeInto(ctx.session, "codes-key", "test-api-key-0001");
    await clickTestId(ctx.session, "codes-save");
    await waitFor(ctx.session, '[data-testid="codes-connected"]');
    for (let run = 0; run < KILLS_PER_PHASE; run++) {
      await clickTestId(ctx.session, "nav-codes");
      await waitFor(ctx.session, '[data-testid="codes-platform"] option');
      await typeInto(ctx.session, "codes-count", "3");
      await clickTestId(ctx.session, "codes-buy");
      await clickTestId(ctx.session, "codes-confirm");
      await until(async () => (await ctx.session.texts('[data-testid="code-status"]')).length === 3, { what: "the 3 emails", timeoutMs: 20_000 });
      const [title] = await ctx.session.texts('[data-testid="codes-order"] h2');
      const orderNo = title.match(/Order (E\d+)/)[1];
      const emails = await ctx.session.texts('[data-testid="code-email"]');
      const texts = emails.map((_, i) => `Your code is ${String(between(100000, 999999))} (${run}.${i})`);
      const arrivals = Promise.all(
        texts.map((text, i) =>
          sleep(between(0, 6000)).then(() => ctx.harness.control("POST", `/email-order/${orderNo}/items/${i}`, { status: "CodeReceived", text })),
        ),
      );
      await sleep(between(300, 7000));
      await killApp("receiveCode");
      await arrivals;
      await restartAndCheck({ delivered: { orderNo, logins: emails, extras: texts } });
    }
  });
});
