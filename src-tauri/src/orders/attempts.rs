//! Order attempts: a request to create an order, committed to the database before it is sent.
//!
//! Why: the store creates the order when it handles the request, but the app can record it only
//! once the answer arrives. A crash, a kill or a lost connection in between would leave the buyer
//! with no record of an order they may have paid for. So the request is written down first (what
//! was asked for, no secrets), and resolved in the same transaction that records the order
//! (`OrderBook::record_attempted_order`). An attempt still unresolved at start means "sent to the
//! store, no answer received: the order may exist", and the UI says so and offers the lookup.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::book::{CommittedOrder, OrderBook, OrderBookError};
use super::model::{NewOrder, StoreKind};
use crate::timestamps;

/// What is about to be sent to a store to create an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttempt {
    pub store: StoreKind,
    pub product_id: Option<String>,
    pub product_name: String,
    pub quantity: u32,
    pub contact_email: Option<String>,
    pub payment_method: Option<String>,
    pub coin: Option<String>,
}

/// Proof that an attempt is on disk. Not `Clone`: it is used up by recording the order or by
/// settling the attempt, so one request cannot resolve two things.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "an attempt must be resolved: record the order, or settle it when the store refused"]
pub struct AttemptId(i64);

impl AttemptId {
    pub fn get(&self) -> i64 {
        self.0
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The store answered with an order, recorded in the same transaction.
    Recorded,
    /// The store answered with a refusal: no order was created.
    Refused,
    /// A lookup brought in an order this book had not seen, with the same contact details.
    Found,
    /// The user said the order does not exist or is already taken care of.
    Dismissed,
}

impl AttemptOutcome {
    fn as_str(self) -> &'static str {
        match self {
            AttemptOutcome::Recorded => "recorded",
            AttemptOutcome::Refused => "refused",
            AttemptOutcome::Found => "found",
            AttemptOutcome::Dismissed => "dismissed",
        }
    }
}

/// An attempt whose answer never came: shown as "the order may exist".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingAttempt {
    #[ts(type = "number")]
    pub id: i64,
    pub store: StoreKind,
    pub product_name: String,
    pub quantity: u32,
    pub contact_email: Option<String>,
    pub payment_method: Option<String>,
    pub coin: Option<String>,
    pub started_at: String,
    /// The order number the store gave, when its answer came but could not be recorded (shown
    /// only while the vault is open: it is kept sealed).
    pub order_no: Option<String>,
    /// Whether the store's answer is kept with the attempt (it came, but could not be read or
    /// recorded).
    pub answer_kept: bool,
}

fn answer_record(attempt: i64) -> String {
    format!("attempt/{attempt}/answer")
}
fn order_no_record(attempt: i64) -> String {
    format!("attempt/{attempt}/order_no")
}

/// Marks attempt `id` as resolved inside the caller's transaction (unless it already was).
pub(super) fn resolve_in(conn: &Connection, id: i64, outcome: AttemptOutcome, order_id: Option<i64>, now: &str) -> Result<bool, OrderBookError> {
    let changed = conn.execute(
        "UPDATE order_attempts SET resolved_at = ?2, outcome = ?3, order_id = ?4 WHERE id = ?1 AND resolved_at IS NULL",
        params![id, now, outcome.as_str(), order_id],
    )?;
    Ok(changed == 1)
}

