//! Syncing an IMAP account: each folder opened read-only, the UIDs not yet
//! read found (those above the folder's cursor, and a re-list of the recent
//! ones, which catches any a sync skipped), their headers fetched, and only
//! the messages to or from a client fetched further, at most
//! [`MAX_READ`] bytes each. Client messages of every folder then go through
//! the one path file imports take ([`take_one`]) in date order (a reply in
//! Sent after the message it answers), in chunks: each chunk's proposals, its
//! UIDs and the folders' cursors are committed in one transaction. A sync
//! that stops (killed, the connection lost) keeps what it committed and
//! leaves nothing half-written; the next one starts where it stopped.
//! The caller may listen to how far it got ([`SyncProgress`]): every folder
//! is searched first, so the count of messages to look at is known before
//! the first header is read.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{address_book, take_one, MailError, Result, Taken};
use crate::imap::{self, Credential, ImapError, Limits, Server, Session, Trust};
use crate::journal::Clock;
use crate::mail::{self, message::MAX_READ};
use crate::store::mail::{self as rows};
use crate::store::mail_accounts::{self as accounts_rows, Cursor};
use crate::store::Store;

/// How far a sync looks.
#[derive(Clone, Copy, Debug)]
pub struct SyncOptions {
    pub limits: Limits,
    /// A folder's first sync reads the messages the server received in these
    /// last days: a mailbox's whole history is not the journal's business, and
    /// years of mail would make a first sync take hours.
    pub first_days: i64,
    /// Every sync also re-lists the UIDs received in these last days, and
    /// reads any it has not read: a message a server showed late, or that an
    /// earlier sync skipped, is caught.
    pub relist_days: i64,
    /// Client messages committed per transaction.
    pub chunk: usize,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions { limits: Limits::default(), first_days: 90, relist_days: 2, chunk: 50 }
    }
}

/// What a sync did in one folder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct FolderSync {
    pub folder: String,
    /// Client messages new to the journal.
    pub new: usize,
    /// Client messages already in the journal (another folder, a file, an earlier sync).
    pub already_seen: usize,
    /// New proposals awaiting review.
    pub proposals: usize,
    /// Proposals accepted by the sync itself: the client's mail is automatic.
    pub accepted: usize,
    /// Client messages a machine sent: kept as seen, nothing proposed.
    pub machine_made: usize,
    /// Messages to or from no client: only their UID is kept.
    pub not_client_mail: usize,
    pub unreadable: usize,
    /// The folder's UIDVALIDITY changed: its UIDs were forgotten and it was read again.
    pub rescanned: bool,
    /// `ok`, or the code of what stopped this folder (the others went on).
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

/// What a sync did.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SyncReport {
    pub account: String,
    pub folders: Vec<FolderSync>,
}

/// How far a sync got, told as it goes (the first time before any header is
/// read, the last time with `done == total`).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SyncProgress {
    pub account: String,
    /// The folder being read.
    pub folder: String,
    /// Messages looked at so far, of `total`: those new to the journal in every folder this sync reads.
    pub done: usize,
    pub total: usize,
}

/// Who listens to a sync's progress, and the count so far.
struct Progress<'a> {
    account: &'a str,
    done: usize,
    total: usize,
    tell: &'a mut (dyn FnMut(&SyncProgress) + Send),
}

impl Progress<'_> {
    fn advance(&mut self, folder: &str, by: usize) {
        self.done = (self.done + by).min(self.total);
        (self.tell)(&SyncProgress { account: self.account.to_string(), folder: folder.to_string(), done: self.done, total: self.total });
    }
}

/// Headers read per FETCH, with progress told after each.
const HEADER_BATCH: usize = 100;

/// A folder searched: its UIDs not yet read, before any header is.
struct Found {
    name: String,
    uid_validity: u32,
    /// The cursor as found (0 on a first sync or after a UIDVALIDITY change).
    before: u32,
    highest: u32,
    rescanned: bool,
    unseen: Vec<u32>,
}

