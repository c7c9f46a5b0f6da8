//! The vault's paths: keychain (through keyring-core's mock store), no keychain, passphrase,
//! "don't remember", and a lost or replaced keychain entry. None of them may lose or wipe data.

use std::sync::Once;

use super::*;
use crate::db::{Database, DATABASE_FILE};

static MOCK_STORE: Once = Once::new();

/// A keychain backed by keyring-core's mock store, one entry per test.
fn mock_keychain(test: &str) -> Box<KeyringKeyStorage> {
    MOCK_STORE.call_once(|| keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap()));
    Box::new(KeyringKeyStorage::new("mailcart-test", test))
}


fn temp_db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join(DATABASE_FILE)).unwrap().db;
    (dir, db)
}

fn open(db: &Database, keychain: Box<dyn KeyStorage>) -> Vault {
    Vault::open(db, keychain, KdfParams::FAST_FOR_TESTS).unwrap()
}

fn delete_keychain_entry(test: &str) {
    keyring_core::Entry::new("mailcart-test", test).unwrap().delete_credential().unwrap();
}

fn secret_rows(db: &Database) -> i64 {
    db.lock().query_row("SELECT count(*) FROM secrets", [], |r| r.get(0)).unwrap()
}

#[test]
fn with_a_keychain_the_key_is_created_there_and_found_again() {
    let (_dir, db) = temp_db();
    let vault = open(&db, mock_keychain("create"));
    assert_eq!(
        vault.status(),
        VaultStatus { unlocked: true, protection: Some(Protection::Keychain), has_recovery_passphrase: false, problem: None }
    );
    vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-abc")).unwrap();
    drop(vault);

    let stored = keyring_core::Entry::new("mailcart-test", "create").unwrap().get_secret().unwrap();
    assert_eq!(stored.len(), 32, "the keychain holds the 256-bit data key");

    let reopened = open(&db, mock_keychain("create"));
    assert!(reopened.is_unlocked());
    assert_eq!(reopened.load_secret(&db, "gmailstore/token").unwrap().unwrap().expose(), "tok-abc");
}

#[test]
fn a_locked_vault_refuses_to_seal_anything() {
    let (_dir, db) = temp_db();
    let vault = open(&db, Box::new(NoKeyStorage));
    assert_eq!(vault.status().problem, Some(VaultProblem::NoKeychain));
    assert!(matches!(vault.seal("x", b"y"), Err(VaultError::Locked)));
    assert!(matches!(vault.save_secret(&db, "k", &Secret::from("v")), Err(VaultError::Locked)));
    assert_eq!(secret_rows(&db), 0);
}

#[test]
fn without_a_keychain_a_passphrase_protects_the_key_and_a_wrong_one_changes_nothing() {
    let (_dir, db) = temp_db();
    let vault = open(&db, Box::new(NoKeyStorage));
    vault.set_passphrase(&db, &Secret::from("correct horse battery")).unwrap();
    assert_eq!(vault.status().protection, Some(Protection::Passphrase));
    vault.save_secret(&db, "email-order/api-key", &Secret::from("key-123")).unwrap();
    drop(vault);

    let reopened = open(&db, Box::new(NoKeyStorage));
    assert_eq!(reopened.status().problem, Some(VaultProblem::PassphraseNeeded));
    let meta_before = meta::load(&db).unwrap();
    assert!(matches!(reopened.unlock(&Secret::from("wrong horse battery")), Err(VaultError::Passphrase(PassphraseError::Wrong))));
    assert!(!reopened.is_unlocked());
    assert_eq!(meta::load(&db).unwrap(), meta_before, "a wrong passphrase changes nothing");
    reopened.unlock(&Secret::from("correct horse battery")).unwrap();
    assert_eq!(reopened.load_secret(&db, "email-order/api-key").unwrap().unwrap().expose(), "key-123");
}

#[test]
fn a_missing_keychain_entry_with_a_recovery_passphrase_asks_for_it_and_restores_the_entry() {
    let (_dir, db) = temp_db();
    let vault = open(&db, mock_keychain("recover"));
    vault.set_passphrase(&db, &Secret::from("recovery phrase 1")).unwrap();
    assert!(vault.status().has_recovery_passphrase);
    assert_eq!(vault.status().protection, Some(Protection::Keychain));
    vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-keep")).unwrap();
    drop(vault);
    delete_keychain_entry("recover");

    let reopened = open(&db, mock_keychain("recover"));
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeychainEntryMissing));
    assert_eq!(secret_rows(&db), 1, "nothing was wiped");
    reopened.unlock(&Secret::from("recovery phrase 1")).unwrap();
    assert_eq!(reopened.load_secret(&db, "gmailstore/token").unwrap().unwrap().expose(), "tok-keep");
    drop(reopened);

    let again = open(&db, mock_keychain("recover"));
    assert!(again.is_unlocked(), "the keychain entry was put back");
}

