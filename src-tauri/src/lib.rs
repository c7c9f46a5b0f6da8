//! Mailcart: a desktop shop for stores that sell email accounts.
//!
//! The store clients (`stores`), money handling (`money`) and endpoint rules (`endpoint`) are plain
//! Rust with no Tauri dependency; `commands` is the thin layer the web view calls, and `ipc` holds
//! the types that cross that boundary.

pub mod db;
pub mod endpoint;
pub mod ipc;
pub mod locale;
pub mod money;
pub mod orders;
pub mod stores;
pub mod time_text;
pub mod vault;

mod commands;

use commands::AppState;

/// Environment variable that points the app at another GmailStore (the demo store, a test double).
pub const GMAILSTORE_URL_ENV: &str = "MAILCART_GMAILSTORE_URL";

pub fn run() {
    let state = AppState::from_env();
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::catalogue::list_products,
            commands::catalogue::get_product,
        ])
        .run(tauri::generate_context!("tauri.conf.json"))
        .unwrap_or_else(|error| {
            eprintln!("Mailcart could not start: {error}");
            std::process::exit(1);
        });
}