/// A folder being synced: what was found, and what is still to commit.
struct Folder {
    name: String,
    uid_validity: u32,
    /// The cursor as found (0 on a first sync or after a UIDVALIDITY change).
    before: u32,
    /// The highest UID the searches found.
    highest: u32,
    /// UIDs read and decided without their body (not client mail, seen, unreadable).
    decided: Vec<u32>,
    /// UIDs still to commit: client messages, and UIDs the server did not
    /// answer for (not proof that they are gone: a later sync asks again).
    pending: BTreeSet<u32>,
    report: FolderSync,
}

impl Folder {
    /// The cursor once everything but `pending` is committed: every UID up
    /// to it is committed, so the next sync asks only above it (and re-lists
    /// the recent ones).
    fn cursor(&self) -> Cursor {
        let last = match self.pending.first() {
            Some(first) => first.saturating_sub(1).max(self.before),
            None => self.highest.max(self.before),
        };
        Cursor { uid_validity: self.uid_validity, last_uid: last }
    }
}

/// A client message to fetch: where it is, and its date for the order.
struct Wanted {
    folder: usize,
    uid: u32,
    at: chrono::DateTime<chrono::Utc>,
}

/// Syncs an account: see the module. Its last sync time and outcome are
/// recorded on the account whatever happens.
pub async fn sync(
    store: &mut Store,
    clock: Clock,
    name: &str,
    credential: Credential<'_>,
    trust: &Trust,
    options: SyncOptions,
) -> Result<SyncReport> {
    sync_with_progress(store, clock, name, credential, trust, options, &mut |_| {}).await
}

/// [`sync`], telling `progress` how far it got as it goes.
pub async fn sync_with_progress(
    store: &mut Store,
    clock: Clock,
    name: &str,
    credential: Credential<'_>,
    trust: &Trust,
    options: SyncOptions,
    progress: &mut (dyn FnMut(&SyncProgress) + Send),
) -> Result<SyncReport> {
    let account = store.read(|tx| Ok::<_, MailError>(accounts_rows::account(tx, name)?))?;
    let account = account.ok_or_else(|| MailError::NoSuchAccount(name.to_string()))?;
    let mut progress = Progress { account: &account.name, done: 0, total: 0, tell: progress };
    let done = run(store, clock, &account, credential, trust, options, &mut progress).await;
    let outcome = match &done {
        Ok(report) => report.folders.iter().map(|f| f.outcome.as_str()).find(|o| *o != "ok").unwrap_or("ok").to_string(),
        Err(e) => e.refusal().code.as_str().to_string(),
    };
    store.write(|tx| Ok::<_, MailError>(accounts_rows::record_outcome(tx, name, clock.now, &outcome)?))?;
    done
}

