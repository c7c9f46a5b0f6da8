//! GmailStore's public Web API (`shared/api/gmailstore-web-api.seed.md`).

mod client;
mod error;
mod models;
mod wire;

pub use client::{BuildError, GmailStoreClient, GmailStoreClientBuilder, DEFAULT_BASE_URL};
pub use error::GmailStoreError;
pub use models::Product;

#[cfg(test)]
mod tests;
