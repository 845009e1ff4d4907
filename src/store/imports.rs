//! Rows of contacts imports: batches and what each record did. What a merge
//! means and how it is undone is decided in src/journal/importing/.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{bad_row, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::ClientId;

#[derive(Clone, Debug, PartialEq)]
pub struct BatchRow {
    pub id: String,
    pub at: DateTime<Utc>,
    pub sources: String,
    pub undone_at: Option<DateTime<Utc>>,
    pub created: i64,
    pub merged: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EffectRow {
    pub client_id: ClientId,
    pub created: bool,
    pub changes: String,
}

pub fn add_batch(conn: &Connection, id: &str, at: DateTime<Utc>, sources: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO import_batches (id, at, sources) VALUES (?1, ?2, ?3)")?.execute(params![id, to_db(at), sources])?;
    Ok(())
}

pub fn add_effect(
    conn: &Connection,
    batch: &str,
    seq: usize,
    client: ClientId,
    created: bool,
    changes: &str,
    fingerprint: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO import_effects (batch_id, seq, client_id, action, changes, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![batch, seq as i64, client.to_string(), if created { "created" } else { "merged" }, changes, fingerprint])?;
    Ok(())
}

/// The live client a record with this fingerprint went into in an import not undone, if any.
pub fn client_of_fingerprint(conn: &Connection, fingerprint: &str) -> Result<Option<ClientId>, StoreError> {
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT e.client_id FROM import_effects e JOIN import_batches b ON b.id = e.batch_id
             JOIN clients c ON c.id = e.client_id
             WHERE e.fingerprint = ?1 AND b.undone_at IS NULL AND c.deleted_at IS NULL LIMIT 1",
        )?
        .query_row([fingerprint], |r| r.get(0))
        .optional()?;
    id.map(|i| i.parse().map_err(|e| bad_row("an import's client", e))).transpose()
}

fn batch_from(r: &rusqlite::Row<'_>) -> Result<BatchRow, StoreError> {
    let at: String = r.get(1)?;
    let undone: Option<String> = r.get(3)?;
    Ok(BatchRow {
        id: r.get(0)?,
        at: from_db(&at).map_err(|e| bad_row("an import", e))?,
        sources: r.get(2)?,
        undone_at: undone.map(|u| from_db(&u)).transpose().map_err(|e| bad_row("an import", e))?,
        created: r.get(4)?,
        merged: r.get(5)?,
    })
}

const BATCH_SELECT: &str = "SELECT b.id, b.at, b.sources, b.undone_at,
       (SELECT count(*) FROM import_effects e WHERE e.batch_id = b.id AND e.action = 'created'),
       (SELECT count(*) FROM import_effects e WHERE e.batch_id = b.id AND e.action = 'merged')
     FROM import_batches b";

pub fn batch(conn: &Connection, id: &str) -> Result<Option<BatchRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{BATCH_SELECT} WHERE b.id = ?1"))?;
    stmt.query_row([id], |r| Ok(batch_from(r))).optional()?.transpose()
}

/// Every import, newest first.
pub fn batches(conn: &Connection) -> Result<Vec<BatchRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{BATCH_SELECT} ORDER BY b.at DESC, b.id DESC"))?;
    let rows = stmt.query_map([], |r| Ok(batch_from(r)))?;
    rows.map(|r| r?).collect()
}

/// A batch's effects, last first: undone in the reverse order they were made.
pub fn effects(conn: &Connection, batch: &str) -> Result<Vec<EffectRow>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT client_id, action, changes FROM import_effects WHERE batch_id = ?1 ORDER BY seq DESC")?;
    let rows = stmt.query_map([batch], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|r| {
        let (client, action, changes) = r?;
        Ok(EffectRow { client_id: client.parse().map_err(|e| bad_row("an import's client", e))?, created: action == "created", changes })
    })
    .collect()
}

pub fn mark_undone(conn: &Connection, batch: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE import_batches SET undone_at = ?2 WHERE id = ?1")?.execute(params![batch, to_db(at)])?;
    Ok(())
}
