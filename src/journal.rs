//! The use cases: one function per thing a user does, each one transaction.
//! Time, the user's zone and language come in as a `Clock`; nothing here reads
//! the system clock or the environment.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Calendar;
use crate::domain::difference::{self, Difference};
use crate::domain::entry::{check_occurred, EventTime};
use crate::domain::incident::RecoveryStep;
use crate::domain::settings::SettingsError;
use crate::domain::text;
use crate::domain::time::truncate;
pub use crate::domain::time::Clock;
use crate::domain::{
    Channel, Client, ClientId, ClientPatch, Closing, Details, Direction, DomainError, Due, Entry, EntryId, EventPatch, EventRef, Feedback,
    Incident, IncidentSeverity, Interaction, NoticedBy, Promise, Request, RequestStatus, Score, Settings, Stage,
};
use crate::domain::{Code, Refusal};
use crate::store::clients::{self, StoredClient};
use crate::store::entries::{self, StoredEntry};
use crate::store::history::{self, Change};
use crate::store::{settings, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Reminder(#[from] crate::reminders::ReminderError),
    #[error("no client is named '{0}' (and no client has that id); `trato client list` shows them all")]
    ClientNotFound(String),
    #[error("'{name}' could be any of: {}; use the id", candidates.iter().map(|(id, n)| format!("{n} ({id})")).collect::<Vec<_>>().join(", "))]
    AmbiguousClient { name: String, candidates: Vec<(ClientId, String)> },
    #[error("nothing in the journal has the id '{0}'")]
    NotFound(String),
    #[error("{what} is in the trash; restore it first with `trato restore {id}`")]
    InTrash { what: String, id: String },
    #[error("{0} is not in the trash")]
    NotInTrash(String),
    #[error("the sample journal only fills an empty journal, and this one already has {0} client(s); use another --db")]
    NotEmpty(i64),
    #[error("{0} has changed since that action, so it was not taken back; nothing was changed")]
    ChangedSince(String),
    #[error("the last change to {0} was not an action that can be taken back (`trato history` shows its changes)")]
    NothingToUndo(String),
}

impl JournalError {
    /// The refusal with its moments in the user's zone (see [`DomainError::in_zone`]).
    fn in_zone(self, tz: Tz) -> Self {
        match self {
            JournalError::Domain(e) => JournalError::Domain(e.in_zone(tz)),
            other => other,
        }
    }

    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            JournalError::Domain(e) => e.refusal(),
            JournalError::Store(e) => e.refusal(),
            JournalError::Settings(e) => e.refusal(),
            JournalError::Reminder(e) => e.refusal(),
            JournalError::ClientNotFound(name) => Refusal::new(Code::ClientNotFound).value(name),
            JournalError::AmbiguousClient { name, candidates } => {
                Refusal::new(Code::AmbiguousClient).value(name).choices(candidates.iter().map(|(id, n)| format!("{n} ({id})")))
            }
            JournalError::NotFound(id) => Refusal::new(Code::NotFound).value(id),
            JournalError::InTrash { what, id } => Refusal::new(Code::InTrash).kind(what).value(id),
            JournalError::NotInTrash(what) => Refusal::new(Code::NotInTrash).value(what),
            JournalError::NotEmpty(n) => Refusal::new(Code::NotEmpty).count(*n as f64),
            JournalError::ChangedSince(what) => Refusal::new(Code::ChangedSince).value(what),
            JournalError::NothingToUndo(what) => Refusal::new(Code::NothingToUndo).value(what),
        }
    }
}

pub type Result<T, E = JournalError> = std::result::Result<T, E>;

// ---------------------------------------------------------------- writing

/// Every write of a client goes with a line in its history.
pub(crate) fn save_client(tx: &Connection, clock: Clock, client: &Client, deleted_at: Option<DateTime<Utc>>, action: &str) -> Result<()> {
    clients::put(tx, client, deleted_at)?;
    Ok(history::append(tx, &client.id.to_string(), clock.now, action, client)?)
}

/// Every write of an entry goes with a line in its history.
fn save_entry(tx: &Connection, clock: Clock, entry: &Entry, deleted_at: Option<DateTime<Utc>>, action: &str) -> Result<()> {
    entries::put(tx, entry, deleted_at)?;
    Ok(history::append(tx, &entry.id.to_string(), clock.now, action, entry)?)
}

// ---------------------------------------------------------------- clients

