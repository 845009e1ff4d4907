//! What an import would do, decided record by record: pure, over the clients
//! the journal has and what the files hold. The same inputs give the same plan,
//! so that committing applies exactly the preview the user saw.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contacts::{
    email_key, name_key, phone_key, ColumnField, ContactRecord, Parsed, ParsedFile, Position, SourceFormat, UnreadColumn,
};
use crate::domain::client::same_tag;
use crate::domain::{Client, ClientId, ClientPatch};

/// One file as read.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub format: SourceFormat,
    pub items: Vec<Parsed>,
    /// For a generic CSV, the column each field was read from.
    pub mapping: Vec<ColumnField>,
    /// The columns with values no field took, for the preview to name.
    pub unread: Vec<UnreadColumn>,
}

impl Source {
    /// The file called `name` (as the person knows it), as read.
    pub fn new(name: impl Into<String>, file: ParsedFile) -> Source {
        Source { name: name.into(), format: file.format, items: file.items, mapping: file.mapping, unread: file.unread }
    }
}

/// What the user chose for one row of the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A client of its own, even when it looks like one Trato has.
    New,
    /// Into the client it looks like (a possible duplicate).
    Merge,
    /// Not imported.
    Skip,
}

/// The client a row goes into: one the journal has, or the one an earlier row of this import creates.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Client { id: ClientId, name: String },
    Row { index: usize, name: String },
}

/// Exactly what a merge adds to a client: fields it fills (never one that has
/// a value), channels and tags it adds. An undo takes away the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// What committing the preview does with one row.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// A new client.
    New,
    /// Added to a client: `by` says what matched (email, phone, or your choice).
    Merge {
        into: Target,
        by: MatchedBy,
        adds: Changes,
    },
    /// Looks like a client (same name and organisation) without a shared
    /// e-mail or phone: not imported until the user decides.
    Proposed,
    /// Already in Trato as it is: nothing to add.
    Unchanged {
        client: Target,
    },
    Skipped {
        reason: String,
    },
    Invalid {
        field: String,
        reason: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Email,
    Phone,
    /// The same name and organisation, merged because the user said so.
    Decision,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct PreviewRow {
    /// The row's number in the preview, counted over all files from 0: what decisions name.
    pub index: usize,
    /// Which file (an index into the preview's sources).
    pub source: usize,
    pub at: Position,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<ContactRecord>,
    pub outcome: Outcome,
    /// The client this one may be the same person as, for the user to compare side by side.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<Target>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Counts {
    pub new: usize,
    pub merge: usize,
    pub proposed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub invalid: usize,
}

/// A decision that doesn't fit its row.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecisionError {
    #[error("there is no row {0} in the preview")]
    NoSuchRow(usize),
    #[error("row {0} looks like no client, so it can't be merged; choose new or skip")]
    NothingToMerge(usize),
}

/// Whether a person of the plan is a client the journal has or one the import creates.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Existing,
    Created { row: usize },
}

/// A client as the plan leaves it.
#[derive(Clone, Debug)]
pub struct Person {
    pub client: Client,
    pub origin: Origin,
    pub touched: bool,
}

/// The preview's rows and, for committing, the clients as they would end.
#[derive(Clone, Debug)]
pub struct Plan {
    pub rows: Vec<PreviewRow>,
    pub counts: Counts,
    pub people: Vec<Person>,
    /// Per row that creates or merges: (index into people, fingerprint of its record).
    pub effects: Vec<Effect>,
}

#[derive(Clone, Debug)]
pub struct Effect {
    pub person: usize,
    pub created: bool,
    pub changes: Changes,
    pub fingerprint: String,
}

pub struct Inputs<'a> {
    pub sources: &'a [Source],
    /// The journal's clients not in the trash, archived ones included.
    pub clients: Vec<Client>,
    /// Records an earlier import brought in, by fingerprint: the live client each went into.
    pub known: &'a HashMap<String, ClientId>,
    pub region: &'a str,
    pub decisions: &'a BTreeMap<usize, Decision>,
    /// Merge every possible duplicate that has no decision of its own.
    pub accept_proposed: bool,
    pub now: DateTime<Utc>,
}

/// The lookups a record is matched through, kept up to date as the plan adds clients and channels.
#[derive(Default)]
struct Index {
    emails: HashMap<String, usize>,
    phones: HashMap<String, usize>,
    names: HashMap<(String, String), usize>,
    ids: HashMap<ClientId, usize>,
}

impl Index {
    fn add(&mut self, person: usize, c: &Client, region: &str) {
        for e in c.email.iter().chain(&c.other_emails) {
            self.emails.entry(email_key(e)).or_insert(person);
        }
        for p in c.phone.iter().chain(&c.other_phones) {
            self.phones.entry(phone_id(p, region)).or_insert(person);
        }
        self.names.entry(person_key(&c.name, c.organisation.as_deref())).or_insert(person);
        self.ids.insert(c.id, person);
    }
}

