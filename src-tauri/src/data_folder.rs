//! Everything the app keeps on disk, opened together from its data folder: the database, the
//! vault and the order book, plus what went wrong on the way (shown to the user at start).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::db::{Database, DbError, DATABASE_FILE};
use crate::orders::OrderBook;
use crate::settings::{check_settings_file, SETTINGS_FILE};
use crate::vault::{KdfParams, KeyStorage, Vault, VaultError};

/// Something the user must be told about at start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum StartupNotice {
    /// The database could not be read; it was kept under `keptAs` and a new one started.
    DatabaseDamaged { kept_as: String },
    /// The settings file could not be read; it was kept under `keptAs` and defaults are in use.
    SettingsDamaged { kept_as: String },
    /// `count` orders were sent to a store and no answer was recorded (the app stopped or the
    /// connection broke): each may exist, and the Orders page offers the lookup.
    UnansweredOrders { count: u32 },
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataFolderError {
    #[error("cannot create the data folder {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error("cannot check the settings file: {0}")]
    Settings(std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Vault(#[from] VaultError),
}

pub struct DataFolder {
    pub data_dir: PathBuf,
    pub db: Arc<Database>,
    pub vault: Arc<Vault>,
    pub orders: OrderBook,
}

impl DataFolder {
    /// Refuses with `VaultLocked` while the vault is locked: what `purpose` keeps cannot be sealed.
    pub fn require_unlocked(&self, purpose: &str) -> Result<(), crate::ipc::AppError> {
        if self.vault.is_unlocked() {
            Ok(())
        } else {
            Err(crate::ipc::AppError::new(crate::ipc::AppErrorKind::VaultLocked, format!("unlock your saved data first, {purpose}")))
        }
    }

    pub fn open(data_dir: &Path, keychain: Box<dyn KeyStorage>, kdf: KdfParams) -> Result<(DataFolder, Vec<StartupNotice>), DataFolderError> {
        std::fs::create_dir_all(data_dir).map_err(|e| DataFolderError::DataDir(data_dir.to_owned(), e))?;
        let mut notices = Vec::new();
        if let Some(kept) = check_settings_file(&data_dir.join(SETTINGS_FILE)).map_err(DataFolderError::Settings)? {
            notices.push(StartupNotice::SettingsDamaged { kept_as: kept.display().to_string() });
        }
        let opened = Database::open(&data_dir.join(DATABASE_FILE))?;
        if let Some(kept) = opened.damaged_copy {
            notices.push(StartupNotice::DatabaseDamaged { kept_as: kept.display().to_string() });
        }
        let db = Arc::new(opened.db);
        let vault = Arc::new(Vault::open(&db, keychain, kdf)?);
        let orders = OrderBook::new(db.clone(), vault.clone());
        // Attempts hold no secrets: they can be counted before the vault is unlocked. A failure
        // here must not keep the app from opening; the Orders page lists them again.
        match orders.unresolved_attempts() {
            Ok(unanswered) if !unanswered.is_empty() => notices.push(StartupNotice::UnansweredOrders { count: unanswered.len() as u32 }),
            Ok(_) => {}
            Err(error) => log::warn!("could not list unanswered orders: {error}"),
        }
        Ok((DataFolder { data_dir: data_dir.to_owned(), db, vault, orders }, notices))
    }
}
