//! GmailStore checkout: create an order (recorded before it is shown), check on it, open its
//! cashier, and log in for balance payments.

use std::time::Duration;

use super::AppState;
use crate::checkout::saved_login;
use crate::checkout::{self, CheckoutInput};
use crate::endpoint::check_cashier_url;
use crate::ipc::{AppError, AppErrorKind, CheckoutView, LoginStatus, PaymentOptions, ProductView};
use crate::orders::OrderDetail;
use crate::quantity::Quote;
use crate::stores::gmailstore::Product;
use crate::vault::Secret;

/// Status checks of one order closer together than this are answered from the order book.
const MIN_CHECK_INTERVAL: Duration = Duration::from_secs(4);

#[tauri::command]
pub async fn payment_options(state: tauri::State<'_, AppState>) -> Result<PaymentOptions, AppError> {
    let config = state.gmailstore()?.payment_config().await?;
    Ok(PaymentOptions { alipay: config.alipay, wechat: config.wechat })
}

/// The typed quantity of a product as listed: its exact total or the rule it breaks (no store call).
#[tauri::command]
pub fn checkout_quote(product: ProductView, quantity: String) -> Result<Quote, AppError> {
    let product = Product::try_from(&product).map_err(|why| AppError::invalid("price", why))?;
    Ok(checkout::quote_quantity(&product, &quantity))
}

#[tauri::command]
pub async fn checkout_create(app: tauri::AppHandle, state: tauri::State<'_, AppState>, input: CheckoutInput) -> Result<CheckoutView, AppError> {
    let client = state.gmailstore()?;
    let shop = checkout::Shop { client: &client, book: &state.folder.orders, vault: &state.folder.vault, db: &state.folder.db };
    match checkout::buy(shop, &input).await? {
        checkout::Bought::Placed { order, contact_email } => show_placed(&app, &state, order.id, &contact_email),
        checkout::Bought::LoggedInAgain(status) => {
            state.set_login_status(status);
            Err(AppError::new(AppErrorKind::LoggedInAgain, "the saved login had expired; logged in again: nothing was bought, press Pay again"))
        }
    }
}

/// The payment screen of an order just placed, its contact email kept as the next default and its
/// cashier (if any) opened. The order exists now: a browser that will not open must not hide it,
/// so that is said on the payment screen, which offers to open the cashier again.
fn show_placed(app: &tauri::AppHandle, state: &AppState, id: i64, contact_email: &str) -> Result<CheckoutView, AppError> {
    state.remember_contact_email(contact_email);
    let note = state.folder.orders.pay_url(id)?.and_then(|url| open_in_browser(app, &url).err()).map(|e| e.message);
    checkout::payment_view(&state.folder.orders, id, note)
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
        true => checkout::check_status(&state.gmailstore()?, &state.folder.orders, id).await?,
        false => None,
    };
    checkout::payment_view(&state.folder.orders, id, store_message)
}

#[tauri::command]
pub fn checkout_view(state: tauri::State<'_, AppState>, id: i64) -> Result<CheckoutView, AppError> {
    checkout::payment_view(&state.folder.orders, id, None)
}

/// Opens an order's cashier page again in the system browser.
#[tauri::command]
pub fn open_cashier(app: tauri::AppHandle, state: tauri::State<'_, AppState>, id: i64) -> Result<(), AppError> {
    let url = state.folder.orders.pay_url(id)?.ok_or_else(|| AppError::new(AppErrorKind::NotFound, "this order has no cashier page"))?;
    open_in_browser(&app, &url)
}

/// Keeps the transaction ID the buyer pasted for order `id`'s payment (an empty one forgets it);
/// the screen as it now is.
#[tauri::command]
pub fn checkout_payment_tx(state: tauri::State<'_, AppState>, id: i64, tx: String) -> Result<CheckoutView, AppError> {
    let tx = checkout::payment_tx::check_payment_tx(&tx)?;
    state.folder.orders.set_payment_tx(id, tx.as_deref())?;
    checkout::payment_view(&state.folder.orders, id, None)
}

/// Opens the block explorer's page of order `id`'s receiving address in the system browser, where
/// the buyer can see whether a payment arrived (`checkout::explorer`).
#[tauri::command]
pub fn open_explorer(app: tauri::AppHandle, state: tauri::State<'_, AppState>, id: i64) -> Result<(), AppError> {
    let detail = state.folder.orders.detail(id)?;
    let coin = detail.coin.as_deref().and_then(crate::stores::gmailstore::Coin::parse);
    let (Some(coin), Some(address)) = (coin, detail.pay_address.as_deref()) else {
        return Err(AppError::new(AppErrorKind::NotFound, "this order has no receiving address"));
    };
    let page = crate::checkout::explorer::address_page(coin, address)?;
    open_in_browser(&app, page.as_str())
}

fn open_in_browser(app: &tauri::AppHandle, url: &str) -> Result<(), AppError> {
    let url = check_cashier_url(url)?;
    crate::desktop::open_in_browser(app, &url).map_err(|e| AppError::new(AppErrorKind::InvalidConfig, e.to_string()))
}

#[tauri::command]
pub async fn login(state: tauri::State<'_, AppState>, email: String, password: String, remember_password: bool) -> Result<LoginStatus, AppError> {
    let password = Secret::new(password);
    let session = state.gmailstore()?.login(&email, &password).await?;
    saved_login::keep_session(&state.folder.vault, &state.folder.db, &email, &session, remember_password.then_some(&password))?;
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
    saved_login::forget(&state.folder.vault, &state.folder.db)?;
    *state.login_cache() = None;
    state.login_status()
}

#[tauri::command]
pub async fn lookup_order(state: tauri::State<'_, AppState>, order_no: String, email: String) -> Result<OrderDetail, AppError> {
    state.folder.require_unlocked("so the order can be kept")?;
    let found = state.gmailstore()?.query_order(&order_no, &email).await?;
    let id = checkout::record_lookup(&state.folder.orders, &found, order_no.trim(), email.trim())?;
    Ok(state.folder.orders.detail(id)?)
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
