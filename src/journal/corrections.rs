//! Corrections: what an entry states or one of its events, corrected; an event
//! taken back; an action undone. Each is recorded as a change in the history,
//! and a promise's request follows what the promise now did.

use rusqlite::Connection;

use super::lifecycle::Undoable;
use super::records::{describe, live_entry, save_entry, with_entry};
use super::{Clock, JournalError, Result};
use crate::domain::{Details, DomainError, Entry, EntryId, EntryPatch, EventPatch, EventRef, RequestStatus};
use crate::store::entries::{self, StoredEntry};
use crate::store::history;
use crate::store::Store;

/// Corrects what an entry states; its history keeps the version before. A
/// promise given another request (or none) takes what it did along: the
/// request it answered no longer counts it as a reply, the new one does.
pub fn edit_entry(store: &mut Store, clock: Clock, id: EntryId, patch: EntryPatch) -> Result<Entry> {
    store.write(|tx| {
        let answered = answered_request(&live_entry(tx, id)?);
        let entry = with_entry(tx, clock, id, "edited", |e| e.correct(patch, clock.now, clock.tz))?;
        follow_promise(tx, clock, &entry, answered, "edited")?;
        Ok(entry)
    })
}

/// Corrects one event of an entry (`event` as it was shown: see [`EventRef`]).
pub fn edit_event(store: &mut Store, clock: Clock, id: EntryId, event: EventRef, patch: EventPatch) -> Result<Entry> {
    store.write(|tx| {
        let entry = with_entry(tx, clock, id, "event_edited", |e| e.correct_event(event, patch, clock.now, clock.tz))?;
        follow_promise(tx, clock, &entry, answered_request(&entry), "event_edited")?;
        Ok(entry)
    })
}

/// Takes an event of an entry back, as if it had never been recorded; the
/// entry's history says so (`event_removed`) and keeps the version with it.
pub fn remove_event(store: &mut Store, clock: Clock, id: EntryId, event: EventRef) -> Result<Entry> {
    store.write(|tx| take_back(tx, clock, id, event, "event_removed"))
}

pub(crate) fn take_back(tx: &Connection, clock: Clock, id: EntryId, event: EventRef, action: &str) -> Result<Entry> {
    let entry = with_entry(tx, clock, id, action, |e| e.remove_event(event).map(drop))?;
    follow_promise(tx, clock, &entry, answered_request(&entry), action)?;
    Ok(entry)
}

/// Takes back what an action just recorded (the answer of [`keep_promise`](super::keep_promise),
/// [`reply_request`](super::reply_request) and the others): the entry, and the request a promise
/// answers, are then as they were before it, and the history says `undone`.
/// Refused when the entry changed since the action: what the user would take
/// back is then not what they see.
pub fn undo(store: &mut Store, clock: Clock, done: Undoable) -> Result<Entry> {
    store.write(|tx| {
        let entry = live_entry(tx, done.entry)?;
        if history::version(tx, &done.entry.to_string())? != done.version {
            return Err(JournalError::ChangedSince(describe(&entry)));
        }
        // Every event the action added, from `done.event` to the end (nothing came after it: the
        // version says so), taken back last first so that the earlier ones keep their place.
        let added: Vec<_> = entry.events().iter().skip(done.event).map(|e| e.at()).collect();
        if added.is_empty() {
            return Err(DomainError::EventChanged.into());
        }
        let mut entry = entry;
        for (i, at) in added.into_iter().enumerate().rev() {
            entry = take_back(tx, clock, done.entry, EventRef { index: done.event + i, at }, "undone")?;
        }
        Ok(entry)
    })
}

/// Takes back the last action recorded on an entry, as long as recording it
/// is still the entry's last change (for the command line, which has no
/// [`Undoable`] at hand).
pub fn undo_last(store: &mut Store, clock: Clock, id: EntryId) -> Result<Entry> {
    let done = store.read(|tx| {
        let entry = live_entry(tx, id)?;
        let changes = history::of(tx, &id.to_string())?;
        let previous = changes.len().checked_sub(2).and_then(|i| serde_json::from_value::<Entry>(changes[i].snapshot.clone()).ok());
        let (now, then) = (entry.events(), previous.map(|p| p.events()).unwrap_or_default());
        // The last change added events at the end (one, or the steps a sent draft ticks), and did nothing else to them.
        if now.len() <= then.len() || now[..then.len()] != then[..] {
            return Err(JournalError::NothingToUndo(describe(&entry)));
        }
        Ok(Undoable { entry: id, event: then.len(), version: history::version(tx, &id.to_string())? })
    })?;
    undo(store, clock, done)
}

fn answered_request(e: &Entry) -> Option<EntryId> {
    match &e.details {
        Details::Promise(p) => p.for_request,
        _ => None,
    }
}

/// After a promise changed, the request it answers shows what it now did
/// (see [`Request::follow_promise`](crate::domain::Request::follow_promise)); the request it answered `before`, if
/// another, no longer shows anything of it. A request newly answered must be
/// the same client's and still open, as when a promise is made for it.
fn follow_promise(tx: &Connection, clock: Clock, promise: &Entry, before: Option<EntryId>, action: &str) -> Result<()> {
    let Details::Promise(p) = &promise.details else {
        return Ok(());
    };
    if let Some(old) = before.filter(|old| Some(*old) != p.for_request) {
        request_follows(tx, clock, old, promise.id, Vec::new(), action)?;
    }
    let Some(request) = p.for_request else {
        return Ok(());
    };
    if before != Some(request) {
        let r = live_entry(tx, request)?;
        if r.client_id != promise.client_id {
            return Err(DomainError::RequestOfAnotherClient { request }.into());
        }
        match &r.details {
            Details::Request(x) if x.status() != RequestStatus::Open => {
                return Err(
                    DomainError::NotOpen { kind: "request", status: x.status().as_str(), action: "be answered by a promise" }.into()
                );
            }
            Details::Request(_) => {}
            _ => return Err(DomainError::WrongKind { id: request, expected: "request", found: r.kind() }.into()),
        }
    }
    request_follows(tx, clock, request, promise.id, p.request_events(promise.id, promise.occurred_at), action)
}

fn request_follows(
    tx: &Connection,
    clock: Clock,
    request: EntryId,
    promise: EntryId,
    wanted: Vec<crate::domain::request::RequestEvent>,
    action: &str,
) -> Result<()> {
    let Some(StoredEntry { mut entry, deleted_at: None }) = entries::get(tx, request)? else {
        // A request in the trash is left as it was.
        return Ok(());
    };
    let before = entry.clone();
    if let Details::Request(r) = &mut entry.details {
        r.follow_promise(promise, wanted);
    }
    if entry == before {
        return Ok(());
    }
    entry.validate().map_err(|e| e.in_zone(clock.tz))?;
    save_entry(tx, clock, &entry, None, action)
}
