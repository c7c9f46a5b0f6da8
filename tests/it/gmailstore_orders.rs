//! Orders, login, payment options and lookups against the double: every endpoint, each
//! documented error message, the no-retry rules, the rate limits and `Retry-After`.

use std::time::{Duration, Instant};

use mailcart_lib::checkout::{apply_state, record_created};
use mailcart_lib::ipc::{AppError, AppErrorKind};
use mailcart_lib::orders::{FieldKind, OrderStatus};
use mailcart_lib::stores::gmailstore::{
    Coin, CreateOrderRequest, GmailStoreClient, GmailStoreError, PaymentMethod, QueryLimiter, RetryPolicy, StoreOrderStatus,
};
use mailcart_lib::vault::Secret;
use mailcart_store_double::{spawn_local, DoubleStatus, Fault, FaultKind, PaymentConfig, RunningDouble};

const AGED: &str = "7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22"; // 12.345, stock 120, min 1
const WORKSPACE: &str = "30a6d792-9e06-4023-85f4-736dfd9af07d"; // 0.5, stock 44, min 5
const MAILBOX: &str = "5f3a8b1c-9d2e-4c7f-b046-e1a9d3c5b7f2"; // 0.015, stock 999
const CREATE: &str = "POST /api/orders/create";
const QUERY: &str = "GET /api/orders/query";
const LOGIN: &str = "POST /api/auth/login";

async fn setup() -> (RunningDouble, GmailStoreClient) {
    let double = spawn_local().await.unwrap();
    let client = GmailStoreClient::builder()
        .base_url(double.gmailstore_base_url())
        .retry(RetryPolicy { first_pause: Duration::from_millis(20), ..RetryPolicy::default() })
        .build()
        .unwrap();
    (double, client)
}

fn request(product_id: &str, quantity: u32, method: PaymentMethod) -> CreateOrderRequest {
    CreateOrderRequest {
        product_id: product_id.into(),
        quantity,
        contact_email: "buyer@example.com".into(),
        payment_method: method,
        coin: (method == PaymentMethod::Crypto).then_some(Coin::Trc20Usdt),
        coupon_code: None,
    }
}

#[tokio::test]
async fn a_crypto_order_is_created_checked_and_delivered_into_the_order_book() {
    let (double, client) = setup().await;
    let created = client.create_order(&request(AGED, 2, PaymentMethod::Crypto), None).await.unwrap();
    let order_no = created.order_no.clone().unwrap();
    assert!(order_no.starts_with("GS2611250001"), "{order_no}");
    assert_eq!(created.total.stated().unwrap().to_string(), "24.690");
    // 24.690 CNY / 7.2 = 3.4291666…, rounded up by the store: never short.
    assert_eq!(created.pay_amount.unwrap().to_string(), "3.429167");
    assert_eq!(created.pay_address.as_deref(), Some("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"));
    assert_eq!(created.status, StoreOrderStatus::AwaitingPayment);
    assert!(created.expires_at.is_some());
    let token = created.access_token.clone().unwrap();
    let id = created.id.clone().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let folder = crate::common::open_data_folder(dir.path(), "integration pass");
    let product = client.product(AGED).await.unwrap();
    let attempt = folder.orders.begin_attempt(&mailcart_lib::checkout::attempt_for(&request(AGED, 2, PaymentMethod::Crypto), &product)).unwrap();
    let committed = record_created(&folder.orders, attempt, &created, &request(AGED, 2, PaymentMethod::Crypto), &product).unwrap();
    assert!(folder.orders.unresolved_attempts().unwrap().is_empty(), "recording the order answered its attempt");
    assert_eq!(folder.orders.detail(committed.id).unwrap().pay_amount.as_deref(), Some("3.429167"));

    let pending = client.order_status(&id, &token).await.unwrap();
    assert_eq!(pending.status, StoreOrderStatus::AwaitingPayment);
    assert!(pending.accounts.is_empty());

    assert!(double.state.gmailstore_orders.set_status(&order_no, DoubleStatus::Paid, None, None));
    let paid = client.order_status(&id, &token).await.unwrap();
    assert_eq!(paid.status, StoreOrderStatus::Paid);
    apply_state(&folder.orders, committed.id, &paid).unwrap();
    assert_eq!(folder.orders.summary(committed.id).unwrap().status, OrderStatus::Paid);

    double.state.gmailstore_orders.set_status(&order_no, DoubleStatus::Completed, None, None);
    let delivered = client.order_status(&id, &token).await.unwrap();
    assert_eq!(delivered.status, StoreOrderStatus::Delivered);
    assert_eq!(delivered.accounts.len(), 2);
    apply_state(&folder.orders, committed.id, &delivered).unwrap();
    let detail = folder.orders.detail(committed.id).unwrap();
    assert_eq!(detail.summary.status, OrderStatus::Delivered);
    let expected = mailcart_store_double::accounts_for(&order_no, 2);
    let got: Vec<(String, String)> = detail.items.iter().map(|i| (i.login.clone(), i.password.clone().unwrap())).collect();
    assert_eq!(got, expected);
    let recovery = format!("r.{}", expected[0].0);
    assert_eq!(detail.items[0].fields.iter().map(|f| (f.kind, f.value.as_str())).collect::<Vec<_>>(), [(FieldKind::RecoveryEmail, recovery.as_str())]);
    assert_eq!(detail.items[0].extra.as_deref(), Some(format!("recovery email: {recovery}").as_str()), "the CSV export's column");
}

