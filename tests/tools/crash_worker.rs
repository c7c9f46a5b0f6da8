//! Records orders and their deliveries in a loop until it is killed, saying on stdout when each is
//! committed: `order <id> <order_no>` and `delivered <id> <count>`. The crash test kills it at
//! varied points and checks that everything it was told about is still there.
//! `crash_worker --data-dir DIR --passphrase P --run R`

#[path = "common.rs"]
mod common;

use std::io::Write;

use mailcart_lib::orders::OrderStatus;

pub const ITEMS_PER_ORDER: u32 = 5;

fn main() {
    let folder = common::open_data_folder(&common::data_dir(), &common::required_arg("--passphrase"));
    let run = common::required_arg("--run");
    let mut stdout = std::io::stdout();
    println!("ready");
    let _ = stdout.flush();
    for n in 0.. {
        let order_no = format!("CRASH-{run}-{n}");
        let committed = folder.orders.record_order(common::sample_order(&order_no, "Crash test product", ITEMS_PER_ORDER)).unwrap();
        println!("order {} {order_no}", committed.id);
        let _ = stdout.flush();
        folder.orders.record_delivery(committed.id, 0, &common::items_for(&order_no, ITEMS_PER_ORDER)).unwrap();
        folder.orders.update_status(committed.id, OrderStatus::Delivered, None).unwrap();
        println!("delivered {} {ITEMS_PER_ORDER}", committed.id);
        let _ = stdout.flush();
    }
}
