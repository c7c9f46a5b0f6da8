//! The email-order API key: read as typed, checked once with the service before it is kept, kept
//! sealed in the vault, and loaded for every call.

use crate::db::Database;
use crate::ipc::{AppError, AppErrorKind};
use crate::stores::email_order::EmailOrderClient;
use crate::vault::{Secret, Vault};

/// The vault's name for the key.
pub const API_KEY_SECRET: &str = "email-order/api-key";

/// The key as typed, trimmed; an empty one is refused before anything is sent.
pub fn typed_key(typed: String) -> Result<Secret<String>, AppError> {
    let key = Secret::new(typed.trim().to_owned());
    if key.expose().is_empty() {
        return Err(AppError::invalid("apiKey", "the API key is empty"));
    }
    Ok(key)
}

/// Checks `key` with one platforms call. Entering the key after a lockout is the buyer's word to
/// try it again; a key the service called wrong is not sent a second time (the client's rule).
pub async fn check_key(client: &EmailOrderClient, key: &Secret<String>) -> Result<(), AppError> {
    client.release_lockout(key);
    client.platforms(key).await?;
    Ok(())
}

pub fn keep_key(vault: &Vault, db: &Database, key: &Secret<String>) -> Result<(), AppError> {
    Ok(vault.save_secret(db, API_KEY_SECRET, key)?)
}

pub fn saved_key(vault: &Vault, db: &Database) -> Result<Secret<String>, AppError> {
    vault.load_secret(db, API_KEY_SECRET)?.ok_or_else(|| AppError::new(AppErrorKind::NotConfigured, "enter the email-order API key first"))
}

/// Whether a key is kept (false while the vault is locked: nothing can be read then).
pub fn has_key(vault: &Vault, db: &Database) -> Result<bool, AppError> {
    Ok(vault.is_unlocked() && vault.has_secret(db, API_KEY_SECRET)?)
}
