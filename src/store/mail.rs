//! Rows of client mail: the user's own addresses, the domains marked as a
//! client's, the messages seen and the proposals awaiting review. What a
//! message means is decided in src/mail/; the store keeps it as given.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{bad_row, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{ClientId, Direction, EntryId};

pub fn my_addresses(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT address FROM mail_my_addresses ORDER BY address")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds an address (already case-folded); `false` when it was there.
pub fn add_my_address(conn: &Connection, address: &str) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("INSERT OR IGNORE INTO mail_my_addresses (address) VALUES (?1)")?.execute([address])? == 1)
}

/// Removes one of the user's addresses (already case-folded); `false` when it was not there.
pub fn remove_my_address(conn: &Connection, address: &str) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("DELETE FROM mail_my_addresses WHERE address = ?1")?.execute([address])? == 1)
}

/// The domains marked as a client's own. A client in the trash holds none
/// (its marks come back with it when restored, unless another client took
/// the domain meanwhile): its mail is nobody's until then.
pub fn client_domains(conn: &Connection) -> Result<Vec<(ClientId, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.client_id, d.domain FROM mail_client_domains d JOIN clients c ON c.id = d.client_id
         WHERE c.deleted_at IS NULL ORDER BY d.domain",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|r| {
        let (client, domain) = r?;
        Ok((client.parse().map_err(|e| bad_row("a client's mail domain", e))?, domain))
    })
    .collect()
}

/// The client (not in the trash) a domain is marked for, if any.
pub fn domain_client(conn: &Connection, domain: &str) -> Result<Option<ClientId>, StoreError> {
    let sql = "SELECT d.client_id FROM mail_client_domains d JOIN clients c ON c.id = d.client_id
               WHERE d.domain = ?1 AND c.deleted_at IS NULL";
    let found: Option<String> = conn.prepare_cached(sql)?.query_row([domain], |r| r.get(0)).optional()?;
    found.map(|c| c.parse().map_err(|e| bad_row("a client's mail domain", e))).transpose()
}

/// Marks a domain (already case-folded) as the client's; `false` when it
/// was. A mark held by a client in the trash passes to this one (the caller
/// checked that no client outside the trash holds it).
pub fn add_client_domain(conn: &Connection, client: ClientId, domain: &str) -> Result<bool, StoreError> {
    let sql = "INSERT INTO mail_client_domains (domain, client_id) VALUES (?1, ?2)
               ON CONFLICT (domain) DO UPDATE SET client_id = excluded.client_id WHERE client_id <> excluded.client_id";
    Ok(conn.prepare_cached(sql)?.execute([domain, &client.to_string()])? == 1)
}

/// Unmarks a domain of the client; `false` when it was not the client's.
pub fn remove_client_domain(conn: &Connection, client: ClientId, domain: &str) -> Result<bool, StoreError> {
    let sql = "DELETE FROM mail_client_domains WHERE domain = ?1 AND client_id = ?2";
    Ok(conn.prepare_cached(sql)?.execute([domain, &client.to_string()])? == 1)
}

/// A message as seen, with the parts the journal looks it up by.
#[derive(Clone, Debug, PartialEq)]
pub struct SeenMessage {
    pub message_id: String,
    pub thread_id: String,
    pub client_id: ClientId,
    pub direction: Direction,
    pub at: DateTime<Utc>,
    pub seen_at: DateTime<Utc>,
    pub source: String,
    /// The message as read, as JSON.
    pub message: String,
}

fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::In => "in",
        Direction::Out => "out",
    }
}

pub fn is_seen(conn: &Connection, message_id: &str) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("SELECT 1 FROM mail_messages WHERE message_id = ?1")?.query_row([message_id], |_| Ok(())).optional()?.is_some())
}

/// The thread of the first of `ids` that was seen, if any.
pub fn thread_of<'a>(conn: &Connection, ids: impl IntoIterator<Item = &'a str>) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT thread_id FROM mail_messages WHERE message_id = ?1")?;
    for id in ids {
        if let Some(thread) = stmt.query_row([id], |r| r.get(0)).optional()? {
            return Ok(Some(thread));
        }
    }
    Ok(None)
}

pub fn add_message(conn: &Connection, m: &SeenMessage) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO mail_messages (message_id, thread_id, client_id, direction, at, seen_at, source, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        m.message_id,
        m.thread_id,
        m.client_id.to_string(),
        direction_text(m.direction),
        to_db(m.at),
        to_db(m.seen_at),
        m.source,
        m.message
    ])?;
    Ok(())
}

/// A proposal and the message it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub request_id: Option<EntryId>,
    pub interaction_id: Option<EntryId>,
    pub message: SeenMessage,
}

pub fn add_proposal(conn: &Connection, message_id: &str, kind: &str) -> Result<i64, StoreError> {
    conn.prepare_cached("INSERT INTO mail_proposals (message_id, kind, status) VALUES (?1, ?2, 'pending')")?.execute([message_id, kind])?;
    Ok(conn.last_insert_rowid())
}

macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT p.id, p.kind, p.status, p.request_id, p.interaction_id,
                    m.message_id, m.thread_id, m.client_id, m.direction, m.at, m.seen_at, m.source, m.message
             FROM mail_proposals p JOIN mail_messages m ON m.message_id = p.message_id ",
            $rest
        )
    };
}

