//! Plants known secrets the way the app keeps them (saved login token, API key, an order's access
//! token, a delivered password, a raw store answer holding the token, an order's number and its
//! cashier URL: with the contact email, the number is what the store's lookup hands the accounts
//! out for) and fails if any file under the data folder, or any log line, holds one of them in
//! plain text or a common encoding.

use std::path::Path;

use mailcart_lib::orders::{DeliveredItem, NewOrder, OrderStatus, StoreKind};
use mailcart_lib::stores::gmailstore::{GmailStoreClient, GmailStoreError, RetryPolicy, Understanding};
use mailcart_lib::vault::Secret;

const TOKEN: &str = "planted-token-7f3a9c2e1b";
const API_KEY: &str = "planted-apikey-bd4d7f193ebc4ffc";
const DELIVERED_PASSWORD: &str = "planted-Pässw0rd-密码-91";
const PASSPHRASE: &str = "planted passphrase 5521";
const ORDER_NO: &str = "GS2604291234PLNT";
const CASHIER_URL: &str = "https://cashier.example.com/pay/planted-cashier-5a1e";

fn encodings(secret: &str) -> Vec<(String, Vec<u8>)> {
    let utf16: Vec<u8> = secret.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    let json_escaped = serde_json::to_string(secret).unwrap();
    vec![
        ("plain".into(), secret.as_bytes().to_vec()),
        ("utf-16".into(), utf16),
        ("hex".into(), hex.into_bytes()),
        ("json".into(), json_escaped.trim_matches('"').as_bytes().to_vec()),
    ]
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

pub fn assert_no_secret_in_files(dir: &Path, secrets: &[&str]) -> usize {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for secret in secrets {
            for (encoding, needle) in encodings(secret) {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                    "{} holds a planted secret ({encoding})",
                    file.display()
                );
            }
        }
    }
    files.len()
}

#[test]
fn no_planted_secret_reaches_any_file_or_log_line() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    mailcart_lib::logging::init(&data_dir);
    let folder = crate::common::open_data_folder(&data_dir, PASSPHRASE);
    folder.vault.save_secret(&folder.db, "gmailstore/token", &Secret::from(TOKEN)).unwrap();
    folder.vault.save_secret(&folder.db, "email-order/api-key", &Secret::from(API_KEY)).unwrap();
    let order = folder
        .orders
        .record_order(NewOrder {
            order_no: Some(ORDER_NO.into()),
            access_token: Some(Secret::from(TOKEN)),
            pay_url: Some(CASHIER_URL.into()),
            contact_email: Some("buyer@example.com".into()),
            raw_response: Some(format!(r#"{{"success":true,"orderNo":"{ORDER_NO}","token":"{TOKEN}"}}"#)),
            ..NewOrder::new(StoreKind::GmailStore, "Aged Gmail", 1, OrderStatus::AwaitingPayment)
        })
        .unwrap();
    let delivered = folder.orders.record_delivery(order.id, 0, &[DeliveredItem::account("user1@gmail.com", DELIVERED_PASSWORD)]).unwrap();
    folder.orders.record_raw_response(order.id, "status", &format!(r#"{{"accounts":[{{"password":"{DELIVERED_PASSWORD}"}}]}}"#)).unwrap();
    // What the app logs about these operations, with the values in scope (under the app's own
    // target: the logger keeps other crates' lines only from Warn).
    log::info!(target: "mailcart_lib::orders", "saved login token {:?}, api key {:?}", Secret::from(TOKEN), Secret::from(API_KEY));
    log::info!(target: "mailcart_lib::orders", "delivered {:?}", DeliveredItem::account("user1@gmail.com", DELIVERED_PASSWORD));
    // An answer the reader did not fully understand is logged with its shape: never its values.
    let odd_answer = format!(r#"{{"success":true,"order":{{"orderNo":"GS1","accessToken":"{TOKEN}"}},"accounts":[{{"mailbox":"a@g.com","secret":"{DELIVERED_PASSWORD}"}}]}}"#);
    let read: Result<(), GmailStoreError> = Ok(());
    Understanding::of("GET /orders/:id/status", 200, odd_answer.as_bytes(), &read, |_| vec!["accounts (a list came, none could be read)"]).log_if_incomplete();
    // A status check whose connection fails: the token is in the request's URL, and the error is
    // logged as the app logs it.
    let unreachable = GmailStoreClient::builder().base_url("http://127.0.0.1:9/api").retry(RetryPolicy::none()).build().unwrap();
    let failed = tokio::runtime::Runtime::new().unwrap().block_on(unreachable.order_status("42", &Secret::from(TOKEN))).unwrap_err();
    let text = failed.to_string();
    log::warn!(target: "mailcart_lib::commands", "status check of order 42 failed: {text}; shown as {:?}", mailcart_lib::ipc::AppError::from(failed));
    log::logger().flush();

    // The secrets really are stored (and come back), so the scan below is not vacuous.
    assert_eq!(folder.vault.load_secret(&folder.db, "gmailstore/token").unwrap().unwrap().expose(), TOKEN);
    assert_eq!(folder.orders.access_token(order.id).unwrap().unwrap().expose(), TOKEN);
    assert_eq!(delivered.items[0].password.as_deref(), Some(DELIVERED_PASSWORD));
    assert_eq!(folder.orders.summary(order.id).unwrap().order_no.as_deref(), Some(ORDER_NO));
    assert_eq!(folder.orders.pay_url(order.id).unwrap().as_deref(), Some(CASHIER_URL));
    let log = std::fs::read_to_string(mailcart_lib::logging::log_path(&data_dir)).unwrap();
    assert!(log.contains("delivered"), "the log was written: {log}");
    assert!(log.contains("store answer not fully understood: GET /orders/:id/status → HTTP 200"), "the odd answer was logged: {log}");
    assert!(log.contains("status check of order 42 failed"), "the failed status check was logged: {log}");
    drop(folder);

    let scanned = assert_no_secret_in_files(&data_dir, &[TOKEN, API_KEY, DELIVERED_PASSWORD, PASSPHRASE, ORDER_NO, CASHIER_URL]);
    assert!(scanned >= 2, "the database and the log were scanned ({scanned} files)");
}
