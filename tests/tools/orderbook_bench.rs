//! `npm run bench:orders`: prints how the order book performs with 10,000 orders holding 200,000
//! delivered items: building it, opening it, listing, searching, one order's detail, exports, and
//! the process's peak memory. A benchmark that prints figures, not a test.
//!
//! Every figure is printed beside a baseline (issue 6): the floor, the same work done on bare
//! SQLite through rusqlite: the same orders and items as plain (unencrypted) text of the same
//! sizes, the app's pragmas (WAL, synchronous=FULL, foreign keys, busy timeout), the same commits
//! per order, a plain schema with the indexes a simple app would have, and the same queries in
//! spirit (the same `LIKE '%text%'` matching the order book's search uses). The baseline runs in a
//! child process (this example re-run with `--baseline-child`) so that each side's peak memory is
//! its own. The two sides build one after the other; their read samples alternate (app, floor,
//! floor, app, ...), so a slow patch of the machine falls on both rather than on one. On Linux
//! both processes are pinned to one CPU: left to the scheduler, each could sit on a different
//! (differently busy) CPU for the whole run, and the ratios of the reads swung by ±40%.
//!
//! `--tsv` prints only `figure label<TAB>mailcart_value<TAB>baseline_value<TAB>unit` lines.

#[path = "common.rs"]
mod common;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use mailcart_lib::data_folder::DataFolder;
use mailcart_lib::orders::{export, OrderFilter, OrderStatus};
use mailcart_lib::timestamps;
use mailcart_lib::vault::{KdfParams, NoKeyStorage, Secret};
use rusqlite::{params, Connection, OptionalExtension};

const ORDERS: u32 = 10_000;
const ITEMS_PER_ORDER: u32 = 20;
const PASSPHRASE: &str = "benchmark passphrase";
const BASELINE_CHILD: &str = "--baseline-child";
/// The builds alternate between the two sides in this many chunks of orders.
const BUILD_CHUNKS: u32 = 10;

/// The order whose detail and export are timed (local id; its number is `GS00004999`).
const DETAIL_ID: i64 = 5_000;
const SEARCH_NUMBER: &str = "GS00009876";
const SEARCH_LOGIN: &str = "gs00004321-7@gmail";
const SEARCH_PRODUCT: &str = "Product 49";

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The process's peak resident memory (VmHWM), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse::<f64>().ok()?;
    Some(kib / 1024.0)
}

fn folder_mib(dir: &Path) -> f64 {
    let bytes: u64 = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    bytes as f64 / 1_048_576.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[derive(Clone, Copy)]
enum Unit {
    Ms,
    S,
    MiB,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Ms => "ms",
            Unit::S => "s",
            Unit::MiB => "MiB",
        }
    }

    fn show(self, value: f64) -> String {
        match self {
            Unit::Ms | Unit::S => format!("{value:.2} {}", self.name()),
            Unit::MiB => format!("{value:.1} {}", self.name()),
        }
    }
}

/// One printed figure: the app's value beside the floor's, or the reason there is no floor.
struct Figure {
    label: &'static str,
    unit: Unit,
    mailcart: Option<f64>,
    baseline: Result<f64, &'static str>,
}

/// The bare-SQLite side, running in a child process: one request per line on its stdin, answered
/// with `key<TAB>value` lines and a `.` line.
struct BaselineChild {
    child: std::process::Child,
    requests: std::process::ChildStdin,
    replies: std::io::BufReader<std::process::ChildStdout>,
}

impl BaselineChild {
    fn spawn() -> Self {
        use std::process::{Command, Stdio};
        let exe = std::env::current_exe().expect("this program's path");
        let mut child = Command::new(exe)
            .arg(BASELINE_CHILD)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the baseline child");
        let requests = child.stdin.take().unwrap();
        let replies = std::io::BufReader::new(child.stdout.take().unwrap());
        BaselineChild { child, requests, replies }
    }

