//! Orders: `POST /orders/create`, `GET /orders/:id/status`, `GET /orders/query`, plus the
//! control calls that move an order along (paid, delivered, expired, underpaid).
//!
//! The document (`docs/api/gmailstore.md`) shows none of these answers; the shapes chosen here
//! are written down in `tests/store-double/README.md` (create answers in camelCase under `order`,
//! status and query in snake_case at the top level), so the client's tolerant reader meets both
//! styles.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde_json::{json, Value};

use super::error_body::error;
use crate::shapes::{AccountShape, ConfigShape, CreateShape, Shapes, StatusShape};
use crate::DoubleState;

/// How long a crypto or cashier order waits for payment.
pub const PAYMENT_WINDOW: Duration = Duration::from_secs(30 * 60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoubleStatus {
    Pending,
    Confirming,
    Paid,
    Completed,
    Expired,
    Underpaid,
}

impl DoubleStatus {
    fn word(self) -> &'static str {
        match self {
            DoubleStatus::Pending => "pending",
            DoubleStatus::Confirming => "confirming",
            DoubleStatus::Paid => "paid",
            DoubleStatus::Completed => "completed",
            DoubleStatus::Expired => "expired",
            DoubleStatus::Underpaid => "underpaid",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        [Self::Pending, Self::Confirming, Self::Paid, Self::Completed, Self::Expired, Self::Underpaid]
            .into_iter()
            .find(|s| s.word() == word || (word == "delivered" && *s == Self::Completed))
    }
}

#[derive(Clone, Debug)]
pub struct DoubleOrder {
    pub id: String,
    pub order_no: String,
    pub access_token: String,
    pub product_id: String,
    pub quantity: u32,
    pub contact_email: String,
    pub payment_method: String,
    pub coin: Option<String>,
    pub total: Decimal,
    pub pay_amount: Option<Decimal>,
    pub address: Option<String>,
    pub expires_at: Option<String>,
    pub cashier_url: Option<String>,
    pub status: DoubleStatus,
    /// A status word sent instead of the status's own (a word the app may not know), until the
    /// status is set again.
    pub status_word: Option<String>,
    /// How much of the amount to pay the store says has arrived (sent as `received_amount`).
    pub received: Option<Decimal>,
    pub accounts: Vec<(String, String)>,
}

#[derive(Default)]
pub struct Orders {
    list: Mutex<Vec<DoubleOrder>>,
}

impl Orders {
    pub fn all(&self) -> Vec<DoubleOrder> {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn push(&self, order: DoubleOrder) {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).push(order);
    }

    fn find(&self, test: impl Fn(&DoubleOrder) -> bool) -> Option<DoubleOrder> {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).iter().find(|o| test(o)).cloned()
    }

    /// Moves the order `order_no` to `status`; delivering fills in its accounts.
    /// Sets an order's status; `word` is sent instead of the status's own word, `received` as the
    /// amount that arrived.
    pub fn set_status(&self, order_no: &str, status: DoubleStatus, word: Option<String>, received: Option<Decimal>) -> bool {
        let mut list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let Some(order) = list.iter_mut().find(|o| o.order_no == order_no) else { return false };
        order.status = status;
        order.status_word = word;
        order.received = received;
        if status == DoubleStatus::Completed && order.accounts.is_empty() {
            order.accounts = accounts_for(&order.order_no, order.quantity);
        }
        true
    }

    fn count(&self) -> usize {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// Deterministic accounts, with characters that break naive CSV and TXT handling.
pub fn accounts_for(order_no: &str, quantity: u32) -> Vec<(String, String)> {
    (0..quantity).map(|i| (format!("{}-{i}@gmail.com", order_no.to_ascii_lowercase()), format!("Pw-{i}-{order_no}:,\"é"))).collect()
}

/// CNY per coin unit, and the decimals each coin is paid to.
fn rate(coin: &str) -> Option<(Decimal, u32)> {
    Some(match coin {
        "trc20_usdt" | "erc20_usdt" | "bep20_usdt" => (Decimal::new(72, 1), 6),
        "btc" => (Decimal::from(650_000), 8),
        "eth" => (Decimal::from(25_000), 8),
        "trx" => (Decimal::new(18, 1), 6),
        "bnb" => (Decimal::from(4_500), 8),
        _ => return None,
    })
}

fn address(coin: &str) -> &'static str {
    match coin {
        "trc20_usdt" | "trx" => "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
        "btc" => "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        _ => "0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
    }
}

fn rfc3339(at: SystemTime) -> String {
    time::OffsetDateTime::from(at).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn json_ok(value: Value) -> Response {
    (StatusCode::OK, Json(value)).into_response()
}

/// A coupon the double knows: 10 % off.
const COUPON: &str = "WELCOME10";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateBody {
    product_id: Option<String>,
    quantity: Option<Value>,
    contact_email: Option<String>,
    payment_method: Option<String>,
    coin: Option<String>,
    coupon_code: Option<String>,
}

pub(crate) async fn create(State(state): State<Arc<DoubleState>>, headers: HeaderMap, body: Option<Json<CreateBody>>) -> Response {
    let Some(Json(body)) = body else { return error(StatusCode::BAD_REQUEST, "Invalid request body") };
    let Some(product) = body.product_id.as_deref().and_then(|id| state.catalogue.by_id(id)) else {
        return error(StatusCode::NOT_FOUND, "Product not found");
    };
    let Some(quantity) = body.quantity.as_ref().and_then(Value::as_u64).filter(|q| *q >= 1) else {
        return error(StatusCode::BAD_REQUEST, "Invalid quantity");
    };
    if quantity > 200 {
        return error(StatusCode::BAD_REQUEST, "Quantity cannot exceed 200");
    }
    let quantity = quantity as u32;
    if quantity < product.min_quantity {
        return error(StatusCode::BAD_REQUEST, &format!("Minimum quantity is {}", product.min_quantity));
    }
    if quantity > product.stock {
        return error(StatusCode::BAD_REQUEST, "Insufficient stock");
    }
    let email = body.contact_email.clone().unwrap_or_default();
    if !email.contains('@') {
        return error(StatusCode::BAD_REQUEST, "Invalid contact email");
    }
    let method = body.payment_method.clone().unwrap_or_default();
    let mut total = product.price * Decimal::from(quantity);
    match body.coupon_code.as_deref() {
        None => {}
        Some(COUPON) => total = (total * Decimal::new(9, 1)).round_dp_with_strategy(2, RoundingStrategy::AwayFromZero),
        Some(_) => return error(StatusCode::BAD_REQUEST, "Invalid coupon code"),
    }
    let number = state.gmailstore_orders.count() + 1;
    let order_no = format!("GS261125{:04}{}", number, letters(number));
    let mut order = DoubleOrder {
        id: format!("9b1d{number:04}-0000-4000-8000-{:012x}", number * 7919),
        access_token: format!("otok-{:016x}", (number as u64).wrapping_mul(0x2545_f491_4f6c_dd1d)),
        order_no,
        product_id: body.product_id.clone().unwrap_or_default(),
        quantity,
        contact_email: email,
        payment_method: method.clone(),
        coin: None,
        total,
        pay_amount: None,
        address: None,
        expires_at: None,
        cashier_url: None,
        status: DoubleStatus::Pending,
        status_word: None,
        received: None,
        accounts: Vec::new(),
    };
    let expires = rfc3339(SystemTime::now() + PAYMENT_WINDOW);
    match method.as_str() {
        "crypto" => {
            let Some(coin) = body.coin.as_deref() else { return error(StatusCode::BAD_REQUEST, "Coin is required for crypto payment") };
            let Some((cny_per_unit, decimals)) = rate(coin) else { return error(StatusCode::BAD_REQUEST, "Unsupported coin") };
            // Rounded up: a payment must never come out short.
            order.pay_amount = Some((total / cny_per_unit).round_dp_with_strategy(decimals, RoundingStrategy::AwayFromZero).normalize());
            order.address = Some(address(coin).to_owned());
            order.coin = Some(coin.to_owned());
            order.expires_at = Some(expires);
        }
        "balance_cny" | "balance_crypto" => {
            let bearer = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
            let Some(user) = bearer.and_then(|token| state.gmailstore_users.session(token)) else {
                return error(StatusCode::UNAUTHORIZED, "Unauthorized");
            };
            let crypto = method == "balance_crypto";
            let charge = if crypto { (total / Decimal::new(72, 1)).round_dp_with_strategy(6, RoundingStrategy::AwayFromZero) } else { total };
            if !state.gmailstore_users.pay(&user, charge, crypto) {
                return error(StatusCode::BAD_REQUEST, "Insufficient balance");
            }
            order.status = DoubleStatus::Completed;
            order.accounts = accounts_for(&order.order_no, quantity);
        }
        "alipay" | "wechat" => {
            let config = state.gmailstore_payment_config.get();
            if (method == "alipay" && !config.alipay) || (method == "wechat" && !config.wechat) {
                return error(StatusCode::BAD_REQUEST, "Payment method not available");
            }
            order.cashier_url = Some(format!("https://cashier.example.com/pay/{}?channel={method}", order.order_no));
            order.expires_at = Some(expires);
        }
        _ => return error(StatusCode::BAD_REQUEST, "Invalid payment method"),
    }
    state.gmailstore_orders.push(order.clone());
    json_ok(match state.shapes.get().create_order {
        CreateShape::OrderObject => json!({
            "success": true,
            "order": {
                "id": order.id,
                "orderNo": order.order_no,
                "accessToken": order.access_token,
                "status": order.status.word(),
                "totalAmount": order.total.to_string(),
                "currency": "CNY",
                "paymentMethod": order.payment_method,
                "coin": order.coin,
                "payAddress": order.address,
                "payAmount": order.pay_amount.map(|a| a.to_string()),
                "expiresAt": order.expires_at,
                "paymentUrl": order.cashier_url,
            }
        }),
        CreateShape::Plain => json!({
            "success": true,
            "id": order.id,
            "orderNo": order.order_no,
            "accessToken": order.access_token,
            "status": order.status.word(),
            "total": order.total.to_string(),
            "coin": order.coin,
            "address": order.address,
            "amount": order.pay_amount.map(|a| a.to_string()),
            "expiresAt": order.expires_at,
            "url": order.cashier_url,
        }),
        CreateShape::NoPaymentDetails => json!({
            "success": true,
            "order": {
                "id": order.id,
                "orderNo": order.order_no,
                "accessToken": order.access_token,
                "status": order.status.word(),
                "totalAmount": order.total.to_string(),
                "expiresAt": order.expires_at,
            }
        }),
    })
}

fn letters(n: usize) -> String {
    (0..4).map(|i| (b'A' + ((n * 7 + i * 3) % 26) as u8) as char).collect()
}

/// One delivered account in the shape asked for (`AccountShape`).
fn account_answer(shape: AccountShape, n: usize, email: &str, password: &str) -> Value {
    let secret = format!("JBSWY3DPEHPK3P{}", letters(n));
    match shape {
        AccountShape::Objects => json!({"email": email, "password": password, "recovery_email": format!("r.{email}")}),
        AccountShape::RichObjects => json!({
            "email": email, "password": password, "recoveryEmail": format!("r.{email}"), "two_fa": secret,
            "note": "aged 2019", "backup_codes": format!("{} {}", 1000 + n, 9000 + n), "id": n,
        }),
        AccountShape::Lines => json!(format!("{email}----{password}----r.{email}----{secret}")),
        AccountShape::OddLines => json!(format!("{email} {password} r.{email}")),
    }
}

/// The snake_case, top-level answer of status and query; accounts only when asked with the right
/// credentials and the order is completed.
fn order_answer(order: &DoubleOrder, with_accounts: bool, shapes: Shapes) -> Value {
    let shape = shapes.status;
    let accounts: Vec<Value> = if with_accounts && order.status == DoubleStatus::Completed {
        order.accounts.iter().enumerate().map(|(n, (email, password))| account_answer(shapes.accounts, n, email, password)).collect()
    } else {
        Vec::new()
    };
    let mut answer = json!({
        "success": true,
        "order_id": order.id,
        "order_no": order.order_no,
        "status": order.status_word.clone().unwrap_or_else(|| order.status.word().to_owned()),
        "payment_status": if matches!(order.status, DoubleStatus::Paid | DoubleStatus::Completed) { "paid" } else { "unpaid" },
        "total_amount": order.total,
        "quantity": order.quantity,
        "accounts": accounts,
    });
    if let Some(received) = order.received {
        answer["received_amount"] = json!(received.to_string());
    }
    if shape == StatusShape::WithPayment && order.address.is_some() {
        answer["payment"] = json!({"address": order.address, "amount": order.pay_amount.map(|a| a.to_string()), "coin": order.coin});
    }
    answer
}

#[derive(Deserialize)]
pub(crate) struct TokenQuery {
    token: Option<String>,
}

pub(crate) async fn status(State(state): State<Arc<DoubleState>>, Path(id): Path<String>, Query(query): Query<TokenQuery>) -> Response {
    let Some(order) = state.gmailstore_orders.find(|o| o.id == id) else { return error(StatusCode::NOT_FOUND, "Order not found") };
    match query.token.as_deref() {
        Some(token) if token == order.access_token => json_ok(order_answer(&order, true, state.shapes.get())),
        Some(_) => error(StatusCode::FORBIDDEN, "Invalid token"),
        None => json_ok(order_answer(&order, false, state.shapes.get())),
    }
}

#[derive(Deserialize)]
pub(crate) struct LookupQuery {
    order_no: Option<String>,
    email: Option<String>,
}

pub(crate) async fn query(
    State(state): State<Arc<DoubleState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<LookupQuery>,
) -> Response {
    let (Some(order_no), Some(email)) = (query.order_no.filter(|s| !s.is_empty()), query.email.filter(|s| !s.is_empty())) else {
        return error(StatusCode::BAD_REQUEST, "Please provide both order number and email");
    };
    if let Err(wait) = state.gmailstore_query_limits.admit(&peer.ip().to_string(), &format!("{order_no}|{}", email.to_ascii_lowercase())) {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut response = error(StatusCode::TOO_MANY_REQUESTS, "Too many requests, please try again later");
        response.headers_mut().insert(header::RETRY_AFTER, seconds.to_string().parse().expect("digits"));
        return response;
    }
    match state.gmailstore_orders.find(|o| o.order_no == order_no && o.contact_email.eq_ignore_ascii_case(&email)) {
        Some(order) => json_ok(order_answer(&order, true, state.shapes.get())),
        None => error(StatusCode::NOT_FOUND, "Order not found"),
    }
}

#[derive(Deserialize)]
pub(crate) struct LoginBody {
    email: Option<String>,
    password: Option<String>,
}

pub(crate) async fn login(State(state): State<Arc<DoubleState>>, body: Option<Json<LoginBody>>) -> Response {
    let Some(Json(body)) = body else { return error(StatusCode::BAD_REQUEST, "Invalid request body") };
    match state.gmailstore_users.login(body.email.as_deref().unwrap_or(""), body.password.as_deref().unwrap_or("")) {
        Some((token, balance, balance_crypto)) => json_ok(json!({
            "success": true,
            "token": token,
            "user": {"email": body.email, "balance": balance, "balance_crypto": balance_crypto.to_string()},
        })),
        None => error(StatusCode::UNAUTHORIZED, "Invalid email or password"),
    }
}

pub(crate) async fn payment_config(State(state): State<Arc<DoubleState>>) -> Response {
    let config = state.gmailstore_payment_config.get();
    json_ok(match state.shapes.get().payment_config {
        ConfigShape::DataFlags => json!({"success": true, "data": {"alipayEnabled": config.alipay, "wechatEnabled": config.wechat}}),
        ConfigShape::NestedGateways => json!({"success": true, "result": {"gateways": {"alipay": {"enabled": config.alipay}, "wechat": {"enabled": config.wechat}}}}),
        ConfigShape::Unrecognised => json!({"success": true, "data": {"zhifubao": config.alipay, "weixinzhifu": config.wechat}}),
    })
}

/// Which cashier methods the store offers (changed through `/__control/payment-config`).
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct PaymentConfig {
    pub alipay: bool,
    pub wechat: bool,
}

pub struct PaymentConfigCell(Mutex<PaymentConfig>);

impl Default for PaymentConfigCell {
    fn default() -> Self {
        PaymentConfigCell(Mutex::new(PaymentConfig { alipay: true, wechat: false }))
    }
}

impl PaymentConfigCell {
    pub fn get(&self) -> PaymentConfig {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
    pub fn set(&self, config: PaymentConfig) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = config;
    }
}

/// `POST /__control/orders/{order_no}/status {"status": "paid"}`.
pub(crate) async fn control_set_status(
    State(state): State<Arc<DoubleState>>,
    Path(order_no): Path<String>,
    Json(body): Json<HashMap<String, String>>,
) -> StatusCode {
    // `{"status": …}`, optionally with `"word"` (sent instead of the status's word) and `"received"`.
    let Some(status) = body.get("status").and_then(|s| DoubleStatus::parse(s)) else { return StatusCode::BAD_REQUEST };
    let received = match body.get("received").map(|r| r.parse::<Decimal>()) {
        Some(Ok(received)) => Some(received),
        Some(Err(_)) => return StatusCode::BAD_REQUEST,
        None => None,
    };
    if state.gmailstore_orders.set_status(&order_no, status, body.get("word").cloned(), received) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

/// `GET /__control/orders`: every order the double holds (to check that none was created twice).
pub(crate) async fn control_list(State(state): State<Arc<DoubleState>>) -> Json<Value> {
    Json(Value::Array(
        state
            .gmailstore_orders
            .all()
            .iter()
            .map(|o| json!({"orderNo": o.order_no, "id": o.id, "status": o.status.word(), "paymentMethod": o.payment_method, "quantity": o.quantity, "contactEmail": o.contact_email}))
            .collect(),
    ))
}
