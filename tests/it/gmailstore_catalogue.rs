use std::time::Duration;

use mailcart_lib::ipc::{AppError, AppErrorKind};
use mailcart_lib::stores::gmailstore::{GmailStoreClient, GmailStoreError, RetryPolicy};
use mailcart_store_double::{spawn_local, Fault, FaultKind, RunningDouble};

const LIST: &str = "GET /api/products";
const ONE: &str = "GET /api/products/{id_or_slug}";

async fn double_and_client() -> (RunningDouble, GmailStoreClient) {
    double_and_client_with(RetryPolicy::default()).await
}

/// A client that tries once: to see how each single failure maps to an error.
async fn double_and_single_shot_client() -> (RunningDouble, GmailStoreClient) {
    double_and_client_with(RetryPolicy::none()).await
}

async fn double_and_client_with(retry: RetryPolicy) -> (RunningDouble, GmailStoreClient) {
    let double = spawn_local().await.expect("store double starts");
    let client = GmailStoreClient::builder()
        .base_url(double.gmailstore_base_url())
        .request_timeout(Duration::from_secs(5))
        .retry(RetryPolicy { first_pause: Duration::from_millis(20), ..retry })
        .build()
        .expect("loopback http is allowed");
    (double, client)
}

#[tokio::test]
async fn lists_the_catalogue_with_exact_prices_and_both_names() {
    let (double, client) = double_and_client().await;
    let products = client.products().await.unwrap();
    let summary: Vec<(&str, String, u32, u32)> =
        products.iter().map(|p| (p.slug.as_str(), p.price.to_string(), p.stock, p.min_quantity)).collect();
    assert_eq!(
        summary,
        vec![
            ("gmail-usa-fresh", "0.5".to_owned(), 44, 5),
            ("gmail-aged-2019", "12.345".to_owned(), 120, 1),
            ("gmail-bulk-100", "0.08".to_owned(), 0, 100),
            ("apple-id-us", "25".to_owned(), 7, 1),
            ("temp-mailbox-30d", "0.015".to_owned(), 999, 1),
        ]
    );
    assert_eq!(products[0].name_zh, "谷歌企业/教育邮箱");
    assert_eq!(products[0].name_en, "Google Workspace / Education Email");
    assert!(products[2].is_sold_out());
    assert!(!products[0].is_sold_out());
    assert_eq!(double.state.hits.get(LIST), 1);
}

#[tokio::test]
async fn finds_one_product_by_id_and_by_slug() {
    let (double, client) = double_and_client().await;
    let by_id = client.product("7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22").await.unwrap();
    let by_slug = client.product("gmail-aged-2019").await.unwrap();
    assert_eq!(by_id, by_slug);
    assert_eq!(by_id.price.to_string(), "12.345");
    assert_eq!(by_id.name_en, "Aged Gmail (registered 2019)");
    assert_eq!(double.state.hits.get(ONE), 2);
}

#[tokio::test]
async fn an_unknown_product_is_the_documented_not_found() {
    let (_double, client) = double_and_client().await;
    let error = client.product("no-such-product").await.unwrap_err();
    assert!(matches!(error, GmailStoreError::ProductNotFound), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::NotFound);
}

#[tokio::test]
async fn an_id_cannot_escape_its_path_segment() {
    let (double, client) = double_and_client().await;
    // Percent-encoded, "../products" stays one segment: the detail route sees it and says 404,
    // where an unencoded join would have fetched the whole list.
    let error = client.product("../products").await.unwrap_err();
    assert!(matches!(error, GmailStoreError::ProductNotFound), "{error:?}");
    assert_eq!(double.state.hits.get(LIST), 0);
}

