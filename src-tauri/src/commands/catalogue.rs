//! The GmailStore catalogue.

use super::AppState;
use crate::ipc::{AppError, ProductView};

#[tauri::command]
pub async fn list_products(state: tauri::State<'_, AppState>) -> Result<Vec<ProductView>, AppError> {
    let products = state.gmailstore()?.products().await?;
    Ok(products.into_iter().map(ProductView::from).collect())
}

#[tauri::command]
pub async fn get_product(state: tauri::State<'_, AppState>, id_or_slug: String) -> Result<ProductView, AppError> {
    Ok(state.gmailstore()?.product(&id_or_slug).await?.into())
}
