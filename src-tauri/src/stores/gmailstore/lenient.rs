//! A tolerant reader for answers whose shape the document does not show: field names are matched
//! whatever their case style (`order_no`, `orderNo`, `OrderNo` are one name), values are kept as
//! raw JSON text (so amounts are read from their own digits, never through `f64`), and a field may
//! sit at the top level or inside `order` / `data` / `data.order`.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use crate::money::decimal_from_json_text;

/// One JSON object, its field names normalised.
#[derive(Default)]
pub(super) struct RawObject {
    fields: HashMap<String, Box<RawValue>>,
}

fn normalise(name: &str) -> String {
    name.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
}

impl RawObject {
    pub fn parse(text: &str) -> Option<RawObject> {
        let fields: HashMap<String, Box<RawValue>> = serde_json::from_str(text).ok()?;
        Some(RawObject { fields: fields.into_iter().map(|(k, v)| (normalise(&k), v)).collect() })
    }

    fn raw(&self, names: &[&str]) -> Option<&RawValue> {
        names.iter().find_map(|n| self.fields.get(&normalise(n))).map(|b| b.as_ref()).filter(|r| r.get().trim() != "null")
    }

    pub fn object(&self, names: &[&str]) -> Option<RawObject> {
        RawObject::parse(self.raw(names)?.get())
    }

    /// A string, or a number's text.
    pub fn text(&self, names: &[&str]) -> Option<String> {
        let raw = self.raw(names)?.get().trim();
        if raw.starts_with('"') {
            serde_json::from_str::<String>(raw).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
        } else if raw.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            Some(raw.to_owned())
        } else {
            None
        }
    }

    /// `Ok(None)` when absent; an error names the field when present but not an amount.
    pub fn decimal(&self, names: &[&str]) -> Result<Option<Decimal>, String> {
        match self.raw(names) {
            None => Ok(None),
            Some(raw) => decimal_from_json_text(raw.get()).map(Some).map_err(|e| format!("{}: {e}", names[0])),
        }
    }

    pub fn boolean(&self, names: &[&str]) -> Option<bool> {
        match self.raw(names)?.get().trim() {
            "true" | "1" | "\"true\"" | "\"1\"" | "\"enabled\"" | "\"on\"" => Some(true),
            "false" | "0" | "\"false\"" | "\"0\"" | "\"disabled\"" | "\"off\"" => Some(false),
            _ => None,
        }
    }

    pub fn array(&self, names: &[&str]) -> Option<Vec<Box<RawValue>>> {
        serde_json::from_str(self.raw(names)?.get()).ok()
    }
}

/// The places an answer may keep its fields, most specific first: `data.order`, `order`, `data`,
/// then the top level.
pub(super) struct Layers(Vec<RawObject>);

impl Layers {
    pub fn of(body: &[u8]) -> Option<Layers> {
        let top = RawObject::parse(std::str::from_utf8(body).ok()?)?;
        let mut layers = Vec::new();
        if let Some(data) = top.object(&["data"]) {
            if let Some(order) = data.object(&["order"]) {
                layers.push(order);
            }
            layers.push(data);
        }
        if let Some(order) = top.object(&["order"]) {
            layers.push(order);
        }
        layers.push(top);
        Some(Layers(layers))
    }

    pub fn text(&self, names: &[&str]) -> Option<String> {
        self.0.iter().find_map(|l| l.text(names))
    }

    pub fn decimal(&self, names: &[&str]) -> Result<Option<Decimal>, String> {
        for layer in &self.0 {
            if let Some(value) = layer.decimal(names)? {
                return Ok(Some(value));
            }
        }
        Ok(None)
    }

    pub fn boolean(&self, names: &[&str]) -> Option<bool> {
        self.0.iter().find_map(|l| l.boolean(names))
    }

    pub fn array(&self, names: &[&str]) -> Option<Vec<Box<RawValue>>> {
        self.0.iter().find_map(|l| l.array(names))
    }

    pub fn object(&self, names: &[&str]) -> Option<RawObject> {
        self.0.iter().find_map(|l| l.object(names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_case_styles_and_layers() {
        let layers = Layers::of(br#"{"success":true,"data":{"order":{"orderNo":"GS1","pay_amount":"3.456789"}},"total_amount":24.690}"#).unwrap();
        assert_eq!(layers.text(&["order_no"]).as_deref(), Some("GS1"));
        assert_eq!(layers.decimal(&["payAmount"]).unwrap().unwrap().to_string(), "3.456789");
        assert_eq!(layers.decimal(&["totalAmount"]).unwrap().unwrap().to_string(), "24.690");
        assert_eq!(layers.text(&["missing"]), None);
    }

    #[test]
    fn numbers_keep_their_digits_and_bad_amounts_name_the_field() {
        let layers = Layers::of(br#"{"amount":0.1000000000000000055511151231,"id":12345678901234567890,"bad":"abc","gone":null}"#).unwrap();
        assert_eq!(layers.decimal(&["amount"]).unwrap().unwrap().to_string(), "0.1000000000000000055511151231");
        assert_eq!(layers.text(&["id"]).as_deref(), Some("12345678901234567890"));
        assert!(layers.decimal(&["bad"]).unwrap_err().starts_with("bad:"));
        assert_eq!(layers.decimal(&["gone"]).unwrap(), None);
    }
}