#[tokio::test]
async fn the_status_of_another_order_is_refused_with_a_wrong_token() {
    let (_double, client) = setup().await;
    let created = client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap();
    let error = client.order_status(created.id.as_deref().unwrap(), &Secret::from("otok-wrong")).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Api { status: 403, ref message } if message == "Invalid token"), "{error:?}");
    let error = client.order_status("no-such-id", &Secret::from("x")).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Api { status: 404, ref message } if message == "Order not found"), "{error:?}");
}

#[tokio::test]
async fn each_documented_create_error_comes_back_as_its_error_after_one_call() {
    let (double, client) = setup().await;
    let cases: Vec<(CreateOrderRequest, fn(&GmailStoreError) -> bool)> = vec![
        (request("gmail-aged-2019", 1, PaymentMethod::Crypto), |e| matches!(e, GmailStoreError::ProductNotFound)),
        (request(WORKSPACE, 4, PaymentMethod::Crypto), |e| matches!(e, GmailStoreError::BelowMinimumQuantity { minimum: Some(5), .. })),
        (request(WORKSPACE, 45, PaymentMethod::Crypto), |e| matches!(e, GmailStoreError::InsufficientStock)),
        (request(MAILBOX, 201, PaymentMethod::Crypto), |e| matches!(e, GmailStoreError::QuantityOverCap)),
        (request(AGED, 1, PaymentMethod::BalanceCny), |e| matches!(e, GmailStoreError::Unauthorized { .. })),
    ];
    for (number, (req, expected)) in cases.iter().enumerate() {
        let error = client.create_order(req, None).await.unwrap_err();
        assert!(expected(&error), "case {number}: {error:?}");
        assert_eq!(double.state.hits.get(CREATE), number as u64 + 1, "case {number}: sent exactly once");
    }
    assert!(double.state.gmailstore_orders.all().is_empty());
}

#[tokio::test]
async fn a_failed_create_is_never_sent_again() {
    let (double, client) = setup().await;
    double.state.faults.push(Fault::new(FaultKind::Http500).on_path("/api/orders/create").times(1));
    assert!(matches!(client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap_err(), GmailStoreError::Api { status: 500, .. }));
    double.state.faults.push(Fault::new(FaultKind::Drop).on_path("/api/orders/create").times(1));
    assert!(matches!(client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap_err(), GmailStoreError::Network(_)));
    double.state.faults.push(Fault::new(FaultKind::Http429).on_path("/api/orders/create").retry_after(1).times(1));
    assert!(matches!(client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap_err(), GmailStoreError::RateLimited { .. }));
    assert_eq!(double.state.hits.get(CREATE), 3);
}

#[tokio::test]
async fn an_answer_lost_after_the_store_created_the_order_is_not_sent_again() {
    let (double, client) = setup().await;
    double.state.faults.push(Fault::new(FaultKind::DropAfter).on_path("/api/orders/create").times(1));
    let error = client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Network(_)), "{error:?}");
    assert_eq!(double.state.hits.get(CREATE), 1, "no blind retry");
    assert_eq!(double.state.gmailstore_orders.all().len(), 1, "the store did create it: the app must say it may exist");
}

