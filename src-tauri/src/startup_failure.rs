//! What the buyer is told when Mailcart cannot open its data at start. Without this, a failure
//! there ended the process before any window appeared (on Windows, with no console, not even a
//! line of text): now a native message box says what happened, what to do, and where the log is,
//! in the buyer's language, and the app exits cleanly without touching anything.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::data_folder::DataFolderError;
use crate::db::DbError;
use crate::locale::UiLanguage;
use crate::settings::{Settings, SETTINGS_FILE, SETTINGS_KEY};
use crate::vault::VaultError;

/// Why the data could not be opened, sorted by what the buyer can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartupFailure {
    /// The data folder cannot be created or written: a read-only or full disk, permissions, a
    /// file where the folder should be.
    DataFolderNotWritable { folder: PathBuf, detail: String },
    /// The database was written by a newer Mailcart; this one must not rewrite it.
    NewerDatabase { found: i64, known: i64 },
    /// The database is damaged and could not be renamed aside to start a new one.
    SetAsideFailed { folder: PathBuf, detail: String },
    /// Anything else (the vault's records, the system's paths, the settings store).
    Other { folder: Option<PathBuf>, detail: String },
}

/// The message box's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureMessage {
    pub title: String,
    pub body: String,
}

impl StartupFailure {
    pub fn from_core(error: &DataFolderError, data_dir: &Path) -> Self {
        let folder = data_dir.to_owned();
        let detail = error.to_string();
        match error {
            DataFolderError::DataDir(..) | DataFolderError::Settings(_) => StartupFailure::DataFolderNotWritable { folder, detail },
            DataFolderError::Db(DbError::TooNew { found, known }) | DataFolderError::Vault(VaultError::Db(DbError::TooNew { found, known })) => {
                StartupFailure::NewerDatabase { found: *found, known: *known }
            }
            DataFolderError::Db(DbError::SetAside(_)) => StartupFailure::SetAsideFailed { folder, detail },
            _ if sqlite_code(error).is_some_and(cannot_write) => StartupFailure::DataFolderNotWritable { folder, detail },
            _ => StartupFailure::Other { folder: Some(folder), detail },
        }
    }

    /// The title and text of the message box. `log` is the log file in use, if one could be opened.
    pub fn message(&self, language: UiLanguage, log: Option<&Path>) -> FailureMessage {
        let zh = language == UiLanguage::Zh;
        let what = match self {
            StartupFailure::DataFolderNotWritable { folder, detail } => if zh {
                format!("Mailcart 无法写入它的数据文件夹：\n{}\n\n磁盘可能已满或为只读，或者该文件夹不允许写入。请释放空间或修正该文件夹的权限，然后重新打开 Mailcart。未做任何更改。\n\n详细信息：{detail}", folder.display())
            } else {
                format!("Mailcart cannot write to its data folder:\n{}\n\nThe disk may be full or read-only, or the folder may not allow writing. Free some space or fix the folder's permissions, then open Mailcart again. Nothing was changed.\n\nDetails: {detail}", folder.display())
            },
            StartupFailure::NewerDatabase { found, known } => if zh {
                format!("您的订单记录是由较新版本的 Mailcart 保存的（数据版本 {found}，本版本最高只能读取 {known}）。为保护这些记录，本版本不会打开或修改它们。\n\n请安装最新版 Mailcart，然后重新打开。")
            } else {
                format!("Your order history was saved by a newer version of Mailcart (data version {found}; this version reads up to {known}). To keep it safe, this version will not open or change it.\n\nInstall the newest Mailcart, then open it again.")
            },
            StartupFailure::SetAsideFailed { folder, detail } => if zh {
                format!("Mailcart 的数据库已损坏，且无法将其移到一旁以新建数据库，因此未做任何更改。\n\n请关闭可能正在使用数据文件夹的程序（备份或同步工具），然后重新打开 Mailcart。\n数据文件夹：{}\n\n详细信息：{detail}", folder.display())
            } else {
                format!("Mailcart's database is damaged and could not be moved aside to start a new one, so nothing was changed.\n\nClose programs that may be using the data folder (backup or sync tools), then open Mailcart again.\nData folder: {}\n\nDetails: {detail}", folder.display())
            },
            StartupFailure::Other { folder, detail } => {
                let place = folder.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
                if zh {
                    format!("Mailcart 无法打开它的数据（{place}）。未做任何更改。\n\n请重新打开 Mailcart；如果问题持续，请将日志发给客服。\n\n详细信息：{detail}")
                } else {
                    format!("Mailcart could not open its data ({place}). Nothing was changed.\n\nOpen Mailcart again; if this keeps happening, send the log to support.\n\nDetails: {detail}")
                }
            }
        };
        let log_line = match (log, zh) {
            (Some(path), true) => format!("日志文件：{}", path.display()),
            (Some(path), false) => format!("The log: {}", path.display()),
            (None, true) => "无法写入日志。".to_owned(),
            (None, false) => "No log could be written.".to_owned(),
        };
        let title = if zh { "Mailcart 无法启动" } else { "Mailcart could not start" };
        FailureMessage { title: title.to_owned(), body: format!("{what}\n\n{log_line}") }
    }
}

