//! Platforms and order items, decoded tolerantly (unknown fields ignored, null where allowed).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Platform {
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    pub name: String,
    /// Possibly a per-user price.
    #[serde(deserialize_with = "money::lenient_non_negative_decimal")]
    pub price: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ItemStatus {
    /// 待接码: waiting for the platform's message.
    Waiting,
    /// 已接码
    CodeReceived,
    /// 已过期
    Expired,
    /// 已释放
    Released,
    /// A status this version does not know.
    #[serde(other)]
    Unknown,
}

impl ItemStatus {
    pub fn is_waiting(self) -> bool {
        matches!(self, ItemStatus::Waiting | ItemStatus::Unknown)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    #[serde(default)]
    pub order_detail_no: Option<String>,
    /// Masked (`a****@domain`) once expired or released.
    pub email: String,
    /// The received message; empty or null until it arrives.
    #[serde(default)]
    pub text: Option<String>,
    pub status: ItemStatus,
    #[serde(default)]
    pub expire_time: Option<String>,
    #[serde(default)]
    pub platform_name: Option<String>,
    /// What the service charged for this email, when it says (0: not charged, e.g. released
    /// before a code came and refunded).
    #[serde(default, deserialize_with = "money::optional_non_negative_decimal")]
    pub price: Option<Decimal>,
}

impl OrderItem {
    pub fn received_text(&self) -> Option<&str> {
        self.text.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
}
