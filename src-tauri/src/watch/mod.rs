//! Stock and price watch (issue 17 §2): the buyer marks products (a favourite star, "tell me when
//! it's back", "tell me when the price is at most …"), and while the app runs the public product
//! list is checked now and then — one call for every watch, never one per product — and a desktop
//! notification says when a watched product is back or its price meets the mark, once per change.
//! Nothing is ever bought automatically.
//!
//! Tauri-free: `model` (what a watch holds), `rules` (what a new product list means for the
//! watches), `schedule` (when to ask again), `book` (the watches on disk). `commands::watch` wires
//! them to the window, the notifications and the store client.

pub mod book;
pub mod model;
pub mod notice;
pub mod rules;
pub mod schedule;

pub use book::WatchBook;
pub use model::{Watch, WatchAlert, WatchError, WatchRequest, WatchSeen};
pub use rules::{observe, Alerted};

/// A product as the catalogue shows it, for the watch's tests: sold out at stock 0.
#[cfg(test)]
pub(crate) fn test_product(id: &str, stock: u32, price: &str) -> crate::ipc::ProductView {
    crate::ipc::ProductView {
        id: id.into(),
        slug: id.into(),
        name_zh: format!("{id}-zh"),
        name_en: format!("{id}-en"),
        stock,
        min_quantity: 1,
        price: price.into(),
        sold_out: stock == 0,
        order_min: 1,
        order_max: stock.max(1),
    }
}
