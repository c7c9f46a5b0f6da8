//! Backup and restore (`backup/`): the files are chosen in the system's dialogs, opened from Rust.
//! A restore is two steps: open a file and say what it holds (nothing changes), then merge.

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

use super::AppState;
use crate::backup::{self, BackupSummary, BackupWritten, RestoreReport};
use crate::ipc::{AppError, AppErrorKind};
use crate::settings::SettingName;
use crate::vault::{KdfParams, Secret};

/// Larger than any real book's backup (10,000 orders × 20 items: ~55 MiB): a bigger file is not read.
const MOST_BACKUP_BYTES: u64 = 1 << 30;

async fn chosen_path(app: &tauri::AppHandle, save_as: Option<String>) -> Result<Option<PathBuf>, AppError> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let dialog = app.dialog().file().add_filter("Mailcart backup", &["mcbackup"]);
    match save_as {
        Some(name) => dialog.set_file_name(name).save_file(move |path| {
            let _ = sender.send(path);
        }),
        None => dialog.pick_file(move |path| {
            let _ = sender.send(path);
        }),
    }
    let Some(path) = receiver.await.ok().flatten() else { return Ok(None) };
    path.into_path().map(Some).map_err(|e| AppError::new(AppErrorKind::Storage, e.to_string()))
}

/// Writes a backup of the whole order book (and the saved logins and keys when `with_secrets`)
/// where the buyer chooses, sealed under `passphrase`. `None` when the buyer cancels.
#[tauri::command]
pub async fn backup_create(app: tauri::AppHandle, state: tauri::State<'_, AppState>, passphrase: String, with_secrets: bool) -> Result<Option<BackupWritten>, AppError> {
    state.folder.require_unlocked("so the orders can be read")?;
    let passphrase = Secret::new(passphrase);
    let settings = serde_json::to_value(state.settings()).ok();
    let made = backup::make_backup(&state.folder.orders, &state.folder.vault, &state.folder.db, settings, with_secrets, &passphrase, KdfParams::RECOMMENDED)?;
    let name = format!("mailcart-backup-{}.mcbackup", &crate::timestamps::now()[..10]);
    let Some(path) = chosen_path(&app, Some(name)).await? else { return Ok(None) };
    crate::orders::export::write_export(&path, &made.file)?;
    backup::reminder::update(&state.folder.data_dir, |reminder| reminder.last_backup_at = Some(crate::timestamps::now()));
    Ok(Some(BackupWritten { path: path.display().to_string(), left_out: made.left_out }))
}

/// Opens a backup the buyer chooses with `passphrase` and says what it holds; kept for
/// `backup_restore`. Nothing in the book changes. `None` when the buyer cancels.
#[tauri::command]
pub async fn backup_open(app: tauri::AppHandle, state: tauri::State<'_, AppState>, passphrase: String) -> Result<Option<BackupSummary>, AppError> {
    let Some(path) = chosen_path(&app, None).await? else { return Ok(None) };
    let size = std::fs::metadata(&path).map_err(|e| AppError::new(AppErrorKind::Storage, e.to_string()))?.len();
    if size > MOST_BACKUP_BYTES {
        return Err(AppError::new(AppErrorKind::NotABackup, format!("{} is too large to be a Mailcart backup", path.display())));
    }
    let bytes = std::fs::read(&path).map_err(|e| AppError::new(AppErrorKind::Storage, e.to_string()))?;
    let (contents, summary) = backup::inspect(&bytes, &Secret::new(passphrase))?;
    let summary = BackupSummary { settings_to_take: backup::settings_to_take(&contents, &state.settings()), ..summary };
    state.opened_backup.keep(contents);
    Ok(Some(summary))
}

/// Merges the backup opened last into this computer's orders (one transaction), then gives this
/// computer the backup's settings it has not set.
#[tauri::command]
pub fn backup_restore(state: tauri::State<'_, AppState>) -> Result<RestoreReport, AppError> {
    state.folder.require_unlocked("so the orders can be sealed")?;
    let merged = state.opened_backup.merge(|contents| {
        let orders = backup::restore(&state.folder.orders, &state.folder.vault, &state.folder.db, contents)?;
        let (settings_taken, settings_not_saved) = match &contents.settings {
            Some(backup_settings) => take_settings(&state, backup_settings),
            None => (Vec::new(), false),
        };
        Ok(RestoreReport { orders, settings_taken, settings_not_saved })
    });
    merged.unwrap_or_else(|| Err(AppError::new(AppErrorKind::NotFound, "no backup is open: choose the file again")))
}

/// Saves what `settings::fill_from_backup` adds; after the orders, so that settings that cannot be
/// saved never stand in the way of the orders (the buyer is told, and can set them by hand).
fn take_settings(state: &AppState, backup_settings: &serde_json::Value) -> (Vec<SettingName>, bool) {
    let here = state.settings();
    let (filled, taken) = crate::settings::fill_from_backup(&here, backup_settings);
    if filled == here {
        return (Vec::new(), false);
    }
    match state.save_settings(filled) {
        Ok(_) => (taken, false),
        Err(error) => {
            log::warn!("the backup's settings could not be saved: {}", error.message);
            (Vec::new(), !taken.is_empty())
        }
    }
}

/// Whether the Orders page should remind the buyer to back up (`backup::reminder`).
#[tauri::command]
pub fn backup_reminder(state: tauri::State<'_, AppState>) -> Result<bool, AppError> {
    let first_delivered = state.folder.orders.first_delivered_at()?.as_deref().and_then(crate::timestamps::parse);
    let now = time::OffsetDateTime::now_utc();
    Ok(backup::reminder::due(now, first_delivered, &backup::reminder::read(&state.folder.data_dir)))
}

/// "Not now": the reminder waits another 30 days.
#[tauri::command]
pub fn backup_reminder_dismiss(state: tauri::State<'_, AppState>) {
    backup::reminder::update(&state.folder.data_dir, |reminder| reminder.dismissed_at = Some(crate::timestamps::now()));
}
