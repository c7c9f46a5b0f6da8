//! Receive-code email orders as the app runs them, with no Tauri in it: recording a bought order,
//! committing received texts before they are shown, recognising the code in a text.

mod attempt;
mod code;
mod flow;
mod record;

pub use attempt::{attempt_for, created_nothing};
pub use code::find_code;
pub use flow::{buy, check, open, view, Opened, MAX_BUY_COUNT};
pub use record::{apply_details, record_bought, record_found, AppliedDetails};
