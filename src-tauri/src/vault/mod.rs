//! The vault: one random 256-bit data key seals every secret the app keeps (saved login, API keys,
//! order access tokens, delivered accounts, raw store answers).
//!
//! Where the data key lives is the protection in use:
//! - `Keychain`: in the OS keychain (the default wherever there is one);
//! - `Passphrase`: nowhere; it is wrapped under a passphrase the user types at each start;
//! - `SessionOnly` ("don't remember"): in memory only, gone when the app closes.
//! A keychain vault may also carry a recovery passphrase wrap, used if the keychain entry is lost.
//! Secrets are never written in plain text: with no key, nothing secret is written at all.

mod keychain;
mod meta;
mod passphrase;
mod seal;
mod secret;
#[cfg(target_os = "linux")]
mod secret_service;

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

pub use keychain::{platform_key_storage, KeyStorage, KeychainError, KeyringKeyStorage, NoKeyStorage, KEYCHAIN_SERVICE};
pub use meta::{Protection, VaultMeta};
pub use passphrase::{KdfParams, PassphraseError, MIN_PASSPHRASE_CHARS};
pub use seal::{DataKey, SealError};
// For files sealed under a passphrase of their own (a backup), not under the vault's data key.
pub(crate) use passphrase::derive as derive_passphrase_key;
pub(crate) use seal::{open as open_with_key, seal as seal_with_key};
pub use secret::Secret;

use crate::db::{Database, DbError};

const KEY_CHECK_RECORD: &str = "vault/key-check";
const KEY_CHECK_TEXT: &[u8] = b"mailcart data key";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    #[error("the vault is locked")]
    Locked,
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("this is not possible in the vault's current state: {0}")]
    WrongState(&'static str),
}

impl From<rusqlite::Error> for VaultError {
    fn from(error: rusqlite::Error) -> Self {
        VaultError::Db(DbError::Sqlite(error))
    }
}

/// Why the vault is not open, as the UI explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VaultProblem {
    /// First start on a machine with no usable keychain: choose a passphrase or "don't remember".
    NoKeychain,
    /// The vault uses a passphrase: type it.
    PassphraseNeeded,
    /// The keychain entry is gone (or changed) but a recovery passphrase exists: type it.
    KeychainEntryMissing,
    /// The keychain is there but refused access (locked, denied) and there is no passphrase.
    KeychainUnavailable,
    /// The key is gone and there is no passphrase: old sealed data cannot be opened. Nothing is
    /// deleted; the user may start a new key for new data.
    KeyLost,
    /// The last session was "don't remember": its sealed data is unreadable; choose again.
    SessionKeyGone,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub unlocked: bool,
    pub protection: Option<Protection>,
    pub has_recovery_passphrase: bool,
    pub problem: Option<VaultProblem>,
}

struct State {
    key: Option<DataKey>,
    meta: Option<VaultMeta>,
    problem: Option<VaultProblem>,
    /// "Don't remember": secrets live here, never on disk.
    session_secrets: HashMap<String, Secret<String>>,
}

pub struct Vault {
    state: Mutex<State>,
    keychain: Box<dyn KeyStorage>,
    kdf: KdfParams,
}

impl Vault {
    /// Opens the vault recorded in `db`, fetching the key from `keychain` where it lives there.
    /// On a first start with a working keychain, creates the key and stores it there.
    pub fn open(db: &Database, keychain: Box<dyn KeyStorage>, kdf: KdfParams) -> Result<Vault, VaultError> {
        let meta = meta::load(db)?;
        let vault = Vault {
            state: Mutex::new(State { key: None, meta: meta.clone(), problem: None, session_secrets: HashMap::new() }),
            keychain,
            kdf,
        };
        let problem = match &meta {
            None => vault.create_in_keychain(db).err(),
            Some(meta) => vault.open_existing(meta).err(),
        };
        vault.lock_state().problem = problem;
        Ok(vault)
    }

