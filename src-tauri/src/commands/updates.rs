//! The update check the UI runs once after start, and the install it asks for only when the user
//! says yes. A check that fails (offline, feed down, bad feed) is only logged: the buyer came to
//! shop, not to read about a release server.

use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};

use super::AppState;
use crate::ipc::AppError;
use crate::updates::{feed_override, UpdateError, UpdateOffer};

/// How long a check may take before it is given up (silently).
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);

/// The update the last check offered, kept so that "Install" installs exactly what was shown.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

#[tauri::command]
pub async fn check_for_update(app: AppHandle, pending: tauri::State<'_, PendingUpdate>) -> Result<Option<UpdateOffer>, AppError> {
    let found = find_update(&app).await.inspect_err(|reason| log::warn!("update check failed: {reason}")).ok().flatten();
    let offer = found.as_ref().map(UpdateOffer::of);
    match &offer {
        Some(offer) => log::info!("update {} offered (running {})", offer.version, offer.current_version),
        None => log::info!("update check: no newer version offered"),
    }
    *pending.0.lock().unwrap_or_else(|e| e.into_inner()) = found;
    Ok(offer)
}

async fn find_update(app: &AppHandle) -> Result<Option<Update>, String> {
    let mut builder = app.updater_builder().timeout(CHECK_TIMEOUT);
    // The proxy set in Mailcart's settings carries the update check and download too, as it does
    // the store calls; with none set, the updater follows the system's proxy (`system-proxy`).
    let proxy = app.try_state::<AppState>().and_then(|state| state.settings().proxy);
    if let Some(proxy) = proxy {
        builder = builder.proxy(proxy.parse().map_err(|e| format!("proxy {proxy}: {e}"))?);
    }
    if let Some(feed) = feed_override().map_err(|e| format!("{}: {e}", crate::config::UPDATE_FEED_ENV))? {
        builder = builder.endpoints(vec![feed]).map_err(|e| e.to_string())?;
    }
    let updater = builder.build().map_err(|e| e.to_string())?;
    updater.check().await.map_err(|e| e.to_string())
}

/// Downloads the offered update, verifies its signature against the release key, installs it and
/// restarts. Called only from the user's "Install" button.
#[tauri::command]
pub async fn install_update(app: AppHandle, pending: tauri::State<'_, PendingUpdate>) -> Result<(), AppError> {
    let update = pending.0.lock().unwrap_or_else(|e| e.into_inner()).take().ok_or(UpdateError::NothingOffered)?;
    log::info!("installing update {}", update.version);
    update.download_and_install(|_, _| {}, || {}).await.map_err(UpdateError::from_plugin).inspect_err(|error| log::warn!("update {} not installed: {error}", update.version))?;
    log::info!("update {} installed; restarting", update.version);
    app.restart()
}
