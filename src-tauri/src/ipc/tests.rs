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
        ("StartupNotice.ts", crate::data_folder::StartupNotice::export_to_string(&config).unwrap()),
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
        ("ItemField.ts", crate::orders::ItemField::export_to_string(&config).unwrap()),
        ("FieldKind.ts", crate::orders::FieldKind::export_to_string(&config).unwrap()),
        ("CheckoutView.ts", CheckoutView::export_to_string(&config).unwrap()),
        ("LoginStatus.ts", LoginStatus::export_to_string(&config).unwrap()),
        ("PaymentOptions.ts", PaymentOptions::export_to_string(&config).unwrap()),
        ("CheckoutInput.ts", crate::checkout::CheckoutInput::export_to_string(&config).unwrap()),
        ("PaymentMethod.ts", crate::stores::gmailstore::PaymentMethod::export_to_string(&config).unwrap()),
        ("ReceiveCodesSetup.ts", ReceiveCodesSetup::export_to_string(&config).unwrap()),
        ("PlatformView.ts", PlatformView::export_to_string(&config).unwrap()),
        ("CodeItemView.ts", CodeItemView::export_to_string(&config).unwrap()),
        ("CodeOrderView.ts", CodeOrderView::export_to_string(&config).unwrap()),
        ("BackupSummary.ts", crate::backup::BackupSummary::export_to_string(&config).unwrap()),
        ("BackupWritten.ts", crate::backup::BackupWritten::export_to_string(&config).unwrap()),
        ("MergeReport.ts", crate::orders::transfer::MergeReport::export_to_string(&config).unwrap()),
        ("RestoreReport.ts", crate::backup::RestoreReport::export_to_string(&config).unwrap()),
        ("SettingName.ts", crate::settings::SettingName::export_to_string(&config).unwrap()),
        ("Watch.ts", crate::watch::Watch::export_to_string(&config).unwrap()),
        ("WatchSeen.ts", crate::watch::WatchSeen::export_to_string(&config).unwrap()),
        ("WatchAlert.ts", crate::watch::WatchAlert::export_to_string(&config).unwrap()),
        ("WatchRequest.ts", crate::watch::WatchRequest::export_to_string(&config).unwrap()),
        ("AutoCopied.ts", crate::ipc::AutoCopied::export_to_string(&config).unwrap()),
        ("ItemStatus.ts", crate::stores::email_order::ItemStatus::export_to_string(&config).unwrap()),
        ("LastCatalogue.ts", crate::last_catalogue::LastCatalogue::export_to_string(&config).unwrap()),
        ("Quote.ts", crate::quantity::Quote::export_to_string(&config).unwrap()),
        ("RuleError.ts", crate::quantity::RuleError::export_to_string(&config).unwrap()),
        ("ExportFormat.ts", crate::orders::export::ExportFormat::export_to_string(&config).unwrap()),
    ]
}

