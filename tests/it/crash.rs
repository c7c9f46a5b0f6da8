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

/// Orders in the backup, and items in each of them.
const BACKUP_ORDERS: usize = 200;
const BACKUP_ITEMS: u32 = 10;
const BACKUP_PASSPHRASE: &str = "the backup's own passphrase";
const RESTORE_RUNS: u32 = 10;

/// Every order of a book as `order number → (status, delivered items)`.
fn book_snapshot(data_dir: &std::path::Path) -> BTreeMap<String, (String, usize)> {
    let folder = common::open_data_folder(data_dir, PASSPHRASE);
    let orders = folder.orders.list(&OrderFilter { limit: Some(u32::MAX), ..OrderFilter::default() }).unwrap();
    orders
        .into_iter()
        .map(|o| {
            let items = folder.orders.detail(o.id).unwrap().items.len();
            (o.order_no.unwrap(), (o.status.as_str().to_owned(), items))
        })
        .collect()
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Starts the worker restoring `backup` into `data_dir`; answers once it says the merge begins.
fn start_restore(worker: &std::path::Path, data_dir: &std::path::Path, backup: &std::path::Path) -> (std::process::Child, impl Iterator<Item = String>) {
    let mut child = Command::new(worker)
        .args(["--data-dir", data_dir.to_str().unwrap(), "--passphrase", PASSPHRASE])
        .args(["--restore", backup.to_str().unwrap(), "--backup-passphrase", BACKUP_PASSPHRASE])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map(Result::unwrap);
    assert_eq!(lines.next().as_deref(), Some("restoring"));
    (child, lines)
}

/// Issue 17: a restore killed at any point leaves the book as it was before or fully merged —
/// never half of the backup's orders, never an order with part of its items.
#[test]
fn a_restore_killed_at_any_point_leaves_the_book_as_before_or_fully_merged() {
    use mailcart_lib::orders::OrderStatus;
    use mailcart_lib::vault::{KdfParams, Secret};

    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let worker = example("crash_worker");

    // The backup: delivered orders, the first 40 of which the target book also holds (unpaid).
    let source = common::open_data_folder(&dir.path().join("source"), PASSPHRASE);
    for n in 0..BACKUP_ORDERS {
        let order_no = format!("RESTORE-{n}");
        let committed = source.orders.record_order(common::sample_order(&order_no, "Backed-up product", BACKUP_ITEMS)).unwrap();
        source.orders.record_delivery(committed.id, 0, &common::items_for(&order_no, BACKUP_ITEMS)).unwrap();
        source.orders.update_status(committed.id, OrderStatus::Delivered, None).unwrap();
    }
    let file = mailcart_lib::backup::make_backup(&source.orders, &source.vault, &source.db, None, false, &Secret::new(BACKUP_PASSPHRASE.to_owned()), KdfParams::FAST_FOR_TESTS).unwrap().file;
    drop(source);
    let backup = dir.path().join("orders.mcbackup");
    std::fs::write(&backup, file).unwrap();

    let pristine = dir.path().join("pristine");
    let target = common::open_data_folder(&pristine, PASSPHRASE);
    for order_no in (0..40).map(|n| format!("LOCAL-{n}")).chain((0..40).map(|n| format!("RESTORE-{n}"))) {
        target.orders.record_order(common::sample_order(&order_no, "Local product", BACKUP_ITEMS)).unwrap();
    }
    drop(target);
    let before = book_snapshot(&pristine);

    // The same restore, not interrupted: what "fully merged" is, and how long the merge takes.
    let whole = dir.path().join("whole");
    copy_folder(&pristine, &whole);
    let (mut child, mut lines) = start_restore(&worker, &whole, &backup);
    let merge_began = Instant::now();
    assert_eq!(lines.next().as_deref(), Some("restored"));
    let merge_time = merge_began.elapsed();
    assert!(child.wait().unwrap().success());
    let merged = book_snapshot(&whole);
    assert_eq!(merged.len(), 40 + BACKUP_ORDERS, "the backup's orders added once, the overlapping ones not twice");
    assert_eq!(merged["RESTORE-0"], ("delivered".to_owned(), BACKUP_ITEMS as usize), "the newer status and every item");
    assert_eq!(merged["LOCAL-0"], before["LOCAL-0"]);

    // Kills spread over the merge's length (and a little past it).
    let (mut as_before, mut as_merged) = (0, 0);
    for run in 0..RESTORE_RUNS {
        assert!(started.elapsed() < BUDGET, "restore crash test over its time budget");
        let run_dir = dir.path().join(format!("run-{run}"));
        copy_folder(&pristine, &run_dir);
        let (mut child, _lines) = start_restore(&worker, &run_dir, &backup);
        std::thread::sleep(merge_time.mul_f64(f64::from(run) / f64::from(RESTORE_RUNS - 2)));
        child.kill().unwrap();
        child.wait().unwrap();
        let got = book_snapshot(&run_dir);
        if got == before {
            as_before += 1;
        } else if got == merged {
            as_merged += 1;
        } else {
            let differing: Vec<_> = got.iter().filter(|(k, v)| merged.get(*k) != Some(*v)).take(5).collect();
            panic!("run {run}: the book is neither as before nor fully merged ({} orders; first differences from merged: {differing:?})", got.len());
        }
    }
    assert!(as_before > 0, "at least one kill landed before the merge was committed");
    println!(
        "restore crash test: merge of {BACKUP_ORDERS} orders × {BACKUP_ITEMS} items took {:.0} ms; {RESTORE_RUNS} kills: {as_before} left the book as before, {as_merged} fully merged ({:.1} s)",
        merge_time.as_secs_f64() * 1000.0,
        started.elapsed().as_secs_f64()
    );
}
