//! The interchange format: the whole journal as one versioned JSON document
//! (clients, entries, their histories and trash state, settings). Import is all
//! or nothing, and its errors name the place in the file that is wrong.

mod text;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::error::article;
use crate::domain::{Client, Code, Details, DomainError, Entry, Promise, Refusal, Settings};
use crate::journal::Clock;
use crate::store::clients::{self, StoredClient};
use crate::store::entries::{self, StoredEntry};
use crate::store::history::{self, Change};
use crate::store::{settings, Store, StoreError};

pub use text::{read, MAX_BYTES, MAX_DEPTH};

pub const FORMAT: &str = "trato-journal";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub settings: Settings,
    pub clients: Vec<ClientRecord>,
    pub entries: Vec<EntryRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRecord {
    pub client: Client,
    /// Set when the client is in the trash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub history: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRecord {
    pub entry: Entry,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub history: Vec<Change>,
}

#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("{place}: {message}")]
    Invalid { place: String, message: String },
    #[error("the file is empty: there is nothing to import. A Trato export is the JSON file `trato export --out FILE` writes")]
    Empty,
    #[error("{place}: lists and objects nest more than {} deep here, far deeper than in any Trato export; this file is not one, and nothing was imported", text::MAX_DEPTH)]
    TooDeep { place: String },
    #[error("{path} is {} MiB, more than the {} MiB an import reads; nothing was imported. Check that it is the file `trato export` wrote", mib(*.size), mib(text::MAX_BYTES))]
    TooLarge { path: PathBuf, size: u64 },
    #[error("can't read {path}: {source}")]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("this is not a Trato journal export (its \"format\" is '{0}', expected '{FORMAT}')")]
    NotAnExport(String),
    #[error("this export is version {0}, newer than this Trato understands ({VERSION}); update Trato to import it")]
    NewerVersion(u32),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("nothing was imported: the journal could not be backed up first ({0})")]
    Backup(#[from] crate::journal::backup::BackupError),
}

impl InterchangeError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            InterchangeError::Invalid { place, message } => Refusal::new(Code::InvalidImport).value(place).detail(message),
            InterchangeError::Empty => Refusal::new(Code::EmptyImport),
            InterchangeError::TooDeep { place } => Refusal::new(Code::ImportTooDeep).value(place).limit(text::MAX_DEPTH as f64),
            InterchangeError::TooLarge { path, size } => {
                Refusal::new(Code::ImportTooLarge).path(path).count(mib(*size) as f64).limit(mib(text::MAX_BYTES) as f64)
            }
            InterchangeError::Unreadable { path, source } => Refusal::new(Code::UnreadableImport).path(path).detail(source),
            InterchangeError::NotAnExport(format) => Refusal::new(Code::NotAnExport).value(format),
            InterchangeError::NewerVersion(v) => Refusal::new(Code::NewerExport).count(*v).limit(VERSION),
            InterchangeError::Store(e) => e.refusal(),
            InterchangeError::Backup(e) => e.refusal().kind("before_import"),
        }
    }
}

/// Sizes in whole MiB, rounded up: a file just over the limit must not read as at it.
fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn invalid(place: impl Into<String>, message: impl std::fmt::Display) -> InterchangeError {
    InterchangeError::Invalid { place: place.into(), message: message.to_string() }
}

/// The whole journal, in a stable order so that equal journals give equal documents.
pub fn export(store: &mut Store) -> Result<Document, InterchangeError> {
    store.read(|tx| {
        let clients = clients::all(tx)?
            .into_iter()
            .map(|StoredClient { client, deleted_at }| {
                Ok(ClientRecord { history: history::of(tx, &client.id.to_string())?, client, deleted_at })
            })
            .collect::<Result<_, StoreError>>()?;
        let entries = entries::all(tx)?
            .into_iter()
            .map(|StoredEntry { entry, deleted_at }| {
                Ok(EntryRecord { history: history::of(tx, &entry.id.to_string())?, entry, deleted_at })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Document { format: FORMAT.to_string(), version: VERSION, settings: settings::load(tx)?, clients, entries })
    })
}

pub fn to_json(doc: &Document) -> String {
    // A document of plain data always serialises; the fallback is never reached.
    serde_json::to_string_pretty(doc).unwrap_or_default() + "\n"
}

/// What an import added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub clients: usize,
    pub entries: usize,
}

/// Reads a document and adds everything in it to the journal, in one
/// transaction: any error leaves the journal exactly as it was. The settings in
/// the document replace the journal's. Items whose id the journal already has
/// are refused rather than merged.
pub fn import(store: &mut Store, clock: Clock, text: &str) -> Result<Imported, InterchangeError> {
    let doc = parse(text)?;
    check(&doc)?;
    crate::journal::backup::before_import(store, clock)?;
    store.write(|tx| {
        for (i, r) in doc.clients.iter().enumerate() {
            if clients::get(tx, r.client.id)?.is_some() {
                return Err(invalid(
                    format!("clients[{i}].client.id"),
                    format!("the journal already has a client with id {}", r.client.id),
                ));
            }
        }
        let file_clients: HashSet<_> = doc.clients.iter().map(|r| r.client.id).collect();
        for (i, r) in doc.entries.iter().enumerate() {
            if entries::get(tx, r.entry.id)?.is_some() {
                return Err(invalid(format!("entries[{i}].entry.id"), format!("the journal already has an entry with id {}", r.entry.id)));
            }
            if !file_clients.contains(&r.entry.client_id) && clients::get(tx, r.entry.client_id)?.is_none() {
                return Err(invalid(format!("entries[{i}].entry.client_id"), format!("no client has the id {}", r.entry.client_id)));
            }
            check_linked_request(tx, &doc, i, &r.entry)?;
        }
        settings::save(tx, &doc.settings)?;
        for r in &doc.clients {
            clients::put(tx, &r.client, r.deleted_at)?;
            put_history(tx, &r.client.id.to_string(), &r.history, clock, &r.client)?;
        }
        for r in &doc.entries {
            entries::put(tx, &r.entry, r.deleted_at)?;
            put_history(tx, &r.entry.id.to_string(), &r.history, clock, &r.entry)?;
        }
        Ok(Imported { clients: doc.clients.len(), entries: doc.entries.len() })
    })
}