async fn run(
    store: &mut Store,
    clock: Clock,
    account: &crate::domain::MailAccount,
    credential: Credential<'_>,
    trust: &Trust,
    options: SyncOptions,
    progress: &mut Progress<'_>,
) -> Result<SyncReport> {
    let at = |folder: &str| {
        let folder = folder.to_string();
        move |source: ImapError| MailError::Imap { folder: Some(folder), source }
    };
    let server = Server { host: &account.host, port: account.port, security: account.security };
    let mut session = imap::connect(server, trust, &account.login, credential, options.limits).await.map_err(|source| match source {
        // A token the server does not take is mended only by signing in again.
        ImapError::TokenRefused { detail, .. } => MailError::SignInAgain { account: account.name.clone(), detail: Some(detail) },
        source => MailError::Imap { folder: None, source },
    })?;
    let names = if account.folders.is_empty() {
        let listed = session.folders().await.map_err(|source| MailError::Imap { folder: None, source })?;
        super::accounts::folders_to_read(&[], &listed).unwrap_or_else(|_| vec!["INBOX".to_string()])
    } else {
        account.folders.clone()
    };

    // Which UIDs are new in each folder: all searched first, so that the count to do is known.
    let mut open: Option<String> = None;
    let mut failed: Vec<FolderSync> = Vec::new();
    let mut searched: Vec<Found> = Vec::new();
    for name in &names {
        match find(store, clock, &mut session, &account.name, name, options).await {
            Ok(found) => {
                open = Some(name.clone());
                searched.push(found);
            }
            Err(e) if is_folder(&e) => {
                open = None;
                failed.push(folder_failed(name, &e));
            }
            Err(e) => return Err(e),
        }
    }
    progress.total = searched.iter().map(|f| f.unseen.len()).sum();
    progress.advance(searched.first().map_or("INBOX", |f| f.name.as_str()), 0);

    // Their headers: which are client mail.
    let mut folders: Vec<Folder> = Vec::new();
    let mut wanted: Vec<Wanted> = Vec::new();
    for found in searched {
        let (name, count) = (found.name.clone(), found.unseen.len());
        match read_headers(store, clock, &mut session, &mut open, found, progress).await {
            Ok((folder, client_mail)) => {
                let index = folders.len();
                wanted.extend(client_mail.into_iter().map(|(uid, at)| Wanted { folder: index, uid, at }));
                folders.push(folder);
            }
            Err(e) if is_folder(&e) => {
                open = None;
                failed.push(folder_failed(&name, &e));
                progress.advance(&name, count);
            }
            Err(e) => return Err(e),
        }
    }
    // What needed no body, and the cursors as far as they may go already.
    store.write(|tx| {
        for f in &folders {
            if f.report.rescanned {
                accounts_rows::forget_folder(tx, &account.name, &f.name)?;
            }
            accounts_rows::set_cursor(tx, &account.name, &f.name, f.cursor())?;
            accounts_rows::add_uids(tx, &account.name, &f.name, &f.decided)?;
        }
        Ok::<_, MailError>(())
    })?;

    // Client mail, oldest first across folders, a chunk per transaction.
    wanted.sort_by_key(|w| (w.at, w.folder, w.uid));
    for chunk in wanted.chunks(options.chunk.max(1)) {
        let mut bodies: HashMap<(usize, u32), Vec<u8>> = HashMap::new();
        let mut by_folder: Vec<usize> = chunk.iter().map(|w| w.folder).collect();
        by_folder.sort_unstable();
        by_folder.dedup();
        for index in by_folder {
            let f = &folders[index];
            reopen(&mut session, &mut open, &f.name, f.uid_validity).await?;
            let uids: Vec<u32> = chunk.iter().filter(|w| w.folder == index).map(|w| w.uid).collect();
            for (uid, raw) in session.starts(&uids, MAX_READ).await.map_err(at(&f.name))? {
                bodies.insert((index, uid), raw);
            }
        }
        store.write(|tx| {
            let book = address_book(tx)?;
            let automatic = accounts_rows::auto_clients(tx)?;
            for w in chunk {
                // Gone between the header and the body: left pending, asked again next time.
                let Some(raw) = bodies.get(&(w.folder, w.uid)) else { continue };
                let f = &mut folders[w.folder];
                let source = format!("imap {}/{}", account.name, f.name);
                let r = &mut f.report;
                match take_one(tx, clock, &book, &source, raw)? {
                    Taken::Unreadable => r.unreadable += 1,
                    Taken::AlreadySeen => r.already_seen += 1,
                    Taken::NotClientMail => r.not_client_mail += 1,
                    Taken::Proposed { id, client } if automatic.contains(&client) => {
                        r.new += 1;
                        if accept(tx, clock, id)? {
                            r.accepted += 1;
                        } else {
                            r.proposals += 1;
                        }
                    }
                    Taken::Proposed { .. } => {
                        r.new += 1;
                        r.proposals += 1;
                    }
                    Taken::MachineMade => {
                        r.new += 1;
                        r.machine_made += 1;
                    }
                }
                f.pending.remove(&w.uid);
                accounts_rows::add_uids(tx, &account.name, &f.name, &[w.uid])?;
            }
            for f in &folders {
                accounts_rows::set_cursor(tx, &account.name, &f.name, f.cursor())?;
            }
            Ok::<_, MailError>(())
        })?;
        let last = chunk.last().map_or("INBOX", |w| folders[w.folder].name.as_str());
        progress.advance(last, chunk.len());
    }
    session.logout().await;

    let mut reports: Vec<FolderSync> = folders.into_iter().map(|f| FolderSync { outcome: "ok".into(), ..f.report }).chain(failed).collect();
    // As the user listed them (or INBOX, then Sent).
    reports.sort_by_key(|r| names.iter().position(|n| *n == r.folder));
    Ok(SyncReport { account: account.name.clone(), folders: reports })
}

