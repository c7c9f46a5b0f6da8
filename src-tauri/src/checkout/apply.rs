//! From the store's answers to the order book: every answer that changes something is committed
//! before the caller can show it.

use crate::orders::{AttemptId, CommittedOrder, DeliveredItem, ItemField, NewOrder, OrderBook, OrderBookError, OrderStatus, StoreKind};
use crate::vault::Secret;
use crate::stores::gmailstore::{read_kept_answer, CreateOrderRequest, CreatedOrder, OrderState, Product, StatedTotal, StoreOrderStatus};

/// The app's status for a store status; `None` for a word we do not know (nothing changes).
pub fn to_order_status(status: StoreOrderStatus) -> Option<OrderStatus> {
    Some(match status {
        StoreOrderStatus::AwaitingPayment => OrderStatus::AwaitingPayment,
        StoreOrderStatus::Confirming => OrderStatus::Confirming,
        StoreOrderStatus::Paid => OrderStatus::Paid,
        // "Delivered" only counts once the accounts are in hand (see `apply_state`).
        StoreOrderStatus::Delivered => OrderStatus::Paid,
        StoreOrderStatus::Expired => OrderStatus::Expired,
        StoreOrderStatus::Underpaid => OrderStatus::Underpaid,
        StoreOrderStatus::Failed => OrderStatus::Failed,
        StoreOrderStatus::Cancelled => OrderStatus::Cancelled,
        StoreOrderStatus::Unknown => return None,
    })
}

/// Records a created order with everything the store said about paying it, resolving the attempt
/// that asked for it in the same transaction.
pub fn record_created(
    book: &OrderBook,
    attempt: AttemptId,
    created: &CreatedOrder,
    request: &CreateOrderRequest,
    product: &Product,
) -> Result<CommittedOrder, OrderBookError> {
    let computed_total = product.price * rust_decimal::Decimal::from(request.quantity);
    book.record_attempted_order(attempt, NewOrder {
        order_no: created.order_no.clone(),
        store_order_id: created.id.clone(),
        access_token: created.access_token.clone(),
        product_id: Some(product.id.clone()),
        product_name_zh: Some(product.name_zh.clone()),
        min_quantity: Some(product.min_quantity),
        unit_price: Some(product.price),
        // The store's total wins (coupons, rounding); our own product only when it sent none. A
        // total it sent in a form we cannot read stays unknown: our sum may not be what it charged.
        total: match created.total {
            StatedTotal::Stated(total) => Some(total),
            StatedTotal::NotStated => Some(computed_total),
            StatedTotal::Unreadable => None,
        },
        currency: created.currency.clone().or_else(|| Some("CNY".to_owned())),
        payment_method: Some(request.payment_method.as_str().to_owned()),
        // The coin the buyer chose (one the app knows, with its network); the store's own word
        // for it only when the request named none.
        coin: request.coin.map(|c| c.as_str().to_owned()).or_else(|| created.coin.clone()),
        pay_address: created.pay_address.clone(),
        pay_amount: created.pay_amount,
        network: created.network.clone(),
        pay_url: created.cashier_url.clone(),
        expires_at: created.expires_at.clone(),
        contact_email: Some(request.contact_email.clone()),
        raw_response: Some(created.raw.clone()),
        ..NewOrder::new(
            StoreKind::GmailStore,
            product.name_en.clone(),
            request.quantity,
            to_order_status(created.status).unwrap_or(OrderStatus::AwaitingPayment),
        )
    })
}

/// Applies a status answer to order `id`: delivered accounts are committed first, then the
/// status. Returns whether anything changed.
pub fn apply_state(book: &OrderBook, id: i64, state: &OrderState) -> Result<bool, OrderBookError> {
    let note = state.status_word.as_deref().map(|w| format!("store: {w}"));
    let p = &state.payment;
    let filled = book.fill_payment_details(id, p.address.as_deref(), p.amount, p.network.as_deref(), p.expires_at.as_deref())?;
    if filled {
        book.record_raw_response(id, "payment details", &state.raw)?;
    }
    // Accounts the app could read, else the store's own lines for a list it could not: a delivered
    // order never shows as delivered with nothing in it.
    let items: Vec<DeliveredItem> = if state.accounts.is_empty() {
        state.unreadable_accounts.iter().map(|raw| DeliveredItem { login: String::new(), password: None, extra: None, fields: Vec::new(), line: Some(Secret::new(raw.clone())) }).collect()
    } else {
        state.accounts.iter().map(delivered_item).collect()
    };
    if !items.is_empty() {
        let already = book.summary(id)?.item_count as usize;
        if already < items.len() {
            book.record_delivery(id, 0, &items)?;
            book.record_raw_response(id, "delivery", &state.raw)?;
        }
        return Ok(book.update_status(id, OrderStatus::Delivered, note.as_deref())? || already < items.len() || filled);
    }
    // The payment screen reads the store's word and the amount that arrived from the latest kept
    // answer (`screen::payment_view`): an answer that changes either is kept, not every check.
    let kept = book.latest_raw_response(id)?.and_then(|raw| read_kept_answer(&raw));
    let news = kept.map_or(true, |kept| kept.status_word != state.status_word || kept.payment.received != state.payment.received);
    // A status word this version does not know leaves the status as it was.
    let changed = match to_order_status(state.status) {
        Some(status) => book.update_status(id, status, note.as_deref())?,
        None => false,
    };
    if changed || news {
        book.record_raw_response(id, "status", &state.raw)?;
    }
    Ok(changed || news || filled)
}

/// Merges an order found by order number + email into the book; returns its local id. An order
/// the book had not seen answers the oldest unanswered checkout attempt with that email.
pub fn record_lookup(book: &OrderBook, state: &OrderState, order_no: &str, email: &str) -> Result<i64, OrderBookError> {
    let id = match book.find(StoreKind::GmailStore, order_no)? {
        Some(id) => id,
        None => {
            let id = book
                .record_order(NewOrder {
                    order_no: Some(order_no.to_owned()),
                    contact_email: Some(email.to_owned()),
                    raw_response: Some(state.raw.clone()),
                    ..NewOrder::new(StoreKind::GmailStore, String::new(), state.accounts.len() as u32, OrderStatus::AwaitingPayment)
                })?
                .id;
            book.resolve_found(StoreKind::GmailStore, Some(email), None, id)?;
            id
        }
    };
    apply_state(book, id, state)?;
    Ok(id)
}

/// A delivered account as the order book keeps it: its extra fields one by one, and in one text.
fn delivered_item(account: &crate::stores::gmailstore::DeliveredAccount) -> DeliveredItem {
    let fields: Vec<ItemField> = account.fields.iter().map(ItemField::from).collect();
    DeliveredItem {
        login: account.login.clone(),
        password: account.password.clone(),
        extra: ItemField::joined(&fields).map(Secret::new),
        fields,
        line: account.line.clone(),
    }
}
