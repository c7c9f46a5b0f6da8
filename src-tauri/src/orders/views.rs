//! What the order book gives back to read: list rows and one order's full detail. Delivered items
//! are opened (unsealed) only for the detail of one order, when the user looks at it.

use serde::Serialize;
use ts_rs::TS;

use super::model::{OrderStatus, StoreKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    /// The local id (the order book's own); far below 2^53, so a JS number holds it.
    #[ts(type = "number")]
    pub id: i64,
    pub store: StoreKind,
    pub order_no: Option<String>,
    /// The product's name at purchase: English (or the only one), and Chinese when the store gave it.
    pub product_name: String,
    pub product_name_zh: Option<String>,
    pub quantity: u32,
    /// Decimal text.
    pub total: Option<String>,
    pub currency: Option<String>,
    pub status: OrderStatus,
    /// `false` while the order may still change (payment, delivery or codes pending).
    pub finished: bool,
    pub contact_email: Option<String>,
    pub item_count: u32,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusEvent {
    pub at: String,
    pub status: OrderStatus,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    pub position: u32,
    pub login: String,
    pub password: Option<String>,
    pub extra: Option<String>,
    pub line: Option<String>,
    /// The text an export writes for this item: the store's line, else its login, password and
    /// extra fields (`export::item_line`); for a receive-code item, its email and the text it
    /// received (`export::received_text_line`).
    pub export_line: String,
    /// Accounts: each extra field the store sent, to show and copy one by one.
    pub fields: Vec<super::model::ItemField>,
    /// When this item (for a receive-code item: its latest text) was recorded.
    pub received_at: String,
    /// Receive-code items: the texts the latest one replaced, oldest first. Only Rust reads them
    /// (to mark a code sent again); they do not travel to the window.
    #[serde(skip)]
    #[ts(skip)]
    pub earlier_lines: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    pub summary: OrderSummary,
    pub store_order_id: Option<String>,
    pub product_id: Option<String>,
    /// The unit price and minimum quantity at purchase (decimal text; GmailStore).
    pub unit_price: Option<String>,
    pub min_quantity: Option<u32>,
    /// How the order was paid (GmailStore), for the UI to name in the buyer's language.
    pub payment_method: Option<crate::stores::gmailstore::PaymentMethod>,
    pub coin: Option<String>,
    pub pay_address: Option<String>,
    pub pay_amount: Option<String>,
    pub network: Option<String>,
    pub expires_at: Option<String>,
    /// Whether the order has a cashier page to open again.
    pub has_pay_url: bool,
    pub events: Vec<StatusEvent>,
    pub items: Vec<ItemView>,
    /// Items sealed under a key this vault no longer has (e.g. a lost keychain entry).
    pub unreadable_items: u32,
}
