//! Records orders and their deliveries in a loop until it is killed, saying on stdout when each is
//! committed: `order <id> <order_no>` and `delivered <id> <count>`. The crash test kills it at
//! varied points and checks that everything it was told about is still there.
//! `crash_worker --data-dir DIR --passphrase P --run R`
//!
//! With `--restore FILE --backup-passphrase BP` it restores that backup into the folder instead:
//! `restoring` once the file is open and the merge begins, `restored` when it is committed, then it
//! exits (the crash test kills it in between).

#[path = "common.rs"]
mod common;

use std::io::Write;

use mailcart_lib::orders::OrderStatus;
use mailcart_lib::vault::Secret;

pub const ITEMS_PER_ORDER: u32 = 5;

fn main() {
    let folder = common::open_data_folder(&common::data_dir(), &common::required_arg("--passphrase"));
    let mut stdout = std::io::stdout();
    if let Some(file) = common::arg("--restore") {
        let bytes = std::fs::read(file).expect("the backup file");
        let passphrase = Secret::new(common::required_arg("--backup-passphrase"));
        let (contents, _summary) = mailcart_lib::backup::inspect(&bytes, &passphrase).expect("the backup opens");
        println!("restoring");
        let _ = stdout.flush();
        mailcart_lib::backup::restore(&folder.orders, &folder.vault, &folder.db, &contents).expect("the restore");
        println!("restored");
        let _ = stdout.flush();
        return;
    }
    let run = common::required_arg("--run");
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
