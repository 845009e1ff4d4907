//! Mail accounts synced by themselves while the app runs: a few seconds
//! after start, then when the core's schedule says so
//! (`trato::mail::schedule`: every few minutes, later after failures, never
//! without a kept password), and at once when the server says new mail came
//! in the inbox (an IDLE connection per account, where the server offers it).
//! Sync now goes through the same door: one sync of an account at a time,
//! whoever starts it. Each sync tells the window how far it got
//! (`mail-sync-progress`) and that it ended (`mail-synced`); a failure is the
//! account's last outcome, shown in Settings → Mail, never a notification.
//! Removing an account, or quitting, stops its syncs and its IDLE: a sync is
//! dropped between two of its transactions, so nothing is half-written.
//!
//! An account that signs in through its provider (OAuth) trades its kept
//! refresh token for an access token, which is used until it is about to
//! expire (an hour, usually) rather than asked for at every sync and every
//! IDLE; a sync that fails forgets it. When the provider refuses the kept
//! sign-in, that is the account's last outcome, and Settings → Mail offers
//! to sign in again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use tokio::sync::{watch, Notify, OwnedMutexGuard};
use trato::domain::{Code, MailAccount, Refusal, SignInMethod};
use trato::imap::{self, Credential, Idled, Limits, Server};
use trato::journal::mailbox::{self, Kept, SyncOptions, SyncProgress, SyncReport};
use trato::mail::schedule::{wait_after_failures, Rhythm, Tried, INTERVAL};
use trato::oauth::{fresh_until, Token};
use trato::system::keychain::{self, Secret};

use crate::commands::blocking;
use crate::commands::mail_accounts::trust_for;
use crate::error::IpcError;
use crate::journal::Shared;

pub const MAIL_SYNCED: &str = "mail-synced";
pub const MAIL_SYNC_PROGRESS: &str = "mail-sync-progress";

/// The first syncs wait for the window's first screen, which reads the same journal.
const FIRST_SYNC_AFTER: Duration = Duration::from_secs(3);
/// How long one wait for mail lasts before the inbox is opened again (each
/// IDLE inside it is renewed well before the servers' 29-minute cut).
const IDLE_WAIT: Duration = Duration::from_secs(60 * 60);

/// What the window hears when a sync of an account ended.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct MailSynced {
    pub account: String,
    /// What it brought, when it went through.
    pub report: Option<SyncReport>,
    /// Why it failed (also kept as the account's last outcome).
    pub refused: Option<IpcError>,
}

/// One account's part: its lock, its rhythm, the signal that it is gone,
/// and the access token of an OAuth account with when it expires.
struct Account {
    lock: Arc<tokio::sync::Mutex<()>>,
    rhythm: Rhythm,
    gone: watch::Sender<bool>,
    access: Option<(Token, DateTime<Utc>)>,
}

impl Default for Account {
    fn default() -> Self {
        Account { lock: Arc::default(), rhythm: Rhythm::default(), gone: watch::channel(false).0, access: None }
    }
}

/// The app's syncs, shared by Sync now and the background.
pub struct Syncs {
    accounts: Mutex<HashMap<String, Account>>,
    /// Wakes the background: the accounts changed, or a server said mail came.
    wake: Notify,
    quit: watch::Sender<bool>,
}

impl Default for Syncs {
    fn default() -> Self {
        Syncs { accounts: Mutex::default(), wake: Notify::new(), quit: watch::channel(false).0 }
    }
}

/// The right to sync one account, held for the whole sync.
pub struct Claim {
    account: String,
    _held: OwnedMutexGuard<()>,
    gone: watch::Receiver<bool>,
}

