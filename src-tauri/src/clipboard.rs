//! Puts text on the system clipboard from Rust. A copy the buyer clicks is the web view's own
//! (`navigator.clipboard` inside the click); an automatic one — a receive-code order's newest code,
//! when the buyer switched that on — comes with no click, and WebKit refuses a web page's clipboard
//! write outside one. The text is never logged (it is a code).

#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    #[error("the clipboard could not be reached: {0}")]
    Unreachable(String),
}

/// Linux: GTK's clipboard (the window already links GTK), on its main thread as GTK requires; the
/// app serves the text to other programs while it runs, as any GTK program's copy.
#[cfg(target_os = "linux")]
pub fn put_text(app: &tauri::AppHandle, text: String) -> Result<(), ClipboardError> {
    app.run_on_main_thread(move || {
        let mut text = text;
        gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD).set_text(&text);
        zeroize::Zeroize::zeroize(&mut text);
    })
    .map_err(|e| ClipboardError::Unreachable(e.to_string()))
}

/// Windows and macOS: the system keeps the text once set.
#[cfg(not(target_os = "linux"))]
pub fn put_text(_app: &tauri::AppHandle, text: String) -> Result<(), ClipboardError> {
    let text = zeroize::Zeroizing::new(text);
    arboard::Clipboard::new()
        .and_then(|mut clipboard| clipboard.set_text(text.as_str()))
        .map_err(|e| ClipboardError::Unreachable(e.to_string()))
}
