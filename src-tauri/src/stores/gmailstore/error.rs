//! Everything that can go wrong talking to GmailStore, with the store's own message kept.

use std::time::Duration;

/// Errors of the GmailStore client. Documented error messages get their own variant so the app
/// can say them in the user's language; anything else keeps the store's text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GmailStoreError {
    #[error("could not reach the store: {0}")]
    Network(#[source] reqwest::Error),
    #[error("the store did not answer in time")]
    Timeout,
    #[error("Product not found")]
    ProductNotFound,
    #[error("Insufficient stock")]
    InsufficientStock,
    #[error("Insufficient balance")]
    InsufficientBalance,
    /// `Minimum quantity is N`; `minimum` when the store's message names the number.
    #[error("{message}")]
    BelowMinimumQuantity { minimum: Option<u32>, message: String },
    #[error("Quantity cannot exceed 200")]
    QuantityOverCap,
    #[error("Please provide both order number and email")]
    LookupNeedsOrderAndEmail,
    /// HTTP 401: log in again (never retried).
    #[error("not signed in or the sign-in expired: {message}")]
    Unauthorized { message: String },
    /// HTTP 429.
    #[error("too many requests; try again later")]
    RateLimited { retry_after: Option<Duration> },
    /// Any other answer in the documented error shape.
    #[error("the store refused (HTTP {status}): {message}")]
    Api { status: u16, message: String },
    /// An answer that is not the store's JSON at all (an HTML error page from a proxy, …).
    #[error("the store answered HTTP {status} with something that is not its usual reply")]
    UnexpectedBody { status: u16, excerpt: String },
    /// A 3xx answer: not followed (see `stores::answer`).
    #[error("the store answered HTTP {status} pointing elsewhere ({location}); Mailcart does not follow it")]
    Redirected { status: u16, location: String },
    /// An answer larger than any real one: not read.
    #[error("the store's answer is larger than {limit} bytes; Mailcart did not read it")]
    TooLarge { limit: usize },
    /// JSON that does not have what the app needs; `path` names where, `body` keeps the answer.
    #[error("the store's answer could not be read at `{path}`: {message}")]
    Decode { path: String, message: String, body: String },
}

/// How much of an unreadable body to keep for the error message.
const EXCERPT_CHARS: usize = 200;

impl GmailStoreError {
    /// Maps an error answer (status + body) to the documented error it is.
    pub(crate) fn from_error_answer(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        if status == 429 {
            return GmailStoreError::RateLimited { retry_after };
        }
        match super::shapes::error_message(body) {
            Some(message) => Self::from_store_message(status, message),
            None => GmailStoreError::UnexpectedBody { status, excerpt: excerpt(body) },
        }
    }

    /// Maps the store's `error` text to its variant; documented texts are matched exactly.
    pub(super) fn from_store_message(status: u16, message: String) -> Self {
        match message.trim() {
            "Product not found" => GmailStoreError::ProductNotFound,
            "Insufficient stock" => GmailStoreError::InsufficientStock,
            "Insufficient balance" => GmailStoreError::InsufficientBalance,
            "Quantity cannot exceed 200" => GmailStoreError::QuantityOverCap,
            "Please provide both order number and email" => GmailStoreError::LookupNeedsOrderAndEmail,
            text if text.starts_with("Minimum quantity is") => GmailStoreError::BelowMinimumQuantity {
                minimum: text["Minimum quantity is".len()..].trim().trim_end_matches('.').parse().ok(),
                message,
            },
            _ if status == 401 => GmailStoreError::Unauthorized { message },
            _ => GmailStoreError::Api { status, message },
        }
    }

    pub(super) fn decode(error: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Self {
        let path = error.path().to_string();
        GmailStoreError::Decode { path, message: error.into_inner().to_string(), body: String::from_utf8_lossy(body).into_owned() }
    }

    /// Puts a decode error found inside a nested value (`product`) under that value's path.
    pub(super) fn at_path_prefix(self, prefix: &str) -> Self {
        match self {
            GmailStoreError::Decode { path, message, body } => {
                let path = if path == "." { prefix.to_owned() } else { format!("{prefix}.{path}") };
                GmailStoreError::Decode { path, message, body }
            }
            other => other,
        }
    }

    /// Keeps the whole answer (not just the nested part) with a decode error.
    pub(super) fn with_body(self, whole: &[u8]) -> Self {
        match self {
            GmailStoreError::Decode { path, message, .. } => {
                GmailStoreError::Decode { path, message, body: String::from_utf8_lossy(whole).into_owned() }
            }
            other => other,
        }
    }

    /// A transport error, its URL removed: the status call's URL carries the order's token.
    pub(super) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            GmailStoreError::Timeout
        } else {
            GmailStoreError::Network(crate::stores::answer::without_url(error))
        }
    }

    pub(super) fn from_answer(error: crate::stores::answer::AnswerError) -> Self {
        use crate::stores::answer::AnswerError;
        match error {
            AnswerError::Redirected { status, location } => GmailStoreError::Redirected { status, location },
            AnswerError::TooLarge { limit } => GmailStoreError::TooLarge { limit },
            AnswerError::Transport(error) => GmailStoreError::from_transport(error),
        }
    }
}

fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(EXCERPT_CHARS).collect()
}
