//! What the order book records. Amounts are `Decimal` in, decimal text in the database.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::stores::gmailstore::FieldKind;
use crate::vault::Secret;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StoreKind {
    /// Named `"gmailstore"` to the UI and in the order book, as since the first version.
    #[serde(rename = "gmailstore")]
    GmailStore,
    EmailOrder,
}

impl StoreKind {
    pub const ALL: [StoreKind; 2] = [StoreKind::GmailStore, StoreKind::EmailOrder];

    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::GmailStore => "gmailstore",
            StoreKind::EmailOrder => "email_order",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "gmailstore" => Some(StoreKind::GmailStore),
            "email_order" => Some(StoreKind::EmailOrder),
            _ => None,
        }
    }
}

/// An order's state as the app tracks it (each store's words are mapped onto these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OrderStatus {
    AwaitingPayment,
    Confirming,
    Paid,
    /// Receive-code orders: emails allocated, codes still arriving.
    InProgress,
    Delivered,
    Expired,
    Underpaid,
    Failed,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::AwaitingPayment,
        OrderStatus::Confirming,
        OrderStatus::Paid,
        OrderStatus::InProgress,
        OrderStatus::Delivered,
        OrderStatus::Expired,
        OrderStatus::Underpaid,
        OrderStatus::Failed,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::AwaitingPayment => "awaiting_payment",
            OrderStatus::Confirming => "confirming",
            OrderStatus::Paid => "paid",
            OrderStatus::InProgress => "in_progress",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Expired => "expired",
            OrderStatus::Underpaid => "underpaid",
            OrderStatus::Failed => "failed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether nothing more will happen to the order (no status checks needed).
    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Delivered | OrderStatus::Expired | OrderStatus::Failed | OrderStatus::Cancelled)
    }

    /// Nothing more can happen to the order: delivered, failed or cancelled. Unlike
    /// [`Self::is_final`], an expired order is not settled: a payment may still arrive late, and
    /// the payment screen keeps looking for it a while.
    pub fn is_settled(self) -> bool {
        matches!(self, OrderStatus::Delivered | OrderStatus::Failed | OrderStatus::Cancelled)
    }
}

/// An order about to be recorded, as the store's create answer described it.
#[derive(Debug)]
pub struct NewOrder {
    pub store: StoreKind,
    pub order_no: Option<String>,
    pub store_order_id: Option<String>,
    pub access_token: Option<Secret<String>>,
    pub product_id: Option<String>,
    pub product_name: String,
    /// The product's Chinese name at purchase (GmailStore); `product_name` holds the English one.
    pub product_name_zh: Option<String>,
    /// The product's minimum quantity at purchase (GmailStore).
    pub min_quantity: Option<u32>,
    pub quantity: u32,
    pub unit_price: Option<Decimal>,
    pub total: Option<Decimal>,
    pub currency: Option<String>,
    pub payment_method: Option<String>,
    pub coin: Option<String>,
    pub pay_address: Option<String>,
    pub pay_amount: Option<Decimal>,
    /// The chain to pay on, as the store named it.
    pub network: Option<String>,
    /// A payment cashier to open in the browser (Alipay/WeChat).
    pub pay_url: Option<String>,
    pub expires_at: Option<String>,
    pub contact_email: Option<String>,
    pub status: OrderStatus,
    /// The store's answer as received, kept sealed so nothing it said is lost.
    pub raw_response: Option<String>,
}

impl NewOrder {
    /// A minimal order; fill the rest with struct update syntax.
    pub fn new(store: StoreKind, product_name: impl Into<String>, quantity: u32, status: OrderStatus) -> Self {
        NewOrder {
            store,
            order_no: None,
            store_order_id: None,
            access_token: None,
            product_id: None,
            product_name: product_name.into(),
            product_name_zh: None,
            min_quantity: None,
            quantity,
            unit_price: None,
            total: None,
            currency: None,
            payment_method: None,
            coin: None,
            pay_address: None,
            pay_amount: None,
            network: None,
            pay_url: None,
            expires_at: None,
            contact_email: None,
            status,
            raw_response: None,
        }
    }
}

/// One delivered thing: an account (login + password), or a received code. Everything but the
/// login is sealed; the login stays searchable.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveredItem {
    pub login: String,
    pub password: Option<Secret<String>>,
    /// Recovery email, 2FA seed, notes: whatever else the store sent for this item, in one text
    /// (the CSV export's `extra` column; what versions before `fields` kept).
    pub extra: Option<Secret<String>>,
    /// The same, one field each, for the buyer to copy one by one.
    pub fields: Vec<ItemField>,
    /// The store's own line for this item (e.g. `login----password----recovery`), when it has one.
    pub line: Option<Secret<String>>,
}

impl DeliveredItem {
    pub fn account(login: &str, password: &str) -> Self {
        DeliveredItem { login: login.to_owned(), password: Some(Secret::from(password)), extra: None, fields: Vec::new(), line: None }
    }
}

/// One extra field of a delivered account (recovery email, 2FA secret, note, …), as kept sealed
/// with its item and shown with its own copy button.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemField {
    pub kind: FieldKind,
    /// The store's name for a field of kind `other`, when it gave one.
    pub name: Option<String>,
    pub value: String,
}

impl std::fmt::Debug for ItemField {
    // The value can be a 2FA secret: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemField").field("kind", &self.kind).field("name", &self.name).finish_non_exhaustive()
    }
}

/// A field as the GmailStore reader found it, as the order book keeps it (opened: the item is
/// sealed whole when recorded).
impl From<&crate::stores::gmailstore::AccountField> for ItemField {
    fn from(field: &crate::stores::gmailstore::AccountField) -> Self {
        ItemField { kind: field.kind, name: field.name.clone(), value: field.value.expose().clone() }
    }
}

impl ItemField {
    /// All fields in one text, `recovery email: …; 2FA secret: …` (the CSV export's column).
    pub fn joined(fields: &[ItemField]) -> Option<String> {
        let parts: Vec<String> = fields
            .iter()
            .map(|f| {
                let label = match f.kind {
                    FieldKind::RecoveryEmail => "recovery email",
                    FieldKind::TwoFactorSecret => "2FA secret",
                    FieldKind::Note => "note",
                    FieldKind::Other => f.name.as_deref().unwrap_or("other"),
                };
                format!("{label}: {}", f.value)
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}