    fn ask(&mut self, request: &str) -> HashMap<String, f64> {
        use std::io::BufRead;
        writeln!(self.requests, "{request}").and_then(|()| self.requests.flush()).expect("the baseline child is running");
        let mut answer = HashMap::new();
        loop {
            let mut line = String::new();
            assert!(self.replies.read_line(&mut line).expect("read the baseline child") > 0, "the baseline child stopped during {request}");
            let line = line.trim_end();
            if line == "." {
                return answer;
            }
            let (key, value) = line.split_once('\t').expect("key<TAB>value");
            answer.insert(key.to_owned(), value.parse().expect("a number"));
        }
    }

    /// One timed sample of `key`, in ms.
    fn sample(&mut self, key: &str) -> f64 {
        self.ask(key)[key]
    }

    fn finish(mut self) {
        drop(self.requests);
        assert!(self.child.wait().expect("the baseline child ends").success(), "the baseline child failed");
    }
}

/// Pins this process (and the children it starts after this) to the CPU it is running on; the
/// CPU's number, or `None` where that is not available.
#[cfg(target_os = "linux")]
fn pin_to_one_cpu() -> Option<usize> {
    extern "C" {
        fn sched_getcpu() -> i32;
        fn sched_setaffinity(pid: i32, cpusetsize: usize, mask: *const u64) -> i32;
    }
    // SAFETY: glibc/musl functions with no preconditions; the mask is a valid 1024-bit cpu_set_t.
    let cpu = usize::try_from(unsafe { sched_getcpu() }).ok().filter(|&cpu| cpu < 1024)?;
    let mut mask = [0u64; 16];
    mask[cpu / 64] |= 1 << (cpu % 64);
    // SAFETY: as above; pid 0 is this thread, which is the main one (no other threads yet).
    (unsafe { sched_setaffinity(0, std::mem::size_of_val(&mask), mask.as_ptr()) } == 0).then_some(cpu)
}

#[cfg(not(target_os = "linux"))]
fn pin_to_one_cpu() -> Option<usize> {
    None
}

fn main() {
    if std::env::args().any(|a| a == BASELINE_CHILD) {
        baseline::serve();
        return;
    }
    let tsv = std::env::args().any(|a| a == "--tsv");
    let pinned = pin_to_one_cpu();
    let figures = run();

    if tsv {
        for f in &figures {
            let value = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.3}"));
            println!("{}\t{}\t{}\t{}", f.label, value(f.mailcart), value(f.baseline.ok()), f.unit.name());
        }
        return;
    }

    println!("order book benchmark: {ORDERS} orders x {ITEMS_PER_ORDER} items = {} delivered items", ORDERS * ITEMS_PER_ORDER);
    println!("baseline: bare SQLite via rusqlite in a child process: plain text of the same sizes, same pragmas, same commits");
    match pinned {
        Some(cpu) => println!("both processes pinned to CPU {cpu}; read samples alternate between them"),
        None => println!("processes not pinned to one CPU (not Linux); read samples alternate between them"),
    }
    let rows: Vec<[String; 4]> = figures
        .iter()
        .map(|f| {
            let app = f.mailcart.map_or("n/a".to_owned(), |v| f.unit.show(v));
            match (f.mailcart, f.baseline) {
                (_, Err(reason)) => [f.label.to_owned(), app, "n/a".to_owned(), format!("n/a: {reason}")],
                (Some(a), Ok(b)) => [f.label.to_owned(), app, f.unit.show(b), format!("x{:.2}", a / b)],
                (None, Ok(b)) => [f.label.to_owned(), app, f.unit.show(b), "n/a".to_owned()],
            }
        })
        .collect();
    let header = ["figure".to_owned(), "Mailcart".to_owned(), "bare SQLite".to_owned(), "ratio".to_owned()];
    let width = |i: usize| rows.iter().chain(std::iter::once(&header)).map(|r| r[i].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let line = |r: &[String; 4]| println!("{:<w0$} | {:>w1$} | {:>w2$} | {}", r[0], r[1], r[2], r[3]);
    line(&header);
    println!("{}-|-{}-|-{}-|-{}", "-".repeat(w0), "-".repeat(w1), "-".repeat(w2), "-".repeat(width(3)));
    for r in &rows {
        line(r);
    }
}

