use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::*;
use crate::db::{Database, DATABASE_FILE};
use crate::vault::{KdfParams, NoKeyStorage, Secret, Vault};

use super::test_support::unlocked_book as book;

fn crypto_order(order_no: &str, product: &str, email: &str) -> NewOrder {
    NewOrder {
        order_no: Some(order_no.into()),
        store_order_id: Some(format!("id-{order_no}")),
        access_token: Some(Secret::from(format!("token-{order_no}"))),
        product_id: Some("30a6d792".into()),
        unit_price: Some(Decimal::from_str("12.345").unwrap()),
        total: Some(Decimal::from_str("24.690").unwrap()),
        currency: Some("CNY".into()),
        payment_method: Some("crypto".into()),
        coin: Some("trc20_usdt".into()),
        pay_address: Some("TXyz".into()),
        pay_amount: Some(Decimal::from_str("3.456789").unwrap()),
        contact_email: Some(email.into()),
        raw_response: Some(r#"{"success":true,"token":"raw-secret"}"#.into()),
        ..NewOrder::new(StoreKind::GmailStore, product, 2, OrderStatus::AwaitingPayment)
    }
}

#[test]
fn an_order_is_recorded_with_its_exact_amounts_and_first_event() {
    let (_dir, book) = book();
    let committed = book.record_order(crypto_order("GS1", "Aged Gmail", "buyer@example.com")).unwrap();
    let detail = book.detail(committed.id).unwrap();
    assert_eq!(detail.summary.order_no.as_deref(), Some("GS1"));
    assert_eq!(detail.summary.total.as_deref(), Some("24.690"));
    assert_eq!(detail.unit_price.as_deref(), Some("12.345"));
    assert_eq!(detail.pay_amount.as_deref(), Some("3.456789"));
    assert_eq!(detail.summary.status, OrderStatus::AwaitingPayment);
    assert!(!detail.summary.finished);
    assert_eq!(detail.events.len(), 1);
    assert_eq!(book.access_token(committed.id).unwrap().unwrap().expose(), "token-GS1");
}

#[test]
fn an_order_keeps_the_product_as_bought_in_both_languages_and_is_found_by_either_name() {
    let (_dir, book) = book();
    let id = book
        .record_order(NewOrder { product_name_zh: Some("老谷歌邮箱".into()), min_quantity: Some(5), ..crypto_order("GS9", "Aged Gmail", "buyer@example.com") })
        .unwrap()
        .id;
    let detail = book.detail(id).unwrap();
    assert_eq!((detail.summary.product_name.as_str(), detail.summary.product_name_zh.as_deref()), ("Aged Gmail", Some("老谷歌邮箱")));
    assert_eq!((detail.unit_price.as_deref(), detail.min_quantity), (Some("12.345"), Some(5)));
    let found = |search: &str| book.list(&OrderFilter { search: Some(search.into()), ..OrderFilter::default() }).unwrap().iter().map(|o| o.id).collect::<Vec<_>>();
    assert_eq!(found("谷歌"), [id]);
    assert_eq!(found("aged"), [id]);
    // An order from before the snapshot (or another store) has neither.
    let older = book.record_order(crypto_order("GS10", "Gmail", "buyer@example.com")).unwrap().id;
    let older = book.detail(older).unwrap();
    assert_eq!((older.summary.product_name_zh, older.min_quantity), (None, None));
}

#[test]
fn the_same_store_order_number_is_not_recorded_twice() {
    let (_dir, book) = book();
    book.record_order(crypto_order("GS1", "A", "a@x.com")).unwrap();
    assert!(matches!(book.record_order(crypto_order("GS1", "A", "a@x.com")), Err(OrderBookError::Duplicate { .. })));
    assert_eq!(book.list(&OrderFilter::default()).unwrap().len(), 1);
}

#[test]
fn status_changes_are_kept_as_history_and_final_states_finish_the_order() {
    let (_dir, book) = book();
    let id = book.record_order(crypto_order("GS1", "A", "a@x.com")).unwrap().id;
    assert!(book.update_status(id, OrderStatus::Confirming, Some("seen on chain")).unwrap());
    assert!(!book.update_status(id, OrderStatus::Confirming, None).unwrap(), "no duplicate event");
    assert_eq!(book.unfinished().unwrap().len(), 1);
    assert_eq!(book.count_unfinished().unwrap(), 1);
    book.update_status(id, OrderStatus::Delivered, None).unwrap();
    let detail = book.detail(id).unwrap();
    let statuses: Vec<OrderStatus> = detail.events.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [OrderStatus::AwaitingPayment, OrderStatus::Confirming, OrderStatus::Delivered]);
    assert_eq!(detail.events[1].note.as_deref(), Some("seen on chain"));
    assert!(detail.summary.finished);
    assert!(book.unfinished().unwrap().is_empty());
    assert_eq!(book.count_unfinished().unwrap(), 0);
}

