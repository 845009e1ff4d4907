//! The mail use cases: the user's own addresses, importing `.eml` and
//! `.mbox` files into proposals, and reviewing them. Accepting a proposal
//! writes its entries through the journal's own use cases, in the same
//! transaction that marks it accepted: history, undo, search and the signals
//! see mail-made entries as they see typed ones.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::entries::insert_in;
use super::lifecycle::{follow_up_in, reply_in};
use super::records::{live_client, save_client};
use super::{Clock, JournalError, NewEntry};
use crate::domain::calendar::Calendar;
use crate::domain::request::RequestEvent;
use crate::domain::{
    text, Channel, ClientId, ClientPatch, Code, Details, Direction, EntryId, Event, EventRef, Interaction, Refusal, Request, RequestStatus,
};
use crate::imap::ImapError;
use crate::mail::becomes::parents;
use crate::mail::mbox::{Mbox, MboxError};
use crate::mail::message::MAX_READ;
use crate::mail::{self, AddressBook, Becomes, Message, NotAClientDomain, ThreadState};
use crate::oauth::OAuthError;
use crate::store::mail::{self as rows, Proposal, SeenMessage};
use crate::store::{bad_row, clients, entries, history, settings, Store, StoreError};

mod accounts;
mod sign_in;
mod sync;

pub use accounts::{accounts, add_account, check_login, check_new_account, record_failure, remove_account, AddedAccount, NewAccount};
pub use sign_in::{access_for, access_for_sync, finish_sign_in, provider, start_sign_in, start_sign_in_again, Access, Kept};
pub use sync::{sync, sync_with_progress, FolderSync, SyncOptions, SyncProgress, SyncReport};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("{}: {source}", path.display())]
    CantRead { path: PathBuf, source: std::io::Error },
    #[error("{}: not a mail message or an mbox: no header could be read", path.display())]
    NotMail { path: PathBuf },
    #[error("'{0}' is not an e-mail address")]
    BadAddress(String),
    #[error("'{0}' is not a domain name")]
    BadDomain(String),
    #[error("{0} is a free-mail domain: anyone can have an address there; add the client's address instead")]
    FreeMailDomain(String),
    #[error("{domain} is already marked as {client}'s")]
    DomainTaken { domain: String, client: String },
    #[error("there is no mail proposal {0} (`trato mail review` lists them)")]
    NoSuchProposal(i64),
    #[error("mail proposal {0} was already reviewed")]
    AlreadyReviewed(i64),
    #[error("mail proposal {0} awaits review: there is no review to take back")]
    NotReviewed(i64),
    #[error("mail proposal {id} follows up on proposal {first}, not yet reviewed: review that one first")]
    EarlierFirst { id: i64, first: i64 },
    // IMAP accounts and their sync.
    #[error("there is no mail account {0} (`trato mail account list` lists them)")]
    NoSuchAccount(String),
    #[error("there is already a mail account {0}")]
    AccountTaken(String),
    #[error("{field} '{value}' can't be used for a mail account")]
    BadAccount { field: &'static str, value: String },
    #[error("{}{source}", folder.as_deref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Imap { folder: Option<String>, source: ImapError },
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error("the sign-in of mail account {account} has expired or was withdrawn: sign in again")]
    SignInAgain { account: String, detail: Option<String> },
    #[error("mail account {0} signs in with a password, not through its provider's page")]
    PasswordAccount(String),
}

impl From<StoreError> for MailError {
    fn from(e: StoreError) -> Self {
        MailError::Journal(e.into())
    }
}

