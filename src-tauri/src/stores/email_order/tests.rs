use super::error::EmailOrderError;
use super::models::{ItemStatus, OrderItem, Platform};
use super::envelope;

#[test]
fn success_envelopes_open_to_their_data_with_exact_prices() {
    let platforms: Vec<Platform> = envelope::open(br#"{"code":1,"message":"success","data":[{"_id":"68708da21ef8267d7f1114fb","name":"Twitter","price":0.045,"icon":null}]}"#).unwrap();
    assert_eq!(platforms[0].id, "68708da21ef8267d7f1114fb");
    assert_eq!(platforms[0].price.to_string(), "0.045");
    let order_no: String = envelope::open(br#"{"code":1,"message":"success","data":"E07111835093783"}"#).unwrap();
    assert_eq!(order_no, "E07111835093783");
}

#[test]
fn every_code_other_than_1_is_an_error_with_its_code_and_message() {
    let table = [0, 400, 402, 404, 410, 500, 405, 101, 102, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012];
    for code in table {
        let body = format!(r#"{{"code":{code},"message":"m{code}","data":null}}"#);
        match envelope::open::<serde_json::Value>(body.as_bytes()).unwrap_err() {
            EmailOrderError::Api { code: got, message } => assert_eq!((got, message), (code, format!("m{code}"))),
            other => panic!("code {code}: {other:?}"),
        }
    }
    // An unknown code keeps the server's message too; englishMessage is the fallback.
    match envelope::open::<serde_json::Value>(br#"{"code":7777,"englishMessage":"strange"}"#).unwrap_err() {
        EmailOrderError::Api { code: 7777, message } => assert_eq!(message, "strange"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_401_is_unauthorized_and_the_lockout_is_recognised() {
    match envelope::open::<serde_json::Value>("{\"code\":401,\"message\":\"无效的 token，请重新登录\"}".as_bytes()).unwrap_err() {
        EmailOrderError::Unauthorized { locked_out, .. } => assert!(!locked_out),
        other => panic!("{other:?}"),
    }
    match envelope::open::<serde_json::Value>("{\"code\":401,\"message\":\"超过最大失败次数，请稍后再试\"}".as_bytes()).unwrap_err() {
        EmailOrderError::Unauthorized { locked_out, .. } => assert!(locked_out),
        other => panic!("{other:?}"),
    }
}

#[test]
fn details_decode_with_masked_emails_missing_texts_and_unknown_statuses() {
    let body = br#"{"code":1,"message":"success","data":[
        {"orderDetailNo":"D1","email":"twitter0@mailbox.example","text":"Your code is 482913","status":"CodeReceived","price":0.12,"createTime":"2026-11-25T16:30:00","updateTime":"2026-11-25T16:31:00","expireTime":"2026-11-25T16:50:00","platformName":"Twitter"},
        {"orderDetailNo":"D2","email":"t****@mailbox.example","text":null,"status":"Expired","expireTime":"2026-11-25T16:50:00"},
        {"email":"twitter2@mailbox.example","status":"Waiting"},
        {"email":"twitter3@mailbox.example","text":"  ","status":"SomethingNew","extra":1}
    ]}"#;
    let items: Vec<OrderItem> = envelope::open(body).unwrap();
    assert_eq!(items[0].received_text(), Some("Your code is 482913"));
    assert_eq!(items[1].email, "t****@mailbox.example");
    assert_eq!((items[1].status, items[1].received_text()), (ItemStatus::Expired, None));
    assert_eq!((items[2].status, items[2].expire_time.as_deref()), (ItemStatus::Waiting, None));
    assert_eq!(items[3].status, ItemStatus::Unknown);
    assert!(items[3].status.is_waiting() && items[3].received_text().is_none());
}

#[test]
fn a_missing_field_is_named_with_its_path() {
    match envelope::open::<Vec<OrderItem>>(br#"{"code":1,"data":[{"email":"a@b.c","status":"Waiting"},{"status":"Waiting"}]}"#).unwrap_err() {
        EmailOrderError::Decode { path, message } => {
            assert_eq!(path, "data[1]");
            assert!(message.contains("missing field `email`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}
