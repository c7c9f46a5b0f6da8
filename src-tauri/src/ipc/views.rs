//! What the web view is shown. Money crosses as a decimal string, never a JS number.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data_folder::StartupNotice;
use crate::locale::UiLanguage;
use crate::vault::VaultStatus;
use crate::stores::gmailstore::Product;

/// A product as the catalogue shows it; the checkout form sends it back to have a typed quantity
/// quoted (`checkout_quote`), which reads only its stock, minimum and price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductView {
    pub id: String,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub stock: u32,
    pub min_quantity: u32,
    /// Exact decimal text, e.g. `"12.345"`.
    pub price: String,
    pub sold_out: bool,
    /// The fewest and the most one order may ask for (`checkout::quantity_bounds`).
    pub order_min: u32,
    pub order_max: u32,
}

impl From<Product> for ProductView {
    fn from(product: Product) -> Self {
        let (order_min, order_max) = crate::checkout::quantity_bounds(&product);
        ProductView {
            order_min,
            order_max,
            sold_out: product.is_sold_out(),
            price: product.price.to_string(),
            id: product.id,
            slug: product.slug,
            name_zh: product.name_zh,
            name_en: product.name_en,
            stock: product.stock,
            min_quantity: product.min_quantity,
        }
    }
}

impl TryFrom<&ProductView> for Product {
    type Error = String;

    fn try_from(view: &ProductView) -> Result<Self, String> {
        Ok(Product {
            id: view.id.clone(),
            slug: view.slug.clone(),
            name_zh: view.name_zh.clone(),
            name_en: view.name_en.clone(),
            stock: view.stock,
            min_quantity: view.min_quantity,
            price: crate::money::decimal_from_json_text(&view.price)?,
        })
    }
}

#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub system_language: UiLanguage,
    /// The GmailStore address in use, shown so a demo or test run is never mistaken for the real store.
    pub gmailstore_url: String,
    /// What went wrong while opening the app's files (shown once, at start).
    pub notices: Vec<StartupNotice>,
    pub vault: VaultStatus,
    /// Orders still waiting for payment, delivery or codes.
    pub unfinished_orders: u32,
    /// The demo (`demo.rs`): its own data folder; the header says so.
    pub demo: bool,
}

/// A checkout as the payment screen shows it: read back from the order book after every change
/// was committed, plus the QR code drawn in Rust.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutView {
    pub order: crate::orders::OrderDetail,
    /// What the QR code holds: a BIP21 URI for Bitcoin, the bare address otherwise.
    pub payment_uri: Option<String>,
    /// `data:image/svg+xml;base64,…`
    pub qr_code: Option<String>,
    /// The store's own message about the order, when it sent one.
    pub store_message: Option<String>,
    /// What the buyer needs to pay and the store did not send (empty when nothing is missing).
    pub missing: Vec<crate::checkout::MissingDetail>,
    /// When something is missing: the store's latest answer, its secrets masked.
    pub store_answer: Option<String>,
    /// Nothing more can happen to the order (`OrderStatus::is_settled`): the screen stops checking.
    pub settled: bool,
    /// The store's status word when this version does not know it (the screen shows it and keeps
    /// checking).
    pub unknown_status: Option<String>,
    /// How much has arrived, in the coin, when the store says (decimal text).
    pub received: Option<String>,
    /// The transaction ID the buyer gave for their payment ("I already paid").
    pub payment_tx: Option<String>,
    /// What is still missing of the amount to pay: the amount to pay less what arrived, when the
    /// store said both and less arrived (decimal text).
    pub short_by: Option<String>,
}

/// The saved GmailStore login, without its token.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoginStatus {
    pub logged_in: bool,
    pub email: Option<String>,
    /// CNY balance as decimal text, when the store's login answer carried it.
    pub balance: Option<String>,
    pub balance_crypto: Option<String>,
}

impl LoginStatus {
    /// A fresh login of `email`, with the balances its answer carried.
    pub fn from_session(email: &str, session: &crate::stores::gmailstore::LoginSession) -> Self {
        LoginStatus {
            logged_in: true,
            email: Some(email.trim().to_owned()),
            balance: session.balance.map(|b| b.to_string()),
            balance_crypto: session.balance_crypto.map(|b| b.to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentOptions {
    pub alipay: bool,
    pub wechat: bool,
}

/// The email-order service as the Codes page needs to know it.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiveCodesSetup {
    /// The service's address in use, when set.
    pub url: Option<String>,
    pub has_api_key: bool,
}

#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlatformView {
    pub id: String,
    pub name: String,
    /// Exact decimal text.
    pub price: String,
}

/// One bought email as the order screen shows it: the live state from the service, the text
/// as committed to the order book.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeItemView {
    pub position: u32,
    pub email: String,
    pub status: crate::stores::email_order::ItemStatus,
    pub text: Option<String>,
    /// The verification code recognised in the text, if any.
    pub code: Option<String>,
    pub expire_time: Option<String>,
    /// Still waiting for its message (`ItemStatus::is_waiting`).
    pub waiting: bool,
    /// When Mailcart recorded the text shown (RFC 3339), if one came.
    pub received_at: Option<String>,
    /// The code equals one an earlier text for this email already had: buyers paste stale codes.
    pub same_code_as_before: bool,
    /// What the service charged for this email (decimal text; "0": not charged), when it says.
    pub price: Option<String>,
}

#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeOrderView {
    pub order: crate::orders::OrderDetail,
    pub items: Vec<CodeItemView>,
    /// Whether any item still waits (the screen keeps checking while so).
    pub waiting: bool,
    /// What the service charged for the whole order (decimal text), when it gave every item's
    /// price; `usedTotal` is the part for emails that received a text.
    pub charged_total: Option<String>,
    pub used_total: Option<String>,
    /// Positions whose text arrived with this check (the screen chimes for them).
    pub arrived: Vec<u32>,
    /// The newest arrived code, put on the clipboard because the buyer switched that on.
    pub auto_copied: Option<AutoCopied>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutoCopied {
    pub code: String,
    /// `false`: the clipboard could not be reached (the screen says the code came anyway).
    pub copied: bool,
}