impl MailError {
    pub fn refusal(&self) -> Refusal {
        match self {
            MailError::Journal(e) => e.refusal(),
            MailError::CantRead { path, source } => Refusal::new(Code::MailCantRead).path(path).detail(source),
            MailError::NotMail { path } => Refusal::new(Code::MailNotMail).path(path),
            MailError::BadAddress(a) => Refusal::new(Code::MailBadAddress).value(a),
            MailError::BadDomain(d) => Refusal::new(Code::MailBadDomain).value(d),
            MailError::FreeMailDomain(d) => Refusal::new(Code::MailFreeMailDomain).value(d),
            MailError::DomainTaken { domain, client } => Refusal::new(Code::MailDomainTaken).value(domain).other(client),
            MailError::NoSuchProposal(id) => Refusal::new(Code::MailNoSuchProposal).value(id.to_string()),
            MailError::AlreadyReviewed(id) => Refusal::new(Code::MailAlreadyReviewed).value(id.to_string()),
            MailError::NotReviewed(id) => Refusal::new(Code::MailNotReviewed).value(id.to_string()),
            MailError::EarlierFirst { id, first } => Refusal::new(Code::MailEarlierFirst).value(id.to_string()).other(first.to_string()),
            MailError::NoSuchAccount(name) => Refusal::new(Code::MailNoSuchAccount).value(name),
            MailError::AccountTaken(name) => Refusal::new(Code::MailAccountTaken).value(name),
            MailError::BadAccount { field, value } => Refusal::new(Code::MailBadAccount).field(*field).value(value),
            MailError::Imap { folder, source } => imap_refusal(folder.as_deref(), source),
            MailError::OAuth(e) => e.refusal(),
            MailError::SignInAgain { account, detail } => {
                let r = Refusal::new(Code::SignInAgain).value(account);
                match detail {
                    Some(d) => r.detail(d),
                    None => r,
                }
            }
            MailError::PasswordAccount(name) => Refusal::new(Code::MailPasswordAccount).value(name),
        }
    }
}

pub type Result<T, E = MailError> = std::result::Result<T, E>;

/// An IMAP failure as a refusal; `folder`: the one being read when it happened.
fn imap_refusal(folder: Option<&str>, e: &ImapError) -> Refusal {
    let r = match e {
        ImapError::PlaintextRefused { host } => Refusal::new(Code::MailPlaintextRefused).value(host),
        ImapError::CantConnect { host, port, detail } => Refusal::new(Code::MailCantConnect).value(format!("{host}:{port}")).detail(detail),
        ImapError::Untrusted { host, detail } => Refusal::new(Code::MailCertificateUntrusted).value(host).detail(detail),
        ImapError::WrongHost { host } => Refusal::new(Code::MailCertificateWrongHost).value(host),
        ImapError::LoginRefused { host, login, detail } => Refusal::new(Code::MailLoginRefused).value(login).other(host).detail(detail),
        ImapError::TokenRefused { host, login, detail } => Refusal::new(Code::MailTokenRefused).value(login).other(host).detail(detail),
        ImapError::TimedOut { host, limit } => Refusal::new(Code::MailTimedOut).value(host).count(limit.as_secs_f64()),
        ImapError::ConnectionLost { host, detail } => Refusal::new(Code::MailConnectionLost).value(host).detail(detail),
        ImapError::Folder { folder, detail } => return Refusal::new(Code::MailFolderCantOpen).value(folder).detail(detail),
        ImapError::Protocol { host, detail } => Refusal::new(Code::MailServerAnswer).value(host).detail(detail),
    };
    match folder {
        Some(f) => r.kind(f),
        None => r,
    }
}

// ---------------------------------------------------------------- my addresses

/// Adds the user's own addresses (mail from them goes out); gives the ones new.
pub fn add_my_addresses(store: &mut Store, addresses: &[String]) -> Result<Vec<String>> {
    let folded: Vec<String> = addresses.iter().map(|a| mail::fold(a)).collect();
    if let Some(bad) = addresses.iter().zip(&folded).find(|(_, f)| !looks_like_address(f)).map(|(a, _)| a) {
        return Err(MailError::BadAddress(bad.clone()));
    }
    store.write(|tx| {
        let mut added = Vec::new();
        for a in folded {
            if rows::add_my_address(tx, &a)? {
                added.push(a);
            }
        }
        Ok(added)
    })
}

/// Removes one of the user's own addresses: mail from it no longer counts as
/// the user's. `false` when it was not among them.
pub fn remove_my_address(store: &mut Store, address: &str) -> Result<bool> {
    let folded = mail::fold(address);
    store.write(|tx| Ok(rows::remove_my_address(tx, &folded)?))
}

pub fn my_addresses(store: &mut Store) -> Result<Vec<String>> {
    store.read(|tx| Ok(rows::my_addresses(tx)?))
}

pub(crate) fn looks_like_address(a: &str) -> bool {
    matches!(a.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !a.chars().any(char::is_whitespace))
        && a.len() <= 254
}

