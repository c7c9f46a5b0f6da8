//! The backup file: a versioned header, then the contents sealed (XChaCha20-Poly1305) under a key
//! derived from the buyer's passphrase (Argon2id at the app's cost, stored in the header so a
//! later version may raise it). Useless without the passphrase.
//!
//! ```text
//! "MAILCART-BACKUP\n"  16 bytes
//! format version       1 byte   (BACKUP_FORMAT_VERSION)
//! Argon2id cost        3 × u32 LE (memory KiB, iterations, lanes)
//! salt                 16 bytes
//! check length, check  u32 LE, sealed "mailcart" (tells a wrong passphrase from a damaged file)
//! body length, body    u64 LE, the sealed contents
//! ```
//! Both sealed parts name the whole header in their associated data: a header changed by hand does
//! not open.

use zeroize::Zeroizing;

use crate::vault::{derive_passphrase_key, open_with_key, seal_with_key, KdfParams, PassphraseError, Secret, SealError, MIN_PASSPHRASE_CHARS};

const MAGIC: &[u8; 16] = b"MAILCART-BACKUP\n";
/// The version this app writes, and the newest it reads.
pub const BACKUP_FORMAT_VERSION: u8 = 1;
const SALT_LEN: usize = 16;
const HEADER_LEN: usize = MAGIC.len() + 1 + 12 + SALT_LEN;
const CHECK_TEXT: &[u8] = b"mailcart";
/// Far above any real cost: a header asking for more is damaged, not a reason to allocate it.
const MOST_MEMORY_KIB: u32 = 4 * 1024 * 1024;

/// Why a backup could not be opened (nothing is changed by any of them).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BackupFileError {
    #[error("this is not a Mailcart backup")]
    NotABackup,
    #[error("this backup was made by a newer Mailcart (format {found}; this one reads up to {known})")]
    TooNew { found: u8, known: u8 },
    #[error("the backup file is cut short")]
    Truncated,
    #[error("the passphrase is not the one this backup was made with")]
    WrongPassphrase,
    #[error("the backup file is damaged")]
    Damaged,
    #[error("a backup passphrase needs at least {0} characters")]
    PassphraseTooShort(usize),
    #[error("the backup could not be sealed: {0}")]
    Sealing(String),
}

fn record(part: &str, header: &[u8]) -> String {
    let hex: String = header.iter().map(|b| format!("{b:02x}")).collect();
    format!("backup/{part}/{hex}")
}

fn key_for(passphrase: &Secret<String>, salt: &[u8], params: KdfParams) -> Result<crate::vault::DataKey, BackupFileError> {
    derive_passphrase_key(passphrase, salt, params).map_err(|e| match e {
        PassphraseError::Kdf(_) => BackupFileError::Damaged,
        other => BackupFileError::Sealing(other.to_string()),
    })
}

/// Seals `contents` into a backup file under `passphrase`.
pub fn seal_backup(contents: &[u8], passphrase: &Secret<String>, params: KdfParams) -> Result<Vec<u8>, BackupFileError> {
    if passphrase.expose().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(BackupFileError::PassphraseTooShort(MIN_PASSPHRASE_CHARS));
    }
    let sealing = |e: SealError| BackupFileError::Sealing(e.to_string());
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|_| BackupFileError::Sealing("no randomness".into()))?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.push(BACKUP_FORMAT_VERSION);
    for n in [params.memory_kib, params.iterations, params.parallelism] {
        header.extend_from_slice(&n.to_le_bytes());
    }
    header.extend_from_slice(&salt);
    let key = key_for(passphrase, &salt, params)?;
    let check = seal_with_key(&key, &record("check", &header), CHECK_TEXT).map_err(sealing)?;
    let body = seal_with_key(&key, &record("body", &header), contents).map_err(sealing)?;
    let mut file = header;
    file.extend_from_slice(&(check.len() as u32).to_le_bytes());
    file.extend_from_slice(&check);
    file.extend_from_slice(&(body.len() as u64).to_le_bytes());
    file.extend_from_slice(&body);
    Ok(file)
}

/// Reads `len` bytes at `*at`, moving past them.
fn take<'a>(file: &'a [u8], at: &mut usize, len: usize) -> Result<&'a [u8], BackupFileError> {
    let end = at.checked_add(len).filter(|end| *end <= file.len()).ok_or(BackupFileError::Truncated)?;
    let part = &file[*at..end];
    *at = end;
    Ok(part)
}