#[tokio::test]
async fn http_500_is_a_store_error() {
    let (double, client) = double_and_single_shot_client().await;
    double.state.faults.push(Fault::new(FaultKind::Http500).times(1));
    let error = client.products().await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Api { status: 500, .. }), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::StoreUnavailable);
    assert_eq!(double.state.hits.get(LIST), 1);
    // The fault was for one request: the next call succeeds (what Retry in the UI relies on).
    assert_eq!(client.products().await.unwrap().len(), 5);
}

#[tokio::test]
async fn a_passing_500_is_retried_and_a_lasting_one_gives_up_after_three_tries() {
    let (double, client) = double_and_client().await;
    double.state.faults.push(Fault::new(FaultKind::Http500).on_path("/api/products").times(1));
    assert_eq!(client.products().await.unwrap().len(), 5);
    assert_eq!(double.state.hits.get(LIST), 2);
    double.state.hits.clear();
    double.state.faults.push(Fault::new(FaultKind::Http500).on_path("/api/products"));
    assert!(matches!(client.products().await.unwrap_err(), GmailStoreError::Api { status: 500, .. }));
    assert_eq!(double.state.hits.get(LIST), 3);
}

#[tokio::test]
async fn a_dropped_connection_and_a_timeout_are_retried() {
    let (double, client) = double_and_client().await;
    double.state.faults.push(Fault::new(FaultKind::Drop).on_path("/api/products").times(1));
    assert_eq!(client.products().await.unwrap().len(), 5);
    double.state.faults.push(Fault::new(FaultKind::Slow).on_path("/api/products").delay(6_000).times(1));
    assert_eq!(client.products().await.unwrap().len(), 5);
    assert_eq!(double.state.hits.get(LIST), 4);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_that_keeps_the_body() {
    let (double, client) = double_and_single_shot_client().await;
    double.state.faults.push(Fault::new(FaultKind::Malformed).times(1));
    match client.products().await.unwrap_err() {
        GmailStoreError::Decode { body, .. } => assert!(body.starts_with(r#"{"success":true,"products":[{"id":"30a6d792","#)),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_html_error_page_is_not_taken_for_json() {
    let (double, client) = double_and_single_shot_client().await;
    double.state.faults.push(Fault::new(FaultKind::Html).times(1));
    let error = client.products().await.unwrap_err();
    match &error {
        GmailStoreError::UnexpectedBody { status: 502, excerpt } => assert!(excerpt.contains("502 Bad Gateway")),
        other => panic!("expected an unexpected body, got {other:?}"),
    }
    assert_eq!(AppError::from(error).kind, AppErrorKind::StoreUnavailable);
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error() {
    let (double, client) = double_and_single_shot_client().await;
    double.state.faults.push(Fault::new(FaultKind::Drop).times(1));
    let error = client.products().await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Network(_)), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::Network);
}

#[tokio::test]
async fn a_slow_store_times_out_at_the_configured_deadline() {
    let double = spawn_local().await.unwrap();
    double.state.faults.push(Fault::new(FaultKind::Slow).delay(3_000).times(1));
    let client = GmailStoreClient::builder()
        .base_url(double.gmailstore_base_url())
        .request_timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.products().await.unwrap_err();
    assert!(matches!(error, GmailStoreError::Timeout), "{error:?}");
    assert_eq!(AppError::from(error).kind, AppErrorKind::Timeout);
}

#[tokio::test]
async fn a_store_that_is_not_listening_is_a_network_error() {
    let double = spawn_local().await.unwrap();
    let url = double.gmailstore_base_url();
    drop(double);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let client = GmailStoreClient::builder().base_url(url).build().unwrap();
    assert!(matches!(client.products().await.unwrap_err(), GmailStoreError::Network(_)));
}

#[tokio::test]
async fn faults_reach_only_the_path_they_name() {
    let (double, client) = double_and_single_shot_client().await;
    double.state.faults.push(Fault::new(FaultKind::Http500).on_path("/api/products/"));
    assert_eq!(client.products().await.unwrap().len(), 5);
    assert!(client.product("apple-id-us").await.is_err());
}
