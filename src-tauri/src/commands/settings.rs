//! Reading and saving the preferences.

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
