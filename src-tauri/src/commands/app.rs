//! What the UI needs to start: version, language, store in use, start-up notices, vault state.

use super::AppState;
use crate::ipc::AppInfo;
use crate::locale::UiLanguage;

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    static FIRST: std::sync::Once = std::sync::Once::new();
    crate::start_timeline::mark_once(&FIRST, "first call from the window (app_info)");
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        system_language: UiLanguage::of_system(),
        gmailstore_url: state.gmailstore_url(),
        notices: state.notices.clone(),
        vault: state.folder.vault.status(),
        unfinished_orders: state.folder.orders.count_unfinished().unwrap_or(0),
        demo: crate::demo::is_demo(),
    }
}
