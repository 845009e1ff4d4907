//! What a use case refuses: the domain's, the store's and the settings'
//! refusals, and the journal's own (a client not found, something in the
//! trash, an action changed since), each with its `Refusal` for a face to word.

use chrono_tz::Tz;

use crate::domain::settings::SettingsError;
use crate::domain::{ClientId, Code, DomainError, Refusal};
use crate::store::StoreError;

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
    #[error("nothing went wrong with '{0}' to write an apology for")]
    NothingToRepair(String),
}

impl JournalError {
    /// The refusal with its moments in the user's zone (see [`DomainError::in_zone`]).
    pub(super) fn in_zone(self, tz: Tz) -> Self {
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
            JournalError::NothingToRepair(what) => Refusal::new(Code::NothingToRepair).value(what),
        }
    }
}

pub type Result<T, E = JournalError> = std::result::Result<T, E>;
