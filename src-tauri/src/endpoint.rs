//! Which store addresses the app will talk to: `https` anywhere, plain `http` only to this
//! machine (the demo store and test doubles), so a typo can never send a token in clear text.

use std::net::IpAddr;

use url::{Host, Url};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    #[error("not a valid address: {0}")]
    Unparsable(String),
    #[error("only https addresses are allowed (http only for this computer, e.g. 127.0.0.1): {0}")]
    InsecureScheme(String),
    #[error("an address may not carry a user name, password, query or fragment: {0}")]
    UnexpectedParts(String),
}

/// Parses and checks a store base URL. The result always ends in `/`, so that joining a relative
/// path keeps the base's own path (`…/api/` + `products`).
pub fn parse_base_url(text: &str) -> Result<Url, EndpointError> {
    let trimmed = text.trim();
    let mut url = parse_secure(trimmed)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(EndpointError::UnexpectedParts(trimmed.to_owned()));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Parses `text` and checks what every address the app calls must be: `https`, or plain `http`
/// to this computer only, and no user name or password in it.
fn parse_secure(text: &str) -> Result<Url, EndpointError> {
    let url = Url::parse(text).map_err(|_| EndpointError::Unparsable(text.to_owned()))?;
    let host = url.host().ok_or_else(|| EndpointError::Unparsable(text.to_owned()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        _ => return Err(EndpointError::InsecureScheme(text.to_owned())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(EndpointError::UnexpectedParts(text.to_owned()));
    }
    Ok(url)
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_http_are_accepted_with_a_trailing_slash() {
        assert_eq!(parse_base_url("https://getgmailstore.com/api").unwrap().as_str(), "https://getgmailstore.com/api/");
        assert_eq!(parse_base_url(" http://127.0.0.1:4000/api/ ").unwrap().as_str(), "http://127.0.0.1:4000/api/");
        assert_eq!(parse_base_url("http://localhost:9/api").unwrap().as_str(), "http://localhost:9/api/");
        assert_eq!(parse_base_url("http://[::1]:9/api").unwrap().as_str(), "http://[::1]:9/api/");
    }

    #[test]
    fn remote_http_other_schemes_and_extra_parts_are_refused() {
        assert!(matches!(parse_base_url("http://getgmailstore.com/api"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(parse_base_url("http://127.0.0.1.evil.com/api"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(parse_base_url("ftp://127.0.0.1/api"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(parse_base_url("getgmailstore.com"), Err(EndpointError::Unparsable(_))));
        assert!(matches!(parse_base_url("https://u:p@getgmailstore.com/api"), Err(EndpointError::UnexpectedParts(_))));
        assert!(matches!(parse_base_url("https://getgmailstore.com/api?x=1"), Err(EndpointError::UnexpectedParts(_))));
    }
}

/// Checks a payment cashier URL before it is handed to the system browser: `https` only, a real
/// host name, no user name or password in it.
pub fn check_cashier_url(text: &str) -> Result<Url, EndpointError> {
    let url = Url::parse(text.trim()).map_err(|_| EndpointError::Unparsable(text.to_owned()))?;
    if url.scheme() != "https" {
        return Err(EndpointError::InsecureScheme(text.to_owned()));
    }
    if !matches!(url.host(), Some(Host::Domain(_))) {
        return Err(EndpointError::Unparsable(text.to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(EndpointError::UnexpectedParts(text.to_owned()));
    }
    Ok(url)
}

#[cfg(test)]
mod cashier_tests {
    use super::*;

    #[test]
    fn only_plain_https_cashiers_are_opened() {
        assert!(check_cashier_url("https://openapi.alipay.com/gateway.do?x=1&sign=abc").is_ok());
        assert!(matches!(check_cashier_url("http://openapi.alipay.com/gateway.do"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(check_cashier_url("javascript:alert(1)"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(check_cashier_url("file:///etc/passwd"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(check_cashier_url("https://user:pw@evil.example/"), Err(EndpointError::UnexpectedParts(_))));
        assert!(matches!(check_cashier_url("https://127.0.0.1/pay"), Err(EndpointError::Unparsable(_))));
    }
}

/// Checks the address of an update feed (the release feed, or a test's local feed): like a store
/// address, `https` anywhere and plain `http` only to this computer, with no credentials. The
/// feed is signed, but a feed fetched in clear text would still tell an onlooker what runs here.
pub fn check_feed_url(text: &str) -> Result<Url, EndpointError> {
    parse_secure(text.trim())
}

#[cfg(test)]
mod feed_tests {
    use super::*;

    #[test]
    fn feeds_are_https_or_this_computer() {
        assert!(check_feed_url("https://github.com/o/r/releases/latest/download/latest.json").is_ok());
        assert!(check_feed_url("http://127.0.0.1:9/latest.json").is_ok());
        assert!(matches!(check_feed_url("http://example.com/latest.json"), Err(EndpointError::InsecureScheme(_))));
        assert!(matches!(check_feed_url("https://u:p@example.com/latest.json"), Err(EndpointError::UnexpectedParts(_))));
        assert!(matches!(check_feed_url("latest.json"), Err(EndpointError::Unparsable(_))));
    }
}