#[tokio::test]
async fn balance_orders_need_a_login_and_enough_balance() {
    let (double, client) = setup().await;
    let error = client.login("buyer@example.com", &Secret::from("wrong")).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Unauthorized { ref message } if message == "Invalid email or password"), "{error:?}");
    assert_eq!(double.state.hits.get(LOGIN), 1, "a refused login is not sent again");

    let session = client.login("buyer@example.com", &Secret::from("correct-password")).await.unwrap();
    assert_eq!(session.balance.unwrap().to_string(), "100.00");
    assert_eq!(session.balance_crypto.unwrap().to_string(), "50.5");
    let created = client.create_order(&request(AGED, 2, PaymentMethod::BalanceCny), Some(&session.token)).await.unwrap();
    assert_eq!(created.status, StoreOrderStatus::Delivered);
    let state = client.order_status(created.id.as_deref().unwrap(), created.access_token.as_ref().unwrap()).await.unwrap();
    assert_eq!(state.accounts.len(), 2);

    let poor = client.login("poor@example.com", &Secret::from("correct-password")).await.unwrap();
    let error = client.create_order(&request(AGED, 1, PaymentMethod::BalanceCny), Some(&poor.token)).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::InsufficientBalance), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::InsufficientBalance);

    double.state.gmailstore_users.expire_sessions();
    let error = client.create_order(&request(AGED, 1, PaymentMethod::BalanceCny), Some(&session.token)).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Unauthorized { .. }), "an expired login is a 401: {error:?}");
}

#[tokio::test]
async fn payment_options_follow_the_store_and_cashier_orders_carry_a_url() {
    let (double, client) = setup().await;
    let config = client.payment_config().await.unwrap();
    assert!(config.alipay && !config.wechat);
    let created = client.create_order(&request(AGED, 1, PaymentMethod::Alipay), None).await.unwrap();
    let url = created.cashier_url.unwrap();
    assert!(url.starts_with("https://") && mailcart_lib::endpoint::check_cashier_url(&url).is_ok(), "{url}");
    let error = client.create_order(&request(AGED, 1, PaymentMethod::Wechat), None).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Api { status: 400, ref message } if message == "Payment method not available"));
    double.state.gmailstore_payment_config.set(PaymentConfig { alipay: false, wechat: true });
    let config = client.payment_config().await.unwrap();
    assert!(!config.alipay && config.wechat);
}

#[tokio::test]
async fn lookups_find_orders_and_the_client_never_exceeds_the_limits() {
    let (double, client) = setup().await;
    let created = client.create_order(&request(AGED, 1, PaymentMethod::Crypto), None).await.unwrap();
    let order_no = created.order_no.unwrap();
    double.state.gmailstore_orders.set_status(&order_no, DoubleStatus::Completed, None, None);

    let found = client.query_order(&order_no, "BUYER@example.com").await.unwrap();
    assert_eq!(found.accounts.len(), 1);
    assert!(matches!(client.query_order("GS-NOPE", "buyer@example.com").await.unwrap_err(), GmailStoreError::Api { status: 404, .. }));
    // Second call for the same order + email is the last one allowed in 60 s …
    client.query_order(&order_no, "buyer@example.com").await.unwrap();
    let error = client.query_order(&order_no, "buyer@example.com").await.unwrap_err();
    match error {
        GmailStoreError::RateLimited { retry_after: Some(wait) } => assert!(wait > Duration::from_secs(50), "{wait:?}"),
        other => panic!("expected the client's own limit, got {other:?}"),
    }
    // … and the store never saw that third call.
    assert_eq!(double.state.hits.get(QUERY), 3);
    // Three in all per 60 s: a fourth order number is held back too.
    assert!(matches!(client.query_order("GS-OTHER", "x@example.com").await.unwrap_err(), GmailStoreError::RateLimited { .. }));
    assert_eq!(double.state.hits.get(QUERY), 3);
    // Missing fields are refused before any call.
    assert!(matches!(client.query_order(&order_no, " ").await.unwrap_err(), GmailStoreError::LookupNeedsOrderAndEmail));
    assert_eq!(double.state.hits.get(QUERY), 3);
}

