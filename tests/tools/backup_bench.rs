//! `cargo run --release --example backup_bench`: how long a backup and a restore of 10,000 orders ×
//! 20 delivered items take, and the backup file's size beside the database's (issue 17: each under
//! 3 s, the file no larger than the database). A benchmark that prints figures, not a test.

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use mailcart_lib::backup::{inspect, make_backup, restore};
use mailcart_lib::orders::{NewOrder, OrderStatus};
use mailcart_lib::vault::{KdfParams, Secret};

const ORDERS: u32 = 10_000;
const ITEMS_PER_ORDER: u32 = 20;

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let source = common::open_data_folder(&dir.path().join("from"), "benchmark passphrase");
    let ((), built) = timed(|| {
        for n in 0..ORDERS {
            let order_no = format!("GS{n:08}");
            let order: NewOrder = common::sample_order(&order_no, &format!("Product {}", n % 100), ITEMS_PER_ORDER);
            let id = source.orders.record_order(order).unwrap().id;
            source.orders.record_delivery(id, 0, &common::items_for(&order_no, ITEMS_PER_ORDER)).unwrap();
            source.orders.update_status(id, OrderStatus::Delivered, None).unwrap();
        }
    });
    source.db.lock().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let db_size = std::fs::metadata(dir.path().join("from").join(mailcart_lib::db::DATABASE_FILE)).unwrap().len();
    let passphrase = Secret::from("backup passphrase for the bench");
    let (file, backup_time) = timed(|| make_backup(&source.orders, &source.vault, &source.db, None, false, &passphrase, KdfParams::RECOMMENDED).unwrap().file);
    let ((contents, summary), inspect_time) = timed(|| inspect(&file, &passphrase).unwrap());
    let target = common::open_data_folder(&dir.path().join("to"), "another passphrase");
    let (report, restore_time) = timed(|| restore(&target.orders, &target.vault, &target.db, &contents).unwrap());
    let (again, again_time) = timed(|| restore(&target.orders, &target.vault, &target.db, &contents).unwrap());
    let mib = |bytes: u64| bytes as f64 / 1_048_576.0;
    println!("{ORDERS} orders × {ITEMS_PER_ORDER} items (built in {:.1} s)", built.as_secs_f64());
    println!("database            {:8.1} MiB", mib(db_size));
    println!("backup file         {:8.1} MiB  ({:.2}× the database)", mib(file.len() as u64), file.len() as f64 / db_size as f64);
    println!("back up             {:8.2} s", backup_time.as_secs_f64());
    println!("open + inspect      {:8.2} s   ({} orders, {} items)", inspect_time.as_secs_f64(), summary.orders, summary.items);
    println!("restore (merge)     {:8.2} s   ({} added)", restore_time.as_secs_f64(), report.added);
    println!("restore again       {:8.2} s   ({} unchanged)", again_time.as_secs_f64(), again.unchanged);
}
