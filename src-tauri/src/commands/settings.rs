//! Reading and saving the preferences, and checking the store they point at.

use super::AppState;
use crate::ipc::AppError;
use crate::settings::Settings;

#[tauri::command]
pub fn settings_get(state: tauri::State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command]
pub fn settings_save(state: tauri::State<'_, AppState>, settings: Settings) -> Result<Settings, AppError> {
    state.save_settings(settings)
}

/// Settings → "Check the store": the store's public endpoints, each answer as understood.
#[tauri::command]
pub async fn check_store(state: tauri::State<'_, AppState>) -> Result<crate::store_check::StoreCheck, AppError> {
    let client = state.gmailstore()?;
    Ok(crate::store_check::check_store(&client).await)
}