#[tokio::test]
async fn the_stores_own_limit_answers_429_with_retry_after_and_the_documented_messages() {
    let (double, _) = setup().await;
    let raw = reqwest::Client::new();
    let url = format!("{}/orders/query", double.gmailstore_base_url());
    let missing = raw.get(format!("{url}?order_no=GS1")).send().await.unwrap();
    assert_eq!(missing.status(), 400);
    assert_eq!(missing.text().await.unwrap(), r#"{"error":"Please provide both order number and email","success":false}"#);
    for expected in [404, 404, 429] {
        let answer = raw.get(format!("{url}?order_no=GS1&email=a%40b.co")).send().await.unwrap();
        assert_eq!(answer.status(), expected);
        if expected == 429 {
            let wait: u64 = answer.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&wait), "{wait}");
        }
    }
    // Through a client of its own (a fresh limiter), the 429 comes back as RateLimited with the wait.
    let client = GmailStoreClient::builder().base_url(double.gmailstore_base_url()).build().unwrap();
    match client.query_order("GS1", "a@b.co").await.unwrap_err() {
        GmailStoreError::RateLimited { retry_after: Some(wait) } => assert!(wait <= Duration::from_secs(60)),
        other => panic!("{other:?}"),
    }
}

/// Found by reading: every settings save built a new client with a fresh allowance, so the store's
/// 3-per-minute limit could be passed. The app's clients share one limiter.
#[tokio::test]
async fn a_rebuilt_client_counts_against_the_same_lookup_allowance() {
    let double = spawn_local().await.unwrap();
    let limiter = std::sync::Arc::new(QueryLimiter::default());
    let build = || GmailStoreClient::builder().base_url(double.gmailstore_base_url()).query_limiter(limiter.clone()).build().unwrap();
    let first = build();
    for n in 0..3 {
        let _ = first.query_order(&format!("GS-{n}"), "a@b.co").await;
    }
    let rebuilt = build();
    assert!(matches!(rebuilt.query_order("GS-3", "a@b.co").await.unwrap_err(), GmailStoreError::RateLimited { retry_after: Some(_) }));
    assert_eq!(double.state.hits.get(QUERY), 3, "the rebuilt client sent nothing");
}

