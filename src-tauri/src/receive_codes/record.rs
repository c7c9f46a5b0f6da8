//! From the email-order service's answers to the order book.

use rust_decimal::Decimal;

use crate::orders::{AttemptId, CommittedOrder, NewOrder, OrderBook, OrderBookError, OrderStatus, StoreKind};
use crate::stores::email_order::{OrderItem, Platform};

/// Records an order the moment `buy` returned its number, resolving the attempt that bought it in
/// the same transaction.
pub fn record_bought(book: &OrderBook, attempt: AttemptId, order_no: &str, platform: &Platform, count: u32) -> Result<CommittedOrder, OrderBookError> {
    book.record_attempted_order(attempt, NewOrder {
        order_no: Some(order_no.to_owned()),
        product_id: Some(platform.id.clone()),
        unit_price: Some(platform.price),
        total: Some(platform.price * Decimal::from(count)),
        payment_method: Some("balance".into()),
        ..NewOrder::new(StoreKind::EmailOrder, platform.name.clone(), count, OrderStatus::InProgress)
    })
}

/// Records an order this computer had not seen, found by its number: its price is not known. It
/// answers the oldest unanswered buy attempt for the same platform.
pub fn record_found(book: &OrderBook, order_no: &str, items: &[OrderItem]) -> Result<CommittedOrder, OrderBookError> {
    let platform = items.iter().find_map(|i| i.platform_name.clone()).unwrap_or_default();
    let committed = book.record_order(NewOrder {
        order_no: Some(order_no.to_owned()),
        ..NewOrder::new(StoreKind::EmailOrder, platform.clone(), items.len() as u32, OrderStatus::InProgress)
    })?;
    book.resolve_found(StoreKind::EmailOrder, None, Some(&platform), committed.id)?;
    Ok(committed)
}

/// What a refresh changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AppliedDetails {
    /// Positions whose text arrived with this refresh, a first or a later one (notify once for each).
    pub new_texts: Vec<u32>,
    pub status: Option<OrderStatus>,
}

