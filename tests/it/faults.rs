//! The fault suite: every store endpoint the app calls × every way the double can fail.
//!
//! For each cell: the kind the UI sees (through the same `AppError` conversion the commands use),
//! a non-empty message for that kind in both UI languages, the exact number of requests the
//! double saw (GETs are tried 3 times on transient failures, see `retry.rs`; POSTs and lookups
//! once), never more than one order per attempt, and the same client working once the fault is
//! cleared. A create-order runs the app's own `place_order` against an order book, and every cell
//! checks that an order the double made is either recorded or left as "may exist" (an open
//! attempt): never lost. Then scenarios of their own: a login that expires mid-checkout, the
//! email-order lockout, a create answered after 35 s, and a full disk when the order is recorded.
//! Run `cargo test --test it faults -- --nocapture` to see the count.

use std::time::Duration;

use mailcart_lib::checkout::{place_order, PlaceOrderError};
use mailcart_lib::ipc::{AppError, AppErrorKind};
use mailcart_lib::orders::{OrderBook, OrderFilter};
use mailcart_lib::stores::email_order::EmailOrderClient;
use mailcart_lib::stores::gmailstore::{Coin, CreateOrderRequest, GmailStoreClient, PaymentMethod, Product, RetryPolicy};
use mailcart_lib::vault::Secret;
use mailcart_store_double::email_order::VALID_KEY;
use mailcart_store_double::{spawn_local, Fault, FaultKind, RunningDouble};

const AGED: &str = "7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22"; // 12.345, stock 120
const TWITTER: &str = "68708da21ef8267d7f1114fb";
const BUYER: &str = "buyer@example.com";
/// The client's whole-request deadline in these tests, and the `slow` fault's delay well past it.
const DEADLINE: Duration = Duration::from_millis(1_500);
const SLOW_MS: u64 = 3_000;
/// Cells run side by side, each with its own double; this many at a time.
const PARALLEL: usize = 8;
/// Tries of a retried GET (`RetryPolicy::default().attempts`).
const GET_TRIES: u64 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    Products,
    Product,
    PaymentConfig,
    Login,
    CreateOrder,
    OrderStatus,
    OrderQuery,
    Platforms,
    Buy,
    Details,
}

const CALLS: [Call; 10] = [
    Call::Products,
    Call::Product,
    Call::PaymentConfig,
    Call::Login,
    Call::CreateOrder,
    Call::OrderStatus,
    Call::OrderQuery,
    Call::Platforms,
    Call::Buy,
    Call::Details,
];

impl Call {
    /// The route as the double counts it.
    fn route(self) -> &'static str {
        match self {
            Call::Products => "GET /api/products",
            Call::Product => "GET /api/products/{id_or_slug}",
            Call::PaymentConfig => "GET /api/payment-config",
            Call::Login => "POST /api/auth/login",
            Call::CreateOrder => "POST /api/orders/create",
            Call::OrderStatus => "GET /api/orders/{id}/status",
            Call::OrderQuery => "GET /api/orders/query",
            Call::Platforms => "POST /api/buyEmailOrder/open/accountPlatformList",
            Call::Buy => "POST /api/buyEmailOrder/open/buy",
            Call::Details => "POST /api/buyEmailOrder/open/details/{order_no}",
        }
    }

    /// Idempotent GETs the client tries again (the lookup is a GET but never retried: each try
    /// counts against the store's limit).
    fn retried(self) -> bool {
        matches!(self, Call::Products | Call::Product | Call::PaymentConfig | Call::OrderStatus)
    }

    /// The calls that create an order at the store.
    fn creates(self) -> bool {
        matches!(self, Call::CreateOrder | Call::Buy)
    }

    fn email_order(self) -> bool {
        matches!(self, Call::Platforms | Call::Buy | Call::Details)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Http500,
    /// `slow` past the client's deadline.
    Timeout,
    /// `drop`: the connection is closed before any answer.
    Reset,
    /// `malformed`: HTTP 200, truncated JSON.
    Truncated,
    /// `wrongshape`: HTTP 200, valid JSON of the wrong shape.
    WrongShape,
    /// `html`: HTTP 502 with a proxy's HTML page.
    Html,
    Http429RetryAfter,
    Http429Bare,
    /// `dropafter`: handled (the order is created), then the answer is lost. Creating POSTs only.
    AnswerLost,
    /// `htmlafter`: handled (the order is created), then a proxy's 502 page. Creating POSTs only.
    ProxyPageAfter,
    /// `oddamount`: handled, every amount in the answer unreadable. Creating POSTs only.
    UnreadableAmount,
}

