//! A tolerant reader for answers whose shape the document (`docs/api/gmailstore.md`) does not
//! show: field names are matched
//! whatever their case style (`order_no`, `orderNo`, `OrderNo` are one name), values are kept as
//! raw JSON text (so amounts are read from their own digits, never through `f64`), and a field may
//! sit in any object of the answer (`Tree`): under `data`, `order`, `result`, `payment`, or any
//! other wrapper. Which object a field is taken from is decided by the caller (`shapes.rs`), by what
//! the objects mean: the one that holds the order number, the one that holds the address.

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
        // A `null` under one name does not hide a value under the next.
        names.iter().filter_map(|n| self.fields.get(&normalise(n))).map(|b| b.as_ref()).find(|r| r.get().trim() != "null")
    }

    /// Whether any of `names` is here with a value (not `null`).
    pub fn has(&self, names: &[&str]) -> bool {
        self.raw(names).is_some()
    }

    /// The fields whose values are objects, by their (normalised) names, in name order.
    fn object_fields(&self) -> Vec<(&str, &RawValue)> {
        let mut objects: Vec<(&str, &RawValue)> =
            self.fields.iter().filter(|(_, v)| v.get().trim_start().starts_with('{')).map(|(k, v)| (k.as_str(), v.as_ref())).collect();
        objects.sort_by(|a, b| a.0.cmp(b.0));
        objects
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

    /// Every field holding a string or a number, as (normalised name, text), in name order.
    pub fn texts(&self) -> Vec<(&str, String)> {
        let mut texts: Vec<(&str, String)> = self.fields.keys().filter_map(|name| Some((name.as_str(), self.text(&[name.as_str()])?))).collect();
        texts.sort();
        texts
    }

    pub fn array(&self, names: &[&str]) -> Option<Vec<Box<RawValue>>> {
        serde_json::from_str(self.raw(names)?.get()).ok()
    }
}

/// The shape of a raw JSON value: an object's field names (as sent) and their values' types, an
/// array's length and its first item's shape, a string's length. Never a value: values can be
/// tokens and passwords.
fn shape_of(raw: &str) -> String {
    let raw = raw.trim();
    match raw.chars().next() {
        Some('"') => format!("string({})", serde_json::from_str::<String>(raw).map(|s| s.chars().count()).unwrap_or(0)),
        Some('{') => match serde_json::from_str::<std::collections::BTreeMap<String, Box<RawValue>>>(raw) {
            Ok(fields) => {
                let parts: Vec<String> = fields.iter().map(|(name, value)| format!("{name}: {}", shape_of(value.get()))).collect();
                format!("{{{}}}", parts.join(", "))
            }
            Err(_) => "object".to_owned(),
        },
        Some('[') => {
            let items: Vec<Box<RawValue>> = serde_json::from_str(raw).unwrap_or_default();
            match items.first() {
                Some(first) => format!("[{} × {}]", items.len(), shape_of(first.get())),
                None => "[]".to_owned(),
            }
        }
        Some('t' | 'f') => "bool".to_owned(),
        Some('n') => "null".to_owned(),
        _ => "number".to_owned(),
    }
}

/// How deep below the top an answer's objects are searched. Real wrappers are one or two levels
/// (`data.order.payment`); a limit keeps a hostile answer from costing much.
const MAX_DEPTH: usize = 6;

/// Which object of a `Tree`.
pub(super) type NodeId = usize;

struct Node {
    /// Where it sits: `.` for the top, `data.order` below it (normalised names).
    path: String,
    parent: Option<NodeId>,
    fields: RawObject,
    /// The object's JSON text exactly as received (names as the store wrote them).
    text: String,
}

