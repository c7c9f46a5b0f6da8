//! What the app made of one GmailStore answer: which of the fields it looks for it did not find,
//! and the answer's shape (field names and value types, never values). Every answer that was not
//! fully understood is logged this way, so a wrong guess about an undocumented shape shows in the
//! log in minutes; the store check (`store_check`) reports the same for the public calls.

use super::error::GmailStoreError;
use super::json_tree::Tree;

/// One answer, as understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Understanding {
    /// `GET /payment-config`, `POST /orders/create`, …
    pub call: String,
    pub http_status: u16,
    /// The fields looked for and not found (by their names in `shapes.rs`).
    pub missing: Vec<&'static str>,
    /// Where the answer could not be read at all (a JSON path), when it could not.
    pub unreadable_at: Option<String>,
    /// Field names and value types; values are never kept (they can be tokens and passwords).
    pub shape: String,
}

impl Understanding {
    pub fn of<T>(call: &str, http_status: u16, body: &[u8], read: &Result<T, GmailStoreError>, missing: impl FnOnce(&T) -> Vec<&'static str>) -> Self {
        let (missing, unreadable_at) = match read {
            Ok(value) => (missing(value), None),
            Err(GmailStoreError::Decode { path, .. }) => (Vec::new(), Some(path.clone())),
            Err(_) => (Vec::new(), None),
        };
        Understanding { call: call.to_owned(), http_status, missing, unreadable_at, shape: shape_of_answer(body) }
    }

    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.unreadable_at.is_none()
    }

    /// What was not understood (`could not be read at …; not found: …`), or `None` when nothing.
    pub fn problems(&self) -> Option<String> {
        let mut what = Vec::new();
        if let Some(path) = &self.unreadable_at {
            what.push(format!("could not be read at `{path}`"));
        }
        if !self.missing.is_empty() {
            what.push(format!("not found: {}", self.missing.join(", ")));
        }
        (!what.is_empty()).then(|| what.join("; "))
    }

    /// One line for the log and the report: the call, the status, what was not understood, the shape.
    pub fn summary(&self) -> String {
        let verdict = self.problems().unwrap_or_else(|| "understood".to_owned());
        format!("{} → HTTP {}: {verdict}; shape {}", self.call, self.http_status, self.shape)
    }

    /// Logs the answer when something in it was not understood (a warning: it is a wrong guess
    /// about the store to correct, not the buyer's mistake).
    pub fn log_if_incomplete(&self) {
        if !self.is_complete() {
            log::warn!("store answer not fully understood: {}", self.summary());
        }
    }
}

/// The shape of an answer: its field names and value types, or what it is when not a JSON object.
pub fn shape_of_answer(body: &[u8]) -> String {
    match Tree::of(body) {
        Some(tree) => tree.shape(),
        None if body.is_empty() => "(empty)".to_owned(),
        None => format!("(not a JSON object, {} bytes)", body.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_names_the_call_the_status_what_is_missing_and_the_shape_but_no_value() {
        let body = br#"{"success":true,"order":{"orderNo":"GS1","accessToken":"tok-secret-1"}}"#;
        let read: Result<(), GmailStoreError> = Ok(());
        let understood = Understanding::of("POST /orders/create", 200, body, &read, |_| vec!["address", "amount to pay"]);
        assert!(!understood.is_complete());
        let line = understood.summary();
        assert_eq!(line, "POST /orders/create → HTTP 200: not found: address, amount to pay; shape {order: {accessToken: string(12), orderNo: string(3)}, success: bool}");
        assert!(!line.contains("tok-secret-1") && !line.contains("GS1"));
    }

    #[test]
    fn an_answer_that_could_not_be_read_names_the_path() {
        let read: Result<(), GmailStoreError> = Err(GmailStoreError::Decode { path: "products[0].price".into(), message: "x".into(), body: String::new() });
        let understood = Understanding::of("GET /products", 200, b"<html>", &read, |_| Vec::new());
        assert_eq!(understood.summary(), "GET /products → HTTP 200: could not be read at `products[0].price`; shape (not a JSON object, 6 bytes)");
    }
}