/// A phone's identity: its E.164 form, else its digits (a number the library
/// can't place still matches itself).
fn phone_id(raw: &str, region: &str) -> String {
    phone_key(raw, region).unwrap_or_else(|| raw.chars().filter(char::is_ascii_digit).collect())
}

fn person_key(name: &str, org: Option<&str>) -> (String, String) {
    (name_key(name), name_key(org.unwrap_or("")))
}

/// Names a record as read, whatever file it came from, so that the same
/// person imported again is recognised even without an e-mail or phone.
pub fn fingerprint(r: &ContactRecord, region: &str) -> String {
    let mut emails: Vec<String> = r.emails.iter().map(|e| email_key(e)).collect();
    emails.sort();
    let mut phones: Vec<String> = r.phones.iter().map(|p| phone_id(p, region)).collect();
    phones.sort();
    let text = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        name_key(&r.name),
        name_key(r.organisation.as_deref().unwrap_or("")),
        emails.join(","),
        phones.join(",")
    );
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions and machines, unlike std's hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The notes a record gives a client: the job title first, then its notes.
fn record_notes(r: &ContactRecord) -> Option<String> {
    let lines: Vec<&str> = r.title.iter().chain(&r.notes).map(String::as_str).filter(|s| !s.trim().is_empty()).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// What the record would add to the client, filling only what is empty.
pub fn merge_changes(c: &Client, r: &ContactRecord, region: &str) -> Changes {
    let mut ch = Changes::default();
    if c.organisation.is_none() {
        ch.organisation = r.organisation.clone();
    }
    let mut emails: HashSet<String> = c.email.iter().chain(&c.other_emails).map(|e| email_key(e)).collect();
    for e in &r.emails {
        if emails.insert(email_key(e)) {
            if c.email.is_none() && ch.email.is_none() {
                ch.email = Some(e.clone());
            } else {
                ch.other_emails.push(e.clone());
            }
        }
    }
    let mut phones: HashSet<String> = c.phone.iter().chain(&c.other_phones).map(|p| phone_id(p, region)).collect();
    for p in &r.phones {
        if phones.insert(phone_id(p, region)) {
            if c.phone.is_none() && ch.phone.is_none() {
                ch.phone = Some(p.clone());
            } else {
                ch.other_phones.push(p.clone());
            }
        }
    }
    if c.notes.is_none() {
        ch.notes = record_notes(r);
    }
    for t in &r.tags {
        let known = |list: &[String]| list.iter().any(|x| same_tag(x, t));
        if !known(&c.tags) && !known(&ch.tags) {
            ch.tags.push(t.clone());
        }
    }
    ch
}

pub fn apply(c: &mut Client, ch: &Changes) {
    let fill = |field: &mut Option<String>, v: &Option<String>| {
        if field.is_none() {
            field.clone_from(v);
        }
    };
    fill(&mut c.organisation, &ch.organisation);
    fill(&mut c.email, &ch.email);
    fill(&mut c.phone, &ch.phone);
    fill(&mut c.notes, &ch.notes);
    c.other_emails.extend(ch.other_emails.iter().cloned());
    c.other_phones.extend(ch.other_phones.iter().cloned());
    c.tags.extend(ch.tags.iter().cloned());
}

/// Takes away what `apply` added, leaving anything the user changed since.
pub fn revert(c: &mut Client, ch: &Changes) {
    let clear = |field: &mut Option<String>, v: &Option<String>| {
        if v.is_some() && field == v {
            *field = None;
        }
    };
    clear(&mut c.organisation, &ch.organisation);
    clear(&mut c.email, &ch.email);
    clear(&mut c.phone, &ch.phone);
    clear(&mut c.notes, &ch.notes);
    let remove = |list: &mut Vec<String>, added: &[String]| {
        for a in added {
            if let Some(i) = list.iter().position(|x| x == a) {
                list.remove(i);
            }
        }
    };
    remove(&mut c.other_emails, &ch.other_emails);
    remove(&mut c.other_phones, &ch.other_phones);
    remove(&mut c.tags, &ch.tags);
}

fn new_client(r: &ContactRecord, now: DateTime<Utc>) -> Result<Client, (String, String)> {
    let patch = ClientPatch {
        organisation: r.organisation.clone(),
        email: r.emails.first().cloned(),
        phone: r.phones.first().cloned(),
        notes: record_notes(r),
        add_tags: r.tags.clone(),
        ..ClientPatch::default()
    };
    let invalid = |e: crate::domain::DomainError| (e.field().unwrap_or("record").to_string(), e.to_string());
    let mut c = Client::new(ClientId::new_at(now), &r.name, now, patch).map_err(invalid)?;
    c.other_emails = r.emails.iter().skip(1).cloned().collect();
    c.other_phones = r.phones.iter().skip(1).cloned().collect();
    c.validate().map_err(invalid)?;
    Ok(c)
}

fn target(people: &[Person], p: usize) -> Target {
    let c = &people[p].client;
    match people[p].origin {
        Origin::Existing => Target::Client { id: c.id, name: c.name.clone() },
        Origin::Created { row } => Target::Row { index: row, name: c.name.clone() },
    }
}

pub fn plan(input: Inputs<'_>) -> Result<Plan, DecisionError> {
    let total: usize = input.sources.iter().map(|s| s.items.len()).sum();
    if let Some((&row, _)) = input.decisions.range(total..).next() {
        return Err(DecisionError::NoSuchRow(row));
    }
    let region = input.region;
    let mut index = Index::default();
    let mut people: Vec<Person> = Vec::with_capacity(input.clients.len() + total);
    for c in input.clients {
        index.add(people.len(), &c, region);
        people.push(Person { client: c, origin: Origin::Existing, touched: false });
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(total);
    let mut effects = Vec::new();
    let mut counts = Counts::default();
    let mut i = 0;
    for (s, source) in input.sources.iter().enumerate() {
        for item in &source.items {
            let decision = input.decisions.get(&i).copied();
            let (at, record, mut outcome) = match item {
                Parsed::Skipped { at, reason } => (*at, None, Outcome::Skipped { reason: reason.clone() }),
                Parsed::Invalid { at, field, reason } => (*at, None, Outcome::Invalid { field: field.clone(), reason: reason.clone() }),
                Parsed::Record { at, record } => (*at, Some(record), Outcome::New),
            };
            let mut duplicate_of = None;
            if let Some(r) = record {
                let fp = fingerprint(r, region);
                let again = input.known.get(&fp).and_then(|id| index.ids.get(id)).or_else(|| seen.get(&fp)).copied();
                let by_channel = || {
                    r.emails
                        .iter()
                        .find_map(|e| index.emails.get(&email_key(e)).map(|p| (*p, MatchedBy::Email)))
                        .or_else(|| r.phones.iter().find_map(|p| index.phones.get(&phone_id(p, region)).map(|p| (*p, MatchedBy::Phone))))
                };
                let by_name = || index.names.get(&person_key(&r.name, r.organisation.as_deref())).copied();
                let matched: Option<(usize, MatchedBy)> = match (again, decision) {
                    (Some(p), _) => {
                        outcome = Outcome::Unchanged { client: target(&people, p) };
                        None
                    }
                    (None, Some(Decision::Skip)) => {
                        outcome = Outcome::Skipped { reason: "you chose to leave it out".into() };
                        None
                    }
                    (None, Some(Decision::New)) => {
                        duplicate_of = by_channel().map(|(p, _)| p).or_else(by_name).map(|p| target(&people, p));
                        None
                    }
                    (None, d) => match by_channel() {
                        Some(m) => Some(m),
                        None => match by_name() {
                            Some(p) if d == Some(Decision::Merge) || input.accept_proposed => {
                                duplicate_of = Some(target(&people, p));
                                Some((p, MatchedBy::Decision))
                            }
                            Some(p) => {
                                duplicate_of = Some(target(&people, p));
                                outcome = Outcome::Proposed;
                                None
                            }
                            None if d == Some(Decision::Merge) => return Err(DecisionError::NothingToMerge(i)),
                            None => None,
                        },
                    },
                };
                if let Some((p, by)) = matched {
                    let adds = merge_changes(&people[p].client, r, region);
                    if adds.is_empty() {
                        outcome = Outcome::Unchanged { client: target(&people, p) };
                    } else {
                        let mut merged = people[p].client.clone();
                        apply(&mut merged, &adds);
                        match merged.validate() {
                            Err(e) => outcome = Outcome::Invalid { field: e.field().unwrap_or("record").into(), reason: e.to_string() },
                            Ok(()) => {
                                index.add(p, &merged, region);
                                people[p].client = merged;
                                people[p].touched = true;
                                effects.push(Effect { person: p, created: false, changes: adds.clone(), fingerprint: fp.clone() });
                                outcome = Outcome::Merge { into: target(&people, p), by, adds };
                                seen.insert(fp, p);
                            }
                        }
                    }
                } else if outcome == Outcome::New {
                    match new_client(r, input.now) {
                        Err((field, reason)) => outcome = Outcome::Invalid { field, reason },
                        Ok(c) => {
                            let p = people.len();
                            index.add(p, &c, region);
                            people.push(Person { client: c, origin: Origin::Created { row: i }, touched: true });
                            effects.push(Effect { person: p, created: true, changes: Changes::default(), fingerprint: fp.clone() });
                            seen.insert(fp, p);
                        }
                    }
                }
            }
            match outcome {
                Outcome::New => counts.new += 1,
                Outcome::Merge { .. } => counts.merge += 1,
                Outcome::Proposed => counts.proposed += 1,
                Outcome::Unchanged { .. } => counts.unchanged += 1,
                Outcome::Skipped { .. } => counts.skipped += 1,
                Outcome::Invalid { .. } => counts.invalid += 1,
            }
            rows.push(PreviewRow { index: i, source: s, at, record: record.cloned(), outcome, duplicate_of, decision });
            i += 1;
        }
    }
    Ok(Plan { rows, counts, people, effects })
}
