//! Every GmailStore call against answers in shapes a store could plausibly send where the document
//! (`docs/api/gmailstore.md`) is silent: flat or nested or enveloped, snake/camel/Pascal case,
//! numbers or strings, extra fields and nulls. One table per call; then a property: wrapping any
//! of these answers in one more envelope object never changes what is read.

use proptest::prelude::*;

use super::models::StatedTotal;
use super::models::StoreOrderStatus as S;
use super::shapes;

/// What a create-order answer was read as: order number, address, amount to send, total.
fn created(body: &str) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
    let order = shapes::decode_created_order(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
    (order.order_no, order.pay_address, order.pay_amount.map(|d| d.to_string()), order.total.stated().map(|d| d.to_string()))
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

const CREATED_SHAPES: &[(&str, Option<&str>, Option<&str>, Option<&str>)] = &[
    // (answer, address, amount to send, total); every one has order number GS1
    (r#"{"success":true,"order_no":"GS1","id":"1","pay_address":"TAddr","pay_amount":"10.123456","total_amount":"70.00","coin":"trc20_usdt"}"#, Some("TAddr"), Some("10.123456"), Some("70.00")),
    // The document's words (`docs/api/gmailstore.md`) under the plainest names: an address and an
    // amount beside the total.
    (r#"{"success":true,"orderNo":"GS1","address":"TAddr","amount":"10.123456","total":70}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"success":true,"data":{"orderNo":"GS1","payAddress":"TAddr","payAmount":10.123456,"totalAmount":70}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"data":{"order":{"order_no":"GS1","total":"70"},"payment":{"address":"TAddr","amount":"10.123456"}}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"success":true,"order":{"orderNo":"GS1","total":70},"payment":{"walletAddress":"TAddr","amount":"10.123456","network":"TRC20"}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"Success":true,"Data":{"OrderNo":"GS1","PayAddress":"TAddr","PayAmount":"10.123456","TotalAmount":"70"}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"code":0,"result":{"order":{"orderNumber":"GS1","totalPrice":70},"crypto":{"coin":"trc20_usdt","receive_address":"TAddr","amount_to_pay":"10.123456"}}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    // Digits kept as sent, trailing zeros and all.
    (r#"{"order_no":"GS1","address":"TAddr","amount":10.12345600,"total_amount":70.0}"#, Some("TAddr"), Some("10.12345600"), Some("70.0")),
    // Nulls under the specific names, the values under the plain ones; extra fields ignored.
    (r#"{"order_no":"GS1","pay_address":null,"address":"TAddr","pay_amount":null,"amount":"10.123456","total":70,"extra":{"foo":[1,2]},"note":null}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"success":true,"orderNo":"GS1","totalAmount":"70","pay":{"address":"TAddr","value":"10.123456","coin":"trc20_usdt"}}"#, Some("TAddr"), Some("10.123456"), Some("70")),
    (r#"{"data":{"order_no":"GS1","total_cny":"70.00","crypto_amount":"10.123456","address":"TAddr"}}"#, Some("TAddr"), Some("10.123456"), Some("70.00")),
    // A coin and an amount but no address: the amount is still what to send; the address is missing.
    (r#"{"order_no":"GS1","coin":"trc20_usdt","amount":"10.123456","total":"70"}"#, None, Some("10.123456"), Some("70")),
    // No payment details at all.
    (r#"{"success":true,"order_no":"GS1","total":"70"}"#, None, None, Some("70")),
    // An address and an amount, no total: the amount is what to send, the total unknown.
    (r#"{"order_no":"GS1","address":"TAddr","amount":"10.123456"}"#, Some("TAddr"), Some("10.123456"), None),
    // A balance order: an amount with no address or coin is the order's total.
    (r#"{"success":true,"data":{"order_no":"GS1","status":"paid","amount":"70.00"}}"#, None, None, Some("70.00")),
];

#[test]
fn create_order_reads_the_address_and_amount_wherever_the_store_puts_them() {
    assert!(CREATED_SHAPES.len() >= 12);
    for (body, address, amount, total) in CREATED_SHAPES {
        assert_eq!(created(body), (some("GS1"), address.map(str::to_owned), amount.map(str::to_owned), total.map(str::to_owned)), "{body}");
    }
}

#[test]
fn an_order_identified_only_by_its_id_still_reads_its_payment() {
    let order = shapes::decode_created_order(br#"{"id":42,"payment":{"address":"TAddr","amount":10.123456},"amount":70}"#).unwrap();
    assert_eq!(order.id.as_deref(), Some("42"));
    assert_eq!((order.pay_address.as_deref(), order.pay_amount.map(|d| d.to_string())), (Some("TAddr"), Some("10.123456".to_owned())));
    assert_eq!(order.total.stated().map(|d| d.to_string()).as_deref(), Some("70"));
}

/// (answer, status, number of accounts, first login)
const STATE_SHAPES: &[(&str, S, usize, Option<&str>)] = &[
    (r#"{"success":true,"status":"completed","accounts":[{"email":"a@g.com","password":"p1"}]}"#, S::Delivered, 1, Some("a@g.com")),
    (r#"{"data":{"order":{"status":"paid"}}}"#, S::Paid, 0, None),
    (r#"{"data":{"status":"delivered","items":["a@g.com----p1----r@x.com"]}}"#, S::Delivered, 1, Some("a@g.com")),
    (r#"{"order":{"orderStatus":"pending","orderNo":"GS1"}}"#, S::AwaitingPayment, 0, None),
    (r#"{"result":{"order":{"state":"expired"}}}"#, S::Expired, 0, None),
    (r#"{"Success":true,"Data":{"Status":"Completed","AccountList":[{"Account":"a@g.com","Pwd":"p1"}]}}"#, S::Delivered, 1, Some("a@g.com")),
    (r#"{"code":0,"data":{"order":{"status":"completed","order_no":"GS1"},"accounts":["a@g.com:p1"]}}"#, S::Delivered, 1, Some("a@g.com")),
    // The order's status, not its payment's.
    (r#"{"order_no":"GS1","status":"paid","payment":{"status":"confirmed"}}"#, S::Paid, 0, None),
    (r#"{"data":{"order_no":"GS1","status":"completed","deliveries":[{"login":"a@g.com","password":"p1","recovery_email":"r@x.com"}]}}"#, S::Delivered, 1, Some("a@g.com")),
    (r#"{"status":"processing","accounts":null}"#, S::Confirming, 0, None),
    (r#"{"status":"unpaid","extra":{"x":1},"note":null}"#, S::AwaitingPayment, 0, None),
    (r#"{"data":{"order":{"orderNo":"GS1","status":"success","details":[{"user":"a@g.com","pass":"p1"},{"user":"b@g.com","pass":"p2"}]}}}"#, S::Delivered, 2, Some("a@g.com")),
];

#[test]
fn status_and_lookup_read_the_orders_status_and_accounts_wherever_they_are() {
    assert!(STATE_SHAPES.len() >= 12);
    for (body, status, count, first) in STATE_SHAPES {
        let state = shapes::decode_order_state(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((state.status, state.accounts.len(), state.accounts.first().map(|a| a.login.as_str())), (*status, *count, *first), "{body}");
    }
}

#[test]
fn a_status_answer_can_carry_the_payment_details_and_an_unreadable_account_list_is_kept() {
    let state = shapes::decode_order_state(br#"{"data":{"order_no":"GS1","status":"pending","payment":{"address":"TAddr","amount":"10.5"}}}"#).unwrap();
    assert_eq!((state.payment.address.as_deref(), state.payment.amount.map(|d| d.to_string())), (Some("TAddr"), Some("10.5".to_owned())));
    let state = shapes::decode_order_state(br#"{"status":"completed","accounts":[{"mailbox":"a@g.com"},42]}"#).unwrap();
    assert!(state.accounts.is_empty());
    assert_eq!(state.unreadable_accounts, [r#"{"mailbox":"a@g.com"}"#, "42"]);
}

#[test]
fn every_extra_field_of_an_account_comes_through_from_objects_and_lines_and_an_odd_line_stays_whole() {
    use super::FieldKind as K;
    let fields = |body: &str| {
        let state = shapes::decode_order_state(body.as_bytes()).unwrap();
        let account = state.accounts.into_iter().next().unwrap();
        let fields = account.fields.iter().map(|f| (f.kind, f.value.expose().clone())).collect::<Vec<_>>();
        (account.login, account.password.map(|p| p.expose().clone()), fields, account.line.map(|l| l.expose().clone()))
    };
    // Before: only the first of recovery / 2FA / note was kept, the others were dropped from view.
    let (login, password, got, _) = fields(r#"{"status":"completed","accounts":[{"email":"a@g.com","password":"p","recovery_email":"r@x.com","two_fa":"JBSWY3DPEHPK3PXP","remark":"old"}]}"#);
    assert_eq!((login.as_str(), password.as_deref()), ("a@g.com", Some("p")));
    assert_eq!(got, [(K::RecoveryEmail, "r@x.com".into()), (K::TwoFactorSecret, "JBSWY3DPEHPK3PXP".into()), (K::Note, "old".into())]);
    let (_, password, got, line) = fields(r#"{"status":"completed","accounts":["a@g.com----p----r@x.com----JBSWY3DPEHPK3PXP"]}"#);
    assert_eq!(password.as_deref(), Some("p"));
    assert_eq!(got, [(K::RecoveryEmail, "r@x.com".into()), (K::TwoFactorSecret, "JBSWY3DPEHPK3PXP".into())]);
    assert_eq!(line.as_deref(), Some("a@g.com----p----r@x.com----JBSWY3DPEHPK3PXP"));
    let (login, password, got, line) = fields(r#"{"status":"completed","accounts":["a@g.com p r@x.com"]}"#);
    assert_eq!((login.as_str(), password, got, line.as_deref()), ("a@g.com p r@x.com", None, vec![], Some("a@g.com p r@x.com")), "not understood: kept whole");
}

const PRODUCT: &str = r#"{"id":"p1","slug":"gmail","name_zh":"谷歌邮箱","name_en":"Gmail","stock":5,"min_quantity":1,"price":0.5}"#;

fn product_shapes() -> Vec<String> {
    let camel = r#"{"id":"p1","slug":"gmail","nameZh":"谷歌邮箱","nameEn":"Gmail","stock":"5","minQuantity":"1","price":"0.5"}"#;
    let extra = r#"{"id":"p1","slug":"gmail","name_zh":"谷歌邮箱","name_en":"Gmail","stock":5,"min_quantity":1,"price":0.5,"category":{"id":"c1","name":"mail"},"tags":null}"#;
    vec![
        format!(r#"{{"success":true,"product":{PRODUCT}}}"#),
        PRODUCT.to_owned(),
        format!(r#"{{"success":true,"data":{PRODUCT}}}"#),
        format!(r#"{{"success":true,"data":{{"product":{PRODUCT}}}}}"#),
        camel.to_owned(),
        format!(r#"{{"data":{camel}}}"#),
        format!(r#"{{"code":0,"result":{PRODUCT}}}"#),
        format!(r#"{{"data":{extra}}}"#),
        format!(r#"{{"success":true,"item":{PRODUCT}}}"#),
        // Arrays are not searched: related products do not compete with the product.
        format!(r#"{{"data":{{"product":{PRODUCT},"related":[{{"id":"p2","price":1}}]}}}}"#),
        format!(r#"{{"data":{{"product":{PRODUCT}}},"meta":{{"requestId":"x"}}}}"#),
        // Two objects with an id and a price: the one named `product` is the product.
        format!(r#"{{"product":{PRODUCT},"bundle":{{"id":"b1","price":9}}}}"#),
    ]
}

#[test]
fn one_product_is_read_under_any_envelope_that_holds_exactly_one_product() {
    let shapes = product_shapes();
    assert!(shapes.len() >= 12);
    for body in &shapes {
        let product = shapes::decode_one_product(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((product.id.as_str(), product.price.to_string().as_str(), product.name_zh.as_str(), product.stock), ("p1", "0.5", "谷歌邮箱", 5), "{body}");
    }
}

#[test]
fn two_products_and_none_named_product_is_not_guessed_at() {
    let body = format!(r#"{{"data":{{"a":{PRODUCT},"b":{PRODUCT}}}}}"#);
    let error = shapes::decode_one_product(body.as_bytes()).unwrap_err().to_string();
    assert!(error.contains("2 objects with an id and a price"), "{error}");
    assert!(shapes::decode_one_product(br#"{"success":true,"data":{"name":"x"}}"#).is_err());
}

/// (answer, alipay, wechat)
const CONFIG_SHAPES: &[(&str, bool, bool)] = &[
    (r#"{"success":true,"alipay":true,"wechat":false}"#, true, false),
    (r#"{"data":{"alipay":true,"wechat":true}}"#, true, true),
    (r#"{"config":{"alipayEnabled":true,"wechatEnabled":false}}"#, true, false),
    // One level down, under a name no list has.
    (r#"{"success":true,"data":{"gateways":{"alipay":{"enabled":true},"wechat":{"enabled":false}}}}"#, true, false),
    (r#"{"alipay":"enabled","wechat":"disabled"}"#, true, false),
    (r#"{"alipay":1,"wxpay":0}"#, true, false),
    (r#"{"data":{"payment":{"alipay":{"available":true},"wechatpay":{"available":true}}}}"#, true, true),
    (r#"{"methods":["alipay","wechat"]}"#, true, true),
    (r#"{"data":{"paymentMethods":[{"name":"alipay","enabled":true},{"name":"wechat","enabled":false}]}}"#, true, false),
    (r#"{"Success":true,"PayConfig":{"Alipay":true,"WechatPay":false}}"#, true, false),
    (r#"{"alipay":null,"wechat":null}"#, false, false),
    (r#"{"success":true}"#, false, false),
    (r#"{"result":{"channels":[{"code":"alipay"}]}}"#, true, false),
];

#[test]
fn payment_config_finds_the_flags_at_any_depth_and_in_lists() {
    assert!(CONFIG_SHAPES.len() >= 12);
    for (body, alipay, wechat) in CONFIG_SHAPES {
        let config = shapes::decode_payment_config(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((config.alipay, config.wechat), (*alipay, *wechat), "{body}");
    }
}

/// (answer, balance)
const LOGIN_SHAPES: &[(&str, Option<&str>)] = &[
    (r#"{"success":true,"token":"tok","user":{"balance":"100.00","balance_crypto":"50.5"}}"#, Some("100.00")),
    (r#"{"data":{"token":"tok","user":{"balanceCny":100,"balanceCrypto":50.5}}}"#, Some("100")),
    (r#"{"token":"tok","balance":"100.00"}"#, Some("100.00")),
    (r#"{"data":{"accessToken":"tok","profile":{"balance":"100.00"}}}"#, Some("100.00")),
    (r#"{"result":{"jwt":"tok","account":{"balance":100.00}}}"#, Some("100.00")),
    (r#"{"Success":true,"Data":{"Token":"tok","User":{"Balance":"100.00"}}}"#, Some("100.00")),
    (r#"{"success":true,"data":{"token":"tok"}}"#, None),
    (r#"{"token":"tok","user":{"balance":null},"balance":"100.00"}"#, Some("100.00")),
    (r#"{"data":{"user":{"token":"tok","balance":"100.00"}}}"#, Some("100.00")),
    (r#"{"access_token":"tok","data":{"user":{"balance_cny":"100.00"}}}"#, Some("100.00")),
    // The user's balance, not another object's.
    (r#"{"token":"tok","user":{"balance":"100.00","id":5},"meta":{"balance":"1"}}"#, Some("100.00")),
    (r#"{"code":0,"data":{"token":"tok","balance":"100.00"},"message":"ok"}"#, Some("100.00")),
];

#[test]
fn login_reads_the_token_and_the_users_balance_wherever_they_are() {
    assert!(LOGIN_SHAPES.len() >= 12);
    for (body, balance) in LOGIN_SHAPES {
        let session = shapes::decode_login(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((session.token.expose().as_str(), session.balance.map(|d| d.to_string())), ("tok", balance.map(str::to_owned)), "{body}");
    }
}

/// Everything a call reads from an answer, as one comparable text (the raw body aside).
fn reading(body: &str) -> String {
    let b = body.as_bytes();
    let created = shapes::decode_created_order(b).map(|o| {
        format!("{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}", o.id, o.order_no, o.access_token.map(|t| t.expose().clone()), o.status, o.total, o.currency, o.coin, o.pay_address, o.pay_amount, o.network, o.expires_at, o.cashier_url)
    });
    let state = shapes::decode_order_state(b).map(|s| {
        let accounts: Vec<String> = s.accounts.iter().map(|a| format!("{}:{:?}", a.login, a.password.as_ref().map(|p| p.expose().clone()))).collect();
        format!("{:?} {:?} {:?} {:?} {:?} {:?}", s.order_no, s.status, s.status_word, accounts, s.unreadable_accounts, s.payment)
    });
    let product = shapes::decode_one_product(b).map(|p| format!("{p:?}"));
    let config = shapes::decode_payment_config(b).map(|c| format!("{c:?}"));
    let login = shapes::decode_login(b).map(|l| format!("{} {:?} {:?}", l.token.expose(), l.balance, l.balance_crypto));
    // Only what was read matters; a failure's wording may name the new envelope in its path.
    format!("{:?}\n{:?}\n{:?}\n{:?}\n{:?}", created.ok(), state.ok(), product.ok(), config.ok(), login.ok())
}

fn every_shape() -> Vec<String> {
    let mut all: Vec<String> = CREATED_SHAPES.iter().map(|s| s.0.to_owned()).collect();
    all.extend(STATE_SHAPES.iter().map(|s| s.0.to_owned()));
    all.extend(product_shapes());
    all.extend(CONFIG_SHAPES.iter().map(|s| s.0.to_owned()));
    all.extend(LOGIN_SHAPES.iter().map(|s| s.0.to_owned()));
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// One more envelope, under any name, with or without a success flag beside it, reads the same.
    #[test]
    fn wrapping_an_answer_in_one_more_envelope_changes_nothing_read(
        index in 0usize..1000,
        name in prop_oneof![
            Just("data".to_owned()), Just("result".to_owned()), Just("payload".to_owned()), Just("response".to_owned()),
            "[a-z][a-zA-Z_]{0,12}".prop_filter("not the success flag", |n| n != "success"),
        ],
        with_flag in any::<bool>(),
    ) {
        let shapes = every_shape();
        let body = &shapes[index % shapes.len()];
        let name_json = serde_json::to_string(&name).unwrap();
        let wrapped = if with_flag { format!(r#"{{"success":true,{name_json}:{body}}}"#) } else { format!("{{{name_json}:{body}}}") };
        prop_assert_eq!(reading(&wrapped), reading(body), "wrapped as {}", wrapped);
    }
}

/// One optional field in a form the app cannot read does not throw the order away: a created order
/// is recorded from what identifies it, the field reads as unknown and is named.
#[test]
fn an_unreadable_amount_leaves_the_rest_of_a_created_order() {
    let body = br#"{"success":true,"order":{"orderNo":"GS1","accessToken":"t","totalAmount":"~12.35","payment":{"address":"TAddr","coin":"trc20_usdt","amount":{"value":"1.7"}}}}"#;
    let order = shapes::decode_created_order(body).unwrap();
    assert_eq!((order.order_no.as_deref(), order.pay_address.as_deref()), (Some("GS1"), Some("TAddr")));
    assert_eq!((order.total, order.pay_amount), (StatedTotal::Unreadable, None));
    assert_eq!(order.unreadable, [shapes::AMOUNT_TO_PAY, shapes::ORDER_TOTAL]);
    // Only an access token: still an order the store made.
    let order = shapes::decode_created_order(br#"{"success":true,"data":{"access_token":"t","status":"pending"}}"#).unwrap();
    assert!(order.access_token.is_some() && order.id.is_none() && order.order_no.is_none());
    assert!(shapes::decode_created_order(br#"{"success":true,"data":{"status":"pending"}}"#).is_err(), "nothing names an order");
}

/// Found by reading: a status answer whose amount could not be read lost its address too (the
/// whole payment part was dropped).
#[test]
fn an_unreadable_amount_in_a_status_answer_keeps_the_address() {
    let state = shapes::decode_order_state(br#"{"status":"pending","pay_address":"TAddr","pay_amount":"about 3"}"#).unwrap();
    assert_eq!(state.payment.address.as_deref(), Some("TAddr"));
    assert_eq!(state.payment.amount, None);
}

#[test]
fn the_amount_that_arrived_is_read_under_any_wrapper_name_and_number_form() {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let arrived = Some(Decimal::from_str("1.5").unwrap());
    for body in [
        r#"{"success":true,"order_no":"GS1","status":"underpaid","received_amount":"1.5"}"#,
        r#"{"data":{"orderNo":"GS1","status":"partial","amountPaid":1.50}}"#,
        r#"{"order":{"order_no":"GS1","status":"underpaid","payment":{"address":"TAddr","amount":"3.4","paid_amount":"1.5"}}}"#,
        r#"{"result":{"order":{"orderNo":"GS1","state":"insufficient","payment":{"coin":"btc","receivedAmount":1.5e0}}}}"#,
    ] {
        let state = shapes::decode_order_state(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(state.payment.received, arrived, "{body}");
    }
    // Sent in a form the app cannot read: unknown, and the answer is still read.
    let state = shapes::decode_order_state(br#"{"order_no":"GS1","status":"underpaid","received":{"value":"?"}}"#).unwrap();
    assert_eq!((state.payment.received, state.status), (None, crate::stores::gmailstore::StoreOrderStatus::Underpaid));
    let state = shapes::decode_order_state(br#"{"order_no":"GS1","status":"pending"}"#).unwrap();
    assert_eq!(state.payment.received, None);
}

/// An envelope's own outcome word (`{"status":"success","data":{…}}`) is not the order's status:
/// read as "delivered", it saved an unpaid crypto order as paid and hid its address and amount.
#[test]
fn an_envelopes_outcome_word_is_not_the_orders_status() {
    for envelope in [r#""status":"success""#, r#""status":"ok""#, r#""status":200"#, r#""status":"error""#] {
        let body = format!(r#"{{{envelope},"data":{{"orderNo":"GS1","accessToken":"t","payAddress":"TAddr","payAmount":"1.4234","coin":"trc20_usdt"}}}}"#);
        let order = shapes::decode_created_order(body.as_bytes()).unwrap();
        assert_eq!((order.status, order.pay_address.as_deref()), (S::AwaitingPayment, Some("TAddr")), "{body}");
        // Beside another object (so not an envelope the reader descends through), the same.
        let body = format!(r#"{{{envelope},"order":{{"orderNo":"GS1","total":"10"}},"payment":{{"address":"TAddr","amount":"1.4234"}}}}"#);
        assert_eq!(shapes::decode_created_order(body.as_bytes()).unwrap().status, S::AwaitingPayment, "{body}");
        // A status answer whose order says nothing of its own state says nothing at all.
        let body = format!(r#"{{{envelope},"data":{{"orderNo":"GS1"}}}}"#);
        assert!(shapes::decode_order_state(body.as_bytes()).is_err(), "{body}");
    }
    // The order's own word is still read beside an envelope's outcome, and an envelope's status
    // that is an order's word (not an outcome) still counts.
    let state = shapes::decode_order_state(br#"{"status":"success","data":{"orderNo":"GS1","state":"pending"}}"#).unwrap();
    assert_eq!(state.status, S::AwaitingPayment);
    let state = shapes::decode_order_state(br#"{"status":"expired","data":{"orderNo":"GS1"}}"#).unwrap();
    assert_eq!(state.status, S::Expired);
    // In the order object itself, "success" is still a finished order in a status answer
    // (`STATE_SHAPES`)…
    let state = shapes::decode_order_state(br#"{"orderNo":"GS1","status":"success","accounts":["a@g.com:p1"]}"#).unwrap();
    assert_eq!(state.status, S::Delivered);
    // …but a create answer is flat as often as not: there it is the answer's outcome, never
    // "delivered" for an order just made.
    let order = shapes::decode_created_order(br#"{"status":"success","orderNo":"GS1","accessToken":"t","payAddress":"TAddr","payAmount":"1.4"}"#).unwrap();
    assert_eq!(order.status, S::AwaitingPayment);
    // An object with an outcome under one name and the order's word under another: the word.
    let state = shapes::decode_order_state(br#"{"status":"success","orderStatus":"paid","data":{"orderNo":"GS1"}}"#).unwrap();
    assert_eq!(state.status, S::Paid);
    let order = shapes::decode_created_order(br#"{"status":"ok","state":"pending","orderNo":"GS1","payAddress":"T","payAmount":"1"}"#).unwrap();
    assert_eq!(order.status, S::AwaitingPayment);
}

/// A list the app cannot read an account from is not a delivery beside a word that says the order
/// is not delivered: beside "pending" it is the order's own lines (product, quantity), and taking
/// it for accounts marked an unpaid order delivered and stopped the checks.
#[test]
fn an_unreadable_list_beside_a_pending_word_is_not_a_delivery() {
    let state = shapes::decode_order_state(br#"{"success":true,"order":{"order_no":"GS1","status":"pending","items":[{"productId":"p1","quantity":5}]}}"#).unwrap();
    assert_eq!((state.status, state.accounts.len(), state.unreadable_accounts.len()), (S::AwaitingPayment, 0, 0));
    for word in ["paid", "confirming", "expired", "underpaid", "cancelled", "failed"] {
        let body = format!(r#"{{"order_no":"GS1","status":"{word}","items":[{{"productId":"p1","quantity":5}}]}}"#);
        let state = shapes::decode_order_state(body.as_bytes()).unwrap();
        assert!(state.unreadable_accounts.is_empty() && state.status != S::Delivered, "{body}");
        // Still said in the log and by "Check the store".
        assert!(shapes::state_missing(&state).contains(&"accounts (a list came, none could be read)"), "{body}");
    }
    // Delivered, a word the app does not know, or nothing but the list: kept as the store's own
    // lines (as before).
    for body in [
        r#"{"status":"completed","accounts":[{"mailbox":"a@g.com"}]}"#,
        r#"{"status":"已发货","accounts":[{"mailbox":"a@g.com"}]}"#,
        r#"{"order_no":"GS1","accounts":[{"mailbox":"a@g.com"}]}"#,
    ] {
        assert_eq!(shapes::decode_order_state(body.as_bytes()).unwrap().unreadable_accounts, [r#"{"mailbox":"a@g.com"}"#], "{body}");
    }
}