#[test]
fn delivered_items_come_back_exactly_and_replace_by_position() {
    let (_dir, book) = book();
    let id = book.record_order(crypto_order("GS1", "A", "a@x.com")).unwrap().id;
    let committed = book
        .record_delivery(id, 0, &[DeliveredItem::account("u1@gmail.com", "pw:1,\"x\""), DeliveredItem::account("u2@gmail.com", "密码2")])
        .unwrap();
    assert_eq!(committed.items.len(), 2);
    assert_eq!(committed.items[0].export_line, "u1@gmail.com:pw:1,\"x\"");
    // Re-delivering position 1 (a code that arrived later, a corrected item) replaces it.
    book.record_delivery(id, 1, &[DeliveredItem::account("u2@gmail.com", "new")]).unwrap();
    let detail = book.detail(id).unwrap();
    let pairs: Vec<(String, Option<String>)> = detail.items.iter().map(|i| (i.login.clone(), i.password.clone())).collect();
    assert_eq!(pairs, [("u1@gmail.com".to_owned(), Some("pw:1,\"x\"".to_owned())), ("u2@gmail.com".to_owned(), Some("new".to_owned()))]);
    assert_eq!(detail.summary.item_count, 2);
}

#[test]
fn lists_newest_first_and_filters_by_store_state_and_search() {
    let (_dir, book) = book();
    let a = book.record_order(crypto_order("GS-A", "Aged Gmail", "alice@example.com")).unwrap().id;
    let b = book.record_order(crypto_order("GS-B", "US Apple ID", "bob@example.com")).unwrap().id;
    let c = book
        .record_order(NewOrder { order_no: Some("E07111835093783".into()), ..NewOrder::new(StoreKind::EmailOrder, "Twitter", 3, OrderStatus::InProgress) })
        .unwrap()
        .id;
    book.update_status(b, OrderStatus::Delivered, None).unwrap();
    book.record_delivery(a, 0, &[DeliveredItem::account("special_login@gmail.com", "x")]).unwrap();

    let ids = |filter: OrderFilter| book.list(&filter).unwrap().iter().map(|o| o.id).collect::<Vec<_>>();
    assert_eq!(ids(OrderFilter::default()), [c, b, a]);
    assert_eq!(ids(OrderFilter { store: Some(StoreKind::GmailStore), ..Default::default() }), [b, a]);
    assert_eq!(ids(OrderFilter { unfinished: Some(true), ..Default::default() }), [c, a]);
    assert_eq!(ids(OrderFilter { status: Some(OrderStatus::Delivered), ..Default::default() }), [b]);
    assert_eq!(ids(OrderFilter { search: Some("gs-b".into()), ..Default::default() }), [b]);
    assert_eq!(ids(OrderFilter { search: Some("apple".into()), ..Default::default() }), [b]);
    assert_eq!(ids(OrderFilter { search: Some("alice@".into()), ..Default::default() }), [a]);
    assert_eq!(ids(OrderFilter { search: Some("special_login".into()), ..Default::default() }), [a]);
    // LIKE wildcards typed by the user are literal.
    assert_eq!(ids(OrderFilter { search: Some("%".into()), ..Default::default() }), Vec::<i64>::new());
    assert_eq!(ids(OrderFilter { limit: Some(1), offset: Some(1), ..Default::default() }), [b]);
}

#[test]
fn a_locked_vault_stops_an_order_with_a_token_from_being_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = Arc::new(Database::open(&dir.path().join(DATABASE_FILE)).unwrap().db);
    let vault = Arc::new(Vault::open(&db, Box::new(NoKeyStorage), KdfParams::FAST_FOR_TESTS).unwrap());
    let book = OrderBook::new(db.clone(), vault);
    assert!(book.record_order(crypto_order("GS1", "A", "a@x.com")).is_err());
    let count: i64 = db.lock().query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0);
}