    /// Starts this database's vault with the key in the keychain: the one already there when there
    /// is one, else a new one. The entry is never replaced: data sealed under it may still exist (a
    /// damaged database set aside, a copy in a backup), and it opens only with that key.
    fn create_in_keychain(&self, db: &Database) -> Result<(), VaultProblem> {
        let existing = match self.keychain.load() {
            Ok(existing) => existing.and_then(|bytes| DataKey::from_bytes(&bytes).ok()),
            Err(error) => {
                log::warn!("no usable keychain: {error}");
                return Err(VaultProblem::NoKeychain);
            }
        };
        let (key, stored) = match existing {
            Some(key) => {
                log::info!("a data key is already in the keychain: this database uses it");
                let stored = Ok(Some(key.as_bytes().to_vec()));
                (key, stored)
            }
            None => {
                let key = DataKey::generate().map_err(|_| VaultProblem::NoKeychain)?;
                let stored = self.keychain.save(key.as_bytes()).and_then(|()| self.keychain.load());
                (key, stored)
            }
        };
        match stored {
            // Read back before trusting it: some keychains accept a write they cannot return.
            Ok(Some(bytes)) if bytes.as_slice() == key.as_bytes() => {
                let meta = VaultMeta::new(Protection::Keychain, seal_check(&key).map_err(|_| VaultProblem::NoKeychain)?);
                meta::save(db, &meta).map_err(|_| VaultProblem::NoKeychain)?;
                let mut state = self.lock_state();
                state.meta = Some(meta);
                state.key = Some(key);
                Ok(())
            }
            Ok(_) => Err(VaultProblem::NoKeychain),
            Err(error) => {
                log::warn!("no usable keychain: {error}");
                Err(VaultProblem::NoKeychain)
            }
        }
    }

    fn open_existing(&self, meta: &VaultMeta) -> Result<(), VaultProblem> {
        let has_wrap = meta.passphrase_wrap.is_some();
        match meta.protection {
            Protection::Passphrase => Err(VaultProblem::PassphraseNeeded),
            Protection::SessionOnly => Err(VaultProblem::SessionKeyGone),
            Protection::Keychain => match self.keychain.load() {
                Ok(Some(bytes)) => match DataKey::from_bytes(&bytes) {
                    Ok(key) if check_matches(&key, meta) => {
                        self.lock_state().key = Some(key);
                        Ok(())
                    }
                    _ if has_wrap => Err(VaultProblem::KeychainEntryMissing),
                    _ => Err(VaultProblem::KeyLost),
                },
                Ok(None) if has_wrap => Err(VaultProblem::KeychainEntryMissing),
                Ok(None) => Err(VaultProblem::KeyLost),
                Err(error) => {
                    log::warn!("keychain unavailable: {error}");
                    Err(if has_wrap { VaultProblem::KeychainEntryMissing } else { VaultProblem::KeychainUnavailable })
                }
            },
        }
    }

    /// Tries the keychain again: reopens a keychain vault whose keychain was unavailable, or, where
    /// there is no readable key at all (first start, key lost, last session "don't remember"),
    /// starts anew with the keychain's key (a new one only when the entry is empty). Old sealed
    /// data is never deleted, and the keychain entry never replaced.
    pub fn retry_keychain(&self, db: &Database) -> Result<VaultStatus, VaultError> {
        let (problem, meta) = {
            let state = self.lock_state();
            if state.key.is_some() {
                return Err(VaultError::WrongState("the vault is already open"));
            }
            (state.problem, state.meta.clone())
        };
        let outcome = match (problem, meta) {
            (Some(VaultProblem::KeychainUnavailable | VaultProblem::KeychainEntryMissing), Some(meta)) => self.open_existing(&meta),
            (Some(VaultProblem::PassphraseNeeded), _) => Err(VaultProblem::PassphraseNeeded),
            _ => self.create_in_keychain(db),
        };
        self.lock_state().problem = outcome.err();
        Ok(self.status())
    }

    pub fn status(&self) -> VaultStatus {
        let state = self.lock_state();
        VaultStatus {
            unlocked: state.key.is_some(),
            protection: state.key.as_ref().and(state.meta.as_ref()).map(|m| m.protection),
            has_recovery_passphrase: state.meta.as_ref().is_some_and(|m| m.passphrase_wrap.is_some()),
            problem: state.problem,
        }
    }

