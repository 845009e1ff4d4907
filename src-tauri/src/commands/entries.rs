//! Entries: writing down something new, and the actions on open matters.

use serde::Deserialize;
use tauri::State;
use trato::domain::promise::{RescheduleCause, SetBy};
use trato::domain::time::moment::{Reader, Towards};
use trato::domain::{Cause, Channel, ClientId, Closing, Direction, EntryId, IncidentSeverity, NoticedBy, RecoveryStep, Score, Stage};
use trato::journal::calibration::RealityCheck;
use trato::journal::{self, NewEntry, NewFeedback, PromiseTerms, Undoable};

use super::{due, moment};
use crate::error::IpcError;
use crate::journal::Shared;

/// What the quick-entry form sends: what every entry states, and its kind's own fields.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct EntryForm {
    pub client: ClientId,
    pub channel: Channel,
    pub summary: String,
    /// When it happened, in local time (`2026-03-02T10:00`); empty is now.
    pub at: Option<String>,
    pub kind: KindForm,
}

#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KindForm {
    Interaction {
        direction: Direction,
    },
    Request {
        answer_by: Option<String>,
    },
    Promise {
        due: String,
        for_request: Option<EntryId>,
        /// A short tag ("entrega"), for the record a due date is checked against.
        promise_kind: Option<String>,
        /// Whose date it is: a date the client set says nothing of the provider's estimates.
        set_by: SetBy,
    },
    Incident {
        noticed_by: NoticedBy,
        severity: IncidentSeverity,
    },
    Feedback {
        score: Score,
        stage: Stage,
        cause: Option<Cause>,
        comment: Option<String>,
    },
    Note,
}

#[tauri::command]
pub async fn add_entry(journal: State<'_, Shared>, form: EntryForm) -> Result<EntryId, IpcError> {
    journal
        .write(move |store, clock| {
            let calendar = journal::calendar(store, clock)?;
            let reader = Reader { now: clock.now, calendar: &calendar };
            let new = NewEntry {
                client: form.client,
                at: moment("at", form.at.as_deref(), &reader, Towards::Past)?,
                channel: form.channel,
                summary: form.summary,
            };
            let id = match form.kind {
                KindForm::Interaction { direction } => journal::log_interaction(store, clock, new, direction)?,
                KindForm::Request { answer_by } => {
                    journal::add_request(store, clock, new, moment("answer_by", answer_by.as_deref(), &reader, Towards::Future)?)?
                }
                KindForm::Promise { due: d, for_request, promise_kind, set_by } => {
                    let terms = PromiseTerms { kind: promise_kind, set_by };
                    journal::add_promise_with(store, clock, new, due(&d, &reader)?, for_request, terms)?
                }
                KindForm::Incident { noticed_by, severity } => journal::add_incident(store, clock, new, noticed_by, severity)?,
                KindForm::Feedback { score, stage, cause, comment } => {
                    journal::add_feedback(store, clock, new, NewFeedback { score, stage, cause, comment })?
                }
                KindForm::Note => journal::add_note(store, clock, new)?,
            };
            Ok::<_, IpcError>(id)
        })
        .await
}

/// A promise being written, checked against the provider's own record of
/// such promises: the line the form shows under its date, and the later date
/// it suggests, if any (docs/calibration.md).
#[tauri::command]
pub async fn promise_check(
    journal: State<'_, Shared>,
    client: ClientId,
    kind: Option<String>,
    due: String,
) -> Result<RealityCheck, IpcError> {
    journal
        .run(move |store, clock| {
            let calendar = journal::calendar(store, clock)?;
            let proposed = super::due(&due, &Reader { now: clock.now, calendar: &calendar })?;
            Ok::<_, IpcError>(journal::calibration::reality_check(store, clock, &client.to_string(), kind.as_deref(), proposed, None)?)
        })
        .await
}

/// An action on an open matter, as Today and the timeline offer them. Each is
/// dated now: back-dating belongs to the command line. The answer takes it back.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Keep,
    /// `cause`: whose the move is, for the record due dates are checked
    /// against (a move the client asked for is not held against the provider).
    Reschedule {
        due: String,
        reason: String,
        cause: Option<RescheduleCause>,
    },
    Break {
        reason: Option<String>,
    },
    Release {
        note: Option<String>,
    },
    Reply {
        note: Option<String>,
    },
    FollowUp {
        note: Option<String>,
    },
    Close {
        how: Closing,
        note: Option<String>,
    },
    Step {
        step: RecoveryStep,
        note: Option<String>,
    },
    FeedbackFollowUp {
        note: Option<String>,
    },
}

#[tauri::command]
pub async fn act(journal: State<'_, Shared>, id: EntryId, action: Action) -> Result<Undoable, IpcError> {
    journal
        .write(move |store, clock| {
            let done = match action {
                Action::Keep => journal::keep_promise(store, clock, id, None)?,
                Action::Reschedule { due: d, reason, cause } => {
                    let calendar = journal::calendar(store, clock)?;
                    let due = due(&d, &Reader { now: clock.now, calendar: &calendar })?;
                    journal::reschedule_promise_with(store, clock, id, None, due, &reason, cause)?
                }
                Action::Break { reason } => journal::break_promise(store, clock, id, None, reason)?,
                Action::Release { note } => journal::release_promise(store, clock, id, None, note)?,
                Action::Reply { note } => journal::reply_request(store, clock, id, None, note)?,
                Action::FollowUp { note } => journal::follow_up_request(store, clock, id, None, None, note)?,
                Action::Close { how, note } => journal::close_request(store, clock, id, how, None, note)?,
                Action::Step { step, note } => journal::incident_step(store, clock, id, step, None, note)?,
                Action::FeedbackFollowUp { note } => journal::follow_up_feedback(store, clock, id, None, note)?,
            };
            Ok::<_, IpcError>(done)
        })
        .await
}
