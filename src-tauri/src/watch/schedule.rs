//! When to look at the product list again: every few minutes with a little jitter (so that many
//! buyers' apps do not ask in step), and less and less often while the store fails (doubling up
//! to an hour), back to the normal pace after the first answer.

use std::future::Future;
use std::time::Duration;

/// The normal interval between two looks at the product list.
pub const EVERY: Duration = Duration::from_secs(5 * 60);
/// The longest wait while the store keeps failing.
pub const LONGEST: Duration = Duration::from_secs(60 * 60);
/// ± this share of the wait, at random.
const JITTER: f64 = 0.1;

/// What one turn did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// The list was asked for and came back.
    Checked,
    /// The list was asked for and the store failed.
    Failed,
    /// Nothing to watch, or the buyer paused the checks: no call was made.
    Idle,
}

/// The wait before the next turn: `every`, doubled per failure in a row (at most `LONGEST`), times
/// 1 ± `JITTER` (`unit` is a random number in [0, 1)).
pub fn next_wait(every: Duration, failures_in_a_row: u32, unit: f64) -> Duration {
    let backed_off = every.saturating_mul(1u32 << failures_in_a_row.min(10)).min(LONGEST.max(every));
    backed_off.mul_f64(1.0 + JITTER * (2.0 * unit.clamp(0.0, 1.0) - 1.0))
}

/// Takes turns forever: wait, then `turn`. The first turn comes one wait after the start (the
/// catalogue on screen has just been asked for).
pub async fn keep_turning<F, Fut>(every: Duration, mut unit: impl FnMut() -> f64, mut turn: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Turn>,
{
    let mut failures = 0u32;
    loop {
        tokio::time::sleep(next_wait(every, failures, unit())).await;
        failures = match turn().await {
            Turn::Failed => failures.saturating_add(1),
            Turn::Checked | Turn::Idle => 0,
        };
    }
}

/// A random number in [0, 1) from the system's generator (0.5, no jitter, if it fails).
pub fn random_unit() -> f64 {
    getrandom::u32().map_or(0.5, |n| f64::from(n) / (f64::from(u32::MAX) + 1.0))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    #[test]
    fn waits_keep_to_the_interval_with_jitter_and_back_off_on_failures() {
        assert_eq!(next_wait(EVERY, 0, 0.5), EVERY);
        assert_eq!(next_wait(EVERY, 0, 0.0), Duration::from_secs(270));
        assert!(next_wait(EVERY, 0, 0.999_999) < Duration::from_secs(331));
        assert_eq!(next_wait(EVERY, 1, 0.5), Duration::from_secs(600));
        assert_eq!(next_wait(EVERY, 3, 0.5), Duration::from_secs(2400));
        assert_eq!(next_wait(EVERY, 4, 0.5), LONGEST, "never longer than an hour");
        assert_eq!(next_wait(EVERY, 40, 0.5), LONGEST);
    }

    /// Counts the turns `keep_turning` takes in 30 minutes of simulated time, each turn answering
    /// `answer`, with the jitter at its shortest.
    async fn turns_in_30_minutes(answer: Turn) -> u32 {
        let count = Rc::new(Cell::new(0u32));
        let counted = count.clone();
        let turning = keep_turning(EVERY, || 0.0, move || {
            counted.set(counted.get() + 1);
            async move { answer }
        });
        let _ = tokio::time::timeout(Duration::from_secs(30 * 60), turning).await;
        count.get()
    }

    #[tokio::test(start_paused = true)]
    async fn thirty_minutes_hold_at_most_seven_calls_and_fewer_while_the_store_fails() {
        // 270 s at the shortest: 6 turns in 1800 s (the 7th would be at 1890 s).
        assert_eq!(turns_in_30_minutes(Turn::Checked).await, 6);
        // 270, 540, 1080 s waits: turns at 270, 810, 1890 s → 2 in 30 minutes.
        assert_eq!(turns_in_30_minutes(Turn::Failed).await, 2);
        // Idle turns make no call, but they keep the normal pace (a watch added meanwhile is
        // looked at within one interval).
        assert_eq!(turns_in_30_minutes(Turn::Idle).await, 6);
    }

    #[test]
    fn random_units_are_in_range() {
        for _ in 0..100 {
            let unit = random_unit();
            assert!((0.0..1.0).contains(&unit), "{unit}");
        }
    }
}
