//! The start, step by step, in the log: each step's time since the process began, so that a slow
//! start on a buyer's machine can be read from their log, and `npm run bench` can print the
//! timeline. Steps before the log is open are kept and written when it opens.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static BEGAN: OnceLock<Instant> = OnceLock::new();
/// Steps noted before the log was open, and whether it is open now.
static PENDING: Mutex<(Vec<(&'static str, f64)>, bool)> = Mutex::new((Vec::new(), false));

/// The process's first moment (call first thing in `main`).
pub fn begin() {
    BEGAN.get_or_init(Instant::now);
}

fn since_begin_ms() -> f64 {
    BEGAN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Notes that `step` is done now.
pub fn mark(step: &'static str) {
    let at = since_begin_ms();
    let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
    if pending.1 {
        log::info!("start: {step} at {at:.1} ms");
    } else {
        pending.0.push((step, at));
    }
}

/// The log is open: writes the steps noted before it, then writes each step as it comes.
pub fn log_opened() {
    let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
    for (step, at) in pending.0.drain(..) {
        log::info!("start: {step} at {at:.1} ms");
    }
    pending.1 = true;
}

/// Notes `step` the first time this is called with `once` (a call made on every use, such as a
/// command, belongs to the start only the first time).
pub fn mark_once(once: &'static std::sync::Once, step: &'static str) {
    once.call_once(|| mark(step));
}
