//! The last catalogue the store sent, kept in the data folder (`last-catalogue.json`: names,
//! prices and stock — nothing secret) so that the next start can show it in the first frame, marked
//! with its time, while the store is asked again. It is a picture of the past, never an offer: a
//! checkout always asks the store for the product first.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ipc::ProductView;

pub const LAST_CATALOGUE_FILE: &str = "last-catalogue.json";

/// The products as the store listed them, when, and which store (a catalogue of another address,
/// e.g. the demo store's, is not shown for this one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastCatalogue {
    pub store_url: String,
    /// RFC 3339, UTC.
    pub fetched_at: String,
    pub products: Vec<ProductView>,
}

/// The kept catalogue of `store_url`, if there is one that can be read. A damaged or foreign file
/// is only a missing picture: the store is asked anyway.
pub fn read(data_dir: &Path, store_url: &str) -> Option<LastCatalogue> {
    let bytes = std::fs::read(data_dir.join(LAST_CATALOGUE_FILE)).ok()?;
    match serde_json::from_slice::<LastCatalogue>(&bytes) {
        Ok(last) if last.store_url == store_url => Some(last),
        Ok(_) => None,
        Err(error) => {
            log::warn!("the last catalogue could not be read; it is not shown: {error}");
            None
        }
    }
}

/// Keeps `products` as the last catalogue of `store_url`, replacing the previous one whole.
pub fn keep(data_dir: &Path, store_url: &str, products: &[ProductView]) {
    let last = LastCatalogue { store_url: store_url.to_owned(), fetched_at: crate::timestamps::now(), products: products.to_vec() };
    if let Err(error) = crate::atomic_file::write_json(&data_dir.join(LAST_CATALOGUE_FILE), &last) {
        // Only the next start's first frame is poorer for it.
        log::warn!("the catalogue could not be kept for the next start: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(price: &str) -> ProductView {
        ProductView {
            id: "p1".into(),
            slug: "s".into(),
            name_zh: "甲".into(),
            name_en: "A".into(),
            stock: 3,
            min_quantity: 1,
            price: price.into(),
            sold_out: false,
            order_min: 1,
            order_max: 3,
        }
    }

    #[test]
    fn the_kept_catalogue_comes_back_for_its_own_store_only() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path(), "https://a.example/api"), None);
        keep(dir.path(), "https://a.example/api", &[product("12.345")]);
        let last = read(dir.path(), "https://a.example/api").unwrap();
        assert_eq!(last.products, [product("12.345")], "prices keep their digits");
        assert!(crate::timestamps::parse(&last.fetched_at).is_some(), "{}", last.fetched_at);
        assert_eq!(read(dir.path(), "https://b.example/api"), None, "another store's list is not this one's");
        keep(dir.path(), "https://a.example/api", &[product("13")]);
        assert_eq!(read(dir.path(), "https://a.example/api").unwrap().products, [product("13")], "replaced whole");
    }

    #[test]
    fn a_damaged_file_is_no_catalogue() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LAST_CATALOGUE_FILE), b"{\"storeUrl\":").unwrap();
        assert_eq!(read(dir.path(), "https://a.example/api"), None);
    }
}
