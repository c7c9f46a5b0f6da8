//! What the environment may set, in one place: the stores' addresses (the demo store, the test
//! double) and the update feed (the test suite's local one). Each is read where it is used through
//! these functions, so a reader can find every setting the app takes from outside here.

/// Points the app at another GmailStore.
pub const GMAILSTORE_URL_ENV: &str = "MAILCART_GMAILSTORE_URL";
/// The email-order service's address (it has no default).
pub const EMAIL_ORDER_URL_ENV: &str = "MAILCART_EMAIL_ORDER_URL";
/// `1`: the demo (`demo.rs`): a data folder, keychain entry and single-instance name of its own.
pub const DEMO_ENV: &str = "MAILCART_DEMO";
/// Seconds between two checks of the product list for the stock and price watch (tests and the
/// demo; at least 1). The app's own pace is `watch::schedule::EVERY`.
pub const WATCH_EVERY_ENV: &str = "MAILCART_WATCH_EVERY_SECS";
/// Points the update check at another feed.
pub const UPDATE_FEED_ENV: &str = "MAILCART_UPDATE_FEED";

/// The variable's value when it is set to something other than blanks.
fn non_blank(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty())
}

/// The GmailStore address the environment asks for, if any.
pub fn gmailstore_url() -> Option<String> {
    non_blank(GMAILSTORE_URL_ENV)
}

/// The email-order address the environment asks for, if any.
pub fn email_order_url() -> Option<String> {
    non_blank(EMAIL_ORDER_URL_ENV)
}

/// Whether the environment asks for the demo (`MAILCART_DEMO=1`).
pub fn demo() -> bool {
    non_blank(DEMO_ENV).is_some_and(|value| value.trim() == "1")
}

/// The update feed the environment asks for, if any (checked by `updates::feed_override`).
pub fn update_feed() -> Option<String> {
    non_blank(UPDATE_FEED_ENV)
}

/// The watch interval the environment asks for, if any (`MAILCART_WATCH_EVERY_SECS`).
pub fn watch_every() -> Option<std::time::Duration> {
    let seconds: u64 = non_blank(WATCH_EVERY_ENV)?.trim().parse().ok()?;
    Some(std::time::Duration::from_secs(seconds.max(1)))
}
