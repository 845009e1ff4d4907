//! What the store derives from each entry for the signal pass: the open-until
//! column, the moments table and each client's latest contact and feedback.
//! Kept by every write of an entry, and rebuilt whole by the migration that added them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection};

use super::StoreError;
use crate::domain::time::to_db;
use crate::domain::{ClientId, Details, Entry};

/// `open_until` of a matter still open: later than any moment Trato will be asked about.
pub const STILL_OPEN: &str = "9999-12-31T23:59:59.999Z";

pub fn open_until(e: &Entry) -> Option<String> {
    e.open_until().map(|until| until.map_or_else(|| STILL_OPEN.to_string(), to_db))
}

/// A promise that may have lapsed: broken, or kept after its due day ended in
/// the earliest zone on Earth. A superset of the lapses in any zone (the zone
/// is a setting that can change); the engine checks each exactly.
fn lapse_candidate(e: &Entry) -> Option<DateTime<Utc>> {
    match &e.details {
        Details::Promise(p) => p.lapsed_at(DateTime::<Utc>::MAX_UTC, Tz::Etc__GMTMinus14),
        _ => None,
    }
}

/// Rewrites the moments of one entry (none when it is in the trash) and its client's latest ones.
pub fn entry_written(conn: &Connection, e: &Entry, in_trash: bool) -> Result<(), StoreError> {
    write_moments(conn, e, in_trash, true)
}

/// [`entry_written`], with the outreach moments only when the schema has them
/// (version 14): an upgrade from before derives the rest at version 2 and the
/// outreach at 14, each under the table as it then stands.
fn write_moments(conn: &Connection, e: &Entry, in_trash: bool, with_outreach: bool) -> Result<(), StoreError> {
    let id = e.id.to_string();
    conn.prepare_cached("DELETE FROM moments WHERE entry_id = ?1")?.execute([&id])?;
    if !in_trash {
        let mut insert = conn.prepare_cached("INSERT INTO moments (client_id, kind, at, entry_id) VALUES (?1, ?2, ?3, ?4)")?;
        let client = e.client_id.to_string();
        let feedback = matches!(e.details, Details::Feedback(_)).then_some(e.occurred_at);
        let moments = e.contact_moments().into_iter().map(|at| ("contact", at));
        let outreach = e.outreach_moments().into_iter().filter(|_| with_outreach).map(|at| ("outreach", at));
        let derived = moments.chain(outreach).chain(feedback.map(|at| ("feedback", at))).chain(lapse_candidate(e).map(|at| ("lapse", at)));
        for (kind, at) in derived {
            insert.execute(params![client, kind, to_db(at), id])?;
        }
    }
    refresh_client(conn, e.client_id)
}

fn refresh_client(conn: &Connection, client: ClientId) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE clients SET
           (last_contact_at, last_contact_entry) =
             (SELECT at, entry_id FROM moments WHERE client_id = ?1 AND kind = 'contact' ORDER BY at DESC LIMIT 1),
           (last_feedback_at, last_feedback_entry) =
             (SELECT at, entry_id FROM moments WHERE client_id = ?1 AND kind = 'feedback' ORDER BY at DESC LIMIT 1)
         WHERE id = ?1",
    )?
    .execute([client.to_string()])?;
    Ok(())
}

/// The outreach moments of every entry not in the trash (the migration to version 14).
pub fn backfill_outreach(conn: &Connection) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached("INSERT INTO moments (client_id, kind, at, entry_id) VALUES (?1, 'outreach', ?2, ?3)")?;
    for s in super::entries::all(conn)?.iter().filter(|s| s.deleted_at.is_none()) {
        for at in s.entry.outreach_moments() {
            insert.execute(params![s.entry.client_id.to_string(), to_db(at), s.entry.id.to_string()])?;
        }
    }
    Ok(())
}

/// Derives everything again from the entries (the migration to version 2;
/// the outreach waits for version 14's table).
pub fn rebuild(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM moments", [])?;
    let entries = super::entries::all(conn)?;
    let mut set_open = conn.prepare_cached("UPDATE entries SET open_until = ?2 WHERE id = ?1")?;
    for s in &entries {
        set_open.execute(params![s.entry.id.to_string(), open_until(&s.entry)])?;
        write_moments(conn, &s.entry, s.deleted_at.is_some(), false)?;
    }
    Ok(())
}
