//! What a backup holds: the order book (every order with its history, items, codes and kept
//! answers), the settings, and — only when the buyer ticks it — the saved logins and API keys.
//! Made, inspected (counts and dates, before anything changes) and restored by merging.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::file::{open_backup, seal_backup, BackupFileError};
use crate::db::{schema_version, Database};
use crate::orders::transfer::{opened_or_left_out, MergeReport, OrderRecord};
use crate::orders::{OrderBook, OrderBookError};
use crate::vault::{KdfParams, Secret, Vault, VaultError};

#[derive(Serialize, Deserialize)]
pub struct BackupContents {
    pub made_at: String,
    pub app_version: String,
    /// The order book's schema version the orders were written at.
    pub schema_version: i64,
    pub orders: Vec<OrderRecord>,
    /// `settings.json`'s settings, as they were.
    pub settings: Option<serde_json::Value>,
    /// The vault's named secrets (saved login, API key), opened; only when the buyer asked.
    pub secrets: Option<BTreeMap<String, String>>,
}

/// What a backup holds, shown before a restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub made_at: String,
    pub orders: u32,
    pub items: u32,
    /// When the oldest and the newest order were made.
    pub first_order_at: Option<String>,
    pub last_order_at: Option<String>,
    pub has_secrets: bool,
    /// The settings a merge would give this computer (`settings_to_take`): said before it runs.
    pub settings_to_take: Vec<crate::settings::SettingName>,
}

/// A backup written where the buyer chose, and how many values it left out because this computer
/// could no longer open them (`MadeBackup::left_out`), which the buyer is told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupWritten {
    pub path: String,
    pub left_out: u32,
}