/// The store's 429 is fed back: no lookup until its `Retry-After` has passed.
#[tokio::test]
async fn a_429_to_a_lookup_holds_the_next_ones_for_its_retry_after() {
    let double = spawn_local().await.unwrap();
    let client = GmailStoreClient::builder().base_url(double.gmailstore_base_url()).build().unwrap();
    double.state.faults.push(Fault::new(FaultKind::Http429).retry_after(40).on_path("/api/orders/query").times(1));
    assert!(matches!(client.query_order("GS1", "a@b.co").await.unwrap_err(), GmailStoreError::RateLimited { .. }));
    match client.query_order("GS2", "c@d.co").await.unwrap_err() {
        GmailStoreError::RateLimited { retry_after: Some(wait) } => assert!(wait > Duration::from_secs(35) && wait <= Duration::from_secs(40), "{wait:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(double.state.hits.get(QUERY), 1, "held back by the store's own word");
}

#[tokio::test]
async fn gets_honour_retry_after_and_leave_long_waits_to_the_user() {
    let (double, client) = setup().await;
    double.state.faults.push(Fault::new(FaultKind::Http429).on_path("/api/products").retry_after(1).times(1));
    let started = Instant::now();
    assert_eq!(client.products().await.unwrap().len(), 5);
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as told: {:?}", started.elapsed());
    assert_eq!(double.state.hits.get("GET /api/products"), 2);

    double.state.faults.push(Fault::new(FaultKind::Http429).on_path("/api/products").retry_after(42).times(1));
    match client.products().await.unwrap_err() {
        GmailStoreError::RateLimited { retry_after } => assert_eq!(retry_after, Some(Duration::from_secs(42))),
        other => panic!("{other:?}"),
    }
    assert_eq!(double.state.hits.get("GET /api/products"), 3, "no retry when the wait is long");
    let error = AppError::from(GmailStoreError::RateLimited { retry_after: Some(Duration::from_secs(42)) });
    assert_eq!((error.kind, error.retry_after_ms), (AppErrorKind::RateLimited, Some(42_000)));
}

/// A store that takes longer than the usual request timeout to create an order (charging a balance,
/// allocating accounts) is waited for: the create call has a timeout of its own. Scaled down here:
/// the usual timeout is 1 s and the store answers after 2.5 s.
#[tokio::test]
async fn a_slow_create_order_is_waited_for_while_other_calls_keep_their_timeout() {
    let double = mailcart_store_double::spawn_local().await.unwrap();
    let client = GmailStoreClient::builder()
        .base_url(double.gmailstore_base_url())
        .request_timeout(Duration::from_secs(1))
        .retry(mailcart_lib::stores::gmailstore::RetryPolicy::none())
        .build()
        .unwrap();
    double.state.faults.push(Fault::new(FaultKind::Slow).on_path("/api/products").delay(2_500).times(1));
    assert!(matches!(client.products().await, Err(GmailStoreError::Timeout)), "an ordinary call still gives up");

    double.state.faults.push(Fault::new(FaultKind::Slow).on_path("/api/orders/create").delay(2_500).times(1));
    let request = CreateOrderRequest {
        product_id: "e91d2a47-3c58-4f06-a7b9-5d8e1f2c3b84".into(),
        quantity: 1,
        contact_email: "slow@example.com".into(),
        payment_method: PaymentMethod::Crypto,
        coin: Some(Coin::Trc20Usdt),
        coupon_code: None,
    };
    let created = client.create_order(&request, None).await.expect("the slow answer is waited for");
    assert!(created.order_no.is_some());
    assert_eq!(double.state.gmailstore_orders.all().len(), 1, "one order, sent once");
}

/// A saved login's token expires between two balance orders: the order is refused once (nothing
/// made), the app logs in again by itself once with the saved password, and the buyer's next
/// press of Pay goes through. The order is never sent again by the app.
#[tokio::test]
async fn an_expired_saved_login_is_renewed_once_and_the_order_waits_for_the_buyer() {
    use mailcart_lib::checkout::saved_login::{self, PASSWORD_SECRET, TOKEN_SECRET};
    use mailcart_lib::checkout::{place_order, PlaceOrderError};
    let (double, client) = setup().await;
    let dir = tempfile::tempdir().unwrap();
    let folder = crate::common::open_data_folder(dir.path(), "saved login test");
    let password = Secret::from("correct-password");
    let session = client.login("buyer@example.com", &password).await.unwrap();
    saved_login::keep_session(&folder.vault, &folder.db, "buyer@example.com", &session, Some(&password)).unwrap();
    let product = client.product(AGED).await.unwrap();
    let balance = request(AGED, 1, PaymentMethod::BalanceCny);

    double.state.gmailstore_users.expire_sessions();
    let token = folder.vault.load_secret(&folder.db, TOKEN_SECRET).unwrap();
    let refused = place_order(&client, &folder.orders, &balance, &product, token.as_ref()).await.unwrap_err();
    assert!(matches!(refused, PlaceOrderError::Refused(GmailStoreError::Unauthorized { .. })), "{refused:?}");
    let (email, _) = saved_login::log_in_again(&client, &folder.vault, &folder.db).await.unwrap().expect("a saved password");
    assert_eq!(email, "buyer@example.com");
    assert_eq!((double.state.hits.get(CREATE), double.state.hits.get(LOGIN)), (1, 2), "one order refused, one login by the app");
    assert_eq!(double.state.gmailstore_orders.all().len(), 0, "nothing bought, nothing sent again");

    // The buyer presses Pay again.
    let token = folder.vault.load_secret(&folder.db, TOKEN_SECRET).unwrap();
    place_order(&client, &folder.orders, &balance, &product, token.as_ref()).await.unwrap();
    assert_eq!(double.state.gmailstore_orders.all().len(), 1);

    // A saved password the store no longer takes is forgotten with the token.
    folder.vault.save_secret(&folder.db, PASSWORD_SECRET, &Secret::from("changed-at-the-store")).unwrap();
    assert!(saved_login::log_in_again(&client, &folder.vault, &folder.db).await.is_err());
    assert!(!folder.vault.has_secret(&folder.db, PASSWORD_SECRET).unwrap() && !folder.vault.has_secret(&folder.db, TOKEN_SECRET).unwrap());
    // Without a saved password there is nothing to try: the buyer logs in.
    assert!(saved_login::log_in_again(&client, &folder.vault, &folder.db).await.unwrap().is_none());
    assert_eq!(double.state.hits.get(LOGIN), 3, "no login tried without a password");

    // "Forget my login" removes both.
    saved_login::keep_session(&folder.vault, &folder.db, "buyer@example.com", &session, Some(&password)).unwrap();
    saved_login::forget(&folder.vault, &folder.db).unwrap();
    assert!(!folder.vault.has_secret(&folder.db, PASSWORD_SECRET).unwrap() && !folder.vault.has_secret(&folder.db, TOKEN_SECRET).unwrap());
}
