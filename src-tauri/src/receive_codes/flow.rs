//! A receive-code order from the buy to the last code, with no Tauri in it: the commands call these
//! and only add the key, the check interval and the notifications.

use rust_decimal::Decimal;

use super::attempt::{attempt_for, created_nothing};
use super::code::find_code;
use super::record::{apply_details, record_bought, record_found, AppliedDetails};
use crate::ipc::{AppError, AppErrorKind, CodeItemView, CodeOrderView};
use crate::orders::{AttemptOutcome, ItemView, OrderBook, StoreKind};
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

/// The order from the book, with the live item states when there are some; `arrived`: the
/// positions whose text came with the check that fetched them.
pub fn view(book: &OrderBook, id: i64, live: Option<&[OrderItem]>, arrived: &[u32]) -> Result<CodeOrderView, AppError> {
    let order = book.detail(id)?;
    let stored = |position: u32| order.items.iter().find(|i| i.position == position);
    let items: Vec<CodeItemView> = match live {
        Some(live) => live
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let kept = stored(position as u32);
                CodeItemView {
                    status: item.status,
                    expire_time: item.expire_time.clone(),
                    waiting: item.status.is_waiting(),
                    price: item.price.map(|p| p.to_string()),
                    ..item_view(position as u32, item.email.clone(), kept)
                }
            })
            .collect(),
        None => order
            .items
            .iter()
            .map(|kept| CodeItemView { status: ItemStatus::CodeReceived, ..item_view(kept.position, kept.login.clone(), Some(kept)) })
            .collect(),
    };
    let waiting = live.map_or(!order.summary.finished, |l| l.iter().any(|i| i.status.is_waiting()));
    let (charged_total, used_total) = live.map_or((None, None), totals);
    Ok(CodeOrderView { order, items, waiting, charged_total, used_total, arrived: arrived.to_vec(), auto_copied: None })
}

/// The code to copy automatically: the newest among those that came with this check.
pub fn newest_arrived_code(view: &CodeOrderView) -> Option<String> {
    view.items
        .iter()
        .filter(|item| view.arrived.contains(&item.position))
        .filter_map(|item| Some((item.received_at.clone().unwrap_or_default(), item.position, item.code.clone()?)))
        .max()
        .map(|(_, _, code)| code)
}

/// One email as the book keeps it: its latest text, when it came, and whether its code was
/// already in an earlier text for this email.
fn item_view(position: u32, email: String, kept: Option<&ItemView>) -> CodeItemView {
    let text = kept.and_then(|k| k.line.clone());
    let code = text.as_deref().and_then(find_code);
    let same_code_as_before = match (&code, kept) {
        (Some(code), Some(kept)) => kept.earlier_lines.iter().filter_map(|earlier| find_code(earlier)).any(|earlier| &earlier == code),
        _ => false,
    };
    CodeItemView {
        position,
        email,
        status: ItemStatus::Waiting,
        received_at: text.as_ref().and(kept).map(|k| k.received_at.clone()),
        code,
        text,
        expire_time: None,
        waiting: false,
        same_code_as_before,
        price: None,
    }
}

/// The whole order's charge and the part for emails that received a text, when the service gave
/// every item's price (a partial sum would read as the whole).
fn totals(live: &[OrderItem]) -> (Option<String>, Option<String>) {
    let prices: Option<Vec<Decimal>> = live.iter().map(|i| i.price).collect();
    let Some(prices) = prices.filter(|p| !p.is_empty()) else { return (None, None) };
    let charged: Decimal = prices.iter().sum();
    let used: Decimal = live.iter().zip(&prices).filter(|(item, _)| item.received_text().is_some()).map(|(_, price)| *price).sum();
    (Some(charged.normalize().to_string()), Some(used.normalize().to_string()))
}
