//! The email-order open API (`docs/api/email-order.md`):
//! HTTP 200 with `{"code", "message", "data"}`; `code` 1 is success.
//!
//! Choices where the facts are silent: the valid key is `test-api-key-0001`; a buy holds the
//! request `holdMs` (default 1500 ms, set through `/__control/email-order`); items stay `Waiting`
//! until the control endpoint gives one a code or expires it (deterministic tests).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::DoubleState;

pub const VALID_KEY: &str = "test-api-key-0001";
const LOCKOUT_AFTER: usize = 10;
const LOCKOUT_FOR: Duration = Duration::from_secs(3600);

pub(crate) fn routes() -> Router<Arc<DoubleState>> {
    Router::new()
        .route("/accountPlatformList", post(platforms))
        .route("/buy", post(buy))
        .route("/details/{order_no}", post(details))
}

#[derive(Clone, Debug)]
pub struct Item {
    pub detail_no: String,
    pub email: String,
    pub text: String,
    pub status: &'static str,
    pub expire_time: String,
    /// What the item was charged, when it differs from the order's price (e.g. "0" once refunded).
    pub price: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EmailOrder {
    pub order_no: String,
    pub platform: String,
    pub price: String,
    pub items: Vec<Item>,
}

pub struct EmailOrderState {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    orders: Mutex<Vec<EmailOrder>>,
    hold: Mutex<Duration>,
    balance_items: Mutex<u64>,
    /// The valid key is refused like any wrong one (a key revoked by its owner).
    key_revoked: Mutex<bool>,
}

impl Default for EmailOrderState {
    fn default() -> Self {
        EmailOrderState {
            failures: Mutex::new(HashMap::new()),
            orders: Mutex::new(Vec::new()),
            hold: Mutex::new(Duration::from_millis(1500)),
            balance_items: Mutex::new(1000),
            key_revoked: Mutex::new(false),
        }
    }
}

impl EmailOrderState {
    pub fn set_hold(&self, hold: Duration) {
        *self.hold.lock().unwrap_or_else(|p| p.into_inner()) = hold;
    }

    /// Revokes (or restores) the valid key.
    pub fn set_key_revoked(&self, revoked: bool) {
        *self.key_revoked.lock().unwrap_or_else(|p| p.into_inner()) = revoked;
    }

    pub fn clear_failures(&self) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    pub fn orders(&self) -> Vec<EmailOrder> {
        self.orders.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Gives item `index` of `order_no` a code, or expires / releases it (its email is then masked).
    pub fn set_item(&self, order_no: &str, index: usize, status: &str, text: Option<&str>, price: Option<&str>) -> bool {
        let mut orders = self.orders.lock().unwrap_or_else(|p| p.into_inner());
        let Some(item) = orders.iter_mut().find(|o| o.order_no == order_no).and_then(|o| o.items.get_mut(index)) else { return false };
        item.status = match status {
            "CodeReceived" => "CodeReceived",
            "Expired" => "Expired",
            "Released" => "Released",
            _ => "Waiting",
        };
        if let Some(text) = text {
            item.text = text.to_owned();
        }
        if let Some(price) = price {
            item.price = Some(price.to_owned());
        }
        if matches!(item.status, "Expired" | "Released") {
            item.email = mask(&item.email);
        }
        true
    }

    /// `Ok(())` for the valid key; otherwise the envelope to answer, counting the failure.
    fn check_key(&self, ip: &str, headers: &HeaderMap) -> Result<(), Value> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = failures.entry(ip.to_owned()).or_default();
        list.retain(|t| t.elapsed() < LOCKOUT_FOR);
        if list.len() >= LOCKOUT_AFTER {
            return Err(json!({"code": 401, "message": "超过最大失败次数，请稍后再试", "data": null}));
        }
        let key = headers.get("authorization").or_else(|| headers.get("token")).and_then(|v| v.to_str().ok()).unwrap_or("");
        if key == VALID_KEY && !*self.key_revoked.lock().unwrap_or_else(|p| p.into_inner()) {
            return Ok(());
        }
        list.push(Instant::now());
        Err(json!({"code": 401, "message": "无效的 token，请重新登录", "englishMessage": "Invalid token, please log in again", "data": null}))
    }
}

fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}****@{domain}", local.chars().next().unwrap_or('x')),
        None => "****".into(),
    }
}

