//! The record of reminders: each delivery of a reminder's state, and snoozes.
//! Rows only; what a key means and when a reminder is due is decided in src/reminders/.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::{bad_row, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{ClientId, EntryId};

/// One delivery of a key, as the policy reads it. `round` is `None` for the
/// key's first delivery, or the end of the snooze it came after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub key: String,
    pub round: Option<DateTime<Utc>>,
    pub sent_at: DateTime<Utc>,
}

/// A key snoozed until a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snoozed {
    pub key: String,
    pub until: DateTime<Utc>,
}

/// A delivery with what was shown, as recorded and as the history lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentRow {
    pub key: String,
    pub round: Option<DateTime<Utc>>,
    pub kind: String,
    pub entry_id: EntryId,
    pub client_id: ClientId,
    pub about: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    pub in_digest: bool,
    pub title: String,
    pub body: String,
}

fn moment(what: &str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    from_db(text).map_err(|e| bad_row(what, e))
}

/// '' stands for the first delivery: a primary key can't hold NULL as a value that collides.
fn round_text(round: Option<DateTime<Utc>>) -> String {
    round.map(to_db).unwrap_or_default()
}

fn round_of(text: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
    if text.is_empty() {
        return Ok(None);
    }
    moment("a reminder's round", text).map(Some)
}

/// Every delivery of the reminders about one entry.
pub fn deliveries_of(conn: &Connection, entry: EntryId) -> Result<Vec<Delivery>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT key, round, sent_at FROM reminders_sent WHERE entry_id = ?1")?;
    let rows = stmt.query_map([entry.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|r| {
        let (key, round, sent_at) = r?;
        Ok(Delivery { key, round: round_of(&round)?, sent_at: moment("a reminder's sending time", &sent_at)? })
    })
    .collect()
}

/// The snoozes of the reminders about one entry.
pub fn snoozes_of(conn: &Connection, entry: EntryId) -> Result<Vec<Snoozed>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT key, until FROM reminder_snoozes WHERE entry_id = ?1")?;
    let rows = stmt.query_map([entry.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|r| {
        let (key, until) = r?;
        Ok(Snoozed { key, until: moment("a snooze's end", &until)? })
    })
    .collect()
}

/// Records a delivery; false when the same delivery was already recorded
/// (another process got there first), in which case nothing is written.
pub fn record(conn: &Connection, row: &SentRow) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO reminders_sent (key, round, kind, entry_id, client_id, about, sent_at, in_digest, title, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let changed = stmt.execute(params![
        row.key,
        round_text(row.round),
        row.kind,
        row.entry_id.to_string(),
        row.client_id.to_string(),
        to_db(row.about),
        to_db(row.sent_at),
        row.in_digest,
        row.title,
        row.body,
    ])?;
    Ok(changed == 1)
}

/// Sets (or moves) the snooze of a key.
pub fn snooze(conn: &Connection, key: &str, entry: EntryId, until: DateTime<Utc>, at: DateTime<Utc>) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO reminder_snoozes (key, entry_id, until, snoozed_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET until = excluded.until, snoozed_at = excluded.snoozed_at",
    )?;
    stmt.execute(params![key, entry.to_string(), to_db(until), to_db(at)])?;
    Ok(())
}

fn sent_row(r: &Row<'_>) -> Result<SentRow, StoreError> {
    let text = |i: usize| -> Result<String, StoreError> { Ok(r.get::<_, String>(i)?) };
    Ok(SentRow {
        key: text(0)?,
        round: round_of(&text(1)?)?,
        kind: text(2)?,
        entry_id: text(3)?.parse().map_err(|e| bad_row("a reminder's entry", e))?,
        client_id: text(4)?.parse().map_err(|e| bad_row("a reminder's client", e))?,
        about: moment("a reminder's moment", &text(5)?)?,
        sent_at: moment("a reminder's sending time", &text(6)?)?,
        in_digest: r.get::<_, bool>(7)?,
        title: text(8)?,
        body: text(9)?,
    })
}

/// The latest `limit` deliveries, newest first.
pub fn latest(conn: &Connection, limit: usize) -> Result<Vec<SentRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, round, kind, entry_id, client_id, about, sent_at, in_digest, title, body
         FROM reminders_sent ORDER BY sent_at DESC, key LIMIT ?1",
    )?;
    let mut rows = stmt.query([i64::try_from(limit).unwrap_or(i64::MAX)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(sent_row(r)?);
    }
    Ok(out)
}
