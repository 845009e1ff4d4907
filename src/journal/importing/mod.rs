//! Contacts imports as a user lives them: a preview first (what becomes a new
//! client, what merges into one Trato has, what may be a duplicate, what is left
//! out and why), then a commit that applies exactly that preview in one
//! transaction, tagged with a batch that can be undone.

mod plan;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

pub use plan::{
    apply, fingerprint, merge_changes, revert, Changes, Counts, Decision, DecisionError, MatchedBy, Outcome, PreviewRow, Source, Target,
};

use crate::contacts::{ColumnField, SourceFormat, UnreadColumn};
use crate::domain::{Code, Refusal};
use crate::journal::records::save_client;
use crate::journal::{Clock, JournalError};
use crate::store::{clients, entries, history, imports, settings, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Decision(#[from] DecisionError),
    #[error("the journal changed since this preview was made; look at the new preview before importing")]
    Changed,
    #[error("there is no import '{0}'; `trato contacts imports` lists them")]
    UnknownBatch(String),
    #[error("the import {id} was already undone on {at}")]
    AlreadyUndone { id: String, at: String },
    #[error("nothing was imported: the journal could not be backed up first ({0})")]
    Backup(#[from] crate::journal::backup::BackupError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Journal(JournalError::Store(e))
    }
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            ImportError::Journal(e) => e.refusal(),
            ImportError::Decision(DecisionError::NoSuchRow(row)) => Refusal::new(Code::NoSuchRow).count(*row as f64),
            ImportError::Decision(DecisionError::NothingToMerge(row)) => Refusal::new(Code::NothingToMerge).count(*row as f64),
            ImportError::Changed => Refusal::new(Code::PreviewOutdated),
            ImportError::UnknownBatch(id) => Refusal::new(Code::UnknownImport).value(id),
            ImportError::AlreadyUndone { id, at } => Refusal::new(Code::AlreadyUndone).value(id).other(at),
            ImportError::Backup(e) => e.refusal().kind("before_import"),
        }
    }
}

/// A file of the preview.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SourceInfo {
    pub name: String,
    pub format: SourceFormat,
    /// For a generic CSV, the column each field was read from: the mapping
    /// proposed from the column names, or the one the person gave.
    #[serde(default)]
    pub mapping: Vec<ColumnField>,
    /// The columns with values that won't be imported (empty in imports
    /// recorded before Trato listed them).
    #[serde(default)]
    pub unread: Vec<UnreadColumn>,
}

/// What an import would do: the contract of `trato contacts import --dry-run --json` and of the app.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Preview {
    pub sources: Vec<SourceInfo>,
    pub rows: Vec<PreviewRow>,
    pub counts: Counts,
    /// Names this exact plan: a commit that would do anything else is refused.
    pub plan_id: String,
}

/// A committed import: its batch (none when there was nothing to add) and what it did.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Committed {
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    pub preview: Preview,
}

