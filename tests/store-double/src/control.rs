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
        .route("/payment-config", post(set_payment_config))
        .route("/sessions/expire", post(expire_sessions))
}

async fn set_payment_config(State(state): State<Arc<DoubleState>>, Json(config): Json<crate::PaymentConfig>) -> StatusCode {
    state.gmailstore_payment_config.set(config);
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
    StatusCode::NO_CONTENT
}