const CASES: [Case; 11] = [
    Case::Http500,
    Case::Timeout,
    Case::Reset,
    Case::Truncated,
    Case::WrongShape,
    Case::Html,
    Case::Http429RetryAfter,
    Case::Http429Bare,
    Case::AnswerLost,
    Case::ProxyPageAfter,
    Case::UnreadableAmount,
];

impl Case {
    fn fault(self, path: String) -> Fault {
        let fault = match self {
            Case::Http500 => Fault::new(FaultKind::Http500),
            Case::Timeout => Fault::new(FaultKind::Slow).delay(SLOW_MS),
            Case::Reset => Fault::new(FaultKind::Drop),
            Case::Truncated => Fault::new(FaultKind::Malformed),
            Case::WrongShape => Fault::new(FaultKind::WrongShape),
            Case::Html => Fault::new(FaultKind::Html),
            Case::Http429RetryAfter => Fault::new(FaultKind::Http429).retry_after(1),
            Case::Http429Bare => Fault::new(FaultKind::Http429),
            Case::AnswerLost => Fault::new(FaultKind::DropAfter),
            Case::ProxyPageAfter => Fault::new(FaultKind::HtmlAfter),
            Case::UnreadableAmount => Fault::new(FaultKind::OddAmount),
        };
        // Lasting until cleared, so the hit count shows every retry.
        fault.on_path(&path)
    }

    /// A failure the retry policy tries again (on a GET).
    fn transient(self) -> bool {
        !matches!(self, Case::Truncated | Case::WrongShape | Case::AnswerLost | Case::UnreadableAmount)
    }

    /// Faults that let the request through (an order is made) and spoil its answer.
    fn after_handling(self) -> bool {
        matches!(self, Case::AnswerLost | Case::ProxyPageAfter | Case::UnreadableAmount)
    }
}

/// What a cell must show.
#[derive(Debug, PartialEq, Eq)]
struct Expected {
    /// `None`: the call succeeds (a tolerant reader's safe default).
    kind: Option<AppErrorKind>,
    hits: u64,
    /// Orders the double may hold after the faulted call: `(at least, at most)`.
    orders: (usize, usize),
}

/// The documented behaviour, cell by cell. `None` when the cell does not exist (`dropafter` is
/// only for the calls that create an order).
fn expected(call: Call, case: Case) -> Option<Expected> {
    use AppErrorKind as K;
    if case.after_handling() && !call.creates() {
        return None;
    }
    let hits = if call.retried() && case.transient() { GET_TRIES } else { 1 };
    // An answer whose amounts cannot be read still names the order: it is recorded (the email-order
    // buy's answer is only the order number, which is not an amount).
    if case == Case::UnreadableAmount {
        return Some(Expected { kind: None, hits, orders: (1, 1) });
    }
    let kind = if call.email_order() {
        // The email-order API always answers HTTP 200 with its envelope; any other status is a
        // proxy or a server in trouble (a 429 asks to slow down). Nothing is retried.
        match case {
            Case::Http429RetryAfter | Case::Http429Bare => K::RateLimited,
            // The buy may have been handled before the failure: the order may exist.
            Case::Http500 | Case::Html | Case::Timeout | Case::Reset | Case::Truncated | Case::WrongShape | Case::AnswerLost | Case::ProxyPageAfter
                if call == Call::Buy =>
            {
                K::OrderMayExist
            }
            Case::Http500 | Case::Html => K::StoreUnavailable,
            Case::Timeout => K::Timeout,
            Case::Reset => K::Network,
            Case::Truncated | Case::WrongShape => K::BadResponse,
            Case::AnswerLost | Case::ProxyPageAfter | Case::UnreadableAmount => unreachable!(),
        }
    } else {
        match case {
            Case::Http429RetryAfter | Case::Http429Bare => K::RateLimited,
            // The request went out and no readable answer came back, or a server or proxy error
            // did (it may come after the order was made): the order may exist.
            Case::Http500 | Case::Html | Case::Timeout | Case::Reset | Case::Truncated | Case::WrongShape | Case::AnswerLost | Case::ProxyPageAfter
                if call == Call::CreateOrder =>
            {
                K::OrderMayExist
            }
            Case::Http500 | Case::Html => K::StoreUnavailable,
            Case::Timeout => K::Timeout,
            Case::Reset => K::Network,
            // The payment options have no documented shape: flags it cannot find read as "not
            // offered", which only hides the cashier methods (`docs/api/gmailstore.md`: tolerant reader).
            Case::WrongShape if call == Call::PaymentConfig => return Some(Expected { kind: None, hits, orders: (0, 0) }),
            Case::Truncated | Case::WrongShape => K::BadResponse,
            Case::AnswerLost | Case::ProxyPageAfter | Case::UnreadableAmount => unreachable!(),
        }
    };
    let orders = match (call.creates(), case) {
        (true, Case::AnswerLost | Case::ProxyPageAfter) => (1, 1),
        // The store may or may not finish the order after the client gave up: never two.
        (true, Case::Timeout) => (0, 1),
        _ => (0, 0),
    };
    Some(Expected { kind: Some(kind), hits, orders })
}

