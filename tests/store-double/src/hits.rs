//! Counts requests per route, so tests can assert how many calls the client really made
//! (no retry of a create-order, no call past a rate limit, …).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::DoubleState;

#[derive(Default)]
pub struct Hits {
    by_route: Mutex<BTreeMap<String, u64>>,
}

impl Hits {
    /// Hits of one route, named as `"GET /api/products/{id_or_slug}"`.
    pub fn get(&self, route: &str) -> u64 {
        self.lock().get(route).copied().unwrap_or(0)
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn record(&self, route: String) {
        *self.lock().entry(route).or_default() += 1;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        // A panicking test thread must not hide the counts from the next assertion.
        self.by_route.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) async fn count(State(state): State<Arc<DoubleState>>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    state.hits.record(format!("{} {}", request.method(), route));
    next.run(request).await
}
