//! What the payment screen shows of an order, and one status check of it with the store.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{apply_state, missing_details, payment_uri, qr_svg_data_url};
use crate::ipc::{AppError, AppErrorKind, CheckoutView};
use crate::orders::OrderBook;
use crate::stores::gmailstore::{masked_answer, read_kept_answer, GmailStoreClient, StoreOrderStatus};

/// The payment screen of order `id` as the order book holds it; `store_message` is what the
/// store's last answer said, if anything.
pub fn payment_view(book: &OrderBook, id: i64, store_message: Option<String>) -> Result<CheckoutView, AppError> {
    let detail = book.detail(id)?;
    let amount = detail.pay_amount.as_deref().and_then(|a| Decimal::from_str(a).ok());
    let payment_uri = match (&detail.coin, &detail.pay_address) {
        (Some(coin), Some(address)) => Some(payment_uri(coin, address, amount)),
        _ => None,
    };
    let qr_code = payment_uri.as_deref().and_then(qr_svg_data_url);
    let missing = missing_details(&detail);
    // The store's latest kept answer, opened once: shown (its secrets masked) only when something
    // to pay with is missing, and read for what it says beyond the status the book holds.
    let latest = book.latest_raw_response(id).ok().flatten();
    let store_answer = if missing.is_empty() { None } else { latest.as_deref().map(masked_answer) };
    let settled = detail.summary.status.is_settled();
    let said = latest.as_deref().and_then(read_kept_answer);
    let unknown_status = said.as_ref().filter(|s| s.status == StoreOrderStatus::Unknown).and_then(|s| s.status_word.clone());
    let received = said.as_ref().and_then(|s| s.payment.received);
    let short_by = match (amount, received) {
        (Some(amount), Some(received)) if received < amount => Some((amount - received).normalize().to_string()),
        _ => None,
    };
    Ok(CheckoutView {
        order: detail,
        payment_uri,
        qr_code,
        store_message,
        missing,
        store_answer,
        settled,
        unknown_status,
        received: received.map(|r| r.normalize().to_string()),
        payment_tx: book.payment_tx(id)?,
        short_by,
    })
}

/// Checks order `id` with the store once and commits what changed; returns the store's message.
pub async fn check_status(client: &GmailStoreClient, book: &OrderBook, id: i64) -> Result<Option<String>, AppError> {
    let (Some(token), Some(store_id)) = (book.access_token(id)?, book.store_order_id(id)?) else {
        return Err(AppError::new(AppErrorKind::LookupNeeded, "this order has no access token; look it up by order number and email"));
    };
    let status = client.order_status(&store_id, &token).await?;
    apply_state(book, id, &status)?;
    Ok(status.message)
}
