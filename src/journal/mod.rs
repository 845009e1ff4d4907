//! The use cases: what a person does with a journal, one function per thing
//! they do, each one transaction. Time, the user's zone and language come in
//! as a `Clock`; nothing here reads the system clock or the environment.
//! `session` opens a journal for the faces; the others act on it.

pub mod backup;
pub mod calibration;
pub mod demo;
pub mod export;
pub mod importing;
pub mod insights;
pub mod interchange;
pub mod mailbox;
pub mod recovery;
pub mod reminding;
pub mod search;
pub mod session;

// The clients' and the entries' use cases, one module per seam, called as
// `journal::add_client`, `journal::undo`: the modules arrange the code, the
// room is the API.
mod clients;
mod corrections;
mod entries;
mod error;
mod history;
mod lifecycle;
mod records;
mod settings;
mod trash;

pub use crate::domain::time::Clock;
pub use crate::domain::EntryPatch;
pub use clients::{add_client, archive_client, client_count, clients, edit_client, find_client};
pub use corrections::{edit_entry, edit_event, remove_event, undo, undo_last};
pub use entries::{
    add_feedback, add_incident, add_note, add_promise, add_promise_with, add_request, entry, log_interaction, timeline, NewEntry,
    NewFeedback, PromiseTerms,
};
pub use error::{JournalError, Result};
pub use history::{history, history_lines, HistoryLine};
pub use lifecycle::{
    break_promise, close_request, follow_up_feedback, follow_up_request, incident_step, keep_promise, release_promise, reply_request,
    reschedule_promise, reschedule_promise_with, Undoable,
};
pub use settings::{calendar, change_settings, save_settings, settings};
pub use trash::{delete, restore, trash, Item, TrashItem};
