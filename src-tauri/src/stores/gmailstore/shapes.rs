//! Every assumption about the shape of GmailStore's responses lives here, so that a correction
//! after seeing the live store is a one-line change.
//!
//! Documented: `{"success":true,"products":[…]}` and errors `{"success":false,"error":"…"}`.
//! Assumed (`docs/api/gmailstore.md`): one product comes as `{"success":true,"product":{…}}`, or
//! as a bare product.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::GmailStoreError;
use super::models::Product;

#[derive(Deserialize)]
pub(crate) struct ProductList {
    pub products: Vec<Product>,
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

/// `GET /products/:idOrSlug` (shape not documented): the product under `product`, under any
/// other envelope that holds exactly one object with an id and a price, or bare.
pub(crate) fn decode_one_product(body: &[u8]) -> Result<Product, GmailStoreError> {
    let tree = tree(body)?;
    let candidates = tree.holders(PRODUCT_PRICE).into_iter().filter(|&id| tree.node(id).has(PRODUCT_ID)).collect::<Vec<_>>();
    let chosen = match candidates.as_slice() {
        [only] => *only,
        [] => return Err(decode_error("product", "no object with an id and a price in the answer".into(), body)),
        // Several: the one the store named `product`, else it is not clear which is meant.
        several => *several
            .iter()
            .find(|&&id| tree.path(id).rsplit('.').next() == Some("product"))
            .ok_or_else(|| decode_error("product", format!("{} objects with an id and a price; none is named product", several.len()), body))?,
    };
    let path = tree.path(chosen).to_owned();
    let text = tree.raw_object_text(chosen);
    decode::<Product>(text.as_bytes()).map_err(|error| if path == "." { error.with_body(body) } else { error.at_path_prefix(&path).with_body(body) })
}

// ---- Orders, login and payment config: no shape is documented (`docs/api/gmailstore.md`). These
// readers accept any case style, amounts as numbers or strings, and fields in any object of the
// answer: which object a field is taken from is decided by what that object holds (the order
// number, the address), not by a list of wrapper names. The names tried for each field are listed
// here and nowhere else.

use super::json_tree::{NodeId, RawObject, Tree};
use super::models::{CreatedOrder, DeliveredAccount, LoginSession, OrderState, PaymentConfig, PaymentDetails, PaymentMethod, StatedTotal, StoreOrderStatus};
use crate::vault::Secret;

const ORDER_ID: &[&str] = &["id", "order_id", "orderId", "_id"];
const ORDER_NO: &[&str] = &["order_no", "orderNo", "order_number", "orderNumber", "no"];
const ACCESS_TOKEN: &[&str] = &["access_token", "accessToken", "order_token", "orderToken", "token"];
const STATUS: &[&str] = &["status", "order_status", "orderStatus", "state"];
/// The order's total. A bare `amount` counts only where it cannot be the amount to send (see
/// `GENERIC_AMOUNT`).
const TOTAL: &[&str] = &["total_amount", "totalAmount", "total", "total_price", "totalPrice", "order_amount", "orderAmount", "total_cny", "totalCny"];
/// `amount` (or `value`): the amount to send when it sits beside an address or a coin, else the
/// order's total.
const GENERIC_AMOUNT: &[&str] = &["amount", "value"];
const CURRENCY: &[&str] = &["currency"];
const COIN: &[&str] = &["coin", "pay_coin", "payCoin", "currency_code"];
const ADDRESS: &[&str] = &["pay_address", "payAddress", "address", "wallet_address", "walletAddress", "receive_address", "receiveAddress"];
const PAY_AMOUNT: &[&str] = &[
    "pay_amount", "payAmount", "crypto_amount", "cryptoAmount", "amount_to_pay", "amountToPay", "amount_due", "amountDue",
    "coin_amount", "coinAmount", "actual_amount", "actualAmount", "send_amount", "sendAmount",
];
/// How much of the amount to pay has arrived, when the store says (an underpaid order).
const RECEIVED: &[&str] = &[
    "received_amount", "receivedAmount", "amount_received", "amountReceived", "paid_amount", "paidAmount", "amount_paid", "amountPaid", "received",
];
const NETWORK: &[&str] = &["network", "chain"];
const EXPIRES: &[&str] = &["expires_at", "expiresAt", "expire_at", "expireAt", "expired_at", "expiredAt", "expiry", "expire_time", "expireTime"];
const CASHIER_URL: &[&str] = &["payment_url", "paymentUrl", "pay_url", "payUrl", "cashier_url", "cashierUrl", "checkout_url", "checkoutUrl", "url"];
const ACCOUNTS: &[&str] = &["accounts", "items", "account_list", "accountList", "details", "deliveries"];
const ACCOUNT_LOGIN: &[&str] = &["email", "account", "login", "username", "user"];
const ACCOUNT_PASSWORD: &[&str] = &["password", "pass", "pwd"];
const ACCOUNT_LINE: &[&str] = &["line", "text", "raw", "content"];
const MESSAGE: &[&str] = &["message", "msg", "error"];
const USER_TOKEN: &[&str] = &["token", "access_token", "accessToken", "jwt"];
const BALANCE: &[&str] = &["balance", "balance_cny", "balanceCny"];
const BALANCE_CRYPTO: &[&str] = &["balance_crypto", "balanceCrypto"];
const USER: &[&str] = &["user", "account", "profile"];
const ALIPAY: &[&str] = &["alipay", "alipay_enabled", "alipayEnabled", "alipay_open", "alipayOpen"];
const WECHAT: &[&str] = &["wechat", "wechat_enabled", "wechatEnabled", "wxpay", "wechatpay", "wechat_pay", "wechatPay", "weixin"];
const METHOD_ENABLED: &[&str] = &["enabled", "available", "open", "active"];
/// A list of the methods on offer: `["alipay", …]` or `[{"name": "alipay", "enabled": true}, …]`.
const METHOD_LIST: &[&str] = &["methods", "payment_methods", "paymentMethods", "enabled_methods", "enabledMethods", "available", "channels"];
const METHOD_NAME: &[&str] = &["name", "method", "type", "code", "id"];
const PRODUCT_ID: &[&str] = &["id"];
const PRODUCT_PRICE: &[&str] = &["price"];

/// Fields whose values are secrets wherever they appear: masked when an answer is shown or logged.
const SECRET_FIELDS: &[&str] = &[
    "access_token", "accessToken", "order_token", "orderToken", "token", "jwt", "password", "pass", "pwd", "secret", "api_key", "apiKey",
    "key", "recovery_email", "recoveryEmail", "two_fa", "twoFa", "cookie", "session",
];

/// An answer as the buyer may see it: indented, every value exactly as the store sent it, except
/// the values of secret fields (tokens, passwords), which read `"••••"`.
pub fn masked_answer(raw: &str) -> String {
    let mut out = String::new();
    mask_into(raw.trim(), 0, &mut out);
    out
}

fn mask_into(raw: &str, depth: usize, out: &mut String) {
    let indent = |n: usize| "  ".repeat(n);
    if depth < 12 && raw.starts_with('{') {
        if let Ok(fields) = serde_json::from_str::<std::collections::BTreeMap<String, Box<serde_json::value::RawValue>>>(raw) {
            out.push_str("{\n");
            let secret: Vec<String> = SECRET_FIELDS.iter().map(|n| n.to_ascii_lowercase().replace('_', "")).collect();
            for (i, (name, value)) in fields.iter().enumerate() {
                out.push_str(&format!("{}{}: ", indent(depth + 1), serde_json::to_string(name).expect("a string")));
                let normalised = name.to_ascii_lowercase().replace(['_', '-'], "");
                if secret.contains(&normalised) && value.get().trim() != "null" {
                    out.push_str("\"••••\"");
                } else {
                    mask_into(value.get().trim(), depth + 1, out);
                }
                out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
            }
            out.push_str(&format!("{}}}", indent(depth)));
            return;
        }
    }
    if depth < 12 && raw.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(raw) {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&indent(depth + 1));
                mask_into(item.get().trim(), depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&format!("{}]", indent(depth)));
            return;
        }
    }
    out.push_str(raw);
}

