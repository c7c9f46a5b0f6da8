//! Receive-code emails: set the service up (the key checked once), list platforms, buy, watch the
//! codes arrive (committed before shown, a notification once per item), open an order by number.

use std::time::Duration;

use super::AppState;
use crate::ipc::{AppError, AutoCopied, CodeOrderView, PlatformView, ReceiveCodesSetup};
use crate::quantity::Quote;
use crate::receive_codes::{self, find_code};
use crate::stores::email_order::OrderItem;
use crate::vault::Secret;

/// Checks of one order closer together than this are not sent to the service.
const MIN_CHECK_INTERVAL: Duration = Duration::from_secs(5);

fn api_key(state: &AppState) -> Result<Secret<String>, AppError> {
    receive_codes::saved_key(&state.folder.vault, &state.folder.db)
}

#[tauri::command]
pub fn receive_codes_setup_status(state: tauri::State<'_, AppState>) -> Result<ReceiveCodesSetup, AppError> {
    Ok(ReceiveCodesSetup { url: state.email_order_url(), has_api_key: receive_codes::has_key(&state.folder.vault, &state.folder.db)? })
}

/// Saves the service's address (empty: the one in use) and key after one check with the platforms
/// call; a refused key is not saved.
#[tauri::command]
pub async fn receive_codes_setup(state: tauri::State<'_, AppState>, url: String, api_key: String) -> Result<ReceiveCodesSetup, AppError> {
    state.folder.require_unlocked("so the key can be kept")?;
    let key = receive_codes::typed_key(api_key)?;
    let client = state.email_order_at(url.trim())?;
    receive_codes::check_key(&client, &key).await?;
    state.remember_email_order_url(url.trim())?;
    receive_codes::keep_key(&state.folder.vault, &state.folder.db, &key)?;
    Ok(ReceiveCodesSetup { url: state.email_order_url(), has_api_key: true })
}

#[tauri::command]
pub async fn receive_codes_platforms(state: tauri::State<'_, AppState>) -> Result<Vec<PlatformView>, AppError> {
    let platforms = state.email_order()?.platforms(&api_key(&state)?).await?;
    Ok(platforms.into_iter().map(|p| PlatformView { id: p.id, name: p.name, price: p.price.to_string() }).collect())
}

/// The typed count at a platform's price: its exact total or the rule it breaks (no service call).
#[tauri::command]
pub fn receive_codes_quote(price: String, count: String) -> Result<Quote, AppError> {
    let price = crate::money::decimal_from_json_text(&price).map_err(|why| AppError::invalid("price", why))?;
    Ok(receive_codes::quote_count(price, &count))
}

/// Buys `count` emails for a platform: the order is recorded the moment its number comes back.
#[tauri::command]
pub async fn receive_codes_buy(state: tauri::State<'_, AppState>, platform_id: String, count: u32) -> Result<CodeOrderView, AppError> {
    let id = receive_codes::buy(&state.email_order()?, &state.folder.orders, &api_key(&state)?, &platform_id, count).await?;
    receive_codes::view(&state.folder.orders, id, None, &[])
}

/// Asks the service for the order's items, commits new texts, notifies once per new code. After a
/// 401 the key is not sent again until the user presses "Try again" (`try_key_again`).
#[tauri::command]
pub async fn receive_codes_refresh(app: tauri::AppHandle, state: tauri::State<'_, AppState>, id: i64, try_key_again: bool) -> Result<CodeOrderView, AppError> {
    if try_key_again {
        state.email_order()?.release_key(&api_key(&state)?);
        // The user's own check: not held back by the interval between automatic ones.
        state.forget_check_slot(id);
    }
    let view = refresh(&app, &state, id).await?;
    Ok(auto_copy(&app, &state, view))
}

/// Puts the newest arrived code on the clipboard when the buyer switched that on (only from an
/// order's open screen: never from the checks at start, which nobody is looking at).
fn auto_copy(app: &tauri::AppHandle, state: &AppState, mut view: CodeOrderView) -> CodeOrderView {
    if !state.settings().auto_copy_code {
        return view;
    }
    if let Some(code) = receive_codes::newest_arrived_code(&view) {
        let copied = match crate::clipboard::put_text(app, code.clone()) {
            Ok(()) => true,
            Err(error) => {
                log::info!("a new code could not be copied automatically: {error}");
                false
            }
        };
        view.auto_copied = Some(AutoCopied { code, copied });
    }
    view
}

/// One check of order `id` (skipped when the last was moments ago), with a notification per new code.
async fn refresh(app: &tauri::AppHandle, state: &AppState, id: i64) -> Result<CodeOrderView, AppError> {
    if !state.take_check_slot(id, MIN_CHECK_INTERVAL) {
        return receive_codes::view(&state.folder.orders, id, None, &[]);
    }
    let (items, applied) = receive_codes::check(&state.email_order()?, &state.folder.orders, &api_key(state)?, id).await?;
    let platform = state.folder.orders.summary(id)?.product_name;
    for item in applied.new_texts.iter().filter_map(|position| items.get(*position as usize)) {
        notify_code(app, &platform, item);
    }
    receive_codes::view(&state.folder.orders, id, Some(&items), &applied.new_texts)
}

/// Checks each unfinished receive-code order once at start (codes that came while the app was
/// closed are committed and notified), 2 s apart.
pub(crate) fn resume_unfinished(app: tauri::AppHandle, orders: Vec<crate::orders::OrderSummary>) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        for order in orders {
            if let Err(error) = refresh(&app, &state, order.id).await {
                log::info!("receive-code order {} could not be checked at start: {}", order.id, error.message);
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    });
}

/// Opens an order by its number (recording it if this computer has not seen it).
#[tauri::command]
pub async fn receive_codes_open(app: tauri::AppHandle, state: tauri::State<'_, AppState>, order_no: String) -> Result<CodeOrderView, AppError> {
    match receive_codes::open(&state.email_order()?, &state.folder.orders, &api_key(&state)?, &order_no).await? {
        receive_codes::Opened::Known(id) => Ok(auto_copy(&app, &state, refresh(&app, &state, id).await?)),
        receive_codes::Opened::Found(id, items) => {
            state.take_check_slot(id, MIN_CHECK_INTERVAL);
            receive_codes::view(&state.folder.orders, id, Some(&items), &[])
        }
    }
}

fn notify_code(app: &tauri::AppHandle, platform: &str, item: &OrderItem) {
    let code = item.received_text().and_then(find_code).unwrap_or_default();
    let body = if code.is_empty() { item.email.clone() } else { format!("{code} · {}", item.email) };
    crate::desktop::notify(app, format!("Mailcart · {platform}"), body);
}
