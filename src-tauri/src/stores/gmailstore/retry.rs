//! Which calls are tried again, and when. Only idempotent GETs are retried, on a network error, a
//! timeout, a 5xx or a 429, with growing pauses and `Retry-After` honoured. A create-order (POST)
//! and a 401 are never retried: the caller gets the error at once.

use std::time::Duration;

use super::error::GmailStoreError;

#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    pub first_pause: Duration,
    /// A `Retry-After` longer than this is not waited for: the error goes to the caller, who can
    /// tell the user when to try again.
    pub longest_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { attempts: 3, first_pause: Duration::from_millis(500), longest_wait: Duration::from_secs(10) }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        RetryPolicy { attempts: 1, ..Self::default() }
    }

    /// How long to wait before trying again after `error` on try number `attempt` (1-based), or
    /// `None` to give up.
    pub(super) fn pause_after(&self, attempt: u32, error: &GmailStoreError) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let backoff = self.first_pause * 2u32.pow(attempt - 1);
        match error {
            GmailStoreError::Network(_) | GmailStoreError::Timeout | GmailStoreError::UnexpectedBody { status: 500..=599, .. } => Some(backoff),
            GmailStoreError::Api { status, .. } if *status >= 500 => Some(backoff),
            GmailStoreError::RateLimited { retry_after } => match retry_after {
                Some(wait) if *wait <= self.longest_wait => Some((*wait).max(backoff)),
                Some(_) => None,
                None => Some(backoff),
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_errors_are_retried_and_long_waits_are_left_to_the_user() {
        let policy = RetryPolicy::default();
        let api = |status| GmailStoreError::Api { status, message: "x".into() };
        assert_eq!(policy.pause_after(1, &GmailStoreError::Timeout), Some(Duration::from_millis(500)));
        assert_eq!(policy.pause_after(2, &api(503)), Some(Duration::from_secs(1)));
        assert_eq!(policy.pause_after(3, &api(503)), None, "three tries in all");
        assert_eq!(policy.pause_after(1, &GmailStoreError::Unauthorized { message: "x".into() }), None);
        assert_eq!(policy.pause_after(1, &api(400)), None);
        assert_eq!(policy.pause_after(1, &GmailStoreError::ProductNotFound), None);
        assert_eq!(policy.pause_after(1, &GmailStoreError::RateLimited { retry_after: Some(Duration::from_secs(2)) }), Some(Duration::from_secs(2)));
        assert_eq!(policy.pause_after(1, &GmailStoreError::RateLimited { retry_after: Some(Duration::from_secs(42)) }), None);
        assert_eq!(policy.pause_after(1, &GmailStoreError::RateLimited { retry_after: None }), Some(Duration::from_millis(500)));
    }
}
