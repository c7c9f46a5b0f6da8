//! Money is `rust_decimal::Decimal` from the store's JSON text to the screen. A JSON number such as
//! `12.345` is read from its literal digits (through `RawValue`), never through `f64`, so no price
//! or amount to pay can drift by a rounding step.

use rust_decimal::Decimal;
use serde::de::{Deserializer, Error as _};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Reads a decimal from the text of a JSON value: a number (`0.5`, `25`, `1e-3`) or a string holding
/// one (`"0.5"`), as stores differ on which they send.
pub fn decimal_from_json_text(raw: &str) -> Result<Decimal, String> {
    let raw = raw.trim();
    let digits = if raw.starts_with('"') {
        serde_json::from_str::<String>(raw).map_err(|e| format!("not a string: {e}"))?
    } else {
        raw.to_owned()
    };
    let digits = digits.trim();
    let refused = |e: rust_decimal::Error| format!("not a decimal amount ({digits}): {e}");
    // `from_str` (also under `from_scientific`) rounds digits past 28 decimal places, so that
    // -0.00000000000000000000000000001 would read as 0: the digits are checked exactly first.
    match digits.find(['e', 'E']) {
        Some(at) => {
            Decimal::from_str_exact(&digits[..at]).map_err(refused)?;
            Decimal::from_scientific(digits).map_err(refused)
        }
        None => Decimal::from_str_exact(digits).map_err(refused),
    }
}

/// `#[serde(deserialize_with = "money::lenient_decimal")]` for an amount sent as a number or string.
pub fn lenient_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    decimal_from_json_text(raw.get()).map_err(D::Error::custom)
}

/// As [`lenient_decimal`], refusing a negative amount: no price or total can be below zero.
pub fn lenient_non_negative_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let value = lenient_decimal(deserializer)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(D::Error::custom(format!("amount may not be negative: {value}")));
    }
    Ok(value)
}

/// An amount the client can do without (a receive-code item's price): read like
/// [`lenient_non_negative_decimal`], but `null`, nonsense or a negative value is `None` rather than
/// an error, so one odd price never hides the codes around it. Use with `#[serde(default)]`.
pub fn optional_non_negative_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    Ok(decimal_from_json_text(raw.get()).ok().filter(|value| !value.is_sign_negative() || value.is_zero()))
}

/// A count (stock, quantity) sent as a JSON integer or a string holding one.
pub fn lenient_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let text = raw.get().trim();
    let digits = if text.starts_with('"') {
        serde_json::from_str::<String>(text).map_err(D::Error::custom)?
    } else {
        text.to_owned()
    };
    digits
        .trim()
        .parse::<u32>()
        .map_err(|_| D::Error::custom(format!("not a whole non-negative number: {}", digits.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_keeps_every_digit() {
        assert_eq!(decimal_from_json_text("0.5").unwrap().to_string(), "0.5");
        assert_eq!(decimal_from_json_text("12.345").unwrap().to_string(), "12.345");
        // f64 cannot hold this: it would come back as 0.30000000000000004 or 0.3.
        assert_eq!(decimal_from_json_text("0.1000000000000000055511151231").unwrap().to_string(), "0.1000000000000000055511151231");
        assert_eq!(decimal_from_json_text("19.990").unwrap().to_string(), "19.990");
        assert_eq!(decimal_from_json_text("25").unwrap().to_string(), "25");
        assert_eq!(decimal_from_json_text("1.5e-3").unwrap().to_string(), "0.0015");
    }

    #[test]
    fn string_amounts_are_read_too() {
        assert_eq!(decimal_from_json_text(r#""12.345""#).unwrap().to_string(), "12.345");
        assert_eq!(decimal_from_json_text(r#"" 7 ""#).unwrap().to_string(), "7");
    }

    #[test]
    fn non_amounts_are_errors_not_zero() {
        for raw in ["null", "true", r#""abc""#, r#""""#, "[1]", "{}", "1e400", "79228162514264337593543950336"] {
            assert!(decimal_from_json_text(raw).is_err(), "{raw} should not decode");
        }
    }

    #[test]
    fn digits_a_decimal_cannot_hold_are_refused_not_rounded() {
        for raw in ["-0.00000000000000000000000000001", "1.00000000000000000000000000001", "7922816251426433759354395033.55", "1.00000000000000000000000000001e0"] {
            assert!(decimal_from_json_text(raw).is_err(), "{raw} should not decode");
        }
        assert_eq!(decimal_from_json_text("0.0000000000000000000000000001").unwrap().to_string(), "0.0000000000000000000000000001");
    }

    #[derive(Deserialize, Debug)]
    struct Priced {
        #[serde(deserialize_with = "lenient_non_negative_decimal")]
        price: Decimal,
        #[serde(deserialize_with = "lenient_count")]
        stock: u32,
    }

    #[derive(Deserialize, Debug)]
    struct MaybePriced {
        #[serde(default, deserialize_with = "optional_non_negative_decimal")]
        price: Option<Decimal>,
    }

    #[test]
    fn an_optional_amount_is_none_when_absent_null_nonsense_or_negative() {
        let read = |json: &str| serde_json::from_str::<MaybePriced>(json).unwrap().price.map(|p| p.to_string());
        assert_eq!(read(r#"{"price": 0.045}"#).as_deref(), Some("0.045"));
        assert_eq!(read(r#"{"price": "0.30"}"#).as_deref(), Some("0.30"));
        assert_eq!(read(r#"{"price": 0}"#).as_deref(), Some("0"));
        for json in [r#"{}"#, r#"{"price": null}"#, r#"{"price": "free"}"#, r#"{"price": -0.1}"#, r#"{"price": {"a": 1}}"#] {
            assert_eq!(read(json), None, "{json}");
        }
    }

    #[test]
    fn field_helpers_decode_numbers_and_strings_and_refuse_nonsense() {
        let p: Priced = serde_json::from_str(r#"{"price": 0.015, "stock": "44"}"#).unwrap();
        assert_eq!((p.price.to_string(), p.stock), ("0.015".to_owned(), 44));
        assert!(serde_json::from_str::<Priced>(r#"{"price": -1, "stock": 1}"#).unwrap_err().to_string().contains("negative"));
        assert!(serde_json::from_str::<Priced>(r#"{"price": 1, "stock": -1}"#).is_err());
        assert!(serde_json::from_str::<Priced>(r#"{"price": 1, "stock": 1.5}"#).is_err());
    }
}
