//! The GmailStore HTTP client: one configured `reqwest::Client`, built once by a builder.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use url::Url;

use super::error::GmailStoreError;
use super::models::Product;
use super::wire;
use crate::endpoint::{parse_base_url, EndpointError};

pub const DEFAULT_BASE_URL: &str = "https://getgmailstore.com/api";

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub struct GmailStoreClientBuilder {
    base_url: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    user_agent: String,
    proxy: Option<String>,
}

impl Default for GmailStoreClientBuilder {
    fn default() -> Self {
        GmailStoreClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            user_agent: format!("Mailcart/{}", env!("CARGO_PKG_VERSION")),
            proxy: None,
        }
    }
}

impl GmailStoreClientBuilder {
    /// The API base, e.g. `https://getgmailstore.com/api`; `https`, or `http` to this machine.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The whole-request deadline (connect, send, and read the full answer).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends every call through this proxy (`http://`, `https://`, `socks5://`, `socks5h://`).
    pub fn proxy(mut self, proxy: Option<String>) -> Self {
        self.proxy = proxy;
        self
    }

    pub fn build(self) -> Result<GmailStoreClient, BuildError> {
        let base = parse_base_url(&self.base_url)?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut http = reqwest::Client::builder();
        if let Some(proxy) = &self.proxy {
            http = http.proxy(reqwest::Proxy::all(proxy).map_err(BuildError::Proxy)?);
        }
        let http = http
            .default_headers(headers)
            .user_agent(self.user_agent)
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            .build()
            .map_err(BuildError::Http)?;
        Ok(GmailStoreClient { http, base })
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error("store address refused: {0}")]
    Endpoint(#[from] EndpointError),
    #[error("proxy refused: {0}")]
    Proxy(#[source] reqwest::Error),
    #[error("could not set up the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

#[derive(Clone, Debug)]
pub struct GmailStoreClient {
    http: reqwest::Client,
    base: Url,
}

impl GmailStoreClient {
    pub fn builder() -> GmailStoreClientBuilder {
        GmailStoreClientBuilder::default()
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `GET /products`: every listed product.
    pub async fn products(&self) -> Result<Vec<Product>, GmailStoreError> {
        let body = self.get(&["products"]).await?;
        Ok(wire::decode::<wire::ProductList>(&body)?.products)
    }

    /// `GET /products/:idOrSlug`.
    pub async fn product(&self, id_or_slug: &str) -> Result<Product, GmailStoreError> {
        if id_or_slug.trim().is_empty() {
            return Err(GmailStoreError::ProductNotFound);
        }
        let body = self.get(&["products", id_or_slug]).await?;
        wire::decode_one_product(&body)
    }

    /// The URL of `segments` under the base; each segment is percent-encoded, so an id can never
    /// climb out of its path (`../admin`).
    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        {
            let mut path = url.path_segments_mut().expect("a checked http(s) base URL has a path");
            path.pop_if_empty();
            path.extend(segments);
        }
        url
    }

    async fn get(&self, segments: &[&str]) -> Result<Vec<u8>, GmailStoreError> {
        let response = self.http.get(self.url(segments)).send().await.map_err(GmailStoreError::from_transport)?;
        read_answer(response).await
    }
}

/// The body of a successful answer, or the error the answer stands for.
async fn read_answer(response: Response) -> Result<Vec<u8>, GmailStoreError> {
    let status = response.status();
    let retry_after = retry_after(&response);
    let body = response.bytes().await.map_err(GmailStoreError::from_transport)?.to_vec();
    if !status.is_success() {
        return Err(GmailStoreError::from_error_answer(status.as_u16(), &body, retry_after));
    }
    if let Some(message) = wire::declared_failure(&body) {
        return Err(GmailStoreError::from_store_message(StatusCode::OK.as_u16(), message));
    }
    Ok(body)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by JSON APIs of this kind).
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}
