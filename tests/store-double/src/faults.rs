//! Faults on demand: the double can fail the way real servers and networks do.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::DoubleState;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FaultKind {
    /// HTTP 500 with the documented error body.
    Http500,
    /// The normal answer, after `delay_ms`.
    Slow,
    /// HTTP 200 whose JSON body is cut off.
    Malformed,
    /// HTTP 200 with valid JSON of the wrong shape: neither the GmailStore answer nor the
    /// email-order envelope (`{"result":"ok","items":{"unexpected":true}}`).
    #[serde(rename = "wrongshape")]
    WrongShape,
    /// HTTP 502 with an HTML page, as a reverse proxy in front of the store sends.
    Html,
    /// The connection is closed before any response is written.
    Drop,
    /// HTTP 429 with the documented error body, and `Retry-After: <retryAfter>` when set.
    Http429,
    /// HTTP 401 with a plain-text body: a proxy's, or a server's that skipped its envelope.
    Http401,
    /// The request is handled (an order is created) but the connection drops before the answer:
    /// the client cannot tell whether it worked.
    #[serde(rename = "dropafter")]
    DropAfter,
    /// The request is handled (an order is created), then the answer is held for `delayMs`: a
    /// client that dies meanwhile has paid for an order it never heard of (the crash suite).
    #[serde(rename = "slowafter")]
    SlowAfter,
    /// HTTP 302 to `location` (another host, or plain http): a client must not follow it with
    /// its key, nor at all for an API call.
    Redirect,
    /// HTTP 200 with a 9 MiB body: more than any answer of these APIs, which a client must refuse
    /// to read whole.
    Huge,
    /// The request is handled (an order is created), then a proxy in front of the store answers
    /// HTTP 502 with its HTML page: the client cannot tell that the order exists.
    #[serde(rename = "htmlafter")]
    HtmlAfter,
    /// The request is handled, and every amount in its JSON answer (a total, the amount to pay)
    /// comes in a form no reader can take for a number (`"~12.35"`): the answer still names the
    /// order, which must not be lost for an optional field.
    #[serde(rename = "oddamount")]
    OddAmount,
}

/// The fields `oddamount` makes unreadable.
const AMOUNT_FIELDS: &[&str] = &["amount", "total", "totalAmount", "total_amount", "payAmount", "pay_amount"];

/// Replaces every amount field's value in `value` by the same digits behind a `~`.
fn blur_amounts(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (name, field) in map.iter_mut() {
                if AMOUNT_FIELDS.contains(&name.as_str()) && (field.is_number() || field.is_string()) {
                    let digits = field.as_str().map_or_else(|| field.to_string(), str::to_owned);
                    *field = serde_json::Value::String(format!("~{digits}"));
                } else {
                    blur_amounts(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(blur_amounts),
        _ => {}
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    pub kind: FaultKind,
    /// Only requests whose path starts with this; every request when `None`.
    #[serde(default)]
    pub path: Option<String>,
    /// How many requests it applies to; every request until cleared when `None`.
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Seconds for `Retry-After` (with `http429`).
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Where a `redirect` points.
    #[serde(default)]
    pub location: Option<String>,
}

impl Fault {
    pub fn new(kind: FaultKind) -> Self {
        Fault { kind, path: None, count: None, delay_ms: None, retry_after: None, location: None }
    }
    pub fn on_path(mut self, prefix: &str) -> Self {
        self.path = Some(prefix.to_owned());
        self
    }
    pub fn times(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }
    pub fn delay(mut self, ms: u64) -> Self {
        self.delay_ms = Some(ms);
        self
    }
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
    pub fn location(mut self, url: &str) -> Self {
        self.location = Some(url.to_owned());
        self
    }
}

#[derive(Default)]
pub struct Faults {
    queue: Mutex<Vec<Fault>>,
}

impl Faults {
    pub fn push(&self, fault: Fault) {
        self.lock().push(fault);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The first fault matching `path`, consuming one of its uses.
    fn take(&self, path: &str) -> Option<Fault> {
        let mut queue = self.lock();
        let index = queue
            .iter()
            .position(|f| f.path.as_deref().is_none_or(|prefix| path.starts_with(prefix)))?;
        let fault = queue[index].clone();
        if let Some(count) = queue[index].count.as_mut() {
            *count -= 1;
            if *count == 0 {
                queue.remove(index);
            }
        }
        Some(fault)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) async fn apply(State(state): State<Arc<DoubleState>>, request: Request, next: Next) -> Response {
    let Some(fault) = state.faults.take(request.uri().path()) else {
        return next.run(request).await;
    };
    match fault.kind {
        FaultKind::Http500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"success":false,"error":"Internal server error"}"#,
        )
            .into_response(),
        FaultKind::Http401 => (StatusCode::UNAUTHORIZED, [(header::CONTENT_TYPE, "text/plain")], "Unauthorized").into_response(),
        FaultKind::Http429 => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::CONTENT_TYPE, "application/json")],
                r#"{"success":false,"error":"Too many requests, please try again later"}"#,
            )
                .into_response();
            if let Some(seconds) = fault.retry_after {
                response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            }
            response
        }
        FaultKind::Slow => {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms.unwrap_or(5_000))).await;
            next.run(request).await
        }
        FaultKind::Malformed => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"success":true,"products":[{"id":"30a6d792","#,
        )
            .into_response(),
        FaultKind::WrongShape => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"result":"ok","items":{"unexpected":true}}"#,
        )
            .into_response(),
        FaultKind::Html => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            Body::from("<html><body><h1>502 Bad Gateway</h1></body></html>"),
        )
            .into_response(),
        // Unwinding out of the handler makes hyper drop the connection before it writes a status
        // line, which is what a reset looks like to the client. `resume_unwind` skips the panic
        // hook, so nothing is printed.
        FaultKind::Drop => std::panic::resume_unwind(Box::new("store double: dropped connection")),
        FaultKind::DropAfter => {
            let handled = next.run(request).await;
            drop(handled);
            std::panic::resume_unwind(Box::new("store double: answer lost after handling"))
        }
        FaultKind::SlowAfter => {
            let handled = next.run(request).await;
            tokio::time::sleep(Duration::from_millis(fault.delay_ms.unwrap_or(5_000))).await;
            handled
        }
        FaultKind::Redirect => {
            let location = fault.location.unwrap_or_else(|| "http://127.0.0.1:9/elsewhere".into());
            (StatusCode::FOUND, [(header::LOCATION, location)], Body::empty()).into_response()
        }
        FaultKind::HtmlAfter => {
            drop(next.run(request).await);
            (StatusCode::BAD_GATEWAY, [(header::CONTENT_TYPE, "text/html")], Body::from("<html><body><h1>502 Bad Gateway</h1></body></html>")).into_response()
        }
        FaultKind::OddAmount => {
            let handled = next.run(request).await;
            let (parts, body) = handled.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let Ok(mut answer) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                return Response::from_parts(parts, Body::from(bytes));
            };
            blur_amounts(&mut answer);
            let mut response = Response::from_parts(parts, Body::from(answer.to_string()));
            response.headers_mut().remove(header::CONTENT_LENGTH);
            response
        }
        FaultKind::Huge => {
            let mut body = String::from(r#"{"success":true,"products":[],"padding":""#);
            body.push_str(&"x".repeat(9 * 1024 * 1024));
            body.push_str(r#""}"#);
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
    }
}
