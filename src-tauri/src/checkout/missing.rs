//! What a payment screen cannot show because the store did not send it. A crypto order needs an
//! address, the exact amount and a coin the app knows; a cashier order needs the cashier's address.
//! When any is missing the buyer is told so plainly instead of being shown a countdown to pay to
//! nowhere.

use serde::Serialize;
use ts_rs::TS;

use crate::orders::{OrderDetail, OrderStatus};
use crate::stores::gmailstore::{Coin, PaymentMethod};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MissingDetail {
    /// The address to send the coins to.
    Address,
    /// The exact amount to send.
    Amount,
    /// Which coin (and so which network) to send.
    Coin,
    /// The Alipay / WeChat cashier page.
    CashierUrl,
}

/// What the order lacks for the buyer to pay it; empty once nothing is owed any more.
pub fn missing_details(detail: &OrderDetail) -> Vec<MissingDetail> {
    let status = detail.summary.status;
    if !matches!(status, OrderStatus::AwaitingPayment | OrderStatus::Underpaid) {
        return Vec::new();
    }
    let method = detail.payment_method;
    let mut missing = Vec::new();
    if method == Some(PaymentMethod::Crypto) {
        if detail.pay_address.is_none() {
            missing.push(MissingDetail::Address);
        }
        if detail.pay_amount.is_none() {
            missing.push(MissingDetail::Amount);
        }
        if detail.coin.as_deref().and_then(Coin::parse).is_none() {
            missing.push(MissingDetail::Coin);
        }
    }
    if matches!(method, Some(PaymentMethod::Alipay | PaymentMethod::Wechat)) && !detail.has_pay_url {
        missing.push(MissingDetail::CashierUrl);
    }
    missing
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;
    use crate::checkout::apply_state;
    use crate::orders::test_support::unlocked_book;
    use crate::orders::{NewOrder, StoreKind};
    use crate::stores::gmailstore::shapes;

    fn order(method: &str, coin: Option<&str>) -> NewOrder {
        NewOrder {
            order_no: Some("GS1".into()),
            payment_method: Some(method.into()),
            coin: coin.map(Into::into),
            raw_response: Some(r#"{"success":true,"order_no":"GS1","access_token":"tok-secret","total":"70"}"#.into()),
            ..NewOrder::new(StoreKind::GmailStore, "Gmail", 1, OrderStatus::AwaitingPayment)
        }
    }

    #[test]
    fn a_crypto_order_without_address_or_amount_says_so_until_a_status_answer_brings_them() {
        let (_dir, book) = unlocked_book();
        let id = book.record_order(order("crypto", Some("trc20_usdt"))).unwrap().id;
        assert_eq!(missing_details(&book.detail(id).unwrap()), [MissingDetail::Address, MissingDetail::Amount]);

        let shown = crate::stores::gmailstore::masked_answer(&book.latest_raw_response(id).unwrap().unwrap());
        assert!(shown.contains(r#""order_no": "GS1""#) && shown.contains(r#""access_token": "••••""#) && !shown.contains("tok-secret"), "{shown}");

        let state = shapes::decode_order_state(br#"{"data":{"order_no":"GS1","status":"pending","payment":{"address":"TAddr","amount":"10.123456","network":"TRC20"}}}"#).unwrap();
        assert!(apply_state(&book, id, &state).unwrap(), "filling in the details is a change");
        let detail = book.detail(id).unwrap();
        assert_eq!((detail.pay_address.as_deref(), detail.pay_amount.as_deref()), (Some("TAddr"), Some("10.123456")));
        assert!(missing_details(&detail).is_empty());

        // What was shown first is never replaced by a later answer.
        let later = shapes::decode_order_state(br#"{"status":"pending","address":"TOther","amount":"99"}"#).unwrap();
        assert!(!apply_state(&book, id, &later).unwrap());
        assert_eq!(book.detail(id).unwrap().pay_address.as_deref(), Some("TAddr"));
    }

    #[test]
    fn an_unknown_coin_and_a_cashier_order_without_its_page_are_missing_details_too() {
        let (_dir, book) = unlocked_book();
        let crypto = book.record_order(NewOrder { pay_address: Some("TAddr".into()), pay_amount: Some(Decimal::from_str("1.5").unwrap()), ..order("crypto", Some("USDT")) }).unwrap().id;
        assert_eq!(missing_details(&book.detail(crypto).unwrap()), [MissingDetail::Coin]);
        let alipay = book.record_order(NewOrder { order_no: Some("GS2".into()), ..order("alipay", None) }).unwrap().id;
        assert_eq!(missing_details(&book.detail(alipay).unwrap()), [MissingDetail::CashierUrl]);
        let balance = book.record_order(NewOrder { order_no: Some("GS3".into()), ..order("balance_cny", None) }).unwrap().id;
        assert!(missing_details(&book.detail(balance).unwrap()).is_empty());
    }

    #[test]
    fn a_delivery_whose_accounts_cannot_be_read_keeps_the_stores_lines() {
        let (_dir, book) = unlocked_book();
        let id = book.record_order(order("crypto", Some("trc20_usdt"))).unwrap().id;
        let state = shapes::decode_order_state(br#"{"status":"completed","accounts":[{"mailbox":"a@g.com","secret":"pw1"}]}"#).unwrap();
        apply_state(&book, id, &state).unwrap();
        let detail = book.detail(id).unwrap();
        assert_eq!(detail.summary.status, OrderStatus::Delivered);
        assert_eq!(detail.items.len(), 1);
        assert_eq!(detail.items[0].line.as_deref(), Some(r#"{"mailbox":"a@g.com","secret":"pw1"}"#));
        assert!(missing_details(&detail).is_empty());
    }
}
