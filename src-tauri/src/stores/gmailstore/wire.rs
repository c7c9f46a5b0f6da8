//! Every assumption about the shape of GmailStore's responses lives here, so that a correction
//! after seeing the live store is a one-line change.
//!
//! Documented: `{"success":true,"products":[…]}` and errors `{"success":false,"error":"…"}`.
//! Assumed (FACTS.md): one product comes as `{"success":true,"product":{…}}`, or as a bare product.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::GmailStoreError;
use super::models::Product;

#[derive(Deserialize)]
pub(super) struct ProductList {
    pub products: Vec<Product>,
}

/// `GET /products/:idOrSlug`: the enveloped product, kept as raw text so its price is read from
/// its own digits (a `serde_json::Value` would pass numbers through `f64`).
#[derive(Deserialize)]
struct OneProductEnvelope {
    #[serde(default)]
    product: Option<Box<RawValue>>,
}

/// The part of every answer that says whether it succeeded and, if not, why.
#[derive(Deserialize)]
struct Outcome {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// The store's own error message from a body, when the body is the documented error shape (or
/// carries a `message` instead of `error`).
pub(super) fn error_message(body: &[u8]) -> Option<String> {
    let outcome: Outcome = serde_json::from_slice(body).ok()?;
    outcome.error.or(outcome.message)
}

/// A 200 answer that nonetheless says `"success": false`.
pub(super) fn declared_failure(body: &[u8]) -> Option<String> {
    let outcome: Outcome = serde_json::from_slice(body).ok()?;
    (outcome.success == Some(false)).then(|| outcome.error.or(outcome.message).unwrap_or_default())
}

/// Decodes a body into `T`, naming the JSON path of the first problem and keeping the raw body.
pub(super) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, GmailStoreError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| GmailStoreError::decode(error, body))
}

pub(super) fn decode_one_product(body: &[u8]) -> Result<Product, GmailStoreError> {
    match decode::<OneProductEnvelope>(body)?.product {
        Some(product) => decode::<Product>(product.get().as_bytes())
            .map_err(|error| error.at_path_prefix("product").with_body(body)),
        None => decode::<Product>(body),
    }
}
