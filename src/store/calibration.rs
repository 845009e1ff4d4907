//! The calibration table: for each promise whose date the provider set, the
//! facts the suggestion reads (see migration 13), and the class chain read
//! back from it. Kept by every write of an entry.

use chrono::{DateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Row};

use super::{bad_row, StoreError};
use crate::domain::calibration::{Class, ClassFacts, End, Facts, LATEST};
use crate::domain::promise::promise_kind;
use crate::domain::time::{from_db, to_db};
use crate::domain::{ClientId, Details, Due, Entry};

/// Rewrites the entry's row: none for an entry in the trash or of a client in
/// the trash, one that is not a promise, or a promise whose date the client set.
pub fn entry_written(conn: &Connection, e: &Entry, in_trash: bool) -> Result<(), StoreError> {
    let id = e.id.to_string();
    conn.prepare_cached("DELETE FROM calibration WHERE entry_id = ?1")?.execute([&id])?;
    let Details::Promise(p) = &e.details else { return Ok(()) };
    let Some(f) = Facts::of(p, e.occurred_at).filter(|_| !in_trash) else { return Ok(()) };
    if super::clients::is_in_trash(conn, e.client_id)? {
        return Ok(());
    }
    let (ended_at, ended) = match f.end {
        Some((at, how)) => {
            let word = match how {
                End::Kept => "kept",
                End::Broken => "broken",
                End::Released => "released",
            };
            (Some(to_db(at)), Some(word))
        }
        None => (None, None),
    };
    conn.prepare_cached(
        "INSERT INTO calibration (entry_id, client_id, kind, made_at, due, moved_at, moved_due, ended_at, ended)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        e.client_id.to_string(),
        // As typed in the app or imported: one class whatever its case and spaces.
        promise_kind(p.promise_kind.as_deref()).ok().flatten(),
        to_db(f.made_at),
        f.due.to_string(),
        f.client_moved.map(|(at, _)| to_db(at)),
        f.client_moved.map(|(_, due)| due.to_string()),
        ended_at,
        ended,
    ])?;
    Ok(())
}

/// A client moved to the trash takes its promises out of the record (the
/// user put it out of sight); brought back, they count again. Only a move
/// between the two rewrites anything: `was_in_trash` is how it stood before.
pub fn client_written(conn: &Connection, client: ClientId, was_in_trash: bool, in_trash: bool) -> Result<(), StoreError> {
    match (was_in_trash, in_trash) {
        (false, true) => {
            conn.prepare_cached("DELETE FROM calibration WHERE client_id = ?1")?.execute([client.to_string()])?;
        }
        (true, false) => {
            for e in super::entries::timeline(conn, client)? {
                entry_written(conn, &e, false)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Fills the table from every promise (the migration to version 13).
pub fn rebuild(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM calibration", [])?;
    for s in super::entries::all(conn)? {
        entry_written(conn, &s.entry, s.deleted_at.is_some())?;
    }
    Ok(())
}

/// Each query: a class's latest promises by first due date, and every one
/// still open whose first date has passed (those not yet due tell nothing).
macro_rules! class {
    ($filter:literal) => {
        concat!(
            "SELECT entry_id, made_at, due, moved_at, moved_due, ended_at, ended FROM
               (SELECT * FROM calibration WHERE ",
            $filter,
            " ORDER BY due DESC LIMIT ?9)
             UNION ALL
             SELECT entry_id, made_at, due, moved_at, moved_due, ended_at, ended FROM calibration WHERE ",
            $filter,
            " AND ended_at IS NULL AND due < ?10"
        )
    };
}

/// The class chain for a promise to `client` of `kind`: this client and kind
/// (or this client, without a kind), the kind, everything.
pub fn chain(conn: &Connection, client: ClientId, kind: Option<&str>, now: DateTime<Utc>) -> Result<Vec<ClassFacts>, StoreError> {
    let client = client.to_string();
    let now = to_db(now);
    let latest = i64::try_from(LATEST).unwrap_or(i64::MAX);
    let read = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Vec<Facts>, StoreError> {
        let mut all: Vec<&dyn rusqlite::ToSql> = args.to_vec();
        // ?9 is the limit and ?10 now, whatever the filter's parameters.
        while all.len() < 8 {
            all.push(&rusqlite::types::Null);
        }
        all.push(&latest);
        all.push(&now);
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(all.as_slice())?;
        // A promise both among the latest and still open comes twice: kept once.
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            if seen.insert(r.get_ref(0)?.as_str().map_err(|e| bad_row("calibration", e))?.to_string()) {
                out.push(facts(r)?);
            }
        }
        Ok(out)
    };
    Ok(match kind {
        Some(kind) => vec![
            ClassFacts {
                class: Class::ClientKind { kind: kind.to_string() },
                promises: read(class!("client_id = ?1 AND kind = ?2"), &[&client, &kind])?,
            },
            ClassFacts { class: Class::Kind { kind: kind.to_string() }, promises: read(class!("kind = ?2"), &[&client, &kind])? },
            ClassFacts { class: Class::All, promises: read(class!("TRUE"), &[&client])? },
        ],
        None => vec![
            ClassFacts { class: Class::Client, promises: read(class!("client_id = ?1"), &[&client])? },
            ClassFacts { class: Class::All, promises: read(class!("TRUE"), &[&client])? },
        ],
    })
}

fn facts(r: &Row<'_>) -> Result<Facts, StoreError> {
    let what = || format!("calibration of {}", r.get::<_, String>(0).unwrap_or_default());
    // Read in place: a suggestion reads a thousand rows or more.
    let text = |i: usize| -> Result<Option<&str>, StoreError> {
        match r.get_ref(i)? {
            ValueRef::Null => Ok(None),
            v => v.as_str().map(Some).map_err(|e| bad_row(what(), e)),
        }
    };
    let time = |i: usize| -> Result<Option<DateTime<Utc>>, StoreError> {
        text(i)?.map(|s| from_db(s).map_err(|e| bad_row(what(), e))).transpose()
    };
    let due =
        |i: usize| -> Result<Option<Due>, StoreError> { text(i)?.map(|s| s.parse::<Due>().map_err(|e| bad_row(what(), e))).transpose() };
    let made_at = time(1)?.ok_or_else(|| bad_row(what(), "no made_at"))?;
    let first = due(2)?.ok_or_else(|| bad_row(what(), "no due"))?;
    let client_moved = time(3)?.zip(due(4)?);
    let end = match (time(5)?, text(6)?) {
        (Some(at), Some("kept")) => Some((at, End::Kept)),
        (Some(at), Some("broken")) => Some((at, End::Broken)),
        (Some(at), Some("released")) => Some((at, End::Released)),
        (None, None) => None,
        (_, other) => return Err(bad_row(what(), format!("ended as {other:?}"))),
    };
    Ok(Facts { made_at, due: first, client_moved, end })
}
