//! `GET /products` and `GET /products/:idOrSlug`, served from `fixtures/products.json` as text so
//! that every price keeps the exact digits of the fixture.

use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error_body::error;
use crate::DoubleState;

const PRODUCTS_JSON: &str = include_str!("../../fixtures/products.json");

/// The fixture, each product kept as its raw JSON text beside the keys it is found by.
pub(crate) struct Catalogue {
    products: Vec<CatalogueEntry>,
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
        let raws: Vec<Box<RawValue>> =
            serde_json::from_str(PRODUCTS_JSON).expect("fixtures/products.json is a JSON array");
        let products = raws
            .into_iter()
            .map(|raw| {
                let keys: Keys = serde_json::from_str(raw.get()).expect("each fixture product has id, slug, price, stock, min_quantity");
                let price = Decimal::from_str(keys.price.get()).expect("fixture prices are plain decimals");
                let facts = ProductFacts { price, stock: keys.stock, min_quantity: keys.min_quantity };
                CatalogueEntry { id: keys.id, slug: keys.slug, raw, facts }
            })
            .collect();
        Catalogue { products }
    }
}

impl Catalogue {
    /// A product by its id only: the document (`docs/api/gmailstore.md`) says create-order takes
    /// the id, never the slug.
    pub(crate) fn by_id(&self, id: &str) -> Option<ProductFacts> {
        self.products.iter().find(|p| p.id == id).map(|p| p.facts.clone())
    }
}

fn json(body: String) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(crate) async fn list(State(state): State<Arc<DoubleState>>) -> Response {
    let items: Vec<&str> = state.catalogue.products.iter().map(|p| p.raw.get()).collect();
    json(format!(r#"{{"success":true,"products":[{}]}}"#, items.join(",")))
}

pub(crate) async fn one(State(state): State<Arc<DoubleState>>, Path(id_or_slug): Path<String>) -> Response {
    match state.catalogue.products.iter().find(|p| p.id == id_or_slug || p.slug == id_or_slug) {
        Some(product) => match state.shapes.get().product {
            crate::shapes::ProductShape::ProductEnvelope => json(format!(r#"{{"success":true,"product":{}}}"#, product.raw.get())),
            crate::shapes::ProductShape::GenericEnvelope => json(format!(r#"{{"code":0,"data":{}}}"#, product.raw.get())),
        },
        None => error(StatusCode::NOT_FOUND, "Product not found"),
    }
}
