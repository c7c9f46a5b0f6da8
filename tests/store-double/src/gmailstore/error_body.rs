//! The documented error shape: `{"success":false,"error":"…"}` with an HTTP status.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "success": false, "error": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(crate) async fn not_found_route() -> Response {
    error(StatusCode::NOT_FOUND, "Not found")
}
