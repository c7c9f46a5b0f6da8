//! Every assumption about the shape of GmailStore's responses lives here, so that a correction
//! after seeing the live store is a one-line change.
//!
//! Documented: `{"success":true,"products":[…]}` and errors `{"success":false,"error":"…"}`.
//! Assumed (FACTS.md): one product comes as `{"success":true,"product":{…}}`, or as a bare product.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::GmailStoreError;
use super::models::Product;

#[derive(Deserialize)]
pub(crate) struct ProductList {
    pub products: Vec<Product>,
}

/// `GET /products/:idOrSlug`: the enveloped product, kept as raw text so its price is read from
/// its own digits (a `serde_json::Value` would pass numbers through `f64`).
#[derive(Deserialize)]
struct OneProductEnvelope {
    #[serde(default)]
    product: Option<Box<RawValue>>,
}

/// The part of every answer that says whether it succeeded and, if not, why.
#[derive(Deserialize)]
struct Outcome {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// The store's own error message from a body, when the body is the documented error shape (or
/// carries a `message` instead of `error`).
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    let outcome: Outcome = serde_json::from_slice(body).ok()?;
    outcome.error.or(outcome.message)
}

/// A 200 answer that nonetheless says `"success": false`.
pub(crate) fn declared_failure(body: &[u8]) -> Option<String> {
    let outcome: Outcome = serde_json::from_slice(body).ok()?;
    (outcome.success == Some(false)).then(|| outcome.error.or(outcome.message).unwrap_or_default())
}

/// Decodes a body into `T`, naming the JSON path of the first problem and keeping the raw body.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, GmailStoreError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| GmailStoreError::decode(error, body))
}

pub(crate) fn decode_one_product(body: &[u8]) -> Result<Product, GmailStoreError> {
    match decode::<OneProductEnvelope>(body)?.product {
        Some(product) => decode::<Product>(product.get().as_bytes())
            .map_err(|error| error.at_path_prefix("product").with_body(body)),
        None => decode::<Product>(body),
    }
}

// ---- Orders, login and payment config: no shape is documented (FACTS.md). These readers accept
// snake_case or camelCase names, amounts as numbers or strings, fields flat or under `order` /
// `data`. The names tried for each field are listed here and nowhere else.

use super::lenient::{Layers, RawObject};
use super::models::{CreatedOrder, DeliveredAccount, LoginSession, OrderState, PaymentConfig, StoreOrderStatus};
use crate::vault::Secret;

const ORDER_ID: &[&str] = &["id", "order_id", "orderId", "_id"];
const ORDER_NO: &[&str] = &["order_no", "orderNo", "order_number", "orderNumber", "no"];
const ACCESS_TOKEN: &[&str] = &["access_token", "accessToken", "order_token", "orderToken", "token"];
const STATUS: &[&str] = &["status", "order_status", "orderStatus", "state"];
const TOTAL: &[&str] = &["total_amount", "totalAmount", "total", "amount", "total_price", "totalPrice"];
const CURRENCY: &[&str] = &["currency"];
const COIN: &[&str] = &["coin", "pay_coin", "payCoin", "currency_code"];
const ADDRESS: &[&str] = &["pay_address", "payAddress", "address", "wallet_address", "walletAddress", "receive_address", "receiveAddress"];
const PAY_AMOUNT: &[&str] = &["pay_amount", "payAmount", "crypto_amount", "cryptoAmount", "amount_to_pay", "amountToPay"];
const NETWORK: &[&str] = &["network", "chain"];
const EXPIRES: &[&str] = &["expires_at", "expiresAt", "expire_at", "expireAt", "expired_at", "expiredAt", "expiry", "expire_time", "expireTime"];
const CASHIER_URL: &[&str] = &["payment_url", "paymentUrl", "pay_url", "payUrl", "cashier_url", "cashierUrl", "checkout_url", "checkoutUrl", "url"];
const ACCOUNTS: &[&str] = &["accounts", "items", "account_list", "accountList", "details", "deliveries"];
const ACCOUNT_LOGIN: &[&str] = &["email", "account", "login", "username", "user"];
const ACCOUNT_PASSWORD: &[&str] = &["password", "pass", "pwd"];
const ACCOUNT_EXTRA: &[&str] = &["recovery_email", "recoveryEmail", "recovery", "extra", "note", "remark", "two_fa", "twoFa"];
const ACCOUNT_LINE: &[&str] = &["line", "text", "raw", "content"];
const MESSAGE: &[&str] = &["message", "msg", "error"];
const USER_TOKEN: &[&str] = &["token", "access_token", "accessToken", "jwt"];
const BALANCE: &[&str] = &["balance", "balance_cny", "balanceCny"];
const BALANCE_CRYPTO: &[&str] = &["balance_crypto", "balanceCrypto"];
const ALIPAY: &[&str] = &["alipay", "alipay_enabled", "alipayEnabled"];
const WECHAT: &[&str] = &["wechat", "wechat_enabled", "wechatEnabled", "wxpay", "wechatpay"];

fn layers(body: &[u8]) -> Result<Layers, GmailStoreError> {
    Layers::of(body).ok_or_else(|| GmailStoreError::Decode {
        path: ".".into(),
        message: "not a JSON object".into(),
        body: String::from_utf8_lossy(body).into_owned(),
    })
}

fn decode_error(path: &str, message: String, body: &[u8]) -> GmailStoreError {
    GmailStoreError::Decode { path: path.into(), message, body: String::from_utf8_lossy(body).into_owned() }
}

