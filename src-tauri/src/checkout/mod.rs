//! GmailStore checkout as the app runs it, with no Tauri in it: checking an order before it is
//! sent, recording what the store answered (committed before anything is shown), applying status
//! checks and deliveries, and the payment QR code.

mod apply;
mod attempt;
mod buy;
pub mod explorer;
mod missing;
mod payment_uri;
pub mod payment_tx;
mod place;
pub mod saved_login;
mod screen;
mod rules;

pub use attempt::{attempt_for, created_nothing};
pub use buy::{buy, Bought, Shop};
pub use apply::{apply_state, record_created, record_lookup, to_order_status};
pub use missing::{missing_details, MissingDetail};
pub use payment_uri::{payment_uri, qr_svg_data_url};
pub use place::{place_order, PlaceOrderError};
pub use screen::{check_status, payment_view};
pub use rules::{check_order, check_quantity, quantity_bounds, quote_quantity, CheckoutInput, RuleError, MAX_QUANTITY};