/// A double and the app's two clients, with an order of each kind for the calls that need one.
struct Bench {
    double: RunningDouble,
    gmailstore: GmailStoreClient,
    /// The app's order book, its vault open (the folder lives as long as the bench).
    book: OrderBook,
    _data: tempfile::TempDir,
    product: Product,
    email_order: EmailOrderClient,
    order_id: String,
    order_no: String,
    order_token: Secret<String>,
    email_order_no: String,
}

impl Bench {
    async fn new() -> Bench {
        let double = spawn_local().await.unwrap();
        double.state.email_order.set_hold(Duration::ZERO);
        let gmailstore = GmailStoreClient::builder()
            .base_url(double.gmailstore_base_url())
            .request_timeout(DEADLINE)
            // The create call's own (longer) deadline, scaled down like the rest: as the email-order
            // buy's is below.
            .create_timeout(DEADLINE)
            .retry(RetryPolicy { first_pause: Duration::from_millis(20), ..RetryPolicy::default() })
            .build()
            .unwrap();
        let email_order = EmailOrderClient::builder(double.email_order_base_url()).timeout(DEADLINE).buy_timeout(DEADLINE).build().unwrap();
        let created = gmailstore.create_order(&crypto_order(), None).await.unwrap();
        let email_order_no = email_order.buy(&key(), TWITTER, 1).await.unwrap();
        let product = gmailstore.product(AGED).await.unwrap();
        double.state.hits.clear();
        let (data, book) = order_book();
        Bench {
            double,
            gmailstore,
            book,
            _data: data,
            product,
            email_order,
            order_id: created.id.unwrap(),
            order_no: created.order_no.unwrap(),
            order_token: created.access_token.unwrap(),
            email_order_no,
        }
    }

    fn fault_path(&self, call: Call) -> String {
        match call {
            Call::Products => "/api/products".into(),
            Call::Product => "/api/products/".into(),
            Call::PaymentConfig => "/api/payment-config".into(),
            Call::Login => "/api/auth/login".into(),
            Call::CreateOrder => "/api/orders/create".into(),
            Call::OrderStatus => format!("/api/orders/{}/status", self.order_id),
            Call::OrderQuery => "/api/orders/query".into(),
            Call::Platforms => "/api/buyEmailOrder/open/accountPlatformList".into(),
            Call::Buy => "/api/buyEmailOrder/open/buy".into(),
            Call::Details => "/api/buyEmailOrder/open/details/".into(),
        }
    }

    /// Orders the double holds (of the store the call belongs to), beyond the bench's own.
    fn orders(&self, call: Call) -> usize {
        if call.email_order() {
            self.double.state.email_order.orders().len() - 1
        } else {
            self.double.state.gmailstore_orders.all().len() - 1
        }
    }

