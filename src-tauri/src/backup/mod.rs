//! Backups of the order book that move to another computer (issue 17): one file sealed under a
//! passphrase the buyer chooses. `file` is the container; what goes in it comes next.

pub mod contents;
pub mod file;
pub mod opened;
pub mod reminder;

pub use contents::{inspect, make_backup, restore, BackupWritten, MadeBackup, settings_to_take, BackupContents, BackupError, BackupSummary, RestoreReport};
pub use opened::OpenedBackup;
pub use file::{open_backup, seal_backup, BackupFileError, BACKUP_FORMAT_VERSION};
