//! A quantity as the buyer types it: read as a whole number, checked against the rules of what is
//! bought, and priced exactly. The UI asks here (`checkout_quote`, `receive_codes_quote`) rather
//! than keeping its own copy of the rules, and a broken rule crosses IPC as data (a tag and its
//! numbers) that the UI words in the buyer's language.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// A rule an order breaks, for either store (the UI's sentence: `rule.<rule>`, with these fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase", tag = "rule", rename_all_fields = "camelCase")]
pub enum RuleError {
    #[error("type a whole number")]
    NotWhole,
    #[error("this product is sold out")]
    SoldOut,
    #[error("the minimum quantity is {minimum}")]
    BelowMinimum { minimum: u32 },
    #[error("only {stock} are in stock")]
    AboveStock { stock: u32 },
    #[error("at most {most} per order")]
    AboveCap { most: u32 },
    #[error("buy from 1 to {most} emails")]
    CountOutOfRange { most: u32 },
    #[error("the contact email is not valid")]
    BadEmail,
    #[error("choose a coin")]
    CoinMissing,
    #[error("log in to pay from your balance")]
    LoginNeeded,
    #[error("this payment method is not available now")]
    MethodUnavailable,
}

/// What the buyer's typed quantity comes to: the number and its exact total, or the rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub quantity: Option<u32>,
    /// `unit price × quantity`, exact decimal text (`"12.345" × 2 = "24.690"`).
    pub total: Option<String>,
    pub problem: Option<RuleError>,
}

/// Reads `typed` as a whole number, applies `rules` to it and prices it at `unit_price`.
pub fn quote(typed: &str, unit_price: Decimal, rules: impl FnOnce(u32) -> Result<(), RuleError>) -> Quote {
    let refused = |problem| Quote { quantity: None, total: None, problem: Some(problem) };
    let typed = typed.trim();
    if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return refused(RuleError::NotWhole);
    }
    // More digits than a u32 holds is still a whole number: too many, by whichever rule caps it.
    let quantity = typed.parse::<u32>().unwrap_or(u32::MAX);
    if let Err(problem) = rules(quantity) {
        return refused(problem);
    }
    let total = unit_price.checked_mul(Decimal::from(quantity)).map(|total| total.to_string());
    Quote { quantity: Some(quantity), total, problem: None }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn at_most_ten(quantity: u32) -> Result<(), RuleError> {
        if quantity > 10 {
            Err(RuleError::CountOutOfRange { most: 10 })
        } else {
            Ok(())
        }
    }

    #[test]
    fn a_whole_number_within_the_rules_is_priced_exactly() {
        let quote = quote(" 2 ", Decimal::from_str("12.345").unwrap(), at_most_ten);
        assert_eq!(quote, Quote { quantity: Some(2), total: Some("24.690".into()), problem: None });
        assert_eq!(super::quote("3", Decimal::from_str("0.1").unwrap(), at_most_ten).total.as_deref(), Some("0.3"));
    }

    #[test]
    fn anything_else_names_the_rule() {
        for typed in ["", "1.5", "-1", "2e3", "٣"] {
            assert_eq!(quote(typed, Decimal::ONE, at_most_ten).problem, Some(RuleError::NotWhole), "{typed:?}");
        }
        assert_eq!(quote("11", Decimal::ONE, at_most_ten).problem, Some(RuleError::CountOutOfRange { most: 10 }));
        assert_eq!(quote("99999999999999", Decimal::ONE, at_most_ten).problem, Some(RuleError::CountOutOfRange { most: 10 }));
    }

    #[test]
    fn a_rule_crosses_as_a_tag_and_its_numbers() {
        let json = serde_json::to_value(RuleError::BelowMinimum { minimum: 5 }).unwrap();
        assert_eq!(json, serde_json::json!({"rule": "belowMinimum", "minimum": 5}));
    }
}
