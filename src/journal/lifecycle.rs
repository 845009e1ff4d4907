//! What happens to an entry after it is recorded: a request followed up,
//! answered or closed, a promise kept, rescheduled, broken or released, an
//! incident's recovery steps, a feedback's follow-up. Each answers an
//! [`Undoable`], enough to take it back.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::records::{save_entry, with_entry};
use super::{Clock, Result};
use crate::domain::entry::EventTime;
use crate::domain::incident::RecoveryStep;
use crate::domain::promise::RescheduleCause;
use crate::domain::text;
use crate::domain::{Channel, Closing, Details, DomainError, Due, Entry, EntryId, Promise, RequestStatus};
use crate::store::entries::{self, StoredEntry};
use crate::store::history;
use crate::store::Store;

/// An event on an entry, dated `at` (or now) and checked against the entry's
/// own dates before `event` applies it.
fn event_on(
    tx: &Connection,
    clock: Clock,
    id: EntryId,
    action: &str,
    what: &'static str,
    at: Option<DateTime<Utc>>,
    event: impl FnOnce(&mut Entry, EventTime) -> Result<(), DomainError>,
) -> Result<Entry> {
    with_entry(tx, clock, id, action, |e| {
        let t = e.event_time(what, clock.at(at), clock.now)?;
        event(e, t)
    })
}

/// What an action just recorded on an entry, enough to take it back: the
/// entry, the place of the (first) event it added, and the entry's version right after
/// (a later change to the entry makes the undo refuse, see `journal::undo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Undoable {
    pub entry: EntryId,
    pub event: usize,
    pub version: i64,
}

/// The undo of the event an action just added (always the entry's last).
fn undoable(tx: &Connection, entry: &Entry) -> Result<Undoable> {
    Ok(Undoable { entry: entry.id, event: entry.events().len().saturating_sub(1), version: history::version(tx, &entry.id.to_string())? })
}

/// The client asked again; by the request's own channel unless told otherwise.
pub fn follow_up_request(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    at: Option<DateTime<Utc>>,
    channel: Option<Channel>,
    note: Option<String>,
) -> Result<Undoable> {
    store.write(|tx| {
        let entry = follow_up_in(tx, clock, id, at, channel, note)?;
        undoable(tx, &entry)
    })
}

/// [`follow_up_request`] in the caller's transaction.
pub(crate) fn follow_up_in(
    tx: &Connection,
    clock: Clock,
    id: EntryId,
    at: Option<DateTime<Utc>>,
    channel: Option<Channel>,
    note: Option<String>,
) -> Result<Entry> {
    event_on(tx, clock, id, "followed_up", "a follow-up", at, |e, t| {
        let channel = channel.unwrap_or(e.channel);
        e.request_mut()?.follow_up(t, channel, text::optional(note))
    })
}

pub fn reply_request(store: &mut Store, clock: Clock, id: EntryId, at: Option<DateTime<Utc>>, note: Option<String>) -> Result<Undoable> {
    store.write(|tx| {
        let entry = reply_in(tx, clock, id, at, note)?;
        undoable(tx, &entry)
    })
}

/// [`reply_request`] in the caller's transaction.
pub(crate) fn reply_in(tx: &Connection, clock: Clock, id: EntryId, at: Option<DateTime<Utc>>, note: Option<String>) -> Result<Entry> {
    event_on(tx, clock, id, "replied", "a reply", at, |e, t| e.request_mut()?.reply(t, text::optional(note), None))
}

pub fn close_request(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    how: Closing,
    at: Option<DateTime<Utc>>,
    note: Option<String>,
) -> Result<Undoable> {
    let action = match how {
        Closing::Done => "done",
        Closing::Declined => "declined",
        Closing::Withdrawn => "withdrawn",
    };
    store.write(|tx| {
        let entry =
            event_on(tx, clock, id, action, "closing the request", at, |e, t| e.request_mut()?.close(t, how, text::optional(note)))?;
        undoable(tx, &entry)
    })
}

