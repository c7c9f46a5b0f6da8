//! GmailStore's public Web API, as `shared/api/gmailstore-web-api.seed.md` documents it.

mod catalogue;
mod error_body;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;

pub(crate) use catalogue::Catalogue;

use crate::DoubleState;

pub(crate) fn routes() -> Router<Arc<DoubleState>> {
    Router::new()
        .route("/products", get(catalogue::list))
        .route("/products/{id_or_slug}", get(catalogue::one))
        .fallback(error_body::not_found_route)
}