// ---------------------------------------------------------------- client domains

/// A domain marked as a client's own: any address there is that client's.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ClientDomain {
    pub domain: String,
    pub client_id: ClientId,
    pub client: String,
}

/// Marks `domain` as the client's own; gives it as kept (case-folded), and
/// whether it is new. A free-mail domain, or one marked for another client, is refused.
pub fn mark_domain(store: &mut Store, client: ClientId, domain: &str) -> Result<(String, bool)> {
    let d = mail::client_domain(domain).map_err(|why| match why {
        NotAClientDomain::Malformed => MailError::BadDomain(domain.to_string()),
        NotAClientDomain::FreeMail => MailError::FreeMailDomain(mail::fold(domain).trim_start_matches('@').to_string()),
    })?;
    store.write(|tx| {
        live_client(tx, client)?;
        match rows::domain_client(tx, &d)? {
            Some(other) if other != client => {
                let name = clients::get(tx, other)?.map(|c| c.client.name).unwrap_or_else(|| other.to_string());
                Err(MailError::DomainTaken { domain: d, client: name })
            }
            Some(_) => Ok((d, false)),
            None => Ok((d.clone(), rows::add_client_domain(tx, client, &d)?)),
        }
    })
}

/// Unmarks one of the client's domains; `false` when it was not marked as theirs.
pub fn unmark_domain(store: &mut Store, client: ClientId, domain: &str) -> Result<(String, bool)> {
    let d = mail::fold(mail::fold(domain).trim_start_matches('@'));
    store.write(|tx| Ok((d.clone(), rows::remove_client_domain(tx, client, &d)?)))
}

/// Every marked domain with its client, by domain.
pub fn client_domains(store: &mut Store) -> Result<Vec<ClientDomain>> {
    store.read(|tx| {
        let mut out = Vec::new();
        for (client_id, domain) in rows::client_domains(tx)? {
            let client = clients::get(tx, client_id)?.map(|c| c.client.name).unwrap_or_default();
            out.push(ClientDomain { domain, client_id, client });
        }
        Ok(out)
    })
}

// ---------------------------------------------------------------- automatic clients

/// Makes a sync accept the client's mail proposals by itself, as `mail review
/// --accept` would, or leave them for review; `false` when it already was so.
pub fn set_automatic(store: &mut Store, client: ClientId, on: bool) -> Result<bool> {
    store.write(|tx| {
        live_client(tx, client)?;
        Ok(crate::store::mail_accounts::set_auto(tx, client, on)?)
    })
}

// ---------------------------------------------------------------- import

/// What one file gave.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct FileImport {
    pub path: String,
    /// Messages read in it.
    pub messages: usize,
    /// Client messages new to the journal.
    pub new: usize,
    /// Client messages already seen (this file again, another folder).
    pub already_seen: usize,
    /// Messages to or from no client: not kept.
    pub not_client_mail: usize,
    /// Client messages a machine sent: kept as seen, nothing proposed.
    pub machine_made: usize,
    /// Messages that could not be read as mail.
    pub unreadable: usize,
    /// New proposals awaiting review.
    pub proposals: usize,
    /// The size in bytes of a last message the file ended inside, left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cut: Option<u64>,
}

/// How far an import got, told as it goes: at the start of each file, every
/// [`PROGRESS_EVERY`] messages, and at its end.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct MailImportProgress {
    /// The file being read, by its name.
    pub file: String,
    /// Files read before this one, of `files`.
    pub files_done: usize,
    pub files: usize,
    /// Messages read so far in this file.
    pub messages: usize,
    /// Whether this file is read to its end.
    pub finished: bool,
}

/// How often an import tells its progress, in messages.
pub const PROGRESS_EVERY: usize = 100;

/// Imports `.eml` files (one message) and mbox files (told by their first
/// `From ` line), each file in one transaction: a file is imported whole or
/// not at all, and importing it again adds nothing.
pub fn import(store: &mut Store, clock: Clock, paths: &[PathBuf]) -> Result<Vec<FileImport>> {
    import_with_progress(store, clock, paths, &mut |_| {})
}