    /// The call as a command makes it, its error converted as that command converts it.
    async fn run(&self, call: Call) -> Result<(), AppError> {
        let gs = &self.gmailstore;
        match call {
            Call::Products => gs.products().await.map(drop).map_err(AppError::from),
            Call::Product => gs.product(AGED).await.map(drop).map_err(AppError::from),
            Call::PaymentConfig => gs.payment_config().await.map(drop).map_err(AppError::from),
            Call::Login => gs.login(BUYER, &Secret::from("correct-password")).await.map(drop).map_err(AppError::from),
            Call::CreateOrder => self.place(&crypto_order()).await.map(drop).map_err(AppError::from),
            Call::OrderStatus => gs.order_status(&self.order_id, &self.order_token).await.map(drop).map_err(AppError::from),
            Call::OrderQuery => gs.query_order(&self.order_no, BUYER).await.map(drop).map_err(AppError::from),
            Call::Platforms => self.email_order.platforms(&key()).await.map(drop).map_err(AppError::from),
            Call::Buy => mailcart_lib::receive_codes::buy(&self.email_order, &self.book, &key(), TWITTER, 1).await.map(drop),
            Call::Details => self.email_order.details(&key(), &self.email_order_no).await.map(drop).map_err(AppError::from),
        }
    }
}

impl Bench {
    /// The app's own create-order: attempt, send, keep, read, record.
    async fn place(&self, request: &CreateOrderRequest) -> Result<i64, PlaceOrderError> {
        place_order(&self.gmailstore, &self.book, request, &self.product, None).await.map(|committed| committed.id)
    }

    /// Orders recorded in the book, and attempts left open ("may exist").
    fn kept(&self) -> (usize, usize) {
        (self.book.list(&OrderFilter::default()).unwrap().len(), self.book.unresolved_attempts().unwrap().len())
    }
}

/// An order book in a new folder, its vault protected by a passphrase and open.
fn order_book() -> (tempfile::TempDir, OrderBook) {
    let dir = tempfile::tempdir().unwrap();
    let folder = crate::common::open_data_folder(dir.path(), "fault matrix passphrase");
    (dir, folder.orders)
}

fn crypto_order() -> CreateOrderRequest {
    CreateOrderRequest {
        product_id: AGED.into(),
        quantity: 1,
        contact_email: BUYER.into(),
        payment_method: PaymentMethod::Crypto,
        coin: Some(Coin::Trc20Usdt),
        coupon_code: None,
    }
}

fn key() -> Secret<String> {
    Secret::from(VALID_KEY)
}

/// The UI's message for `kind` in English and Chinese (`ui/src/i18n/messages.ts`, `error.<kind>`).
fn ui_messages(kind: AppErrorKind) -> (Option<String>, Option<String>) {
    let table = include_str!("../../ui/src/i18n/messages.ts");
    let (en, zh) = table.split_once("\nconst zh").expect("messages.ts has an en and a zh table");
    let name = serde_json::to_value(kind).unwrap();
    let key = format!("\"error.{}\": \"", name.as_str().unwrap());
    let text = |part: &str| {
        let start = part.find(&key)? + key.len();
        let end = part[start..].find("\",\n")?;
        Some(part[start..start + end].to_owned()).filter(|t| !t.trim().is_empty())
    };
    (text(en), text(zh))
}

