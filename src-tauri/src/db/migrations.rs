//! Versioned schema changes, applied in order inside one transaction each; `user_version` records
//! how far a database has come. Never edit a shipped step: add a new one.

use rusqlite::Connection;

use super::DbError;

const STEPS: &[&str] = &[
    // 1: the vault's records and the order book.
    r#"
    CREATE TABLE vault_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        protection TEXT NOT NULL,
        key_check BLOB NOT NULL,
        kdf_salt BLOB,
        kdf_memory_kib INTEGER,
        kdf_iterations INTEGER,
        kdf_parallelism INTEGER,
        wrapped_key BLOB
    );
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        store TEXT NOT NULL,
        order_no TEXT,
        store_order_id TEXT,
        access_token BLOB,
        product_id TEXT,
        product_name TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit_price TEXT,
        total TEXT,
        currency TEXT,
        payment_method TEXT,
        coin TEXT,
        pay_address TEXT,
        pay_amount TEXT,
        expires_at TEXT,
        contact_email TEXT,
        status TEXT NOT NULL,
        finished INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX orders_by_store_number ON orders(store, order_no) WHERE order_no IS NOT NULL;
    CREATE INDEX orders_by_created ON orders(created_at DESC, id DESC);
    CREATE TABLE order_events (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        at TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX order_events_by_order ON order_events(order_id, id);
    CREATE TABLE delivered_items (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        sealed BLOB NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (order_id, position)
    );
    CREATE TABLE raw_responses (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        at TEXT NOT NULL,
        what TEXT NOT NULL,
        sealed BLOB NOT NULL
    );
    CREATE INDEX raw_responses_by_order ON raw_responses(order_id, id);
    "#,
    // 2: what a checkout shows again later: the network named by the store and a cashier URL.
    r#"
    ALTER TABLE orders ADD COLUMN network TEXT;
    ALTER TABLE orders ADD COLUMN pay_url TEXT;
    "#,
    // 3: an order request written down before it is sent (no secrets), so a crash or a lost
    // answer between the store creating an order and the app recording it still leaves a trace.
    // `resolved_at` is set in the transaction that records the order, or when the store refused
    // it, or when the user dismisses it; unresolved ones are shown as "the order may exist".
    r#"
    CREATE TABLE order_attempts (
        id INTEGER PRIMARY KEY,
        store TEXT NOT NULL,
        product_id TEXT,
        product_name TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        contact_email TEXT,
        payment_method TEXT,
        coin TEXT,
        started_at TEXT NOT NULL,
        resolved_at TEXT,
        outcome TEXT,
        order_id INTEGER REFERENCES orders(id)
    );
    CREATE INDEX order_attempts_unresolved ON order_attempts(id) WHERE resolved_at IS NULL;
    "#,
    // 4: what the store answered to an attempt, sealed and committed before the answer is read,
    // and the order number once known: an answer the app cannot read, or cannot record, still
    // leaves the store's own words and the number the lookup needs (both sealed: with the contact
    // email they are what the store's lookup asks for).
    r#"
    ALTER TABLE order_attempts ADD COLUMN answer BLOB;
    ALTER TABLE order_attempts ADD COLUMN order_no BLOB;
    "#,
    // 5: order numbers and cashier URLs sealed (see `orders::numbers`), found by a keyed tag. The
    // plain columns stay for what older versions wrote, until the vault is first open.
    r#"
    ALTER TABLE orders ADD COLUMN order_no_sealed BLOB;
    ALTER TABLE orders ADD COLUMN order_no_tag BLOB;
    ALTER TABLE orders ADD COLUMN pay_url_sealed BLOB;
    CREATE UNIQUE INDEX orders_by_store_tag ON orders(store, order_no_tag) WHERE order_no_tag IS NOT NULL;
    "#,
    // 6: the transaction ID the buyer pasted for a payment ("I already paid"), sealed like the
    // order number: with it, anyone can follow the buyer's wallet on the chain.
    r#"
    ALTER TABLE orders ADD COLUMN payment_tx_sealed BLOB;
    "#,
    // 7: what was bought, as the catalogue showed it at the purchase (the English name is
    // `product_name`, the unit price `unit_price`): the order keeps saying it after the product
    // changes or leaves the catalogue.
    r#"
    ALTER TABLE orders ADD COLUMN product_name_zh TEXT;
    ALTER TABLE orders ADD COLUMN min_quantity INTEGER;
    "#,
];

/// The schema version this app writes (the number of steps).
pub fn current_version() -> i64 {
    STEPS.len() as i64
}

/// The schema version a database is at, or `TooNew` when a newer Mailcart wrote it.
pub(super) fn refuse_newer(conn: &Connection) -> Result<i64, DbError> {
    let known = STEPS.len() as i64;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > known {
        return Err(DbError::TooNew { found, known });
    }
    Ok(found)
}

pub(super) fn apply(conn: &Connection) -> Result<(), DbError> {
    let found = refuse_newer(conn)?;
    for (index, sql) in STEPS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
