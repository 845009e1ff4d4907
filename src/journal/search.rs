//! Finding anything in the journal by its words: clients and entries, best match first.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{ClientId, EntryId};
use crate::journal::JournalError;
use crate::store::search::{find, Found, Owner, Segment};
use crate::store::Store;

/// As many hits as a person reads through; a better query beats a longer list.
pub const DEFAULT_LIMIT: usize = 50;

/// A client or an entry that holds every word searched for. Crosses to the
/// app as is (its TypeScript type is generated from this one).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SearchHit {
    #[serde(flatten)]
    pub item: HitItem,
    pub client_id: ClientId,
    pub client_name: String,
    /// The entry's summary; for a client, its name.
    pub summary: String,
    /// Where the words matched, in a few words of context.
    pub snippet: Vec<SnippetSegment>,
}

/// What was found: `what` is `client` or `entry`.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum HitItem {
    Client {
        id: ClientId,
    },
    Entry {
        id: EntryId,
        /// The entry's kind: `request`, `promise`, ...
        kind: String,
        occurred_at: DateTime<Utc>,
    },
}

/// A piece of a snippet, as text: the matched words are the pieces with
/// `hit`. Never HTML, so that the user's words can't be read as markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SnippetSegment {
    pub text: String,
    pub hit: bool,
}

/// The clients and entries matching `query`, best first, at most `limit`:
/// each word of the query must start a word of theirs, accents and case
/// ignored. Whatever the query holds it is taken as words, never as search
/// syntax; one without words finds nothing. Items in the trash, and entries
/// of a client in the trash, are not found.
pub fn search(store: &mut Store, query: &str, limit: usize) -> Result<Vec<SearchHit>, JournalError> {
    let found = store.read(|tx| find(tx, query, limit))?;
    Ok(found.into_iter().map(SearchHit::from).collect())
}

impl From<Found> for SearchHit {
    fn from(f: Found) -> Self {
        let item = match f.owner {
            Owner::Client(id) => HitItem::Client { id },
            Owner::Entry { id, kind, occurred_at } => HitItem::Entry { id, kind, occurred_at },
        };
        let snippet = f.snippet.into_iter().map(|Segment { text, hit }| SnippetSegment { text, hit }).collect();
        SearchHit { item, client_id: f.client_id, client_name: f.client_name, summary: f.summary, snippet }
    }
}