/// One cell: fault, call, check, clear, call again. Returns what did not hold.
async fn cell(call: Call, case: Case, expected: Expected) -> Vec<String> {
    let bench = Bench::new().await;
    let mut problems = Vec::new();
    bench.double.state.faults.push(case.fault(bench.fault_path(call)));
    let outcome = bench.run(call).await;
    if case == Case::Timeout {
        // Let the double finish (or drop) the late request before counting orders.
        tokio::time::sleep(Duration::from_millis(SLOW_MS + 300)).await;
    }
    let kind = outcome.as_ref().err().map(|e| e.kind);
    if kind != expected.kind {
        problems.push(format!("kind {kind:?}, expected {:?} ({outcome:?})", expected.kind));
    }
    if let Err(error) = &outcome {
        let (en, zh) = ui_messages(error.kind);
        if en.is_none() || zh.is_none() {
            problems.push(format!("no UI message for {:?} (en {en:?}, zh {zh:?})", error.kind));
        }
        let wants_wait = call.retried() || call == Call::OrderQuery || call == Call::Login || call == Call::CreateOrder;
        if case == Case::Http429RetryAfter && wants_wait && error.retry_after_ms != Some(1_000) {
            problems.push(format!("Retry-After not passed on: {:?}", error.retry_after_ms));
        }
    }
    let hits = bench.double.state.hits.get(call.route());
    if hits != expected.hits {
        problems.push(format!("{hits} hits, expected {}", expected.hits));
    }
    let orders = bench.orders(call);
    if orders < expected.orders.0 || orders > expected.orders.1 {
        problems.push(format!("{orders} orders, expected {:?}", expected.orders));
    }
    if call.creates() {
        // Never lost: what the double made is recorded, or the attempt still says it may exist;
        // and only a refusal closes the attempt with nothing recorded.
        let (recorded, open) = bench.kept();
        let may_exist = kind == Some(AppErrorKind::OrderMayExist);
        if recorded + open < orders || (may_exist && open != 1) || (kind.is_none() && recorded != 1) || (kind == Some(AppErrorKind::RateLimited) && recorded + open != 0) {
            problems.push(format!("the book holds {recorded} orders and {open} open attempts after {kind:?} with {orders} made"));
        }
    }

    bench.double.state.faults.clear();
    if call == Call::OrderQuery && matches!(case, Case::Http429RetryAfter | Case::Http429Bare) {
        // The store's 429 holds every lookup until it allows one again (see `limiter`): refused by
        // the app with no call, then (after the 1 s it asked for) usable again. A bare 429 holds
        // for a whole minute: that wait is not taken here.
        let before = bench.double.state.hits.get(call.route());
        if !matches!(bench.run(call).await, Err(AppError { kind: AppErrorKind::RateLimited, .. })) || bench.double.state.hits.get(call.route()) != before {
            problems.push("a lookup went out while the store's 429 still held".into());
        }
        if case == Case::Http429Bare {
            return problems.into_iter().map(|p| format!("{call:?} × {case:?}: {p}")).collect();
        }
        tokio::time::sleep(Duration::from_millis(1_100)).await;
    }
    if let Err(error) = bench.run(call).await {
        problems.push(format!("still failing once the fault is cleared: {error:?}"));
    }
    if call.creates() && bench.orders(call) != orders + 1 {
        problems.push(format!("the retry by the user made {} orders in all, expected {}", bench.orders(call), orders + 1));
    }
    let mut numbers: Vec<String> = bench.double.state.gmailstore_orders.all().into_iter().map(|o| o.order_no).collect();
    numbers.extend(bench.double.state.email_order.orders().into_iter().map(|o| o.order_no));
    let count = numbers.len();
    numbers.sort();
    numbers.dedup();
    if numbers.len() != count {
        problems.push("a duplicate order number in the double".into());
    }
    problems.into_iter().map(|p| format!("{call:?} × {case:?}: {p}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_endpoint_under_every_fault_gives_a_clear_kind_and_stays_usable() {
    let started = std::time::Instant::now();
    let mut cells = tokio::task::JoinSet::new();
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(PARALLEL));
    for call in CALLS {
        for case in CASES {
            if let Some(expected) = expected(call, case) {
                let slots = slots.clone();
                cells.spawn(async move {
                    let _slot = slots.acquire_owned().await.expect("the semaphore stays open");
                    cell(call, case, expected).await
                });
            }
        }
    }
    let scenarios = cells.len();
    let mut problems = Vec::new();
    while let Some(result) = cells.join_next().await {
        problems.extend(result.expect("a cell panicked"));
    }
    problems.sort();
    assert!(problems.is_empty(), "{} of {scenarios} scenarios failed:\n{}", problems.len(), problems.join("\n"));
    println!("fault matrix: {scenarios} scenarios ({} endpoints × {} fault kinds) in {:.1?}", CALLS.len(), CASES.len(), started.elapsed());
}

#[tokio::test]
async fn a_login_that_expires_mid_checkout_is_refused_once_and_creates_nothing() {
    let bench = Bench::new().await;
    let before = bench.orders(Call::CreateOrder);
    let session = bench.gmailstore.login(BUYER, &Secret::from("correct-password")).await.unwrap();
    bench.double.state.gmailstore_users.expire_sessions();
    let balance = CreateOrderRequest { payment_method: PaymentMethod::BalanceCny, coin: None, ..crypto_order() };
    let error = AppError::from_create_order(bench.gmailstore.create_order(&balance, Some(&session.token)).await.unwrap_err());
    assert_eq!(error.kind, AppErrorKind::Unauthorized, "{error:?}");
    assert!(ui_messages(error.kind).0.is_some());
    assert_eq!(bench.double.state.hits.get(Call::CreateOrder.route()), 1, "a 401 is never sent again");
    assert_eq!(bench.orders(Call::CreateOrder), before, "no order");

    let again = bench.gmailstore.login(BUYER, &Secret::from("correct-password")).await.unwrap();
    bench.gmailstore.create_order(&balance, Some(&again.token)).await.unwrap();
    assert_eq!(bench.orders(Call::CreateOrder), before + 1, "logging in again and paying makes one order");
}

#[tokio::test]
async fn the_email_order_lockout_is_its_own_kind() {
    let bench = Bench::new().await;
    for n in 0..10 {
        let fresh = EmailOrderClient::builder(bench.double.email_order_base_url()).build().unwrap();
        let error = AppError::from(fresh.platforms(&Secret::from(format!("bad-{n}"))).await.unwrap_err());
        assert_eq!(error.kind, AppErrorKind::Unauthorized);
    }
    // Asked again and again, it stays the lockout: the right key was not refused, so it must not
    // be remembered as a wrong one ("enter the right key" would send the user astray).
    for call in [Call::Platforms, Call::Platforms, Call::Buy, Call::Details] {
        let error = bench.run(call).await.unwrap_err();
        assert_eq!(error.kind, AppErrorKind::LockedOut, "{call:?}: {error:?}");
    }
    assert_eq!(bench.orders(Call::Buy), 0, "a locked-out buy creates nothing");
    // One call into the lockout with the right key; after it, the key is held (no call at all).
    assert_eq!(bench.double.state.hits.get(Call::Platforms.route()), 11, "ten wrong keys, then one with the right key");
    assert_eq!(bench.double.state.hits.get(Call::Buy.route()) + bench.double.state.hits.get(Call::Details.route()), 0);
    let (en, zh) = ui_messages(AppErrorKind::LockedOut);
    assert!(en.unwrap().contains("locked this computer out") && zh.unwrap().contains("锁定"));
}

/// A store that takes 35 s to charge and allocate (past the usual 30 s deadline) is waited for:
/// the client's real timeouts, not the matrix's scaled ones.
#[tokio::test]
async fn a_create_answered_after_35_s_is_recorded() {
    let double = spawn_local().await.unwrap();
    let client = GmailStoreClient::builder().base_url(double.gmailstore_base_url()).build().unwrap();
    let product = client.product(AGED).await.unwrap();
    let (_data, book) = order_book();
    double.state.faults.push(Fault::new(FaultKind::Slow).delay(35_000).on_path("/api/orders/create").times(1));
    let started = std::time::Instant::now();
    let id = place_order(&client, &book, &crypto_order(), &product, None).await.expect("a slow answer is still an answer");
    assert!(started.elapsed() >= Duration::from_secs(35));
    let made = double.state.gmailstore_orders.all();
    assert_eq!(made.len(), 1);
    assert_eq!(book.detail(id.id).unwrap().summary.order_no.as_deref(), Some(made[0].order_no.as_str()));
    assert!(book.unresolved_attempts().unwrap().is_empty());
}

/// Every amount in the answer unreadable: the order is recorded from what identifies it, the
/// amounts read as unknown (not guessed), and the payment screen gets the store's answer.
#[tokio::test]
async fn an_unreadable_amount_records_the_order_with_the_amount_unknown() {
    let bench = Bench::new().await;
    bench.double.state.faults.push(Fault::new(FaultKind::OddAmount).on_path("/api/orders/create").times(1));
    let id = bench.place(&crypto_order()).await.expect("the order is kept");
    let detail = bench.book.detail(id).unwrap();
    let made = bench.double.state.gmailstore_orders.all();
    assert_eq!(detail.summary.order_no.as_deref(), Some(made.last().unwrap().order_no.as_str()));
    assert_eq!(detail.pay_amount, None, "unknown, not guessed");
    assert_eq!(detail.summary.total, None, "the store's total could not be read: not replaced by our own sum");
    assert!(detail.pay_address.is_some(), "the readable fields are kept");
    assert_eq!(mailcart_lib::checkout::missing_details(&detail), [mailcart_lib::checkout::MissingDetail::Amount]);
    let answer = bench.book.latest_raw_response(id).unwrap().unwrap();
    assert!(answer.contains("\"~"), "the store's own answer is there to show: {answer}");
}

/// What a full disk does to recording an order: the order book refuses the insert.
fn fill_the_disk_for_orders(book: &OrderBook) {
    book.database()
        .lock()
        .execute_batch("CREATE TEMP TRIGGER disk_full BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;")
        .unwrap();
}

/// A full disk (here: the order book refusing the insert) after the store answered: the buyer is
/// told the order may exist and given its number, and the attempt keeps both the number and the
/// store's answer for the lookup.
#[tokio::test]
async fn a_full_disk_at_recording_keeps_the_order_number() {
    let bench = Bench::new().await;
    fill_the_disk_for_orders(&bench.book);
    let error = bench.place(&crypto_order()).await.unwrap_err();
    let made = bench.double.state.gmailstore_orders.all();
    let order_no = made.last().unwrap().order_no.clone();
    assert!(error.order_may_exist(), "{error:?}");
    let shown = AppError::from(error);
    assert_eq!(shown.kind, AppErrorKind::OrderMayExist);
    assert_eq!(shown.order_no.as_deref(), Some(order_no.as_str()), "{shown:?}");
    assert!(shown.message.contains(&order_no), "{}", shown.message);
    let open = bench.book.unresolved_attempts().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].order_no.as_deref(), Some(order_no.as_str()));
    assert!(open[0].answer_kept);
    let answer = bench.book.attempt_answer(open[0].id).unwrap().unwrap();
    assert!(answer.contains(&order_no), "{answer}");
    assert_eq!(bench.kept().0, 0, "nothing half-recorded");
}

