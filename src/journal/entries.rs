//! New entries (an interaction, a request, a promise, an incident, feedback,
//! a note) and reading them back: one entry, a client's timeline.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::records::{live_client, live_entry, save_entry, with_entry};
use super::settings::settings;
use super::{Clock, Result};
use crate::domain::entry::check_occurred;
use crate::domain::promise::{promise_kind, SetBy};
use crate::domain::text;
use crate::domain::time::truncate;
use crate::domain::{
    Channel, ClientId, Details, Direction, DomainError, Due, Entry, EntryId, Feedback, Incident, IncidentSeverity, Interaction, NoticedBy,
    Promise, Request, Score, Stage,
};
use crate::store::entries;
use crate::store::Store;

/// What every new entry states.
#[derive(Clone, Debug)]
pub struct NewEntry {
    pub client: ClientId,
    pub at: Option<DateTime<Utc>>,
    pub channel: Channel,
    pub summary: String,
}

fn insert(store: &mut Store, clock: Clock, new: NewEntry, details: Details) -> Result<EntryId> {
    store.write(|tx| insert_in(tx, clock, new, details))
}

/// A new entry, written in the caller's transaction: for a use case that
/// writes it together with more (mail accepted with its proposal marked).
pub(crate) fn insert_in(tx: &Connection, clock: Clock, new: NewEntry, details: Details) -> Result<EntryId> {
    let at = clock.at(new.at);
    check_occurred(at, clock.now).map_err(|e| e.in_zone(clock.tz))?;
    let entry = Entry {
        id: EntryId::new_at(clock.now),
        client_id: new.client,
        occurred_at: at,
        recorded_at: clock.now,
        channel: new.channel,
        summary: new.summary.trim().to_string(),
        details,
    };
    entry.validate().map_err(|e| e.in_zone(clock.tz))?;
    {
        live_client(tx, entry.client_id)?;
        if let Details::Promise(Promise { for_request: Some(request), .. }) = &entry.details {
            // Making a promise about a request answers it.
            with_entry(tx, clock, *request, "replied", |r| {
                if r.client_id != entry.client_id {
                    return Err(DomainError::RequestOfAnotherClient { request: *request });
                }
                let t = r.event_time("the promise", at, clock.now)?;
                r.request_mut()?.reply(t, None, Some(entry.id))
            })?;
        }
        save_entry(tx, clock, &entry, None, "created")?;
        Ok(entry.id)
    }
}

pub fn log_interaction(store: &mut Store, clock: Clock, new: NewEntry, direction: Direction) -> Result<EntryId> {
    insert(store, clock, new, Details::Interaction(Interaction { direction }))
}

pub fn add_request(store: &mut Store, clock: Clock, new: NewEntry, answer_by: Option<DateTime<Utc>>) -> Result<EntryId> {
    insert(store, clock, new, Details::Request(Request { answer_by: answer_by.map(truncate), events: Vec::new() }))
}

pub fn add_promise(store: &mut Store, clock: Clock, new: NewEntry, due: Due, for_request: Option<EntryId>) -> Result<EntryId> {
    add_promise_with(store, clock, new, due, for_request, PromiseTerms::default())
}

/// What calibration records of a new promise: its kind and who set its date.
#[derive(Clone, Debug, Default)]
pub struct PromiseTerms {
    /// A short tag ("entrega"); kept trimmed and in lower case.
    pub kind: Option<String>,
    pub set_by: SetBy,
}

/// A promise with its kind and whose date it is.
pub fn add_promise_with(
    store: &mut Store,
    clock: Clock,
    new: NewEntry,
    due: Due,
    for_request: Option<EntryId>,
    terms: PromiseTerms,
) -> Result<EntryId> {
    let mut promise = Promise::new(clock.at(new.at), due, for_request, clock.tz)?;
    promise.promise_kind = promise_kind(terms.kind.as_deref())?;
    promise.set_by = terms.set_by;
    insert(store, clock, new, Details::Promise(promise))
}

pub fn add_incident(store: &mut Store, clock: Clock, new: NewEntry, noticed_by: NoticedBy, severity: IncidentSeverity) -> Result<EntryId> {
    insert(store, clock, new, Details::Incident(Incident { noticed_by, severity, steps: Vec::new() }))
}

/// What the client thought. Without a summary of its own, the entry is headed
/// by its score, stage and cause, in the journal's language.
pub struct NewFeedback {
    pub score: Score,
    pub stage: Stage,
    pub cause: Option<crate::domain::Cause>,
    pub comment: Option<String>,
}

pub fn add_feedback(store: &mut Store, clock: Clock, mut new: NewEntry, f: NewFeedback) -> Result<EntryId> {
    f.score.validate()?;
    let comment = text::optional(f.comment);
    if new.summary.trim().is_empty() {
        new.summary = crate::domain::feedback::headline(f.score, f.stage, f.cause, settings(store)?.language_or(clock.lang));
    }
    insert(
        store,
        clock,
        new,
        Details::Feedback(Feedback { score: f.score, stage: f.stage, cause: f.cause, comment, follow_ups: Vec::new() }),
    )
}

pub fn add_note(store: &mut Store, clock: Clock, new: NewEntry) -> Result<EntryId> {
    insert(store, clock, new, Details::Note)
}

pub fn entry(store: &mut Store, id: EntryId) -> Result<Entry> {
    store.read(|tx| live_entry(tx, id))
}

/// A client's timeline, newest first.
pub fn timeline(store: &mut Store, client: ClientId) -> Result<Vec<Entry>> {
    store.read(|tx| Ok(entries::timeline(tx, client)?))
}