fn proposal_from(r: &Row<'_>) -> Result<Proposal, StoreError> {
    let id: i64 = r.get(0)?;
    let what = || format!("mail proposal {id}");
    let entry = |i: usize| -> Result<Option<EntryId>, StoreError> {
        r.get::<_, Option<String>>(i)?.map(|s| s.parse().map_err(|e| bad_row(what(), e))).transpose()
    };
    let time = |i: usize| -> Result<DateTime<Utc>, StoreError> { from_db(&r.get::<_, String>(i)?).map_err(|e| bad_row(what(), e)) };
    Ok(Proposal {
        id,
        kind: r.get(1)?,
        status: r.get(2)?,
        request_id: entry(3)?,
        interaction_id: entry(4)?,
        message: SeenMessage {
            message_id: r.get(5)?,
            thread_id: r.get(6)?,
            client_id: r.get::<_, String>(7)?.parse().map_err(|e| bad_row(what(), e))?,
            direction: if r.get::<_, String>(8)? == "out" { Direction::Out } else { Direction::In },
            at: time(9)?,
            seen_at: time(10)?,
            source: r.get(11)?,
            message: r.get(12)?,
        },
    })
}

/// The proposals awaiting review, oldest message first (the order to accept them in).
pub fn pending(conn: &Connection) -> Result<Vec<Proposal>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE p.status = 'pending' ORDER BY m.at, p.id"))?;
    let rows = stmt.query_map([], |r| Ok(proposal_from(r)))?;
    rows.map(|r| r?).collect()
}

pub fn proposal(conn: &Connection, id: i64) -> Result<Option<Proposal>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE p.id = ?1"))?;
    stmt.query_row([id], |r| Ok(proposal_from(r))).optional()?.transpose()
}

/// The proposals of a thread before `before` (by the message's date), latest first.
pub fn earlier_in_thread(conn: &Connection, thread: &str, before: DateTime<Utc>) -> Result<Vec<Proposal>, StoreError> {
    let mut stmt = conn.prepare_cached(select!("WHERE m.thread_id = ?1 AND m.at <= ?2 ORDER BY m.at DESC, p.id DESC"))?;
    let rows = stmt.query_map(params![thread, to_db(before)], |r| Ok(proposal_from(r)))?;
    rows.map(|r| r?).collect()
}

/// Records what the user made of a proposal.
pub fn review(
    conn: &Connection,
    id: i64,
    kind: &str,
    status: &str,
    request: Option<EntryId>,
    interaction: Option<EntryId>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE mail_proposals SET kind = ?2, status = ?3, request_id = ?4, interaction_id = ?5, reviewed_at = ?6 WHERE id = ?1",
    )?
    .execute(params![id, kind, status, request.map(|r| r.to_string()), interaction.map(|i| i.to_string()), to_db(at)])?;
    Ok(())
}

/// A reviewed proposal awaits review again, as the kind it was reviewed as.
pub fn reopen(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE mail_proposals SET status = 'pending', request_id = NULL, interaction_id = NULL, reviewed_at = NULL WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// How many messages were seen and how many proposals await review.
pub fn counts(conn: &Connection) -> Result<(i64, i64), StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM mail_messages), (SELECT count(*) FROM mail_proposals WHERE status = 'pending')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A client's accepted proposals, found from the client's messages (their index).
const ORIGINS: &str = select!("WHERE m.client_id = ?1 AND p.status = 'accepted' AND (p.interaction_id IS NOT NULL OR p.kind = 'request')");

/// The accepted proposals of a client's mail, with the entry each made: the
/// interaction of its message, and the request a request proposal opened (a
/// follow-up's or reply's `request_id` is the request it acted on, not its own).
pub fn origins(conn: &Connection, client: ClientId) -> Result<Vec<(EntryId, SeenMessage)>, StoreError> {
    let mut stmt = conn.prepare_cached(ORIGINS)?;
    let rows = stmt.query_map([client.to_string()], |r| Ok(proposal_from(r)))?;
    let mut out = Vec::new();
    for p in rows {
        let p = p??;
        if let Some(i) = p.interaction_id {
            out.push((i, p.message.clone()));
        }
        if let (true, Some(r)) = (p.kind == "request", p.request_id) {
            out.push((r, p.message.clone()));
        }
    }
    Ok(out)
}

/// The message an entry was made from: the accepted proposal whose
/// interaction it is, or whose request it is when the proposal made it.
pub fn origin_of(conn: &Connection, entry: EntryId) -> Result<Option<SeenMessage>, StoreError> {
    let mut stmt = conn.prepare_cached(select!(
        "WHERE p.status = 'accepted' AND (p.interaction_id = ?1 OR (p.kind = 'request' AND p.request_id = ?1)) LIMIT 1"
    ))?;
    Ok(stmt.query_row([entry.to_string()], |r| Ok(proposal_from(r))).optional()?.transpose()?.map(|p| p.message))
}

#[cfg(test)]
mod tests {
    use super::ORIGINS;
    use crate::store::{Store, StoreError};

    #[test]
    fn a_client_page_finds_its_mail_by_the_client_not_by_reading_every_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("j.db")).expect("store");
        let plan: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx.prepare(&format!("EXPLAIN QUERY PLAN {ORIGINS}"))?;
                let rows = stmt.query_map(["0190f5a4-0000-7000-8000-000000000000"], |r| r.get::<_, String>(3))?;
                rows.collect::<Result<Vec<_>, _>>().map_err(StoreError::from)
            })
            .expect("plan");
        assert!(plan.iter().any(|p| p.contains("INDEX mail_messages_by_client")), "{plan:?}");
        assert!(!plan.iter().any(|p| p.starts_with("SCAN m")), "{plan:?}");
    }
}
