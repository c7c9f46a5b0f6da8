//! What the clients refuse to do with an answer: follow a redirect (carrying an API key or an
//! order to another host, or to plain http), read an answer larger than any real one, or put a
//! request's URL (with the order's token in its query) into an error text.

use mailcart_lib::ipc::{AppError, AppErrorKind};
use mailcart_lib::stores::answer::MAX_ANSWER_BYTES;
use mailcart_lib::stores::email_order::{EmailOrderClient, EmailOrderError};
use mailcart_lib::stores::gmailstore::{Coin, CreateOrderRequest, GmailStoreClient, GmailStoreError, PaymentMethod, RetryPolicy};
use mailcart_lib::vault::Secret;
use mailcart_store_double::{spawn_local, Fault, FaultKind};

const KEY: &str = "test-api-key-0001";

fn gmailstore(url: String) -> GmailStoreClient {
    GmailStoreClient::builder().base_url(url).retry(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_nothing_reaches_where_it_points() {
    let store = spawn_local().await.unwrap();
    let elsewhere = spawn_local().await.unwrap();

    let target = format!("{}/products", elsewhere.gmailstore_base_url());
    store.state.faults.push(Fault::new(FaultKind::Redirect).location(&target).times(1));
    match gmailstore(store.gmailstore_base_url()).products().await {
        Err(GmailStoreError::Redirected { status: 302, location }) => assert_eq!(location, target),
        other => panic!("expected a refused redirect, got {other:?}"),
    }

    // The email-order key would travel with the redirect: it must not.
    let target = format!("{}/api/buyEmailOrder/open/accountPlatformList", elsewhere.email_order_base_url());
    store.state.faults.push(Fault::new(FaultKind::Redirect).location(&target).times(1));
    let client = EmailOrderClient::builder(store.email_order_base_url()).build().unwrap();
    let error = client.platforms(&Secret::from(KEY)).await.unwrap_err();
    assert!(matches!(error, EmailOrderError::Redirected { status: 302, .. }), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::StoreUnavailable);

    // A create-order answered with a redirect was not read: the order may exist.
    store.state.faults.push(Fault::new(FaultKind::Redirect).location("http://127.0.0.1:9/x").times(1));
    let request = CreateOrderRequest {
        product_id: "30a6d792-9e06-4023-85f4-736dfd9af07d".into(),
        quantity: 1,
        contact_email: "buyer@example.com".into(),
        payment_method: PaymentMethod::Crypto,
        coin: Some(Coin::Trc20Usdt),
        coupon_code: None,
    };
    let error = gmailstore(store.gmailstore_base_url()).create_order(&request, None).await.unwrap_err();
    assert_eq!(AppError::from_create_order(error).kind, AppErrorKind::OrderMayExist);

    assert!(elsewhere.state.hits.snapshot().is_empty(), "nothing reached the redirect's target: {:?}", elsewhere.state.hits.snapshot());
}

/// A redirect that keeps the query (http → https, a bare domain → `www.`) hands back the status
/// call's `?token=…`: the address it names, in the error the buyer sees and the log keeps, stops
/// before the query.
#[tokio::test]
async fn a_redirects_address_is_named_without_its_query_or_credentials() {
    const TOKEN: &str = "order-token-5b1d8e";
    let store = spawn_local().await.unwrap();
    let base = store.gmailstore_base_url();
    let target = format!("{base}/orders/1/status?token={TOKEN}#{TOKEN}");
    store.state.faults.push(Fault::new(FaultKind::Redirect).location(&target).times(1));
    let error = gmailstore(base.clone()).order_status("1", &Secret::from(TOKEN)).await.unwrap_err();
    match &error {
        GmailStoreError::Redirected { status: 302, location } => assert_eq!(location, &format!("{base}/orders/1/status")),
        other => panic!("expected a refused redirect, got {other:?}"),
    }
    let shown = AppError::from(error).message;
    assert!(!shown.contains(TOKEN) && shown.contains("/orders/1/status"), "{shown}");

    let with_credentials = format!("https://user:{TOKEN}@example.com/api?key={TOKEN}");
    store.state.faults.push(Fault::new(FaultKind::Redirect).location(&with_credentials).times(1));
    let client = EmailOrderClient::builder(store.email_order_base_url()).build().unwrap();
    let error = client.platforms(&Secret::from(KEY)).await.unwrap_err();
    assert!(!format!("{error} {error:?}").contains(TOKEN), "{error:?}");
    assert!(format!("{error}").contains("https://example.com/api"), "{error}");
    // A relative address keeps its path, not its query.
    store.state.faults.push(Fault::new(FaultKind::Redirect).location(&format!("/x/y?token={TOKEN}")).times(1));
    match gmailstore(base).products().await {
        Err(GmailStoreError::Redirected { location, .. }) => assert_eq!(location, "/x/y"),
        other => panic!("expected a refused redirect, got {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_larger_than_any_real_one_is_not_read() {
    let store = spawn_local().await.unwrap();
    store.state.faults.push(Fault::new(FaultKind::Huge).times(2));
    match gmailstore(store.gmailstore_base_url()).products().await {
        Err(GmailStoreError::TooLarge { limit }) => assert_eq!(limit, MAX_ANSWER_BYTES),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let client = EmailOrderClient::builder(store.email_order_base_url()).build().unwrap();
    let error = client.platforms(&Secret::from(KEY)).await.unwrap_err();
    assert!(matches!(error, EmailOrderError::TooLarge { .. }), "{error:?}");
}

#[tokio::test]
async fn a_transport_error_does_not_carry_the_url_with_the_orders_token() {
    // Nothing listens on port 9 (discard) here: the connection is refused.
    let token = Secret::from("order-token-in-the-query-5d1e");
    let error = gmailstore("http://127.0.0.1:9/api".into()).order_status("42", &token).await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Network(_)), "{error:?}");
    let shown = AppError::from(error);
    assert!(!format!("{shown:?}").contains("order-token-in-the-query"), "{shown:?}");
    assert!(!shown.message.contains("127.0.0.1:9/api/orders"), "{}", shown.message);
}
