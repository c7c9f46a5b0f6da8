//! What a watch holds: the buyer's marks, the product as the last list showed it, and the last
//! change the buyer was told of.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ipc::ProductView;

/// One watched product of one store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Watch {
    pub product_id: String,
    /// The names the store last gave it, so the Watch list can name a product that has left the
    /// catalogue.
    pub name_zh: String,
    pub name_en: String,
    /// The star: listed on the Watch list, no notification.
    pub favourite: bool,
    /// Tell the buyer when the product can be bought again.
    pub when_back: bool,
    /// Tell the buyer when the unit price is at most this (exact decimal text).
    pub price_at_most: Option<String>,
    /// The product in the last list looked at (`None` until one has been).
    pub seen: Option<WatchSeen>,
    /// The last watched change (shown on the card and the Watch list).
    pub alert: Option<WatchAlert>,
}

/// A product as one product list showed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchSeen {
    /// Listed and can be bought: not sold out, and at least the fewest one order may ask for.
    pub in_stock: bool,
    /// Whether the list had it at all (a product may leave the catalogue and come back).
    pub listed: bool,
    /// The unit price as last listed (exact decimal text; kept while unlisted).
    pub price: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A watched change: the product is back, or its price met the mark, or both at once (one
/// notification for one change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchAlert {
    pub back: bool,
    pub price_met: bool,
    /// The unit price when it happened (exact decimal text).
    pub price: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// What the buyer asks of one product: the whole set of marks (an empty set removes the watch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchRequest {
    pub favourite: bool,
    pub when_back: bool,
    /// Decimal text as the buyer typed it; empty or absent for none.
    pub price_at_most: Option<String>,
}

/// A mark that cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WatchError {
    #[error("the price mark is not an amount: {0}")]
    NotAnAmount(String),
    #[error("the price mark must be more than zero")]
    NotPositive,
    #[error("the watches could not be saved: {0}")]
    Storage(String),
}

impl WatchRequest {
    /// The price mark as an amount, checked (`None` when there is none).
    pub fn price_mark(&self) -> Result<Option<Decimal>, WatchError> {
        let Some(text) = self.price_at_most.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
        // A buyer may type the currency sign or a Chinese full stop; the amount is what counts.
        let cleaned: String = text.trim_start_matches(['¥', '￥', '$']).replace('。', ".");
        let mark = Decimal::from_str(cleaned.trim()).map_err(|_| WatchError::NotAnAmount(text.to_owned()))?;
        if mark <= Decimal::ZERO {
            return Err(WatchError::NotPositive);
        }
        Ok(Some(mark.normalize()))
    }

    pub fn is_empty(&self) -> bool {
        !self.favourite && !self.when_back && self.price_at_most.as_deref().map(str::trim).filter(|t| !t.is_empty()).is_none()
    }
}

impl Watch {
    /// A new watch of `product`, seeded with what the buyer sees now, so that a state that already
    /// holds (a price already under the mark) is not announced as a change.
    pub fn new(product: &ProductView, now: &str) -> Self {
        Watch {
            product_id: product.id.clone(),
            name_zh: product.name_zh.clone(),
            name_en: product.name_en.clone(),
            favourite: false,
            when_back: false,
            price_at_most: None,
            seen: Some(WatchSeen::of(Some(product), None, now)),
            alert: None,
        }
    }

    /// The price mark as an amount (a mark that no longer parses counts as none).
    pub fn price_mark(&self) -> Option<Decimal> {
        self.price_at_most.as_deref().and_then(|text| Decimal::from_str(text).ok())
    }
}

impl WatchSeen {
    /// `product` as a list showed it now; an unlisted product keeps the price seen before.
    pub fn of(product: Option<&ProductView>, before: Option<&WatchSeen>, now: &str) -> Self {
        match product {
            // In stock means it can be bought: at least the fewest one order may ask for (a
            // product sold from 100 with 50 left cannot be).
            Some(product) => WatchSeen { in_stock: !product.sold_out && product.order_min <= product.order_max, listed: true, price: product.price.clone(), at: now.to_owned() },
            None => WatchSeen {
                in_stock: false,
                listed: false,
                price: before.map(|seen| seen.price.clone()).unwrap_or_default(),
                at: now.to_owned(),
            },
        }
    }

    pub fn price(&self) -> Option<Decimal> {
        Decimal::from_str(&self.price).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(mark: &str) -> WatchRequest {
        WatchRequest { favourite: false, when_back: false, price_at_most: Some(mark.into()) }
    }

    #[test]
    fn a_price_mark_reads_as_the_buyer_types_it() {
        assert_eq!(request(" 9.5 ").price_mark().unwrap(), Some(Decimal::from_str("9.5").unwrap()));
        assert_eq!(request("¥12.340").price_mark().unwrap(), Some(Decimal::from_str("12.34").unwrap()));
        assert_eq!(request("0。5").price_mark().unwrap(), Some(Decimal::from_str("0.5").unwrap()));
        assert_eq!(request("").price_mark().unwrap(), None);
        assert_eq!(request("cheap").price_mark(), Err(WatchError::NotAnAmount("cheap".into())));
        assert_eq!(request("0").price_mark(), Err(WatchError::NotPositive));
        assert_eq!(request("-1").price_mark(), Err(WatchError::NotPositive));
    }

    #[test]
    fn a_request_with_no_mark_is_empty() {
        assert!(WatchRequest { favourite: false, when_back: false, price_at_most: Some("  ".into()) }.is_empty());
        assert!(!WatchRequest { favourite: true, when_back: false, price_at_most: None }.is_empty());
        assert!(!request("3").is_empty());
    }
}