/// When not even the attempt can take the number, the buyer's screen still gets it.
#[tokio::test]
async fn when_the_attempt_cannot_take_the_number_the_buyer_still_gets_it() {
    let bench = Bench::new().await;
    bench
        .book
        .database()
        .lock()
        .execute_batch(
            "CREATE TEMP TRIGGER disk_full BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
             CREATE TEMP TRIGGER attempt_full BEFORE UPDATE ON order_attempts BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    let shown = AppError::from(bench.place(&crypto_order()).await.unwrap_err());
    let order_no = bench.double.state.gmailstore_orders.all().last().unwrap().order_no.clone();
    assert_eq!((shown.kind, shown.order_no.as_deref()), (AppErrorKind::OrderMayExist, Some(order_no.as_str())));
    let open = bench.book.unresolved_attempts().unwrap();
    assert_eq!(open.len(), 1, "the attempt written before sending still says the order may exist");
    assert_eq!(open[0].order_no, None);
}

/// The same full disk after the email-order service sold the emails: the buyer is given the order's
/// number (the codes page opens an order by it) and the attempt keeps it for the Orders page.
#[tokio::test]
async fn a_full_disk_at_recording_a_receive_code_buy_keeps_its_number() {
    let bench = Bench::new().await;
    fill_the_disk_for_orders(&bench.book);
    let shown = mailcart_lib::receive_codes::buy(&bench.email_order, &bench.book, &key(), TWITTER, 1).await.unwrap_err();
    let order_no = bench.double.state.email_order.orders().last().unwrap().order_no.clone();
    assert_eq!((shown.kind, shown.order_no.as_deref()), (AppErrorKind::OrderMayExist, Some(order_no.as_str())), "{shown:?}");
    assert!(shown.message.contains(&order_no), "{}", shown.message);
    let open = bench.book.unresolved_attempts().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].order_no.as_deref(), Some(order_no.as_str()));
}
