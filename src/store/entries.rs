//! Entry rows: the common fields as columns, the kind's own details as JSON,
//! and the lifecycle status copied into an indexed column.

use chrono::{DateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::value::StrDeserializer;
use serde::Deserialize;

use super::{bad_row, calibration, derived, search, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{Channel, ClientId, Details, Entry, EntryId};

#[derive(Clone, Debug, PartialEq)]
pub struct StoredEntry {
    pub entry: Entry,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A query over whole rows, assembled at compile time (no SQL is formatted at run time).
macro_rules! select {
    ($rest:literal) => {
        concat!("SELECT id, client_id, occurred_at, recorded_at, channel, summary, details, deleted_at FROM entries ", $rest)
    };
}

pub(super) fn from_row(r: &Row<'_>) -> Result<StoredEntry, StoreError> {
    // Every text column is read in place, not copied into a String first (the
    // details always were): Today reads ten thousand rows.
    let id = text(r, 0)?;
    let what = || format!("entry {id}");
    let parse_time = |s: &str| from_db(s).map_err(|e| bad_row(what(), e));
    let channel = text(r, 4)?;
    let details = r.get_ref(6)?.as_str().map_err(|e| bad_row(what(), e))?;
    let entry = Entry {
        id: id.parse().map_err(|e| bad_row(what(), e))?,
        client_id: text(r, 1)?.parse().map_err(|e| bad_row(what(), e))?,
        occurred_at: parse_time(text(r, 2)?)?,
        recorded_at: parse_time(text(r, 3)?)?,
        channel: Channel::deserialize(StrDeserializer::<serde::de::value::Error>::new(channel))
            .or_else(|_| serde_json::from_value::<Channel>(serde_json::Value::String(channel.to_string())))
            .map_err(|e| bad_row(what(), e))?,
        summary: r.get(5)?,
        details: decode_details(details).map_err(|e| bad_row(what(), e))?,
    };
    let deleted_at = match r.get_ref(7)? {
        ValueRef::Null => None,
        _ => Some(parse_time(text(r, 7)?)?),
    };
    Ok(StoredEntry { entry, deleted_at })
}

/// A text column borrowed from the row; anything else fails as `Row::get::<String>` fails.
fn text<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str, StoreError> {
    match r.get_ref(i)?.as_str() {
        Ok(s) => Ok(s),
        Err(e) => Err(r.get::<_, String>(i).err().map_or_else(|| bad_row(format!("column {i}"), e), StoreError::from)),
    }
}

/// Details as `put` wrote them. serde_json writes the tag of an internally
/// tagged enum first, so the variant can be decoded straight from the fields
/// after it, sparing serde from buffering the whole object while it looks for
/// its tag (a third of the decoding in the Today pass). Any other shape takes
/// the general path, which also gives the errors.
fn decode_details(json: &str) -> serde_json::Result<Details> {
    use serde_json::from_str;
    let tagged = json.strip_prefix(r#"{"kind":""#).and_then(|rest| rest.split_once('"'));
    if let Some((kind, rest)) = tagged {
        if kind == "note" && rest == "}" {
            return Ok(Details::Note);
        }
        if let Some(fields) = rest.strip_prefix(',') {
            let object = format!("{{{fields}");
            let fast = match kind {
                "interaction" => from_str(&object).map(Details::Interaction),
                "request" => from_str(&object).map(Details::Request),
                "promise" => from_str(&object).map(Details::Promise),
                "incident" => from_str(&object).map(Details::Incident),
                "feedback" => from_str(&object).map(Details::Feedback),
                _ => return from_str(json),
            };
            return fast.or_else(|_| from_str(json));
        }
    }
    from_str(json)
}

pub fn put(conn: &Connection, e: &Entry, deleted_at: Option<DateTime<Utc>>) -> Result<(), StoreError> {
    let details = serde_json::to_string(&e.details).map_err(|err| bad_row(format!("entry {}", e.id), err))?;
    conn.prepare_cached(
        "INSERT INTO entries (id, client_id, kind, occurred_at, recorded_at, channel, summary, status, details, deleted_at, open_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, kind = excluded.kind, occurred_at = excluded.occurred_at,
           recorded_at = excluded.recorded_at, channel = excluded.channel, summary = excluded.summary, status = excluded.status,
           details = excluded.details, deleted_at = excluded.deleted_at, open_until = excluded.open_until",
    )?
    .execute(params![
        e.id.to_string(),
        e.client_id.to_string(),
        e.kind(),
        to_db(e.occurred_at),
        to_db(e.recorded_at),
        e.channel.as_str(),
        e.summary,
        e.status(),
        details,
        deleted_at.map(to_db),
        derived::open_until(e),
    ])?;
    derived::entry_written(conn, e, deleted_at.is_some())?;
    calibration::entry_written(conn, e, deleted_at.is_some())?;
    search::entry_written(conn, e, deleted_at.is_some())
}

pub fn get(conn: &Connection, id: EntryId) -> Result<Option<StoredEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE id = ?1"))?;
    stmt.query_row([id.to_string()], |r| Ok(from_row(r))).optional()?.transpose()
}

/// A client's entries not in the trash, newest first.
pub fn timeline(conn: &Connection, client: ClientId) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn
        .prepare_cached(select!("WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY occurred_at DESC, recorded_at DESC, rowid DESC"))?;
    let rows = stmt.query_map([client.to_string()], |r| Ok(from_row(r)))?;
    rows.map(|r| r?.map(|s| s.entry)).collect()
}

/// Every entry, in the trash or not, oldest first, ties in the order they were
/// written (for export: an import writes them back in that order).
pub fn all(conn: &Connection) -> Result<Vec<StoredEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("ORDER BY occurred_at, recorded_at, rowid"))?;
    let rows = stmt.query_map([], |r| Ok(from_row(r)))?;
    rows.map(|r| r?).collect()
}

