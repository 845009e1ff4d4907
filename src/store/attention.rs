//! The reads of the signal pass. Each follows an index to what can matter at
//! `now` (open matters, recent lapses, quiet clients), never the whole history.

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{bad_row, entries, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{Client, ClientId, Entry, EntryId};

const ENTRY_COLUMNS: &str = "e.id, e.client_id, e.occurred_at, e.recorded_at, e.channel, e.summary, e.details, e.deleted_at";

/// Every matter open at `now`: a promise, request, incident or unhappy feedback
/// not yet closed then. Those of clients in the trash too: the caller drops them.
pub fn open_at(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e
         WHERE e.open_until > ?1 AND e.open_until IS NOT NULL AND e.deleted_at IS NULL AND e.occurred_at <= ?1"
    ))?;
    let rows = stmt.query_map([to_db(now)], |r| Ok(entries::from_row(r)))?;
    rows.map(|r| r?.map(|s| s.entry)).collect()
}

/// The promises that may have lapsed within `(from, to]`, of every client.
pub fn lapses(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM moments m JOIN entries e ON e.id = m.entry_id
         WHERE m.kind = 'lapse' AND m.at > ?1 AND m.at <= ?2"
    ))?;
    let rows = stmt.query_map(params![to_db(from), to_db(to)], |r| Ok(entries::from_row(r)))?;
    rows.map(|r| r?.map(|s| s.entry)).collect()
}

pub type Moment = (DateTime<Utc>, EntryId);

/// A client with its latest contact and feedback as last written (which may lie after a replayed `now`).
pub struct ClientPulse {
    pub client: Client,
    pub last_contact: Option<Moment>,
    pub last_feedback: Option<Moment>,
}

fn moment(r: &Row<'_>, at: usize, id: usize) -> Result<Option<Moment>, StoreError> {
    let (at, id): (Option<String>, Option<String>) = (r.get(at)?, r.get(id)?);
    match (at, id) {
        (Some(at), Some(id)) => {
            Ok(Some((from_db(&at).map_err(|e| bad_row("a moment", e))?, id.parse().map_err(|e| bad_row("a moment", e))?)))
        }
        _ => Ok(None),
    }
}

/// The clients not in the trash among `wanted`, read in one pass over the
/// clients (cheaper than a lookup each when many are wanted); only those are decoded.
pub fn client_pulses(conn: &Connection, wanted: &BTreeSet<ClientId>) -> Result<Vec<ClientPulse>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, profile, last_contact_at, last_contact_entry, last_feedback_at, last_feedback_entry FROM clients WHERE deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::with_capacity(wanted.len());
    while let Some(r) = rows.next()? {
        let id: ClientId = r.get_ref(0)?.as_str().map_err(|e| bad_row("a client id", e))?.parse().map_err(|e| bad_row("a client id", e))?;
        if !wanted.contains(&id) {
            continue;
        }
        let client: Client =
            serde_json::from_str(r.get_ref(1)?.as_str().map_err(|e| bad_row("a client", e))?).map_err(|e| bad_row("a client", e))?;
        out.push(ClientPulse { client, last_contact: moment(r, 2, 3)?, last_feedback: moment(r, 4, 5)? });
    }
    Ok(out)
}

/// Active clients whose latest contact (`feedback`: feedback) is before
/// `before`, or after `now` (a replay of the past, where it must be looked at again).
pub fn quiet_clients(conn: &Connection, feedback: bool, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<Vec<ClientId>, StoreError> {
    // Two range reads on the partial index of active clients; the expression must match the index's.
    let sql = if feedback {
        "SELECT id FROM clients WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL
           AND coalesce(last_feedback_at, created_at) < ?1
         UNION SELECT id FROM clients WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL
           AND coalesce(last_feedback_at, created_at) > ?2"
    } else {
        "SELECT id FROM clients WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL
           AND coalesce(last_contact_at, created_at) < ?1
         UNION SELECT id FROM clients WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL
           AND coalesce(last_contact_at, created_at) > ?2"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![to_db(before), to_db(now)], |r| r.get::<_, String>(0))?;
    rows.map(|r| r?.parse().map_err(|e| bad_row("a client id", e))).collect()
}

/// A client's latest `limit` contacts up to `now`, oldest first.
pub fn contacts(conn: &Connection, client: ClientId, now: DateTime<Utc>, limit: usize) -> Result<Vec<Moment>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, entry_id FROM moments WHERE client_id = ?1 AND kind = 'contact' AND at <= ?2 ORDER BY at DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![client.to_string(), to_db(now), limit as i64], |r| Ok(moment(r, 0, 1)))?;
    let mut out: Vec<Moment> = rows.filter_map(|r| r.map_err(StoreError::from).and_then(|m| m).transpose()).collect::<Result<_, _>>()?;
    out.reverse();
    Ok(out)
}

/// A client's latest feedback (`feedback`) or contact up to `now`.
pub fn last_moment(conn: &Connection, client: ClientId, feedback: bool, now: DateTime<Utc>) -> Result<Option<Moment>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT at, entry_id FROM moments WHERE client_id = ?1 AND kind = ?2 AND at <= ?3 ORDER BY at DESC LIMIT 1")?;
    let kind = if feedback { "feedback" } else { "contact" };
    stmt.query_row(params![client.to_string(), kind, to_db(now)], |r| Ok(moment(r, 0, 1))).optional()?.transpose().map(Option::flatten)
}
