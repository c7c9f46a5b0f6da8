//! GmailStore's public Web API (`docs/api/gmailstore.md`).

mod client;
mod error;
mod json_tree;
mod limiter;
mod models;
mod retry;
mod understanding;
pub(crate) mod shapes;

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

#[cfg(test)]
mod tests;
#[cfg(test)]
mod shapes_tests;
