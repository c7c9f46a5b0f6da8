//! Order numbers and cashier URLs, sealed.
//!
//! Why: an order number with its contact email is all the store's lookup asks for to hand out the
//! delivered accounts and their passwords, and a cashier URL opens the payment page. A copy of the
//! database file (a backup, a stolen disk) must not give them away, so both are sealed like every
//! other secret. What the plain number was used for is kept:
//! - finding an order by its exact number (and refusing a duplicate) uses a keyed tag of store +
//!   number (`order_no_tag`, unique per store), which says nothing without the data key;
//! - showing and searching numbers uses an index in memory, opened the first time it is needed
//!   with the vault open (10,000 orders: a few milliseconds).
//!
//! A book written by an older version holds plain numbers and URLs: they are sealed the first time
//! the index is built, and their plain text is wiped from the file (`secure_delete`, then a WAL
//! checkpoint).

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::book::{OrderBook, OrderBookError};
use super::model::StoreKind;
use crate::vault::{Vault, VaultError};

/// The tag's domain: a different use of the data key than any other tag.
const TAG_DOMAIN: &str = "order-no";

pub(super) fn order_no_record(uid: &str) -> String {
    format!("order/{uid}/order_no")
}

pub(super) fn pay_url_record(uid: &str) -> String {
    format!("order/{uid}/pay_url")
}

pub(super) fn payment_tx_record(uid: &str) -> String {
    format!("order/{uid}/payment_tx")
}

/// The lookup tag of `order_no` at `store`.
pub(super) fn tag(vault: &Vault, store: StoreKind, order_no: &str) -> Result<Vec<u8>, VaultError> {
    Ok(vault.tag(TAG_DOMAIN, format!("{}\0{order_no}", store.as_str()).as_bytes())?.to_vec())
}

/// The order numbers of the book by local id, opened.
pub(super) type NumberIndex = HashMap<i64, String>;

impl OrderBook {
    /// Builds the in-memory index of order numbers (sealing what an older version left plain).
    /// Needs the vault open.
    pub(super) fn load_number_index(&self) -> Result<NumberIndex, OrderBookError> {
        if !self.vault.is_unlocked() {
            return Err(VaultError::Locked.into());
        }
        self.seal_plain_columns()?;
        let rows: Vec<(i64, String, Vec<u8>)> = {
            let conn = self.db.lock();
            let mut statement = conn.prepare("SELECT id, uid, order_no_sealed FROM orders WHERE order_no_sealed IS NOT NULL")?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut index = NumberIndex::with_capacity(rows.len());
        for (id, uid, sealed) in rows {
            match self.vault.open_sealed_string(&order_no_record(&uid), &sealed) {
                Ok(number) => {
                    index.insert(id, number.to_string());
                }
                // One damaged value must not hide every other order's number.
                Err(VaultError::Locked) => return Err(VaultError::Locked.into()),
                Err(error) => log::warn!("the order number of order {id} could not be opened: {error}"),
            }
        }
        Ok(index)
    }

    /// Seals the plain order numbers and cashier URLs an older version wrote, and wipes their
    /// plain text from the file.
    fn seal_plain_columns(&self) -> Result<(), OrderBookError> {
        let mut conn = self.db.lock();
        let plain: Vec<(i64, String, String, Option<String>, Option<String>)> = {
            let mut statement = conn.prepare("SELECT id, uid, store, order_no, pay_url FROM orders WHERE order_no IS NOT NULL OR pay_url IS NOT NULL")?;
            let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        if plain.is_empty() {
            return Ok(());
        }
        // Freed cells and pages are overwritten with zeros instead of being left behind.
        conn.pragma_update(None, "secure_delete", true)?;
        let sealed = self.seal_rows(&mut conn, &plain);
        conn.pragma_update(None, "secure_delete", false)?;
        sealed?;
        // The old page images are in the WAL until it is checkpointed.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        log::info!("sealed the order numbers and cashier URLs of {} orders written by an older version", plain.len());
        Ok(())
    }

    fn seal_rows(&self, conn: &mut Connection, plain: &[(i64, String, String, Option<String>, Option<String>)]) -> Result<(), OrderBookError> {
        let tx = conn.transaction()?;
        for (id, uid, store, order_no, pay_url) in plain {
            let store = StoreKind::parse(store).unwrap_or(StoreKind::GmailStore);
            let (number_sealed, number_tag) = match order_no {
                Some(number) => (Some(self.vault.seal(&order_no_record(uid), number.as_bytes())?), Some(tag(&self.vault, store, number)?)),
                None => (None, None),
            };
            let url_sealed = match pay_url {
                Some(url) => Some(self.vault.seal(&pay_url_record(uid), url.as_bytes())?),
                None => None,
            };
            tx.execute(
                "UPDATE orders SET order_no_sealed = COALESCE(?2, order_no_sealed), order_no_tag = COALESCE(?3, order_no_tag),
                     pay_url_sealed = COALESCE(?4, pay_url_sealed), order_no = NULL, pay_url = NULL WHERE id = ?1",
                params![id, number_sealed, number_tag, url_sealed],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
