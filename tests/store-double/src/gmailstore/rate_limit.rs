//! The documented limits of `GET /orders/query`: 3 calls per 60 s per IP, 2 per 60 s per
//! (order number, email). A refused call answers 429 with `Retry-After` in whole seconds.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);
pub const PER_IP: usize = 3;
pub const PER_ORDER: usize = 2;

#[derive(Default)]
pub struct QueryLimits {
    calls: Mutex<HashMap<String, Vec<Instant>>>,
}

impl QueryLimits {
    /// Records a call by `ip` for `order_key`, or says how long until one would be allowed.
    pub fn admit(&self, ip: &str, order_key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut calls = self.calls.lock().unwrap_or_else(|p| p.into_inner());
        let keys = [(format!("ip:{ip}"), PER_IP), (format!("order:{order_key}"), PER_ORDER)];
        let mut wait = Duration::ZERO;
        for (key, limit) in &keys {
            let list = calls.entry(key.clone()).or_default();
            list.retain(|t| now.duration_since(*t) < WINDOW);
            if list.len() >= *limit {
                wait = wait.max(WINDOW - now.duration_since(list[0]));
            }
        }
        if wait > Duration::ZERO {
            return Err(wait);
        }
        for (key, _) in keys {
            calls.entry(key).or_default().push(now);
        }
        Ok(())
    }

    pub fn clear(&self) {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