impl Syncs {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Account>) -> T) -> T {
        f(&mut self.accounts.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    fn claim_with(&self, name: &str, held: OwnedMutexGuard<()>) -> Claim {
        let gone = self.with(|a| a.entry(name.to_string()).or_default().gone.subscribe());
        Claim { account: name.to_string(), _held: held, gone }
    }

    /// Waits until no other sync of `name` runs (Sync now while the background syncs it).
    pub async fn claim(&self, name: &str) -> Claim {
        let lock = self.with(|a| a.entry(name.to_string()).or_default().lock.clone());
        let held = lock.lock_owned().await;
        self.claim_with(name, held)
    }

    /// The claim when no sync of `name` runs; none otherwise.
    fn try_claim(&self, name: &str) -> Option<Claim> {
        let lock = self.with(|a| a.entry(name.to_string()).or_default().lock.clone());
        let held = lock.try_lock_owned().ok()?;
        Some(self.claim_with(name, held))
    }

    fn tried(&self, name: &str, how: Tried, began: DateTime<Utc>) {
        self.with(|a| {
            if let Some(account) = a.get_mut(name) {
                account.rhythm = account.rhythm.tried(how, began);
                // The server may have refused the token itself (withdrawn before it expired): the next asks afresh.
                if how == Tried::Failed {
                    account.access = None;
                }
            }
        });
    }

    /// What to sign `account` in with: its password from the keychain, or for
    /// an OAuth account the access token in hand while it is fresh, else a new
    /// one from the kept refresh token. None when the keychain keeps nothing
    /// for it (or there is none); an error when the provider refused the kept
    /// sign-in (sign in again) or could not be reached.
    pub async fn login(&self, account: &MailAccount) -> Result<Option<Login>, IpcError> {
        let now = Utc::now();
        let held = self.with(|a| a.get(&account.name).and_then(|a| a.access.clone()));
        if let Some((token, until)) = held.filter(|(_, until)| fresh_until(*until, now)) {
            return Ok(Some(Login::Bearer(token, until)));
        }
        let login = kept_login(account).await?;
        if let Some(Login::Bearer(token, until)) = &login {
            self.with(|a| a.entry(account.name.clone()).or_default().access = Some((token.clone(), *until)));
        }
        Ok(login)
    }

    /// `name` was signed in again through the browser with `access`: it is
    /// synced at once, whatever its failures before.
    pub fn signed_in(&self, name: &str, access: Token, until: DateTime<Utc>) {
        self.with(|a| {
            let account = a.entry(name.to_string()).or_default();
            account.rhythm = Rhythm::default();
            account.access = Some((access, until));
        });
        self.wake.notify_one();
    }

    fn mail_came(&self, name: &str) {
        self.with(|a| {
            if let Some(account) = a.get_mut(name) {
                account.rhythm = account.rhythm.mail_came(Utc::now());
            }
        });
        self.wake.notify_one();
    }

    /// The accounts changed (one added or removed): the background reads them again.
    pub fn accounts_changed(&self) {
        self.wake.notify_one();
    }

    /// Stops every sync and the IDLE of `name` and waits until none runs; the
    /// claim keeps any other out while the account is removed.
    pub async fn stop(&self, name: &str) -> Claim {
        let (lock, gone) = self.with(|a| {
            let account = a.entry(name.to_string()).or_default();
            account.gone.send_replace(true);
            (account.lock.clone(), account.gone.subscribe())
        });
        let held = lock.lock_owned().await;
        Claim { account: name.to_string(), _held: held, gone }
    }

    /// Forgets an account removed: one added again by the same name starts afresh.
    pub fn forget(&self, name: &str) {
        self.with(|a| a.remove(name));
        self.wake.notify_one();
    }

    /// The app quits: every sync and IDLE stops.
    pub fn quit(&self) {
        self.quit.send_replace(true);
        self.with(|a| {
            for account in a.values() {
                account.gone.send_replace(true);
            }
        });
    }

    /// Syncs `account` under its claim, telling the window as it goes and when
    /// it ended. Stops short, with nothing half-written, when the account is
    /// removed or the app quits meanwhile.
    pub async fn sync(
        &self,
        app: &AppHandle,
        journal: &Shared,
        account: &MailAccount,
        login: Login,
        claim: Claim,
    ) -> Result<SyncReport, IpcError> {
        let began = Utc::now();
        let trust = match trust_for(account.security).await {
            Ok(trust) => trust,
            Err(e) => {
                self.tried(&claim.account, Tried::Failed, began);
                return Err(e);
            }
        };
        let (name, tell) = (claim.account.clone(), app.clone());
        let mut progress = move |p: &SyncProgress| {
            let _ = tell.emit_to(crate::window::MAIN, MAIL_SYNC_PROGRESS, p);
        };
        let running = journal.apart(move |mut store, clock| async move {
            let synced =
                mailbox::sync_with_progress(&mut store, clock, &name, login.credential(), &trust, SyncOptions::default(), &mut progress)
                    .await;
            Ok::<_, IpcError>(synced?)
        });
        let mut gone = claim.gone.clone();
        let mut quit = self.quit.subscribe();
        let done = tokio::select! {
            done = running => done,
            // Removed meanwhile: Sync now hears that the account is no more, not an internal failure.
            _ = gone.wait_for(|g| *g) => return Err(mailbox::MailError::NoSuchAccount(claim.account.clone()).into()),
            _ = quit.wait_for(|q| *q) => return Err(stopped()),
        };
        self.tried(&claim.account, if done.is_ok() { Tried::Synced } else { Tried::Failed }, began);
        let synced =
            MailSynced { account: claim.account.clone(), report: done.as_ref().ok().cloned(), refused: done.as_ref().err().cloned() };
        if let Err(e) = app.emit_to(crate::window::MAIN, MAIL_SYNCED, synced) {
            eprintln!("trato: could not tell the window that {} was synced: {e}", claim.account);
        }
        done
    }
}

fn stopped() -> IpcError {
    IpcError::new(Code::Internal, "the sync stopped: Trato quit")
}

/// What a sync or an IDLE signs in with.
pub enum Login {
    Password(Secret),
    /// A fresh access token of an account that signs in through its provider
    /// (OAuth), and when it expires.
    Bearer(Token, DateTime<Utc>),
}

impl Login {
    fn credential(&self) -> Credential<'_> {
        match self {
            Login::Password(p) => Credential::Password(p.expose()),
            Login::Bearer(t, _) => Credential::Bearer(t),
        }
    }
}

