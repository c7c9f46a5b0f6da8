//! Reading a store's HTTP answer safely, the same for both clients: no redirect is followed (an
//! API that answers "go elsewhere" would have the client carry its key, or a buyer's order, to a
//! host nobody chose, possibly over plain http), no answer is read past a size no real answer
//! reaches, and no transport error carries the request's URL (the status call's URL holds the
//! order's access token; error texts are logged and shown).

use reqwest::{Response, StatusCode};

/// More than any answer of these APIs (a catalogue, an order with 200 accounts) could need.
pub const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

/// The redirect policy of every store client: none followed.
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::none()
}

/// Why an answer's body was not read.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// The store answered with a redirect (3xx), which is not followed.
    #[error("the store answered HTTP {status} pointing elsewhere ({location}); Mailcart does not follow it")]
    Redirected { status: u16, location: String },
    #[error("the store's answer is larger than {limit} bytes; Mailcart did not read it")]
    TooLarge { limit: usize },
    #[error("{0}")]
    Transport(reqwest::Error),
}

/// A transport error without the request's URL (and so without any token in its query).
pub fn without_url(error: reqwest::Error) -> reqwest::Error {
    error.without_url()
}

/// A redirect's address as it may be named in an error (shown and logged): without its query and
/// fragment, and without credentials. A redirect that keeps the query (http → https, a bare domain
/// → `www.`) hands back the status call's `?token=…`.
fn address_to_name(location: &str) -> String {
    let without_query = location.split(['?', '#']).next().unwrap_or_default();
    match url::Url::parse(without_query) {
        Ok(mut url) if url.has_host() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        // A relative address keeps its path; one with an `@` the parser could not read may carry
        // credentials, so it is not named.
        _ if without_query.contains('@') => "an address Mailcart does not name".to_owned(),
        _ => without_query.to_owned(),
    }
}

/// The status and body of an answer that is not a redirect, read up to `limit` bytes.
pub async fn read_capped(mut response: Response, limit: usize) -> Result<(StatusCode, Vec<u8>), AnswerError> {
    let status = response.status();
    if status.is_redirection() {
        let location = response.headers().get(reqwest::header::LOCATION).and_then(|l| l.to_str().ok()).map_or_else(|| "no address".to_owned(), address_to_name);
        return Err(AnswerError::Redirected { status: status.as_u16(), location });
    }
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(AnswerError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| AnswerError::Transport(without_url(e)))? {
        if body.len() + chunk.len() > limit {
            return Err(AnswerError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok((status, body))
}