/// The language for the message: the one chosen in settings when the settings file can still be
/// read, else the system's.
pub fn language_for(data_dir: &Path) -> UiLanguage {
    let chosen = std::fs::read(data_dir.join(SETTINGS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|file| file.get(SETTINGS_KEY).cloned())
        .and_then(|value| serde_json::from_value::<Settings>(value).ok())
        .map(|settings| settings.language);
    chosen.unwrap_or_default().resolve()
}

fn sqlite_code(error: &DataFolderError) -> Option<ErrorCode> {
    match error {
        DataFolderError::Db(DbError::Sqlite(e)) | DataFolderError::Vault(VaultError::Db(DbError::Sqlite(e))) => e.sqlite_error_code(),
        _ => None,
    }
}

fn cannot_write(code: ErrorCode) -> bool {
    matches!(code, ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::DiskFull)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data_folder::DataFolder;
    use crate::vault::{KdfParams, NoKeyStorage};

    fn open(data_dir: &Path) -> DataFolderError {
        match DataFolder::open(data_dir, Box::new(NoKeyStorage), KdfParams::FAST_FOR_TESTS) {
            Ok(_) => panic!("expected the data folder not to open"),
            Err(error) => error,
        }
    }

    #[test]
    fn a_database_from_a_newer_version_is_named_as_such_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(crate::db::DATABASE_FILE);
        rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 999).unwrap();
        let failure = StartupFailure::from_core(&open(dir.path()), dir.path());
        assert!(matches!(failure, StartupFailure::NewerDatabase { found: 999, .. }), "{failure:?}");
        let log = dir.path().join("logs").join("mailcart.log");
        let en = failure.message(UiLanguage::En, Some(&log));
        assert_eq!(en.title, "Mailcart could not start");
        assert!(en.body.contains("saved by a newer version of Mailcart (data version 999"), "{}", en.body);
        assert!(en.body.contains(&log.display().to_string()));
        let zh = failure.message(UiLanguage::Zh, None);
        assert_eq!(zh.title, "Mailcart 无法启动");
        assert!(zh.body.contains("较新版本的 Mailcart") && zh.body.contains("无法写入日志"), "{}", zh.body);
        let version: i64 = rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 999, "the newer database is left as it was");
    }

    #[test]
    fn a_data_folder_that_cannot_be_made_says_so_and_names_it() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data folder should be: it cannot be created (as with a read-only disk;
        // permissions alone do not stop root, who runs these tests).
        let folder = dir.path().join("app.mailcart.desktop");
        std::fs::write(&folder, "not a folder").unwrap();
        let failure = StartupFailure::from_core(&open(&folder), &folder);
        assert!(matches!(failure, StartupFailure::DataFolderNotWritable { .. }), "{failure:?}");
        let en = failure.message(UiLanguage::En, None);
        assert!(en.body.contains("cannot write to its data folder") && en.body.contains(&folder.display().to_string()), "{}", en.body);
        assert!(failure.message(UiLanguage::Zh, None).body.contains("无法写入它的数据文件夹"));
    }

    #[test]
    fn sqlite_refusing_to_write_counts_as_a_folder_that_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let error = DataFolderError::Db(DbError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY), None)));
        assert!(matches!(StartupFailure::from_core(&error, dir.path()), StartupFailure::DataFolderNotWritable { .. }));
        let error = DataFolderError::Db(DbError::SetAside(std::io::Error::other("in use")));
        assert!(matches!(StartupFailure::from_core(&error, dir.path()), StartupFailure::SetAsideFailed { .. }));
    }

    #[test]
    fn the_language_chosen_in_settings_wins_over_the_systems() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SETTINGS_FILE), r#"{"settings":{"language":"zh"}}"#).unwrap();
        assert_eq!(language_for(dir.path()), UiLanguage::Zh);
        std::fs::write(dir.path().join(SETTINGS_FILE), r#"{"settings":{"language":"en"}}"#).unwrap();
        assert_eq!(language_for(dir.path()), UiLanguage::En);
        std::fs::write(dir.path().join(SETTINGS_FILE), "damaged").unwrap();
        assert_eq!(language_for(dir.path()), UiLanguage::of_system());
    }
}
