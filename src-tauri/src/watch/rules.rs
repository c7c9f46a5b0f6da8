//! What a new product list means for the watches: each watch's view of its product is brought up
//! to date, and a change the buyer asked about becomes an alert — once, when it happens, never
//! again while the state merely holds (the product stays in stock, the price stays low).

use rust_decimal::Decimal;

use super::model::{Watch, WatchAlert, WatchSeen};
use crate::ipc::ProductView;

/// An alert for one watch, to be told to the buyer (the watch keeps it too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alerted {
    pub product_id: String,
    pub name_zh: String,
    pub name_en: String,
    pub alert: WatchAlert,
}

/// Looks at `products` (one whole product list) for every watch, updates what each has seen and
/// returns the changes to tell. A watch that has seen nothing yet only records (no alert: there is
/// no "before" to compare with).
pub fn observe(watches: &mut [Watch], products: &[ProductView], now: &str) -> Vec<Alerted> {
    let mut alerted = Vec::new();
    for watch in watches.iter_mut() {
        let product = products.iter().find(|p| p.id == watch.product_id);
        if let Some(product) = product {
            watch.name_zh.clone_from(&product.name_zh);
            watch.name_en.clone_from(&product.name_en);
        }
        let seen = WatchSeen::of(product, watch.seen.as_ref(), now);
        if let Some(before) = &watch.seen {
            let back = watch.when_back && !before.in_stock && seen.in_stock;
            let mark = watch.price_mark();
            let price_met = mark.is_some_and(|mark| meets(&seen, mark) && !meets(before, mark));
            if back || price_met {
                let alert = WatchAlert { back, price_met, price: seen.price.clone(), at: now.to_owned() };
                watch.alert = Some(alert.clone());
                alerted.push(Alerted { product_id: watch.product_id.clone(), name_zh: watch.name_zh.clone(), name_en: watch.name_en.clone(), alert });
            }
        }
        watch.seen = Some(seen);
    }
    alerted
}

/// Whether a buyer could buy at the mark: in stock and priced at most `mark`.
fn meets(seen: &WatchSeen, mark: Decimal) -> bool {
    seen.in_stock && seen.price().is_some_and(|price| price <= mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::watch::test_product as product;

    fn watch(of: &ProductView, when_back: bool, mark: Option<&str>) -> Watch {
        Watch { when_back, price_at_most: mark.map(Into::into), ..Watch::new(of, "t0") }
    }

    #[test]
    fn back_in_stock_is_told_once_per_change() {
        let mut watches = vec![watch(&product("a", 0, "5"), true, None)];
        assert!(observe(&mut watches, &[product("a", 0, "5")], "t1").is_empty(), "still sold out");
        let told = observe(&mut watches, &[product("a", 7, "5")], "t2");
        assert_eq!(told.len(), 1);
        assert!(told[0].alert.back && !told[0].alert.price_met);
        assert_eq!(told[0].alert.at, "t2");
        assert!(observe(&mut watches, &[product("a", 6, "5")], "t3").is_empty(), "still in stock is no new change");
        assert!(observe(&mut watches, &[product("a", 0, "5")], "t4").is_empty(), "sold out again is not told");
        assert_eq!(observe(&mut watches, &[product("a", 3, "5")], "t5").len(), 1, "back a second time is a second change");
        assert_eq!(watches[0].alert.as_ref().unwrap().at, "t5", "the card shows the latest");
    }

    /// "Back" means it can be bought: a restock below the product's minimum quantity (50 left of
    /// a product sold from 100) cannot be, and telling the buyer so led to a checkout whose rule
    /// could not be met.
    #[test]
    fn back_in_stock_means_enough_for_the_minimum_order() {
        // As the catalogue makes it (`checkout::quantity_bounds`): fewest 100, most the stock.
        let from_100 = |stock: u32, price: &str| ProductView { min_quantity: 100, order_min: 100, order_max: stock, ..product("bulk", stock, price) };
        let mut watches = vec![watch(&from_100(0, "0.5"), true, Some("0.6"))];
        assert!(observe(&mut watches, &[from_100(50, "0.5")], "t1").is_empty(), "50 of a product sold from 100 cannot be bought");
        let told = observe(&mut watches, &[from_100(150, "0.5")], "t2");
        assert_eq!(told.len(), 1);
        assert!(told[0].alert.back && told[0].alert.price_met);
    }

    #[test]
    fn a_product_that_leaves_the_list_and_returns_is_back() {
        let mut watches = vec![watch(&product("a", 4, "5"), true, None)];
        assert!(observe(&mut watches, &[], "t1").is_empty());
        let seen = watches[0].seen.as_ref().unwrap();
        assert!(!seen.listed && !seen.in_stock);
        assert_eq!(seen.price, "5", "the last known price stays");
        assert_eq!(watches[0].name_en, "a-en", "the name stays for the Watch list");
        assert_eq!(observe(&mut watches, &[product("a", 4, "5")], "t2").len(), 1);
    }

    #[test]
    fn a_price_meeting_the_mark_is_told_once_and_only_when_it_can_be_bought() {
        let mut watches = vec![watch(&product("a", 10, "12.345"), false, Some("10"))];
        assert!(observe(&mut watches, &[product("a", 10, "10.01")], "t1").is_empty(), "not yet");
        let told = observe(&mut watches, &[product("a", 10, "10.00")], "t2");
        assert_eq!(told.len(), 1, "at the mark counts");
        assert!(told[0].alert.price_met && !told[0].alert.back);
        assert_eq!(told[0].alert.price, "10.00", "the store's digits");
        assert!(observe(&mut watches, &[product("a", 10, "9")], "t3").is_empty(), "lower still is the same state");
        assert!(observe(&mut watches, &[product("a", 10, "11")], "t4").is_empty());
        assert_eq!(observe(&mut watches, &[product("a", 10, "8")], "t5").len(), 1, "met again after rising");
        assert!(observe(&mut watches, &[product("a", 0, "1")], "t6").is_empty(), "cheap but sold out cannot be bought");
        assert_eq!(observe(&mut watches, &[product("a", 2, "1")], "t7").len(), 1, "then in stock at that price");
    }

    #[test]
    fn back_at_a_good_price_is_one_alert() {
        let mut watches = vec![watch(&product("a", 0, "20"), true, Some("15"))];
        let told = observe(&mut watches, &[product("a", 5, "14")], "t1");
        assert_eq!(told.len(), 1);
        assert!(told[0].alert.back && told[0].alert.price_met);
    }

    #[test]
    fn a_mark_already_met_when_set_is_not_a_change_and_favourites_never_alert() {
        let mut watches = vec![watch(&product("a", 5, "3"), false, Some("4")), Watch { favourite: true, ..Watch::new(&product("b", 0, "1"), "t0") }];
        assert!(observe(&mut watches, &[product("a", 5, "3"), product("b", 9, "1")], "t1").is_empty());
        assert!(watches.iter().all(|w| w.alert.is_none()));
        assert!(watches[1].seen.as_ref().unwrap().in_stock, "a favourite still follows its product");
    }

    #[test]
    fn a_watch_that_has_seen_nothing_only_records() {
        let mut watches = vec![Watch { seen: None, ..watch(&product("a", 0, "5"), true, Some("9")) }];
        assert!(observe(&mut watches, &[product("a", 5, "5")], "t1").is_empty());
        assert!(watches[0].seen.as_ref().unwrap().in_stock);
    }
}
