//! The app's own limit on `GET /orders/query`, a little stricter than the store's (3 calls per 60 s
//! per IP, 2 per 60 s per order number + email), so the app never earns a 429 and the UI can say
//! exactly when the next lookup is allowed.
//!
//! The store counts per IP, not per app run or per HTTP client, so this limiter:
//! - is one for the whole app (every client built from the settings shares it: a settings save
//!   rebuilds the clients, not the allowance);
//! - remembers its recent calls across restarts when given a file (`QueryLimiter::persisted`);
//! - checks both limits before it counts anything: a call refused by the shared limit spends no
//!   order's allowance;
//! - takes a 429 from the store as the last word: no call until its `Retry-After` has passed (a
//!   whole window when it gave none).
//!
//! A sliding window of wall-clock times (not a token bucket), so the record can be saved and read
//! back; a window of 61 s keeps a margin over the store's 60.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

const WINDOW: Duration = Duration::from_secs(61);

pub struct QueryLimiter {
    per_ip: usize,
    per_order: usize,
    record: Mutex<Record>,
    /// Where the record is kept between runs (none in tests and tools).
    file: Option<PathBuf>,
}

/// Recent calls, as milliseconds since the Unix epoch.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Record {
    /// Every lookup sent in the window.
    calls: Vec<u64>,
    /// The lookups sent in the window per order, by a hash of order number + email (the pair is
    /// what the store's lookup asks for: not kept as text).
    per_order: HashMap<String, Vec<u64>>,
    /// No lookup before this time (the store's 429).
    held_until: Option<u64>,
}