const PLATFORMS: &str = r#"[
  {"_id":"68708da21ef8267d7f1114fb","name":"Twitter","price":0.12,"icon":null,"sort":1},
  {"_id":"68708da21ef8267d7f1114fc","name":"Discord","price":"0.30","icon":null,"sort":2},
  {"_id":"68708da21ef8267d7f1114fd","name":"TikTok","price":0.045,"icon":null,"sort":null}
]"#;

fn platform(id: &str) -> Option<(String, String)> {
    let list: Vec<Value> = serde_json::from_str(PLATFORMS).ok()?;
    list.iter().find(|p| p["_id"] == id).map(|p| (p["name"].as_str().unwrap_or("").to_owned(), p["price"].to_string().trim_matches('"').to_owned()))
}

fn ok(data: Value) -> Json<Value> {
    Json(json!({"code": 1, "message": "success", "data": data}))
}

async fn platforms(State(state): State<Arc<DoubleState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap) -> Response {
    if let Err(answer) = state.email_order.check_key(&peer.ip().to_string(), &headers) {
        return Json(answer).into_response();
    }
    // Served as text so prices keep their literal digits.
    let body = format!(r#"{{"code":1,"message":"success","data":{PLATFORMS}}}"#);
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BuyBody {
    platform_id: Option<String>,
    buy_num: Option<Value>,
}

async fn buy(State(state): State<Arc<DoubleState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Option<Json<BuyBody>>) -> Json<Value> {
    if let Err(answer) = state.email_order.check_key(&peer.ip().to_string(), &headers) {
        return Json(answer);
    }
    let Some(Json(body)) = body else { return Json(json!({"code": 1001, "message": "参数无效", "data": null})) };
    let count = body.buy_num.as_ref().and_then(Value::as_u64).filter(|n| (1..=99_999).contains(n));
    let (Some((name, price)), Some(count)) = (body.platform_id.as_deref().and_then(platform), count) else {
        return Json(json!({"code": 1001, "message": "参数无效", "data": null}));
    };
    {
        let mut left = state.email_order.balance_items.lock().unwrap_or_else(|p| p.into_inner());
        if *left < count {
            return Json(json!({"code": 1005, "message": "用户余额不足", "data": null}));
        }
        *left -= count;
    }
    let hold = *state.email_order.hold.lock().unwrap_or_else(|p| p.into_inner());
    tokio::time::sleep(hold).await;
    let mut orders = state.email_order.orders.lock().unwrap_or_else(|p| p.into_inner());
    let order_no = format!("E1125{:06}{:04}", 163000 + orders.len(), 3783 + orders.len());
    let expire = time::OffsetDateTime::from(SystemTime::now() + Duration::from_secs(20 * 60));
    let expire_time = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        expire.year(),
        u8::from(expire.month()),
        expire.day(),
        expire.hour(),
        expire.minute(),
        expire.second()
    );
    let items = (0..count)
        .map(|i| Item {
            detail_no: format!("{order_no}-{i:03}"),
            email: format!("{}{i}@mailbox.example", name.to_lowercase()),
            text: String::new(),
            status: "Waiting",
            expire_time: expire_time.clone(),
            price: None,
        })
        .collect();
    orders.push(EmailOrder { order_no: order_no.clone(), platform: name, price, items });
    ok(Value::String(order_no))
}

async fn details(
    State(state): State<Arc<DoubleState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(order_no): Path<String>,
) -> Json<Value> {
    if let Err(answer) = state.email_order.check_key(&peer.ip().to_string(), &headers) {
        return Json(answer);
    }
    let orders = state.email_order.orders.lock().unwrap_or_else(|p| p.into_inner());
    let Some(order) = orders.iter().find(|o| o.order_no == order_no) else {
        return Json(json!({"code": 102, "message": "数据不存在", "data": null}));
    };
    let items: Vec<Value> = order
        .items
        .iter()
        .map(|item| {
            json!({
                "orderDetailNo": item.detail_no,
                "email": item.email,
                "text": if item.text.is_empty() { Value::Null } else { Value::String(item.text.clone()) },
                "status": item.status,
                // Sent as the JSON number the service sends, from its literal digits.
                "price": serde_json::from_str::<Value>(item.price.as_deref().unwrap_or(&order.price)).unwrap_or(Value::Null),
                "createTime": "2026-11-25T16:30:00",
                "updateTime": "2026-11-25T16:30:00",
                "expireTime": item.expire_time,
                "platformName": order.platform,
            })
        })
        .collect();
    ok(Value::Array(items))
}
