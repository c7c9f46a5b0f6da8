//! `GET /products` and `GET /products/:idOrSlug`, served from `fixtures/products.json` as text so
//! that every price keeps the exact digits of the fixture.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::{Arc, RwLock, RwLockReadGuard};

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error_body::error;
use crate::DoubleState;

const PRODUCTS_JSON: &str = include_str!("../../fixtures/products.json");

/// The fixture, each product kept as its raw JSON text beside the keys it is found by. A test may
/// change a product's stock and price (`/__control/products/{id}`: the store restocking or
/// repricing, for the app's stock and price watch); `/__control/reset` brings the fixture back.
pub(crate) struct Catalogue {
    products: RwLock<Vec<CatalogueEntry>>,
}

struct CatalogueEntry {
    id: String,
    slug: String,
    raw: Box<RawValue>,
    facts: ProductFacts,
}

/// What ordering needs to know of a product.
#[derive(Clone)]
pub(crate) struct ProductFacts {
    pub price: Decimal,
    pub stock: u32,
    pub min_quantity: u32,
}

#[derive(Deserialize)]
struct Keys {
    id: String,
    slug: String,
    price: Box<RawValue>,
    stock: u32,
    min_quantity: u32,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue { products: RwLock::new(fixture()) }
    }
}

fn fixture() -> Vec<CatalogueEntry> {
    let raws: Vec<Box<RawValue>> =
        serde_json::from_str(PRODUCTS_JSON).expect("fixtures/products.json is a JSON array");
    raws.into_iter()
        .map(|raw| {
            let keys: Keys = serde_json::from_str(raw.get()).expect("each fixture product has id, slug, price, stock, min_quantity");
            let price = Decimal::from_str(keys.price.get()).expect("fixture prices are plain decimals");
            let facts = ProductFacts { price, stock: keys.stock, min_quantity: keys.min_quantity };
            CatalogueEntry { id: keys.id, slug: keys.slug, raw, facts }
        })
        .collect()
}

impl Catalogue {
    /// A product by its id only: the document (`docs/api/gmailstore.md`) says create-order takes
    /// the id, never the slug.
    pub(crate) fn by_id(&self, id: &str) -> Option<ProductFacts> {
        self.read().iter().find(|p| p.id == id).map(|p| p.facts.clone())
    }

    /// Changes a product's stock and/or price (`price` as the decimal text the store will send);
    /// false when there is no such product or the price is no plain decimal.
    pub(crate) fn change(&self, id: &str, stock: Option<u32>, price: Option<&str>) -> bool {
        let mut products = self.products.write().unwrap_or_else(|p| p.into_inner());
        let Some(entry) = products.iter_mut().find(|p| p.id == id) else { return false };
        // The other fields keep their exact text: only the changed values are rewritten.
        let Ok(mut fields) = serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(entry.raw.get()) else { return false };
        if let Some(stock) = stock {
            fields.insert("stock".into(), RawValue::from_string(stock.to_string()).expect("a number is JSON"));
            entry.facts.stock = stock;
        }
        if let Some(price) = price {
            let Ok(decimal) = Decimal::from_str(price) else { return false };
            let Ok(raw) = RawValue::from_string(price.to_owned()) else { return false };
            fields.insert("price".into(), raw);
            entry.facts.price = decimal;
        }
        entry.raw = serde_json::value::to_raw_value(&fields).expect("raw values serialise");
        true
    }

    /// The fixture again, as the double started.
    pub(crate) fn restore(&self) {
        *self.products.write().unwrap_or_else(|p| p.into_inner()) = fixture();
    }

    fn read(&self) -> RwLockReadGuard<'_, Vec<CatalogueEntry>> {
        self.products.read().unwrap_or_else(|p| p.into_inner())
    }
}

fn json(body: String) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(crate) async fn list(State(state): State<Arc<DoubleState>>) -> Response {
    let products = state.catalogue.read();
    let items: Vec<&str> = products.iter().map(|p| p.raw.get()).collect();
    json(format!(r#"{{"success":true,"products":[{}]}}"#, items.join(",")))
}

pub(crate) async fn one(State(state): State<Arc<DoubleState>>, Path(id_or_slug): Path<String>) -> Response {
    let products = state.catalogue.read();
    match products.iter().find(|p| p.id == id_or_slug || p.slug == id_or_slug) {
        Some(product) => match state.shapes.get().product {
            crate::shapes::ProductShape::ProductEnvelope => json(format!(r#"{{"success":true,"product":{}}}"#, product.raw.get())),
            crate::shapes::ProductShape::GenericEnvelope => json(format!(r#"{{"code":0,"data":{}}}"#, product.raw.get())),
        },
        None => error(StatusCode::NOT_FOUND, "Product not found"),
    }
}