/// [`import`], telling `progress` how far it got as it goes.
pub fn import_with_progress(
    store: &mut Store,
    clock: Clock,
    paths: &[PathBuf],
    progress: &mut dyn FnMut(&MailImportProgress),
) -> Result<Vec<FileImport>> {
    let mut done = Vec::with_capacity(paths.len());
    for (files_done, path) in paths.iter().enumerate() {
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut tell = |messages: usize, finished: bool| {
            progress(&MailImportProgress { file: file.clone(), files_done, files: paths.len(), messages, finished })
        };
        tell(0, false);
        let report = import_file(store, clock, path, &mut |messages| tell(messages, false))?;
        tell(report.messages, true);
        done.push(report);
    }
    Ok(done)
}

/// `read`: told the count of messages read every [`PROGRESS_EVERY`].
fn import_file(store: &mut Store, clock: Clock, path: &Path, read: &mut dyn FnMut(usize)) -> Result<FileImport> {
    let cant = |source| MailError::CantRead { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(cant)?;
    let mut reader = BufReader::new(file);
    let source = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut report = FileImport { path: path.display().to_string(), ..FileImport::default() };
    let is_mbox = std::io::BufRead::fill_buf(&mut reader).map_err(cant)?.starts_with(b"From ");
    store.write(|tx| {
        let book = address_book(tx)?;
        if is_mbox {
            for piece in Mbox::new(reader) {
                let piece = piece.map_err(|e| match e {
                    MboxError::Io(source) => cant(source),
                    MboxError::NotAnMbox => MailError::NotMail { path: path.to_path_buf() },
                })?;
                if piece.cut {
                    // Half a message would be read as a whole one, its end lost: left out, and said.
                    report.cut = Some(piece.size);
                    continue;
                }
                take(tx, clock, &book, &source, &piece.bytes, &mut report)?;
                if report.messages.is_multiple_of(PROGRESS_EVERY) {
                    read(report.messages);
                }
            }
        } else {
            let mut raw = Vec::new();
            reader.take(MAX_READ as u64).read_to_end(&mut raw).map_err(cant)?;
            take(tx, clock, &book, &source, &raw, &mut report)?;
            if report.unreadable > 0 {
                // A file that is one message and no mail at all: most likely the wrong file.
                return Err(MailError::NotMail { path: path.to_path_buf() });
            }
        }
        Ok(report)
    })
}

pub(crate) fn address_book(tx: &Connection) -> Result<AddressBook> {
    let mine = rows::my_addresses(tx)?;
    let clients = clients::list(tx, true)?;
    let addresses: Vec<(ClientId, &str)> =
        clients.iter().flat_map(|c| c.email.iter().chain(&c.other_emails).map(move |a| (c.id, a.as_str()))).collect();
    let domains = rows::client_domains(tx)?;
    Ok(AddressBook::new(mine.iter().map(String::as_str), addresses, domains.iter().map(|(c, d)| (*c, d.as_str()))))
}

/// One message: seen once, kept only when it is a client's, proposed as what it becomes.
fn take(tx: &Connection, clock: Clock, book: &AddressBook, source: &str, raw: &[u8], report: &mut FileImport) -> Result<()> {
    report.messages += 1;
    match take_one(tx, clock, book, source, raw)? {
        Taken::Unreadable => report.unreadable += 1,
        Taken::AlreadySeen => report.already_seen += 1,
        Taken::NotClientMail => report.not_client_mail += 1,
        Taken::Proposed { .. } => {
            report.new += 1;
            report.proposals += 1;
        }
        Taken::MachineMade => {
            report.new += 1;
            report.machine_made += 1;
        }
    }
    Ok(())
}

/// What became of one message read from a file or a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Taken {
    Unreadable,
    /// Its Message-ID was seen before (another folder, a file, an earlier sync).
    AlreadySeen,
    NotClientMail,
    /// A client's, new, proposed as what it becomes.
    Proposed {
        id: i64,
        client: ClientId,
    },
    /// A client's, new, sent by a machine: kept as seen, nothing proposed.
    MachineMade,
}