/// The store's status word mapped onto the app's states.
pub(super) fn status_from_word(word: &str) -> StoreOrderStatus {
    match word.trim().to_ascii_lowercase().as_str() {
        "pending" | "unpaid" | "awaiting_payment" | "waiting" | "created" | "new" | "waiting_payment" => StoreOrderStatus::AwaitingPayment,
        "confirming" | "processing" | "paying" | "detected" | "seen" => StoreOrderStatus::Confirming,
        "paid" | "payment_received" => StoreOrderStatus::Paid,
        "completed" | "complete" | "delivered" | "finished" | "done" | "success" => StoreOrderStatus::Delivered,
        "expired" | "timeout" | "timed_out" => StoreOrderStatus::Expired,
        "underpaid" | "partial" | "partially_paid" | "insufficient" => StoreOrderStatus::Underpaid,
        "failed" | "error" => StoreOrderStatus::Failed,
        "cancelled" | "canceled" | "closed" | "refunded" => StoreOrderStatus::Cancelled,
        _ => StoreOrderStatus::Unknown,
    }
}

/// `POST /orders/create`. Needs an order id or number at least; everything else is optional
/// because a created order must be recorded even when the answer is thin.
pub(crate) fn decode_created_order(body: &[u8]) -> Result<CreatedOrder, GmailStoreError> {
    let l = layers(body)?;
    let id = l.text(ORDER_ID);
    let order_no = l.text(ORDER_NO);
    if id.is_none() && order_no.is_none() {
        return Err(decode_error("order", "no order id or order number in the answer".into(), body));
    }
    let amount = |names: &[&str], path: &str| l.decimal(names).map_err(|e| decode_error(path, e, body));
    Ok(CreatedOrder {
        id,
        order_no,
        access_token: l.text(ACCESS_TOKEN).map(Secret::new),
        status: l.text(STATUS).map_or(StoreOrderStatus::AwaitingPayment, |w| status_from_word(&w)),
        total: amount(TOTAL, "total")?,
        currency: l.text(CURRENCY),
        coin: l.text(COIN),
        pay_address: l.text(ADDRESS),
        pay_amount: amount(PAY_AMOUNT, "pay_amount")?,
        network: l.text(NETWORK),
        expires_at: l.text(EXPIRES),
        cashier_url: l.text(CASHIER_URL),
        raw: String::from_utf8_lossy(body).into_owned(),
    })
}

/// `GET /orders/:id/status` and `GET /orders/query`.
pub(crate) fn decode_order_state(body: &[u8]) -> Result<OrderState, GmailStoreError> {
    let l = layers(body)?;
    let status_word = l.text(STATUS);
    let accounts: Vec<DeliveredAccount> = l.array(ACCOUNTS).unwrap_or_default().iter().filter_map(|raw| account(raw.get())).collect();
    if status_word.is_none() && accounts.is_empty() {
        // Neither a status nor accounts: the answer says nothing about the order.
        return Err(decode_error("status", "no order status and no accounts in the answer".into(), body));
    }
    let mut status = status_word.as_deref().map_or(StoreOrderStatus::Unknown, status_from_word);
    // Accounts in hand mean delivered, whatever word came with them.
    if !accounts.is_empty() {
        status = StoreOrderStatus::Delivered;
    }
    Ok(OrderState { order_no: l.text(ORDER_NO), status, status_word, accounts, message: l.text(MESSAGE), raw: String::from_utf8_lossy(body).into_owned() })
}

/// One account: an object with named fields, or the store's own line (`login----password----…`
/// or `login:password`).
fn account(raw: &str) -> Option<DeliveredAccount> {
    if let Some(object) = RawObject::parse(raw) {
        let login = object.text(ACCOUNT_LOGIN)?;
        return Some(DeliveredAccount {
            login,
            password: object.text(ACCOUNT_PASSWORD).map(Secret::new),
            extra: object.text(ACCOUNT_EXTRA).map(Secret::new),
            line: object.text(ACCOUNT_LINE).map(Secret::new),
        });
    }
    let line: String = serde_json::from_str(raw).ok()?;
    let line = line.trim().to_owned();
    if line.is_empty() {
        return None;
    }
    let (login, rest) = line.split_once("----").or_else(|| line.split_once(':')).unwrap_or((line.as_str(), ""));
    let password = rest.split("----").next().filter(|p| !p.is_empty()).map(|p| Secret::new(p.to_owned()));
    Some(DeliveredAccount { login: login.to_owned(), password, extra: None, line: Some(Secret::new(line.clone())) })
}

/// `POST /auth/login`.
pub(crate) fn decode_login(body: &[u8]) -> Result<LoginSession, GmailStoreError> {
    let l = layers(body)?;
    let user = l.object(&["user", "account", "profile"]);
    let token = l.text(USER_TOKEN).ok_or_else(|| decode_error("token", "no token in the login answer".into(), body))?;
    let from_user = |names: &[&str], path: &str| -> Result<Option<rust_decimal::Decimal>, GmailStoreError> {
        match user.as_ref().map(|u| u.decimal(names)).transpose().map_err(|e| decode_error(path, e, body))?.flatten() {
            Some(value) => Ok(Some(value)),
            None => l.decimal(names).map_err(|e| decode_error(path, e, body)),
        }
    };
    Ok(LoginSession { token: Secret::new(token), balance: from_user(BALANCE, "user.balance")?, balance_crypto: from_user(BALANCE_CRYPTO, "user.balance_crypto")? })
}

/// `GET /payment-config`: a method is offered only when the answer says so.
pub(crate) fn decode_payment_config(body: &[u8]) -> Result<PaymentConfig, GmailStoreError> {
    let l = layers(body)?;
    let flag = |names: &[&str]| l.boolean(names).or_else(|| l.object(names).and_then(|o| o.boolean(&["enabled", "available", "open"])));
    Ok(PaymentConfig { alipay: flag(ALIPAY).unwrap_or(false), wechat: flag(WECHAT).unwrap_or(false) })
}