/// Entries deleted one by one (those of a deleted client go with the client).
pub fn in_trash(conn: &Connection) -> Result<Vec<StoredEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id"))?;
    let rows = stmt.query_map([], |r| Ok(from_row(r)))?;
    rows.map(|r| r?).collect()
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::Clock;
    use crate::store::Store;
    use chrono::TimeZone;

    /// The shortcut decodes every kind the sample holds exactly as serde's
    /// general path does, and a hand-made object with its tag last still decodes.
    #[test]
    fn details_decode_the_same_by_either_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("j.db")).expect("store");
        let now = Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).single().expect("date");
        crate::journal::demo::fill(&mut store, Clock::new(now, chrono_tz::Europe::Madrid)).expect("sample");
        let stored: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx.prepare("SELECT details FROM entries")?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<Result<Vec<String>, _>>().map_err(StoreError::from)
            })
            .expect("rows");
        let mut kinds = std::collections::BTreeSet::new();
        for json in &stored {
            let general: Details = serde_json::from_str(json).expect("general path");
            assert!(json.starts_with(r#"{"kind":""#), "{json}");
            assert_eq!(decode_details(json).expect("shortcut"), general, "{json}");
            kinds.insert(general.kind());
        }
        assert_eq!(kinds.len(), 6, "every kind: {kinds:?}");

        let tag_last = r#"{"direction":"in","kind":"interaction"}"#;
        assert_eq!(
            decode_details(tag_last).expect("general"),
            Details::Interaction(crate::domain::Interaction { direction: crate::domain::Direction::In })
        );
        let wrong = r#"{"kind":"feedback","score":{"rating":9}}"#;
        assert_eq!(
            decode_details(wrong).expect_err("refused").to_string(),
            serde_json::from_str::<Details>(wrong).expect_err("refused").to_string()
        );
    }

    /// Columns read in place fail as reading them into strings did: a channel
    /// the journal does not know in serde's words, text that is not UTF-8 as rusqlite says it.
    #[test]
    fn a_damaged_row_is_refused_as_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("j.db")).expect("store");
        let now = Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).single().expect("date");
        crate::journal::demo::fill(&mut store, Clock::new(now, chrono_tz::Europe::Madrid)).expect("sample");
        let read_all = |store: &mut Store| store.read(|tx| all(tx)).expect_err("a damaged row");
        let id: String =
            store.read(|tx| Ok::<_, StoreError>(tx.query_row("SELECT id FROM entries LIMIT 1", [], |r| r.get(0))?)).expect("id");
        store.write(|tx| Ok::<_, StoreError>(tx.execute("UPDATE entries SET channel = 'fax' WHERE id = ?1", [&id])?)).expect("damage");
        let unknown = serde_json::from_value::<Channel>(serde_json::Value::String("fax".into())).expect_err("unknown");
        assert_eq!(read_all(&mut store).to_string(), bad_row(format!("entry {id}"), unknown).to_string());
        let damage = "UPDATE entries SET channel = 'email', occurred_at = CAST(X'FF' AS TEXT) WHERE id = ?1";
        store.write(|tx| Ok::<_, StoreError>(tx.execute(damage, [&id])?)).expect("damage");
        let as_string = store
            .read(|tx| {
                let sql = "SELECT id, client_id, occurred_at FROM entries WHERE id = ?1";
                tx.query_row(sql, [&id], |r| r.get::<_, String>(2)).map_err(StoreError::from)
            })
            .expect_err("not UTF-8");
        assert_eq!(read_all(&mut store).to_string(), as_string.to_string(), "text that is not UTF-8 is refused as rusqlite refuses it");
    }
}
