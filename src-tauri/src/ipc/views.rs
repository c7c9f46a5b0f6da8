//! What the web view is shown. Money crosses as a decimal string, never a JS number.

use serde::Serialize;
use ts_rs::TS;

use crate::core::StartupNotice;
use crate::locale::UiLanguage;
use crate::vault::VaultStatus;
use crate::stores::gmailstore::Product;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
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
}

impl From<Product> for ProductView {
    fn from(product: Product) -> Self {
        ProductView {
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
}
