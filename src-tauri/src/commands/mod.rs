//! The commands the web view may call: a few lines each over the plain modules.

pub mod catalogue;
mod state;

pub use state::AppState;

use crate::ipc::AppInfo;
use crate::locale::UiLanguage;

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        system_language: UiLanguage::of_system(),
        gmailstore_url: state.gmailstore_url(),
    }
}
