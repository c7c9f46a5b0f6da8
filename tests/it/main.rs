//! Integration tests: the app's clients against the store double in `tests/store-double`, and the
//! order book and vault through their public API.

/// Opening a data folder with a passphrase vault, and sample orders: shared with the tools.
#[path = "../tools/common.rs"]
mod common;
mod crash;
mod email_order;
mod faults;
mod gmailstore_catalogue;
mod gmailstore_orders;
mod secret_scan;
mod store_check;
mod transport_guards;
mod tools;
mod webview_reach;
