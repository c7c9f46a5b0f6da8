//! The stock and price watch (`watch`) for the window: the buyer's marks, the background checks of
//! the product list, and a desktop notification per watched change.

use tauri::Manager;

use super::AppState;
use crate::ipc::{AppError, ProductView};
use crate::locale::UiLanguage;
use crate::watch::schedule::{self, Turn};
use crate::watch::{notice, Alerted, Watch, WatchRequest};

/// The watches of the store in use.
#[tauri::command]
pub fn watch_list(state: tauri::State<'_, AppState>) -> Vec<Watch> {
    state.watches.list(&state.gmailstore_url())
}

/// Sets the buyer's marks on `product` (all off removes its watch); answers the whole list.
#[tauri::command]
pub fn watch_set(state: tauri::State<'_, AppState>, product: ProductView, request: WatchRequest) -> Result<Vec<Watch>, AppError> {
    Ok(state.watches.set(&state.gmailstore_url(), &product, &request, &crate::timestamps::now())?)
}

/// Stops watching a product, found by its id (it may have left the catalogue).
#[tauri::command]
pub fn watch_remove(state: tauri::State<'_, AppState>, product_id: String) -> Result<Vec<Watch>, AppError> {
    Ok(state.watches.remove(&state.gmailstore_url(), &product_id)?)
}

/// A whole product list the store just sent (to the catalogue page or the background check):
/// the watches look at it, and each watched change becomes one notification.
pub(crate) fn look_at(app: &tauri::AppHandle, state: &AppState, products: &[ProductView]) {
    let alerted = state.watches.observe(&state.gmailstore_url(), products, &crate::timestamps::now());
    if alerted.is_empty() {
        return;
    }
    let language = state.settings().language.resolve();
    for one in &alerted {
        tell(app, one, language);
    }
}

fn tell(app: &tauri::AppHandle, alerted: &Alerted, language: UiLanguage) {
    let (title, body) = notice::words(alerted, language);
    crate::desktop::notify(app, title, body);
}

/// Starts the background checks: one product-list call per turn for every watch of the store in
/// use, at the watch's pace (`schedule`), for as long as the app runs.
pub(crate) fn start_checks(app: tauri::AppHandle) {
    let every = crate::config::watch_every().unwrap_or(schedule::EVERY);
    tauri::async_runtime::spawn(async move {
        schedule::keep_turning(every, schedule::random_unit, || turn(app.clone())).await;
    });
}

async fn turn(app: tauri::AppHandle) -> Turn {
    let state = app.state::<AppState>();
    if state.settings().watch_paused || !state.watches.needs_checks(&state.gmailstore_url()) {
        return Turn::Idle;
    }
    let answer = match state.gmailstore() {
        Ok(client) => client.products().await.map_err(AppError::from),
        Err(error) => Err(error),
    };
    match answer {
        Ok(products) => {
            let products: Vec<ProductView> = products.into_iter().map(ProductView::from).collect();
            crate::last_catalogue::keep(&state.folder.data_dir, &state.gmailstore_url(), &products);
            look_at(&app, &state, &products);
            Turn::Checked
        }
        Err(error) => {
            log::info!("the watch could not check the product list: {}", error.message);
            Turn::Failed
        }
    }
}
