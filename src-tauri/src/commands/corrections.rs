//! Corrections: an entry's fields, one of its events, an action taken back
//! (the toast's Undo), and the history that keeps every version.

use serde::Deserialize;
use tauri::State;
use trato::domain::time::moment::{Reader, Towards};
use trato::domain::{Cause, Channel, Direction, EntryId, EntryPatch, EventPatch, EventRef, IncidentSeverity, NoticedBy, Score, Stage};
use trato::journal::{self, HistoryLine, Undoable};

use super::{due, moment};
use crate::error::IpcError;
use crate::journal::Shared;

/// A new value for a field that may be empty: `to: null` empties it.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct SetTo<T> {
    pub to: Option<T>,
}

/// What the edit dialog changed: a field left `null` stays as it is. Moments
/// are local (`2026-03-02T10:00`), as the forms type them.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct EntryEdit {
    pub summary: Option<String>,
    pub channel: Option<Channel>,
    pub at: Option<String>,
    pub direction: Option<Direction>,
    pub answer_by: Option<SetTo<String>>,
    pub due: Option<String>,
    pub for_request: Option<SetTo<EntryId>>,
    pub noticed_by: Option<NoticedBy>,
    pub severity: Option<IncidentSeverity>,
    pub score: Option<Score>,
    pub stage: Option<Stage>,
    pub cause: Option<SetTo<Cause>>,
    pub comment: Option<SetTo<String>>,
}

impl EntryEdit {
    fn patch(self, reader: &Reader<'_>) -> Result<EntryPatch, IpcError> {
        let answer_by = match self.answer_by {
            Some(SetTo { to }) => Some(moment("answer_by", to.as_deref(), reader, Towards::Future)?),
            None => None,
        };
        Ok(EntryPatch {
            summary: self.summary,
            channel: self.channel,
            at: moment("at", self.at.as_deref(), reader, Towards::Past)?,
            direction: self.direction,
            answer_by,
            due: self.due.map(|d| due(&d, reader)).transpose()?,
            for_request: self.for_request.map(|s| s.to),
            noticed_by: self.noticed_by,
            severity: self.severity,
            score: self.score,
            stage: self.stage,
            cause: self.cause.map(|s| s.to),
            comment: self.comment.map(|s| s.to),
        })
    }
}

#[tauri::command]
pub async fn edit_entry(journal: State<'_, Shared>, id: EntryId, edit: EntryEdit) -> Result<(), IpcError> {
    journal
        .write(move |store, clock| {
            let calendar = journal::calendar(store, clock)?;
            let patch = edit.patch(&Reader { now: clock.now, calendar: &calendar })?;
            Ok::<_, IpcError>(journal::edit_entry(store, clock, id, patch).map(drop)?)
        })
        .await
}

/// What the event dialog changed; `null` leaves a field as it is.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct EventEdit {
    pub at: Option<String>,
    /// Its words: a reason or a note.
    pub note: Option<SetTo<String>>,
    /// A reschedule's new date.
    pub due: Option<String>,
    /// A follow-up's channel.
    pub channel: Option<Channel>,
}

#[tauri::command]
pub async fn edit_event(journal: State<'_, Shared>, id: EntryId, event: EventRef, edit: EventEdit) -> Result<(), IpcError> {
    journal
        .write(move |store, clock| {
            let calendar = journal::calendar(store, clock)?;
            let reader = Reader { now: clock.now, calendar: &calendar };
            let patch = EventPatch {
                at: moment("at", edit.at.as_deref(), &reader, Towards::Past)?,
                note: edit.note.map(|s| s.to),
                due: edit.due.map(|d| due(&d, &reader)).transpose()?,
                channel: edit.channel,
            };
            Ok::<_, IpcError>(journal::edit_event(store, clock, id, event, patch).map(drop)?)
        })
        .await
}

#[tauri::command]
pub async fn remove_event(journal: State<'_, Shared>, id: EntryId, event: EventRef) -> Result<(), IpcError> {
    journal.write(move |store, clock| journal::remove_event(store, clock, id, event).map(drop)).await
}

/// Takes back what an action just did (the toast's Undo).
#[tauri::command]
pub async fn undo(journal: State<'_, Shared>, done: Undoable) -> Result<(), IpcError> {
    journal.write(move |store, clock| journal::undo(store, clock, done).map(drop)).await
}

/// Every change to a client or an entry, oldest first.
#[tauri::command]
pub async fn history(journal: State<'_, Shared>, id: String) -> Result<Vec<HistoryLine>, IpcError> {
    journal.run(move |store, _| journal::history_lines(store, &id)).await
}
