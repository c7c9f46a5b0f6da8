//! A receive-code order from the buy to the last code, with no Tauri in it: the commands call these
//! and only add the key, the check interval and the notifications.

use rust_decimal::Decimal;

use super::attempt::{attempt_for, created_nothing};
use super::code::find_code;
use super::record::{apply_details, record_bought, record_found, AppliedDetails};
use crate::ipc::{AppError, AppErrorKind, CodeItemView, CodeOrderView};
use crate::orders::{AttemptOutcome, OrderBook, StoreKind};
use crate::quantity::{quote, Quote, RuleError};
use crate::stores::email_order::{EmailOrderClient, ItemStatus, OrderItem};
use crate::vault::Secret;

/// The most emails one buy may ask for (the service's own bound).
pub const MAX_BUY_COUNT: u32 = 99_999;

/// How many emails one buy may ask for.
pub fn check_count(count: u32) -> Result<(), RuleError> {
    if (1..=MAX_BUY_COUNT).contains(&count) {
        Ok(())
    } else {
        Err(RuleError::CountOutOfRange { most: MAX_BUY_COUNT })
    }
}

/// The typed count at `unit_price`: its exact total, or the rule it breaks.
pub fn quote_count(unit_price: Decimal, typed: &str) -> Quote {
    quote(typed, unit_price, check_count)
}

/// Buys `count` emails for `platform_id`: the attempt is on disk before the request leaves (the
/// service holds it up to a minute, and a crash then must not leave a bought order without a
/// trace), and the order is recorded the moment its number comes back. Returns its local id.
pub async fn buy(client: &EmailOrderClient, book: &OrderBook, key: &Secret<String>, platform_id: &str, count: u32) -> Result<i64, AppError> {
    check_count(count)?;
    let platform = client
        .platforms(key)
        .await?
        .into_iter()
        .find(|p| p.id == platform_id)
        .ok_or_else(|| AppError::new(AppErrorKind::NotFound, "this platform is no longer offered"))?;
    let attempt = book.begin_attempt(&attempt_for(&platform, count))?;
    let order_no = match client.buy(key, &platform.id, count).await {
        Ok(order_no) => order_no,
        Err(error) => {
            if created_nothing(&error) {
                book.settle_attempt(attempt, AttemptOutcome::Refused)?;
            }
            return Err(AppError::from_email_order_buy(error));
        }
    };
    // The number first, on the attempt that is already on disk: if the order cannot be recorded
    // next (a full disk), the Orders page still has what opens it.
    if let Err(error) = book.keep_attempt_order_no(&attempt, &order_no) {
        log::warn!("the order number could not be kept with attempt {}: {error}", attempt.get());
    }
    let attempt_id = attempt.get();
    match record_bought(book, attempt, &order_no, &platform, count) {
        Ok(order) => Ok(order.id),
        Err(error) => {
            log::error!("email-order order {order_no} was bought but could not be recorded (attempt {attempt_id}): {error}");
            let message = format!("the service sold order {order_no}, but Mailcart could not save it: {error}");
            Err(AppError { order_no: Some(order_no), ..AppError::new(AppErrorKind::OrderMayExist, message) })
        }
    }
}

/// Asks the service for order `id`'s items and commits new texts; returns them with what changed.
pub async fn check(client: &EmailOrderClient, book: &OrderBook, key: &Secret<String>, id: i64) -> Result<(Vec<OrderItem>, AppliedDetails), AppError> {
    let order_no = book.summary(id)?.order_no.ok_or_else(|| AppError::new(AppErrorKind::NotFound, "this order has no number"))?;
    let items = client.details(key, &order_no).await?;
    let applied = apply_details(book, id, &items)?;
    Ok((items, applied))
}

/// Where an order opened by its number stands: already in the book, or found at the service now.
pub enum Opened {
    Known(i64),
    /// Recorded just now, with the items just fetched (the first check: no second call).
    Found(i64, Vec<OrderItem>),
}

/// Opens an order by its number, recording it if this computer has not seen it.
pub async fn open(client: &EmailOrderClient, book: &OrderBook, key: &Secret<String>, order_no: &str) -> Result<Opened, AppError> {
    let order_no = order_no.trim();
    if let Some(id) = book.find(StoreKind::EmailOrder, order_no)? {
        return Ok(Opened::Known(id));
    }
    let items = client.details(key, order_no).await?;
    let id = record_found(book, order_no, &items)?.id;
    apply_details(book, id, &items)?;
    Ok(Opened::Found(id, items))
}

/// The order from the book, with the live item states when there are some.
pub fn view(book: &OrderBook, id: i64, live: Option<&[OrderItem]>) -> Result<CodeOrderView, AppError> {
    let order = book.detail(id)?;
    let stored = |position: u32| order.items.iter().find(|i| i.position == position);
    let items: Vec<CodeItemView> = match live {
        Some(live) => live
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let position = position as u32;
                let text = stored(position).and_then(|s| s.line.clone());
                CodeItemView {
                    position,
                    email: item.email.clone(),
                    status: item.status,
                    code: text.as_deref().and_then(find_code),
                    text,
                    expire_time: item.expire_time.clone(),
                    waiting: item.status.is_waiting(),
                }
            })
            .collect(),
        None => order
            .items
            .iter()
            .map(|s| CodeItemView {
                position: s.position,
                email: s.login.clone(),
                status: ItemStatus::CodeReceived,
                code: s.line.as_deref().and_then(find_code),
                text: s.line.clone(),
                expire_time: None,
                waiting: false,
            })
            .collect(),
    };
    let waiting = live.map_or(!order.summary.finished, |l| l.iter().any(|i| i.status.is_waiting()));
    Ok(CodeOrderView { order, items, waiting })
}
