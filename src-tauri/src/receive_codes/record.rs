//! From the email-order service's answers to the order book.

use rust_decimal::Decimal;

use crate::orders::{CommittedOrder, DeliveredItem, NewOrder, OrderBook, OrderBookError, OrderStatus, StoreKind};
use crate::stores::email_order::{OrderItem, Platform};
use crate::vault::Secret;

/// Records an order the moment `buy` returned its number.
pub fn record_bought(book: &OrderBook, order_no: &str, platform: &Platform, count: u32) -> Result<CommittedOrder, OrderBookError> {
    book.record_order(NewOrder {
        order_no: Some(order_no.to_owned()),
        product_id: Some(platform.id.clone()),
        unit_price: Some(platform.price),
        total: Some(platform.price * Decimal::from(count)),
        payment_method: Some("balance".into()),
        ..NewOrder::new(StoreKind::EmailOrder, platform.name.clone(), count, OrderStatus::InProgress)
    })
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
