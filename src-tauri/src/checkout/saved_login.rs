//! The saved GmailStore login for balance payments: the session token, the email, and (when the
//! buyer ticked "remember") the password, all sealed in the vault.
//!
//! When the store refuses a balance order with 401 (the token expired), the app logs in once by
//! itself with the saved password — a login creates nothing, so one automatic try is safe — and
//! keeps the new token. The order itself is never sent again by the app: the buyer is asked to
//! press Pay again. A saved password the store refuses is forgotten with the token.

use crate::db::Database;
use crate::stores::gmailstore::{GmailStoreClient, GmailStoreError, LoginSession};
use crate::vault::{Secret, Vault, VaultError};

pub const TOKEN_SECRET: &str = "gmailstore/token";
pub const EMAIL_SECRET: &str = "gmailstore/email";
pub const PASSWORD_SECRET: &str = "gmailstore/password";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SavedLoginError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Store(#[from] GmailStoreError),
}

/// Keeps a session the store gave for `email`; the password too when `remember` holds one (else
/// any saved password is forgotten).
pub fn keep_session(vault: &Vault, db: &Database, email: &str, session: &LoginSession, remember: Option<&Secret<String>>) -> Result<(), VaultError> {
    vault.save_secret(db, TOKEN_SECRET, &session.token)?;
    vault.save_secret(db, EMAIL_SECRET, &Secret::new(email.trim().to_owned()))?;
    match remember {
        Some(password) => vault.save_secret(db, PASSWORD_SECRET, password),
        None => vault.delete_secret(db, PASSWORD_SECRET),
    }
}

/// The store refused the saved token: logs in again once with the saved email and password and
/// keeps the new token. `Ok(None)` when no password was saved (the token is forgotten: the buyer
/// must log in). A refused password is forgotten with the token.
pub async fn log_in_again(client: &GmailStoreClient, vault: &Vault, db: &Database) -> Result<Option<(String, LoginSession)>, SavedLoginError> {
    vault.delete_secret(db, TOKEN_SECRET)?;
    let (Some(email), Some(password)) = (vault.load_secret(db, EMAIL_SECRET)?, vault.load_secret(db, PASSWORD_SECRET)?) else {
        return Ok(None);
    };
    let email = email.expose().clone();
    match client.login(&email, &password).await {
        Ok(session) => {
            vault.save_secret(db, TOKEN_SECRET, &session.token)?;
            log::info!("the saved login had expired; logged in again with the saved password");
            Ok(Some((email, session)))
        }
        Err(error) => {
            if matches!(error, GmailStoreError::Unauthorized { .. }) {
                vault.delete_secret(db, PASSWORD_SECRET)?;
            }
            Err(error.into())
        }
    }
}

/// "Forget my login": the token and the saved password (the email stays as a hint).
pub fn forget(vault: &Vault, db: &Database) -> Result<(), VaultError> {
    vault.delete_secret(db, TOKEN_SECRET)?;
    vault.delete_secret(db, PASSWORD_SECRET)
}
