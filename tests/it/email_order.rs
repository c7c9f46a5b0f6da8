//! The email-order client against the double: the envelope, the 401 rule (no call with a refused
//! key, counted by the double), the lockout, the held buy, details with masked emails.

use std::time::{Duration, Instant};

use mailcart_lib::stores::email_order::{EmailOrderClient, EmailOrderError, ItemStatus};
use mailcart_lib::vault::Secret;
use mailcart_store_double::email_order::VALID_KEY;
use mailcart_store_double::{spawn_local, RunningDouble};

const PLATFORMS: &str = "POST /api/buyEmailOrder/open/accountPlatformList";
const BUY: &str = "POST /api/buyEmailOrder/open/buy";
const TWITTER: &str = "68708da21ef8267d7f1114fb";

async fn setup() -> (RunningDouble, EmailOrderClient) {
    let double = spawn_local().await.unwrap();
    double.state.email_order.set_hold(Duration::from_millis(300));
    let client = EmailOrderClient::builder(double.email_order_base_url()).build().unwrap();
    (double, client)
}

fn key() -> Secret<String> {
    Secret::from(VALID_KEY)
}

#[tokio::test]
async fn platforms_come_with_exact_prices() {
    let (_double, client) = setup().await;
    let platforms = client.platforms(&key()).await.unwrap();
    let summary: Vec<(String, String)> = platforms.iter().map(|p| (p.name.clone(), p.price.to_string())).collect();
    assert_eq!(summary, [("Twitter".into(), "0.12".into()), ("Discord".into(), "0.30".into()), ("TikTok".into(), "0.045".into())]);
}

#[tokio::test]
async fn a_refused_key_is_sent_once_and_never_again() {
    let (double, client) = setup().await;
    let wrong = Secret::from("wrong-key");
    match client.platforms(&wrong).await.unwrap_err() {
        EmailOrderError::Unauthorized { locked_out, message } => {
            assert!(!locked_out);
            assert_eq!(message, "无效的 token，请重新登录");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(client.platforms(&wrong).await.unwrap_err(), EmailOrderError::KeyRefusedEarlier));
    assert!(matches!(client.buy(&wrong, TWITTER, 1).await.unwrap_err(), EmailOrderError::KeyRefusedEarlier));
    assert_eq!(double.state.hits.get(PLATFORMS), 1, "the double saw exactly one call with the wrong key");
    assert_eq!(double.state.hits.get(BUY), 0);
    // Another key is another matter.
    assert_eq!(client.platforms(&key()).await.unwrap().len(), 3);
}

#[tokio::test]
async fn ten_bad_keys_lock_the_ip_out_and_the_lockout_is_recognised() {
    let (double, client) = setup().await;
    for n in 0..10 {
        let fresh = EmailOrderClient::builder(double.email_order_base_url()).build().unwrap();
        assert!(matches!(fresh.platforms(&Secret::from(format!("bad-{n}"))).await.unwrap_err(), EmailOrderError::Unauthorized { locked_out: false, .. }));
    }
    match client.platforms(&key()).await.unwrap_err() {
        EmailOrderError::Unauthorized { locked_out, .. } => assert!(locked_out, "even the right key is locked out now"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_buy_is_held_then_its_items_wait_receive_codes_and_expire_masked() {
    let (double, client) = setup().await;
    let started = Instant::now();
    let order_no = client.buy(&key(), TWITTER, 3).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300), "the server held the request");
    assert!(order_no.starts_with('E') && order_no.len() == 15, "{order_no}");
    let items = client.details(&key(), &order_no).await.unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i.status == ItemStatus::Waiting && i.received_text().is_none() && i.expire_time.is_some()));

    assert!(double.state.email_order.set_item(&order_no, 0, "CodeReceived", Some("Your Twitter code is 482913")));
    assert!(double.state.email_order.set_item(&order_no, 2, "Expired", None));
    let items = client.details(&key(), &order_no).await.unwrap();
    assert_eq!(items[0].received_text(), Some("Your Twitter code is 482913"));
    assert_eq!(items[0].status, ItemStatus::CodeReceived);
    assert_eq!(items[2].status, ItemStatus::Expired);
    assert_eq!(items[2].email, "t****@mailbox.example");
}

#[tokio::test]
async fn bad_buys_come_back_with_their_codes() {
    let (_double, client) = setup().await;
    assert!(matches!(client.buy(&key(), "000000000000000000000000", 1).await.unwrap_err(), EmailOrderError::Api { code: 1001, .. }));
    assert!(matches!(client.buy(&key(), TWITTER, 0).await.unwrap_err(), EmailOrderError::Api { code: 1001, .. }));
    assert!(matches!(client.buy(&key(), TWITTER, 5000).await.unwrap_err(), EmailOrderError::Api { code: 1005, .. }));
    assert!(matches!(client.details(&key(), "E000").await.unwrap_err(), EmailOrderError::Api { code: 102, .. }));
}

#[tokio::test]
async fn a_buy_waits_well_past_a_minute_before_giving_up() {
    assert!(mailcart_lib::stores::email_order::BUY_TIMEOUT > Duration::from_secs(90));
    // And a short client deadline is a timeout, not a retry.
    let (double, _) = setup().await;
    double.state.email_order.set_hold(Duration::from_millis(1500));
    let client = EmailOrderClient::builder(double.email_order_base_url()).buy_timeout(Duration::from_millis(300)).build().unwrap();
    assert!(matches!(client.buy(&key(), TWITTER, 1).await.unwrap_err(), EmailOrderError::Timeout));
    assert_eq!(double.state.hits.get(BUY), 1);
}
