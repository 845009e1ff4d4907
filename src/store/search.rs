//! Full-text search: which words of a client or an entry are searchable, the
//! document kept for each with every write, and the ranked read over them.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::{bad_row, clients, entries, StoreError};
use crate::domain::feedback::FeedbackFollowUp;
use crate::domain::incident::StepTaken;
use crate::domain::promise::PromiseEvent;
use crate::domain::request::RequestEvent;
use crate::domain::time::from_db;
use crate::domain::{Client, ClientId, Details, Entry, EntryId, Feedback, Incident, Promise, Request};

/// Where the snippet's matched words start and end. Control characters: the
/// documents never hold one (see `document`), so a marker is always ours.
const HIT_START: char = '\u{2}';
const HIT_END: char = '\u{3}';

/// What a document belongs to.
#[derive(Clone, Debug, PartialEq)]
pub enum Owner {
    Client(ClientId),
    Entry { id: EntryId, kind: String, occurred_at: DateTime<Utc> },
}

/// A piece of a snippet: the matched words are the pieces with `hit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// A client or an entry whose words match, with its client's name and where it matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub owner: Owner,
    pub client_id: ClientId,
    pub client_name: String,
    /// The entry's summary; for a client, its name.
    pub summary: String,
    pub snippet: Vec<Segment>,
}

// ---------------------------------------------------------------- what is searchable

// The fields are taken apart without `..` on purpose: a text field added to
// the domain fails to compile here until someone decides whether it is searchable.

/// The words the user wrote about an entry: its summary and every note,
/// reason and comment in its details.
pub fn entry_words(e: &Entry) -> Vec<&str> {
    let Entry { id: _, client_id: _, occurred_at: _, recorded_at: _, channel: _, summary, details } = e;
    let mut words = vec![summary.as_str()];
    match details {
        Details::Interaction(_) | Details::Note => {}
        Details::Request(Request { answer_by: _, events }) => words.extend(events.iter().filter_map(|ev| match ev {
            RequestEvent::FollowUp { at: _, channel: _, note }
            | RequestEvent::Reply { at: _, note, promise: _ }
            | RequestEvent::Declined { at: _, note }
            | RequestEvent::Withdrawn { at: _, note } => note.as_deref(),
            RequestEvent::Done { at: _, promise: _ } => None,
        })),
        Details::Promise(Promise { due: _, for_request: _, promise_kind, set_by: _, events }) => {
            words.extend(promise_kind.as_deref());
            words.extend(events.iter().filter_map(|ev| match ev {
                PromiseEvent::Rescheduled { at: _, due: _, reason, cause: _ } => Some(reason.as_str()),
                PromiseEvent::Broken { at: _, reason: note } | PromiseEvent::Released { at: _, note } => note.as_deref(),
                PromiseEvent::Kept { at: _ } => None,
            }))
        }
        Details::Incident(Incident { noticed_by: _, severity: _, steps }) => {
            words.extend(steps.iter().filter_map(|StepTaken { step: _, at: _, note }| note.as_deref()))
        }
        Details::Feedback(Feedback { score: _, stage: _, cause: _, comment, follow_ups }) => {
            words.extend(comment.as_deref());
            words.extend(follow_ups.iter().filter_map(|FeedbackFollowUp { at: _, note }| note.as_deref()));
        }
    }
    words
}

/// The words the user wrote about a client: name, organisation, contact
/// details, tags, notes and availability.
pub fn client_words(c: &Client) -> Vec<&str> {
    let Client {
        id: _,
        name,
        organisation,
        email,
        phone,
        other_emails,
        other_phones,
        preferred_channel: _,
        status: _,
        tags,
        notes,
        availability,
        response_target_hours: _,
        language: _,
        register: _,
        created_at: _,
        archived_at: _,
    } = c;
    let mut words = vec![name.as_str()];
    words.extend([organisation, email, phone].into_iter().filter_map(|f| f.as_deref()));
    words.extend(other_emails.iter().chain(other_phones).map(String::as_str));
    words.extend(tags.iter().map(String::as_str));
    words.extend([notes, availability].into_iter().filter_map(|f| f.as_deref()));
    words
}

/// The words of a client an entry is found by too: its name and organisation
/// ("panaderia menu" finds the bakery's menu entries).
fn client_label(name: &str, organisation: Option<&str>) -> String {
    document([Some(name), organisation].into_iter().flatten())
}

