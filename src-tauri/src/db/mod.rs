//! The app's one SQLite database (`mailcart.db`): the order book and the vault's sealed records.
//! WAL mode with synchronous commits: once a write returns, it survives a crash or power cut.

mod migrations;

pub use migrations::current_version as schema_version;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode};


pub const DATABASE_FILE: &str = "mailcart.db";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not set the damaged database aside: {0}")]
    SetAside(std::io::Error),
    #[error("the database was written by a newer Mailcart (schema {found}, this version knows {known}); update Mailcart")]
    TooNew { found: i64, known: i64 },
}

pub struct Database {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// What opening found: the database, and where a damaged one was moved, if it was.
pub struct Opened {
    pub db: Database,
    pub damaged_copy: Option<PathBuf>,
}

impl Database {
    /// Opens (or creates) the database at `path` and brings its schema up to date. A file that is
    /// not a readable SQLite database is renamed aside (never deleted) and a new one is started.
    pub fn open(path: &Path) -> Result<Opened, DbError> {
        match Self::open_checked(path) {
            Ok(db) => Ok(Opened { db, damaged_copy: None }),
            Err(DbError::Sqlite(error)) if is_damage(&error) => {
                let damaged_copy = set_aside(path)?;
                log::warn!("database at {} was damaged; kept as {}", path.display(), damaged_copy.display());
                Ok(Opened { db: Self::open_checked(path)?, damaged_copy: Some(damaged_copy) })
            }
            Err(other) => Err(other),
        }
    }

    fn open_checked(path: &Path) -> Result<Database, DbError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Err(DbError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(check),
            )));
        }
        // Before anything that writes (WAL mode is kept in the file's header): a database from a
        // newer Mailcart is left exactly as it is.
        migrations::refuse_newer(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        flush_to_the_platter(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::apply(&conn)?;
        Ok(Database { conn: Mutex::new(conn), path: path.to_owned() })
    }

    /// The connection, for one unit of work. Holding it serialises writers within the process;
    /// the single-instance rule keeps other processes out.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// On macOS, `fsync` only hands the data to the drive, whose cache may lose it in a power cut;
/// only `F_FULLFSYNC` reaches the disk. SQLite uses it when asked, for commits and for WAL
/// checkpoints. Elsewhere `synchronous=FULL`'s `fsync` already is that flush.
#[cfg(target_os = "macos")]
fn flush_to_the_platter(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "fullfsync", "ON")?;
    conn.pragma_update(None, "checkpoint_fullfsync", "ON")
}

#[cfg(not(target_os = "macos"))]
fn flush_to_the_platter(_conn: &Connection) -> rusqlite::Result<()> {
    Ok(())
}

fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(error.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// Renames the database and its WAL/SHM files to `<name>.damaged-<time>`; returns the new name.
fn set_aside(path: &Path) -> Result<PathBuf, DbError> {
    let aside = crate::damaged_files::set_aside(path).map_err(DbError::SetAside)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", aside.display())).map_err(DbError::SetAside)?;
        }
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_set_aside_with_its_bytes_and_a_new_database_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let garbage = b"this is not a database, but it is someone's file".repeat(200);
        std::fs::write(&path, &garbage).unwrap();
        let opened = Database::open(&path).unwrap();
        let aside = opened.damaged_copy.expect("the damage is reported");
        assert_eq!(std::fs::read(&aside).unwrap(), garbage, "the damaged file is kept byte for byte");
        let tables: i64 = opened.db.lock().query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn a_good_database_is_reopened_untouched_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        {
            let opened = Database::open(&path).unwrap();
            assert!(opened.damaged_copy.is_none());
            opened.db.lock().execute("INSERT INTO secrets(name, sealed, updated_at) VALUES ('x', x'01', 'now')", []).unwrap();
        }
        let opened = Database::open(&path).unwrap();
        assert!(opened.damaged_copy.is_none());
        let conn = opened.db.lock();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
        let kept: i64 = conn.query_row("SELECT count(*) FROM secrets", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 1);
    }

    /// What a commit asks of the disk on this system: on macOS both full-flush pragmas are on.
    #[test]
    fn commits_use_the_platforms_real_flush() {
        let dir = tempfile::tempdir().unwrap();
        let opened = Database::open(&dir.path().join(DATABASE_FILE)).unwrap();
        let conn = opened.db.lock();
        let fullfsync: i64 = conn.query_row("PRAGMA fullfsync", [], |r| r.get(0)).unwrap();
        let checkpoint_fullfsync: i64 = conn.query_row("PRAGMA checkpoint_fullfsync", [], |r| r.get(0)).unwrap();
        let expected = if cfg!(target_os = "macos") { 1 } else { 0 };
        assert_eq!((fullfsync, checkpoint_fullfsync), (expected, expected));
    }

    #[test]
    fn a_newer_schema_is_refused_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        drop(Database::open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        match Database::open(&path) {
            Err(DbError::TooNew { found: 999, .. }) => {}
            Err(other) => panic!("expected TooNew, got {other}"),
            Ok(_) => panic!("expected TooNew, got a database"),
        }
        assert!(std::fs::read(&path).unwrap() == before, "not a byte of the newer database changed (not even its journal mode)");
    }
}