/// What a restore did: the orders merged, and the settings this computer took from the backup
/// (`settings::fill_from_backup`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub orders: MergeReport,
    pub settings_taken: Vec<crate::settings::SettingName>,
    /// The backup's settings could not be saved here; the orders are merged all the same.
    pub settings_not_saved: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    File(#[from] BackupFileError),
    #[error("this backup was made by a newer Mailcart (order book version {found}; this one knows up to {known})")]
    NewerBook { found: i64, known: i64 },
    #[error("the backup's contents could not be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Book(#[from] OrderBookError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("the database could not be read: {0}")]
    Database(#[from] rusqlite::Error),
}

/// The whole book (and the secrets when `with_secrets`) in a backup file sealed under `passphrase`.
pub fn make_backup(
    book: &OrderBook,
    vault: &Vault,
    db: &Database,
    settings: Option<serde_json::Value>,
    with_secrets: bool,
    passphrase: &Secret<String>,
    params: KdfParams,
) -> Result<MadeBackup, BackupError> {
    let mut left_out = 0;
    let secrets = if with_secrets { Some(named_secrets(vault, db, &mut left_out)?) } else { None };
    let exported = book.export_orders()?;
    let contents = BackupContents {
        made_at: crate::timestamps::now(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: schema_version(),
        orders: exported.orders,
        settings,
        secrets,
    };
    let json = zeroize::Zeroizing::new(serde_json::to_vec(&contents).map_err(|e| BackupError::Unreadable(e.to_string()))?);
    Ok(MadeBackup { file: seal_backup(&json, passphrase, params)?, left_out: left_out + exported.left_out })
}

/// A sealed backup file, and how many values it left out because this vault could not open them
/// (`ExportedOrders::left_out`): the buyer is told.
pub struct MadeBackup {
    pub file: Vec<u8>,
    pub left_out: u32,
}

fn named_secrets(vault: &Vault, db: &Database, left_out: &mut u32) -> Result<BTreeMap<String, String>, BackupError> {
    let names: Vec<String> = {
        let conn = db.lock();
        let mut statement = conn.prepare("SELECT name FROM secrets ORDER BY name")?;
        let names = statement.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        names
    };
    let mut secrets = BTreeMap::new();
    for name in names {
        if let Some(value) = opened_or_left_out(vault.load_secret(db, &name), left_out)?.flatten() {
            secrets.insert(name, value.expose().clone());
        }
    }
    Ok(secrets)
}

/// Opens a backup file and says what it holds; nothing is changed.
pub fn inspect(file: &[u8], passphrase: &Secret<String>) -> Result<(BackupContents, BackupSummary), BackupError> {
    let json = open_backup(file, passphrase)?;
    let contents: BackupContents = serde_json::from_slice(&json).map_err(|e| BackupError::Unreadable(e.to_string()))?;
    if contents.schema_version > schema_version() {
        return Err(BackupError::NewerBook { found: contents.schema_version, known: schema_version() });
    }
    let created = |o: &OrderRecord| o.columns.get("created_at").and_then(|v| v.as_str()).map(str::to_owned);
    let summary = BackupSummary {
        made_at: contents.made_at.clone(),
        orders: contents.orders.len() as u32,
        items: contents.orders.iter().map(|o| o.items.len() as u32).sum(),
        first_order_at: contents.orders.iter().filter_map(created).min(),
        last_order_at: contents.orders.iter().filter_map(created).max(),
        has_secrets: contents.secrets.as_ref().is_some_and(|s| !s.is_empty()),
        settings_to_take: Vec::new(),
    };
    Ok((contents, summary))
}

/// The settings a restore of `contents` would take on a computer whose settings are `here`.
pub fn settings_to_take(contents: &BackupContents, here: &crate::settings::Settings) -> Vec<crate::settings::SettingName> {
    contents.settings.as_ref().map(|backup| crate::settings::fill_from_backup(here, backup).1).unwrap_or_default()
}

/// Merges a backup's orders into the book (one transaction), and its secrets into the vault when
/// it has them and this vault lacks them (a secret already here is the newer one).
pub fn restore(book: &OrderBook, vault: &Vault, db: &Database, contents: &BackupContents) -> Result<MergeReport, BackupError> {
    let report = book.merge_orders(&contents.orders)?;
    for (name, value) in contents.secrets.iter().flatten() {
        if !vault.has_secret(db, name)? {
            vault.save_secret(db, name, &Secret::new(value.clone()))?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::test_support::unlocked_book_parts;
    use crate::orders::{DeliveredItem, NewOrder, OrderStatus, StoreKind};

    const FAST: KdfParams = KdfParams::FAST_FOR_TESTS;

    #[test]
    fn a_backup_restores_on_another_book_with_the_secrets_only_when_asked() {
        let (_a_dir, a, a_db, a_vault) = unlocked_book_parts();
        let id = a.record_order(NewOrder { order_no: Some("GS1".into()), ..NewOrder::new(StoreKind::GmailStore, "Gmail", 1, OrderStatus::AwaitingPayment) }).unwrap().id;
        a.record_delivery(id, 0, &[DeliveredItem::account("a@gmail.com", "planted-password")]).unwrap();
        a_vault.save_secret(&a_db, "email-order/api-key", &Secret::from("planted-api-key")).unwrap();
        let pass = Secret::from("backup passphrase");

        let without = make_backup(&a, &a_vault, &a_db, None, false, &pass, FAST).unwrap().file;
        let with = make_backup(&a, &a_vault, &a_db, Some(serde_json::json!({"language": "zh"})), true, &pass, FAST).unwrap().file;
        for file in [&without, &with] {
            for planted in ["planted-password", "planted-api-key", "GS1", "a@gmail.com"] {
                assert!(!file.windows(planted.len()).any(|w| w == planted.as_bytes()), "{planted} in the file");
            }
        }

        let (contents, summary) = inspect(&without, &pass).unwrap();
        assert_eq!((summary.orders, summary.items, summary.has_secrets), (1, 1, false));
        assert_eq!(summary.first_order_at, summary.last_order_at);
        let (_b_dir, b, b_db, b_vault) = unlocked_book_parts();
        assert_eq!(restore(&b, &b_vault, &b_db, &contents).unwrap().added, 1);
        assert!(!b_vault.has_secret(&b_db, "email-order/api-key").unwrap());

        let (contents, summary) = inspect(&with, &pass).unwrap();
        assert!(summary.has_secrets);
        assert_eq!(contents.settings, Some(serde_json::json!({"language": "zh"})));
        assert_eq!(settings_to_take(&contents, &crate::settings::Settings::default()), [crate::settings::SettingName::Language]);
        let chosen_here = crate::settings::Settings { language: crate::settings::LanguageChoice::En, ..Default::default() };
        assert_eq!(settings_to_take(&contents, &chosen_here), []);
        let report = restore(&b, &b_vault, &b_db, &contents).unwrap();
        assert_eq!((report.added, report.unchanged), (0, 1));
        assert_eq!(b_vault.load_secret(&b_db, "email-order/api-key").unwrap().unwrap().expose(), "planted-api-key");
    }

    /// After the keychain's key was lost and a new one started, values sealed under the old key
    /// cannot be opened any more (the Orders page counts them). A backup leaves them out, says how
    /// many, and keeps everything else: before, the first of them failed every backup.
    #[test]
    fn values_this_vault_cannot_open_are_left_out_of_a_backup_and_counted() {
        let (_a_dir, a, a_db, a_vault) = unlocked_book_parts();
        let id = a.record_order(NewOrder { order_no: Some("GS1".into()), ..NewOrder::new(StoreKind::GmailStore, "Gmail", 2, OrderStatus::Delivered) }).unwrap().id;
        a.record_delivery(id, 0, &[DeliveredItem::account("a@gmail.com", "pw-a"), DeliveredItem::account("b@gmail.com", "pw-b")]).unwrap();
        a.record_order(NewOrder { order_no: Some("GS2".into()), ..NewOrder::new(StoreKind::GmailStore, "Gmail", 1, OrderStatus::AwaitingPayment) }).unwrap();
        a_vault.save_secret(&a_db, "email-order/api-key", &Secret::from("key-1")).unwrap();
        a_vault.save_secret(&a_db, "gmailstore/password", &Secret::from("pw-1")).unwrap();
        // Sealed for another record: the vault cannot open them (as under a replaced key).
        {
            let conn = a_db.lock();
            conn.execute("UPDATE delivered_items SET sealed = (SELECT sealed FROM delivered_items WHERE position = 1) WHERE position = 0", []).unwrap();
            conn.execute("UPDATE secrets SET sealed = (SELECT sealed FROM secrets WHERE name = 'email-order/api-key') WHERE name = 'gmailstore/password'", []).unwrap();
        }
        let pass = Secret::from("backup passphrase");
        let made = make_backup(&a, &a_vault, &a_db, None, true, &pass, FAST).unwrap();
        assert_eq!(made.left_out, 2);
        let (contents, summary) = inspect(&made.file, &pass).unwrap();
        assert_eq!((summary.orders, summary.items), (2, 1));
        assert_eq!(contents.secrets.as_ref().map(|s| s.keys().cloned().collect::<Vec<_>>()), Some(vec!["email-order/api-key".to_owned()]));
        let (_b_dir, b, b_db, b_vault) = unlocked_book_parts();
        assert_eq!(restore(&b, &b_vault, &b_db, &contents).unwrap().added, 2);
        let found = b.find(StoreKind::GmailStore, "GS1").unwrap().unwrap();
        let logins: Vec<String> = b.detail(found).unwrap().items.iter().map(|i| i.login.clone()).collect();
        assert_eq!(logins, ["b@gmail.com"]);
        // A book whose values all open leaves nothing out.
        let (_c_dir, c, c_db, c_vault) = unlocked_book_parts();
        c.record_order(NewOrder { order_no: Some("GS3".into()), ..NewOrder::new(StoreKind::GmailStore, "Gmail", 1, OrderStatus::AwaitingPayment) }).unwrap();
        assert_eq!(make_backup(&c, &c_vault, &c_db, None, true, &pass, FAST).unwrap().left_out, 0);
    }

    #[test]
    fn a_backup_from_a_newer_order_book_is_refused_before_anything_changes() {
        let pass = Secret::from("backup passphrase");
        let contents = BackupContents {
            made_at: "2030-01-01T00:00:00Z".into(),
            app_version: "9.0.0".into(),
            schema_version: schema_version() + 1,
            orders: Vec::new(),
            settings: None,
            secrets: None,
        };
        let file = seal_backup(&serde_json::to_vec(&contents).unwrap(), &pass, FAST).unwrap();
        assert!(matches!(inspect(&file, &pass), Err(BackupError::NewerBook { .. })));
        assert!(matches!(inspect(&file, &Secret::from("wrong passphrase")), Err(BackupError::File(BackupFileError::WrongPassphrase))));
    }
}
