//! A page in the buyer's own browser (a payment cashier, a block explorer). The caller checks the
//! address first (`endpoint::check_cashier_url`); this only hands it to the system.

#[derive(Debug, thiserror::Error)]
#[error("could not open the browser: {0}")]
pub struct BrowserError(String);

/// Opens `url` in the system's browser.
pub fn open_in_browser(app: &tauri::AppHandle, url: &url::Url) -> Result<(), BrowserError> {
    #[cfg(target_os = "linux")]
    {
        let _ = app;
        linux::open(url.as_str())
    }
    #[cfg(not(target_os = "linux"))]
    {
        use tauri_plugin_opener::OpenerExt;
        app.opener().open_url(url.as_str(), None::<&str>).map_err(|error| BrowserError(error.to_string()))
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::process::{Command, Stdio};

    use super::BrowserError;

    /// `xdg-open`, what every Linux desktop answers (and what the opener plugin runs first); then
    /// GLib's `gio open` where it is missing.
    const OPENERS: [&[&str]; 2] = [&["xdg-open"], &["gio", "open"]];

    pub fn open(url: &str) -> Result<(), BrowserError> {
        let mut tried = Vec::new();
        for opener in OPENERS {
            let started = Command::new(opener[0]).args(&opener[1..]).arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
            match started {
                Ok(mut child) => {
                    // Waited for on a thread of its own, so that it leaves no zombie behind.
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Err(error) => tried.push(format!("{}: {error}", opener.join(" "))),
            }
        }
        Err(BrowserError(tried.join("; ")))
    }
}
