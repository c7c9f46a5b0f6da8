//! `/__control`: lets a test or script steer the double over HTTP.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::{DoubleState, Fault};

pub(crate) fn routes() -> Router<Arc<DoubleState>> {
    Router::new()
        .route("/faults", post(push_fault).delete(clear_faults))
        .route("/hits", get(hits))
        .route("/reset", post(reset))
        .route("/orders", get(crate::gmailstore::orders::control_list))
        .route("/orders/{order_no}/status", post(crate::gmailstore::orders::control_set_status))
        .route("/products/{id}", post(change_product))
        .route("/payment-config", post(set_payment_config))
        .route("/shapes", post(set_shapes))
        .route("/sessions/expire", post(expire_sessions))
        .route("/email-order", post(email_order_settings))
        .route("/email-order/{order_no}/items/{index}", post(email_order_item))
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EmailOrderSettings {
    hold_ms: Option<u64>,
    /// `true`: the valid key is refused from now on (revoked by its owner); `false` restores it.
    key_revoked: Option<bool>,
}

async fn email_order_settings(State(state): State<Arc<DoubleState>>, Json(settings): Json<EmailOrderSettings>) -> StatusCode {
    if let Some(ms) = settings.hold_ms {
        state.email_order.set_hold(std::time::Duration::from_millis(ms));
    }
    if let Some(revoked) = settings.key_revoked {
        state.email_order.set_key_revoked(revoked);
    }
    StatusCode::NO_CONTENT
}

#[derive(serde::Deserialize)]
struct ItemChange {
    status: String,
    text: Option<String>,
    price: Option<String>,
}

async fn email_order_item(
    State(state): State<Arc<DoubleState>>,
    axum::extract::Path((order_no, index)): axum::extract::Path<(String, usize)>,
    Json(change): Json<ItemChange>,
) -> StatusCode {
    if state.email_order.set_item(&order_no, index, &change.status, change.text.as_deref(), change.price.as_deref()) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

/// A product restocked or repriced: `{"stock": 50}`, `{"price": "9.99"}` or both.
#[derive(serde::Deserialize)]
struct ProductChange {
    stock: Option<u32>,
    price: Option<String>,
}

async fn change_product(
    State(state): State<Arc<DoubleState>>,
    axum::extract::Path(id): axum::extract::Path<String>,
    Json(change): Json<ProductChange>,
) -> StatusCode {
    if state.catalogue.change(&id, change.stock, change.price.as_deref()) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

async fn set_payment_config(State(state): State<Arc<DoubleState>>, Json(config): Json<crate::PaymentConfig>) -> StatusCode {
    state.gmailstore_payment_config.set(config);
    StatusCode::NO_CONTENT
}

async fn set_shapes(State(state): State<Arc<DoubleState>>, Json(shapes): Json<crate::shapes::Shapes>) -> StatusCode {
    state.shapes.set(shapes);
    StatusCode::NO_CONTENT
}

async fn expire_sessions(State(state): State<Arc<DoubleState>>) -> StatusCode {
    state.gmailstore_users.expire_sessions();
    StatusCode::NO_CONTENT
}

async fn push_fault(State(state): State<Arc<DoubleState>>, Json(fault): Json<Fault>) -> StatusCode {
    state.faults.push(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(state): State<Arc<DoubleState>>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

async fn hits(State(state): State<Arc<DoubleState>>) -> Json<BTreeMap<String, u64>> {
    Json(state.hits.snapshot())
}

async fn reset(State(state): State<Arc<DoubleState>>) -> StatusCode {
    state.faults.clear();
    state.hits.clear();
    state.gmailstore_query_limits.clear();
    state.email_order.clear_failures();
    state.shapes.set(Default::default());
    state.catalogue.restore();
    StatusCode::NO_CONTENT
}