/// The one path every message takes into the journal, whatever its source.
pub(crate) fn take_one(tx: &Connection, clock: Clock, book: &AddressBook, source: &str, raw: &[u8]) -> Result<Taken> {
    // A message is read past its headers only when it is a client's (issue 20):
    // the header block alone says whose it is and whether it was seen (a
    // derived Message-ID is made from headers too). Headers that can't be read
    // alone are left to the whole message's reading below.
    if let Ok(h) = mail::read(header_block(raw), clock.now) {
        if rows::is_seen(tx, &h.id)? {
            return Ok(Taken::AlreadySeen);
        }
        if book.sides(&h).is_none() {
            return Ok(Taken::NotClientMail);
        }
    }
    let Ok(m) = mail::read(raw, clock.now) else {
        return Ok(Taken::Unreadable);
    };
    if rows::is_seen(tx, &m.id)? {
        return Ok(Taken::AlreadySeen);
    }
    let Some(sides) = book.sides(&m) else {
        return Ok(Taken::NotClientMail);
    };
    let thread = rows::thread_of(tx, parents(&m))?.unwrap_or_else(|| m.id.clone());
    let state = ThreadState { open_request: open_request(tx, &thread, m.date)?.is_some() };
    let json = serde_json::to_string(&m).map_err(|e| bad_row("a mail message", e))?;
    rows::add_message(
        tx,
        &SeenMessage {
            message_id: m.id.clone(),
            thread_id: thread,
            client_id: sides.client,
            direction: sides.direction,
            at: m.date,
            seen_at: clock.now,
            source: source.to_string(),
            message: json,
        },
    )?;
    match mail::becomes(&m, sides.direction, state) {
        Some(kind) => {
            let id = rows::add_proposal(tx, &m.id, kind.as_str())?;
            Ok(Taken::Proposed { id, client: sides.client })
        }
        None => Ok(Taken::MachineMade),
    }
}

/// A message's header block: up to its first empty line, in LF or CRLF (the
/// first [`MAX_READ`] bytes, as a whole message is read, when it has none).
fn header_block(raw: &[u8]) -> &[u8] {
    let head = &raw[..raw.len().min(MAX_READ)];
    let lf = head.windows(2).position(|w| w == b"\n\n").map(|at| at + 2);
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n").map(|at| at + 4);
    match lf.into_iter().chain(crlf).min() {
        Some(at) => &raw[..at],
        None => head,
    }
}

/// The thread's request still open as of `at`: the latest one a message of
/// the thread made or acted on, or a request proposed and not yet reviewed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ThreadRequest {
    Entry(EntryId),
    Proposed(i64),
}