/// Opens a backup file with `passphrase`: its contents, or why not.
pub fn open_backup(file: &[u8], passphrase: &Secret<String>) -> Result<Zeroizing<Vec<u8>>, BackupFileError> {
    if file.len() < MAGIC.len() || &file[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(file) && !file.is_empty() { BackupFileError::Truncated } else { BackupFileError::NotABackup });
    }
    let mut at = MAGIC.len();
    let version = take(file, &mut at, 1)?[0];
    if version > BACKUP_FORMAT_VERSION {
        return Err(BackupFileError::TooNew { found: version, known: BACKUP_FORMAT_VERSION });
    }
    if version == 0 {
        return Err(BackupFileError::Damaged);
    }
    let mut numbers = [0u32; 3];
    for n in &mut numbers {
        *n = u32::from_le_bytes(take(file, &mut at, 4)?.try_into().expect("4 bytes"));
    }
    let params = KdfParams { memory_kib: numbers[0], iterations: numbers[1], parallelism: numbers[2] };
    if params.memory_kib > MOST_MEMORY_KIB || params.iterations > 100 || params.parallelism > 64 {
        return Err(BackupFileError::Damaged);
    }
    let salt = take(file, &mut at, SALT_LEN)?;
    let header = &file[..at];
    let check_len = u32::from_le_bytes(take(file, &mut at, 4)?.try_into().expect("4 bytes")) as usize;
    let check = take(file, &mut at, check_len)?;
    let body_len = u64::from_le_bytes(take(file, &mut at, 8)?.try_into().expect("8 bytes"));
    let body = take(file, &mut at, usize::try_from(body_len).map_err(|_| BackupFileError::Truncated)?)?;
    if at != file.len() {
        return Err(BackupFileError::Damaged);
    }
    let key = key_for(passphrase, salt, params)?;
    match open_with_key(&key, &record("check", header), check) {
        Ok(text) if text.as_slice() == CHECK_TEXT => {}
        Ok(_) | Err(SealError::UnknownFormat) => return Err(BackupFileError::Damaged),
        Err(_) => return Err(BackupFileError::WrongPassphrase),
    }
    open_with_key(&key, &record("body", header), body).map_err(|_| BackupFileError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams::FAST_FOR_TESTS;

    fn passphrase(text: &str) -> Secret<String> {
        Secret::new(text.to_owned())
    }

    fn sealed() -> Vec<u8> {
        seal_backup(b"{\"orders\":[1,2,3]}", &passphrase("backup passphrase"), FAST).unwrap()
    }

    #[test]
    fn a_backup_opens_with_its_passphrase_only_and_holds_no_plain_contents() {
        let file = sealed();
        assert_eq!(open_backup(&file, &passphrase("backup passphrase")).unwrap().as_slice(), b"{\"orders\":[1,2,3]}");
        assert_eq!(open_backup(&file, &passphrase("another passphrase")).unwrap_err(), BackupFileError::WrongPassphrase);
        assert!(!file.windows(8).any(|w| w == b"\"orders\""), "the contents are sealed");
        assert_ne!(sealed(), sealed(), "a fresh salt and nonces each time");
        assert_eq!(seal_backup(b"x", &passphrase("short"), FAST).unwrap_err(), BackupFileError::PassphraseTooShort(8));
    }

    #[test]
    fn every_bad_file_gets_its_own_answer() {
        let file = sealed();
        let open = |bytes: &[u8]| open_backup(bytes, &passphrase("backup passphrase")).unwrap_err();
        assert_eq!(open(b"PK\x03\x04 a zip file, not a backup"), BackupFileError::NotABackup);
        assert_eq!(open(b""), BackupFileError::NotABackup);
        assert_eq!(open(&file[..10]), BackupFileError::Truncated);
        for cut in [HEADER_LEN - 1, HEADER_LEN + 3, file.len() / 2, file.len() - 1] {
            assert_eq!(open(&file[..cut]), BackupFileError::Truncated, "cut at {cut}");
        }
        let mut newer = file.clone();
        newer[MAGIC.len()] = BACKUP_FORMAT_VERSION + 1;
        assert_eq!(open(&newer), BackupFileError::TooNew { found: 2, known: 1 });
        let mut damaged = file.clone();
        let last = damaged.len() - 5;
        damaged[last] ^= 0x40;
        assert_eq!(open(&damaged), BackupFileError::Damaged, "a changed byte in the body");
        let mut longer = file.clone();
        longer.push(0);
        assert_eq!(open(&longer), BackupFileError::Damaged, "bytes after the end");
        let mut greedy = file.clone();
        greedy[MAGIC.len() + 1..MAGIC.len() + 5].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(open(&greedy), BackupFileError::Damaged, "an absurd cost is refused, not allocated");
        let mut salted = file;
        salted[HEADER_LEN - 1] ^= 1;
        assert_eq!(open(&salted), BackupFileError::WrongPassphrase, "a changed header does not open");
    }
}
