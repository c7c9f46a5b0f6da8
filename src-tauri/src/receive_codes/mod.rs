//! Receive-code email orders as the app runs them, with no Tauri in it: recording a bought order,
//! committing received texts before they are shown, recognising the code in a text.

mod attempt;
mod code;
mod flow;
mod key;
mod record;

pub use attempt::{attempt_for, created_nothing, refused_before_buying};
pub use code::find_code;
pub use key::{check_key, has_key, keep_key, saved_key, typed_key, API_KEY_SECRET};
pub use flow::{buy, check, check_count, newest_arrived_code, open, quote_count, view, Opened, MAX_BUY_COUNT};
pub use record::{apply_details, record_bought, record_found, AppliedDetails};