fn millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A hash of the pair, short and unkeyed: enough to count calls of one pair for a minute.
fn order_key(order_no: &str, email: &str) -> String {
    use blake2::digest::consts::U16;
    use blake2::digest::Digest;
    let digest = blake2::Blake2b::<U16>::new()
        .chain_update(b"mailcart/lookup-limit/")
        .chain_update(order_no.trim().as_bytes())
        .chain_update([0])
        .chain_update(email.trim().to_lowercase().as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Default for QueryLimiter {
    fn default() -> Self {
        Self::new(3, 2)
    }
}

impl QueryLimiter {
    pub fn new(per_ip: usize, per_order: usize) -> Self {
        QueryLimiter { per_ip, per_order, record: Mutex::new(Record::default()), file: None }
    }

    /// The store's limits, with the recent calls read from `file` and written back after each
    /// change. A file that cannot be read starts an empty record (and says so in the log).
    pub fn persisted(file: &Path) -> Self {
        let record = match std::fs::read(file) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                log::warn!("the record of recent order lookups could not be read ({error}); starting anew");
                Record::default()
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Record::default(),
            Err(error) => {
                log::warn!("the record of recent order lookups could not be read ({error}); starting anew");
                Record::default()
            }
        };
        QueryLimiter { record: Mutex::new(record), file: Some(file.to_owned()), ..Self::default() }
    }

    /// Takes one call for (`order_no`, `email`), or says how long until one is allowed.
    pub fn admit(&self, order_no: &str, email: &str) -> Result<(), Duration> {
        self.admit_at(order_no, email, SystemTime::now())
    }

    /// [`Self::admit`] at `now`.
    pub fn admit_at(&self, order_no: &str, email: &str, now: SystemTime) -> Result<(), Duration> {
        let now = millis(now);
        let key = order_key(order_no, email);
        let mut record = self.lock();
        record.forget_before(now.saturating_sub(WINDOW.as_millis() as u64));
        if let Some(until) = record.held_until.filter(|&until| until > now) {
            return Err(Duration::from_millis(until - now));
        }
        // Both limits are checked before either is counted.
        let order_calls = record.per_order.get(&key).map_or(&[][..], Vec::as_slice);
        let waits = [wait(&record.calls, self.per_ip, now), wait(order_calls, self.per_order, now)];
        if let Some(longest) = waits.into_iter().flatten().max() {
            return Err(longest);
        }
        record.calls.push(now);
        record.per_order.entry(key).or_default().push(now);
        self.save(&record);
        Ok(())
    }

    /// The store answered a lookup with 429: no lookup for `retry_after` (a whole window when the
    /// store did not say).
    pub fn hold(&self, retry_after: Option<Duration>) {
        self.hold_at(retry_after, SystemTime::now());
    }

    /// [`Self::hold`] at `now`.
    pub fn hold_at(&self, retry_after: Option<Duration>, now: SystemTime) {
        let until = millis(now) + retry_after.unwrap_or(WINDOW).as_millis() as u64;
        let mut record = self.lock();
        record.held_until = Some(record.held_until.map_or(until, |held| held.max(until)));
        self.save(&record);
    }

    fn save(&self, record: &Record) {
        let Some(file) = &self.file else { return };
        let written = serde_json::to_vec(record)
            .map_err(std::io::Error::other)
            .and_then(|bytes| crate::atomic_file::write_then_rename(&file.with_extension("json.partial"), file, &bytes));
        if let Err(error) = written {
            // The limit still holds for this run; only a restart within the minute could forget it.
            log::warn!("the record of recent order lookups could not be saved: {error}");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        self.record.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Record {
    fn forget_before(&mut self, oldest: u64) {
        self.calls.retain(|&t| t > oldest);
        self.per_order.retain(|_, calls| {
            calls.retain(|&t| t > oldest);
            !calls.is_empty()
        });
        if self.held_until.is_some_and(|until| until <= oldest) {
            self.held_until = None;
        }
    }
}

/// How long until `calls` (within the window, oldest first) leave room for one more of `limit`.
fn wait(calls: &[u64], limit: usize, now: u64) -> Option<Duration> {
    if calls.len() < limit {
        return None;
    }
    let frees_at = calls[calls.len() - limit] + WINDOW.as_millis() as u64;
    Some(Duration::from_millis(frees_at.saturating_sub(now).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
    }

    #[test]
    fn two_per_order_three_in_all_then_a_wait_of_about_a_minute() {
        let limiter = QueryLimiter::default();
        assert!(limiter.admit_at("GS1", "a@x.com", at(0)).is_ok());
        assert!(limiter.admit_at("GS1", "A@x.com ", at(1)).is_ok(), "email case and spaces do not make a new key");
        let wait = limiter.admit_at("GS1", "a@x.com", at(2)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(59));
        assert!(limiter.admit_at("GS2", "a@x.com", at(3)).is_ok());
        assert_eq!(limiter.admit_at("GS3", "a@x.com", at(4)).unwrap_err(), Duration::from_secs(57));
        assert!(limiter.admit_at("GS3", "a@x.com", at(61)).is_ok(), "the first call left the window");
    }

    /// Found by reading: the order's allowance was taken before the shared limit refused the call.
    #[test]
    fn a_call_refused_by_the_shared_limit_spends_nothing() {
        let limiter = QueryLimiter::default();
        for (n, order) in ["GS1", "GS2", "GS3"].into_iter().enumerate() {
            limiter.admit_at(order, "a@x.com", at(n as u64)).unwrap();
        }
        for second in 10..15 {
            assert!(limiter.admit_at("GS4", "a@x.com", at(second)).is_err());
        }
        assert!(limiter.admit_at("GS4", "a@x.com", at(70)).is_ok());
        assert!(limiter.admit_at("GS4", "a@x.com", at(71)).is_ok(), "GS4's two calls were not spent by the refusals");
    }

    #[test]
    fn a_429_holds_every_lookup_until_its_retry_after() {
        let limiter = QueryLimiter::default();
        limiter.hold_at(Some(Duration::from_secs(30)), at(0));
        assert_eq!(limiter.admit_at("GS1", "a@x.com", at(10)).unwrap_err(), Duration::from_secs(20));
        assert!(limiter.admit_at("GS1", "a@x.com", at(30)).is_ok());
        limiter.hold_at(None, at(40));
        assert_eq!(limiter.admit_at("GS2", "a@x.com", at(41)).unwrap_err(), Duration::from_secs(60), "no Retry-After: a whole window");
    }

    #[test]
    fn the_record_outlives_the_app_and_keeps_no_order_number() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lookups.json");
        let limiter = QueryLimiter::persisted(&file);
        for (n, order) in ["GS2611250001ABCD", "GS2", "GS3"].into_iter().enumerate() {
            limiter.admit(order, "buyer@example.com").unwrap_or_else(|w| panic!("call {n} refused for {w:?}"));
        }
        drop(limiter);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("GS2611250001ABCD") && !text.contains("buyer@example.com"), "{text}");
        let after_restart = QueryLimiter::persisted(&file);
        let wait = after_restart.admit("GS4", "buyer@example.com").unwrap_err();
        assert!(wait > Duration::from_secs(55), "{wait:?}");
        std::fs::write(&file, b"{ not json").unwrap();
        assert!(QueryLimiter::persisted(&file).admit("GS4", "buyer@example.com").is_ok(), "a damaged record starts anew");
    }
}
