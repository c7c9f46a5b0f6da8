//! The order book: every order of both stores, with its status history and delivered items.
//!
//! The rule the checkout code relies on: `record_order` and `record_delivery` return only after
//! their transaction is committed (WAL, synchronous FULL), and what they return
//! ([`CommittedOrder`], [`CommittedItems`]) is what the UI is built from. So payment details and
//! delivered accounts are on disk before anyone can see them.

use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::model::{DeliveredItem, ItemField, NewOrder, OrderStatus, StoreKind};
use super::numbers::{self, NumberIndex};
use super::views::{ItemView, OrderDetail, OrderSummary, StatusEvent};
use crate::db::{Database, DbError};
use crate::timestamps;
use crate::vault::{Secret, Vault, VaultError};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OrderBookError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("no order with local id {0}")]
    NotFound(i64),
    #[error("this order is already recorded ({store} {order_no})")]
    Duplicate { store: &'static str, order_no: String },
    #[error("a stored value is damaged: {0}")]
    Damaged(String),
}

impl From<rusqlite::Error> for OrderBookError {
    fn from(error: rusqlite::Error) -> Self {
        OrderBookError::Db(DbError::Sqlite(error))
    }
}

/// Proof that an order is on disk: the only way to get one is `record_order`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommittedOrder {
    pub id: i64,
    pub uid: String,
}

/// Proof that delivered items are on disk, carrying the items to show.
#[derive(Debug)]
pub struct CommittedItems {
    pub order_id: i64,
    pub items: Vec<ItemView>,
}

/// Which orders a list shows.
#[derive(Clone, Debug, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct OrderFilter {
    pub store: Option<StoreKind>,
    /// `Some(true)`: only unfinished orders; `Some(false)`: only finished ones.
    pub unfinished: Option<bool>,
    pub status: Option<OrderStatus>,
    /// Matches order number, product name, contact email or a delivered login.
    pub search: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// How many orders one list returns when the filter names no limit: the Orders page's page.
pub const ORDERS_PAGE: u32 = 500;

/// The sealed part of a delivered item.
#[derive(Serialize, Deserialize)]
struct SealedItem {
    login: String,
    password: Option<String>,
    extra: Option<String>,
    line: Option<String>,
    /// Receive-code items: the texts this one replaced, oldest first (see `record_code_text`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    earlier: Vec<String>,
    /// Accounts: each extra field on its own (items from before them have only `extra`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fields: Vec<ItemField>,
}

impl Drop for SealedItem {
    fn drop(&mut self) {
        self.password.zeroize();
        self.extra.zeroize();
        self.line.zeroize();
        self.earlier.zeroize();
        for field in &mut self.fields {
            field.value.zeroize();
        }
    }
}

/// How many replaced texts a receive-code item keeps: enough to recognise a code sent again.
const EARLIER_TEXTS_KEPT: usize = 10;

pub struct OrderBook {
    pub(super) db: Arc<Database>,
    pub(super) vault: Arc<Vault>,
    /// Order numbers by local id, opened from their seals the first time they are needed with the
    /// vault open (see `numbers`). Locked before the database, never while holding it.
    pub(super) numbers: Mutex<Option<NumberIndex>>,
}

pub(super) fn token_record(uid: &str) -> String {
    format!("order/{uid}/token")
}
pub(super) fn item_record(uid: &str, position: u32) -> String {
    format!("order/{uid}/item/{position}")
}
pub(super) fn raw_record(uid: &str, raw_id: i64) -> String {
    format!("order/{uid}/raw/{raw_id}")
}

