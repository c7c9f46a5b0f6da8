//! The GmailStore HTTP client: one configured `reqwest::Client`, built once by a builder.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use url::Url;

use std::sync::Arc;

use super::error::GmailStoreError;
use super::limiter::QueryLimiter;
use super::models::{CreateOrderRequest, CreatedOrder, LoginSession, OrderState, PaymentConfig, PaymentMethod, Product};
use super::retry::RetryPolicy;
use super::understanding::Understanding;
use super::shapes;
use crate::stores::answer;
use crate::vault::Secret;
use crate::endpoint::{parse_base_url, EndpointError};

pub const DEFAULT_BASE_URL: &str = "https://getgmailstore.com/api";

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a create-order may take. A store may charge a balance and allocate the accounts before
/// it answers; giving up at the usual 30 s would turn a slow success into "the order may exist".
pub const CREATE_ORDER_TIMEOUT: Duration = Duration::from_secs(150);

pub struct GmailStoreClientBuilder {
    base_url: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    create_timeout: Duration,
    user_agent: String,
    proxy: Option<String>,
    retry: RetryPolicy,
    query_limiter: Option<Arc<QueryLimiter>>,
}

impl Default for GmailStoreClientBuilder {
    fn default() -> Self {
        GmailStoreClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            create_timeout: CREATE_ORDER_TIMEOUT,
            user_agent: format!("Mailcart/{}", env!("CARGO_PKG_VERSION")),
            proxy: None,
            retry: RetryPolicy::default(),
            query_limiter: None,
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

    /// How long `create_order` waits for its answer (see `CREATE_ORDER_TIMEOUT`).
    pub fn create_timeout(mut self, timeout: Duration) -> Self {
        self.create_timeout = timeout;
        self
    }

    /// The whole-request deadline of every other call (connect, send, and read the full answer).
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

    /// How idempotent GETs are retried (never POSTs, never a 401).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The lookup limit to count against: the app's one (see `limiter`), so that a rebuilt client
    /// does not start a fresh allowance. A client of its own by default.
    pub fn query_limiter(mut self, limiter: Arc<QueryLimiter>) -> Self {
        self.query_limiter = Some(limiter);
        self
    }

    pub fn build(self) -> Result<GmailStoreClient, BuildError> {
        let base = parse_base_url(&self.base_url)?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut http = crate::stores::tls::client_builder().map_err(BuildError::Tls)?;
        if let Some(proxy) = &self.proxy {
            http = http.proxy(reqwest::Proxy::all(proxy).map_err(BuildError::Proxy)?);
        }
        let http = http
            .redirect(answer::redirect_policy())
            .default_headers(headers)
            .user_agent(self.user_agent)
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            .build()
            .map_err(BuildError::Http)?;
        Ok(GmailStoreClient { http, base, retry: self.retry, create_timeout: self.create_timeout, query_limiter: self.query_limiter.unwrap_or_default() })
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
    #[error("could not set up TLS: {0}")]
    Tls(String),
}

#[derive(Clone)]
pub struct GmailStoreClient {
    http: reqwest::Client,
    base: Url,
    retry: RetryPolicy,
    create_timeout: Duration,
    /// Shared by clones and, in the app, by every client built (see `limiter`).
    query_limiter: Arc<QueryLimiter>,
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
        Ok(self.products_understood().await?.0)
    }

    /// `GET /products`, with what was understood of the answer (for the store check).
    pub async fn products_understood(&self) -> Result<(Vec<Product>, Understanding), GmailStoreError> {
        let (status, body) = self.get_with_retry(self.url(&["products"])).await?;
        let read = shapes::decode::<shapes::ProductList>(&body).map(|list| list.products);
        understood("GET /products", status, &body, read, |_| Vec::new())
    }

    /// `GET /products/:idOrSlug`.
    pub async fn product(&self, id_or_slug: &str) -> Result<Product, GmailStoreError> {
        Ok(self.product_understood(id_or_slug).await?.0)
    }

    /// `GET /products/:idOrSlug`, with what was understood of the answer.
    pub async fn product_understood(&self, id_or_slug: &str) -> Result<(Product, Understanding), GmailStoreError> {
        if id_or_slug.trim().is_empty() {
            return Err(GmailStoreError::ProductNotFound);
        }
        let (status, body) = self.get_with_retry(self.url(&["products", id_or_slug])).await?;
        understood("GET /products/:idOrSlug", status, &body, shapes::decode_one_product(&body), |_| Vec::new())
    }

    /// `POST /orders/create`, sent and read in one step (see [`Self::send_create_order`]).
    pub async fn create_order(&self, order: &CreateOrderRequest, user_token: Option<&Secret<String>>) -> Result<CreatedOrder, GmailStoreError> {
        self.send_create_order(order, user_token).await?.read()
    }

    /// `POST /orders/create`. Sent once: a lost answer may still mean a created order, so this is
    /// never retried; `user_token` only for balance payments. Returns the successful answer unread,
    /// so that the caller can keep it before reading it ([`CreateAnswer::read`]).
    pub async fn send_create_order(&self, order: &CreateOrderRequest, user_token: Option<&Secret<String>>) -> Result<CreateAnswer, GmailStoreError> {
        let mut body = serde_json::json!({
            "productId": order.product_id,
            "quantity": order.quantity,
            "contactEmail": order.contact_email,
            "paymentMethod": order.payment_method.as_str(),
        });
        if let Some(coin) = order.coin {
            body["coin"] = coin.as_str().into();
        }
        if let Some(code) = order.coupon_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            body["couponCode"] = code.into();
        }
        let mut request = self.http.post(self.url(&["orders", "create"])).timeout(self.create_timeout).json(&body);
        if let Some(token) = user_token {
            request = request.bearer_auth(token.expose());
        }
        let response = request.send().await.map_err(GmailStoreError::from_transport)?;
        let (status, body) = read_answer(response).await?;
        Ok(CreateAnswer { status, body, method: order.payment_method })
    }

