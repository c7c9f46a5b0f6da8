//! Choosing, unlocking and changing how the vault's key is protected. Passphrases come in and are
//! wrapped in `Secret` at once; nothing secret goes back out.

use super::AppState;
use crate::ipc::AppError;
use crate::orders::resume::ResumeHooks;
use crate::vault::{Secret, VaultStatus};

#[tauri::command]
pub fn vault_status(state: tauri::State<'_, AppState>) -> VaultStatus {
    state.folder.vault.status()
}

#[tauri::command]
pub async fn vault_unlock(app: tauri::AppHandle, state: tauri::State<'_, AppState>, passphrase: String) -> Result<VaultStatus, AppError> {
    let passphrase = Secret::new(passphrase);
    state.folder.vault.unlock(&passphrase)?;
    resume_orders(&app);
    Ok(state.folder.vault.status())
}

/// Hands the unfinished orders to their stores' resume hooks (once the vault can open tokens).
pub fn resume_orders(app: &tauri::AppHandle) {
    use tauri::Manager;
    let state = app.state::<AppState>();
    let hooks = app.state::<ResumeHooks>();
    match state.folder.orders.unfinished() {
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
    state.folder.vault.set_passphrase(&state.folder.db, &passphrase)?;
    Ok(state.folder.vault.status())
}

#[tauri::command]
pub fn vault_use_session_only(state: tauri::State<'_, AppState>) -> Result<VaultStatus, AppError> {
    state.folder.vault.use_session_only(&state.folder.db)?;
    Ok(state.folder.vault.status())
}

#[tauri::command]
pub fn vault_retry_keychain(state: tauri::State<'_, AppState>) -> Result<VaultStatus, AppError> {
    Ok(state.folder.vault.retry_keychain(&state.folder.db)?)
}
