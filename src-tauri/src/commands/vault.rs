//! Choosing, unlocking and changing how the vault's key is protected. Passphrases come in and are
//! wrapped in `Secret` at once; nothing secret goes back out.

use super::AppState;
use crate::ipc::AppError;
use crate::orders::resume::ResumeHooks;
use crate::vault::{Secret, VaultStatus};

#[tauri::command]
pub fn vault_status(state: tauri::State<'_, AppState>) -> VaultStatus {
    state.core.vault.status()
}

#[tauri::command]
pub async fn vault_unlock(app: tauri::AppHandle, state: tauri::State<'_, AppState>, passphrase: String) -> Result<VaultStatus, AppError> {
    let passphrase = Secret::new(passphrase);
    state.core.vault.unlock(&passphrase)?;
    resume_orders(&app);
    Ok(state.core.vault.status())
}

/// Hands the unfinished orders to their stores' resume hooks (once the vault can open tokens).
pub fn resume_orders(app: &tauri::AppHandle) {
    use tauri::Manager;
    let state = app.state::<AppState>();
    let hooks = app.state::<ResumeHooks>();
    match state.core.orders.unfinished() {
        Ok(orders) => {
            let unhandled = hooks.resume(orders);
            if unhandled > 0 {
                log::info!("{unhandled} unfinished orders have no store module to check them yet");
            }
        }
        Err(error) => log::warn!("could not list unfinished orders: {error}"),
    }
}

#[tauri::command]
pub async fn vault_set_passphrase(state: tauri::State<'_, AppState>, passphrase: String) -> Result<VaultStatus, AppError> {
    let passphrase = Secret::new(passphrase);
    state.core.vault.set_passphrase(&state.core.db, &passphrase)?;
    Ok(state.core.vault.status())
}

#[tauri::command]
pub fn vault_use_session_only(state: tauri::State<'_, AppState>) -> Result<VaultStatus, AppError> {
    state.core.vault.use_session_only(&state.core.db)?;
    Ok(state.core.vault.status())
}

#[tauri::command]
pub fn vault_retry_keychain(state: tauri::State<'_, AppState>) -> Result<VaultStatus, AppError> {
    Ok(state.core.vault.retry_keychain(&state.core.db)?)
}
