//! The order book (see `book.rs`), its model, read views and exports.

mod attempts;
mod book;
pub mod export;
mod model;
mod numbers;
pub mod transfer;
pub mod resume;
#[cfg(test)]
pub(crate) mod test_support;
mod views;

pub use attempts::{AttemptId, AttemptOutcome, NewAttempt, PendingAttempt};
pub use book::{CommittedItems, CommittedOrder, OrderBook, OrderBookError, OrderFilter, ORDERS_PAGE};
pub use model::{DeliveredItem, FieldKind, ItemField, NewOrder, OrderStatus, StoreKind};
pub use views::{ItemView, OrderDetail, OrderSummary, StatusEvent};

#[cfg(test)]
mod tests;