    pub fn is_unlocked(&self) -> bool {
        self.lock_state().key.is_some()
    }

    /// Opens a passphrase vault (or a keychain vault whose entry is missing, restoring the entry).
    /// A wrong passphrase changes nothing.
    pub fn unlock(&self, passphrase: &Secret<String>) -> Result<(), VaultError> {
        let meta = self.lock_state().meta.clone().ok_or(VaultError::WrongState("there is no vault to unlock yet"))?;
        let wrap = meta.passphrase_wrap.as_ref().ok_or(VaultError::WrongState("this vault has no passphrase"))?;
        let key = passphrase::unwrap(wrap, passphrase)?;
        if !check_matches(&key, &meta) {
            return Err(PassphraseError::Wrong.into());
        }
        if meta.protection == Protection::Keychain {
            // Put the key back where it belongs when the entry is empty; failing that, the
            // passphrase still works next time. An entry holding another key (another book's), or
            // one that cannot be read now (a locked keychain), is never replaced: a book sealed
            // under that key could not be opened again.
            match self.keychain.load() {
                Ok(None) => {
                    if let Err(error) = self.keychain.save(key.as_bytes()) {
                        log::warn!("could not restore the keychain entry: {error}");
                    }
                }
                Ok(Some(held)) if held.as_slice() == key.as_bytes() => {}
                Ok(Some(_)) => log::warn!("the keychain holds another key; it is left as it is"),
                Err(error) => log::warn!("the keychain entry could not be read, so it is left as it is: {error}"),
            }
        }
        let mut state = self.lock_state();
        state.key = Some(key);
        state.problem = None;
        Ok(())
    }

    /// Sets (or changes) the passphrase. On a vault with no key yet (no keychain, or "don't
    /// remember" last time) this creates the key and makes the passphrase its protection; on a
    /// keychain vault it becomes the recovery passphrase; on a session-only vault it makes the
    /// current key permanent, so what was sealed this session stays readable.
    pub fn set_passphrase(&self, db: &Database, passphrase: &Secret<String>) -> Result<(), VaultError> {
        let mut state = self.lock_state();
        if state.key.is_none() && !matches!(state.problem, Some(VaultProblem::NoKeychain | VaultProblem::SessionKeyGone | VaultProblem::KeyLost)) {
            return Err(VaultError::WrongState("unlock the vault before changing its passphrase"));
        }
        let key = match &state.key {
            Some(key) => key.clone(),
            None => DataKey::generate()?,
        };
        let wrap = passphrase::wrap(&key, passphrase, self.kdf)?;
        let protection = match (&state.key, state.meta.as_ref().map(|m| m.protection)) {
            (Some(_), Some(Protection::Keychain)) => Protection::Keychain,
            _ => Protection::Passphrase,
        };
        let mut meta = match (&state.key, &state.meta) {
            (Some(_), Some(meta)) => meta.clone(),
            _ => VaultMeta::new(protection, seal_check(&key)?),
        };
        meta.protection = protection;
        meta.passphrase_wrap = Some(wrap);
        meta::save(db, &meta)?;
        // Secrets held only in memory ("don't remember") now have a key that lasts: write them.
        let pending: Vec<(String, Secret<String>)> = state.session_secrets.drain().collect();
        state.meta = Some(meta);
        state.key = Some(key.clone());
        state.problem = None;
        drop(state);
        for (name, value) in pending {
            self.save_secret(db, &name, &value)?;
        }
        Ok(())
    }

    /// "Don't remember": a key for this session only. Sealed data written now cannot be read
    /// after the app closes unless a passphrase is set before then; secrets stay in memory.
    pub fn use_session_only(&self, db: &Database) -> Result<(), VaultError> {
        let mut state = self.lock_state();
        if state.key.is_some() {
            return Err(VaultError::WrongState("the vault is already open"));
        }
        let key = DataKey::generate()?;
        let meta = VaultMeta::new(Protection::SessionOnly, seal_check(&key)?);
        meta::save(db, &meta)?;
        state.meta = Some(meta);
        state.key = Some(key);
        state.problem = None;
        Ok(())
    }