fn tree(body: &[u8]) -> Result<Tree, GmailStoreError> {
    Tree::of(body).ok_or_else(|| GmailStoreError::Decode {
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

/// Words an envelope says of the whole answer (`{"status":"success","data":{…}}`), not of an order.
const OUTCOME_WORDS: &[&str] = &["success", "ok", "error", "fail", "failed"];

/// Which answer a status word is read from: in a status answer "success" in the order object is a
/// finished order; a create answer is often flat (the envelope is the order), and an order just
/// made is never finished, so there it is the answer's outcome wherever it stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Create,
    Status,
}

/// The order's status word: the order object's own, else the nearest around it that is an order's
/// word, each status name on its own. An outcome word or a number (`"status":200`) outside the
/// order object (anywhere, in a create answer) is the answer's, not the order's: read as the
/// order's, "success" made an unpaid order delivered.
fn status_word(tree: &Tree, order: NodeId, answer: Answer) -> Option<String> {
    tree.around(order).into_iter().find_map(|id| {
        STATUS.iter().find_map(|name| {
            let word = tree.node(id).text(&[name])?;
            let outcome = OUTCOME_WORDS.iter().any(|w| w.eq_ignore_ascii_case(&word)) || word.parse::<i64>().is_ok();
            (!outcome || (id == order && answer == Answer::Status)).then_some(word)
        })
    })
}

/// The object that is the order: the one holding the order number (or else an order id), nearest
/// the answer's body; the body itself when none does.
fn order_node(tree: &Tree) -> NodeId {
    let body = tree.body();
    tree.nearest_holder(body, ORDER_NO).or_else(|| tree.nearest_holder(body, ORDER_ID)).unwrap_or(body)
}

/// What the buyer must send, and where, read by meaning: the object that holds the address (or,
/// lacking one, the coin) is the payment; a bare `amount` in it is the amount to send.
fn payment_details(tree: &Tree, order: NodeId, unreadable: &mut Unreadable) -> PaymentDetails {
    let payment = tree.nearest_holder(order, ADDRESS).or_else(|| tree.nearest_holder(order, COIN));
    let anchor = payment.unwrap_or(order);
    let amount = match tree.decimal_near(anchor, PAY_AMOUNT) {
        Ok(Some(amount)) => Some(amount),
        Ok(None) => match payment {
            Some(payment) => tree.node(payment).decimal(GENERIC_AMOUNT).unwrap_or_else(|e| unreadable.note(AMOUNT_TO_PAY, e)),
            None => None,
        },
        Err(e) => unreadable.note(AMOUNT_TO_PAY, e),
    };
    PaymentDetails {
        address: tree.text_near(anchor, ADDRESS),
        amount,
        coin: tree.text_near(anchor, COIN),
        network: tree.text_near(anchor, NETWORK),
        expires_at: tree.text_near(anchor, EXPIRES).or_else(|| tree.text_near(order, EXPIRES)),
        // Optional and only shown: a form the app cannot read leaves it unknown.
        received: tree.decimal_near(anchor, RECEIVED).ok().flatten().or_else(|| tree.decimal_near(order, RECEIVED).ok().flatten()),
    }
}

/// The order's total: a total-like name from the order outwards, else a bare `amount` in the order
/// object when that object is not the payment (there it is the amount to send).
fn order_total(tree: &Tree, order: NodeId, unreadable: &mut Unreadable) -> StatedTotal {
    let refused = |unreadable: &mut Unreadable, e| {
        unreadable.note::<()>(ORDER_TOTAL, e);
        StatedTotal::Unreadable
    };
    match tree.decimal_near(order, TOTAL) {
        Ok(Some(total)) => return StatedTotal::Stated(total),
        Ok(None) => {}
        Err(e) => return refused(unreadable, e),
    }
    let node = tree.node(order);
    if node.has(ADDRESS) || node.has(COIN) {
        return StatedTotal::NotStated;
    }
    match node.decimal(GENERIC_AMOUNT) {
        Ok(Some(total)) => StatedTotal::Stated(total),
        Ok(None) => StatedTotal::NotStated,
        Err(e) => refused(unreadable, e),
    }
}

/// What the app calls the fields it may fail to read, in `CreatedOrder::unreadable` and the log.
pub(crate) const ORDER_TOTAL: &str = "order total";
pub(crate) const AMOUNT_TO_PAY: &str = "amount to pay";

/// Optional fields an answer sent in a form the app could not read. An order answer is not thrown
/// away for one of them: the field reads as unknown, the answer is kept, and the log says why.
#[derive(Default)]
struct Unreadable(Vec<&'static str>);

impl Unreadable {
    /// Notes `field` as unreadable. The value is not logged: whatever the store put there (an
    /// object, a long text) may hold anything.
    fn note<T>(&mut self, field: &'static str, _problem: String) -> Option<T> {
        log::warn!("the store's {field} was sent in a form Mailcart cannot read; it is shown as unknown");
        if !self.0.contains(&field) {
            self.0.push(field);
        }
        None
    }
}

/// `POST /orders/create`. Needs something that identifies the order (its id, number or access
/// token); everything else is optional, and a field sent in a form the app cannot read is left
/// unknown (listed in `unreadable`) rather than failing the answer: the store may have charged
/// for this order, so it must be recorded.
pub(crate) fn decode_created_order(body: &[u8]) -> Result<CreatedOrder, GmailStoreError> {
    let tree = tree(body)?;
    let order = order_node(&tree);
    let id = tree.text_near(order, ORDER_ID);
    let order_no = tree.text_near(order, ORDER_NO);
    let access_token = tree.text_near(order, ACCESS_TOKEN).map(Secret::new);
    if id.is_none() && order_no.is_none() && access_token.is_none() {
        return Err(decode_error("order", "no order id, order number or access token in the answer".into(), body));
    }
    let mut unreadable = Unreadable::default();
    let payment = payment_details(&tree, order, &mut unreadable);
    let total = order_total(&tree, order, &mut unreadable);
    Ok(CreatedOrder {
        id,
        order_no,
        access_token,
        status: status_word(&tree, order, Answer::Create).map_or(StoreOrderStatus::AwaitingPayment, |w| status_from_word(&w)),
        total,
        currency: tree.text_near(order, CURRENCY),
        coin: payment.coin,
        pay_address: payment.address,
        pay_amount: payment.amount,
        network: payment.network,
        expires_at: payment.expires_at,
        cashier_url: tree.text_near(order, CASHIER_URL),
        unreadable: unreadable.0,
        raw: String::from_utf8_lossy(body).into_owned(),
    })
}

/// `GET /orders/:id/status` and `GET /orders/query`.
pub(crate) fn decode_order_state(body: &[u8]) -> Result<OrderState, GmailStoreError> {
    let tree = tree(body)?;
    let order = order_node(&tree);
    let status_word = status_word(&tree, order, Answer::Status);
    let listed = tree.array_near(order, ACCOUNTS).unwrap_or_default();
    let accounts: Vec<DeliveredAccount> = listed.iter().filter_map(|raw| account(raw.get())).collect();
    if status_word.is_none() && listed.is_empty() {
        // Neither a status nor accounts: the answer says nothing about the order.
        return Err(decode_error("status", "no order status and no accounts in the answer".into(), body));
    }
    let mut status = status_word.as_deref().map_or(StoreOrderStatus::Unknown, status_from_word);
    // Accounts in hand mean delivered, whatever word came with them.
    if !accounts.is_empty() {
        status = StoreOrderStatus::Delivered;
    }
    // A list the app could not read a single account from is kept as the store's own lines, unless
    // the store's word says the order is not delivered: beside "pending" or "paid" it is the order's
    // own lines (product, quantity), not a delivery, and the checks go on. A word the app does not
    // know (or none) keeps it: the lines may hold accounts the buyer paid for.
    let list_is_delivery = matches!(status, StoreOrderStatus::Delivered | StoreOrderStatus::Unknown);
    let list_unread = accounts.is_empty() && !listed.is_empty();
    let unreadable_accounts =
        if accounts.is_empty() && list_is_delivery { listed.iter().map(|raw| raw.get().to_owned()).collect() } else { Vec::new() };
    Ok(OrderState {
        order_no: tree.text_near(order, ORDER_NO),
        status,
        status_word,
        accounts,
        unreadable_accounts,
        list_unread,
        payment: payment_details(&tree, order, &mut Unreadable::default()),
        message: tree.text_near(order, MESSAGE),
        raw: String::from_utf8_lossy(body).into_owned(),
    })
}

/// One account: an object with named fields, or the store's own line (`login----password----…`
/// or `login:password`).
fn account(raw: &str) -> Option<DeliveredAccount> {
    if let Some(object) = RawObject::parse(raw) {
        let login = object.text(ACCOUNT_LOGIN)?;
        return Some(DeliveredAccount {
            login,
            password: object.text(ACCOUNT_PASSWORD).map(Secret::new),
            fields: super::account_fields::from_object(&object, &[ACCOUNT_LOGIN, ACCOUNT_PASSWORD, ACCOUNT_LINE]),
            line: object.text(ACCOUNT_LINE).map(Secret::new),
        });
    }
    let line: String = serde_json::from_str(raw).ok()?;
    let line = line.trim().to_owned();
    if line.is_empty() {
        return None;
    }
    let (login, rest) = line.split_once("----").or_else(|| line.split_once(':')).unwrap_or((line.as_str(), ""));
    let mut pieces = rest.split("----");
    let password = pieces.next().filter(|p| !p.is_empty()).map(|p| Secret::new(p.to_owned()));
    let fields = super::account_fields::from_line_pieces(&pieces.collect::<Vec<_>>());
    Some(DeliveredAccount { login: login.to_owned(), password, fields, line: Some(Secret::new(line.clone())) })
}

/// `POST /auth/login`: the token, and the balances from the user object when there is one.
pub(crate) fn decode_login(body: &[u8]) -> Result<LoginSession, GmailStoreError> {
    let tree = tree(body)?;
    let body_node = tree.body();
    let user = tree.named(USER);
    let token = tree.text_near(body_node, USER_TOKEN).ok_or_else(|| decode_error("token", "no token in the login answer".into(), body))?;
    let balances_from = user.unwrap_or(body_node);
    let balance = |names: &[&str], path: &str| tree.decimal_near(balances_from, names).map_err(|e| decode_error(path, e, body));
    Ok(LoginSession { token: Secret::new(token), balance: balance(BALANCE, "balance")?, balance_crypto: balance(BALANCE_CRYPTO, "balance_crypto")? })
}

/// `GET /payment-config`: a method is offered only when the answer says so: a flag (`true`,
/// `"enabled"`, an object with `enabled`) under the method's name anywhere in the answer, or the
/// method's name in a list of methods on offer.
pub(crate) fn decode_payment_config(body: &[u8]) -> Result<PaymentConfig, GmailStoreError> {
    let tree = tree(body)?;
    let body_node = tree.body();
    let listed = tree.array_near(body_node, METHOD_LIST).unwrap_or_default();
    let offered = |names: &[&str]| -> bool {
        if let Some(flag) = tree.boolean_near(body_node, names) {
            return flag;
        }
        if let Some(holder) = tree.nearest_holder(body_node, names) {
            if let Some(flag) = tree.node(holder).object(names).and_then(|o| o.boolean(METHOD_ENABLED)) {
                return flag;
            }
        }
        listed.iter().any(|item| list_item_offers(item.get(), names))
    };
    Ok(PaymentConfig { alipay: offered(ALIPAY), wechat: offered(WECHAT) })
}

// ---- What each answer should carry: the fields looked for and not found are logged (and shown by
// the store check), so a wrong guess about a shape is noticed.

/// What a create-order answer for `method` lacks.
pub(crate) fn created_missing(order: &CreatedOrder, method: PaymentMethod) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if order.order_no.is_none() {
        missing.push("order number");
    }
    if order.unreadable.contains(&ORDER_TOTAL) {
        missing.push("order total (unreadable)");
    }
    if order.access_token.is_none() {
        missing.push("order access token");
    }
    match method {
        PaymentMethod::Crypto => {
            if order.pay_address.is_none() {
                missing.push("address to pay");
            }
            if order.pay_amount.is_none() {
                missing.push("amount to pay");
            }
        }
        PaymentMethod::Alipay | PaymentMethod::Wechat if order.cashier_url.is_none() => missing.push("cashier URL"),
        _ => {}
    }
    missing
}

/// What a status or lookup answer lacks.
pub(crate) fn state_missing(state: &OrderState) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if state.status_word.is_none() {
        missing.push("status");
    }
    if state.list_unread {
        missing.push("accounts (a list came, none could be read)");
    }
    missing
}

/// What a payment-config answer lacks: any flag or list saying which cashiers are on offer.
pub(crate) fn config_missing(body: &[u8]) -> Vec<&'static str> {
    let Some(tree) = Tree::of(body) else { return vec!["alipay / wechat flags"] };
    let body_node = tree.body();
    let found = tree.nearest_holder(body_node, ALIPAY).is_some()
        || tree.nearest_holder(body_node, WECHAT).is_some()
        || tree.array_near(body_node, METHOD_LIST).is_some();
    if found { Vec::new() } else { vec!["alipay / wechat flags"] }
}

/// What a login answer lacks beyond its token (which it cannot be read without).
pub(crate) fn login_missing(session: &LoginSession) -> Vec<&'static str> {
    if session.balance.is_none() { vec!["balance"] } else { Vec::new() }
}

/// Whether one item of a method list names one of `names` (and is not switched off).
fn list_item_offers(raw: &str, names: &[&str]) -> bool {
    let matches = |text: &str| names.iter().any(|n| n.eq_ignore_ascii_case(text.trim()));
    if let Ok(text) = serde_json::from_str::<String>(raw) {
        return matches(&text);
    }
    RawObject::parse(raw).is_some_and(|item| item.text(METHOD_NAME).is_some_and(|name| matches(&name)) && item.boolean(METHOD_ENABLED) != Some(false))
}