fn new_uid() -> Result<String, OrderBookError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| OrderBookError::Damaged("no randomness for an order id".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn text(value: &Option<rust_decimal::Decimal>) -> Option<String> {
    value.as_ref().map(ToString::to_string)
}

impl OrderBook {
    pub fn new(db: Arc<Database>, vault: Arc<Vault>) -> Self {
        OrderBook { db, vault, numbers: Mutex::new(None) }
    }

    /// The order-number index, built if it is not yet (needs the vault open).
    fn number_index(&self) -> Result<MutexGuard<'_, Option<NumberIndex>>, OrderBookError> {
        let mut guard = self.numbers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if guard.is_none() {
            *guard = Some(self.load_number_index()?);
        }
        Ok(guard)
    }

    /// Puts the order numbers into `summaries` (left as they are while the vault is locked).
    fn fill_numbers(&self, summaries: &mut [OrderSummary]) {
        if let Ok(guard) = self.number_index() {
            let index = guard.as_ref().expect("built by number_index");
            for summary in summaries {
                if let Some(number) = index.get(&summary.id) {
                    summary.order_no = Some(number.clone());
                }
            }
        }
    }

    pub fn database(&self) -> &Arc<Database> {
        &self.db
    }

    /// Records a new order and its first status, committed before it returns.
    pub fn record_order(&self, order: NewOrder) -> Result<CommittedOrder, OrderBookError> {
        self.record_order_resolving(order, None)
    }

    /// Records an order and, in the same transaction, marks the attempt that asked the store for
    /// it as answered: after a crash there is either the attempt or the order, never neither.
    pub(super) fn record_order_resolving(&self, order: NewOrder, attempt: Option<i64>) -> Result<CommittedOrder, OrderBookError> {
        let uid = new_uid()?;
        // Seal first (needs the vault unlocked): a locked vault stops the order from being shown
        // rather than letting a token reach the disk unsealed.
        let token = match &order.access_token {
            Some(token) => Some(self.vault.seal(&token_record(&uid), token.expose().as_bytes())?),
            None => None,
        };
        // The number and the cashier URL are sealed too (see `numbers`); the index is built first,
        // so that numbers an older version left plain are sealed and tagged before a duplicate is
        // looked for by tag.
        drop(self.number_index()?);
        let (number_sealed, number_tag) = match &order.order_no {
            Some(number) => (Some(self.vault.seal(&numbers::order_no_record(&uid), number.as_bytes())?), Some(numbers::tag(&self.vault, order.store, number)?)),
            None => (None, None),
        };
        let url_sealed = match &order.pay_url {
            Some(url) => Some(self.vault.seal(&numbers::pay_url_record(&uid), url.as_bytes())?),
            None => None,
        };
        let now = timestamps::now();
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        if let (Some(order_no), Some(number_tag)) = (&order.order_no, &number_tag) {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM orders WHERE store = ?1 AND order_no_tag = ?2", params![order.store.as_str(), number_tag], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(OrderBookError::Duplicate { store: order.store.as_str(), order_no: order_no.clone() });
            }
        }
        tx.execute(
            "INSERT INTO orders(uid, store, order_no_sealed, order_no_tag, store_order_id, access_token, product_id, product_name, quantity,
               unit_price, total, currency, payment_method, coin, pay_address, pay_amount, expires_at, contact_email,
               status, finished, created_at, updated_at, network, pay_url_sealed, product_name_zh, min_quantity)
             VALUES (?1, ?2, ?3, ?23, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21, ?22, ?24, ?25)",
            params![
                uid,
                order.store.as_str(),
                number_sealed,
                order.store_order_id,
                token,
                order.product_id,
                order.product_name,
                order.quantity,
                text(&order.unit_price),
                text(&order.total),
                order.currency,
                order.payment_method,
                order.coin,
                order.pay_address,
                text(&order.pay_amount),
                order.expires_at,
                order.contact_email,
                order.status.as_str(),
                order.status.is_final(),
                now,
                order.network,
                url_sealed,
                number_tag,
                order.product_name_zh,
                order.min_quantity,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, 'recorded')",
            params![id, now, order.status.as_str()],
        )?;
        if let Some(raw) = &order.raw_response {
            self.insert_raw(&tx, id, &uid, "create", raw)?;
        }
        if let Some(attempt) = attempt {
            super::attempts::resolve_in(&tx, attempt, super::attempts::AttemptOutcome::Recorded, Some(id), &now)?;
        }
        tx.commit()?;
        drop(conn);
        if let (Some(number), Some(index)) = (&order.order_no, self.numbers.lock().unwrap_or_else(|p| p.into_inner()).as_mut()) {
            index.insert(id, number.clone());
        }
        Ok(CommittedOrder { id, uid })
    }

    /// Records a status change (and its note) unless the order already has that status.
    pub fn update_status(&self, id: i64, status: OrderStatus, note: Option<&str>) -> Result<bool, OrderBookError> {
        let now = timestamps::now();
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        let current: String = tx
            .query_row("SELECT status FROM orders WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(OrderBookError::NotFound(id))?;
        if current == status.as_str() {
            return Ok(false);
        }
        tx.execute(
            "UPDATE orders SET status = ?2, finished = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, status.as_str(), status.is_final(), now],
        )?;
        tx.execute("INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, ?4)", params![id, now, status.as_str(), note])?;
        tx.commit()?;
        Ok(true)
    }

    /// Fills in the payment details an order is missing (a create answer without them, a status
    /// answer with them); never overwrites one it has: the first the store said is what was shown.
    /// Returns whether anything was filled in.
    pub fn fill_payment_details(
        &self,
        id: i64,
        address: Option<&str>,
        amount: Option<rust_decimal::Decimal>,
        network: Option<&str>,
        expires_at: Option<&str>,
    ) -> Result<bool, OrderBookError> {
        let conn = self.db.lock();
        let changed = conn.execute(
            "UPDATE orders SET pay_address = COALESCE(pay_address, ?2), pay_amount = COALESCE(pay_amount, ?3),
                 network = COALESCE(network, ?4), expires_at = COALESCE(expires_at, ?5), updated_at = ?6
             WHERE id = ?1 AND ((pay_address IS NULL AND ?2 IS NOT NULL) OR (pay_amount IS NULL AND ?3 IS NOT NULL)
                 OR (network IS NULL AND ?4 IS NOT NULL) OR (expires_at IS NULL AND ?5 IS NOT NULL))",
            params![id, address, amount.map(|a| a.to_string()), network, expires_at, timestamps::now()],
        )?;
        Ok(changed > 0)
    }

    /// The store's latest answer about an order, unsealed (for the "details missing" screen, which
    /// shows it with its secrets masked).
    pub fn latest_raw_response(&self, id: i64) -> Result<Option<String>, OrderBookError> {
        let conn = self.db.lock();
        let uid = uid_of(&conn, id)?;
        let row: Option<(i64, Vec<u8>)> = conn
            .query_row("SELECT id, sealed FROM raw_responses WHERE order_id = ?1 ORDER BY id DESC LIMIT 1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((raw_id, sealed)) = row else { return Ok(None) };
        let text = self.vault.open_sealed_string(&raw_record(&uid, raw_id), &sealed)?;
        Ok(Some(text.to_string()))
    }

    /// Keeps a store answer about an order (sealed: answers can hold tokens and passwords).
    pub fn record_raw_response(&self, id: i64, what: &str, body: &str) -> Result<(), OrderBookError> {
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        let uid = uid_of(&tx, id)?;
        self.insert_raw(&tx, id, &uid, what, body)?;
        tx.commit()?;
        Ok(())
    }

    fn insert_raw(&self, conn: &Connection, id: i64, uid: &str, what: &str, body: &str) -> Result<(), OrderBookError> {
        // The row id is part of the record name, so insert a placeholder first, then seal.
        conn.execute("INSERT INTO raw_responses(order_id, at, what, sealed) VALUES (?1, ?2, ?3, x'')", params![id, timestamps::now(), what])?;
        let raw_id = conn.last_insert_rowid();
        let sealed = self.vault.seal(&raw_record(uid, raw_id), body.as_bytes())?;
        conn.execute("UPDATE raw_responses SET sealed = ?2 WHERE id = ?1", params![raw_id, sealed])?;
        Ok(())
    }

    /// Records delivered items at positions `first_position..`, replacing what was at those
    /// positions (receive-code items fill in as codes arrive). Committed before it returns.
    pub fn record_delivery(&self, id: i64, first_position: u32, items: &[DeliveredItem]) -> Result<CommittedItems, OrderBookError> {
        let now = timestamps::now();
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        let uid = uid_of(&tx, id)?;
        let store = store_of(&tx, id)?;
        let mut views = Vec::with_capacity(items.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO delivered_items(order_id, position, label, sealed, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(order_id, position) DO UPDATE SET label = excluded.label, sealed = excluded.sealed",
            )?;
            for (offset, item) in items.iter().enumerate() {
                let position = first_position + offset as u32;
                let sealed_item = SealedItem {
                    login: item.login.clone(),
                    password: item.password.as_ref().map(|s| s.expose().clone()),
                    extra: item.extra.as_ref().map(|s| s.expose().clone()),
                    line: item.line.as_ref().map(|s| s.expose().clone()),
                    earlier: Vec::new(),
                    fields: item.fields.clone(),
                };
                insert.execute(params![id, position, item.login, self.seal_item(&uid, position, &sealed_item)?, now])?;
                views.push(item_view(position, sealed_item, now.clone(), store));
            }
        }
        tx.execute("UPDATE orders SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
        tx.commit()?;
        Ok(CommittedItems { order_id: id, items: views })
    }

    /// Keeps the text that arrived for receive-code item `position` of order `id`, stamped with
    /// the time it arrived. The text it replaces (a second message for the same email) stays in
    /// the item's sealed history, so the screen can tell a code sent again from a new one.
    /// Committed before it returns.
    pub fn record_code_text(&self, id: i64, position: u32, email: &str, text: &str) -> Result<ItemView, OrderBookError> {
        let now = timestamps::now();
        let mut conn = self.db.lock();
        let tx = conn.transaction()?;
        let uid = uid_of(&tx, id)?;
        let before: Option<Vec<u8>> =
            tx.query_row("SELECT sealed FROM delivered_items WHERE order_id = ?1 AND position = ?2", params![id, position], |r| r.get(0)).optional()?;
        let mut earlier = Vec::new();
        if let Some(sealed) = before {
            // An earlier text that can no longer be opened is not worth losing the new one for.
            if let Ok(mut previous) = self.open_item(&uid, position, &sealed) {
                earlier = std::mem::take(&mut previous.earlier);
                earlier.extend(previous.line.take());
            }
        }
        if earlier.len() > EARLIER_TEXTS_KEPT {
            earlier.drain(..earlier.len() - EARLIER_TEXTS_KEPT);
        }
        let item = SealedItem { login: email.to_owned(), password: None, extra: None, line: Some(text.to_owned()), earlier, fields: Vec::new() };
        tx.execute(
            "INSERT INTO delivered_items(order_id, position, label, sealed, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(order_id, position) DO UPDATE SET label = excluded.label, sealed = excluded.sealed, received_at = excluded.received_at",
            params![id, position, email, self.seal_item(&uid, position, &item)?, now],
        )?;
        tx.execute("UPDATE orders SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
        tx.commit()?;
        Ok(item_view(position, item, now, StoreKind::EmailOrder))
    }

    fn seal_item(&self, uid: &str, position: u32, item: &SealedItem) -> Result<Vec<u8>, OrderBookError> {
        let mut json = serde_json::to_vec(item).map_err(|e| OrderBookError::Damaged(e.to_string()))?;
        let sealed = self.vault.seal(&item_record(uid, position), &json);
        json.zeroize();
        Ok(sealed?)
    }

    /// Orders newest first, filtered.
    pub fn list(&self, filter: &OrderFilter) -> Result<Vec<OrderSummary>, OrderBookError> {
        let mut sql = String::from(SUMMARY_SELECT);
        sql.push_str(" WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(store) = filter.store {
            sql.push_str(" AND o.store = ?");
            args.push(store.as_str().to_owned().into());
        }
        if let Some(unfinished) = filter.unfinished {
            sql.push_str(if unfinished { " AND o.finished = 0" } else { " AND o.finished = 1" });
        }
        if let Some(status) = filter.status {
            sql.push_str(" AND o.status = ?");
            args.push(status.as_str().to_owned().into());
        }
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let pattern = format!("%{}%", escape_like(search));
            // Numbers are sealed: the ones that match come from the index in memory (as `LIKE`
            // would: a part of the number, ASCII case ignored).
            let wanted = search.to_ascii_lowercase();
            let by_number: Vec<i64> = match self.number_index() {
                Ok(guard) => guard.as_ref().expect("built by number_index").iter().filter(|(_, n)| n.to_ascii_lowercase().contains(&wanted)).map(|(id, _)| *id).collect(),
                Err(_) => Vec::new(),
            };
            sql.push_str(
                " AND (o.id IN (SELECT value FROM json_each(?)) OR o.product_name LIKE ? ESCAPE '\\' OR o.product_name_zh LIKE ? ESCAPE '\\'
                   OR o.contact_email LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM delivered_items d WHERE d.order_id = o.id AND d.label LIKE ? ESCAPE '\\'))",
            );
            args.push(serde_json::to_string(&by_number).map_err(|e| OrderBookError::Damaged(e.to_string()))?.into());
            for _ in 0..4 {
                args.push(pattern.clone().into());
            }
        }
        sql.push_str(" ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?");
        args.push(i64::from(filter.limit.unwrap_or(ORDERS_PAGE)).into());
        args.push(i64::from(filter.offset.unwrap_or(0)).into());
        let mut summaries = {
            let conn = self.db.lock();
            let mut statement = conn.prepare_cached(&sql)?;
            let rows = statement.query_map(params_from_iter(args), summary_from_row)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        self.fill_numbers(&mut summaries);
        Ok(summaries)
    }

    /// When the oldest order with a delivered item was made (`None` when none has one): what the
    /// backup reminder measures from.
    pub fn first_delivered_at(&self) -> Result<Option<String>, OrderBookError> {
        let first: Option<String> = self.db.lock().query_row(
            "SELECT MIN(o.created_at) FROM orders o WHERE EXISTS (SELECT 1 FROM delivered_items d WHERE d.order_id = o.id)",
            [],
            |row| row.get(0),
        )?;
        Ok(first)
    }

    /// Orders that may still change: the store modules resume their status checks for these.
    /// How many orders are unfinished: one count, without reading the orders (their sealed numbers
    /// are not opened), for the start, where it only feeds a line of text.
    pub fn count_unfinished(&self) -> Result<u32, OrderBookError> {
        let count: i64 = self.db.lock().query_row("SELECT COUNT(*) FROM orders WHERE finished = 0", [], |row| row.get(0))?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    pub fn unfinished(&self) -> Result<Vec<OrderSummary>, OrderBookError> {
        self.list(&OrderFilter { unfinished: Some(true), limit: Some(u32::MAX), ..OrderFilter::default() })
    }

    pub fn summary(&self, id: i64) -> Result<OrderSummary, OrderBookError> {
        let summary = {
            let conn = self.db.lock();
            conn.query_row(&format!("{SUMMARY_SELECT} WHERE o.id = ?1"), [id], summary_from_row).optional()?.ok_or(OrderBookError::NotFound(id))?
        };
        let mut one = [summary];
        self.fill_numbers(&mut one);
        let [summary] = one;
        Ok(summary)
    }

    /// The order's cashier URL, to open it again (sealed: needs the vault open).
    pub fn pay_url(&self, id: i64) -> Result<Option<String>, OrderBookError> {
        // Built first: it seals what an older version left plain.
        drop(self.number_index()?);
        Ok(self.sealed_column(id, "pay_url_sealed", numbers::pay_url_record)?.map(|url| url.to_string()))
    }

    /// The transaction ID the buyer gave for the order's payment (sealed: needs the vault open).
    pub fn payment_tx(&self, id: i64) -> Result<Option<String>, OrderBookError> {
        Ok(self.sealed_column(id, "payment_tx_sealed", numbers::payment_tx_record)?.map(|tx| tx.to_string()))
    }

    /// Keeps (or, with `None`, forgets) the transaction ID the buyer gave for order `id`'s payment.
    pub fn set_payment_tx(&self, id: i64, tx: Option<&str>) -> Result<(), OrderBookError> {
        let conn = self.db.lock();
        let uid = uid_of(&conn, id)?;
        let sealed = match tx {
            Some(tx) => Some(self.vault.seal(&numbers::payment_tx_record(&uid), tx.as_bytes())?),
            None => None,
        };
        conn.execute("UPDATE orders SET payment_tx_sealed = ?2, updated_at = ?3 WHERE id = ?1", params![id, sealed, timestamps::now()])?;
        Ok(())
    }

    /// Opens the sealed text in `column` of order `id` (a name from this file, never input).
    fn sealed_column(&self, id: i64, column: &str, record: fn(&str) -> String) -> Result<Option<zeroize::Zeroizing<String>>, OrderBookError> {
        let (uid, sealed): (String, Option<Vec<u8>>) = self
            .db
            .lock()
            .query_row(&format!("SELECT uid, {column} FROM orders WHERE id = ?1"), [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(OrderBookError::NotFound(id))?;
        match sealed {
            Some(sealed) => Ok(Some(self.vault.open_sealed_string(&record(&uid), &sealed)?)),
            None => Ok(None),
        }
    }

    /// The store's id of an order, for its status checks.
    pub fn store_order_id(&self, id: i64) -> Result<Option<String>, OrderBookError> {
        self.text_column(id, "SELECT store_order_id FROM orders WHERE id = ?1")
    }

    fn text_column(&self, id: i64, select: &str) -> Result<Option<String>, OrderBookError> {
        self.db.lock().query_row(select, [id], |r| r.get(0)).optional()?.ok_or(OrderBookError::NotFound(id))
    }

    /// Finds an order by its store and exact order number (by its tag: needs the vault open).
    pub fn find(&self, store: StoreKind, order_no: &str) -> Result<Option<i64>, OrderBookError> {
        drop(self.number_index()?);
        let tag = numbers::tag(&self.vault, store, order_no)?;
        Ok(self
            .db
            .lock()
            .query_row("SELECT id FROM orders WHERE store = ?1 AND order_no_tag = ?2", params![store.as_str(), tag], |r| r.get(0))
            .optional()?)
    }

    /// The order's access token, for its status checks (never shown).
    pub fn access_token(&self, id: i64) -> Result<Option<Secret<String>>, OrderBookError> {
        Ok(self.sealed_column(id, "access_token", token_record)?.map(|token| Secret::new(token.as_str().to_owned())))
    }

    /// Everything about one order, its delivered items opened.
    pub fn detail(&self, id: i64) -> Result<OrderDetail, OrderBookError> {
        let summary = self.summary(id)?;
        let conn = self.db.lock();
        let (uid, store_order_id, product_id, unit_price, payment_method, coin, pay_address, pay_amount, expires_at, network, has_pay_url, min_quantity) =
            conn.query_row(
                "SELECT uid, store_order_id, product_id, unit_price, payment_method, coin, pay_address, pay_amount, expires_at, network,
                        pay_url_sealed IS NOT NULL OR pay_url IS NOT NULL, min_quantity FROM orders WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, bool>(10)?,
                        r.get::<_, Option<u32>>(11)?,
                    ))
                },
            )?;
        let mut events_statement = conn.prepare_cached("SELECT at, status, note FROM order_events WHERE order_id = ?1 ORDER BY id")?;
        let events = events_statement
            .query_map([id], |r| {
                Ok(StatusEvent { at: r.get(0)?, status: parse_status(&r.get::<_, String>(1)?), note: r.get(2)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut items_statement = conn.prepare_cached("SELECT position, sealed, received_at FROM delivered_items WHERE order_id = ?1 ORDER BY position")?;
        let sealed_items = items_statement
            .query_map([id], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        drop(items_statement);
        drop(events_statement);
        drop(conn);
        let mut items = Vec::with_capacity(sealed_items.len());
        let mut unreadable_items = 0;
        for (position, sealed, received_at) in sealed_items {
            match self.open_item(&uid, position, &sealed) {
                Ok(item) => items.push(item_view(position, item, received_at, summary.store)),
                Err(OrderBookError::Vault(VaultError::Locked)) => return Err(VaultError::Locked.into()),
                Err(_) => unreadable_items += 1,
            }
        }
        Ok(OrderDetail {
            summary,
            store_order_id,
            product_id,
            unit_price,
            min_quantity,
            payment_method: payment_method.as_deref().and_then(crate::stores::gmailstore::PaymentMethod::parse),
            coin,
            pay_address,
            pay_amount,
            network,
            expires_at,
            has_pay_url,
            events,
            items,
            unreadable_items,
        })
    }

    fn open_item(&self, uid: &str, position: u32, sealed: &[u8]) -> Result<SealedItem, OrderBookError> {
        let json = self.vault.open_sealed(&item_record(uid, position), sealed)?;
        serde_json::from_slice(&json).map_err(|e| OrderBookError::Damaged(e.to_string()))
    }
}

const SUMMARY_SELECT: &str = "SELECT o.id, o.store, o.order_no, o.product_name, o.quantity, o.total, o.currency, o.status, o.finished,
    o.contact_email, (SELECT count(*) FROM delivered_items d WHERE d.order_id = o.id), o.created_at, o.product_name_zh FROM orders o";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<OrderSummary> {
    Ok(OrderSummary {
        id: r.get(0)?,
        store: StoreKind::parse(&r.get::<_, String>(1)?).unwrap_or(StoreKind::GmailStore),
        order_no: r.get(2)?,
        product_name: r.get(3)?,
        quantity: r.get(4)?,
        total: r.get(5)?,
        currency: r.get(6)?,
        status: parse_status(&r.get::<_, String>(7)?),
        finished: r.get(8)?,
        contact_email: r.get(9)?,
        item_count: r.get(10)?,
        created_at: r.get(11)?,
        product_name_zh: r.get(12)?,
    })
}

/// A status word this version does not know (written by a newer one) reads as still pending, so
/// the order keeps being checked rather than being taken as finished.
fn parse_status(text: &str) -> OrderStatus {
    OrderStatus::parse(text).unwrap_or(OrderStatus::AwaitingPayment)
}

fn uid_of(conn: &Connection, id: i64) -> Result<String, OrderBookError> {
    conn.query_row("SELECT uid FROM orders WHERE id = ?1", [id], |r| r.get(0)).optional()?.ok_or(OrderBookError::NotFound(id))
}

fn store_of(conn: &Connection, id: i64) -> Result<StoreKind, OrderBookError> {
    let store: String = conn.query_row("SELECT store FROM orders WHERE id = ?1", [id], |r| r.get(0)).optional()?.ok_or(OrderBookError::NotFound(id))?;
    Ok(StoreKind::parse(&store).unwrap_or(StoreKind::GmailStore))
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn item_view(position: u32, item: SealedItem, received_at: String, store: StoreKind) -> ItemView {
    // A receive-code item's line is the text its email received, not an account line.
    let export_line = match (store, item.line.as_deref()) {
        (StoreKind::EmailOrder, Some(text)) if !item.login.is_empty() => super::export::received_text_line(&item.login, text),
        _ => super::export::item_line(&item.login, item.password.as_deref(), item.line.as_deref(), &item.fields),
    };
    ItemView {
        position,
        login: item.login.clone(),
        password: item.password.clone(),
        extra: item.extra.clone(),
        line: item.line.clone(),
        export_line,
        received_at,
        earlier_lines: item.earlier.clone(),
        fields: item.fields.clone(),
    }
}