/// The limits and lists the UI needs, as values: written from Rust so that the UI holds no copy.
fn constants() -> String {
    use crate::stores::gmailstore::Coin;
    let coins: Vec<String> = Coin::ALL
        .iter()
        .map(|c| {
            let (en, zh) = c.network();
            let (not_en, not_zh) = c.must_not_send();
            let explorer = crate::checkout::explorer::Chain::of(*c).explorer_host();
            format!(
                "  {{ coin: {:?}, token: {:?}, network: {{ en: {en:?}, zh: {zh:?} }}, mustNotSend: {{ en: {not_en:?}, zh: {not_zh:?} }}, explorer: {explorer:?} }},",
                c.as_str(),
                c.token()
            )
        })
        .collect();
    format!(
        "// Generated from Rust by src-tauri/src/ipc/tests.rs (`UPDATE_BINDINGS=1 cargo test bindings`). Do not edit this file manually.\n\
         import type {{ Coin }} from \"./Coin\";\n\
         import type {{ OrderStatus }} from \"./OrderStatus\";\n\
         import type {{ PaymentMethod }} from \"./PaymentMethod\";\n\
         import type {{ StoreKind }} from \"./StoreKind\";\n\n\
         /** The most accounts one GmailStore order may ask for (`checkout::MAX_QUANTITY`). */\n\
         export const MAX_QUANTITY = {};\n\n\
         /** The most emails one receive-code buy may ask for (`receive_codes::MAX_BUY_COUNT`). */\n\
         export const MAX_BUY_COUNT = {};\n\n\
         /** How many orders one list of the order book returns, a page of the Orders page (`orders::ORDERS_PAGE`). */\n\
         export const ORDERS_PAGE = {};\n\n\
         /** Every coin the app pays with, its token, the network it must be sent on, what must not be sent instead (`Coin`) and the host of its chain's block explorer (`checkout::explorer`); the first is the default. */\n\
         export const COINS: ReadonlyArray<{{ coin: Coin; token: string; network: {{ en: string; zh: string }}; mustNotSend: {{ en: string; zh: string }}; explorer: string }}> = [\n{}\n];\n\n\
         /** Every order status, in the order the Orders page offers them (`OrderStatus::ALL`). */\n\
         export const ORDER_STATUSES: ReadonlyArray<OrderStatus> = {};\n\n\
         /** Every store the order book keeps orders of (`StoreKind::ALL`). */\n\
         export const STORE_KINDS: ReadonlyArray<StoreKind> = {};\n\n\
         /** Every way to pay a GmailStore order, in the order the checkout offers them (`PaymentMethod::ALL`). */\n\
         export const PAYMENT_METHODS: ReadonlyArray<PaymentMethod> = {};\n",
        crate::checkout::MAX_QUANTITY,
        crate::receive_codes::MAX_BUY_COUNT,
        crate::orders::ORDERS_PAGE,
        coins.join("\n"),
        serde_json::to_string(&crate::orders::OrderStatus::ALL).unwrap(),
        serde_json::to_string(&crate::orders::StoreKind::ALL).unwrap(),
        serde_json::to_string(&crate::stores::gmailstore::PaymentMethod::ALL).unwrap(),
    )
}

/// Everything generated from Rust for the UI and the web view's guards, by path from the root.
fn generated_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = declarations().into_iter().map(|(file, text)| (format!("ui/src/bindings/{file}"), text)).collect();
    files.push(("ui/src/bindings/constants.ts".into(), constants()));
    let commands = crate::commands::signatures();
    files.push(("ui/src/bindings/commands.ts".into(), crate::commands::surface::commands_ts(&commands)));
    files.push(("src-tauri/capabilities/main-window.json".into(), crate::commands::surface::capability_json(crate::commands::NAMES)));
    files
}

#[test]
fn bindings_are_current() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, generated) in generated_files() {
        let path = root.join(&file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(file);
        }
    }
    assert!(stale.is_empty(), "generated files are stale: {stale:?}; run `UPDATE_BINDINGS=1 cargo test bindings`");
}

/// Every command has a distinct name and a distinct call in the UI.
#[test]
fn the_command_list_names_each_command_once() {
    let names: std::collections::BTreeSet<&str> = crate::commands::NAMES.iter().copied().collect();
    assert_eq!(names.len(), crate::commands::NAMES.len());
    let typed = crate::commands::surface::commands_ts(&crate::commands::signatures());
    assert!(typed.contains("receiveCodesRefresh: (id: number, tryKeyAgain: boolean) => call<CodeOrderView>(\"receive_codes_refresh\", { id, tryKeyAgain }),"), "{typed}");
    assert!(typed.contains("listProducts: () => call<Array<ProductView>>(\"list_products\"),"), "{typed}");
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

/// The store's own words cross as their own field: the UI shows them without parsing Rust's text.
#[test]
fn a_store_refusal_carries_the_stores_own_words() {
    let refused = AppError::from(crate::stores::email_order::EmailOrderError::Api { code: 7777, message: "奇怪的错误".into() });
    let json = serde_json::to_value(refused).unwrap();
    assert_eq!((json["code"].as_i64(), json["storeMessage"].as_str()), (Some(7777), Some("奇怪的错误")));
    let refused = AppError::from(crate::stores::gmailstore::GmailStoreError::Api { status: 400, message: "Invalid coupon code".into() });
    assert_eq!(refused.store_message.as_deref(), Some("Invalid coupon code"));
}
