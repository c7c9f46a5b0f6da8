//! Types that cross the IPC boundary to the web view. TypeScript copies of them are generated
//! into `ui/src/bindings/` (see `tests::bindings_are_current`) and committed.

mod error;
mod views;

pub use error::{AppError, AppErrorKind};
pub use views::{AppInfo, AutoCopied, CheckoutView, CodeItemView, CodeOrderView, ReceiveCodesSetup, LoginStatus, PaymentOptions, PlatformView, ProductView};

#[cfg(test)]
mod tests;