/// Every object of an answer, shallowest first, down to `MAX_DEPTH` levels. Arrays are not
/// entered: their items (delivered accounts) are read as a list by the caller.
pub(super) struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    pub fn of(body: &[u8]) -> Option<Tree> {
        let text = std::str::from_utf8(body).ok()?;
        let top = RawObject::parse(text)?;
        let mut nodes = vec![Node { path: ".".into(), parent: None, fields: top, text: text.to_owned() }];
        let mut next = 0;
        while next < nodes.len() {
            let depth = nodes[next].path.split('.').filter(|p| !p.is_empty()).count();
            if depth < MAX_DEPTH {
                let children: Vec<(String, RawObject, String)> = nodes[next]
                    .fields
                    .object_fields()
                    .into_iter()
                    .filter_map(|(name, raw)| Some((name.to_owned(), RawObject::parse(raw.get())?, raw.get().to_owned())))
                    .collect();
                for (name, fields, text) in children {
                    let path = if next == 0 { name } else { format!("{}.{name}", nodes[next].path) };
                    nodes.push(Node { path, parent: Some(next), fields, text });
                }
            }
            next += 1;
        }
        Some(Tree { nodes })
    }

    pub const TOP: NodeId = 0;

    pub fn node(&self, id: NodeId) -> &RawObject {
        &self.nodes[id].fields
    }

    pub fn path(&self, id: NodeId) -> &str {
        &self.nodes[id].path
    }

    /// The shallowest object stored under one of `names` (`user`, `data.user`, …).
    pub fn named(&self, names: &[&str]) -> Option<NodeId> {
        let wanted: Vec<String> = names.iter().map(|n| normalise(n)).collect();
        (0..self.nodes.len()).find(|&id| id != Self::TOP && self.nodes[id].path.rsplit('.').next().is_some_and(|last| wanted.iter().any(|w| w == last)))
    }

    /// The text of object `id` as the answer sent it (for decoding it as a whole).
    pub fn raw_object_text(&self, id: NodeId) -> &str {
        &self.nodes[id].text
    }

    /// The objects that hold any of `names`, shallowest first.
    pub fn holders(&self, names: &[&str]) -> Vec<NodeId> {
        (0..self.nodes.len()).filter(|&id| self.nodes[id].fields.has(names)).collect()
    }

    /// The first object holding any of `names`, looking from `anchor` outwards (`around`).
    pub fn nearest_holder(&self, anchor: NodeId, names: &[&str]) -> Option<NodeId> {
        self.around(anchor).into_iter().find(|&id| self.nodes[id].fields.has(names))
    }

    /// The body under any number of single-object envelopes (`{"success":true,"data":{…}}`):
    /// descends while an object holds exactly one object and nothing but status fields beside it.
    pub fn body(&self) -> NodeId {
        let mut id = Self::TOP;
        loop {
            let children: Vec<NodeId> = (0..self.nodes.len()).filter(|&c| self.nodes[c].parent == Some(id)).collect();
            let only_status_beside = self.nodes[id].fields.fields.iter().all(|(name, raw)| {
                raw.get().trim_start().starts_with('{') || matches!(name.as_str(), "success" | "code" | "status" | "message" | "msg" | "ok" | "error" | "englishmessage")
            });
            match children.as_slice() {
                [only] if only_status_beside => id = *only,
                _ => return id,
            }
        }
    }

    /// The order to look in from `anchor`: the anchor itself, then its ancestors nearest first,
    /// then every other object shallowest first.
    pub fn around(&self, anchor: NodeId) -> Vec<NodeId> {
        let mut order = vec![anchor];
        let mut up = self.nodes[anchor].parent;
        while let Some(id) = up {
            order.push(id);
            up = self.nodes[id].parent;
        }
        let rest: Vec<NodeId> = (0..self.nodes.len()).filter(|id| !order.contains(id)).collect();
        order.extend(rest);
        order
    }

    pub fn text_near(&self, anchor: NodeId, names: &[&str]) -> Option<String> {
        self.around(anchor).into_iter().find_map(|id| self.nodes[id].fields.text(names))
    }

    /// The first amount under `names` from `anchor` outwards; an error names the field's path when
    /// the nearest one is present but not an amount.
    pub fn decimal_near(&self, anchor: NodeId, names: &[&str]) -> Result<Option<Decimal>, String> {
        match self.nearest_holder(anchor, names) {
            Some(id) => self.nodes[id].fields.decimal(names).map_err(|e| format!("{}: {e}", self.nodes[id].path)),
            None => Ok(None),
        }
    }

    pub fn boolean_near(&self, anchor: NodeId, names: &[&str]) -> Option<bool> {
        self.around(anchor).into_iter().find_map(|id| self.nodes[id].fields.boolean(names))
    }

    pub fn array_near(&self, anchor: NodeId, names: &[&str]) -> Option<Vec<Box<RawValue>>> {
        self.around(anchor).into_iter().find_map(|id| self.nodes[id].fields.array(names))
    }

    /// The whole answer's shape, for the log and the store check.
    pub fn shape(&self) -> String {
        shape_of(&self.nodes[Self::TOP].text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_case_styles_and_objects() {
        let tree = Tree::of(br#"{"success":true,"data":{"order":{"orderNo":"GS1","pay_amount":"3.456789"}},"total_amount":24.690}"#).unwrap();
        let order = tree.nearest_holder(Tree::TOP, &["order_no"]).unwrap();
        assert_eq!(tree.path(order), "data.order");
        assert_eq!(tree.text_near(Tree::TOP, &["order_no"]).as_deref(), Some("GS1"));
        assert_eq!(tree.decimal_near(order, &["payAmount"]).unwrap().unwrap().to_string(), "3.456789");
        assert_eq!(tree.decimal_near(order, &["totalAmount"]).unwrap().unwrap().to_string(), "24.690");
        assert_eq!(tree.text_near(order, &["missing"]), None);
    }

    #[test]
    fn numbers_keep_their_digits_and_bad_amounts_name_the_field() {
        let tree = Tree::of(br#"{"amount":0.1000000000000000055511151231,"id":12345678901234567890,"bad":"abc","gone":null}"#).unwrap();
        assert_eq!(tree.decimal_near(Tree::TOP, &["amount"]).unwrap().unwrap().to_string(), "0.1000000000000000055511151231");
        assert_eq!(tree.text_near(Tree::TOP, &["id"]).as_deref(), Some("12345678901234567890"));
        assert!(tree.decimal_near(Tree::TOP, &["bad"]).unwrap_err().starts_with(".: bad:"));
        assert_eq!(tree.decimal_near(Tree::TOP, &["gone"]).unwrap(), None);
    }

    #[test]
    fn the_body_is_found_under_any_number_of_envelopes_and_the_search_looks_outwards() {
        let tree = Tree::of(br#"{"code":0,"result":{"data":{"id":7,"note":"x","payment":{"address":"T1"}}}}"#).unwrap();
        let body = tree.body();
        assert_eq!(tree.path(body), "result.data");
        assert_eq!(tree.path(tree.nearest_holder(body, &["address"]).unwrap()), "result.data.payment");
        assert_eq!(tree.around(2), vec![2, 1, 0, 3]);
    }

    #[test]
    fn a_shape_names_fields_and_types_never_values() {
        let tree = Tree::of(br#"{"token":"secret-token-123","n":5,"ok":true,"items":[{"pw":"hunter2"}],"sub":{"x":null}}"#).unwrap();
        let shape = tree.shape();
        assert_eq!(shape, "{items: [1 × {pw: string(7)}], n: number, ok: bool, sub: {x: null}, token: string(16)}");
        assert!(!shape.contains("secret") && !shape.contains("hunter2"));
    }
}