pub fn keep_promise(store: &mut Store, clock: Clock, id: EntryId, at: Option<DateTime<Utc>>) -> Result<Undoable> {
    store.write(|tx| {
        let promise = event_on(tx, clock, id, "kept", "keeping the promise", at, |e, t| e.promise_mut()?.keep(t))?;
        // Keeping a promise made for a request delivers the request.
        if let Details::Promise(Promise { for_request: Some(request), .. }) = promise.details {
            update_linked_request(tx, clock, request, "done", |r| {
                r.request_mut()?.done_by_promise(clock.at(at), id);
                Ok(())
            })?;
        }
        undoable(tx, &promise)
    })
}

pub fn reschedule_promise(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    at: Option<DateTime<Utc>>,
    due: Due,
    reason: &str,
) -> Result<Undoable> {
    reschedule_promise_with(store, clock, id, at, due, reason, None)
}

/// A reschedule and whose it was (my slip, the client asked, an outside
/// cause): a move the client asked for is not counted against the provider.
pub fn reschedule_promise_with(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    at: Option<DateTime<Utc>>,
    due: Due,
    reason: &str,
    cause: Option<RescheduleCause>,
) -> Result<Undoable> {
    store.write(|tx| {
        let promise = event_on(tx, clock, id, "rescheduled", "rescheduling", at, |e, t| {
            let made = e.occurred_at;
            e.promise_mut()?.reschedule(made, t, due, reason, cause, clock.tz)
        })?;
        // A new date, told to the client, answers whatever they asked meanwhile.
        if let Details::Promise(Promise { for_request: Some(request), .. }) = promise.details {
            update_linked_request(tx, clock, request, "replied", |r| {
                let t = r.event_time("the new date", clock.at(at), clock.now)?;
                r.request_mut()?.reply(t, Some(reason.trim().to_string()), Some(id))
            })?;
        }
        undoable(tx, &promise)
    })
}

/// A linked request follows its promise while it is open; a request already
/// closed, or gone to the trash, is left as it is.
fn update_linked_request(
    tx: &Connection,
    clock: Clock,
    request: EntryId,
    action: &str,
    change: impl FnOnce(&mut Entry) -> Result<(), DomainError>,
) -> Result<()> {
    let Some(StoredEntry { mut entry, deleted_at }) = entries::get(tx, request)? else {
        return Ok(());
    };
    let open = matches!(&entry.details, Details::Request(r) if r.status() == RequestStatus::Open);
    if !open || deleted_at.is_some() {
        return Ok(());
    }
    change(&mut entry)?;
    entry.validate()?;
    save_entry(tx, clock, &entry, None, action)
}

pub fn break_promise(store: &mut Store, clock: Clock, id: EntryId, at: Option<DateTime<Utc>>, reason: Option<String>) -> Result<Undoable> {
    store.write(|tx| {
        let entry =
            event_on(tx, clock, id, "broken", "breaking the promise", at, |e, t| e.promise_mut()?.break_(t, text::optional(reason)))?;
        undoable(tx, &entry)
    })
}

pub fn release_promise(store: &mut Store, clock: Clock, id: EntryId, at: Option<DateTime<Utc>>, note: Option<String>) -> Result<Undoable> {
    store.write(|tx| {
        let entry =
            event_on(tx, clock, id, "released", "releasing the promise", at, |e, t| e.promise_mut()?.release(t, text::optional(note)))?;
        undoable(tx, &entry)
    })
}

pub fn incident_step(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    step: RecoveryStep,
    at: Option<DateTime<Utc>>,
    note: Option<String>,
) -> Result<Undoable> {
    store.write(|tx| {
        let entry =
            event_on(tx, clock, id, step.as_str(), "a recovery step", at, |e, t| e.incident_mut()?.take(t, step, text::optional(note)))?;
        undoable(tx, &entry)
    })
}

pub fn follow_up_feedback(
    store: &mut Store,
    clock: Clock,
    id: EntryId,
    at: Option<DateTime<Utc>>,
    note: Option<String>,
) -> Result<Undoable> {
    store.write(|tx| {
        let entry = event_on(tx, clock, id, "followed_up", "a follow-up", at, |e, t| {
            e.feedback_mut()?.follow_up(t, text::optional(note));
            Ok(())
        })?;
        undoable(tx, &entry)
    })
}
