//! The order book out of this computer and into another (a backup's contents, issue 17): every
//! order with its secrets opened (the backup file seals them again under the buyer's passphrase),
//! and a merge that adds what the book lacks without losing what it has.
//!
//! Orders travel as their columns by name, so a column added by a later schema step needs no code
//! here. An order is the same order when it has the same `uid` (restored where it was made) or the
//! same store and order number (made on another computer from the same store answer).

use std::collections::BTreeMap;

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::book::{item_record, raw_record, token_record, OrderBook, OrderBookError};
use super::model::{OrderStatus, StoreKind};
use super::numbers::{self, order_no_record, pay_url_record, payment_tx_record};
use crate::vault::{SealError, VaultError};

/// Columns that are not carried as they are: the local id, and the sealed columns (carried opened,
/// in `secrets`) with their plain forerunners and the lookup tag (made again by the merge).
const NOT_CARRIED: &[&str] = &["id", "uid", "access_token", "order_no", "order_no_sealed", "order_no_tag", "pay_url", "pay_url_sealed", "payment_tx_sealed"];

/// One order as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderRecord {
    pub uid: String,
    /// Every other plain column, by name.
    pub columns: serde_json::Map<String, Value>,
    /// The sealed columns, opened: `access_token`, `order_no`, `pay_url`, `payment_tx`.
    pub secrets: BTreeMap<String, String>,
    pub events: Vec<EventRecord>,
    pub items: Vec<ItemRecord>,
    pub raw: Vec<RawRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub at: String,
    pub status: String,
    pub note: Option<String>,
}

/// A delivered item: its searchable label, when it came, and its sealed content opened (the
/// order book's own JSON of it, carried as JSON rather than as a string of JSON: no escaped quotes,
/// so the backup file stays smaller than the database it comes from).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ItemRecord {
    pub position: u32,
    pub label: String,
    pub received_at: String,
    pub content: Box<serde_json::value::RawValue>,
}