/// Commits every received text (before anything shows it; a replaced text is kept in the item's
/// history), then the order's state: in progress while any item waits; delivered once none waits
/// and a text came; expired if none came.
pub fn apply_details(book: &OrderBook, id: i64, items: &[OrderItem]) -> Result<AppliedDetails, OrderBookError> {
    let before = book.detail(id)?;
    let known = before.items.iter().any(|i| i.line.is_some());
    let mut applied = AppliedDetails::default();
    for (position, item) in items.iter().enumerate() {
        let position = position as u32;
        let Some(text) = item.received_text() else { continue };
        let unchanged = before.items.iter().any(|i| i.position == position && i.line.as_deref() == Some(text));
        if unchanged {
            continue;
        }
        book.record_code_text(id, position, &item.email, text)?;
        applied.new_texts.push(position);
    }
    let waiting = items.iter().any(|i| i.status.is_waiting());
    let any_text = items.iter().any(|i| i.received_text().is_some()) || known;
    let status = match (waiting, any_text) {
        (true, _) => OrderStatus::InProgress,
        (false, true) => OrderStatus::Delivered,
        (false, false) => OrderStatus::Expired,
    };
    if book.update_status(id, status, None)? {
        applied.status = Some(status);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {

    use rust_decimal::Decimal;

    use super::*;
    use crate::stores::email_order::ItemStatus;

    use crate::orders::test_support::unlocked_book as book;

    /// Order `order_no` of `count` emails for `platform` at `cents`/100 each, bought and recorded.
    fn bought(book: &OrderBook, order_no: &str, platform: &str, cents: i64, count: u32) -> i64 {
        let platform = Platform { id: "p1".into(), name: platform.into(), price: Decimal::new(cents, 2) };
        let attempt = book.begin_attempt(&crate::receive_codes::attempt_for(&platform, count)).unwrap();
        record_bought(book, attempt, order_no, &platform, count).unwrap().id
    }

    fn item(email: &str, status: ItemStatus, text: Option<&str>) -> OrderItem {
        OrderItem { order_detail_no: None, email: email.into(), text: text.map(Into::into), status, expire_time: None, platform_name: None, price: None }
    }

    #[test]
    fn each_text_is_committed_and_reported_new_once_and_the_order_finishes_when_none_waits() {
        let (_dir, book) = book();
        let id = bought(&book, "E1", "Twitter", 12, 3);
        assert!(book.unresolved_attempts().unwrap().is_empty(), "the buy answered its attempt");
        assert_eq!(book.detail(id).unwrap().summary.total.as_deref(), Some("0.36"));

        let first = [item("a@x", ItemStatus::CodeReceived, Some("code 1234")), item("b@x", ItemStatus::Waiting, None), item("c@x", ItemStatus::Waiting, Some(" "))];
        assert_eq!(apply_details(&book, id, &first).unwrap().new_texts, [0]);
        assert_eq!(apply_details(&book, id, &first).unwrap(), AppliedDetails::default(), "nothing new the second time");
        assert_eq!(book.detail(id).unwrap().items[0].line.as_deref(), Some("code 1234"));

        let last = [item("a@x", ItemStatus::CodeReceived, Some("code 1234")), item("b@x", ItemStatus::CodeReceived, Some("code 5678")), item("c****@x", ItemStatus::Expired, None)];
        let applied = apply_details(&book, id, &last).unwrap();
        assert_eq!(applied.new_texts, [1]);
        assert_eq!(applied.status, Some(OrderStatus::Delivered));
        assert!(book.detail(id).unwrap().summary.finished);
    }

    #[test]
    fn a_second_text_for_an_email_is_new_its_code_is_marked_when_sent_again_and_the_first_is_kept() {
        let (_dir, book) = book();
        let id = bought(&book, "E4", "Twitter", 12, 1);
        let mut live = [item("a@x", ItemStatus::CodeReceived, Some("Your code is 111222"))];
        assert_eq!(apply_details(&book, id, &live).unwrap().new_texts, [0]);
        let first = crate::receive_codes::view(&book, id, Some(&live), &[0]).unwrap();
        assert!(!first.items[0].same_code_as_before);
        let first_at = first.items[0].received_at.clone().expect("arrival time kept");

        std::thread::sleep(std::time::Duration::from_millis(5));
        live[0].text = Some("Code: 111222 (sent again)".into());
        assert_eq!(apply_details(&book, id, &live).unwrap().new_texts, [0], "a changed text is an arrival too");
        let again = crate::receive_codes::view(&book, id, Some(&live), &[0]).unwrap();
        assert_eq!(again.items[0].code.as_deref(), Some("111222"));
        assert!(again.items[0].same_code_as_before, "the same code in a new message is marked");
        assert_ne!(again.items[0].received_at.as_deref(), Some(first_at.as_str()), "the arrival time is the new text's");
        assert_eq!(again.arrived, [0]);
        assert_eq!(crate::receive_codes::newest_arrived_code(&again).as_deref(), Some("111222"));
        assert_eq!(crate::receive_codes::newest_arrived_code(&crate::receive_codes::view(&book, id, Some(&live), &[]).unwrap()), None, "nothing came: nothing to copy");

        live[0].text = Some("Your code is 333444".into());
        apply_details(&book, id, &live).unwrap();
        let fresh = crate::receive_codes::view(&book, id, Some(&live), &[]).unwrap();
        assert!(!fresh.items[0].same_code_as_before, "a new code is not marked");
        assert_eq!(book.detail(id).unwrap().items[0].earlier_lines, ["Your code is 111222", "Code: 111222 (sent again)"]);

        // The history is bounded: a flood of messages keeps only the last few replaced texts.
        for n in 0..15 {
            live[0].text = Some(format!("Your code is {}", 500000 + n));
            apply_details(&book, id, &live).unwrap();
        }
        let earlier = book.detail(id).unwrap().items[0].earlier_lines.clone();
        assert_eq!(earlier.len(), 10);
        assert_eq!(earlier.last().map(String::as_str), Some("Your code is 500013"));
    }

    #[test]
    fn what_was_charged_is_summed_only_when_every_price_is_known() {
        let (_dir, book) = book();
        let id = bought(&book, "E5", "Twitter", 12, 3);
        let priced = |mut i: OrderItem, price: Option<i64>| {
            i.price = price.map(|p| Decimal::new(p, 2));
            i
        };
        let mut live = [
            priced(item("a@x", ItemStatus::CodeReceived, Some("code 1234")), Some(12)),
            priced(item("b****@x", ItemStatus::Released, None), Some(0)),
            priced(item("c****@x", ItemStatus::Expired, None), Some(12)),
        ];
        apply_details(&book, id, &live).unwrap();
        let view = crate::receive_codes::view(&book, id, Some(&live), &[]).unwrap();
        assert_eq!((view.charged_total.as_deref(), view.used_total.as_deref()), (Some("0.24"), Some("0.12")));
        assert_eq!(view.items[1].price.as_deref(), Some("0.00"));
        live[2].price = None;
        let view = crate::receive_codes::view(&book, id, Some(&live), &[]).unwrap();
        assert_eq!((view.charged_total, view.used_total), (None, None), "a partial sum would read as the whole");
    }

    #[test]
    fn an_order_found_by_number_is_recorded_without_a_made_up_price() {
        let (_dir, book) = book();
        let mut found = item("a@x", ItemStatus::Waiting, None);
        found.platform_name = Some("TikTok".into());
        let id = record_found(&book, "E3", &[found.clone(), found]).unwrap().id;
        let detail = book.detail(id).unwrap();
        assert_eq!((detail.summary.product_name.as_str(), detail.summary.quantity), ("TikTok", 2));
        assert_eq!((detail.summary.total, detail.unit_price), (None, None));
    }

    #[test]
    fn an_order_whose_items_all_expire_without_a_code_is_expired() {
        let (_dir, book) = book();
        let id = bought(&book, "E2", "Discord", 30, 1);
        let applied = apply_details(&book, id, &[item("d****@x", ItemStatus::Expired, None)]).unwrap();
        assert_eq!(applied.status, Some(OrderStatus::Expired));
    }
}