pub fn add_client(store: &mut Store, clock: Clock, name: &str, patch: ClientPatch) -> Result<ClientId> {
    let client = Client::new(ClientId::new_at(clock.now), name, clock.now, patch)?;
    store.write(|tx| {
        save_client(tx, clock, &client, None, "created")?;
        Ok(client.id)
    })
}

pub fn edit_client(store: &mut Store, clock: Clock, id: ClientId, patch: ClientPatch) -> Result<Client> {
    store.write(|tx| {
        let mut client = live_client(tx, id)?;
        let before = client.clone();
        client.apply(patch)?;
        if client == before {
            return Ok(client);
        }
        save_client(tx, clock, &client, None, "edited")?;
        Ok(client)
    })
}

/// Archives (or brings back) a client: out of the everyday lists, history intact.
pub fn archive_client(store: &mut Store, clock: Clock, id: ClientId, archive: bool) -> Result<()> {
    store.write(|tx| {
        let mut client = live_client(tx, id)?;
        if client.archived_at.is_some() == archive {
            return Ok(());
        }
        client.archived_at = archive.then_some(clock.now);
        save_client(tx, clock, &client, None, if archive { "archived" } else { "unarchived" })?;
        Ok(())
    })
}

/// How many clients the journal holds outside the trash, archived ones
/// included: none means a first run. Counted, not read.
pub fn client_count(store: &mut Store) -> Result<i64> {
    store.read(|tx| Ok(clients::count_live(tx)?))
}

pub fn clients(store: &mut Store, with_archived: bool) -> Result<Vec<Client>> {
    store.read(|tx| Ok(clients::list(tx, with_archived)?))
}

/// A client by id, or by a name that matches exactly one client, ignoring case.
pub fn find_client(store: &mut Store, query: &str) -> Result<Client> {
    store.read(|tx| {
        if let Ok(id) = query.parse::<ClientId>() {
            if let Some(c) = clients::get(tx, id)? {
                return live(c).map(|c| c.client);
            }
        }
        let wanted = query.trim().to_lowercase();
        let mut found: Vec<Client> = clients::list(tx, true)?.into_iter().filter(|c| c.name.to_lowercase() == wanted).collect();
        match found.len() {
            0 => Err(JournalError::ClientNotFound(query.to_string())),
            1 => Ok(found.remove(0)),
            _ => Err(JournalError::AmbiguousClient {
                name: query.to_string(),
                candidates: found.into_iter().map(|c| (c.id, c.name)).collect(),
            }),
        }
    })
}

fn live(c: StoredClient) -> Result<StoredClient> {
    match c.deleted_at {
        Some(_) => Err(JournalError::InTrash { what: format!("the client {}", c.client.name), id: c.client.id.to_string() }),
        None => Ok(c),
    }
}

pub(crate) fn live_client(tx: &Connection, id: ClientId) -> Result<Client> {
    let c = clients::get(tx, id)?.ok_or_else(|| JournalError::ClientNotFound(id.to_string()))?;
    Ok(live(c)?.client)
}

// ---------------------------------------------------------------- new entries

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
    let promise = Promise::new(clock.at(new.at), due, for_request, clock.tz)?;
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

// ---------------------------------------------------------------- lifecycle