fn open_request(tx: &Connection, thread: &str, at: DateTime<Utc>) -> Result<Option<ThreadRequest>> {
    for p in rows::earlier_in_thread(tx, thread, at)? {
        match (p.status.as_str(), p.request_id) {
            ("pending", _) if p.kind == Becomes::Request.as_str() => return Ok(Some(ThreadRequest::Proposed(p.id))),
            ("accepted", Some(request)) => {
                let open = entries::get(tx, request)?.is_some_and(|s| {
                    s.deleted_at.is_none() && matches!(&s.entry.details, Details::Request(r) if r.status() == RequestStatus::Open)
                });
                if open {
                    return Ok(Some(ThreadRequest::Entry(request)));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------- review

/// A proposal as the review list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ProposalView {
    pub id: i64,
    pub kind: Becomes,
    pub client_id: ClientId,
    pub client: String,
    pub direction: Direction,
    pub at: DateTime<Utc>,
    pub from: Vec<String>,
    pub subject: String,
    pub excerpt: String,
    /// For a new request: when it must be answered, in business time from the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub answer_by: Option<DateTime<Utc>>,
    /// The request a follow-up or reply is on, when the user linked one or the thread has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request: Option<EntryId>,
}

fn message_of(p: &Proposal) -> Result<Message> {
    serde_json::from_str(&p.message.message).map_err(|e| bad_row(format!("mail proposal {}", p.id), e).into())
}

/// The proposals awaiting review, oldest message first.
pub fn review_list(store: &mut Store, clock: Clock) -> Result<Vec<ProposalView>> {
    store.read(|tx| {
        let settings = settings::load(tx)?;
        let calendar = Calendar::new(&settings, clock.tz);
        let mut out = Vec::new();
        for p in rows::pending(tx)? {
            let m = message_of(&p)?;
            let client = clients::get(tx, p.message.client_id)?;
            let kind = Becomes::parse(&p.kind).unwrap_or(Becomes::Interaction);
            let answer_by = match (&client, kind) {
                (Some(c), Becomes::Request) => {
                    Some(calendar.add_business_hours(m.date, crate::signals::answer_target_hours(&c.client, &settings)))
                }
                _ => None,
            };
            let request = match p.request_id {
                Some(r) => Some(r),
                None => match open_request(tx, &p.message.thread_id, m.date)? {
                    Some(ThreadRequest::Entry(r)) => Some(r),
                    _ => None,
                },
            };
            out.push(ProposalView {
                id: p.id,
                kind,
                client_id: p.message.client_id,
                client: client.map(|c| c.client.name).unwrap_or_default(),
                direction: p.message.direction,
                at: m.date,
                from: m.from,
                subject: m.subject,
                excerpt: m.excerpt,
                answer_by,
                request,
            });
        }
        Ok(out)
    })
}

/// What the user makes of one proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// As proposed, or as another kind, or on a request the user names.
    Accept {
        kind: Option<Becomes>,
        request: Option<EntryId>,
    },
    Ignore,
}

/// What accepting wrote.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Reviewed {
    pub id: i64,
    #[ts(as = "String")]
    pub status: &'static str,
    pub kind: Becomes,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub interaction: Option<EntryId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request: Option<EntryId>,
}

/// Every pending proposal's id, oldest message first: the order in which a
/// thread's first message makes the request its later ones act on.
pub fn pending_ids(store: &mut Store) -> Result<Vec<i64>> {
    store.read(|tx| Ok(rows::pending(tx)?.into_iter().map(|p| p.id).collect()))
}

/// Reviews proposals, each in its own transaction with what it writes.
pub fn review(store: &mut Store, clock: Clock, decisions: &[(i64, Decision)]) -> Result<Vec<Reviewed>> {
    let mut done = Vec::with_capacity(decisions.len());
    for &(id, decision) in decisions {
        done.push(store.write(|tx| review_one(tx, clock, id, decision))?);
    }
    Ok(done)
}

pub(crate) fn review_one(tx: &Connection, clock: Clock, id: i64, decision: Decision) -> Result<Reviewed> {
    let p = rows::proposal(tx, id)?.ok_or(MailError::NoSuchProposal(id))?;
    if p.status != "pending" {
        return Err(MailError::AlreadyReviewed(id));
    }
    let proposed = Becomes::parse(&p.kind).unwrap_or(Becomes::Interaction);
    let (kind, linked) = match decision {
        Decision::Ignore => {
            rows::review(tx, id, proposed.as_str(), "ignored", None, None, clock.now)?;
            return Ok(Reviewed { id, status: "ignored", kind: proposed, interaction: None, request: None });
        }
        Decision::Accept { kind, request } => (kind.unwrap_or(proposed), request),
    };
    let m = message_of(&p)?;
    let client = p.message.client_id;
    let mut kind = kind;
    let mut request = None;
    if matches!(kind, Becomes::FollowUp | Becomes::Reply) {
        request = match linked {
            Some(r) => Some(r),
            None => match open_request(tx, &p.message.thread_id, m.date)? {
                Some(ThreadRequest::Entry(r)) => Some(r),
                Some(ThreadRequest::Proposed(first)) if first != id => return Err(MailError::EarlierFirst { id, first }),
                _ => None,
            },
        };
        if request.is_none() {
            kind = kind.without_request();
        }
    }
    let new = |summary: String| NewEntry { client, at: Some(m.date), channel: Channel::Email, summary };
    let headline = headline(&m);
    let mut interaction = None;
    if kind != Becomes::Availability {
        let said = if m.excerpt.is_empty() { headline.clone() } else { format!("{headline}: {}", m.excerpt) };
        let details = Details::Interaction(Interaction { direction: p.message.direction });
        interaction = Some(insert_in(tx, clock, new(bounded(&said)), details)?);
    }
    let note = (!m.excerpt.is_empty()).then(|| bounded(&m.excerpt));
    match (kind, request) {
        (Becomes::Request, _) => {
            request = Some(insert_in(tx, clock, new(bounded(&headline)), Details::Request(Request::default()))?);
        }
        (Becomes::FollowUp, Some(r)) => drop(follow_up_in(tx, clock, r, Some(m.date), Some(Channel::Email), note)?),
        (Becomes::Reply, Some(r)) => drop(reply_in(tx, clock, r, Some(m.date), note)?),
        (Becomes::Availability, _) => availability(tx, clock, client, &m)?,
        _ => {}
    }
    rows::review(tx, id, kind.as_str(), "accepted", request, interaction, clock.now)?;
    Ok(Reviewed { id, status: "accepted", kind, interaction, request })
}

/// Takes a review back: an ignored proposal awaits review again; so does an
/// accepted one, once what accepting wrote is undone: its interaction, and
/// the request it made, go to the trash (from where they can be brought
/// back), the follow-up or reply it recorded on a request is taken back, and
/// an absence reply's line leaves the client's availability. One transaction.
/// Refused, with nothing changed, when what it wrote changed since: what
/// would be taken back is then not what the user sees.
pub fn take_back_review(store: &mut Store, clock: Clock, id: i64) -> Result<()> {
    store.write(|tx| {
        let p = rows::proposal(tx, id)?.ok_or(MailError::NoSuchProposal(id))?;
        let m = message_of(&p)?;
        match p.status.as_str() {
            "accepted" => undo_accepted(tx, clock, &p, &m)?,
            "ignored" => {}
            _ => return Err(MailError::NotReviewed(id)),
        }
        rows::reopen(tx, id)?;
        Ok(())
    })
}

fn undo_accepted(tx: &Connection, clock: Clock, p: &Proposal, m: &Message) -> Result<()> {
    let kind = Becomes::parse(&p.kind).unwrap_or(Becomes::Interaction);
    if let Some(interaction) = p.interaction_id {
        trash_made(tx, clock, interaction)?;
    }
    match (kind, p.request_id) {
        (Becomes::Request, Some(made)) => trash_made(tx, clock, made)?,
        (Becomes::FollowUp | Becomes::Reply, Some(request)) => {
            let entry = entries::get(tx, request)?.filter(|e| e.deleted_at.is_none()).ok_or_else(|| changed_since(m))?.entry;
            let recorded = |e: &Event| match e {
                Event::Request(RequestEvent::FollowUp { at, .. }) => kind == Becomes::FollowUp && *at == m.date,
                Event::Request(RequestEvent::Reply { at, .. }) => kind == Becomes::Reply && *at == m.date,
                _ => false,
            };
            let index = entry.events().iter().rposition(recorded).ok_or_else(|| changed_since(m))?;
            super::corrections::take_back(tx, clock, request, EventRef { index, at: m.date }, "undone")?;
        }
        (Becomes::Availability, _) => {
            let mut c = live_client(tx, p.message.client_id)?;
            let line = availability_line(clock, m);
            let left = match c.availability.as_deref() {
                Some(all) if all == line => String::new(),
                Some(all) => all.strip_suffix(&format!("\n{line}")).ok_or_else(|| changed_since(m))?.to_string(),
                None => return Err(changed_since(m)),
            };
            c.apply(ClientPatch { availability: Some(left), ..ClientPatch::default() }).map_err(JournalError::from)?;
            save_client(tx, clock, &c, None, "edited")?;
        }
        _ => {}
    }
    Ok(())
}

/// An entry that accepting made goes to the trash, unless it changed since.
fn trash_made(tx: &Connection, clock: Clock, id: EntryId) -> Result<()> {
    let Some(stored) = entries::get(tx, id)?.filter(|e| e.deleted_at.is_none()) else { return Ok(()) };
    // Made and never changed: its history holds only its making.
    if history::version(tx, &id.to_string())? > 1 {
        return Err(JournalError::ChangedSince(super::records::describe(&stored.entry)).into());
    }
    super::records::save_entry(tx, clock, &stored.entry, Some(clock.now), "deleted")?;
    Ok(())
}

fn changed_since(m: &Message) -> MailError {
    JournalError::ChangedSince(format!("'{}'", headline(m))).into()
}

fn headline(m: &Message) -> String {
    if m.subject.is_empty() {
        "(no subject)".to_string()
    } else {
        m.subject.clone()
    }
}

fn bounded(s: &str) -> String {
    s.chars().take(text::MAX_TEXT).collect()
}

/// An absence reply, added to the client's availability note with its date.
fn availability(tx: &Connection, clock: Clock, client: ClientId, m: &Message) -> Result<()> {
    let mut c = live_client(tx, client)?;
    let line = availability_line(clock, m);
    let availability = match c.availability.as_deref() {
        Some(before) => format!("{before}\n{line}"),
        None => line,
    };
    c.apply(ClientPatch { availability: Some(bounded(&availability)), ..ClientPatch::default() }).map_err(JournalError::from)?;
    save_client(tx, clock, &c, None, "edited")?;
    Ok(())
}

fn availability_line(clock: Clock, m: &Message) -> String {
    let day = crate::domain::time::local_date(m.date, clock.tz);
    let said = if m.excerpt.is_empty() { headline(m) } else { m.excerpt.clone() };
    format!("{day} (auto-reply): {said}")
}

// ---------------------------------------------------------------- for the app's screens

/// Accepts every pending proposal as proposed, oldest message first (a
/// thread's request before the follow-ups that act on it).
pub fn accept_all(store: &mut Store, clock: Clock) -> Result<Vec<Reviewed>> {
    let ids = pending_ids(store)?;
    let decisions: Vec<(i64, Decision)> = ids.into_iter().map(|id| (id, Decision::Accept { kind: None, request: None })).collect();
    review(store, clock, &decisions)
}

/// How many proposals await review: the count beside the review list's name.
pub fn pending_count(store: &mut Store) -> Result<u64> {
    store.read(|tx| Ok(rows::counts(tx)?.1.max(0).unsigned_abs()))
}

/// An open request a proposal can be linked to.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct OpenRequest {
    pub id: EntryId,
    pub summary: String,
    pub at: DateTime<Utc>,
}

/// The client's open requests, newest first: what a follow-up or a reply
/// from mail can be linked to.
pub fn open_requests(store: &mut Store, client: ClientId) -> Result<Vec<OpenRequest>> {
    store.read(|tx| {
        live_client(tx, client)?;
        Ok(entries::timeline(tx, client)?
            .into_iter()
            .filter(|e| matches!(&e.details, Details::Request(r) if r.status() == RequestStatus::Open))
            .map(|e| OpenRequest { id: e.id, summary: e.summary, at: e.occurred_at })
            .collect())
    })
}

/// Where a timeline entry came from, when it came from mail.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct MailOrigin {
    /// The Message-ID, without angle brackets; `None` when the message had
    /// none (Trato derived one from its headers, which no mail program knows).
    pub message_id: Option<String>,
    pub from: Vec<String>,
    pub subject: String,
    pub excerpt: String,
}

