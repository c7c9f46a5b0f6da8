//! Clients of the stores Mailcart buys from. No Tauri here: each client is plain async Rust,
//! tested against the store double in `tests/`.

pub mod answer;
pub mod email_order;
pub mod gmailstore;
pub mod tls;

#[cfg(test)]
mod fuzz_tests;
