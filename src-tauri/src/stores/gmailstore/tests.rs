//! Decoding and error mapping, from JSON text as the store sends it.

use std::time::Duration;

use super::error::GmailStoreError;
use super::models::Product;
use super::shapes;

const DOCUMENTED_LIST: &str = r#"{
  "success": true,
  "products": [
    {
      "id": "30a6d792-9e06-4023-85f4-736dfd9af07d",
      "slug": "gmail-usa-fresh",
      "name_zh": "谷歌企业/教育邮箱",
      "name_en": "Google Workspace / Education Email",
      "stock": 44,
      "min_quantity": 5,
      "price":
0.5
    }
  ]
}"#;

fn list(body: &str) -> Result<Vec<Product>, GmailStoreError> {
    shapes::decode::<shapes::ProductList>(body.as_bytes()).map(|l| l.products)
}

#[test]
fn the_documented_example_decodes() {
    let products = list(DOCUMENTED_LIST).unwrap();
    assert_eq!(products.len(), 1);
    let p = &products[0];
    assert_eq!(p.id, "30a6d792-9e06-4023-85f4-736dfd9af07d");
    assert_eq!((p.stock, p.min_quantity), (44, 5));
    assert_eq!(p.price.to_string(), "0.5");
}

#[test]
fn prices_keep_digits_a_float_would_lose() {
    let body = r#"{"success":true,"products":[
        {"id":"a","slug":"a","name_zh":"甲","name_en":"A","stock":1,"min_quantity":1,"price":12.345},
        {"id":"b","slug":"b","name_zh":"乙","name_en":"B","stock":1,"min_quantity":1,"price":0.1000000000000000055511151231},
        {"id":"c","slug":"c","name_zh":"丙","name_en":"C","stock":1,"min_quantity":1,"price":9007199254740993.5},
        {"id":"d","slug":"d","name_zh":"丁","name_en":"D","stock":1,"min_quantity":1,"price":"0.30"}
    ]}"#;
    let prices: Vec<String> = list(body).unwrap().iter().map(|p| p.price.to_string()).collect();
    assert_eq!(prices, ["12.345", "0.1000000000000000055511151231", "9007199254740993.5", "0.30"]);
}

