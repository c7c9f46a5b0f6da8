//! GmailStore's public Web API (`docs/api/gmailstore.md`).

mod account_fields;
mod client;
mod error;
mod json_tree;
mod limiter;
mod models;
mod retry;
mod understanding;
pub(crate) mod shapes;

pub use account_fields::{AccountField, FieldKind};
pub use client::{BuildError, CreateAnswer, GmailStoreClient, GmailStoreClientBuilder, CREATE_ORDER_TIMEOUT, DEFAULT_BASE_URL};
pub use error::GmailStoreError;
pub use limiter::QueryLimiter;
pub use models::{
    Coin, CreateOrderRequest, CreatedOrder, DeliveredAccount, PaymentDetails, LoginSession, OrderState, PaymentConfig, PaymentMethod, Product, StatedTotal,
    StoreOrderStatus,
};
pub use retry::RetryPolicy;
pub use understanding::{shape_of_answer, Understanding};
pub use shapes::masked_answer;

/// A kept store answer about an order read again (the payment screen's "the store says" parts:
/// a status word this version does not know, the amount that arrived); `None` when it says nothing
/// about the order.
pub fn read_kept_answer(raw: &str) -> Option<OrderState> {
    shapes::decode_order_state(raw.as_bytes()).ok()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod shapes_tests;
