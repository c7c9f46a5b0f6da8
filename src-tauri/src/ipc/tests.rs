use std::path::PathBuf;

use ts_rs::{Config, TS};

use super::*;
use crate::locale::UiLanguage;

/// One generated declaration per IPC type. Regenerate with `UPDATE_BINDINGS=1 cargo test`.
fn declarations() -> Vec<(&'static str, String)> {
    let config = Config::default();
    vec![
        ("AppError.ts", AppError::export_to_string(&config).unwrap()),
        ("AppErrorKind.ts", AppErrorKind::export_to_string(&config).unwrap()),
        ("AppInfo.ts", AppInfo::export_to_string(&config).unwrap()),
        ("ProductView.ts", ProductView::export_to_string(&config).unwrap()),
        ("UiLanguage.ts", UiLanguage::export_to_string(&config).unwrap()),
    ]
}

#[test]
fn bindings_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, generated) in declarations() {
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(file);
        }
    }
    assert!(stale.is_empty(), "TypeScript bindings are stale: {stale:?}; run `UPDATE_BINDINGS=1 cargo test bindings`");
}

#[test]
fn money_crosses_as_exact_decimal_text() {
    let product: crate::stores::gmailstore::Product = serde_json::from_str(
        r#"{"id":"a","slug":"s","name_zh":"中","name_en":"E","stock":0,"min_quantity":5,"price":12.345}"#,
    )
    .unwrap();
    let json = serde_json::to_value(ProductView::from(product)).unwrap();
    assert_eq!(json["price"], serde_json::json!("12.345"));
    assert_eq!(json["soldOut"], serde_json::json!(true));
    assert_eq!(json["minQuantity"], serde_json::json!(5));
}

#[test]
fn errors_cross_as_kind_and_message() {
    let json = serde_json::to_value(AppError::new(AppErrorKind::StoreUnavailable, "HTTP 500")).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "storeUnavailable", "message": "HTTP 500"}));
}