fn run() -> Vec<Figure> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data_dir = dir.path().join("data");
    let mut figures = Vec::new();
    let mut push = |label, unit, mailcart: f64, baseline: Result<f64, &'static str>| {
        figures.push(Figure { label, unit, mailcart: Some(mailcart), baseline });
    };

    // The builds one after the other: the floor first, then the app.
    // The builds alternate in chunks of orders (app, floor, floor, app, ...) like the reads below,
    // so that a burst of someone else's disk writes slows both. Each side's total counts opening
    // its new data folder and closing it at the end (the final checkpoint).
    eprintln!("building both order books, alternating chunks...");
    let mut floor = BaselineChild::spawn();
    let mut floor_build = floor.ask("build_start")["build"];
    let (folder, mut build) = timed(|| common::open_data_folder(&data_dir, PASSPHRASE));
    let chunk = ORDERS / BUILD_CHUNKS;
    for round in 0..BUILD_CHUNKS {
        let (from, to) = (round * chunk, if round + 1 == BUILD_CHUNKS { ORDERS } else { (round + 1) * chunk });
        let mut floor_chunk = || floor.ask(&format!("build {from} {to}"))["build"];
        if round % 2 == 1 {
            floor_build += floor_chunk();
        }
        build += timed(|| {
            for n in from..to {
                let order_no = format!("GS{n:08}");
                let id = folder.orders.record_order(common::sample_order(&order_no, &format!("Product {}", n % 50), ITEMS_PER_ORDER)).unwrap().id;
                folder.orders.record_delivery(id, 0, &common::items_for(&order_no, ITEMS_PER_ORDER)).unwrap();
                folder.orders.update_status(id, OrderStatus::Delivered, None).unwrap();
            }
        })
        .1;
        if round % 2 == 0 {
            floor_build += floor_chunk();
        }
    }
    build += timed(|| drop(folder)).1;
    let floor_end = floor.ask("build_end");
    floor_build += floor_end["build"];
    push("build (order, delivery, status: 3 commits per order)", Unit::S, build.as_secs_f64(), Ok(floor_build));
    push("data folder after build", Unit::MiB, folder_mib(&data_dir), Ok(floor_end["data_size"]));

    eprintln!("timing reads, alternating between the two...");
    let floor_open = floor.sample("open");
    let (folder, open) = timed(|| common::open_data_folder(&data_dir, PASSPHRASE));
    push("open (schema check, vault unlock)", Unit::Ms, ms(open), Ok(floor_open));
    // Order numbers are sealed: the first list opens all of them into an index in memory.
    let floor_first = floor.sample("list");
    let (_, first_list) = timed(|| assert_eq!(folder.orders.list(&OrderFilter::default()).unwrap().len(), 500));
    push("first list after open (opens every order number)", Unit::Ms, ms(first_list), Ok(floor_first));

    // `n` samples of each side, alternating app-floor, floor-app, ...; the medians.
    let mut paired = |n: usize, key: &str, app: &mut dyn FnMut()| -> (f64, Result<f64, &'static str>) {
        let (mut mine, mut theirs) = (Vec::new(), Vec::new());
        for round in 0..n {
            if round % 2 == 0 {
                mine.push(ms(timed(&mut *app).1));
                theirs.push(floor.sample(key));
            } else {
                theirs.push(floor.sample(key));
                mine.push(ms(timed(&mut *app).1));
            }
        }
        (median(mine), Ok(median(theirs)))
    };
    let search = |text: &str| OrderFilter { search: Some(text.to_owned()), ..OrderFilter::default() };
    let (a, b) = paired(21, "list", &mut || assert_eq!(folder.orders.list(&OrderFilter::default()).unwrap().len(), 500));
    push("list newest 500 (median of 21)", Unit::Ms, a, b);
    let (a, b) = paired(21, "unfinished", &mut || assert!(folder.orders.unfinished().unwrap().is_empty()));
    push("unfinished orders (median of 21)", Unit::Ms, a, b);
    let (a, b) = paired(15, "search_number", &mut || assert_eq!(folder.orders.list(&search(SEARCH_NUMBER)).unwrap().len(), 1));
    push("search by order number (median of 15)", Unit::Ms, a, b);
    let (a, b) = paired(15, "search_login", &mut || assert_eq!(folder.orders.list(&search(SEARCH_LOGIN)).unwrap().len(), 1));
    push("search by delivered login, 200k items (median of 15)", Unit::Ms, a, b);
    let (a, b) = paired(15, "search_product", &mut || assert_eq!(folder.orders.list(&search(SEARCH_PRODUCT)).unwrap().len(), 200));
    push("search by product, 200 hits (median of 15)", Unit::Ms, a, b);
    let (a, b) = paired(21, "detail", &mut || assert_eq!(folder.orders.detail(DETAIL_ID).unwrap().items.len(), ITEMS_PER_ORDER as usize));
    push("one order's detail, 20 items (median of 21)", Unit::Ms, a, b);
    let (a, b) = paired(21, "export_one", &mut || {
        let d = folder.orders.detail(DETAIL_ID).unwrap();
        export::to_csv("GS00004999", &d.items).unwrap();
    });
    push("export one order to CSV (median of 21)", Unit::Ms, a, b);

    let csv_path = dir.path().join("all.csv");
    let (_, all_export) = timed(|| {
        let mut out = BufWriter::new(File::create(&csv_path).unwrap());
        for id in 1..=i64::from(ORDERS) {
            let d = folder.orders.detail(id).unwrap();
            out.write_all(export::to_csv(d.summary.order_no.as_deref().unwrap_or(""), &d.items).unwrap().as_bytes()).unwrap();
        }
        out.flush().unwrap();
    });
    let floor_export = floor.ask("export_all");
    push("export all 200,000 items to a CSV file", Unit::S, all_export.as_secs_f64(), Ok(floor_export["export_all"]));
    let csv_mib = std::fs::metadata(&csv_path).unwrap().len() as f64 / 1_048_576.0;
    push("  its size (app: a header per order)", Unit::MiB, csv_mib, Ok(floor_export["export_all_size"]));
    let floor_peak = floor.ask("peak_rss").get("peak_rss").copied().ok_or("no /proc");
    figures.push(Figure { label: "peak memory (VmHWM)", unit: Unit::MiB, mailcart: peak_rss_mib(), baseline: floor_peak });
    floor.finish();
    drop(folder);

    // The app's own Argon2id cost, which the tools above skip: the price of a passphrase unlock.
    let kdf_dir = dir.path().join("kdf");
    let (folder, _) = DataFolder::open(&kdf_dir, Box::new(NoKeyStorage), KdfParams::RECOMMENDED).unwrap();
    folder.vault.set_passphrase(&folder.db, &Secret::from(PASSPHRASE)).unwrap();
    drop(folder);
    let (folder, _) = DataFolder::open(&kdf_dir, Box::new(NoKeyStorage), KdfParams::RECOMMENDED).unwrap();
    let (_, unlock) = timed(|| folder.vault.unlock(&Secret::from(PASSPHRASE)).unwrap());
    figures.push(Figure {
        label: "passphrase unlock, app's Argon2id cost (46 MiB, 1 pass)",
        unit: Unit::Ms,
        mailcart: Some(ms(unlock)),
        baseline: Err("plain SQLite has no key to derive"),
    });
    figures
}

