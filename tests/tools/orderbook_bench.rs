//! `npm run bench:orders`: prints how the order book performs with 10,000 orders holding 200,000
//! delivered items: building it, opening it, listing, searching, one order's detail, exports, and
//! the process's peak memory. A benchmark that prints figures, not a test.

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use mailcart_lib::core::AppCore;
use mailcart_lib::orders::{export, OrderFilter, OrderStatus};
use mailcart_lib::vault::{KdfParams, NoKeyStorage, Secret};

const ORDERS: u32 = 10_000;
const ITEMS_PER_ORDER: u32 = 20;
const PASSPHRASE: &str = "benchmark passphrase";

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Repeats `f` `n` times and gives the median duration.
fn median_of(n: usize, mut f: impl FnMut()) -> Duration {
    median((0..n).map(|_| timed(&mut f).1).collect())
}

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned()))
        .and_then(|kib| kib.parse::<f64>().ok())
        .map_or("n/a (no /proc)".to_owned(), |kib| format!("{:.1} MiB", kib / 1024.0))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data_dir = dir.path().join("data");
    println!("order book benchmark: {ORDERS} orders x {ITEMS_PER_ORDER} items = {} delivered items", ORDERS * ITEMS_PER_ORDER);

    let (_, build) = timed(|| {
        let core = common::open_core(&data_dir, PASSPHRASE);
        for n in 0..ORDERS {
            let order_no = format!("GS{n:08}");
            let id = core.orders.record_order(common::sample_order(&order_no, &format!("Product {}", n % 50), ITEMS_PER_ORDER)).unwrap().id;
            core.orders.record_delivery(id, 0, &common::items_for(&order_no, ITEMS_PER_ORDER)).unwrap();
            core.orders.update_status(id, OrderStatus::Delivered, None).unwrap();
        }
    });
    let db_size: u64 = std::fs::read_dir(&data_dir).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    println!("build (each order and delivery its own committed transaction): {:.1} s, data folder {:.1} MiB", build.as_secs_f64(), db_size as f64 / 1_048_576.0);

    let (core, open) = timed(|| common::open_core(&data_dir, PASSPHRASE));
    println!("open (schema check, vault unlock):        {}", ms(open));
    let list = median_of(9, || assert_eq!(core.orders.list(&OrderFilter::default()).unwrap().len(), 500));
    println!("list newest 500:                          {} (median of 9)", ms(list));
    let unfinished = median_of(9, || assert!(core.orders.unfinished().unwrap().is_empty()));
    println!("unfinished orders:                        {} (median of 9)", ms(unfinished));
    let search = |text: &str| OrderFilter { search: Some(text.to_owned()), ..OrderFilter::default() };
    let by_number = median_of(9, || assert_eq!(core.orders.list(&search("GS00009876")).unwrap().len(), 1));
    println!("search by order number:                   {} (median of 9)", ms(by_number));
    let by_login = median_of(9, || assert_eq!(core.orders.list(&search("gs00004321-7@gmail")).unwrap().len(), 1));
    println!("search by delivered login (200k items):   {} (median of 9)", ms(by_login));
    let by_product = median_of(9, || assert_eq!(core.orders.list(&search("Product 49")).unwrap().len(), 200));
    println!("search by product (200 hits):             {} (median of 9)", ms(by_product));
    let detail = median_of(21, || assert_eq!(core.orders.detail(5_000).unwrap().items.len(), ITEMS_PER_ORDER as usize));
    println!("one order's detail (20 items unsealed):   {} (median of 21)", ms(detail));
    let one_export = median_of(21, || {
        let d = core.orders.detail(5_000).unwrap();
        export::to_csv("GS00004999", &d.items).unwrap();
    });
    println!("export one order to CSV:                  {} (median of 21)", ms(one_export));
    let (bytes, all_export) = timed(|| {
        let mut out = 0usize;
        for id in 1..=i64::from(ORDERS) {
            let d = core.orders.detail(id).unwrap();
            out += export::to_csv(d.summary.order_no.as_deref().unwrap_or(""), &d.items).unwrap().len();
        }
        out
    });
    println!("export all 200,000 items to CSV:          {:.2} s ({:.1} MiB of CSV)", all_export.as_secs_f64(), bytes as f64 / 1_048_576.0);
    println!("peak memory (VmHWM):                      {}", peak_rss_mib());

    // The app's own Argon2id cost, which the tools above skip: the price of a passphrase unlock.
    let kdf_dir = dir.path().join("kdf");
    let (core, _) = AppCore::open(&kdf_dir, Box::new(NoKeyStorage), KdfParams::RECOMMENDED).unwrap();
    core.vault.set_passphrase(&core.db, &Secret::from(PASSPHRASE)).unwrap();
    drop(core);
    let (core, _) = AppCore::open(&kdf_dir, Box::new(NoKeyStorage), KdfParams::RECOMMENDED).unwrap();
    let (_, unlock) = timed(|| core.vault.unlock(&Secret::from(PASSPHRASE)).unwrap());
    println!("passphrase unlock with the app's Argon2id cost (46 MiB, 1 pass): {}", ms(unlock));
}