/// Accepts a proposal of an automatic client as `mail review --accept` does,
/// inside the chunk's transaction. One that can't be accepted by itself (a
/// follow-up whose thread's first message still awaits review) is left for
/// review, with nothing of the attempt kept.
fn accept(tx: &rusqlite::Connection, clock: Clock, id: i64) -> Result<bool> {
    tx.execute_batch("SAVEPOINT automatic").map_err(crate::store::StoreError::from)?;
    match super::review_one(tx, clock, id, super::Decision::Accept { kind: None, request: None }) {
        Ok(_) => {
            tx.execute_batch("RELEASE automatic").map_err(crate::store::StoreError::from)?;
            Ok(true)
        }
        Err(MailError::Journal(e)) if !matches!(e, crate::journal::JournalError::Store(_)) => undo(tx),
        Err(MailError::EarlierFirst { .. } | MailError::AlreadyReviewed(_)) => undo(tx),
        Err(e) => Err(e),
    }
}

fn undo(tx: &rusqlite::Connection) -> Result<bool> {
    tx.execute_batch("ROLLBACK TO automatic; RELEASE automatic").map_err(crate::store::StoreError::from)?;
    Ok(false)
}

/// The day `days` before now, as IMAP's SEARCH SINCE takes it.
fn days_before(clock: Clock, days: i64) -> NaiveDate {
    (clock.now - Duration::days(days)).date_naive()
}

fn is_folder(e: &MailError) -> bool {
    matches!(e, MailError::Imap { source, .. } if source.is_folder())
}

/// A folder that could not be read, as its report says it (the others go on).
fn folder_failed(name: &str, e: &MailError) -> FolderSync {
    let refusal = e.refusal();
    FolderSync { folder: name.to_string(), outcome: refusal.code.as_str().to_string(), detail: refusal.detail, ..FolderSync::default() }
}

/// Opens `name` again unless it is the folder open; refused when it was renumbered meanwhile.
async fn reopen(session: &mut Session, open: &mut Option<String>, name: &str, uid_validity: u32) -> Result<()> {
    let at = |source| MailError::Imap { folder: Some(name.to_string()), source };
    if open.as_deref() == Some(name) {
        return Ok(());
    }
    *open = None;
    let opened = session.examine(name).await.map_err(at)?;
    if opened.uid_validity != uid_validity {
        // Renumbered while we read it: nothing fetched now could be trusted to its UID.
        let detail = "its UIDVALIDITY changed during the sync; the next sync reads it again".to_string();
        return Err(at(ImapError::Folder { folder: name.to_string(), detail }));
    }
    *open = Some(name.to_string());
    Ok(())
}

