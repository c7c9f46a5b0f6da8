//! What the app knows of GmailStore's objects, decoded tolerantly: documented snake_case names,
//! camelCase aliases, numbers or strings for amounts and counts, unknown fields ignored.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::money;

/// A product of the catalogue (`GET /products`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Product {
    pub id: String,
    pub slug: String,
    #[serde(alias = "nameZh")]
    pub name_zh: String,
    #[serde(alias = "nameEn")]
    pub name_en: String,
    #[serde(deserialize_with = "money::lenient_count")]
    pub stock: u32,
    #[serde(alias = "minQuantity", deserialize_with = "money::lenient_count")]
    pub min_quantity: u32,
    /// Unit price in the store's currency (CNY: `balance_cny` pays an order's amount from the CNY
    /// balance as is, while `balance_crypto` converts it).
    #[serde(deserialize_with = "money::lenient_non_negative_decimal")]
    pub price: Decimal,
}

impl Product {
    pub fn is_sold_out(&self) -> bool {
        self.stock == 0
    }
}