/// The keychain holds another valid key (another database's: the buyer copied an older book in
/// beside the one in use here). Unlocking the copied book with its recovery passphrase opens it,
/// and leaves the other key where it is: overwritten, the other book could never be opened again.
#[test]
fn unlocking_with_the_recovery_passphrase_never_replaces_another_key_in_the_keychain() {
    let (_dir, db) = temp_db();
    let vault = open(&db, mock_keychain("other-key"));
    vault.set_passphrase(&db, &Secret::from("recovery phrase 2")).unwrap();
    vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-copied")).unwrap();
    drop(vault);
    let other_key = [42u8; 32];
    keyring_core::Entry::new("mailcart-test", "other-key").unwrap().set_secret(&other_key).unwrap();

    let reopened = open(&db, mock_keychain("other-key"));
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeychainEntryMissing));
    reopened.unlock(&Secret::from("recovery phrase 2")).unwrap();
    assert_eq!(reopened.load_secret(&db, "gmailstore/token").unwrap().unwrap().expose(), "tok-copied");
    assert_eq!(keyring_core::Entry::new("mailcart-test", "other-key").unwrap().get_secret().unwrap(), other_key, "the other key is kept");
}

#[test]
fn a_lost_key_without_passphrase_keeps_the_data_and_never_opens_it_with_another_key() {
    let (_dir, db) = temp_db();
    let vault = open(&db, mock_keychain("lost"));
    vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-old")).unwrap();
    drop(vault);
    delete_keychain_entry("lost");

    let reopened = open(&db, mock_keychain("lost"));
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeyLost));
    assert_eq!(secret_rows(&db), 1, "the sealed data is still there");
    let status = reopened.retry_keychain(&db).unwrap();
    assert!(status.unlocked, "the user may start a new key for new data");
    assert!(matches!(reopened.load_secret(&db, "gmailstore/token"), Err(VaultError::Seal(SealError::CannotOpen))));
}

#[test]
fn a_replaced_keychain_entry_is_noticed() {
    let (_dir, db) = temp_db();
    drop(open(&db, mock_keychain("replaced")));
    keyring_core::Entry::new("mailcart-test", "replaced").unwrap().set_secret(&[9u8; 32]).unwrap();
    let reopened = open(&db, mock_keychain("replaced"));
    assert!(!reopened.is_unlocked());
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeyLost));
}

#[test]
fn a_locked_keychain_is_reported_and_can_be_retried() {
    let (_dir, db) = temp_db();
    drop(open(&db, mock_keychain("locked")));
    let keychain = mock_keychain("locked");
    let entry = keyring_core::Entry::new("mailcart-test", "locked").unwrap();
    let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess(Box::new(std::io::Error::other("keychain is locked"))));
    let reopened = open(&db, keychain);
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeychainUnavailable));
    // The error was for one call; the user unlocks the keychain and presses Retry.
    assert!(reopened.retry_keychain(&db).unwrap().unlocked);
}

#[test]
fn dont_remember_keeps_secrets_in_memory_only_until_a_passphrase_is_set() {
    let (_dir, db) = temp_db();
    let vault = open(&db, Box::new(NoKeyStorage));
    vault.use_session_only(&db).unwrap();
    assert_eq!(vault.status().protection, Some(Protection::SessionOnly));
    vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-mem")).unwrap();
    assert_eq!(secret_rows(&db), 0, "nothing secret is written in don't-remember mode");
    assert!(vault.has_secret(&db, "gmailstore/token").unwrap());
    let sealed_this_session = vault.seal("order/u1/token", b"t").unwrap();
    drop(vault);

    let next = open(&db, Box::new(NoKeyStorage));
    assert_eq!(next.status().problem, Some(VaultProblem::SessionKeyGone));
    assert!(!next.has_secret(&db, "gmailstore/token").unwrap());

    // Setting a passphrase during a session keeps that session's key and secrets.
    let (_dir2, db2) = temp_db();
    let session = open(&db2, Box::new(NoKeyStorage));
    session.use_session_only(&db2).unwrap();
    session.save_secret(&db2, "gmailstore/token", &Secret::from("tok-kept")).unwrap();
    let sealed = session.seal("order/u2/token", b"kept").unwrap();
    session.set_passphrase(&db2, &Secret::from("now remember me")).unwrap();
    drop(session);
    let later = open(&db2, Box::new(NoKeyStorage));
    later.unlock(&Secret::from("now remember me")).unwrap();
    assert_eq!(later.load_secret(&db2, "gmailstore/token").unwrap().unwrap().expose(), "tok-kept");
    assert_eq!(later.open_sealed("order/u2/token", &sealed).unwrap().as_slice(), b"kept");
    let _ = sealed_this_session;
}

