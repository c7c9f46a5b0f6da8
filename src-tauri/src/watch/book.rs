//! The watches on disk: `watches.json` in the data folder (product ids, names, marks and what was
//! last seen — nothing secret), one list per store address so that the demo store's or a test
//! store's watches never mix with the real store's. Replaced whole on every change
//! (`atomic_file`), so a crash leaves the previous list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::model::{Watch, WatchError, WatchRequest};
use super::rules::{observe, Alerted};
use crate::ipc::ProductView;

pub const WATCHES_FILE: &str = "watches.json";

/// Every store's watches, behind one lock (the window's commands and the background checks both
/// change them).
pub struct WatchBook {
    path: PathBuf,
    by_store: Mutex<BTreeMap<String, Vec<Watch>>>,
}

impl WatchBook {
    /// Reads `watches.json` in `data_dir`; a missing file is an empty book, and so is one that
    /// cannot be read — set aside as `watches.json.damaged-<time>` first, never overwritten (the
    /// watches are a convenience: the app opens anyway, and says so in the log).
    pub fn open(data_dir: &Path) -> Self {
        let path = data_dir.join(WATCHES_FILE);
        let by_store = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                let kept = crate::damaged_files::set_aside(&path).map_or_else(|e| format!("not set aside: {e}"), |p| format!("kept as {}", p.display()));
                log::warn!("the watches could not be read and start empty ({kept}): {error}");
                BTreeMap::new()
            }),
            Err(_) => BTreeMap::new(),
        };
        WatchBook { path, by_store: Mutex::new(by_store) }
    }

    /// The watches of `store_url`, in the order they were set.
    pub fn list(&self, store_url: &str) -> Vec<Watch> {
        self.lock().get(store_url).cloned().unwrap_or_default()
    }

    /// Whether `store_url` has a watch that can alert (a favourite alone needs no checks).
    pub fn needs_checks(&self, store_url: &str) -> bool {
        self.lock().get(store_url).is_some_and(|watches| watches.iter().any(|w| w.when_back || w.price_at_most.is_some()))
    }

    /// Sets the buyer's marks on `product` (an empty request removes its watch) and saves.
    pub fn set(&self, store_url: &str, product: &ProductView, request: &WatchRequest, now: &str) -> Result<Vec<Watch>, WatchError> {
        let mark = request.price_mark()?;
        let mut by_store = self.lock();
        let mut next = by_store.clone();
        let watches = next.entry(store_url.to_owned()).or_default();
        match watches.iter().position(|w| w.product_id == product.id) {
            _ if request.is_empty() => watches.retain(|w| w.product_id != product.id),
            Some(index) => {
                let watch = &mut watches[index];
                if mark != watch.price_mark() || (request.when_back && !watch.when_back) {
                    // A new mark, or "tell me when it's back" just asked for, starts from what the
                    // buyer sees now: a price already under the mark is not announced as a change,
                    // and a stock seen earlier (in stock this morning, sold out now) does not hide
                    // the coming restock.
                    watch.seen = Watch::new(product, now).seen;
                }
                apply(watch, request, mark);
            }
            None => {
                let mut watch = Watch::new(product, now);
                apply(&mut watch, request, mark);
                watches.push(watch);
            }
        }
        if watches.is_empty() {
            next.remove(store_url);
        }
        self.save(&next)?;
        *by_store = next;
        Ok(by_store.get(store_url).cloned().unwrap_or_default())
    }

    /// Removes the watch of `product_id` (nothing when there is none) and saves.
    pub fn remove(&self, store_url: &str, product_id: &str) -> Result<Vec<Watch>, WatchError> {
        let mut by_store = self.lock();
        let mut next = by_store.clone();
        if let Some(watches) = next.get_mut(store_url) {
            watches.retain(|w| w.product_id != product_id);
            if watches.is_empty() {
                next.remove(store_url);
            }
        }
        self.save(&next)?;
        *by_store = next;
        Ok(by_store.get(store_url).cloned().unwrap_or_default())
    }

    /// Looks at a whole product list of `store_url` (from the background check or the catalogue
    /// page): updates the watches and saves them when they changed; returns the alerts to tell.
    /// If they cannot be saved the alerts are still told (the next start may tell one again).
    pub fn observe(&self, store_url: &str, products: &[ProductView], now: &str) -> Vec<Alerted> {
        let mut by_store = self.lock();
        let Some(watches) = by_store.get_mut(store_url) else { return Vec::new() };
        let alerted = observe(watches, products, now);
        if let Err(error) = self.save(&by_store) {
            log::warn!("{error}");
        }
        alerted
    }

    fn save(&self, by_store: &BTreeMap<String, Vec<Watch>>) -> Result<(), WatchError> {
        crate::atomic_file::write_json(&self.path, by_store).map_err(|e| WatchError::Storage(e.to_string()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<Watch>>> {
        self.by_store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn apply(watch: &mut Watch, request: &WatchRequest, mark: Option<rust_decimal::Decimal>) {
    watch.favourite = request.favourite;
    watch.when_back = request.when_back;
    watch.price_at_most = mark.map(|m| m.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORE: &str = "https://store.example/api";

    fn product(stock: u32, price: &str) -> ProductView {
        crate::watch::test_product("p1", stock, price)
    }

    fn request(favourite: bool, when_back: bool, mark: Option<&str>) -> WatchRequest {
        WatchRequest { favourite, when_back, price_at_most: mark.map(Into::into) }
    }

    #[test]
    fn watches_survive_a_restart_per_store_and_an_empty_request_removes_one() {
        let dir = tempfile::tempdir().unwrap();
        let book = WatchBook::open(dir.path());
        book.set(STORE, &product(0, "5"), &request(true, true, None), "t0").unwrap();
        assert!(book.needs_checks(STORE));
        let again = WatchBook::open(dir.path());
        let watches = again.list(STORE);
        assert_eq!(watches.len(), 1);
        assert!(watches[0].favourite && watches[0].when_back);
        assert!(again.list("http://127.0.0.1:1/api").is_empty(), "another store's list is its own");
        again.set(STORE, &product(0, "5"), &request(true, false, None), "t1").unwrap();
        assert!(!again.needs_checks(STORE), "a star alone asks for no checks");
        again.set(STORE, &product(0, "5"), &request(false, false, Some(" ")), "t2").unwrap();
        assert!(WatchBook::open(dir.path()).list(STORE).is_empty());
        again.set(STORE, &product(0, "5"), &request(true, false, None), "t3").unwrap();
        assert!(again.remove(STORE, "p1").unwrap().is_empty());
        assert!(WatchBook::open(dir.path()).list(STORE).is_empty(), "removed for good");
    }

    #[test]
    fn a_bad_mark_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let book = WatchBook::open(dir.path());
        book.set(STORE, &product(3, "5"), &request(false, false, Some("4")), "t0").unwrap();
        assert_eq!(book.set(STORE, &product(3, "5"), &request(false, false, Some("four")), "t1"), Err(WatchError::NotAnAmount("four".into())));
        assert_eq!(book.list(STORE)[0].price_at_most.as_deref(), Some("4"));
    }

    /// A starred product last seen in stock, now shown sold out: asking to be told when it is
    /// back starts from what the buyer sees now, so the restock is told (the stale "in stock" hid it).
    #[test]
    fn asking_when_back_starts_from_the_stock_seen_now() {
        let dir = tempfile::tempdir().unwrap();
        let book = WatchBook::open(dir.path());
        book.set(STORE, &product(5, "9"), &request(true, false, None), "t0").unwrap();
        book.set(STORE, &product(0, "9"), &request(true, true, None), "t1").unwrap();
        let told = book.observe(STORE, &[product(4, "9")], "t2");
        assert_eq!(told.len(), 1);
        assert!(told[0].alert.back);
    }

    #[test]
    fn a_new_mark_starts_from_the_price_seen_now() {
        let dir = tempfile::tempdir().unwrap();
        let book = WatchBook::open(dir.path());
        book.set(STORE, &product(3, "9"), &request(false, false, Some("5")), "t0").unwrap();
        // The buyer raises the mark above today's price: no alert for what already holds.
        book.set(STORE, &product(3, "9"), &request(false, false, Some("10")), "t1").unwrap();
        assert!(book.observe(STORE, &[product(3, "9")], "t2").is_empty());
        assert_eq!(book.observe(STORE, &[product(3, "11")], "t3").len(), 0);
        let told = book.observe(STORE, &[product(3, "8")], "t4");
        assert_eq!(told.len(), 1);
        assert_eq!(WatchBook::open(dir.path()).list(STORE)[0].alert.as_ref().unwrap().at, "t4", "the alert is kept");
    }

    #[test]
    fn a_damaged_file_is_an_empty_book_and_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(WATCHES_FILE), b"{\"x\":").unwrap();
        let book = WatchBook::open(dir.path());
        assert!(book.list(STORE).is_empty());
        book.set(STORE, &product(0, "5"), &request(true, false, None), "t0").unwrap();
        let kept: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with("watches.json.damaged-")).collect();
        assert_eq!(kept.len(), 1, "the damaged file is kept, not overwritten");
        assert_eq!(std::fs::read(dir.path().join(&kept[0])).unwrap(), b"{\"x\":");
    }
}
