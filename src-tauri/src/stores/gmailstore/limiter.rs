//! The client's own limit on `GET /orders/query`, stricter than the store's (3 calls per 60 s per
//! IP, 2 per 60 s per order number + email), so the app never earns a 429 and the UI can say
//! exactly when the next lookup is allowed.
//!
//! `governor` spaces calls by GCRA: a burst of `n`, then one call per period. With a period of
//! 61 s, no 60-second window ever holds more than `n` calls.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

const PERIOD: Duration = Duration::from_secs(61);

pub struct QueryLimiter {
    per_ip: RateLimiter<NotKeyed, InMemoryState, DefaultClock>,
    per_order: RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>,
    clock: DefaultClock,
}

fn quota(burst: u32) -> Quota {
    Quota::with_period(PERIOD).expect("a non-zero period").allow_burst(NonZeroU32::new(burst).expect("a non-zero burst"))
}

impl Default for QueryLimiter {
    fn default() -> Self {
        Self::new(3, 2)
    }
}

impl QueryLimiter {
    pub fn new(per_ip: u32, per_order: u32) -> Self {
        QueryLimiter { per_ip: RateLimiter::direct(quota(per_ip)), per_order: RateLimiter::keyed(quota(per_order)), clock: DefaultClock::default() }
    }

    /// Takes one call for (`order_no`, `email`), or says how long until one is allowed. The
    /// per-order check comes first so a refused lookup never spends the shared allowance.
    pub fn admit(&self, order_no: &str, email: &str) -> Result<(), Duration> {
        let key = format!("{}|{}", order_no.trim(), email.trim().to_lowercase());
        self.per_order.check_key(&key).map_err(|not_until| not_until.wait_time_from(self.clock.now()))?;
        self.per_ip.check().map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_per_order_three_in_all_then_a_wait_of_about_a_minute() {
        let limiter = QueryLimiter::default();
        assert!(limiter.admit("GS1", "a@x.com").is_ok());
        assert!(limiter.admit("GS1", "A@x.com ").is_ok(), "email case and spaces do not make a new key");
        let wait = limiter.admit("GS1", "a@x.com").unwrap_err();
        assert!(wait > Duration::from_secs(55) && wait <= PERIOD, "{wait:?}");
        assert!(limiter.admit("GS2", "a@x.com").is_ok());
        let wait = limiter.admit("GS3", "a@x.com").unwrap_err();
        assert!(wait > Duration::from_secs(15), "{wait:?}");
    }
}