#[test]
fn a_missing_required_field_names_the_field_and_its_path() {
    let body = r#"{"success":true,"products":[
        {"id":"a","slug":"a","name_zh":"甲","name_en":"A","stock":1,"min_quantity":1,"price":1},
        {"id":"b","slug":"b","name_zh":"乙","name_en":"B","stock":1,"min_quantity":1}
    ]}"#;
    match list(body).unwrap_err() {
        GmailStoreError::Decode { path, message, body: kept } => {
            assert_eq!(path, "products[1]");
            assert!(message.contains("missing field `price`"), "{message}");
            assert_eq!(kept, body);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn a_wrong_typed_field_names_its_path() {
    let body = r#"{"products":[{"id":"a","slug":"a","name_zh":"甲","name_en":"A","stock":"many","min_quantity":1,"price":1}]}"#;
    match list(body).unwrap_err() {
        GmailStoreError::Decode { path, .. } => assert_eq!(path, "products[0].stock"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn unknown_fields_are_ignored_and_camel_case_is_accepted() {
    let body = r#"{"success":true,"total":1,"products":[
        {"id":"a","slug":"a","nameZh":"甲","nameEn":"A","stock":"3","minQuantity":2,"price":"1.50",
         "category":"aged","tags":["x"],"image":{"url":"https://example.com/a.png"}}
    ]}"#;
    let p = &list(body).unwrap()[0];
    assert_eq!((p.name_zh.as_str(), p.name_en.as_str(), p.stock, p.min_quantity), ("甲", "A", 3, 2));
    assert_eq!(p.price.to_string(), "1.50");
}

#[test]
fn a_negative_price_is_refused() {
    let body = r#"{"products":[{"id":"a","slug":"a","name_zh":"甲","name_en":"A","stock":1,"min_quantity":1,"price":-0.5}]}"#;
    match list(body).unwrap_err() {
        GmailStoreError::Decode { path, message, .. } => {
            assert_eq!(path, "products[0].price");
            assert!(message.contains("negative"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn one_product_comes_enveloped_or_bare() {
    let product = r#"{"id":"a","slug":"s","name_zh":"甲","name_en":"A","stock":1,"min_quantity":1,"price":12.345}"#;
    let enveloped = format!(r#"{{"success":true,"product":{product}}}"#);
    assert_eq!(shapes::decode_one_product(enveloped.as_bytes()).unwrap().price.to_string(), "12.345");
    assert_eq!(shapes::decode_one_product(product.as_bytes()).unwrap().price.to_string(), "12.345");
}

#[test]
fn a_broken_enveloped_product_names_the_path_inside_the_envelope() {
    let body = r#"{"success":true,"product":{"id":"a","slug":"s","name_zh":"甲","name_en":"A","stock":1,"price":1}}"#;
    match shapes::decode_one_product(body.as_bytes()).unwrap_err() {
        GmailStoreError::Decode { path, message, body: kept } => {
            assert_eq!(path, "product");
            assert!(message.contains("missing field `min_quantity`"), "{message}");
            assert_eq!(kept, body);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn answer(status: u16, body: &str) -> GmailStoreError {
    GmailStoreError::from_error_answer(status, body.as_bytes(), None)
}

#[test]
fn each_documented_error_body_maps_to_its_error() {
    let body = |m: &str| format!(r#"{{"success":false,"error":"{m}"}}"#);
    assert!(matches!(answer(404, &body("Product not found")), GmailStoreError::ProductNotFound));
    assert!(matches!(answer(400, &body("Insufficient stock")), GmailStoreError::InsufficientStock));
    assert!(matches!(answer(400, &body("Insufficient balance")), GmailStoreError::InsufficientBalance));
    assert!(matches!(answer(400, &body("Quantity cannot exceed 200")), GmailStoreError::QuantityOverCap));
    assert!(matches!(
        answer(400, &body("Please provide both order number and email")),
        GmailStoreError::LookupNeedsOrderAndEmail
    ));
    match answer(400, &body("Minimum quantity is 5")) {
        GmailStoreError::BelowMinimumQuantity { minimum, message } => {
            assert_eq!(minimum, Some(5));
            assert_eq!(message, "Minimum quantity is 5");
        }
        other => panic!("{other:?}"),
    }
    // The number is optional in the document (`docs/api/gmailstore.md`: "Minimum quantity is ..."):
    // no number, still mapped.
    assert!(matches!(
        answer(400, &body("Minimum quantity is reached")),
        GmailStoreError::BelowMinimumQuantity { minimum: None, .. }
    ));
}

#[test]
fn undocumented_messages_keep_the_stores_text_and_status() {
    let error = answer(403, r#"{"success":false,"error":"Forbidden for this account"}"#);
    match &error {
        GmailStoreError::Api { status, message } => assert_eq!((*status, message.as_str()), (403, "Forbidden for this account")),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("Forbidden for this account"));
    assert!(matches!(
        answer(401, r#"{"success":false,"error":"Invalid token"}"#),
        GmailStoreError::Unauthorized { message } if message == "Invalid token"
    ));
    assert!(matches!(answer(500, r#"{"success":false,"message":"db down"}"#), GmailStoreError::Api { status: 500, message } if message == "db down"));
}

#[test]
fn rate_limits_carry_retry_after_and_non_json_bodies_are_not_guessed_at() {
    match GmailStoreError::from_error_answer(429, b"Too Many Requests", Some(Duration::from_secs(42))) {
        GmailStoreError::RateLimited { retry_after } => assert_eq!(retry_after, Some(Duration::from_secs(42))),
        other => panic!("{other:?}"),
    }
    assert!(matches!(answer(502, "<html>bad gateway</html>"), GmailStoreError::UnexpectedBody { status: 502, .. }));
    assert!(matches!(answer(500, ""), GmailStoreError::UnexpectedBody { status: 500, .. }));
}

#[test]
fn a_200_that_says_success_false_is_an_error() {
    assert_eq!(shapes::declared_failure(br#"{"success":false,"error":"Product not found"}"#).as_deref(), Some("Product not found"));
    assert_eq!(shapes::declared_failure(br#"{"success":true,"products":[]}"#), None);
    assert_eq!(shapes::declared_failure(b"[1,2]"), None);
}