/// What the keychain keeps to sign `account` in: its password, or for an
/// OAuth account a fresh access token from its refresh token (a refresh
/// token the provider replaced is kept in its place). None when it keeps
/// nothing for the account or there is no keychain; an error when the
/// provider refused (sign in again) or could not be reached.
async fn kept_login(account: &MailAccount) -> Result<Option<Login>, IpcError> {
    let account = account.clone();
    blocking(move || {
        let Some(kept) = keychain::recall(&account.name).ok().flatten() else { return Ok(None) };
        if account.sign_in == SignInMethod::Password {
            return Ok(Some(Login::Password(kept)));
        }
        let Some(kept) = Kept::from_text(kept.expose()) else { return Ok(None) };
        let access = mailbox::access_for(&account, &kept, Utc::now())?;
        if let Some(refresh) = access.rotated {
            let renewed = Kept { refresh, client_secret: kept.client_secret.clone() };
            if let Err(e) = keychain::remember(&account.name, &Secret::new(renewed.to_text())) {
                eprintln!("trato: mail account {}: the renewed sign-in could not be kept: {e}", account.name);
            }
        }
        Ok(Some(Login::Bearer(access.access, access.expires_at)))
    })
    .await
}

/// Whether the account's syncs read its inbox: only then does news of the inbox call for one.
fn reads_inbox(account: &MailAccount) -> bool {
    account.folders.is_empty() || account.folders.iter().any(|f| f.eq_ignore_ascii_case("INBOX"))
}

/// The background, for as long as the app runs.
pub async fn run(app: AppHandle, journal: Shared, syncs: Arc<Syncs>) {
    let mut quit = syncs.quit.subscribe();
    tokio::select! {
        _ = tokio::time::sleep(FIRST_SYNC_AFTER) => {}
        _ = quit.wait_for(|q| *q) => return,
    }
    // The accounts whose inbox is watched (or was, until the server said it offers no IDLE).
    let mut watched: HashMap<String, tauri::async_runtime::JoinHandle<()>> = HashMap::new();
    let mut last_error: Option<String> = None;
    loop {
        match journal.run(|store, _| mailbox::accounts(store)).await {
            Ok(accounts) => {
                last_error = None;
                round(&app, &journal, &syncs, &accounts, &mut watched).await;
            }
            Err(e) => {
                if last_error.as_deref() != Some(e.message.as_str()) {
                    eprintln!("trato: the mail accounts could not be read: {}", e.message);
                    last_error = Some(e.message);
                }
            }
        }
        // Until the next sync is due, or woken; the accounts are read again at
        // least every interval (the CLI may have added one).
        let now = Utc::now();
        let soonest = syncs
            .with(|a| a.values().map(|account| if account.rhythm.is_due(now) { now } else { account.rhythm.next().unwrap_or(now) }).min());
        let interval = INTERVAL.to_std().unwrap_or(Duration::from_secs(300));
        let wait = soonest.map_or(interval, |at| (at - now).to_std().unwrap_or(Duration::ZERO)).clamp(Duration::from_secs(1), interval);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = syncs.wake.notified() => {}
            _ = quit.wait_for(|q| *q) => break,
        }
    }
    for (_, task) in watched {
        task.abort();
    }
}