impl OrderBook {
    /// Writes the attempt down, committed before it returns: call it before the request is sent.
    pub fn begin_attempt(&self, attempt: &NewAttempt) -> Result<AttemptId, OrderBookError> {
        let conn = self.db.lock();
        conn.execute(
            "INSERT INTO order_attempts(store, product_id, product_name, quantity, contact_email, payment_method, coin, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                attempt.store.as_str(),
                attempt.product_id,
                attempt.product_name,
                attempt.quantity,
                attempt.contact_email,
                attempt.payment_method,
                attempt.coin,
                timestamps::now(),
            ],
        )?;
        Ok(AttemptId(conn.last_insert_rowid()))
    }

    /// Records the order the store answered with and resolves its attempt, in one transaction.
    pub fn record_attempted_order(&self, attempt: AttemptId, order: NewOrder) -> Result<CommittedOrder, OrderBookError> {
        self.record_order_resolving(order, Some(attempt.0))
    }

    /// Seals the store's answer to `attempt` into its row, committed before it returns: call it
    /// before the answer is read, so that whatever happens next the answer is on disk.
    pub fn keep_attempt_answer(&self, attempt: &AttemptId, body: &[u8]) -> Result<(), OrderBookError> {
        let sealed = self.vault.seal(&answer_record(attempt.0), body)?;
        self.db.lock().execute("UPDATE order_attempts SET answer = ?2 WHERE id = ?1", params![attempt.0, sealed])?;
        Ok(())
    }

    /// Keeps the order number the store gave for `attempt` (sealed), for an order that could not
    /// be recorded: the attempt then says which order may exist.
    pub fn keep_attempt_order_no(&self, attempt: &AttemptId, order_no: &str) -> Result<(), OrderBookError> {
        let sealed = self.vault.seal(&order_no_record(attempt.0), order_no.as_bytes())?;
        self.db.lock().execute("UPDATE order_attempts SET order_no = ?2 WHERE id = ?1", params![attempt.0, sealed])?;
        Ok(())
    }

    /// The store's answer kept with attempt `id`, unsealed (needs the vault open).
    pub fn attempt_answer(&self, id: i64) -> Result<Option<String>, OrderBookError> {
        let sealed: Option<Vec<u8>> = self.db.lock().query_row("SELECT answer FROM order_attempts WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten();
        match sealed {
            Some(sealed) => Ok(Some(self.vault.open_sealed_string(&answer_record(id), &sealed)?.to_string())),
            None => Ok(None),
        }
    }

    /// Resolves an attempt that created nothing (the store refused it).
    pub fn settle_attempt(&self, attempt: AttemptId, outcome: AttemptOutcome) -> Result<(), OrderBookError> {
        resolve_in(&self.db.lock(), attempt.0, outcome, None, &timestamps::now())?;
        Ok(())
    }

    /// The user's "dismiss" on an unanswered attempt; `false` when it was already resolved.
    pub fn dismiss_attempt(&self, id: i64) -> Result<bool, OrderBookError> {
        resolve_in(&self.db.lock(), id, AttemptOutcome::Dismissed, None, &timestamps::now())
    }

    /// An order this book had not seen came in by a lookup: it is most likely the answer of the
    /// oldest unanswered attempt of that store with the same contact email (GmailStore) or
    /// product name (email orders, which have no email). Returns the attempt resolved, if any.
    pub fn resolve_found(&self, store: StoreKind, contact_email: Option<&str>, product_name: Option<&str>, order_id: i64) -> Result<Option<i64>, OrderBookError> {
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        let found: Option<i64> = {
            let mut statement = tx.prepare_cached(
                "SELECT id, contact_email, product_name FROM order_attempts WHERE resolved_at IS NULL AND store = ?1 ORDER BY id",
            )?;
            let rows = statement.query_map([store.as_str()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?)))?;
            let mut found = None;
            for row in rows {
                let (id, email, name) = row?;
                let email_matches = contact_email.is_some_and(|want| email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(want.trim())));
                let name_matches = contact_email.is_none() && product_name.is_some_and(|want| want == name);
                if email_matches || name_matches {
                    found = Some(id);
                    break;
                }
            }
            found
        };
        if let Some(id) = found {
            resolve_in(&tx, id, AttemptOutcome::Found, Some(order_id), &timestamps::now())?;
        }
        tx.commit()?;
        Ok(found)
    }

    /// Attempts never answered, oldest first.
    pub fn unresolved_attempts(&self) -> Result<Vec<PendingAttempt>, OrderBookError> {
        let conn = self.db.lock();
        let mut statement = conn.prepare_cached(
            "SELECT id, store, product_name, quantity, contact_email, payment_method, coin, started_at, order_no, answer IS NOT NULL
             FROM order_attempts WHERE resolved_at IS NULL ORDER BY id",
        )?;
        let unlocked = self.vault.is_unlocked();
        let rows = statement.query_map([], |r| {
            let id: i64 = r.get(0)?;
            // Sealed: read only with the vault open; one that does not open is left out, not fatal.
            let order_no = match r.get::<_, Option<Vec<u8>>>(8)? {
                Some(sealed) if unlocked => match self.vault.open_sealed_string(&order_no_record(id), &sealed) {
                    Ok(text) => Some(text.to_string()),
                    Err(error) => {
                        log::warn!("the order number kept with attempt {id} could not be opened: {error}");
                        None
                    }
                },
                _ => None,
            };
            Ok(PendingAttempt {
                id,
                store: StoreKind::parse(&r.get::<_, String>(1)?).unwrap_or(StoreKind::GmailStore),
                product_name: r.get(2)?,
                quantity: r.get(3)?,
                contact_email: r.get(4)?,
                payment_method: r.get(5)?,
                coin: r.get(6)?,
                started_at: r.get(7)?,
                order_no,
                answer_kept: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data_folder::{DataFolder, StartupNotice};
    use crate::orders::OrderStatus;
    use crate::vault::{KdfParams, NoKeyStorage, Secret};

    const PASSPHRASE: &str = "attempts passphrase";

    fn open(dir: &std::path::Path) -> (DataFolder, Vec<StartupNotice>) {
        let (folder, notices) = DataFolder::open(dir, Box::new(NoKeyStorage), KdfParams::FAST_FOR_TESTS).unwrap();
        match folder.vault.status().problem {
            Some(crate::vault::VaultProblem::NoKeychain) => folder.vault.set_passphrase(&folder.db, &Secret::from(PASSPHRASE)).unwrap(),
            Some(_) => folder.vault.unlock(&Secret::from(PASSPHRASE)).unwrap(),
            None => {}
        }
        (folder, notices)
    }

    fn checkout(email: &str) -> NewAttempt {
        NewAttempt {
            store: StoreKind::GmailStore,
            product_id: Some("30a6d792".into()),
            product_name: "Aged Gmail".into(),
            quantity: 2,
            contact_email: Some(email.into()),
            payment_method: Some("crypto".into()),
            coin: Some("trc20_usdt".into()),
        }
    }

    fn order(order_no: &str) -> NewOrder {
        NewOrder { order_no: Some(order_no.into()), contact_email: Some("a@example.com".into()), ..NewOrder::new(StoreKind::GmailStore, "Aged Gmail", 2, OrderStatus::AwaitingPayment) }
    }

    #[test]
    fn an_attempt_whose_answer_never_came_survives_a_restart_and_is_announced() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = open(dir.path());
        // The process "dies" here: the request is out, nothing about its answer is recorded.
        let _ = folder.orders.begin_attempt(&checkout("lost@example.com")).unwrap();
        drop(folder);

        let (folder, notices) = open(dir.path());
        assert!(notices.contains(&StartupNotice::UnansweredOrders { count: 1 }), "{notices:?}");
        let pending = folder.orders.unresolved_attempts().unwrap();
        assert_eq!(pending.len(), 1);
        let p = &pending[0];
        assert_eq!((p.store, p.product_name.as_str(), p.quantity), (StoreKind::GmailStore, "Aged Gmail", 2));
        assert_eq!((p.contact_email.as_deref(), p.payment_method.as_deref(), p.coin.as_deref()), (Some("lost@example.com"), Some("crypto"), Some("trc20_usdt")));
    }

    #[test]
    fn recording_the_order_answers_its_attempt_in_the_same_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = open(dir.path());
        let attempt = folder.orders.begin_attempt(&checkout("a@example.com")).unwrap();
        let attempt_id = attempt.get();
        let committed = folder.orders.record_attempted_order(attempt, order("GS1")).unwrap();
        assert!(folder.orders.unresolved_attempts().unwrap().is_empty());
        let linked: (String, Option<i64>) = folder
            .db
            .lock()
            .query_row("SELECT outcome, order_id FROM order_attempts WHERE id = ?1", [attempt_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(linked, ("recorded".to_owned(), Some(committed.id)));
        drop(folder);
        let (_, notices) = open(dir.path());
        assert!(!notices.iter().any(|n| matches!(n, StartupNotice::UnansweredOrders { .. })));
    }

    #[test]
    fn an_order_that_cannot_be_recorded_leaves_its_attempt_open() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = open(dir.path());
        folder.orders.record_order(order("GS1")).unwrap();
        let attempt = folder.orders.begin_attempt(&checkout("a@example.com")).unwrap();
        assert!(matches!(folder.orders.record_attempted_order(attempt, order("GS1")), Err(OrderBookError::Duplicate { .. })));
        assert_eq!(folder.orders.unresolved_attempts().unwrap().len(), 1, "rolled back together: the attempt still says the order may exist");
    }

    #[test]
    fn refused_and_dismissed_attempts_are_no_longer_shown() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = open(dir.path());
        let refused = folder.orders.begin_attempt(&checkout("a@example.com")).unwrap();
        folder.orders.settle_attempt(refused, AttemptOutcome::Refused).unwrap();
        let _open = folder.orders.begin_attempt(&checkout("b@example.com")).unwrap();
        let pending = folder.orders.unresolved_attempts().unwrap();
        assert_eq!(pending.len(), 1);
        assert!(folder.orders.dismiss_attempt(pending[0].id).unwrap());
        assert!(!folder.orders.dismiss_attempt(pending[0].id).unwrap(), "only once");
        assert!(folder.orders.unresolved_attempts().unwrap().is_empty());
    }

    #[test]
    fn a_looked_up_order_answers_the_oldest_attempt_with_its_email_only() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = open(dir.path());
        let first = folder.orders.begin_attempt(&checkout("Lost@Example.com")).unwrap().get();
        let second = folder.orders.begin_attempt(&checkout("lost@example.com")).unwrap().get();
        let other = folder.orders.begin_attempt(&checkout("other@example.com")).unwrap().get();
        let id = folder.orders.record_order(order("GS9")).unwrap().id;
        assert_eq!(folder.orders.resolve_found(StoreKind::GmailStore, Some("lost@example.com "), None, id).unwrap(), Some(first));
        assert_eq!(folder.orders.resolve_found(StoreKind::EmailOrder, Some("lost@example.com"), None, id).unwrap(), None, "another store's attempts are not touched");
        let left: Vec<i64> = folder.orders.unresolved_attempts().unwrap().iter().map(|p| p.id).collect();
        assert_eq!(left, [second, other]);
    }
}
