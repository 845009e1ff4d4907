//! The history of a client or an entry: every change, oldest first, and for a
//! person what each one changed.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{JournalError, Result};
use crate::domain::difference::{self, Difference};
use crate::domain::{Client, Entry};
use crate::store::history::{self, Change};
use crate::store::Store;

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
