//! The rules an order must meet before it is sent, checked here so the buyer hears about a wrong
//! quantity or a missing login at once, and the store is never asked for an order it must refuse.

use serde::Deserialize;
use ts_rs::TS;

pub use crate::quantity::RuleError;
use crate::quantity::{quote, Quote};
use crate::settings::is_plausible_email;
use crate::stores::gmailstore::{Coin, CreateOrderRequest, PaymentConfig, PaymentMethod, Product};

/// The document's cap on one order (`docs/api/gmailstore.md`).
pub const MAX_QUANTITY: u32 = 200;

/// What the checkout form sends.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutInput {
    pub product_id: String,
    pub quantity: u32,
    pub contact_email: String,
    pub payment_method: PaymentMethod,
    #[ts(optional)]
    pub coin: Option<Coin>,
    #[ts(optional)]
    pub coupon_code: Option<String>,
}

/// The fewest and the most of `product` one order may ask for (the most may be below the fewest
/// when the stock is short: no quantity is possible then).
pub fn quantity_bounds(product: &Product) -> (u32, u32) {
    (product.min_quantity.max(1), product.stock.min(MAX_QUANTITY))
}

/// The quantity rules alone: what the form checks as the buyer types.
pub fn check_quantity(product: &Product, quantity: u32) -> Result<(), RuleError> {
    let (minimum, _) = quantity_bounds(product);
    if product.is_sold_out() {
        Err(RuleError::SoldOut)
    } else if quantity < minimum {
        Err(RuleError::BelowMinimum { minimum })
    } else if quantity > MAX_QUANTITY {
        Err(RuleError::AboveCap { most: MAX_QUANTITY })
    } else if quantity > product.stock {
        Err(RuleError::AboveStock { stock: product.stock })
    } else {
        Ok(())
    }
}

/// The typed quantity of `product`: its exact total, or the rule it breaks.
pub fn quote_quantity(product: &Product, typed: &str) -> Quote {
    if product.is_sold_out() {
        return Quote { quantity: None, total: None, problem: Some(RuleError::SoldOut) };
    }
    quote(typed, product.price, |quantity| check_quantity(product, quantity))
}

/// Checks `input` against the product as last seen and the store's payment options.
pub fn check_order(input: &CheckoutInput, product: &Product, config: PaymentConfig, logged_in: bool) -> Result<CreateOrderRequest, RuleError> {
    check_quantity(product, input.quantity)?;
    let email = input.contact_email.trim();
    if !is_plausible_email(email) {
        return Err(RuleError::BadEmail);
    }
    let coin = match input.payment_method {
        PaymentMethod::Crypto => Some(input.coin.ok_or(RuleError::CoinMissing)?),
        _ => None,
    };
    if input.payment_method.needs_login() && !logged_in {
        return Err(RuleError::LoginNeeded);
    }
    let offered = match input.payment_method {
        PaymentMethod::Alipay => config.alipay,
        PaymentMethod::Wechat => config.wechat,
        _ => true,
    };
    if !offered {
        return Err(RuleError::MethodUnavailable);
    }
    Ok(CreateOrderRequest {
        product_id: product.id.clone(),
        quantity: input.quantity,
        contact_email: email.to_owned(),
        payment_method: input.payment_method,
        coin,
        coupon_code: input.coupon_code.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    fn product(stock: u32, min_quantity: u32) -> Product {
        Product {
            id: "id-1".into(),
            slug: "slug-1".into(),
            name_zh: "甲".into(),
            name_en: "A".into(),
            stock,
            min_quantity,
            price: Decimal::new(5, 1),
        }
    }

    fn input(quantity: u32, method: PaymentMethod) -> CheckoutInput {
        CheckoutInput {
            product_id: "slug-1".into(),
            quantity,
            contact_email: " buyer@example.com ".into(),
            payment_method: method,
            coin: Some(Coin::Trc20Usdt),
            coupon_code: Some("  ".into()),
        }
    }

    const ALL: PaymentConfig = PaymentConfig { alipay: true, wechat: true };

    #[test]
    fn a_good_order_is_sent_by_product_id_with_trimmed_fields() {
        let request = check_order(&input(5, PaymentMethod::Crypto), &product(44, 5), ALL, false).unwrap();
        assert_eq!(request.product_id, "id-1", "the id, never the slug");
        assert_eq!(request.contact_email, "buyer@example.com");
        assert_eq!(request.coin, Some(Coin::Trc20Usdt));
        assert_eq!(request.coupon_code, None);
    }

    #[test]
    fn each_rule_is_named() {
        assert_eq!(check_order(&input(4, PaymentMethod::Crypto), &product(44, 5), ALL, false).unwrap_err(), RuleError::BelowMinimum { minimum: 5 });
        assert_eq!(check_order(&input(0, PaymentMethod::Crypto), &product(44, 0), ALL, false).unwrap_err(), RuleError::BelowMinimum { minimum: 1 });
        assert_eq!(check_order(&input(45, PaymentMethod::Crypto), &product(44, 5), ALL, false).unwrap_err(), RuleError::AboveStock { stock: 44 });
        assert_eq!(check_order(&input(201, PaymentMethod::Crypto), &product(999, 1), ALL, false).unwrap_err(), RuleError::AboveCap { most: 200 });
        assert_eq!(check_order(&input(1, PaymentMethod::Crypto), &product(0, 1), ALL, false).unwrap_err(), RuleError::SoldOut);
        let mut bad_email = input(5, PaymentMethod::Crypto);
        bad_email.contact_email = "buyer@".into();
        assert_eq!(check_order(&bad_email, &product(44, 5), ALL, false).unwrap_err(), RuleError::BadEmail);
        let mut no_coin = input(5, PaymentMethod::Crypto);
        no_coin.coin = None;
        assert_eq!(check_order(&no_coin, &product(44, 5), ALL, false).unwrap_err(), RuleError::CoinMissing);
        assert_eq!(check_order(&input(5, PaymentMethod::BalanceCny), &product(44, 5), ALL, false).unwrap_err(), RuleError::LoginNeeded);
        assert!(check_order(&input(5, PaymentMethod::BalanceCny), &product(44, 5), ALL, true).is_ok());
        let none = PaymentConfig { alipay: false, wechat: false };
        assert_eq!(check_order(&input(5, PaymentMethod::Wechat), &product(44, 5), none, false).unwrap_err(), RuleError::MethodUnavailable);
        assert_eq!(check_order(&input(5, PaymentMethod::Alipay), &product(44, 5), ALL, false).unwrap().coin, None);
    }

    #[test]
    fn the_typed_quantity_is_quoted_by_the_same_rules() {
        let quote = quote_quantity(&product(44, 5), "6");
        assert_eq!((quote.quantity, quote.total.as_deref(), quote.problem), (Some(6), Some("3.0"), None));
        assert_eq!(quote_quantity(&product(44, 5), "4").problem, Some(RuleError::BelowMinimum { minimum: 5 }));
        assert_eq!(quote_quantity(&product(444, 5), "201").problem, Some(RuleError::AboveCap { most: MAX_QUANTITY }));
        assert_eq!(quote_quantity(&product(0, 5), "abc").problem, Some(RuleError::SoldOut), "sold out says so before anything else");
        assert_eq!(quantity_bounds(&product(44, 0)), (1, 44));
        assert_eq!(quantity_bounds(&product(999, 5)), (5, MAX_QUANTITY));
    }
}