/// One round of the background: forgets the accounts gone, syncs those due
/// (one at a time), and watches the inbox of those synced with a kept password.
async fn round(
    app: &AppHandle,
    journal: &Shared,
    syncs: &Arc<Syncs>,
    accounts: &[MailAccount],
    watched: &mut HashMap<String, tauri::async_runtime::JoinHandle<()>>,
) {
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    // Removed by the CLI meanwhile: its IDLE ends.
    syncs.with(|a| {
        a.retain(|name, account| {
            let kept = names.contains(&name.as_str());
            if !kept {
                account.gone.send_replace(true);
            }
            kept
        })
    });
    watched.retain(|name, _| names.contains(&name.as_str()));
    for account in accounts {
        let due = syncs.with(|a| a.entry(account.name.clone()).or_default().rhythm.is_due(Utc::now()));
        if !due {
            continue;
        }
        // Sync now is at it: its sync is as good as this one.
        let Some(claim) = syncs.try_claim(&account.name) else { continue };
        let began = Utc::now();
        let login = match syncs.login(account).await {
            Ok(Some(login)) => login,
            // A password account waits for its password to be typed at Sync now.
            Ok(None) if account.sign_in == SignInMethod::Password => {
                syncs.tried(&account.name, Tried::NoPassword, began);
                continue;
            }
            // Signed in once, but the keychain no longer keeps it: the account says so.
            Ok(None) => {
                syncs.tried(&account.name, Tried::NoPassword, began);
                let why = IpcError::refused(Refusal::new(Code::MailNoSignIn).value(&account.name), "the keychain keeps no sign-in");
                no_sign_in(app, journal, &account.name, why).await;
                continue;
            }
            Err(e) => {
                syncs.tried(&account.name, Tried::Failed, began);
                eprintln!("trato: mail account {}: no sign-in: {}", account.name, e.message);
                no_sign_in(app, journal, &account.name, e).await;
                continue;
            }
        };
        // The inbox is watched before the first sync ends: mail that comes after that sync looked wakes the watch.
        if reads_inbox(account) && !watched.contains_key(&account.name) {
            if let Some(gone) = syncs.with(|a| a.get(&account.name).map(|a| a.gone.subscribe())) {
                let task = tauri::async_runtime::spawn(watch_inbox(Arc::clone(syncs), account.clone(), gone));
                watched.insert(account.name.clone(), task);
            }
        }
        if let Err(e) = syncs.sync(app, journal, account, login, claim).await {
            eprintln!("trato: mail account {}: the sync failed: {}", account.name, e.message);
        }
    }
}

/// A sync that could not begin for want of a sign-in is the account's last
/// outcome, and the window hears it ended, as after a failed sync.
pub(crate) async fn no_sign_in(app: &AppHandle, journal: &Shared, name: &str, why: IpcError) {
    let (n, refusal) = (name.to_string(), why.refusal.clone());
    if let Err(e) = journal.run(move |store, clock| mailbox::record_failure(store, &n, clock.now, &refusal)).await {
        eprintln!("trato: mail account {name}: its outcome could not be recorded: {}", e.message);
    }
    let synced = MailSynced { account: name.to_string(), report: None, refused: Some(why) };
    let _ = app.emit_to(crate::window::MAIN, MAIL_SYNCED, synced);
}

/// Keeps an IDLE on the account's inbox and asks for a sync when mail
/// comes. Ends when the account is gone or the app quits, when the keychain
/// keeps no password, and when the server offers no IDLE (the interval
/// alone then brings its mail); a connection that fails is tried again later
/// and later, as failed syncs are.
async fn watch_inbox(syncs: Arc<Syncs>, account: MailAccount, gone: watch::Receiver<bool>) {
    let name = account.name.clone();
    let mut failures = 0u32;
    loop {
        if *gone.borrow() {
            return;
        }
        let Ok(Some(login)) = syncs.login(&account).await else { return };
        let Ok(trust) = trust_for(account.security).await else { return };
        let server = Server { host: &account.host, port: account.port, security: account.security };
        let stop = || {
            let mut gone = gone.clone();
            async move {
                let _ = gone.wait_for(|g| *g).await;
            }
        };
        let watched = async {
            let mut session = imap::connect(server, &trust, &account.login, login.credential(), Limits::default()).await?;
            loop {
                let (next, idled) = session.wait_for_mail("INBOX", IDLE_WAIT, stop()).await?;
                session = next;
                match idled {
                    Idled::NewMail => {
                        failures = 0;
                        syncs.mail_came(&name);
                    }
                    Idled::TimedOut => failures = 0,
                    Idled::NotOffered | Idled::Stopped => {
                        session.logout().await;
                        return Ok::<_, imap::ImapError>(idled);
                    }
                }
            }
        };
        match watched.await {
            Ok(Idled::NotOffered) => {
                eprintln!("trato: mail account {name}: the server offers no IDLE; its mail comes every {} minutes", INTERVAL.num_minutes());
                return;
            }
            Ok(_) => return,
            Err(e) => {
                failures = failures.saturating_add(1);
                if failures == 1 {
                    eprintln!("trato: mail account {name}: waiting for new mail failed ({e}); trying again later");
                }
                let later = wait_after_failures(failures).to_std().unwrap_or(Duration::from_secs(300));
                let mut gone = gone.clone();
                tokio::select! {
                    _ = tokio::time::sleep(later) => {}
                    _ = gone.wait_for(|g| *g) => return,
                }
            }
        }
    }
}