/// Loads a live entry, lets `change` act on it, validates, saves it and its history.
fn with_entry<E>(
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

fn live_entry(tx: &Connection, id: EntryId) -> Result<Entry> {
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

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// What an action just recorded on an entry, enough to take it back: the
/// entry, the place of the event it added, and the entry's version right after
/// (a later change to the entry makes the undo refuse, see [`undo`]).
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
    store.write(|tx| {
        let promise = event_on(tx, clock, id, "rescheduled", "rescheduling", at, |e, t| {
            let made = e.occurred_at;
            e.promise_mut()?.reschedule(made, t, due, reason, clock.tz)
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

// ---------------------------------------------------------------- corrections

pub use crate::domain::EntryPatch;

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

fn take_back(tx: &Connection, clock: Clock, id: EntryId, event: EventRef, action: &str) -> Result<Entry> {
    let entry = with_entry(tx, clock, id, action, |e| e.remove_event(event).map(drop))?;
    follow_promise(tx, clock, &entry, answered_request(&entry), action)?;
    Ok(entry)
}

/// Takes back what an action just recorded (the answer of [`keep_promise`],
/// [`reply_request`] and the others): the entry, and the request a promise
/// answers, are then as they were before it, and the history says `undone`.
/// Refused when the entry changed since the action: what the user would take
/// back is then not what they see.
pub fn undo(store: &mut Store, clock: Clock, done: Undoable) -> Result<Entry> {
    store.write(|tx| {
        let entry = live_entry(tx, done.entry)?;
        if history::version(tx, &done.entry.to_string())? != done.version {
            return Err(JournalError::ChangedSince(describe(&entry)));
        }
        let at = entry.events().get(done.event).map(|e| e.at()).ok_or(DomainError::EventChanged)?;
        take_back(tx, clock, done.entry, EventRef { index: done.event, at }, "undone")
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
        // The last change added one event at the end, and did nothing else to the events.
        if now.len() != then.len() + 1 || now[..then.len()] != then[..] {
            return Err(JournalError::NothingToUndo(describe(&entry)));
        }
        Ok(Undoable { entry: id, event: then.len(), version: history::version(tx, &id.to_string())? })
    })?;
    undo(store, clock, done)
}

/// "the promise 'New menu online'", for refusals.
fn describe(e: &Entry) -> String {
    format!("the {} '{}'", e.kind(), short(&e.summary))
}

fn answered_request(e: &Entry) -> Option<EntryId> {
    match &e.details {
        Details::Promise(p) => p.for_request,
        _ => None,
    }
}

/// After a promise changed, the request it answers shows what it now did
/// (see [`Request::follow_promise`]); the request it answered `before`, if
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

// ---------------------------------------------------------------- reading

pub fn entry(store: &mut Store, id: EntryId) -> Result<Entry> {
    store.read(|tx| live_entry(tx, id))
}

/// A client's timeline, newest first.
pub fn timeline(store: &mut Store, client: ClientId) -> Result<Vec<Entry>> {
    store.read(|tx| Ok(entries::timeline(tx, client)?))
}

/// Every change to a client or an entry, oldest first.
pub fn history(store: &mut Store, id: &str) -> Result<Vec<Change>> {
    store.read(|tx| {
        let changes = history::of(tx, id.trim())?;
        if changes.is_empty() {
            return Err(JournalError::NotFound(id.to_string()));
        }
        Ok(changes)
    })
}

/// One change to a client or an entry, for a person: when it was recorded,
/// what happened (the history's action: `edited`, `kept`, `undone`…) and
/// what differs from the version before (nothing for the first).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub action: String,
    pub differences: Vec<Difference>,
}

/// Every change to a client or an entry, oldest first, each with what it changed.
pub fn history_lines(store: &mut Store, id: &str) -> Result<Vec<HistoryLine>> {
    let changes = history(store, id)?;
    let mut previous: Option<&serde_json::Value> = None;
    let mut lines = Vec::with_capacity(changes.len());
    for c in &changes {
        let differences = previous.map(|p| differences(p, &c.snapshot)).unwrap_or_default();
        lines.push(HistoryLine { at: c.at, action: c.action.clone(), differences });
        previous = Some(&c.snapshot);
    }
    Ok(lines)
}

/// Between two snapshots of an entry, or of a client; nothing for snapshots
/// that are neither (an import keeps histories as they were in its file).
fn differences(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Difference> {
    use serde_json::from_value;
    if let (Ok(b), Ok(a)) = (from_value::<Entry>(before.clone()), from_value::<Entry>(after.clone())) {
        return difference::between_entries(&b, &a);
    }
    match (from_value::<Client>(before.clone()), from_value::<Client>(after.clone())) {
        (Ok(b), Ok(a)) => difference::between_clients(&b, &a),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------- trash

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

// ---------------------------------------------------------------- settings

pub fn settings(store: &mut Store) -> Result<Settings> {
    store.read(|tx| Ok(settings::load(tx)?))
}

/// The business calendar in force: working days and hours, holidays, in the clock's zone.
pub fn calendar(store: &mut Store, clock: Clock) -> Result<Calendar> {
    Ok(Calendar::new(&settings(store)?, clock.tz))
}

pub fn save_settings(store: &mut Store, new: &Settings) -> Result<()> {
    new.validate()?;
    store.write(|tx| Ok(settings::save(tx, new)?))
}

/// Reads, changes and saves the settings in one transaction, so that two
/// changes at once can't undo each other. Returns the settings now in force.
pub fn change_settings(
    store: &mut Store,
    change: impl FnOnce(&Settings) -> std::result::Result<Settings, SettingsError>,
) -> Result<Settings> {
    store.write(|tx| {
        let new = change(&settings::load(tx)?)?;
        new.validate()?;
        settings::save(tx, &new)?;
        Ok(new)
    })
}
