//! What the environment may set, in one place: the stores' addresses (the demo store, the test
//! double) and the update feed (the test suite's local one). Each is read where it is used through
//! these functions, so a reader can find every setting the app takes from outside here.

/// Points the app at another GmailStore.
pub const GMAILSTORE_URL_ENV: &str = "MAILCART_GMAILSTORE_URL";
/// The email-order service's address (it has no default).
pub const EMAIL_ORDER_URL_ENV: &str = "MAILCART_EMAIL_ORDER_URL";
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

/// The update feed the environment asks for, if any (checked by `updates::feed_override`).
pub fn update_feed() -> Option<String> {
    non_blank(UPDATE_FEED_ENV)
}
