//! From the email-order service's answers to the order book.

use rust_decimal::Decimal;

use crate::orders::{AttemptId, CommittedOrder, DeliveredItem, NewOrder, OrderBook, OrderBookError, OrderStatus, StoreKind};
use crate::stores::email_order::{OrderItem, Platform};
use crate::vault::Secret;

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
    /// Positions whose text arrived with this refresh (notify once for each).
    pub new_texts: Vec<u32>,
    pub status: Option<OrderStatus>,
}

/// Commits every received text (before anything shows it), then the order's state: in progress
/// while any item waits; delivered once none waits and a text came; expired if none came.
pub fn apply_details(book: &OrderBook, id: i64, items: &[OrderItem]) -> Result<AppliedDetails, OrderBookError> {
    let before = book.detail(id)?;
    let known: std::collections::HashSet<u32> = before.items.iter().filter(|i| i.line.is_some()).map(|i| i.position).collect();
    let mut applied = AppliedDetails::default();
    for (position, item) in items.iter().enumerate() {
        let position = position as u32;
        let Some(text) = item.received_text() else { continue };
        let unchanged = before.items.iter().any(|i| i.position == position && i.line.as_deref() == Some(text));
        if unchanged {
            continue;
        }
        let stored = DeliveredItem { login: item.email.clone(), password: None, extra: None, line: Some(Secret::new(text.to_owned())) };
        book.record_delivery(id, position, std::slice::from_ref(&stored))?;
        if !known.contains(&position) {
            applied.new_texts.push(position);
        }
    }
    let waiting = items.iter().any(|i| i.status.is_waiting());
    let any_text = items.iter().any(|i| i.received_text().is_some()) || !known.is_empty();
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

    fn item(email: &str, status: ItemStatus, text: Option<&str>) -> OrderItem {
        OrderItem { order_detail_no: None, email: email.into(), text: text.map(Into::into), status, expire_time: None, platform_name: None }
    }

    #[test]
    fn each_text_is_committed_and_reported_new_once_and_the_order_finishes_when_none_waits() {
        let (_dir, book) = book();
        let platform = Platform { id: "p1".into(), name: "Twitter".into(), price: Decimal::new(12, 2) };
        let attempt = book.begin_attempt(&crate::receive_codes::attempt_for(&platform, 3)).unwrap();
        let id = record_bought(&book, attempt, "E1", &platform, 3).unwrap().id;
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
        let platform = Platform { id: "p1".into(), name: "Discord".into(), price: Decimal::new(30, 2) };
        let attempt = book.begin_attempt(&crate::receive_codes::attempt_for(&platform, 1)).unwrap();
        let id = record_bought(&book, attempt, "E2", &platform, 1).unwrap().id;
        let applied = apply_details(&book, id, &[item("d****@x", ItemStatus::Expired, None)]).unwrap();
        assert_eq!(applied.status, Some(OrderStatus::Expired));
    }
}
