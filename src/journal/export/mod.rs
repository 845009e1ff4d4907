//! Taking the journal out to other programs: clients as vCards or CSV, timeline
//! entries as CSV, and open promises and answers owed as an iCalendar feed
//! (src/journal/export/calendar.rs, also kept as a file when `calendar.ics_folder` is set).
//! The whole journal as JSON, to move it between Trato installs, is src/journal/interchange.

pub mod calendar;
pub mod lines;
pub mod table;
pub mod vcard;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono_tz::Tz;

use crate::domain::{Client, ClientId, Entry};
use crate::journal::{Clock, JournalError};
use crate::store::{clients as stored_clients, entries as stored_entries, settings as stored_settings, Store};

pub use vcard::VcardVersion;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the CSV could not be written: {0}")]
    Csv(String),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> crate::domain::Refusal {
        use crate::domain::{Code, Refusal};
        match self {
            ExportError::Journal(e) => e.refusal(),
            ExportError::Csv(detail) => Refusal::new(Code::CsvFailed).detail(detail),
            ExportError::File { path, source } => Refusal::new(Code::FileNotWritten).path(path).detail(source),
        }
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Csv(e.to_string())
    }
}

impl From<crate::store::StoreError> for ExportError {
    fn from(e: crate::store::StoreError) -> Self {
        ExportError::Journal(e.into())
    }
}

/// The clients to take out: those in `only`, else every client outside the
/// trash (archived ones too), by name.
/// The files the app's Export menu offers, each of every client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// vCard 4.0, for Google Contacts, Outlook and phones.
    Vcard4,
    /// vCard 3.0, for Apple Contacts.
    Vcard3,
    ClientsCsv,
    EntriesCsv,
    /// Open promises and answers owed (with VTODOs when the setting asks for them).
    Calendar,
}

impl ExportKind {
    /// The file name offered in the save dialog.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportKind::Vcard4 => "Trato clients.vcf",
            ExportKind::Vcard3 => "Trato clients (Apple).vcf",
            ExportKind::ClientsCsv => "Trato clients.csv",
            ExportKind::EntriesCsv => "Trato timeline.csv",
            ExportKind::Calendar => "Trato.ics",
        }
    }
}

/// The whole file of one kind, for every client.
pub fn document(store: &mut Store, clock: Clock, kind: ExportKind) -> Result<String, ExportError> {
    match kind {
        ExportKind::Vcard4 => vcards(store, &[], VcardVersion::V4),
        ExportKind::Vcard3 => vcards(store, &[], VcardVersion::V3),
        ExportKind::ClientsCsv => clients_csv(store, &[], clock.tz),
        ExportKind::EntriesCsv => entries_csv(store, clock, &[]),
        // The feed adds VTODOs itself when the setting asks for them.
        ExportKind::Calendar => calendar::feed(store, clock, &[], false),
    }
}

fn chosen_clients(store: &mut Store, only: &[ClientId]) -> Result<Vec<Client>, ExportError> {
    let all = store.read(|tx| Ok::<_, JournalError>(stored_clients::list(tx, true)?))?;
    Ok(all.into_iter().filter(|c| only.is_empty() || only.contains(&c.id)).collect())
}

/// The chosen clients (every one when `only` is empty) as vCards.
pub fn vcards(store: &mut Store, only: &[ClientId], version: VcardVersion) -> Result<String, ExportError> {
    let region = store.read(|tx| Ok::<_, JournalError>(stored_settings::load(tx)?))?.contacts.default_region;
    Ok(vcard::write(&chosen_clients(store, only)?, version, &region))
}

/// The chosen clients as CSV (docs/format.md lists the columns).
pub fn clients_csv(store: &mut Store, only: &[ClientId], tz: Tz) -> Result<String, ExportError> {
    table::clients(&chosen_clients(store, only)?, tz)
}

/// The timeline entries of the chosen clients as CSV, oldest first; entries
/// in the trash are left out.
pub fn entries_csv(store: &mut Store, clock: Clock, only: &[ClientId]) -> Result<String, ExportError> {
    let clients = chosen_clients(store, only)?;
    let mut entries: Vec<Entry> = store
        .read(|tx| Ok::<_, JournalError>(stored_entries::all(tx)?))?
        .into_iter()
        .filter(|s| s.deleted_at.is_none())
        .map(|s| s.entry)
        .collect();
    entries.sort_by_key(|e| (e.occurred_at, e.id));
    let by_id: BTreeMap<ClientId, &Client> = clients.iter().map(|c| (c.id, c)).collect();
    let rows: Vec<(&Client, &Entry)> = entries.iter().filter_map(|e| by_id.get(&e.client_id).map(|c| (*c, e))).collect();
    table::entries(&rows, clock.tz, clock.now)
}
