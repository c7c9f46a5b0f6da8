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

    assert!(double.state.email_order.set_item(&order_no, 0, "CodeReceived", Some("Your Twitter code is 482913"), None));
    assert!(double.state.email_order.set_item(&order_no, 2, "Expired", None, Some("0")));
    let items = client.details(&key(), &order_no).await.unwrap();
    assert_eq!(items[0].received_text(), Some("Your Twitter code is 482913"));
    assert_eq!(items[0].status, ItemStatus::CodeReceived);
    assert_eq!(items[2].status, ItemStatus::Expired);
    assert_eq!(items[2].email, "t****@mailbox.example");
    // Each item's price, as the service sends it; a refunded one says 0.
    assert_eq!(items.iter().map(|i| i.price.map(|p| p.to_string())).collect::<Vec<_>>(), [Some("0.12".into()), Some("0.12".into()), Some("0".into())]);
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

/// Found by reading: after the lockout the watch screen kept sending the key every 10 s into a ban
/// that may keep extending. After any 401 — the lockout, a refused key, an HTTP 401 — no call is
/// made with that key until the user asks to try again.
#[tokio::test]
async fn after_any_401_the_key_is_held_until_the_user_tries_again() {
    let (double, client) = setup().await;
    let details = "POST /api/buyEmailOrder/open/details/{order_no}";
    for n in 0..10 {
        let _ = EmailOrderClient::builder(double.email_order_base_url()).build().unwrap().platforms(&Secret::from(format!("bad-{n}"))).await;
    }
    assert!(matches!(client.details(&key(), "E1").await.unwrap_err(), EmailOrderError::Unauthorized { locked_out: true, .. }));
    for _ in 0..3 {
        assert!(matches!(client.details(&key(), "E1").await.unwrap_err(), EmailOrderError::LockedOutEarlier));
    }
    assert_eq!(double.state.hits.get(details), 1, "one call into the lockout, then none");
    // The user presses "Try again" once the hour is over.
    double.state.email_order.clear_failures();
    client.release_key(&key());
    let _ = client.details(&key(), "E1").await;
    assert_eq!(double.state.hits.get(details), 2, "sent again after the user's word");

    // An HTTP 401 (a proxy's, or the service's without its envelope) holds the key too.
    double.state.faults.push(mailcart_store_double::Fault::new(mailcart_store_double::FaultKind::Http401).on_path("/api/buyEmailOrder/open/accountPlatformList").times(1));
    assert!(matches!(client.platforms(&key()).await.unwrap_err(), EmailOrderError::Unauthorized { locked_out: false, .. }));
    assert!(matches!(client.platforms(&key()).await.unwrap_err(), EmailOrderError::KeyRefusedEarlier));
    assert_eq!(double.state.hits.get(PLATFORMS), 11, "ten bad keys, one HTTP 401, nothing after it");
}

/// Entering a key again lifts a lockout hold (the user waited the hour) but not a wrong-key hold.
#[tokio::test]
async fn entering_the_key_again_lifts_a_lockout_but_not_a_refusal() {
    let (double, client) = setup().await;
    let wrong = Secret::from("wrong-key");
    let _ = client.platforms(&wrong).await;
    client.release_lockout(&wrong);
    assert!(matches!(client.platforms(&wrong).await.unwrap_err(), EmailOrderError::KeyRefusedEarlier));
    for n in 0..10 {
        let _ = EmailOrderClient::builder(double.email_order_base_url()).build().unwrap().platforms(&Secret::from(format!("bad-{n}"))).await;
    }
    let _ = client.platforms(&key()).await;
    assert!(matches!(client.platforms(&key()).await.unwrap_err(), EmailOrderError::LockedOutEarlier));
    double.state.email_order.clear_failures();
    client.release_lockout(&key());
    assert_eq!(client.platforms(&key()).await.unwrap().len(), 3);
}