/// The mail origin of each of a client's entries that came from mail, by entry.
pub(crate) fn origins(tx: &Connection, client: ClientId) -> Result<std::collections::HashMap<EntryId, MailOrigin>, StoreError> {
    let mut out = std::collections::HashMap::new();
    for (entry, seen) in rows::origins(tx, client)? {
        let m: Message = serde_json::from_str(&seen.message).map_err(|e| bad_row(format!("mail message {}", seen.message_id), e))?;
        out.insert(entry, MailOrigin { message_id: (!m.id_derived).then_some(m.id), from: m.from, subject: m.subject, excerpt: m.excerpt });
    }
    Ok(out)
}

/// The Message-ID of the mail an entry came from, for the user's mail program
/// to open; `None` when it came from no mail, or from one without a
/// Message-ID of its own (Trato derived one, which no mail program knows).
pub fn message_id_of(store: &mut Store, entry: EntryId) -> Result<Option<String>> {
    store.read(|tx| {
        let Some(seen) = rows::origin_of(tx, entry)? else { return Ok(None) };
        let m: Message = serde_json::from_str(&seen.message).map_err(|e| bad_row(format!("mail message {}", seen.message_id), e))?;
        Ok((!m.id_derived).then_some(m.id))
    })
}

#[cfg(test)]
mod tests {
    use super::header_block;

    #[test]
    fn the_header_block_ends_at_the_first_empty_line_in_either_line_ending() {
        assert_eq!(header_block(b"From: a@x.example\nTo: b@y.example\n\nbody\n\nmore"), b"From: a@x.example\nTo: b@y.example\n\n");
        assert_eq!(header_block(b"From: a@x.example\r\n\r\nbody\n\n"), b"From: a@x.example\r\n\r\n");
        assert_eq!(header_block(b"From: a@x.example\r\nTo: b@y.example"), b"From: a@x.example\r\nTo: b@y.example");
    }
}
