//! The moment the buyer's first screen is complete (the store's catalogue, or its error, has come
//! back), for the work that must not compete with it: the watches of unfinished orders resumed at
//! start call the store too, and wait for this (or for `PATIENCE`, should the window never ask).

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long start-up work waits for the first screen before it goes ahead anyway.
pub const PATIENCE: Duration = Duration::from_secs(5);

static SHOWN: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// The first screen is complete (later calls change nothing).
pub fn shown() {
    let (done, changed) = &SHOWN;
    *done.lock().unwrap_or_else(|p| p.into_inner()) = true;
    changed.notify_all();
}

/// Blocks until the first screen is complete or `patience` has passed; whether it was shown.
pub fn wait(patience: Duration) -> bool {
    let deadline = Instant::now() + patience;
    let (done, changed) = &SHOWN;
    let mut shown = done.lock().unwrap_or_else(|p| p.into_inner());
    while !*shown {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        shown = changed.wait_timeout(shown, left).unwrap_or_else(|p| p.into_inner()).0;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the moment is process-wide.
    #[test]
    fn waiting_ends_at_the_patience_before_the_screen_and_at_once_after_it() {
        let began = Instant::now();
        assert!(!wait(Duration::from_millis(50)));
        assert!(began.elapsed() >= Duration::from_millis(50));
        let waiter = std::thread::spawn(|| wait(Duration::from_secs(30)));
        std::thread::sleep(Duration::from_millis(20));
        shown();
        assert!(waiter.join().unwrap(), "a waiter is woken when the screen is shown");
        let again = Instant::now();
        assert!(wait(Duration::from_secs(30)));
        assert!(again.elapsed() < Duration::from_secs(1));
    }
}