/// What the store's lookup needs (order number + contact email) is not in the database file
/// together in plain text, nor is the cashier URL; the book still finds and searches by number.
#[test]
fn order_numbers_and_cashier_urls_are_sealed_and_still_found() {
    let (dir, book) = book();
    let url = "https://cashier.example.com/pay/GS7HIDDEN?channel=alipay";
    // (The fixture's store id is made from the number; a store's own id is not.)
    let id = book.record_order(NewOrder { pay_url: Some(url.into()), store_order_id: Some("9b1d0001".into()), ..crypto_order("GS7HIDDEN", "Aged Gmail", "a@x.com") }).unwrap().id;
    book.record_order(crypto_order("GS8OTHER", "Aged Gmail", "a@x.com")).unwrap();
    assert_eq!(book.find(StoreKind::GmailStore, "GS7HIDDEN").unwrap(), Some(id));
    assert_eq!(book.find(StoreKind::EmailOrder, "GS7HIDDEN").unwrap(), None);
    assert_eq!(book.pay_url(id).unwrap().as_deref(), Some(url));
    assert!(book.detail(id).unwrap().has_pay_url);
    let found = book.list(&OrderFilter { search: Some("7hid".into()), ..OrderFilter::default() }).unwrap();
    assert_eq!(found.iter().map(|o| (o.id, o.order_no.as_deref())).collect::<Vec<_>>(), [(id, Some("GS7HIDDEN"))]);
    assert!(matches!(book.record_order(crypto_order("GS7HIDDEN", "A", "a@x.com")), Err(OrderBookError::Duplicate { .. })));

    book.database().lock().pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for needle in ["GS7HIDDEN", "cashier.example.com"] {
            if let Some(at) = bytes.windows(needle.len()).position(|w| w == needle.as_bytes()) {
                panic!("{needle} in plain text on disk: {:?}", String::from_utf8_lossy(&bytes[at.saturating_sub(200)..(at + 100).min(bytes.len())]));
            }
        }
    }
}

/// A book written before numbers were sealed: its plain numbers and URLs are sealed the first time
/// the vault is open, and their plain text is gone from the file.
#[test]
fn plain_numbers_from_an_older_version_are_sealed_and_wiped() {
    let (dir, book) = book();
    let id = book.record_order(NewOrder { store_order_id: Some("9b1d0002".into()), ..crypto_order("GS5OLD", "Aged Gmail", "a@x.com") }).unwrap().id;
    // As an older version left it: the number and URL in their plain columns only.
    book.database()
        .lock()
        .execute("UPDATE orders SET order_no = 'GS5OLD', pay_url = 'https://cashier.example.com/old', order_no_sealed = NULL, order_no_tag = NULL, pay_url_sealed = NULL WHERE id = ?1", [id])
        .unwrap();
    let db = book.database().clone();
    let vault = book.vault.clone();
    drop(book);
    let book = OrderBook::new(db, vault);
    assert_eq!(book.summary(id).unwrap().order_no.as_deref(), Some("GS5OLD"));
    assert_eq!(book.find(StoreKind::GmailStore, "GS5OLD").unwrap(), Some(id));
    assert_eq!(book.pay_url(id).unwrap().as_deref(), Some("https://cashier.example.com/old"));
    book.database().lock().pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for needle in ["GS5OLD", "cashier.example.com/old"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} left in plain text on disk");
        }
    }
}

/// A receive-code order's TXT line (and its Copy) names the email each text came to, on one line:
/// the text alone made an export of codes without the addresses they belong to.
#[test]
fn a_received_texts_export_line_names_its_email_on_one_line() {
    let (_dir, book) = book();
    let id = book.record_order(NewOrder { order_no: Some("E1".into()), ..NewOrder::new(StoreKind::EmailOrder, "Twitter", 2, OrderStatus::InProgress) }).unwrap().id;
    let view = book.record_code_text(id, 0, "a@x.com", "Your code is 123456\r\nThanks").unwrap();
    assert_eq!(view.export_line, "a@x.com----Your code is 123456 Thanks");
    book.record_code_text(id, 1, "b@x.com", "654321").unwrap();
    let file = super::export::export_file(&book, id, super::export::ExportFormat::Txt).unwrap();
    assert_eq!(file.contents, "a@x.com----Your code is 123456 Thanks\nb@x.com----654321\n");
    // The text itself is kept as it came.
    assert_eq!(book.detail(id).unwrap().items[0].line.as_deref(), Some("Your code is 123456\r\nThanks"));
    // A store's own account line is still exported as it came.
    let gs = book.record_order(crypto_order("GS1", "Aged Gmail", "a@x.com")).unwrap().id;
    let line = DeliveredItem { login: "u@gmail.com".into(), password: Some(Secret::from("p")), extra: None, fields: Vec::new(), line: Some(Secret::from("u@gmail.com----p----r@x.com")) };
    book.record_delivery(gs, 0, &[line]).unwrap();
    assert_eq!(book.detail(gs).unwrap().items[0].export_line, "u@gmail.com----p----r@x.com");
}