/// A promise may answer a request of its own client, in the file or already in the journal.
fn check_linked_request(tx: &rusqlite::Connection, doc: &Document, i: usize, entry: &Entry) -> Result<(), InterchangeError> {
    let Details::Promise(Promise { for_request: Some(req), .. }) = &entry.details else {
        return Ok(());
    };
    let place = || format!("entries[{i}].entry.details.for_request");
    let found = match doc.entries.iter().find(|r| r.entry.id == *req) {
        Some(r) => Some((r.entry.kind(), r.entry.client_id, r.entry.occurred_at)),
        None => entries::get(tx, *req)?.map(|s| (s.entry.kind(), s.entry.client_id, s.entry.occurred_at)),
    };
    match found {
        None => Err(invalid(place(), format!("no request has the id {req}"))),
        Some((kind, _, _)) if kind != "request" => Err(invalid(place(), format!("{req} is {} {kind}, not a request", article(kind)))),
        Some((_, client, _)) if client != entry.client_id => Err(invalid(place(), format!("the request {req} belongs to another client"))),
        Some((_, _, asked)) if asked > entry.occurred_at => {
            Err(invalid(place(), format!("the promise was made before the request {req} it answers")))
        }
        Some(_) => Ok(()),
    }
}

/// A hand-made file may come without histories: the import starts one.
fn put_history(tx: &rusqlite::Connection, id: &str, changes: &[Change], clock: Clock, item: &impl Serialize) -> Result<(), StoreError> {
    if changes.is_empty() {
        history::append(tx, id, clock.now, "imported", item)
    } else {
        history::put_all(tx, id, changes)
    }
}

fn parse(text: &str) -> Result<Document, InterchangeError> {
    // Read the envelope first, so that a file of another kind gets the right message.
    #[derive(Deserialize)]
    struct Envelope {
        format: Option<String>,
        version: Option<u32>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text::look_over(text)?;
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| invalid(format!("line {}, column {}", e.line(), e.column()), without_position(&e)))?;
    match envelope.format.as_deref() {
        Some(FORMAT) => {}
        other => return Err(InterchangeError::NotAnExport(other.unwrap_or("missing").to_string())),
    }
    match envelope.version {
        Some(v) if v > VERSION => return Err(InterchangeError::NewerVersion(v)),
        Some(0) => return Err(invalid("version", "0 is not a version of the format; exports start at 1")),
        _ => {}
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let place = e.path().to_string();
        invalid(if place == "." { "the document".to_string() } else { place }, without_position(e.inner()))
    })
}

fn without_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The rules the journal enforces on each item, checked before anything is written.
fn check(doc: &Document) -> Result<(), InterchangeError> {
    doc.settings.validate().map_err(|e| invalid("settings", e))?;
    let mut seen = HashSet::new();
    for (i, r) in doc.clients.iter().enumerate() {
        if !seen.insert(r.client.id.0) {
            return Err(invalid(format!("clients[{i}].client.id"), format!("the id {} appears twice in the file", r.client.id)));
        }
        r.client.validate().map_err(|e| invalid(field_place("clients", i, "client", &e), e))?;
        check_years(&format!("clients[{i}]"), r.deleted_at, &r.history)?;
    }
    for (i, r) in doc.entries.iter().enumerate() {
        if !seen.insert(r.entry.id.0) {
            return Err(invalid(format!("entries[{i}].entry.id"), format!("the id {} appears twice in the file", r.entry.id)));
        }
        r.entry.validate().map_err(|e| invalid(field_place("entries", i, "entry", &e), e))?;
        check_years(&format!("entries[{i}]"), r.deleted_at, &r.history)?;
    }
    Ok(())
}

/// The moments a record carries besides its item's, within the years every export can write.
fn check_years(place: &str, deleted_at: Option<DateTime<Utc>>, history: &[Change]) -> Result<(), InterchangeError> {
    let moments = deleted_at.map(|t| ("deleted_at".to_string(), t)).into_iter();
    for (field, t) in moments.chain(history.iter().enumerate().map(|(n, c)| (format!("history[{n}].at"), c.at))) {
        crate::domain::time::check_moment(t).map_err(|e| invalid(format!("{place}.{field}"), e))?;
    }
    Ok(())
}

fn field_place(list: &str, i: usize, item: &str, e: &DomainError) -> String {
    let field = match e.field() {
        Some(
            f @ ("summary" | "name" | "email" | "phone" | "organisation" | "notes" | "availability" | "response_target_hours" | "tag"),
        ) => f.to_string(),
        Some(f @ ("occurred_at" | "recorded_at" | "created_at" | "archived_at")) => f.to_string(),
        Some(f) => format!("details.{f}"),
        None => "details".to_string(),
    };
    format!("{list}[{i}].{item}.{field}")
}
