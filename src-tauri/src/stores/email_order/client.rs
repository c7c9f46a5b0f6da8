//! The email-order client. The API key goes in `Authorization` (raw, no `Bearer`) and, as the
//! global header table in `docs/api/email-order.md` lists it, in `X-API-KEY`. No `X-SIGN` is
//! sent: no scheme is documented.
//! After any 401 (a refused key, the lockout, an HTTP 401) no call is made with that key until the
//! user asks to try again ([`EmailOrderClient::release_key`]): the server locks an IP out for an
//! hour after 10 failures, and a screen that kept checking would send the key into that ban every
//! few seconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use url::Url;

use super::error::EmailOrderError;
use super::models::{OrderItem, Platform};
use super::envelope;
use crate::stores::answer;
use crate::endpoint::parse_base_url;
use crate::vault::Secret;

/// The buy call is held open by the server for up to about 60 s while it allocates emails.
pub const BUY_TIMEOUT: Duration = Duration::from_secs(150);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const API_PREFIX: [&str; 3] = ["api", "buyEmailOrder", "open"];

/// Why the app stopped using a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyHold {
    /// The service said the key is wrong (or answered HTTP 401).
    Refused,
    /// The service locked this computer out (the right key too).
    LockedOut,
}

/// Keys held after a 401, by a hash of the key (the key itself is not kept a second time). Shared
/// by every client the app builds, so a rebuilt client does not send a held key.
pub type HeldKeys = Arc<Mutex<HashMap<u64, KeyHold>>>;

pub struct EmailOrderClientBuilder {
    base_url: String,
    timeout: Duration,
    buy_timeout: Duration,
    proxy: Option<String>,
    held_keys: HeldKeys,
}

impl EmailOrderClientBuilder {
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn buy_timeout(mut self, timeout: Duration) -> Self {
        self.buy_timeout = timeout;
        self
    }

    pub fn proxy(mut self, proxy: Option<String>) -> Self {
        self.proxy = proxy;
        self
    }

    /// Shares the memory of held keys with other clients (the app keeps one for all, so a held key
    /// stays held when the client is rebuilt).
    pub fn held_keys(mut self, held: HeldKeys) -> Self {
        self.held_keys = held;
        self
    }

    pub fn build(self) -> Result<EmailOrderClient, String> {
        let base = parse_base_url(&self.base_url).map_err(|e| e.to_string())?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut http = crate::stores::tls::client_builder()?.default_headers(headers).user_agent(format!("Mailcart/{}", env!("CARGO_PKG_VERSION")));
        if let Some(proxy) = &self.proxy {
            http = http.proxy(reqwest::Proxy::all(proxy).map_err(|e| e.to_string())?);
        }
        let http = http.redirect(answer::redirect_policy()).connect_timeout(Duration::from_secs(10)).build().map_err(|e| e.to_string())?;
        Ok(EmailOrderClient { http, base, timeout: self.timeout, buy_timeout: self.buy_timeout, held_keys: self.held_keys })
    }
}

#[derive(Clone)]
pub struct EmailOrderClient {
    http: reqwest::Client,
    base: Url,
    timeout: Duration,
    buy_timeout: Duration,
    held_keys: HeldKeys,
}

fn key_id(key: &Secret<String>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.expose().hash(&mut hasher);
    hasher.finish()
}

impl EmailOrderClient {
    pub fn builder(base_url: impl Into<String>) -> EmailOrderClientBuilder {
        EmailOrderClientBuilder {
            base_url: base_url.into(),
            timeout: DEFAULT_TIMEOUT,
            buy_timeout: BUY_TIMEOUT,
            proxy: None,
            held_keys: HeldKeys::default(),
        }
    }

    /// The user asked to use `key` again (after the lockout's hour, or having fixed the key at the
    /// service): the next call sends it.
    pub fn release_key(&self, key: &Secret<String>) {
        self.held().remove(&key_id(key));
    }

    /// Releases `key` if it is held for the lockout only: a key the service called wrong stays
    /// held when it is merely entered again (typing the same wrong key twice must not count twice
    /// towards the lockout).
    pub fn release_lockout(&self, key: &Secret<String>) {
        let id = key_id(key);
        let mut held = self.held();
        if held.get(&id) == Some(&KeyHold::LockedOut) {
            held.remove(&id);
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<u64, KeyHold>> {
        self.held_keys.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `accountPlatformList`: the platforms and their (possibly per-user) prices.
    pub async fn platforms(&self, key: &Secret<String>) -> Result<Vec<Platform>, EmailOrderError> {
        let body = self.post(key, &["accountPlatformList"], Some(serde_json::json!({})), self.timeout).await?;
        envelope::open(&body)
    }

    /// `buy`: the order number (`E…`). Held open by the server while it allocates; never retried.
    pub async fn buy(&self, key: &Secret<String>, platform_id: &str, count: u32) -> Result<String, EmailOrderError> {
        let body = serde_json::json!({ "platformId": platform_id, "buyNum": count });
        let body = self.post(key, &["buy"], Some(body), self.buy_timeout).await?;
        envelope::open(&body)
    }

    /// `details/{orderNo}`: every item of the order with its status and received text.
    pub async fn details(&self, key: &Secret<String>, order_no: &str) -> Result<Vec<OrderItem>, EmailOrderError> {
        let body = self.post(key, &["details", order_no], None, self.timeout).await?;
        Ok(envelope::open::<Option<Vec<OrderItem>>>(&body)?.unwrap_or_default())
    }

    async fn post(&self, key: &Secret<String>, path: &[&str], body: Option<serde_json::Value>, timeout: Duration) -> Result<Vec<u8>, EmailOrderError> {
        let id = key_id(key);
        match self.held().get(&id) {
            Some(KeyHold::Refused) => return Err(EmailOrderError::KeyRefusedEarlier),
            Some(KeyHold::LockedOut) => return Err(EmailOrderError::LockedOutEarlier),
            None => {}
        }
        let mut url = self.base.clone();
        url.path_segments_mut().expect("http(s) base").pop_if_empty().extend(API_PREFIX).extend(path);
        let mut request = self.http.post(url).timeout(timeout).header("Authorization", key.expose()).header("X-API-KEY", key.expose());
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(EmailOrderError::from_transport)?;
        let (status, bytes) = answer::read_capped(response, answer::MAX_ANSWER_BYTES).await.map_err(EmailOrderError::from_answer)?;
        if status == reqwest::StatusCode::UNAUTHORIZED {
            self.held().insert(id, KeyHold::Refused);
            return Err(EmailOrderError::Unauthorized { message: "HTTP 401".into(), locked_out: false });
        }
        if !status.is_success() {
            return Err(EmailOrderError::HttpStatus { status: status.as_u16() });
        }
        // Peek for a 401 envelope: hold the key. The lockout is no verdict on the key (the right
        // one is locked out too), so it is held as a lockout, not as a wrong key.
        if let Err(EmailOrderError::Unauthorized { message, locked_out }) = envelope::open::<serde::de::IgnoredAny>(&bytes) {
            self.held().insert(id, if locked_out { KeyHold::LockedOut } else { KeyHold::Refused });
            return Err(EmailOrderError::Unauthorized { message, locked_out });
        }
        Ok(bytes)
    }
}
