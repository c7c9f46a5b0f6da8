//! GmailStore checkout: create an order (recorded before it is shown), check on it, open its
//! cashier, and log in for balance payments.

use std::time::Duration;

use tauri_plugin_opener::OpenerExt;

use super::AppState;
use crate::checkout::saved_login::{self, TOKEN_SECRET};
use crate::checkout::{self, CheckoutInput};
use crate::endpoint::check_cashier_url;
use crate::ipc::{AppError, AppErrorKind, CheckoutView, LoginStatus, PaymentOptions};
use crate::orders::OrderDetail;
use crate::stores::gmailstore::{GmailStoreClient, GmailStoreError, PaymentConfig, PaymentMethod};
use crate::vault::Secret;

/// Status checks of one order closer together than this are answered from the order book.
const MIN_CHECK_INTERVAL: Duration = Duration::from_secs(4);

#[tauri::command]
pub async fn payment_options(state: tauri::State<'_, AppState>) -> Result<PaymentOptions, AppError> {
    let config = state.gmailstore()?.payment_config().await?;
    Ok(PaymentOptions { alipay: config.alipay, wechat: config.wechat })
}

#[tauri::command]
pub async fn checkout_create(app: tauri::AppHandle, state: tauri::State<'_, AppState>, input: CheckoutInput) -> Result<CheckoutView, AppError> {
    if !state.core.vault.is_unlocked() {
        return Err(AppError::new(AppErrorKind::VaultLocked, "unlock your saved data before buying, so the order can be kept"));
    }
    let client = state.gmailstore()?;
    let product = client.product(&input.product_id).await?;
    let config = match input.payment_method {
        PaymentMethod::Alipay | PaymentMethod::Wechat => client.payment_config().await?,
        _ => PaymentConfig { alipay: true, wechat: true },
    };
    let token = if input.payment_method.needs_login() { state.core.vault.load_secret(&state.core.db, TOKEN_SECRET)? } else { None };
    let request = checkout::check_order(&input, &product, config, token.is_some())?;
    let committed = match checkout::place_order(&client, &state.core.orders, &request, &product, token.as_ref()).await {
        Ok(committed) => committed,
        Err(error) => return Err(place_failed(&state, &client, error).await),
    };
    state.remember_contact_email(&request.contact_email);
    // The order exists now: a browser that will not open must not hide it. Say so on the payment
    // screen, which offers to open the cashier again.
    let pay_url = state.core.orders.pay_url(committed.id)?;
    let note = pay_url.as_deref().and_then(|url| open_in_browser(&app, url).err()).map(|e| e.message);
    checkout::payment_view(&state.core.orders, committed.id, note)
}

/// What a failed order tells the user. A 401 to a balance order means the saved token expired: the
/// app logs in again once with the saved password (if the buyer let it keep one), and asks the buyer
/// to press Pay again — the order itself is never sent again by the app.
async fn place_failed(state: &AppState, client: &GmailStoreClient, error: checkout::PlaceOrderError) -> AppError {
    let checkout::PlaceOrderError::Refused(GmailStoreError::Unauthorized { message }) = error else {
        return error.into();
    };
    *state.login_cache() = None;
    match saved_login::log_in_again(client, &state.core.vault, &state.core.db).await {
        Ok(Some((email, session))) => {
            state.set_login_status(LoginStatus::from_session(&email, &session));
            AppError::new(AppErrorKind::LoggedInAgain, "the saved login had expired; logged in again: nothing was bought, press Pay again")
        }
        Ok(None) => AppError::new(AppErrorKind::Unauthorized, message),
        Err(saved_login::SavedLoginError::Vault(error)) => error.into(),
        Err(saved_login::SavedLoginError::Store(error)) => {
            log::info!("logging in again with the saved password failed: {error}");
            AppError::new(AppErrorKind::Unauthorized, message)
        }
    }
}

/// Checks on an order with the store (politely: at most every few seconds) and returns what the
/// order book now holds.
#[tauri::command]
pub async fn checkout_refresh(state: tauri::State<'_, AppState>, id: i64) -> Result<CheckoutView, AppError> {
    refresh(&state, id).await
}

/// One status check of order `id` (skipped when the last was moments ago), applied and committed.
pub(crate) async fn refresh(state: &AppState, id: i64) -> Result<CheckoutView, AppError> {
    let store_message = match state.take_check_slot(id, MIN_CHECK_INTERVAL) {
        true => checkout::check_status(&state.gmailstore()?, &state.core.orders, id).await?,
        false => None,
    };
    checkout::payment_view(&state.core.orders, id, store_message)
}

#[tauri::command]
pub fn checkout_view(state: tauri::State<'_, AppState>, id: i64) -> Result<CheckoutView, AppError> {
    checkout::payment_view(&state.core.orders, id, None)
}

/// Opens an order's cashier page again in the system browser.
#[tauri::command]
pub fn open_cashier(app: tauri::AppHandle, state: tauri::State<'_, AppState>, id: i64) -> Result<(), AppError> {
    let url = state.core.orders.pay_url(id)?.ok_or_else(|| AppError::new(AppErrorKind::NotFound, "this order has no cashier page"))?;
    open_in_browser(&app, &url)
}

fn open_in_browser(app: &tauri::AppHandle, url: &str) -> Result<(), AppError> {
    let url = check_cashier_url(url)?;
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| AppError::new(AppErrorKind::InvalidConfig, format!("could not open the browser: {e}")))
}

#[tauri::command]
pub async fn login(state: tauri::State<'_, AppState>, email: String, password: String, remember_password: bool) -> Result<LoginStatus, AppError> {
    let password = Secret::new(password);
    let session = state.gmailstore()?.login(&email, &password).await?;
    saved_login::keep_session(&state.core.vault, &state.core.db, &email, &session, remember_password.then_some(&password))?;
    let status = LoginStatus::from_session(&email, &session);
    state.set_login_status(status.clone());
    Ok(status)
}

#[tauri::command]
pub fn login_status(state: tauri::State<'_, AppState>) -> Result<LoginStatus, AppError> {
    state.login_status()
}

#[tauri::command]
pub fn logout(state: tauri::State<'_, AppState>) -> Result<LoginStatus, AppError> {
    saved_login::forget(&state.core.vault, &state.core.db)?;
    *state.login_cache() = None;
    state.login_status()
}

#[tauri::command]
pub async fn lookup_order(state: tauri::State<'_, AppState>, order_no: String, email: String) -> Result<OrderDetail, AppError> {
    if !state.core.vault.is_unlocked() {
        return Err(AppError::new(AppErrorKind::VaultLocked, "unlock your saved data first, so the order can be kept"));
    }
    let found = state.gmailstore()?.query_order(&order_no, &email).await?;
    let id = checkout::record_lookup(&state.core.orders, &found, order_no.trim(), email.trim())?;
    Ok(state.core.orders.detail(id)?)
}

/// Pause between the status checks made at start for unfinished orders.
const RESUME_SPACING: Duration = Duration::from_secs(2);

/// Checks each unfinished GmailStore order once, one after another (the resume hook).
pub(crate) fn resume_unfinished(app: tauri::AppHandle, orders: Vec<crate::orders::OrderSummary>) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        for order in orders {
            match refresh(&state, order.id).await {
                Ok(view) => log::info!("order {} checked at start: {:?}", order.id, view.order.summary.status),
                Err(error) => log::info!("order {} could not be checked at start: {}", order.id, error.message),
            }
            tokio::time::sleep(RESUME_SPACING).await;
        }
    });
}
