//! For tests across the crate: an order book in a temporary folder, its vault open.

use std::sync::Arc;

use super::OrderBook;
use crate::db::{Database, DATABASE_FILE};
use crate::vault::{KdfParams, NoKeyStorage, Secret, Vault};

/// An order book whose vault is protected by a passphrase and open; keep the folder alive.
pub(crate) fn unlocked_book() -> (tempfile::TempDir, OrderBook) {
    let dir = tempfile::tempdir().unwrap();
    let db = Arc::new(Database::open(&dir.path().join(DATABASE_FILE)).unwrap().db);
    let vault = Arc::new(Vault::open(&db, Box::new(NoKeyStorage), KdfParams::FAST_FOR_TESTS).unwrap());
    vault.set_passphrase(&db, &Secret::from("test passphrase")).unwrap();
    (dir, OrderBook::new(db, vault))
}

/// As [`unlocked_book`], with the book's database and vault for tests that use them beside it.
pub(crate) fn unlocked_book_parts() -> (tempfile::TempDir, OrderBook, Arc<Database>, Arc<Vault>) {
    let (dir, book) = unlocked_book();
    let (db, vault) = (book.db.clone(), book.vault.clone());
    (dir, book, db, vault)
}
