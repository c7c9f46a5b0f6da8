//! What the commands share: the store clients, built once at start.

use crate::ipc::{AppError, AppErrorKind};
use crate::stores::gmailstore::{GmailStoreClient, DEFAULT_BASE_URL};
use crate::GMAILSTORE_URL_ENV;

pub struct AppState {
    /// The client, or why it could not be built (kept so every command can say so, rather than
    /// the app refusing to open).
    gmailstore: Result<GmailStoreClient, String>,
    gmailstore_url: String,
}

impl AppState {
    pub fn from_env() -> Self {
        let url = std::env::var(GMAILSTORE_URL_ENV).unwrap_or_else(|_| DEFAULT_BASE_URL.to_owned());
        let gmailstore = GmailStoreClient::builder().base_url(url.clone()).build().map_err(|e| e.to_string());
        AppState { gmailstore, gmailstore_url: url }
    }

    pub fn gmailstore(&self) -> Result<&GmailStoreClient, AppError> {
        self.gmailstore
            .as_ref()
            .map_err(|why| AppError::new(AppErrorKind::InvalidConfig, format!("{GMAILSTORE_URL_ENV}: {why}")))
    }

    pub fn gmailstore_url(&self) -> String {
        self.gmailstore_url.clone()
    }
}