impl PartialEq for ItemRecord {
    fn eq(&self, other: &Self) -> bool {
        (self.position, &self.label, &self.received_at, self.content.get()) == (other.position, &other.label, &other.received_at, other.content.get())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRecord {
    pub at: String,
    pub what: String,
    pub body: String,
}

/// What a merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeReport {
    /// Orders this book did not have.
    pub added: u32,
    /// Orders it had, to which the backup brought a newer status or something missing.
    pub updated: u32,
    pub unchanged: u32,
    /// Delivered items added to orders this book had.
    pub items_added: u32,
}

fn to_json(value: ValueRef<'_>) -> Option<Value> {
    match value {
        ValueRef::Null => Some(Value::Null),
        ValueRef::Integer(n) => Some(Value::from(n)),
        ValueRef::Real(x) => serde_json::Number::from_f64(x).map(Value::Number),
        ValueRef::Text(text) => Some(Value::String(String::from_utf8_lossy(text).into_owned())),
        // No plain column holds bytes; a sealed one is carried opened.
        ValueRef::Blob(_) => None,
    }
}

fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map(SqlValue::Integer).or_else(|| n.as_f64().map(SqlValue::Real)).unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// The sealed columns, the name they travel under, and the record each is sealed for.
const SECRETS: &[(&str, &str, fn(&str) -> String)] = &[
    ("access_token", "access_token", token_record),
    ("order_no_sealed", "order_no", order_no_record),
    ("pay_url_sealed", "pay_url", pay_url_record),
    ("payment_tx_sealed", "payment_tx", payment_tx_record),
];

/// Every order, opened, as a backup carries it.
pub struct ExportedOrders {
    pub orders: Vec<OrderRecord>,
    /// Values the vault could not open (sealed under a key since replaced, or damaged): left out,
    /// everything else carried. The Orders page counts such items as unreadable too.
    pub left_out: u32,
}

/// A sealed value opened for a backup; `None` (counted) when the vault cannot open it. A locked
/// vault or a database error still fails the backup.
pub fn opened_or_left_out<T>(opened: Result<T, VaultError>, left_out: &mut u32) -> Result<Option<T>, VaultError> {
    match opened {
        Ok(value) => Ok(Some(value)),
        Err(VaultError::Seal(SealError::CannotOpen | SealError::UnknownFormat)) => {
            log::warn!("a sealed value this vault cannot open was left out of the backup");
            *left_out += 1;
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

impl OrderBook {
    /// Every order with everything it holds, opened (the vault must be open). Oldest first.
    pub fn export_orders(&self) -> Result<ExportedOrders, OrderBookError> {
        let mut left_out = 0;
        let conn = self.db.lock();
        let mut statement = conn.prepare("SELECT * FROM orders ORDER BY id")?;
        let names: Vec<String> = statement.column_names().into_iter().map(str::to_owned).collect();
        let mut rows = statement.query([])?;
        let mut orders = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get("id")?;
            let uid: String = row.get("uid")?;
            let mut columns = serde_json::Map::new();
            let mut secrets = BTreeMap::new();
            for (index, name) in names.iter().enumerate() {
                if let Some((_, travels_as, record)) = SECRETS.iter().find(|(column, _, _)| column == name) {
                    if let Some(sealed) = row.get::<_, Option<Vec<u8>>>(index)? {
                        if let Some(opened) = opened_or_left_out(self.vault.open_sealed_string(&record(&uid), &sealed), &mut left_out)? {
                            secrets.insert((*travels_as).to_owned(), opened.to_string());
                        }
                    }
                } else if !NOT_CARRIED.contains(&name.as_str()) {
                    if let Some(value) = to_json(row.get_ref(index)?) {
                        columns.insert(name.clone(), value);
                    }
                }
            }
            // What an older version left plain, not sealed yet.
            for (column, travels_as) in [("order_no", "order_no"), ("pay_url", "pay_url")] {
                if let (false, Some(plain)) = (secrets.contains_key(travels_as), row.get::<_, Option<String>>(column)?) {
                    secrets.insert(travels_as.to_owned(), plain);
                }
            }
            orders.push(OrderRecord { uid, columns, secrets, events: Vec::new(), items: Vec::new(), raw: Vec::new() });
            let order = orders.last_mut().expect("just pushed");
            self.export_parts(&conn, id, order, &mut left_out)?;
        }
        Ok(ExportedOrders { orders, left_out })
    }

    fn export_parts(&self, conn: &Connection, id: i64, order: &mut OrderRecord, left_out: &mut u32) -> Result<(), OrderBookError> {
        let mut events = conn.prepare_cached("SELECT at, status, note FROM order_events WHERE order_id = ?1 ORDER BY id")?;
        order.events = events.query_map([id], |r| Ok(EventRecord { at: r.get(0)?, status: r.get(1)?, note: r.get(2)? }))?.collect::<Result<_, _>>()?;
        let mut items = conn.prepare_cached("SELECT position, label, received_at, sealed FROM delivered_items WHERE order_id = ?1 ORDER BY position")?;
        let sealed_items: Vec<(u32, String, String, Vec<u8>)> = items.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        for (position, label, received_at, sealed) in sealed_items {
            let Some(opened) = opened_or_left_out(self.vault.open_sealed_string(&item_record(&order.uid, position), &sealed), left_out)? else { continue };
            let content = serde_json::value::RawValue::from_string(opened.to_string()).map_err(|e| OrderBookError::Damaged(format!("item {position} of an order: {e}")))?;
            order.items.push(ItemRecord { position, label, received_at, content });
        }
        let mut raw = conn.prepare_cached("SELECT id, at, what, sealed FROM raw_responses WHERE order_id = ?1 ORDER BY id")?;
        let sealed_raw: Vec<(i64, String, String, Vec<u8>)> = raw.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        for (raw_id, at, what, sealed) in sealed_raw {
            let Some(body) = opened_or_left_out(self.vault.open_sealed_string(&raw_record(&order.uid, raw_id), &sealed), left_out)? else { continue };
            order.raw.push(RawRecord { at, what, body: body.to_string() });
        }
        Ok(())
    }

    /// Merges `orders` into this book in one transaction (all of it or, after a crash or an error,
    /// none): an order it lacks is added whole; for one it has, a newer status wins, and events,
    /// delivered items and kept answers it lacks are added. Nothing it has is removed.
    pub fn merge_orders(&self, orders: &[OrderRecord]) -> Result<MergeReport, OrderBookError> {
        let mut report = MergeReport::default();
        {
            let mut conn = self.db.lock();
            let tx = conn.transaction()?;
            let known_columns: Vec<String> = {
                let mut statement = tx.prepare("SELECT name FROM pragma_table_info('orders')")?;
                let names = statement.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                names
            };
            for order in orders {
                let store = order.columns.get("store").and_then(Value::as_str).and_then(StoreKind::parse);
                let existing = self.find_same(&tx, order, store)?;
                match existing {
                    None => {
                        self.insert_whole(&tx, order, store, &known_columns)?;
                        report.added += 1;
                    }
                    Some((id, uid)) => {
                        let (changed, items_added) = self.merge_into(&tx, id, &uid, order)?;
                        report.items_added += items_added;
                        if changed {
                            report.updated += 1;
                        } else {
                            report.unchanged += 1;
                        }
                    }
                }
            }
            tx.commit()?;
        }
        // Numbers were added: the in-memory index is built again when next needed.
        *self.numbers.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(report)
    }

    fn find_same(&self, conn: &Connection, order: &OrderRecord, store: Option<StoreKind>) -> Result<Option<(i64, String)>, OrderBookError> {
        if let Some(id) = conn.query_row("SELECT id FROM orders WHERE uid = ?1", [&order.uid], |r| r.get::<_, i64>(0)).optional()? {
            return Ok(Some((id, order.uid.clone())));
        }
        let (Some(store), Some(number)) = (store, order.secrets.get("order_no")) else { return Ok(None) };
        let tag = numbers::tag(&self.vault, store, number)?;
        Ok(conn
            .query_row("SELECT id, uid FROM orders WHERE store = ?1 AND order_no_tag = ?2", params![store.as_str(), tag], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn insert_whole(&self, conn: &Connection, order: &OrderRecord, store: Option<StoreKind>, known: &[String]) -> Result<(), OrderBookError> {
        let uid = &order.uid;
        let mut names: Vec<String> = vec!["uid".into()];
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(uid.clone())];
        for (name, value) in &order.columns {
            // A column this version does not have (a newer backup is refused before the merge).
            if known.contains(name) && !NOT_CARRIED.contains(&name.as_str()) {
                names.push(name.clone());
                values.push(to_sql(value));
            }
        }
        for (column, travels_as, record) in SECRETS {
            if let Some(secret) = order.secrets.get(*travels_as) {
                names.push((*column).to_owned());
                values.push(SqlValue::Blob(self.vault.seal(&record(uid), secret.as_bytes())?));
            }
        }
        if let (Some(store), Some(number)) = (store, order.secrets.get("order_no")) {
            names.push("order_no_tag".into());
            values.push(SqlValue::Blob(numbers::tag(&self.vault, store, number)?));
        }
        let placeholders = vec!["?"; names.len()].join(", ");
        conn.execute(&format!("INSERT INTO orders({}) VALUES ({placeholders})", names.join(", ")), params_from_iter(values))?;
        let id = conn.last_insert_rowid();
        for event in &order.events {
            conn.execute("INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, ?4)", params![id, event.at, event.status, event.note])?;
        }
        for item in &order.items {
            self.insert_item(conn, id, uid, item)?;
        }
        for raw in &order.raw {
            self.insert_raw_record(conn, id, uid, raw)?;
        }
        Ok(())
    }

    /// Adds to order `id` what `order` has and it lacks; a newer status wins (`backup_status_wins`). Returns whether
    /// anything changed, and how many items were added.
    fn merge_into(&self, conn: &Connection, id: i64, uid: &str, order: &OrderRecord) -> Result<(bool, u32), OrderBookError> {
        let mut changed = false;
        let (local_updated, local_status): (String, String) = conn.query_row("SELECT updated_at, status FROM orders WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let text = |name: &str| order.columns.get(name).and_then(Value::as_str).map(str::to_owned);
        if let (Some(updated), Some(status)) = (text("updated_at"), text("status")) {
            if status != local_status && backup_status_wins(&status, &updated, &local_status, &local_updated) {
                let finished = order.columns.get("finished").and_then(Value::as_i64).unwrap_or(0);
                conn.execute("UPDATE orders SET status = ?2, finished = ?3, updated_at = ?4 WHERE id = ?1", params![id, status, finished, updated])?;
                changed = true;
            }
        }
        let mut events = conn.prepare_cached("SELECT at, status, note FROM order_events WHERE order_id = ?1")?;
        let local_events: Vec<EventRecord> = events.query_map([id], |r| Ok(EventRecord { at: r.get(0)?, status: r.get(1)?, note: r.get(2)? }))?.collect::<Result<_, _>>()?;
        for event in order.events.iter().filter(|e| !local_events.contains(e)) {
            conn.execute("INSERT INTO order_events(order_id, at, status, note) VALUES (?1, ?2, ?3, ?4)", params![id, event.at, event.status, event.note])?;
            changed = true;
        }
        let mut positions = conn.prepare_cached("SELECT position FROM delivered_items WHERE order_id = ?1")?;
        let local_positions: Vec<u32> = positions.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut items_added = 0;
        for item in order.items.iter().filter(|i| !local_positions.contains(&i.position)) {
            self.insert_item(conn, id, uid, item)?;
            items_added += 1;
            changed = true;
        }
        let mut raw = conn.prepare_cached("SELECT at, what FROM raw_responses WHERE order_id = ?1")?;
        let local_raw: Vec<(String, String)> = raw.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        for answer in order.raw.iter().filter(|r| !local_raw.contains(&(r.at.clone(), r.what.clone()))) {
            self.insert_raw_record(conn, id, uid, answer)?;
        }
        Ok((changed, items_added))
    }

    fn insert_item(&self, conn: &Connection, id: i64, uid: &str, item: &ItemRecord) -> Result<(), OrderBookError> {
        let sealed = self.vault.seal(&item_record(uid, item.position), item.content.get().as_bytes())?;
        conn.execute(
            "INSERT INTO delivered_items(order_id, position, label, sealed, received_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, item.position, item.label, sealed, item.received_at],
        )?;
        Ok(())
    }

    fn insert_raw_record(&self, conn: &Connection, id: i64, uid: &str, raw: &RawRecord) -> Result<(), OrderBookError> {
        // The row id is part of the record name: a placeholder first, then the seal.
        conn.execute("INSERT INTO raw_responses(order_id, at, what, sealed) VALUES (?1, ?2, ?3, x'')", params![id, raw.at, raw.what])?;
        let raw_id = conn.last_insert_rowid();
        conn.execute("UPDATE raw_responses SET sealed = ?2 WHERE id = ?1", params![raw_id, self.vault.seal(&raw_record(uid, raw_id), raw.body.as_bytes())?])?;
        Ok(())
    }
}

/// Whether the backup's status replaces this book's for the same order. A settled status
/// (delivered, failed, cancelled: nothing more can happen at the store) wins over one that is not,
/// whichever was written later — the same order looked up again on this computer while it still
/// awaited payment must not undo a delivery the backup knows of; otherwise the later one wins.
fn backup_status_wins(status: &str, updated: &str, local_status: &str, local_updated: &str) -> bool {
    let settled = |text: &str| OrderStatus::parse(text).is_some_and(OrderStatus::is_settled);
    match (settled(status), settled(local_status)) {
        (true, false) => true,
        (false, true) => false,
        _ => updated > local_updated,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::orders::test_support::unlocked_book;
    use crate::orders::{DeliveredItem, FieldKind, ItemField, NewOrder, OrderFilter, OrderStatus};
    use crate::vault::Secret;

    fn gmail_order(order_no: &str) -> NewOrder {
        NewOrder {
            order_no: Some(order_no.into()),
            access_token: Some(Secret::from(format!("token-{order_no}"))),
            product_id: Some("p1".into()),
            product_name_zh: Some("老号".into()),
            min_quantity: Some(1),
            unit_price: Some(Decimal::new(12345, 3)),
            total: Some(Decimal::new(24690, 3)),
            currency: Some("CNY".into()),
            payment_method: Some("crypto".into()),
            pay_url: Some("https://pay.example/cashier/1".into()),
            contact_email: Some("b@example.com".into()),
            raw_response: Some(r#"{"order_no":"x"}"#.into()),
            ..NewOrder::new(StoreKind::GmailStore, "Aged Gmail", 2, OrderStatus::AwaitingPayment)
        }
    }

    fn delivered(book: &OrderBook, id: i64) {
        let mut item = DeliveredItem::account("a@gmail.com", "pw,1");
        item.fields = vec![ItemField { kind: FieldKind::TwoFactorSecret, name: None, value: "JBSWY3DP".into() }];
        book.record_delivery(id, 0, &[item, DeliveredItem::account("b@gmail.com", "pw2")]).unwrap();
        book.update_status(id, OrderStatus::Delivered, Some("store: completed")).unwrap();
    }

    /// What an order shows, without its local id.
    fn shown(book: &OrderBook, id: i64) -> String {
        let mut detail = book.detail(id).unwrap();
        detail.summary.id = 0;
        format!("{detail:?} {:?} {:?} {:?}", book.access_token(id).unwrap().map(|t| t.expose().clone()), book.pay_url(id).unwrap(), book.payment_tx(id).unwrap())
    }

    #[test]
    fn a_book_moves_whole_to_another_computer_and_a_second_restore_adds_nothing() {
        let (_a_dir, a) = unlocked_book();
        let id = a.record_order(gmail_order("GS1")).unwrap().id;
        delivered(&a, id);
        a.set_payment_tx(id, Some("0xabc123")).unwrap();
        let codes = a.record_order(NewOrder { order_no: Some("E1".into()), ..NewOrder::new(StoreKind::EmailOrder, "Twitter", 1, OrderStatus::InProgress) }).unwrap().id;
        a.record_code_text(codes, 0, "t0@x", "code 111").unwrap();
        a.record_code_text(codes, 0, "t0@x", "code 222").unwrap();

        // Through JSON, as a backup file carries it; into a book under another data key.
        let exported: Vec<OrderRecord> = serde_json::from_str(&serde_json::to_string(&a.export_orders().unwrap().orders).unwrap()).unwrap();
        let (_b_dir, b) = unlocked_book();
        assert_eq!(b.merge_orders(&exported).unwrap(), MergeReport { added: 2, ..MergeReport::default() });
        let moved = b.find(StoreKind::GmailStore, "GS1").unwrap().expect("found by its number");
        assert_eq!(shown(&b, moved), shown(&a, id));
        let moved_codes = b.find(StoreKind::EmailOrder, "E1").unwrap().unwrap();
        assert_eq!(b.detail(moved_codes).unwrap().items[0].earlier_lines, ["code 111"], "a code's history comes along");
        let listed = b.list(&OrderFilter { search: Some("GS1".into()), ..OrderFilter::default() }).unwrap();
        assert_eq!(listed.iter().map(|o| o.order_no.clone()).collect::<Vec<_>>(), [Some("GS1".to_owned())]);

        assert_eq!(b.merge_orders(&exported).unwrap(), MergeReport { unchanged: 2, ..MergeReport::default() });
        assert_eq!(b.list(&OrderFilter::default()).unwrap().len(), 2);
        assert_eq!(shown(&b, moved), shown(&a, id));
    }

    #[test]
    fn an_order_both_books_have_keeps_the_newer_status_and_every_item() {
        let (_a_dir, a) = unlocked_book();
        let a_id = a.record_order(gmail_order("GS7")).unwrap().id;
        // The other computer made the same order from the same store answer: another uid.
        let (_b_dir, b) = unlocked_book();
        let b_id = b.record_order(gmail_order("GS7")).unwrap().id;
        std::thread::sleep(std::time::Duration::from_millis(5));
        delivered(&a, a_id);

        let report = b.merge_orders(&a.export_orders().unwrap().orders).unwrap();
        assert_eq!(report, MergeReport { updated: 1, items_added: 2, ..MergeReport::default() });
        let merged = b.detail(b_id).unwrap();
        assert_eq!((merged.summary.status, merged.items.len()), (OrderStatus::Delivered, 2));
        assert_eq!(merged.items[0].fields[0].value, "JBSWY3DP");
        assert_eq!(b.list(&OrderFilter::default()).unwrap().len(), 1, "not duplicated");

        // The book's own newer status is not put back by an older backup.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let (_c_dir, c) = unlocked_book();
        let c_id = c.record_order(gmail_order("GS7")).unwrap().id;
        let older = c.export_orders().unwrap().orders;
        std::thread::sleep(std::time::Duration::from_millis(5));
        b.update_status(b_id, OrderStatus::Cancelled, None).unwrap();
        b.merge_orders(&older).unwrap();
        assert_eq!(b.detail(b_id).unwrap().summary.status, OrderStatus::Cancelled);
        assert_eq!(c.detail(c_id).unwrap().summary.status, OrderStatus::AwaitingPayment);
    }

    #[test]
    fn a_delivery_in_the_backup_wins_over_the_same_order_recorded_here_later_and_still_unpaid() {
        let (_a_dir, a) = unlocked_book();
        let a_id = a.record_order(gmail_order("GS8")).unwrap().id;
        delivered(&a, a_id);
        let backup = a.export_orders().unwrap().orders;
        std::thread::sleep(std::time::Duration::from_millis(5));
        // Recorded after the backup was written: its time is later, its status earlier.
        let (_b_dir, b) = unlocked_book();
        let b_id = b.record_order(gmail_order("GS8")).unwrap().id;
        b.merge_orders(&backup).unwrap();
        let merged = b.detail(b_id).unwrap();
        assert_eq!((merged.summary.status, merged.summary.finished, merged.items.len()), (OrderStatus::Delivered, true, 2));
        // And the other way round: this book's delivery is not undone by a backup still unpaid.
        let (_c_dir, c) = unlocked_book();
        let c_id = c.record_order(gmail_order("GS8")).unwrap().id;
        let unpaid = c.export_orders().unwrap().orders;
        b.merge_orders(&unpaid).unwrap();
        assert_eq!(b.detail(b_id).unwrap().summary.status, OrderStatus::Delivered);
        assert_eq!(c.detail(c_id).unwrap().summary.status, OrderStatus::AwaitingPayment);
    }
}
