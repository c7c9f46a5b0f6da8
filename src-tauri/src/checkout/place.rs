//! Placing a GmailStore order, from the attempt written down before the request leaves to the order
//! committed to the order book. The store may charge for an order the moment it handles the
//! request, so every step after sending keeps what it can before it can fail:
//!
//! 1. the attempt is committed (nothing secret) — if this fails, nothing is sent;
//! 2. the request is sent once; a refusal in the store's own words settles the attempt, anything
//!    else (no answer, a 5xx, a proxy's page) leaves it open: the order may exist;
//! 3. the answer is sealed into the attempt, **then** read;
//! 4. the order number is sealed into the attempt, then the order is recorded (which resolves the
//!    attempt in the same transaction). If recording fails (a full disk), the attempt still holds
//!    the number the lookup needs, or, when even that cannot be written, the log does.

use super::apply::record_created;
use super::attempt::{attempt_for, created_nothing};
use crate::orders::{AttemptOutcome, CommittedOrder, OrderBook, OrderBookError};
use crate::stores::gmailstore::{CreateOrderRequest, GmailStoreClient, GmailStoreError, Product};
use crate::vault::Secret;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlaceOrderError {
    /// The attempt could not be written down, so the order was not sent.
    #[error("the order was not sent: it could not be written down first ({0})")]
    NotSent(OrderBookError),
    /// The store refused the order in its own words: nothing was created.
    #[error(transparent)]
    Refused(GmailStoreError),
    /// No answer the app could read (lost, too late, a server or proxy error, nothing in it that
    /// names an order): the order may exist. Any answer that came is kept with the attempt.
    #[error("the store's answer did not arrive or could not be read: {0}")]
    NoAnswer(GmailStoreError),
    /// The store created the order but it could not be recorded here.
    #[error("the store created {} but it could not be saved on this computer: {error}", order_no.as_deref().map_or("the order".to_owned(), |n| format!("order {n}")))]
    NotRecorded { order_no: Option<String>, error: OrderBookError },
}

impl PlaceOrderError {
    /// Whether the store may hold an order the buyer has not seen (so it must not be ordered again
    /// before a lookup).
    pub fn order_may_exist(&self) -> bool {
        matches!(self, PlaceOrderError::NoAnswer(_) | PlaceOrderError::NotRecorded { .. })
    }
}

/// Sends `request` for `product` once, and records the order the store answers with.
pub async fn place_order(
    client: &GmailStoreClient,
    book: &OrderBook,
    request: &CreateOrderRequest,
    product: &Product,
    user_token: Option<&Secret<String>>,
) -> Result<CommittedOrder, PlaceOrderError> {
    let attempt = book.begin_attempt(&attempt_for(request, product)).map_err(PlaceOrderError::NotSent)?;
    let answer = match client.send_create_order(request, user_token).await {
        Ok(answer) => answer,
        Err(error) if created_nothing(&error) => {
            // The refusal is the answer whether or not its note can be written: a still-open
            // attempt only makes the Orders page offer a lookup that finds nothing.
            if let Err(settle) = book.settle_attempt(attempt, AttemptOutcome::Refused) {
                log::warn!("a refused order's attempt could not be closed: {settle}");
            }
            return Err(PlaceOrderError::Refused(error));
        }
        Err(error) => return Err(PlaceOrderError::NoAnswer(error)),
    };
    if let Err(error) = book.keep_attempt_answer(&attempt, &answer.body) {
        log::warn!("the store's answer to attempt {} could not be kept: {error}", attempt.get());
    }
    let created = answer.read().map_err(PlaceOrderError::NoAnswer)?;
    let order_no = created.order_no.clone();
    let number_kept = match &order_no {
        Some(number) => match book.keep_attempt_order_no(&attempt, number) {
            Ok(()) => true,
            Err(error) => {
                log::warn!("the order number could not be kept with attempt {}: {error}", attempt.get());
                false
            }
        },
        None => false,
    };
    let attempt_id = attempt.get();
    record_created(book, attempt, &created, request, product).map_err(|error| {
        if let (false, Some(number)) = (number_kept, &order_no) {
            // The last place left for the number the lookup needs (not a secret on its own: the
            // lookup also needs the contact email, which is not logged).
            log::error!("order {number} was created by the store but could not be recorded (attempt {attempt_id}): {error}");
        } else {
            log::error!("an order created by the store could not be recorded (attempt {attempt_id}): {error}");
        }
        PlaceOrderError::NotRecorded { order_no, error }
    })
}
