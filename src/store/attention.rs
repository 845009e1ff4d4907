//! The reads of the signal pass. Each follows an index to what can matter at
//! `now` (open matters, recent lapses, quiet clients), never the whole history.

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::derived::STILL_OPEN;
use super::{bad_row, entries, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{Client, ClientId, Entry, EntryId};

const ENTRY_COLUMNS: &str = "e.id, e.client_id, e.occurred_at, e.recorded_at, e.channel, e.summary, e.details, e.deleted_at";

/// Every matter open at `now`: a promise, request, incident or unhappy feedback
/// not yet closed then. Those of clients in the trash too: the caller drops them.
pub fn open_at(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Entry>, StoreError> {
    // Two reads, each on its partial index (schema version 4), whose conditions
    // must appear here literally: the rows still open, side by side in a
    // covering index, and the few closed after `now` (only in a replay of the past).
    let mut stmt = conn.prepare_cached(&open_at_sql())?;
    let rows = stmt.query_map([to_db(now)], |r| Ok(entries::from_row(r)))?;
    rows.map(|r| r?.map(|s| s.entry)).collect()
}

fn open_at_sql() -> String {
    format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e
         WHERE e.open_until = '{STILL_OPEN}' AND e.deleted_at IS NULL AND e.occurred_at <= ?1
         UNION ALL
         SELECT {ENTRY_COLUMNS} FROM entries e
         WHERE e.open_until > ?1 AND e.open_until IS NOT NULL AND e.open_until <> '{STILL_OPEN}'
           AND e.deleted_at IS NULL AND e.occurred_at <= ?1"
    )
}

/// The promises of the clients in `of` that may have lapsed within `(from, to]`.
/// The window is read from its index alone; only the promises of those clients are then fetched.
pub fn lapses(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>, of: &BTreeSet<ClientId>) -> Result<Vec<Entry>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT client_id, entry_id FROM moments WHERE kind = 'lapse' AND at > ?1 AND at <= ?2 ORDER BY at")?;
    let mut rows = stmt.query(params![to_db(from), to_db(to)])?;
    let mut wanted = Vec::new();
    while let Some(r) = rows.next()? {
        let client: ClientId = r.get_ref(0)?.as_str().map_err(|e| bad_row("a lapse", e))?.parse().map_err(|e| bad_row("a lapse", e))?;
        if of.contains(&client) {
            wanted.push(r.get_ref(1)?.as_str().map_err(|e| bad_row("a lapse", e))?.parse().map_err(|e| bad_row("a lapse", e))?);
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for id in wanted {
        out.extend(entries::get(conn, id)?.filter(|s| s.deleted_at.is_none()).map(|s| s.entry));
    }
    Ok(out)
}

/// The requests and promises closed within `(from, to]` (kept, done or
/// otherwise), as (client, entry, when closed), read from the index of closes.
pub fn closes(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<(ClientId, EntryId, DateTime<Utc>)>, StoreError> {
    // The conditions of the partial index `entries_closed_until` (schema version 4), literally.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT client_id, id, open_until FROM entries e
         WHERE e.open_until > ?1 AND e.open_until <= ?2 AND e.open_until IS NOT NULL AND e.open_until <> '{STILL_OPEN}'
           AND e.deleted_at IS NULL AND e.kind IN ('request', 'promise')"
    ))?;
    let mut rows = stmt.query(params![to_db(from), to_db(to)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let text = |i: usize| r.get_ref(i).map_err(StoreError::from).and_then(|v| v.as_str().map_err(|e| bad_row("a close", e)));
        let client = text(0)?.parse().map_err(|e| bad_row("a close", e))?;
        let entry = text(1)?.parse().map_err(|e| bad_row("a close", e))?;
        out.push((client, entry, from_db(text(2)?).map_err(|e| bad_row("a close", e))?));
    }
    Ok(out)
}

/// The entries of `ids` not in the trash.
pub fn entries_of(conn: &Connection, ids: impl IntoIterator<Item = EntryId>) -> Result<Vec<Entry>, StoreError> {
    let mut out = Vec::new();
    for id in ids {
        out.extend(entries::get(conn, id)?.filter(|s| s.deleted_at.is_none()).map(|s| s.entry));
    }
    Ok(out)
}

/// A client's interactions within `(from, to]`, through the index of its timeline.
pub fn interactions(conn: &Connection, client: ClientId, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e
         WHERE e.client_id = ?1 AND e.occurred_at > ?2 AND e.occurred_at <= ?3 AND e.kind = 'interaction' AND e.deleted_at IS NULL"
    ))?;
    let rows = stmt.query_map(params![client.to_string(), to_db(from), to_db(to)], |r| Ok(entries::from_row(r)))?;
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
    latest(conn, client, if feedback { "feedback" } else { "contact" }, now)
}

/// The latest moment by `now` the provider wrote to the client.
pub fn last_outreach(conn: &Connection, client: ClientId, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(latest(conn, client, "outreach", now)?.map(|(at, _)| at))
}

fn latest(conn: &Connection, client: ClientId, kind: &str, now: DateTime<Utc>) -> Result<Option<Moment>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT at, entry_id FROM moments WHERE client_id = ?1 AND kind = ?2 AND at <= ?3 ORDER BY at DESC LIMIT 1")?;
    stmt.query_row(params![client.to_string(), kind, to_db(now)], |r| Ok(moment(r, 0, 1))).optional()?.transpose().map(Option::flatten)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The plan is the design: the open rows come from the covering index, never
    /// from the table pages spread over the history.
    #[test]
    fn open_matters_are_read_from_their_covering_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("j.db")).expect("store");
        let plan: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx.prepare(&format!("EXPLAIN QUERY PLAN {}", open_at_sql()))?;
                let rows = stmt.query_map(["2026-03-05T08:00:00.000Z"], |r| r.get::<_, String>(3))?;
                rows.collect::<Result<Vec<_>, _>>().map_err(StoreError::from)
            })
            .expect("plan");
        assert!(plan.iter().any(|p| p.contains("COVERING INDEX entries_still_open")), "{plan:?}");
        assert!(plan.iter().any(|p| p.contains("INDEX entries_closed_until")), "{plan:?}");
        assert!(!plan.iter().any(|p| p.starts_with("SCAN")), "{plan:?}");
    }
}
