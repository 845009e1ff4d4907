//! The trash: what is in it, and a client (with its timeline) or an entry
//! moved into it or brought back.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::records::{save_client, save_entry, short};
use super::{Clock, JournalError, Result};
use crate::domain::{ClientId, EntryId};
use crate::store::{clients, entries, Store};

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct TrashItem {
    pub id: String,
    /// `client` or the entry's kind.
    pub kind: &'static str,
    pub client: String,
    pub summary: String,
    pub deleted_at: DateTime<Utc>,
}

pub fn trash(store: &mut Store) -> Result<Vec<TrashItem>> {
    store.read(|tx| {
        let mut items: Vec<TrashItem> = clients::in_trash(tx)?
            .into_iter()
            .filter_map(|c| {
                let summary = c.client.organisation.clone().unwrap_or_default();
                c.deleted_at.map(|deleted_at| TrashItem {
                    id: c.client.id.to_string(),
                    kind: "client",
                    client: c.client.name,
                    summary,
                    deleted_at,
                })
            })
            .collect();
        for e in entries::in_trash(tx)? {
            let client = clients::get(tx, e.entry.client_id)?.map(|c| c.client.name).unwrap_or_default();
            if let Some(deleted_at) = e.deleted_at {
                items.push(TrashItem { id: e.entry.id.to_string(), kind: e.entry.kind(), client, summary: e.entry.summary, deleted_at });
            }
        }
        items.sort_by_key(|i| std::cmp::Reverse(i.deleted_at));
        Ok(items)
    })
}

/// What a delete or restore acted on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Client(ClientId),
    Entry(EntryId),
}

/// Moves a client (with its timeline) or an entry to the trash.
pub fn delete(store: &mut Store, clock: Clock, id: &str) -> Result<Item> {
    set_trashed(store, clock, id, true)
}

pub fn restore(store: &mut Store, clock: Clock, id: &str) -> Result<Item> {
    set_trashed(store, clock, id, false)
}

fn set_trashed(store: &mut Store, clock: Clock, id: &str, trashed: bool) -> Result<Item> {
    let not_found = || JournalError::NotFound(id.to_string());
    let action = if trashed { "deleted" } else { "restored" };
    let deleted_at = trashed.then_some(clock.now);
    store.write(|tx| {
        if let Ok(cid) = id.parse::<ClientId>() {
            if let Some(c) = clients::get(tx, cid)? {
                check_trash_move(c.deleted_at.is_some(), trashed, &format!("the client {}", c.client.name), id)?;
                save_client(tx, clock, &c.client, deleted_at, action)?;
                return Ok(Item::Client(cid));
            }
        }
        let eid: EntryId = id.parse().map_err(|_| not_found())?;
        let e = entries::get(tx, eid)?.ok_or_else(not_found)?;
        check_trash_move(e.deleted_at.is_some(), trashed, &format!("the {} '{}'", e.entry.kind(), short(&e.entry.summary)), id)?;
        save_entry(tx, clock, &e.entry, deleted_at, action)?;
        Ok(Item::Entry(eid))
    })
}

fn check_trash_move(in_trash: bool, to_trash: bool, what: &str, id: &str) -> Result<()> {
    match (in_trash, to_trash) {
        (true, true) => Err(JournalError::InTrash { what: what.to_string(), id: id.trim().to_string() }),
        (false, false) => Err(JournalError::NotInTrash(what.to_string())),
        _ => Ok(()),
    }
}
