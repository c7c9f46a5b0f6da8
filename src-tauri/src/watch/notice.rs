//! The words of a watch's desktop notification, in the buyer's language (the window may be closed
//! or behind others: the notification alone must say what happened and to what).

use super::rules::Alerted;
use crate::locale::UiLanguage;

/// Title and body of the notification for `alerted`.
pub fn words(alerted: &Alerted, language: UiLanguage) -> (String, String) {
    let alert = &alerted.alert;
    match language {
        UiLanguage::Zh => {
            let what = match (alert.back, alert.price_met) {
                (true, true) => "已补货，且价格已到你设的价位",
                (true, false) => "已补货",
                _ => "价格已到你设的价位",
            };
            (format!("Mailcart · {what}"), format!("{} — ¥{}（不会自动购买）", alerted.name_zh, alert.price))
        }
        UiLanguage::En => {
            let what = match (alert.back, alert.price_met) {
                (true, true) => "back in stock at your price",
                (true, false) => "back in stock",
                _ => "price at your mark",
            };
            (format!("Mailcart · {what}"), format!("{} — ¥{} (nothing is bought automatically)", alerted.name_en, alert.price))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::WatchAlert;

    fn alerted(back: bool, price_met: bool) -> Alerted {
        Alerted {
            product_id: "p".into(),
            name_zh: "老号".into(),
            name_en: "Aged Gmail".into(),
            alert: WatchAlert { back, price_met, price: "12.345".into(), at: "t".into() },
        }
    }

    #[test]
    fn each_change_is_named_in_the_buyers_language_with_the_exact_price() {
        assert_eq!(words(&alerted(true, false), UiLanguage::En), ("Mailcart · back in stock".into(), "Aged Gmail — ¥12.345 (nothing is bought automatically)".into()));
        assert_eq!(words(&alerted(false, true), UiLanguage::En).0, "Mailcart · price at your mark");
        assert_eq!(words(&alerted(true, true), UiLanguage::En).0, "Mailcart · back in stock at your price");
        let (title, body) = words(&alerted(true, false), UiLanguage::Zh);
        assert_eq!(title, "Mailcart · 已补货");
        assert!(body.starts_with("老号 — ¥12.345"), "{body}");
        assert_eq!(words(&alerted(false, true), UiLanguage::Zh).0, "Mailcart · 价格已到你设的价位");
    }
}
