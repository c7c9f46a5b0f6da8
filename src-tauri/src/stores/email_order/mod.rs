//! The email-order open API (receive-code emails): platforms, buy, details. `docs/api/email-order.md`.

mod client;
mod error;
mod models;
pub(crate) mod envelope;

pub use client::{EmailOrderClient, EmailOrderClientBuilder, HeldKeys, KeyHold, BUY_TIMEOUT};
pub use error::EmailOrderError;
pub use models::{ItemStatus, OrderItem, Platform};

#[cfg(test)]
mod tests;