/// An import as listed, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ImportBatch {
    pub id: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub sources: Vec<SourceInfo>,
    pub created: i64,
    pub merged: i64,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undone_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What an undo did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Undone {
    pub trashed: usize,
    pub reverted: usize,
    /// Clients the import created that the person has worked on since (an
    /// entry, an edit): theirs now, so left where they are.
    pub kept: Vec<KeptClient>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct KeptClient {
    pub id: crate::domain::ClientId,
    pub name: String,
}

/// The history actions of an import's own writes; any other is the person's.
const IMPORTED: &str = "imported";
const MERGED: &str = "merged by an import";
const UNDONE: &str = "import undone";

/// The choices that go with a preview or a commit.
#[derive(Clone, Debug, Default)]
pub struct Choices {
    pub decisions: BTreeMap<usize, Decision>,
    pub accept_proposed: bool,
}

fn make_plan(tx: &rusqlite::Connection, clock: Clock, sources: &[Source], choices: &Choices) -> Result<(Preview, plan::Plan), ImportError> {
    let region = settings::load(tx)?.contacts.default_region;
    let mut known = HashMap::new();
    for source in sources {
        for item in &source.items {
            if let crate::contacts::Parsed::Record { record, .. } = item {
                let fp = fingerprint(record, &region);
                if let Some(id) = imports::client_of_fingerprint(tx, &fp)? {
                    known.insert(fp, id);
                }
            }
        }
    }
    let plan = plan::plan(plan::Inputs {
        sources,
        clients: clients::list(tx, true)?,
        known: &known,
        region: &region,
        decisions: &choices.decisions,
        accept_proposed: choices.accept_proposed,
        now: clock.now,
    })?;
    let rows_json = serde_json::to_string(&plan.rows).unwrap_or_default();
    let preview = Preview {
        sources: sources
            .iter()
            .map(|s| SourceInfo { name: s.name.clone(), format: s.format, mapping: s.mapping.clone(), unread: s.unread.clone() })
            .collect(),
        rows: plan.rows.clone(),
        counts: plan.counts.clone(),
        plan_id: format!("{:016x}", plan::fnv1a(rows_json.as_bytes())),
    };
    Ok((preview, plan))
}

/// What importing these files would do now; writes nothing.
pub fn preview(store: &mut Store, clock: Clock, sources: &[Source], choices: &Choices) -> Result<Preview, ImportError> {
    store.read(|tx| Ok(make_plan(tx, clock, sources, choices)?.0))
}

/// Applies the plan in one transaction. With `expected`, refuses when the plan
/// is no longer the one previewed (the journal changed in between).
pub fn commit(
    store: &mut Store,
    clock: Clock,
    sources: &[Source],
    choices: &Choices,
    expected: Option<&str>,
) -> Result<Committed, ImportError> {
    crate::journal::backup::before_import(store, clock)?;
    store.write(|tx| {
        let (preview, plan) = make_plan(tx, clock, sources, choices)?;
        if expected.is_some_and(|e| e != preview.plan_id) {
            return Err(ImportError::Changed);
        }
        if plan.effects.is_empty() {
            return Ok(Committed { batch: None, preview });
        }
        let batch = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(clock.now.timestamp()).unwrap_or(0),
            clock.now.timestamp_subsec_nanos(),
        ))
        .to_string();
        let sources_json = serde_json::to_string(&preview.sources).unwrap_or_else(|_| "[]".into());
        imports::add_batch(tx, &batch, clock.now, &sources_json)?;
        for person in plan.people.iter().filter(|p| p.touched) {
            let action = match person.origin {
                plan::Origin::Existing => MERGED,
                plan::Origin::Created { .. } => IMPORTED,
            };
            save_client(tx, clock, &person.client, None, action)?;
        }
        for (seq, e) in plan.effects.iter().enumerate() {
            let changes = serde_json::to_string(&e.changes).unwrap_or_else(|_| "{}".into());
            imports::add_effect(tx, &batch, seq, plan.people[e.person].client.id, e.created, &changes, &e.fingerprint)?;
        }
        Ok(Committed { batch: Some(batch), preview })
    })
}

/// Moves what the import created to the trash and takes back what it merged,
/// in one transaction, leaving what the person did since: a merged field
/// they changed keeps their value, and a client the import created that they
/// have since given an entry or edited stays, with its timeline (trashing it
/// would take their promises and requests off Today without a word).
pub fn undo(store: &mut Store, clock: Clock, batch: &str) -> Result<Undone, ImportError> {
    let batch = batch.trim();
    store.write(|tx| {
        let row = imports::batch(tx, batch)?.ok_or_else(|| ImportError::UnknownBatch(batch.to_string()))?;
        if let Some(at) = row.undone_at {
            return Err(ImportError::AlreadyUndone { id: row.id, at: at.with_timezone(&clock.tz).format("%Y-%m-%d %H:%M").to_string() });
        }
        let mut done = Undone { trashed: 0, reverted: 0, kept: Vec::new() };
        for effect in imports::effects(tx, batch)? {
            let Some(stored) = clients::get(tx, effect.client_id)? else { continue };
            if effect.created {
                if stored.deleted_at.is_some() {
                    continue;
                }
                if worked_on(tx, &stored.client)? {
                    done.kept.push(KeptClient { id: stored.client.id, name: stored.client.name.clone() });
                } else {
                    save_client(tx, clock, &stored.client, Some(clock.now), UNDONE)?;
                    done.trashed += 1;
                }
            } else {
                let changes: Changes =
                    serde_json::from_str(&effect.changes).map_err(|e| crate::store::bad_row("an import's changes", e))?;
                let mut client = stored.client.clone();
                revert(&mut client, &changes);
                if client != stored.client {
                    save_client(tx, clock, &client, stored.deleted_at, UNDONE)?;
                    done.reverted += 1;
                }
            }
        }
        imports::mark_undone(tx, batch, clock.now)?;
        Ok(done)
    })
}

/// Whether the person has given the client an entry or changed it since an import created it.
fn worked_on(tx: &rusqlite::Connection, client: &crate::domain::Client) -> Result<bool, ImportError> {
    if !entries::timeline(tx, client.id)?.is_empty() {
        return Ok(true);
    }
    Ok(history::of(tx, &client.id.to_string())?.iter().any(|c| ![IMPORTED, MERGED, UNDONE].contains(&c.action.as_str())))
}

/// Every import, newest first.
pub fn batches(store: &mut Store) -> Result<Vec<ImportBatch>, ImportError> {
    store.read(|tx| {
        let rows = imports::batches(tx)?;
        Ok(rows
            .into_iter()
            .map(|r| ImportBatch {
                sources: serde_json::from_str(&r.sources).unwrap_or_default(),
                id: r.id,
                at: r.at,
                created: r.created,
                merged: r.merged,
                undone_at: r.undone_at,
            })
            .collect())
    })
}