/// One line of text from the fields: whitespace and control characters
/// collapsed (a snippet is shown on one line, and holds no marker but ours), a
/// field repeated only once (a feedback's summary is often its comment, and
/// repeating words would weigh them twice in the ranking).
fn document<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for field in fields {
        let line = field.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if !line.is_empty() && !parts.contains(&line) {
            parts.push(line);
        }
    }
    parts.join(" · ")
}

// ---------------------------------------------------------------- writing

/// Rewrites an entry's document, with its client's words; an entry in the trash has none.
pub fn entry_written(conn: &Connection, e: &Entry, in_trash: bool) -> Result<(), StoreError> {
    if in_trash {
        return forget(conn, "entry", &e.id.to_string());
    }
    let (name, organisation): (String, Option<String>) = conn
        .prepare_cached("SELECT name, json_extract(profile, '$.organisation') FROM clients WHERE id = ?1")?
        .query_row([e.client_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    write(conn, "entry", &e.id.to_string(), e.client_id, &document(entry_words(e)), &client_label(&name, organisation.as_deref()))
}

/// Rewrites a client's document (a client in the trash has none) and the
/// client's words in its entries' documents. Its entries keep theirs while it
/// is in the trash, hidden by the read.
pub fn client_written(conn: &Connection, c: &Client, in_trash: bool) -> Result<(), StoreError> {
    let id = c.id.to_string();
    // Only a rename (or a new organisation) rewrites the entries' documents.
    let label = client_label(&c.name, c.organisation.as_deref());
    conn.prepare_cached("UPDATE search_docs SET client_text = ?1 WHERE client_id = ?2 AND kind = 'entry' AND client_text IS NOT ?1")?
        .execute(params![label, id])?;
    if in_trash {
        return forget(conn, "client", &id);
    }
    write(conn, "client", &id, c.id, &document(client_words(c)), "")
}

fn forget(conn: &Connection, kind: &str, owner: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM search_docs WHERE owner_id = ?1 AND kind = ?2")?.execute([owner, kind])?;
    Ok(())
}

fn write(conn: &Connection, kind: &str, owner: &str, client: ClientId, text: &str, client_text: &str) -> Result<(), StoreError> {
    // Most writes (a promise kept, a reply without a note) leave the words as
    // they were: the index is then not touched.
    conn.prepare_cached(
        "INSERT INTO search_docs (kind, owner_id, client_id, text, client_text) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (owner_id, kind) DO UPDATE SET client_id = excluded.client_id, text = excluded.text, client_text = excluded.client_text
           WHERE client_id IS NOT excluded.client_id OR text IS NOT excluded.text OR client_text IS NOT excluded.client_text",
    )?
    .execute(params![kind, owner, client.to_string(), text, client_text])?;
    Ok(())
}

/// Writes the documents of every client and entry already in the journal (the
/// migration to version 5), in that version's shape: the client's words in
/// the entries' documents came with version 8, whose migration fills them.
pub fn backfill(conn: &Connection) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached("INSERT INTO search_docs (kind, owner_id, client_id, text) VALUES (?1, ?2, ?3, ?4)")?;
    for c in clients::all(conn)?.into_iter().filter(|c| c.deleted_at.is_none()) {
        let id = c.client.id.to_string();
        insert.execute(params!["client", id, id, document(client_words(&c.client))])?;
    }
    for e in entries::all(conn)?.into_iter().filter(|e| e.deleted_at.is_none()) {
        insert.execute(params!["entry", e.entry.id.to_string(), e.entry.client_id.to_string(), document(entry_words(&e.entry))])?;
    }
    Ok(())
}

// ---------------------------------------------------------------- reading

/// The clients and entries, none in the trash nor of a client in the trash,
/// that hold every word of `query` (each as a word or the start of one, accents
/// and case ignored), best match first. An entry holds its client's name and
/// organisation too, as long as one of the words is its own. A query without
/// words finds nothing.
pub fn find(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Found>, StoreError> {
    let Some(expression) = match_expression(query) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.owner_id, d.client_id, c.name, e.kind, e.summary, e.occurred_at,
                snippet(search, 0, ?3, ?4, '…', 16)
         FROM search
         JOIN search_docs d ON d.doc = search.rowid
         JOIN clients c ON c.id = d.client_id
         LEFT JOIN entries e ON d.kind = 'entry' AND e.id = d.owner_id
         WHERE search MATCH ?1
           AND c.deleted_at IS NULL
           AND (d.kind = 'client' OR (e.id IS NOT NULL AND e.deleted_at IS NULL))
         ORDER BY bm25(search, 1.0, 0.25), d.doc
         LIMIT ?2",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![expression, limit, HIT_START.to_string(), HIT_END.to_string()], |r| Ok(from_row(r)))?;
    rows.map(|r| r?).collect()
}

fn from_row(r: &Row<'_>) -> Result<Found, StoreError> {
    let kind: String = r.get(0)?;
    let owner_id: String = r.get(1)?;
    let what = || format!("the search document of {kind} {owner_id}");
    let client_id: ClientId = r.get::<_, String>(2)?.parse().map_err(|e| bad_row(what(), e))?;
    let client_name: String = r.get(3)?;
    let (owner, summary) = if kind == "client" {
        (Owner::Client(client_id), client_name.clone())
    } else {
        let occurred_at = from_db(&r.get::<_, String>(6)?).map_err(|e| bad_row(what(), e))?;
        let id = owner_id.parse().map_err(|e| bad_row(what(), e))?;
        (Owner::Entry { id, kind: r.get(4)?, occurred_at }, r.get(5)?)
    };
    Ok(Found { owner, client_id, client_name, summary, snippet: segments(&r.get::<_, String>(7)?) })
}

/// The user's words as an FTS5 query that means only "all these words, each
/// as a prefix, in the document or its client's words, and one of them in the
/// document": so "panaderia menu" finds the bakery's menu entries, and
/// "panaderia" alone the bakery, not every entry it has. Nothing the user types
/// is read as FTS5 syntax: the words are cut at everything but letters and
/// digits (as the index cuts them), so no quote, operator or parenthesis
/// survives, and each is quoted, so that `AND`, `NEAR` or `NOT` are plain words.
fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| format!("{} AND text : ({})", terms.join(" AND "), terms.join(" OR ")))
}