/// Opens a folder and finds its UIDs not yet read: those above its cursor
/// and the recent ones the journal lacks (on a first sync, those of the
/// last [`SyncOptions::first_days`]).
async fn find(store: &mut Store, clock: Clock, session: &mut Session, account: &str, name: &str, options: SyncOptions) -> Result<Found> {
    let at = |source| MailError::Imap { folder: Some(name.to_string()), source };
    let opened = session.examine(name).await.map_err(at)?;
    let stored = store.read(|tx| Ok::<_, MailError>(accounts_rows::cursor(tx, account, name)?))?;
    let rescanned = stored.is_some_and(|c| c.uid_validity != opened.uid_validity);
    let cursor = stored.filter(|c| c.uid_validity == opened.uid_validity);
    let mut found: BTreeSet<u32> = BTreeSet::new();
    match cursor {
        Some(c) => {
            found.extend(session.uids_from(c.last_uid.saturating_add(1)).await.map_err(at)?);
            found.extend(session.uids_since(days_before(clock, options.relist_days)).await.map_err(at)?);
        }
        None => found.extend(session.uids_since(days_before(clock, options.first_days)).await.map_err(at)?),
    }
    let candidates: Vec<u32> = found.iter().copied().collect();
    let seen = if cursor.is_some() {
        store.read(|tx| Ok::<_, MailError>(accounts_rows::seen_uids(tx, account, name, &candidates)?))?
    } else {
        Default::default()
    };
    Ok(Found {
        name: name.to_string(),
        uid_validity: opened.uid_validity,
        before: cursor.map_or(0, |c| c.last_uid),
        highest: found.last().copied().unwrap_or(0),
        rescanned,
        unseen: candidates.into_iter().filter(|u| !seen.contains(u)).collect(),
    })
}

/// Reads the headers of a folder's UIDs not yet read, a batch at a time, and
/// sorts them into decided (no body needed) and client mail to fetch.
async fn read_headers(
    store: &mut Store,
    clock: Clock,
    session: &mut Session,
    open: &mut Option<String>,
    found: Found,
    progress: &mut Progress<'_>,
) -> Result<(Folder, Vec<(u32, chrono::DateTime<chrono::Utc>)>)> {
    let name = found.name.as_str();
    let at = |source| MailError::Imap { folder: Some(name.to_string()), source };
    let mut folder = Folder {
        name: name.to_string(),
        uid_validity: found.uid_validity,
        before: found.before,
        highest: found.highest,
        decided: Vec::new(),
        pending: found.unseen.iter().copied().collect(),
        report: FolderSync { folder: name.to_string(), rescanned: found.rescanned, ..FolderSync::default() },
    };
    let mut wanted = Vec::new();
    if found.unseen.is_empty() {
        return Ok((folder, wanted));
    }
    reopen(session, open, name, found.uid_validity).await?;
    let book = store.read(|tx| address_book(tx))?;
    for batch in found.unseen.chunks(HEADER_BATCH) {
        let headers = session.headers(batch).await.map_err(at)?;
        let client_mail = wanted.len();
        let decided = store.read(|tx| {
            let mut out = Vec::new();
            for h in &headers {
                let taken = match mail::read(&h.bytes, clock.now) {
                    Err(_) => Some(Taken::Unreadable),
                    Ok(m) if rows::is_seen(tx, &m.id)? => Some(Taken::AlreadySeen),
                    Ok(m) if book.sides(&m).is_none() => Some(Taken::NotClientMail),
                    Ok(m) => {
                        wanted.push((h.uid, m.date));
                        None
                    }
                };
                if let Some(t) = taken {
                    out.push((h.uid, t));
                }
            }
            Ok::<_, MailError>(out)
        })?;
        for (uid, taken) in decided {
            folder.pending.remove(&uid);
            folder.decided.push(uid);
            match taken {
                Taken::Unreadable => folder.report.unreadable += 1,
                Taken::AlreadySeen => folder.report.already_seen += 1,
                _ => folder.report.not_client_mail += 1,
            }
        }
        // Client mail is counted once its body is committed.
        progress.advance(name, batch.len() - (wanted.len() - client_mail));
    }
    Ok((folder, wanted))
}
