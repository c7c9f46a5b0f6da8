//! Puts sample orders into a Mailcart data folder (for end-to-end tests and screenshots):
//! `seed_orders --data-dir DIR --passphrase P [--orders N] [--items M]`.
//! Orders `GS-SEED-0001…`: every other one delivered with M items, the rest awaiting payment.

#[path = "common.rs"]
mod common;

use mailcart_lib::orders::OrderStatus;

fn main() {
    let data_dir = common::data_dir();
    let folder = common::open_data_folder(&data_dir, &common::required_arg("--passphrase"));
    let orders: u32 = common::arg("--orders").map_or(4, |n| n.parse().expect("--orders N"));
    let items: u32 = common::arg("--items").map_or(3, |n| n.parse().expect("--items M"));
    let products = ["Aged Gmail (registered 2019)", "US Apple ID", "Google Workspace / Education Email"];
    for n in 1..=orders {
        let order_no = format!("GS-SEED-{n:04}");
        let committed = folder.orders.record_order(common::sample_order(&order_no, products[n as usize % products.len()], items)).unwrap();
        if n % 2 == 1 {
            folder.orders.record_delivery(committed.id, 0, &common::items_for(&order_no, items)).unwrap();
            folder.orders.update_status(committed.id, OrderStatus::Delivered, None).unwrap();
        }
    }
    println!("seeded {orders} orders into {}", data_dir.display());
}
