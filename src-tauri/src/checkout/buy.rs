//! Pressing Pay, from the buyer's input to a recorded order: the product and payment options as
//! the store has them now, the rules, the saved login for a balance payment, `place_order`, and —
//! when the store refuses an expired login — one login again with the saved password.

use super::rules::{check_order, CheckoutInput};
use super::saved_login::{self, SavedLoginError, TOKEN_SECRET};
use super::place::{place_order, PlaceOrderError};
use crate::db::Database;
use crate::ipc::{AppError, AppErrorKind, LoginStatus};
use crate::orders::{CommittedOrder, OrderBook};
use crate::stores::gmailstore::{GmailStoreClient, GmailStoreError, PaymentConfig, PaymentMethod};
use crate::vault::Vault;

/// What a purchase works with.
pub struct Shop<'a> {
    pub client: &'a GmailStoreClient,
    pub book: &'a OrderBook,
    pub vault: &'a Vault,
    pub db: &'a Database,
}

/// How pressing Pay ended, short of an error.
pub enum Bought {
    /// The order is recorded; `contact_email` is the one it was placed with.
    Placed { order: CommittedOrder, contact_email: String },
    /// The saved login had expired and the app logged in again: nothing was bought, the buyer
    /// presses Pay again.
    LoggedInAgain(LoginStatus),
}

pub async fn buy(shop: Shop<'_>, input: &CheckoutInput) -> Result<Bought, AppError> {
    if !shop.vault.is_unlocked() {
        return Err(AppError::new(AppErrorKind::VaultLocked, "unlock your saved data before buying, so the order can be kept"));
    }
    // The product as the store has it now: a checkout never uses a price from an older list.
    let product = shop.client.product(&input.product_id).await?;
    let config = match input.payment_method {
        PaymentMethod::Alipay | PaymentMethod::Wechat => shop.client.payment_config().await?,
        _ => PaymentConfig { alipay: true, wechat: true },
    };
    let token = if input.payment_method.needs_login() { shop.vault.load_secret(shop.db, TOKEN_SECRET)? } else { None };
    let request = check_order(input, &product, config, token.is_some())?;
    match place_order(shop.client, shop.book, &request, &product, token.as_ref()).await {
        Ok(order) => Ok(Bought::Placed { order, contact_email: request.contact_email }),
        Err(PlaceOrderError::Refused(GmailStoreError::Unauthorized { message })) => log_in_again(&shop, message).await,
        Err(error) => Err(error.into()),
    }
}

/// The store refused the saved token (the order was not made): one login with the saved password,
/// if the buyer let the app keep one. The order itself is never sent again by the app.
async fn log_in_again(shop: &Shop<'_>, refusal: String) -> Result<Bought, AppError> {
    match saved_login::log_in_again(shop.client, shop.vault, shop.db).await {
        Ok(Some((email, session))) => Ok(Bought::LoggedInAgain(LoginStatus::from_session(&email, &session))),
        Ok(None) => Err(AppError::new(AppErrorKind::Unauthorized, refusal)),
        Err(SavedLoginError::Vault(error)) => Err(error.into()),
        Err(SavedLoginError::Store(error)) => {
            log::info!("logging in again with the saved password failed: {error}");
            Err(AppError::new(AppErrorKind::Unauthorized, refusal))
        }
    }
}
