//! Client rows: the profile as JSON, with name, status and dates copied into
//! columns for lookups.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{bad_row, calibration, search, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{Client, ClientId};

/// A client as stored: the trash is the store's business, not the domain's.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredClient {
    pub client: Client,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A query over whole rows, assembled at compile time (no SQL is formatted at run time).
macro_rules! select {
    ($rest:literal) => {
        concat!("SELECT profile, deleted_at FROM clients ", $rest)
    };
}

fn from_row(r: &Row<'_>) -> Result<StoredClient, StoreError> {
    let profile: String = r.get(0)?;
    let deleted: Option<String> = r.get(1)?;
    let client: Client = serde_json::from_str(&profile).map_err(|e| bad_row("a client", e))?;
    let deleted_at = deleted.map(|d| from_db(&d)).transpose().map_err(|e| bad_row(format!("client {}", client.id), e))?;
    Ok(StoredClient { client, deleted_at })
}

pub fn put(conn: &Connection, c: &Client, deleted_at: Option<DateTime<Utc>>) -> Result<(), StoreError> {
    let profile = serde_json::to_string(c).map_err(|e| bad_row("a client", e))?;
    let was_in_trash = is_in_trash(conn, c.id)?;
    conn.prepare_cached(
        "INSERT INTO clients (id, name, status, created_at, archived_at, deleted_at, profile) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, created_at = excluded.created_at,
           archived_at = excluded.archived_at, deleted_at = excluded.deleted_at, profile = excluded.profile",
    )?
    .execute(params![
        c.id.to_string(),
        c.name,
        c.status.as_str(),
        to_db(c.created_at),
        c.archived_at.map(to_db),
        deleted_at.map(to_db),
        profile
    ])?;
    calibration::client_written(conn, c.id, was_in_trash, deleted_at.is_some())?;
    search::client_written(conn, c, deleted_at.is_some())
}

/// Whether the client is in the trash (one unknown is not).
pub fn is_in_trash(conn: &Connection, id: ClientId) -> Result<bool, StoreError> {
    let found = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM clients WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get::<_, bool>(0))
        .optional()?;
    Ok(found.unwrap_or(false))
}

pub fn get(conn: &Connection, id: ClientId) -> Result<Option<StoredClient>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE id = ?1"))?;
    let row = stmt.query_row([id.to_string()], |r| Ok(from_row(r))).optional()?;
    row.transpose()
}

/// Clients not in the trash, by name; archived ones too when asked.
pub fn list(conn: &Connection, with_archived: bool) -> Result<Vec<Client>, StoreError> {
    let mut stmt =
        conn.prepare_cached(select!("WHERE deleted_at IS NULL AND (?1 OR archived_at IS NULL) ORDER BY name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([with_archived], |r| Ok(from_row(r)))?;
    rows.map(|r| r?.map(|s| s.client)).collect()
}

/// Every client, in the trash or not, in creation order (for export).
pub fn all(conn: &Connection) -> Result<Vec<StoredClient>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("ORDER BY created_at, id"))?;
    let rows = stmt.query_map([], |r| Ok(from_row(r)))?;
    rows.map(|r| r?).collect()
}

pub fn in_trash(conn: &Connection) -> Result<Vec<StoredClient>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC"))?;
    let rows = stmt.query_map([], |r| Ok(from_row(r)))?;
    rows.map(|r| r?).collect()
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM clients", [], |r| r.get(0))?)
}

/// Clients not in the trash, archived ones included.
pub fn count_live(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM clients WHERE deleted_at IS NULL", [], |r| r.get(0))?)
}