/// Splits a snippet at its markers into plain and matched pieces.
fn segments(marked: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut hit = false;
    for (i, piece) in marked.split([HIT_START, HIT_END]).enumerate() {
        // Markers alternate, start then end, so every other piece is a match.
        if i > 0 {
            hit = !hit;
        }
        if !piece.is_empty() {
            out.push(Segment { text: piece.to_string(), hit });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_words_each_a_quoted_prefix_and_nothing_else() {
        assert_eq!(match_expression("panad menu").as_deref(), Some(r#""panad"* AND "menu"* AND text : ("panad"* OR "menu"*)"#));
        assert_eq!(
            match_expression(r#"a"b -c* (AND) NEAR/2"#).as_deref(),
            Some(
                r#""a"* AND "b"* AND "c"* AND "AND"* AND "NEAR"* AND "2"* AND text : ("a"* OR "b"* OR "c"* OR "AND"* OR "NEAR"* OR "2"*)"#
            )
        );
        assert_eq!(
            match_expression("Panadería"),
            Some(r#""Panadería"* AND text : ("Panadería"*)"#.to_string()),
            "letters with accents are letters"
        );
        for blank in ["", "   ", "\"", "* - ( ) :", "\"\""] {
            assert_eq!(match_expression(blank), None, "{blank:?} holds no word");
        }
    }

    #[test]
    fn a_snippet_splits_into_plain_and_matched_pieces() {
        let seg = |text: &str, hit| Segment { text: text.to_string(), hit };
        assert_eq!(
            segments("…waiting for \u{2}photos\u{3}, the \u{2}menu\u{3}"),
            [seg("…waiting for ", false), seg("photos", true), seg(", the ", false), seg("menu", true)]
        );
        assert_eq!(segments("\u{2}Sol\u{3}"), [seg("Sol", true)]);
        assert_eq!(segments("no match shown"), [seg("no match shown", false)]);
    }

    #[test]
    fn a_document_is_one_line_with_each_field_once_and_no_control_characters() {
        assert_eq!(
            document(["Thought the\nquote  was high", "Thought the quote was high", " ", "Called\u{2} back"]),
            "Thought the quote was high · Called back"
        );
    }
}
