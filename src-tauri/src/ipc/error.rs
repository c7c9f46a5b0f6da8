//! The one error type every command returns: a kind the UI branches on (and translates) and a
//! technical message shown as detail. Add a kind only when the UI treats it differently.

use serde::Serialize;
use ts_rs::TS;

use crate::stores::gmailstore::GmailStoreError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AppErrorKind {
    /// The store could not be reached (no network, refused, reset).
    Network,
    Timeout,
    /// The store answered with a server error or something that is not its JSON.
    StoreUnavailable,
    NotFound,
    /// The store's JSON lacked what the app needs.
    BadResponse,
    RateLimited,
    Unauthorized,
    /// The store refused the request with its own message.
    StoreRejected,
    /// The app's own configuration is wrong (e.g. a store address that is not allowed).
    InvalidConfig,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    pub kind: AppErrorKind,
    pub message: String,
}

impl AppError {
    pub fn new(kind: AppErrorKind, message: impl Into<String>) -> Self {
        AppError { kind, message: message.into() }
    }
}

impl From<GmailStoreError> for AppError {
    fn from(error: GmailStoreError) -> Self {
        let kind = match &error {
            GmailStoreError::Network(_) => AppErrorKind::Network,
            GmailStoreError::Timeout => AppErrorKind::Timeout,
            GmailStoreError::ProductNotFound => AppErrorKind::NotFound,
            GmailStoreError::Unauthorized { .. } => AppErrorKind::Unauthorized,
            GmailStoreError::RateLimited { .. } => AppErrorKind::RateLimited,
            GmailStoreError::Decode { .. } => AppErrorKind::BadResponse,
            GmailStoreError::UnexpectedBody { .. } => AppErrorKind::StoreUnavailable,
            GmailStoreError::Api { status, .. } if *status >= 500 => AppErrorKind::StoreUnavailable,
            _ => AppErrorKind::StoreRejected,
        };
        // The Display text never holds secrets: bodies are only kept inside `Decode`, whose
        // Display names the path and problem, not the body.
        AppError::new(kind, error.to_string())
    }
}
