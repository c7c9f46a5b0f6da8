//! SIGKILL the process that records orders, right after an order is committed and right after a
//! delivery is committed, at varied points; restart; every order and item it reported is there.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mailcart_lib::orders::{OrderFilter, StoreKind};

use crate::tools::example;

use crate::common;

const RUNS: u32 = 24;
const PASSPHRASE: &str = "crash test passphrase";
const ITEMS_PER_ORDER: usize = 5;
/// The whole test stops well before this, whatever happens.
const BUDGET: Duration = Duration::from_secs(120);

/// What the worker said was committed before it died.
#[derive(Default)]
struct Acknowledged {
    orders: BTreeMap<String, i64>,
    delivered: BTreeMap<i64, usize>,
}

#[test]
fn orders_and_deliveries_survive_sigkill_at_varied_points() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    drop(common::open_data_folder(&data_dir, PASSPHRASE));
    let worker = example("crash_worker");
    let mut acknowledged = Acknowledged::default();
    let mut kills = 0;

    for run in 0..RUNS {
        assert!(started.elapsed() < BUDGET, "crash test over its time budget");
        let mut child = Command::new(&worker)
            .args(["--data-dir", data_dir.to_str().unwrap(), "--passphrase", PASSPHRASE, "--run", &run.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "ready");
        // Odd runs die right after an order is committed, even runs right after a delivery; how
        // many of them first varies with the run, and a short pause varies where in the next
        // transaction the kill lands.
        let kill_after_orders = run % 2 == 1;
        let wanted = 1 + (run * 7) % 11;
        let mut seen = 0;
        for line in lines.by_ref() {
            let line = line.unwrap();
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["order", id, order_no] => {
                    acknowledged.orders.insert((*order_no).to_owned(), id.parse().unwrap());
                    if kill_after_orders {
                        seen += 1;
                    }
                }
                ["delivered", id, count] => {
                    acknowledged.delivered.insert(id.parse().unwrap(), count.parse().unwrap());
                    if !kill_after_orders {
                        seen += 1;
                    }
                }
                other => panic!("unexpected worker line {other:?}"),
            }
            if seen >= wanted {
                std::thread::sleep(Duration::from_micros(u64::from(run % 5) * 300));
                child.kill().unwrap();
                kills += 1;
                break;
            }
        }
        child.wait().unwrap();
    }
    assert_eq!(kills, RUNS);

    let folder = common::open_data_folder(&data_dir, PASSPHRASE);
    let stored: BTreeMap<String, i64> = folder
        .orders
        .list(&OrderFilter { store: Some(StoreKind::GmailStore), limit: Some(u32::MAX), ..OrderFilter::default() })
        .unwrap()
        .into_iter()
        .map(|o| (o.order_no.unwrap(), o.id))
        .collect();
    for (order_no, id) in &acknowledged.orders {
        assert_eq!(stored.get(order_no), Some(id), "order {order_no} was acknowledged but is missing");
    }
    for (id, count) in &acknowledged.delivered {
        let detail = folder.orders.detail(*id).unwrap();
        assert_eq!(detail.items.len(), *count, "order {id}: delivered items missing");
        assert_eq!(*count, ITEMS_PER_ORDER);
        let order_no = detail.summary.order_no.clone().unwrap();
        let expected = common::items_for(&order_no, ITEMS_PER_ORDER as u32);
        for (item, want) in detail.items.iter().zip(&expected) {
            assert_eq!(item.login, want.login);
            assert_eq!(item.password.as_deref(), want.password.as_ref().map(|p| p.expose().as_str()));
        }
        assert_eq!(detail.unreadable_items, 0);
    }
    // Every order that exists is whole: an order killed mid-delivery has no half set of items.
    for id in stored.values() {
        let items = folder.orders.detail(*id).unwrap().items.len();
        assert!(items == 0 || items == ITEMS_PER_ORDER, "order {id} has {items} items: a delivery was half written");
    }
    println!(
        "crash test: {kills} kills, {} orders and {} deliveries acknowledged, all found ({:.1} s)",
        acknowledged.orders.len(),
        acknowledged.delivered.len(),
        started.elapsed().as_secs_f64()
    );
}
