//! GmailStore's public Web API, as `docs/api/gmailstore.md` documents it.

mod catalogue;
mod error_body;
pub(crate) mod orders;
pub(crate) mod rate_limit;
pub(crate) mod users;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

pub(crate) use catalogue::Catalogue;

use crate::DoubleState;

pub(crate) fn routes() -> Router<Arc<DoubleState>> {
    Router::new()
        .route("/products", get(catalogue::list))
        .route("/products/{id_or_slug}", get(catalogue::one))
        .route("/orders/create", post(orders::create))
        .route("/orders/query", get(orders::query))
        .route("/orders/{id}/status", get(orders::status))
        .route("/auth/login", post(orders::login))
        .route("/payment-config", get(orders::payment_config))
        .fallback(error_body::not_found_route)
}
