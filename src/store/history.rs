//! The history of every client and entry: each change appends the whole item as
//! it stood after it, so an edit never loses what was there before.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{bad_row, StoreError};
use crate::domain::time::{from_db, to_db};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When the change was recorded.
    pub at: DateTime<Utc>,
    /// What happened: created, edited, rescheduled, deleted, restored, …
    pub action: String,
    /// The item as it stood after the change.
    pub snapshot: serde_json::Value,
}

pub fn append(conn: &Connection, item_id: &str, at: DateTime<Utc>, action: &str, snapshot: &impl Serialize) -> Result<(), StoreError> {
    let json = serde_json::to_string(snapshot).map_err(|e| bad_row("a change", e))?;
    let last = version(conn, item_id)?;
    conn.prepare_cached("INSERT INTO history (item_id, seq, at, action, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![
        item_id,
        last + 1,
        to_db(at),
        action,
        json
    ])?;
    Ok(())
}

/// The item's version: how many changes it has had (0 when none). An action
/// answers it, so that taking the action back can tell the item changed since.
pub fn version(conn: &Connection, item_id: &str) -> Result<i64, StoreError> {
    let last: Option<i64> =
        conn.prepare_cached("SELECT max(seq) FROM history WHERE item_id = ?1")?.query_row([item_id], |r| r.get(0)).optional()?.flatten();
    Ok(last.unwrap_or(0))
}

/// Restores a whole history as it was exported.
pub fn put_all(conn: &Connection, item_id: &str, changes: &[Change]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("INSERT INTO history (item_id, seq, at, action, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, c) in changes.iter().enumerate() {
        stmt.execute(params![item_id, i as i64 + 1, to_db(c.at), c.action, c.snapshot.to_string()])?;
    }
    Ok(())
}

pub fn of(conn: &Connection, item_id: &str) -> Result<Vec<Change>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT at, action, snapshot FROM history WHERE item_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([item_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|row| {
        let (at, action, snapshot) = row?;
        Ok(Change {
            at: from_db(&at).map_err(|e| bad_row(format!("the history of {item_id}"), e))?,
            action,
            snapshot: serde_json::from_str(&snapshot).map_err(|e| bad_row(format!("the history of {item_id}"), e))?,
        })
    })
    .collect()
}