/// Damages one page of the database (an index's): the tables that hold sealed data stay readable
/// in the copy that is set aside, as they would after a torn write or a bad sector.
fn damage_an_index_page(path: &std::path::Path) {
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
        let root = conn.query_row("SELECT rootpage FROM sqlite_master WHERE name = 'orders_by_created'", [], |r| r.get(0)).unwrap();
        (root, conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap())
    };
    let mut bytes = std::fs::read(path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    bytes[start..start + page_size as usize].fill(0xA5);
    std::fs::write(path, bytes).unwrap();
}

/// Found by reading: a damaged database is set aside and a new one started with no vault record,
/// and the vault used to make a new data key and overwrite the keychain entry with it, so the
/// set-aside copy could never be opened again. The key in the keychain is never replaced: the new
/// database reuses it, and the set-aside copy's sealed items still open with it.
#[test]
fn a_damaged_database_set_aside_still_opens_with_the_key_the_keychain_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let db = Database::open(&path).unwrap().db;
        let vault = open(&db, mock_keychain("set-aside"));
        vault.save_secret(&db, "gmailstore/token", &Secret::from("tok-before-damage")).unwrap();
    }
    let key_before = keyring_core::Entry::new("mailcart-test", "set-aside").unwrap().get_secret().unwrap();
    damage_an_index_page(&path);

    let opened = Database::open(&path).unwrap();
    let aside = opened.damaged_copy.clone().expect("the damage is found and the file set aside");
    let vault = open(&opened.db, mock_keychain("set-aside"));
    assert!(vault.is_unlocked(), "the new database opens with the key the keychain holds");
    let key_after = keyring_core::Entry::new("mailcart-test", "set-aside").unwrap().get_secret().unwrap();
    assert_eq!(key_after, key_before, "the keychain entry was not replaced");
    vault.save_secret(&opened.db, "gmailstore/token", &Secret::from("tok-after")).unwrap();
    assert_eq!(vault.load_secret(&opened.db, "gmailstore/token").unwrap().unwrap().expose(), "tok-after");

    // The set-aside copy, opened as it is (no check, no repair), with the key the keychain kept.
    let copy = rusqlite::Connection::open_with_flags(&aside, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let sealed: Vec<u8> = copy.query_row("SELECT sealed FROM secrets WHERE name = 'gmailstore/token'", [], |r| r.get(0)).unwrap();
    let key = seal::DataKey::from_bytes(&key_after).unwrap();
    assert_eq!(seal::open_string(&key, &secret_record("gmailstore/token"), &sealed).unwrap().as_str(), "tok-before-damage");
}

/// A keychain entry that does not open this database (another install's, or one from before a
/// damage) is kept, not overwritten, when the buyer starts anew.
#[test]
fn starting_anew_after_a_lost_key_keeps_the_keychain_entry() {
    let (_dir, db) = temp_db();
    drop(open(&db, mock_keychain("keep-entry")));
    keyring_core::Entry::new("mailcart-test", "keep-entry").unwrap().set_secret(&[9u8; 32]).unwrap();
    let reopened = open(&db, mock_keychain("keep-entry"));
    assert_eq!(reopened.status().problem, Some(VaultProblem::KeyLost));
    assert!(reopened.retry_keychain(&db).unwrap().unlocked);
    assert_eq!(keyring_core::Entry::new("mailcart-test", "keep-entry").unwrap().get_secret().unwrap(), vec![9u8; 32]);
    let again = open(&db, mock_keychain("keep-entry"));
    assert!(again.is_unlocked(), "the new start is checked against the key it kept");
}
