//! What the app asks of the desktop it runs on: a notification, a page in the system browser.
//!
//! On Windows and macOS through tauri's notification and opener plugins. On Linux directly: the
//! plugins reach the desktop there through zbus, a second D-Bus implementation (0.8 MiB of the
//! binary with the Secret Service client) beside the GIO that GTK and WebKitGTK already load into
//! this process; a notification is one D-Bus call through that GIO, and a page is `xdg-open`.

mod browser;
mod notification;
#[cfg(target_os = "linux")]
pub mod session_bus;

pub use browser::open_in_browser;
pub use notification::notify;

/// The plugins this module relies on where it does not do the work itself.
pub fn plugins<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_opener::init()).plugin(tauri_plugin_notification::init());
    builder
}
