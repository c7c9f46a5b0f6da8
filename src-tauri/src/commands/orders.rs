//! The order book as the Orders page sees it: lists, one order's detail, exports.

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

use super::AppState;
use crate::ipc::{AppError, AppErrorKind};
use crate::orders::export::{self, ExportFormat};
use crate::orders::{OrderDetail, OrderFilter, OrderSummary, PendingAttempt};

#[tauri::command]
pub fn orders_list(state: tauri::State<'_, AppState>, filter: OrderFilter) -> Result<Vec<OrderSummary>, AppError> {
    Ok(state.folder.orders.list(&filter)?)
}

#[tauri::command]
pub fn order_detail(state: tauri::State<'_, AppState>, id: i64) -> Result<OrderDetail, AppError> {
    Ok(state.folder.orders.detail(id)?)
}

/// Orders sent to a store whose answer never arrived (the app stopped, or the connection broke):
/// each may exist at the store, and the Orders page offers to look it up.
#[tauri::command]
pub fn order_attempts(state: tauri::State<'_, AppState>) -> Result<Vec<PendingAttempt>, AppError> {
    Ok(state.folder.orders.unresolved_attempts()?)
}

/// The user has dealt with an unanswered order (found it, or knows it was not made).
#[tauri::command]
pub fn order_attempt_dismiss(state: tauri::State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.folder.orders.dismiss_attempt(id)?;
    Ok(())
}

/// Asks where to save (the system's save dialog, opened from Rust), then writes the order's
/// delivered items there. `None` when the user cancels.
#[tauri::command]
pub async fn order_export(app: tauri::AppHandle, state: tauri::State<'_, AppState>, id: i64, format: ExportFormat) -> Result<Option<String>, AppError> {
    let file = export::export_file(&state.folder.orders, id, format)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog().file().set_file_name(&file.file_name).add_filter(file.extension.to_uppercase(), &[file.extension]).save_file(move |path| {
        let _ = sender.send(path);
    });
    let Some(path) = receiver.await.ok().flatten() else { return Ok(None) };
    let path: PathBuf = path.into_path().map_err(|e| AppError::new(AppErrorKind::Storage, e.to_string()))?;
    export::write_export(&path, file.contents.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
