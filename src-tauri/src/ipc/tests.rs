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
        ("MissingDetail.ts", crate::checkout::MissingDetail::export_to_string(&config).unwrap()),
        ("StoreCheck.ts", crate::store_check::StoreCheck::export_to_string(&config).unwrap()),
        ("CheckedCall.ts", crate::store_check::CheckedCall::export_to_string(&config).unwrap()),
        ("AppInfo.ts", AppInfo::export_to_string(&config).unwrap()),
        ("UpdateOffer.ts", crate::updates::UpdateOffer::export_to_string(&config).unwrap()),
        ("ProductView.ts", ProductView::export_to_string(&config).unwrap()),
        ("UiLanguage.ts", UiLanguage::export_to_string(&config).unwrap()),
        ("StartupNotice.ts", crate::core::StartupNotice::export_to_string(&config).unwrap()),
        ("VaultStatus.ts", crate::vault::VaultStatus::export_to_string(&config).unwrap()),
        ("VaultProblem.ts", crate::vault::VaultProblem::export_to_string(&config).unwrap()),
        ("Protection.ts", crate::vault::Protection::export_to_string(&config).unwrap()),
        ("Settings.ts", crate::settings::Settings::export_to_string(&config).unwrap()),
        ("LanguageChoice.ts", crate::settings::LanguageChoice::export_to_string(&config).unwrap()),
        ("Coin.ts", crate::settings::Coin::export_to_string(&config).unwrap()),
        ("OrderFilter.ts", crate::orders::OrderFilter::export_to_string(&config).unwrap()),
        ("OrderSummary.ts", crate::orders::OrderSummary::export_to_string(&config).unwrap()),
        ("OrderDetail.ts", crate::orders::OrderDetail::export_to_string(&config).unwrap()),
        ("OrderStatus.ts", crate::orders::OrderStatus::export_to_string(&config).unwrap()),
        ("StoreKind.ts", crate::orders::StoreKind::export_to_string(&config).unwrap()),
        ("StatusEvent.ts", crate::orders::StatusEvent::export_to_string(&config).unwrap()),
        ("PendingAttempt.ts", crate::orders::PendingAttempt::export_to_string(&config).unwrap()),
        ("ItemView.ts", crate::orders::ItemView::export_to_string(&config).unwrap()),
        ("CheckoutView.ts", CheckoutView::export_to_string(&config).unwrap()),
        ("LoginStatus.ts", LoginStatus::export_to_string(&config).unwrap()),
        ("PaymentOptions.ts", PaymentOptions::export_to_string(&config).unwrap()),
        ("CheckoutInput.ts", crate::checkout::CheckoutInput::export_to_string(&config).unwrap()),
        ("PaymentMethod.ts", crate::stores::gmailstore::PaymentMethod::export_to_string(&config).unwrap()),
        ("EmailOrderSetup.ts", EmailOrderSetup::export_to_string(&config).unwrap()),
        ("PlatformView.ts", PlatformView::export_to_string(&config).unwrap()),
        ("CodeItemView.ts", CodeItemView::export_to_string(&config).unwrap()),
        ("CodeOrderView.ts", CodeOrderView::export_to_string(&config).unwrap()),
        ("ItemStatus.ts", crate::stores::email_order::ItemStatus::export_to_string(&config).unwrap()),
        ("ExportFormat.ts", crate::commands::orders::ExportFormat::export_to_string(&config).unwrap()),
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
    let invalid: AppError = crate::settings::SettingsError::Proxy("bad".into()).into();
    let json = serde_json::to_value(invalid).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "invalidInput", "message": "proxy: bad", "field": "proxy"}));
}