    /// Seals a value for `record`. Fails while locked: nothing secret is ever written unsealed.
    pub fn seal(&self, record: &str, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
        let state = self.lock_state();
        let key = state.key.as_ref().ok_or(VaultError::Locked)?;
        Ok(seal::seal(key, record, plaintext)?)
    }

    pub fn open_sealed(&self, record: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let state = self.lock_state();
        let key = state.key.as_ref().ok_or(VaultError::Locked)?;
        Ok(seal::open(key, record, sealed)?)
    }

    /// A keyed lookup tag of `data` (see [`seal::tag`]); needs the vault open.
    pub fn tag(&self, domain: &str, data: &[u8]) -> Result<[u8; 32], VaultError> {
        let state = self.lock_state();
        let key = state.key.as_ref().ok_or(VaultError::Locked)?;
        Ok(seal::tag(key, domain, data))
    }

    pub fn open_sealed_string(&self, record: &str, sealed: &[u8]) -> Result<Zeroizing<String>, VaultError> {
        let state = self.lock_state();
        let key = state.key.as_ref().ok_or(VaultError::Locked)?;
        Ok(seal::open_string(key, record, sealed)?)
    }

    /// Saves a named secret (e.g. `gmailstore/token`): sealed in the database, or only in memory
    /// when the user chose "don't remember".
    pub fn save_secret(&self, db: &Database, name: &str, value: &Secret<String>) -> Result<(), VaultError> {
        if self.protection() == Some(Protection::SessionOnly) {
            self.lock_state().session_secrets.insert(name.to_owned(), value.clone());
            return Ok(());
        }
        let sealed = self.seal(&secret_record(name), value.expose().as_bytes())?;
        db.lock().execute(
            "INSERT INTO secrets(name, sealed, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
            rusqlite::params![name, sealed, crate::timestamps::now()],
        )?;
        Ok(())
    }

    pub fn load_secret(&self, db: &Database, name: &str) -> Result<Option<Secret<String>>, VaultError> {
        if let Some(value) = self.lock_state().session_secrets.get(name) {
            return Ok(Some(value.clone()));
        }
        let sealed: Option<Vec<u8>> = {
            let conn = db.lock();
            let mut statement = conn.prepare_cached("SELECT sealed FROM secrets WHERE name = ?1")?;
            let mut rows = statement.query([name])?;
            match rows.next()? {
                Some(row) => Some(row.get(0)?),
                None => None,
            }
        };
        match sealed {
            None => Ok(None),
            Some(sealed) => {
                let text = self.open_sealed_string(&secret_record(name), &sealed)?;
                Ok(Some(Secret::new(text.as_str().to_owned())))
            }
        }
    }

    pub fn has_secret(&self, db: &Database, name: &str) -> Result<bool, VaultError> {
        if self.lock_state().session_secrets.contains_key(name) {
            return Ok(true);
        }
        let count: i64 = db.lock().query_row("SELECT count(*) FROM secrets WHERE name = ?1", [name], |r| r.get(0))?;
        Ok(count > 0)
    }

    pub fn delete_secret(&self, db: &Database, name: &str) -> Result<(), VaultError> {
        self.lock_state().session_secrets.remove(name);
        db.lock().execute("DELETE FROM secrets WHERE name = ?1", [name])?;
        Ok(())
    }

    fn protection(&self) -> Option<Protection> {
        self.lock_state().meta.as_ref().map(|m| m.protection)
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn secret_record(name: &str) -> String {
    format!("secret/{name}")
}

fn seal_check(key: &DataKey) -> Result<Vec<u8>, SealError> {
    seal::seal(key, KEY_CHECK_RECORD, KEY_CHECK_TEXT)
}

/// Whether `key` is the key this vault was created with (so a replaced keychain entry is noticed
/// instead of sealing new data under a different key).
fn check_matches(key: &DataKey, meta: &VaultMeta) -> bool {
    seal::open(key, KEY_CHECK_RECORD, &meta.key_check).is_ok_and(|text| text.as_slice() == KEY_CHECK_TEXT)
}

#[cfg(test)]
mod tests;
