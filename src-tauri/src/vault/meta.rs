//! The vault's record in the database: how the key is protected, a sealed check value to know the
//! right key when we see it, and the passphrase wrap if there is one. Nothing here is secret.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::passphrase::{KdfParams, PassphraseWrap};
use crate::db::{Database, DbError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Protection {
    Keychain,
    Passphrase,
    SessionOnly,
}

impl Protection {
    fn as_str(self) -> &'static str {
        match self {
            Protection::Keychain => "keychain",
            Protection::Passphrase => "passphrase",
            Protection::SessionOnly => "session-only",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "keychain" => Some(Protection::Keychain),
            "passphrase" => Some(Protection::Passphrase),
            "session-only" => Some(Protection::SessionOnly),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultMeta {
    pub protection: Protection,
    pub key_check: Vec<u8>,
    pub passphrase_wrap: Option<PassphraseWrap>,
}

impl VaultMeta {
    pub fn new(protection: Protection, key_check: Vec<u8>) -> Self {
        VaultMeta { protection, key_check, passphrase_wrap: None }
    }
}

type MetaRow = (String, Vec<u8>, Option<Vec<u8>>, Option<u32>, Option<u32>, Option<u32>, Option<Vec<u8>>);

pub(super) fn load(db: &Database) -> Result<Option<VaultMeta>, DbError> {
    let row: Option<MetaRow> = db
        .lock()
        .query_row(
            "SELECT protection, key_check, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_parallelism, wrapped_key
             FROM vault_meta WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((protection, key_check, salt, memory_kib, iterations, parallelism, wrapped_key)) = row else {
        return Ok(None);
    };
    // An unknown protection word can only come from a newer app; treat as passphrase-protected so
    // the user is asked, rather than the vault being recreated over it.
    let protection = Protection::parse(&protection).unwrap_or(Protection::Passphrase);
    let passphrase_wrap = match (salt, memory_kib, iterations, parallelism, wrapped_key) {
        (Some(salt), Some(memory_kib), Some(iterations), Some(parallelism), Some(wrapped_key)) => {
            Some(PassphraseWrap { salt, params: KdfParams { memory_kib, iterations, parallelism }, wrapped_key })
        }
        _ => None,
    };
    Ok(Some(VaultMeta { protection, key_check, passphrase_wrap }))
}

pub(super) fn save(db: &Database, meta: &VaultMeta) -> Result<(), DbError> {
    let wrap = meta.passphrase_wrap.as_ref();
    db.lock().execute(
        "INSERT INTO vault_meta(id, protection, key_check, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_parallelism, wrapped_key)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET protection = excluded.protection, key_check = excluded.key_check,
           kdf_salt = excluded.kdf_salt, kdf_memory_kib = excluded.kdf_memory_kib,
           kdf_iterations = excluded.kdf_iterations, kdf_parallelism = excluded.kdf_parallelism,
           wrapped_key = excluded.wrapped_key",
        rusqlite::params![
            meta.protection.as_str(),
            meta.key_check,
            wrap.map(|w| w.salt.clone()),
            wrap.map(|w| w.params.memory_kib),
            wrap.map(|w| w.params.iterations),
            wrap.map(|w| w.params.parallelism),
            wrap.map(|w| w.wrapped_key.clone()),
        ],
    )?;
    Ok(())
}