/// The floor: the same work on bare SQLite with plain text, served to the parent on request.
mod baseline {
    use super::*;

    /// A plain schema: the columns the app keeps, items as plain text, the obvious indexes.
    const SCHEMA: &str = "
        CREATE TABLE IF NOT EXISTS orders (
            id INTEGER PRIMARY KEY,
            store TEXT NOT NULL,
            order_no TEXT,
            store_order_id TEXT,
            access_token TEXT,
            product_id TEXT,
            product_name TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            unit_price TEXT,
            total TEXT,
            currency TEXT,
            payment_method TEXT,
            coin TEXT,
            pay_address TEXT,
            pay_amount TEXT,
            expires_at TEXT,
            contact_email TEXT,
            status TEXT NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            network TEXT,
            pay_url TEXT,
            UNIQUE (store, order_no)
        );
        CREATE INDEX IF NOT EXISTS orders_by_created ON orders(created_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS order_events (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX IF NOT EXISTS order_events_by_order ON order_events(order_id);
        CREATE TABLE IF NOT EXISTS items (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            position INTEGER NOT NULL,
            login TEXT NOT NULL,
            password TEXT,
            extra TEXT,
            line TEXT,
            received_at TEXT NOT NULL,
            UNIQUE (order_id, position)
        );";

    const SUMMARY: &str = "SELECT o.id, o.store, o.order_no, o.product_name, o.quantity, o.total, o.currency, o.status, o.finished,
        o.contact_email, (SELECT count(*) FROM items i WHERE i.order_id = o.id), o.created_at FROM orders o";

    #[allow(dead_code)]
    struct Summary {
        id: i64,
        store: String,
        order_no: Option<String>,
        product_name: String,
        quantity: i64,
        total: Option<String>,
        currency: Option<String>,
        status: String,
        finished: bool,
        contact_email: Option<String>,
        item_count: i64,
        created_at: String,
    }

    #[allow(dead_code)]
    struct Item {
        position: i64,
        login: String,
        password: Option<String>,
        extra: Option<String>,
        line: Option<String>,
    }

    #[allow(dead_code)]
    struct Detail {
        order: Vec<Option<String>>,
        events: Vec<(String, String, Option<String>)>,
        items: Vec<Item>,
    }

    fn open(path: &Path) -> Connection {
        let conn = Connection::open(path).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "synchronous", "FULL").unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        if version == 0 {
            conn.execute_batch(SCHEMA).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        conn
    }

    fn list(conn: &Connection, search: Option<&str>, unfinished: bool, limit: i64) -> Vec<Summary> {
        let mut sql = format!("{SUMMARY} WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if unfinished {
            sql.push_str(" AND o.finished = 0");
        }
        if let Some(search) = search {
            let pattern = format!("%{}%", search.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            sql.push_str(
                " AND (o.order_no LIKE ?1 ESCAPE '\\' OR o.product_name LIKE ?1 ESCAPE '\\' OR o.contact_email LIKE ?1 ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM items i WHERE i.order_id = o.id AND i.login LIKE ?1 ESCAPE '\\'))",
            );
            args.push(pattern.into());
        }
        sql.push_str(&format!(" ORDER BY o.created_at DESC, o.id DESC LIMIT {limit}"));
        let mut statement = conn.prepare_cached(&sql).unwrap();
        let rows = statement
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(Summary {
                    id: r.get(0)?,
                    store: r.get(1)?,
                    order_no: r.get(2)?,
                    product_name: r.get(3)?,
                    quantity: r.get(4)?,
                    total: r.get(5)?,
                    currency: r.get(6)?,
                    status: r.get(7)?,
                    finished: r.get(8)?,
                    contact_email: r.get(9)?,
                    item_count: r.get(10)?,
                    created_at: r.get(11)?,
                })
            })
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    fn detail(conn: &Connection, id: i64) -> Detail {
        let mut order_statement = conn.prepare_cached("SELECT * FROM orders WHERE id = ?1").unwrap();
        let columns = order_statement.column_count();
        let order = order_statement
            .query_row([id], |r| (0..columns).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                rusqlite::types::Value::Text(t) => Some(t),
                rusqlite::types::Value::Integer(n) => Some(n.to_string()),
                _ => None,
            })).collect::<Result<Vec<_>, _>>())
            .unwrap();
        let mut events_statement = conn.prepare_cached("SELECT at, status, note FROM order_events WHERE order_id = ?1 ORDER BY id").unwrap();
        let events = events_statement.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap();
        Detail { order, events, items: items(conn, id) }
    }

    fn items(conn: &Connection, id: i64) -> Vec<Item> {
        let mut statement =
            conn.prepare_cached("SELECT position, login, password, extra, line FROM items WHERE order_id = ?1 ORDER BY position").unwrap();
        let rows = statement
            .query_map([id], |r| Ok(Item { position: r.get(0)?, login: r.get(1)?, password: r.get(2)?, extra: r.get(3)?, line: r.get(4)? }))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    const CSV_HEADER: [&str; 5] = ["order_no", "login", "password", "extra", "line"];

    fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
    }

    fn write_item<W: Write>(writer: &mut csv::Writer<W>, order_no: &str, item: &Item) {
        let field = |v: &Option<String>| v.clone().unwrap_or_default();
        writer.write_record([order_no, &item.login, &field(&item.password), &field(&item.extra), &field(&item.line)]).unwrap();
    }

    /// One order's items as CSV text, in the app's format (BOM, header, CRLF).
    fn order_csv(conn: &Connection, id: i64, order_no: &str) -> String {
        let mut writer = csv_writer(Vec::new());
        writer.write_record(CSV_HEADER).unwrap();
        for item in items(conn, id) {
            write_item(&mut writer, order_no, &item);
        }
        let mut out = String::from('\u{feff}');
        out.push_str(&String::from_utf8(writer.into_inner().unwrap()).unwrap());
        out
    }

    /// Every item of every order in one query, streamed into one CSV file.
    fn export_all(conn: &Connection, path: &Path) {
        let mut file = BufWriter::new(File::create(path).unwrap());
        file.write_all("\u{feff}".as_bytes()).unwrap();
        let mut writer = csv_writer(file);
        writer.write_record(CSV_HEADER).unwrap();
        let mut statement = conn
            .prepare_cached(
                "SELECT o.order_no, i.position, i.login, i.password, i.extra, i.line FROM items i JOIN orders o ON o.id = i.order_id
                 ORDER BY i.order_id, i.position",
            )
            .unwrap();
        let mut rows = statement.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let order_no: String = r.get(0).unwrap();
            let item = Item { position: r.get(1).unwrap(), login: r.get(2).unwrap(), password: r.get(3).unwrap(), extra: r.get(4).unwrap(), line: r.get(5).unwrap() };
            write_item(&mut writer, &order_no, &item);
        }
        writer.into_inner().map_err(|e| e.into_error()).unwrap().flush().unwrap();
    }

    /// Orders `range`, with the same three commits per order as the app: the order (and its first
    /// event), the delivery, the status change (and its event).
    fn build(conn: &mut Connection, range: std::ops::Range<u32>) {
        for n in range {
            let order_no = format!("GS{n:08}");
            let order = common::sample_order(&order_no, &format!("Product {}", n % 50), ITEMS_PER_ORDER);
            let text = |v: &Option<rust_decimal::Decimal>| v.as_ref().map(ToString::to_string);
            let now = timestamps::now();
            let tx = conn.transaction().unwrap();
            tx.prepare_cached(
                "INSERT INTO orders(store, order_no, store_order_id, access_token, product_id, product_name, quantity, unit_price, total,
                   currency, payment_method, coin, pay_address, pay_amount, expires_at, contact_email, status, finished, created_at,
                   updated_at, network, pay_url)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20, ?21)",
            )
            .unwrap()
            .execute(params![
                order.store.as_str(),
                order.order_no,
                order.store_order_id,
                order.access_token.as_ref().map(|t| t.expose().clone()),
                order.product_id,
                order.product_name,
                order.quantity,
                text(&order.unit_price),
                text(&order.total),
                order.currency,
                order.payment_method,
                order.coin,
                order.pay_address,
                text(&order.pay_amount),
                order.expires_at,
                order.contact_email,
                order.status.as_str(),
                order.status.is_final(),
                now,
                order.network,
                order.pay_url,
            ])
            .unwrap();
            let id = tx.last_insert_rowid();
            tx.prepare_cached("INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, 'recorded')")
                .unwrap()
                .execute(params![id, now, order.status.as_str()])
                .unwrap();
            tx.commit().unwrap();

            let items = common::items_for(&order_no, ITEMS_PER_ORDER);
            let now = timestamps::now();
            let tx = conn.transaction().unwrap();
            {
                let mut insert = tx
                    .prepare_cached("INSERT INTO items(order_id, position, login, password, extra, line, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .unwrap();
                for (position, item) in items.iter().enumerate() {
                    fn plain(s: &Option<Secret<String>>) -> Option<&str> {
                        s.as_ref().map(|s| s.expose().as_str())
                    }
                    insert.execute(params![id, position, item.login, plain(&item.password), plain(&item.extra), plain(&item.line), now]).unwrap();
                }
            }
            tx.prepare_cached("UPDATE orders SET updated_at = ?2 WHERE id = ?1").unwrap().execute(params![id, now]).unwrap();
            tx.commit().unwrap();

            let now = timestamps::now();
            let delivered = OrderStatus::Delivered;
            let tx = conn.transaction().unwrap();
            tx.prepare_cached("UPDATE orders SET status = ?2, finished = ?3, updated_at = ?4 WHERE id = ?1")
                .unwrap()
                .execute(params![id, delivered.as_str(), delivered.is_final(), now])
                .unwrap();
            tx.prepare_cached("INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, NULL)")
                .unwrap()
                .execute(params![id, now, delivered.as_str()])
                .unwrap();
            tx.commit().unwrap();
        }
    }

    /// Answers the parent's requests (see `BaselineChild`) until its stdin closes.
    pub fn serve() {
        use std::io::BufRead;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data_dir = dir.path().join("data");
        std::fs::create_dir_all(&data_dir).unwrap();
        let path = data_dir.join("plain.db");
        let csv_path = dir.path().join("all.csv");
        let mut building: Option<Connection> = None;
        let mut conn: Option<Connection> = None;
        let stdout = std::io::stdout();
        for request in std::io::stdin().lock().lines() {
            let request = request.expect("a request");
            let mut out = stdout.lock();
            let mut reply = |key: &str, value: f64| writeln!(out, "{key}\t{value}").unwrap();
            match request.as_str() {
                "build_start" => {
                    let (opened, took) = timed(|| open(&path));
                    building = Some(opened);
                    reply("build", took.as_secs_f64());
                }
                "build_end" => {
                    reply("build", timed(|| drop(building.take())).1.as_secs_f64());
                    reply("data_size", folder_mib(&data_dir));
                }
                chunk if chunk.starts_with("build ") => {
                    let bounds: Vec<u32> = chunk.split(' ').skip(1).map(|n| n.parse().expect("build FROM TO")).collect();
                    let conn = building.as_mut().expect("build_start first");
                    reply("build", timed(|| build(conn, bounds[0]..bounds[1])).1.as_secs_f64());
                }
                "open" => {
                    let (opened, took) = timed(|| open(&path));
                    conn = Some(opened);
                    reply("open", ms(took));
                }
                "peak_rss" => {
                    if let Some(peak) = peak_rss_mib() {
                        reply("peak_rss", peak);
                    }
                }
                key => {
                    let conn = conn.as_ref().expect("open before reading");
                    match key {
                        "list" => reply(key, ms(timed(|| assert_eq!(list(conn, None, false, 500).len(), 500)).1)),
                        "unfinished" => reply(key, ms(timed(|| assert!(list(conn, None, true, -1).is_empty())).1)),
                        "search_number" => reply(key, ms(timed(|| assert_eq!(list(conn, Some(SEARCH_NUMBER), false, 500).len(), 1)).1)),
                        "search_login" => reply(key, ms(timed(|| assert_eq!(list(conn, Some(SEARCH_LOGIN), false, 500).len(), 1)).1)),
                        "search_product" => reply(key, ms(timed(|| assert_eq!(list(conn, Some(SEARCH_PRODUCT), false, 500).len(), 200)).1)),
                        "detail" => reply(key, ms(timed(|| assert_eq!(detail(conn, DETAIL_ID).items.len(), ITEMS_PER_ORDER as usize)).1)),
                        "export_one" => reply(
                            key,
                            ms(timed(|| {
                                let number: String =
                                    conn.query_row("SELECT order_no FROM orders WHERE id = ?1", [DETAIL_ID], |r| r.get(0)).optional().unwrap().unwrap();
                                assert!(order_csv(conn, DETAIL_ID, &number).len() > 1000);
                            })
                            .1),
                        ),
                        "export_all" => {
                            reply(key, timed(|| export_all(conn, &csv_path)).1.as_secs_f64());
                            reply("export_all_size", std::fs::metadata(&csv_path).unwrap().len() as f64 / 1_048_576.0);
                        }
                        other => panic!("unknown request {other}"),
                    }
                }
            }
            writeln!(out, ".").and_then(|()| out.flush()).unwrap();
        }
    }
}
