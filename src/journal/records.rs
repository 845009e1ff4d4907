//! The journal's records as every use case touches them: a client or an entry
//! acted on only while it is out of the trash, and every write of one saved
//! with its line in the history.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{Clock, JournalError, Result};
use crate::domain::{Client, ClientId, Entry, EntryId};
use crate::store::clients::{self, StoredClient};
use crate::store::entries;
use crate::store::history;

/// Every write of a client goes with a line in its history.
pub(crate) fn save_client(tx: &Connection, clock: Clock, client: &Client, deleted_at: Option<DateTime<Utc>>, action: &str) -> Result<()> {
    clients::put(tx, client, deleted_at)?;
    Ok(history::append(tx, &client.id.to_string(), clock.now, action, client)?)
}

/// Every write of an entry goes with a line in its history.
pub(super) fn save_entry(tx: &Connection, clock: Clock, entry: &Entry, deleted_at: Option<DateTime<Utc>>, action: &str) -> Result<()> {
    entries::put(tx, entry, deleted_at)?;
    Ok(history::append(tx, &entry.id.to_string(), clock.now, action, entry)?)
}

pub(super) fn live(c: StoredClient) -> Result<StoredClient> {
    match c.deleted_at {
        Some(_) => Err(JournalError::InTrash { what: format!("the client {}", c.client.name), id: c.client.id.to_string() }),
        None => Ok(c),
    }
}

pub(crate) fn live_client(tx: &Connection, id: ClientId) -> Result<Client> {
    let c = clients::get(tx, id)?.ok_or_else(|| JournalError::ClientNotFound(id.to_string()))?;
    Ok(live(c)?.client)
}

/// Loads a live entry, lets `change` act on it, validates, saves it and its history.
pub(super) fn with_entry<E>(
    tx: &Connection,
    clock: Clock,
    id: EntryId,
    action: &str,
    change: impl FnOnce(&mut Entry) -> Result<(), E>,
) -> Result<Entry>
where
    JournalError: From<E>,
{
    let mut entry = live_entry(tx, id)?;
    let before = entry.clone();
    change(&mut entry).map_err(|e| JournalError::from(e).in_zone(clock.tz))?;
    if entry == before {
        // Nothing changed: no write and no line in the history.
        return Ok(entry);
    }
    entry.validate().map_err(|e| e.in_zone(clock.tz))?;
    save_entry(tx, clock, &entry, None, action)?;
    Ok(entry)
}

pub(super) fn live_entry(tx: &Connection, id: EntryId) -> Result<Entry> {
    let stored = entries::get(tx, id)?.ok_or_else(|| JournalError::NotFound(id.to_string()))?;
    if stored.deleted_at.is_some() {
        return Err(JournalError::InTrash {
            what: format!("the {} '{}'", stored.entry.kind(), short(&stored.entry.summary)),
            id: id.to_string(),
        });
    }
    live_client(tx, stored.entry.client_id)?;
    Ok(stored.entry)
}

/// "the promise 'New menu online'", for refusals.
pub(super) fn describe(e: &Entry) -> String {
    format!("the {} '{}'", e.kind(), short(&e.summary))
}

pub(super) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