    /// `GET /orders/:id/status?token=…`: payment and delivery state, with the accounts once
    /// delivered.
    pub async fn order_status(&self, order_id: &str, access_token: &Secret<String>) -> Result<OrderState, GmailStoreError> {
        let mut url = self.url(&["orders", order_id, "status"]);
        url.query_pairs_mut().append_pair("token", access_token.expose());
        let (status, body) = self.get_with_retry(url).await?;
        Ok(understood("GET /orders/:id/status", status, &body, shapes::decode_order_state(&body), shapes::state_missing)?.0)
    }

    /// `GET /orders/query?order_no=…&email=…`, within the client's own limit. Never retried: each
    /// try would count against the store's limit.
    pub async fn query_order(&self, order_no: &str, email: &str) -> Result<OrderState, GmailStoreError> {
        if order_no.trim().is_empty() || email.trim().is_empty() {
            return Err(GmailStoreError::LookupNeedsOrderAndEmail);
        }
        self.query_limiter.admit(order_no, email).map_err(|wait| GmailStoreError::RateLimited { retry_after: Some(wait) })?;
        let mut url = self.url(&["orders", "query"]);
        url.query_pairs_mut().append_pair("order_no", order_no.trim()).append_pair("email", email.trim());
        let response = self.http.get(url).send().await.map_err(GmailStoreError::from_transport)?;
        let (status, body) = read_answer(response).await.inspect_err(|error| {
            // The store's word on its limit: no lookup until it allows one again.
            if let GmailStoreError::RateLimited { retry_after } = error {
                self.query_limiter.hold(*retry_after);
            }
        })?;
        Ok(understood("GET /orders/query", status, &body, shapes::decode_order_state(&body), shapes::state_missing)?.0)
    }

    /// `POST /auth/login`. Never retried (a wrong password must not be sent again by itself).
    pub async fn login(&self, email: &str, password: &Secret<String>) -> Result<LoginSession, GmailStoreError> {
        let body = serde_json::json!({ "email": email.trim(), "password": password.expose() });
        let response = self.http.post(self.url(&["auth", "login"])).json(&body).send().await.map_err(GmailStoreError::from_transport)?;
        let (status, body) = read_answer(response).await?;
        Ok(understood("POST /auth/login", status, &body, shapes::decode_login(&body), shapes::login_missing)?.0)
    }

    /// `GET /payment-config`.
    pub async fn payment_config(&self) -> Result<PaymentConfig, GmailStoreError> {
        Ok(self.payment_config_understood().await?.0)
    }

    /// `GET /payment-config`, with what was understood of the answer.
    pub async fn payment_config_understood(&self) -> Result<(PaymentConfig, Understanding), GmailStoreError> {
        let (status, body) = self.get_with_retry(self.url(&["payment-config"])).await?;
        let missing = shapes::config_missing(&body);
        understood("GET /payment-config", status, &body, shapes::decode_payment_config(&body), |_| missing)
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

    /// A GET, tried again on transient failures as the retry policy says.
    async fn get_with_retry(&self, url: Url) -> Result<(u16, Vec<u8>), GmailStoreError> {
        let mut attempt = 1;
        loop {
            let outcome = match self.http.get(url.clone()).send().await {
                Ok(response) => read_answer(response).await,
                Err(error) => Err(GmailStoreError::from_transport(error)),
            };
            match outcome {
                Ok(body) => return Ok(body),
                Err(error) => match self.retry.pause_after(attempt, &error) {
                    Some(pause) => {
                        log::info!("GET {} failed ({error}); trying again in {pause:?}", url.path());
                        tokio::time::sleep(pause).await;
                        attempt += 1;
                    }
                    None => return Err(error),
                },
            }
        }
    }
}

/// A successful answer to `POST /orders/create`, as received.
pub struct CreateAnswer {
    pub status: u16,
    pub body: Vec<u8>,
    method: PaymentMethod,
}

impl CreateAnswer {
    /// The order the answer describes; an error only when nothing in it identifies an order (or it
    /// is not JSON). What was not understood is logged.
    pub fn read(&self) -> Result<CreatedOrder, GmailStoreError> {
        let method = self.method;
        Ok(understood("POST /orders/create", self.status, &self.body, shapes::decode_created_order(&self.body), |o| shapes::created_missing(o, method))?.0)
    }
}

/// Logs what was not understood of an answer, and hands back the value read with its understanding.
fn understood<T>(
    call: &str,
    status: u16,
    body: &[u8],
    read: Result<T, GmailStoreError>,
    missing: impl FnOnce(&T) -> Vec<&'static str>,
) -> Result<(T, Understanding), GmailStoreError> {
    let understanding = Understanding::of(call, status, body, &read, missing);
    understanding.log_if_incomplete();
    read.map(|value| (value, understanding))
}

/// The status and body of a successful answer, or the error the answer stands for.
async fn read_answer(response: Response) -> Result<(u16, Vec<u8>), GmailStoreError> {
    let retry_after = retry_after(&response);
    let (status, body) = answer::read_capped(response, answer::MAX_ANSWER_BYTES).await.map_err(GmailStoreError::from_answer)?;
    if !status.is_success() {
        return Err(GmailStoreError::from_error_answer(status.as_u16(), &body, retry_after));
    }
    if let Some(message) = shapes::declared_failure(&body) {
        return Err(GmailStoreError::from_store_message(StatusCode::OK.as_u16(), message));
    }
    Ok((status.as_u16(), body))
}

/// `Retry-After` in seconds (the HTTP-date form is not used by JSON APIs of this kind).
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}
