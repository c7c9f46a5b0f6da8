//! The GmailStore catalogue: the store's list (kept for the next start) and the one kept last time.

use super::AppState;
use crate::ipc::{AppError, ProductView};
use crate::last_catalogue::{self, LastCatalogue};

#[tauri::command]
pub async fn list_products(app: tauri::AppHandle, state: tauri::State<'_, AppState>) -> Result<Vec<ProductView>, AppError> {
    let answer = state.gmailstore()?.products().await;
    // The store has answered, either way: the first screen is complete (`first_screen`).
    crate::first_screen::shown();
    let products: Vec<ProductView> = answer?.into_iter().map(ProductView::from).collect();
    static FIRST: std::sync::Once = std::sync::Once::new();
    crate::start_timeline::mark_once(&FIRST, "catalogue answered by the store");
    last_catalogue::keep(&state.folder.data_dir, &state.gmailstore_url(), &products);
    // The same list serves the stock and price watch: no second call for it.
    super::watch::look_at(&app, &state, &products);
    Ok(products)
}

/// What the store listed last time (no store call): shown at once, marked with its time.
#[tauri::command]
pub fn last_catalogue(state: tauri::State<'_, AppState>) -> Option<LastCatalogue> {
    let last = last_catalogue::read(&state.folder.data_dir, &state.gmailstore_url());
    static FIRST: std::sync::Once = std::sync::Once::new();
    crate::start_timeline::mark_once(&FIRST, "kept catalogue read");
    last
}

#[tauri::command]
pub async fn get_product(state: tauri::State<'_, AppState>, id_or_slug: String) -> Result<ProductView, AppError> {
    Ok(state.gmailstore()?.product(&id_or_slug).await?.into())
}
