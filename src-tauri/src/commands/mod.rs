//! The commands the web view may call: a few lines each over the plain modules.

pub mod app;
pub mod catalogue;
pub mod checkout;
pub mod email_order;
pub mod orders;
pub mod settings;
pub mod updates;
mod state;
pub mod vault;

pub use state::AppState;
