//! "Check the store": calls GmailStore's public endpoints (the product list, one product, the
//! payment config) and says, per call, whether the app understood the answer and what it did not
//! find, with each answer's shape. Shown in Settings (with a report to copy for support) and run
//! from the command line (`mailcart --check-store [URL]`), so a wrong guess about an undocumented
//! shape is found against the live store in one step. It sends nothing secret and reads nothing
//! personal: no login, no order.

use serde::Serialize;
use ts_rs::TS;

use crate::stores::gmailstore::{GmailStoreClient, GmailStoreError, Understanding};

/// One call of the check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckedCall {
    pub call: String,
    /// The answer was read and had everything looked for.
    pub understood: bool,
    /// What was read ("12 products"), or what was not understood, or why the call failed.
    pub detail: String,
    /// The answer's field names and value types (no values), when there was an answer.
    pub shape: Option<String>,
}

/// The whole check, as the Settings page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoreCheck {
    pub store_url: String,
    pub calls: Vec<CheckedCall>,
    /// Every call understood.
    pub all_understood: bool,
    /// The plain-text report for support: app version, store address, each call and its shape.
    pub report: String,
}

pub async fn check_store(client: &GmailStoreClient) -> StoreCheck {
    let mut calls = Vec::new();
    let first_product = match client.products_understood().await {
        Ok((products, understanding)) => {
            calls.push(checked(&understanding, format!("{} products", products.len())));
            products.into_iter().next()
        }
        Err(error) => {
            calls.push(failed("GET /products", &error));
            None
        }
    };
    match first_product {
        Some(product) => match client.product_understood(&product.id).await {
            Ok((one, understanding)) => calls.push(checked(&understanding, format!("product {} at {}", one.id, one.price))),
            Err(error) => calls.push(failed("GET /products/:idOrSlug", &error)),
        },
        None => calls.push(CheckedCall { call: "GET /products/:idOrSlug".into(), understood: false, detail: "not tried: no product to ask for".into(), shape: None }),
    }
    match client.payment_config_understood().await {
        Ok((config, understanding)) => calls.push(checked(&understanding, format!("alipay {}, wechat {}", on_off(config.alipay), on_off(config.wechat)))),
        Err(error) => calls.push(failed("GET /payment-config", &error)),
    }
    let store_url = client.base_url().to_string();
    let all_understood = calls.iter().all(|c| c.understood);
    let report = report(&store_url, &calls, all_understood);
    StoreCheck { store_url, calls, all_understood, report }
}

fn on_off(on: bool) -> &'static str {
    if on { "offered" } else { "not offered" }
}

fn checked(understanding: &Understanding, read: String) -> CheckedCall {
    let detail = match understanding.problems() {
        None => read,
        Some(problems) => format!("{problems} (read: {read})"),
    };
    CheckedCall { call: understanding.call.clone(), understood: understanding.is_complete(), detail, shape: Some(understanding.shape.clone()) }
}

fn failed(call: &str, error: &GmailStoreError) -> CheckedCall {
    // A decode error's path names what could not be read; its message is left out (serde's
    // messages can quote a value).
    let detail = match error {
        GmailStoreError::Decode { path, .. } => format!("could not be read at `{path}`"),
        other => other.to_string(),
    };
    let shape = match error {
        GmailStoreError::Decode { body, .. } => Some(crate::stores::gmailstore::shape_of_answer(body.as_bytes())),
        _ => None,
    };
    CheckedCall { call: call.to_owned(), understood: false, detail, shape }
}

fn report(store_url: &str, calls: &[CheckedCall], all_understood: bool) -> String {
    let mut lines = vec![
        format!("Mailcart {} store check", env!("CARGO_PKG_VERSION")),
        format!("store: {store_url}"),
        format!("result: {}", if all_understood { "every answer understood" } else { "NOT every answer understood" }),
    ];
    for call in calls {
        lines.push(format!("- {}: {} — {}", call.call, if call.understood { "understood" } else { "NOT understood" }, call.detail));
        if let Some(shape) = &call.shape {
            lines.push(format!("  shape: {shape}"));
        }
    }
    lines.join("\n") + "\n"
}
