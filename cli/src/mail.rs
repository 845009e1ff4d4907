//! `trato mail`: the user's own addresses, importing mail files, and the
//! review of what the mail proposes; the words a person reads for each.

use std::io::Write;
use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Subcommand;

use super::output::{self, local, one_line};
use super::password::{self, password_for};
use super::run::CliError;
use super::sign_in;
use trato::domain::{Code, MailAccount, OAuthProvider, OAuthSettings, Refusal, Security, SignInMethod};
use trato::imap::{Credential, Limits, Trust};
use trato::journal::mailbox::{
    self, AddedAccount, Decision, FileImport, MailError, NewAccount, ProposalView, Reviewed, SyncOptions, SyncReport,
};
use trato::journal::{self, Clock};
use trato::mail::Becomes;
use trato::store::Store;

#[derive(Subcommand, Debug)]
pub enum MailCmd {
    /// Your own addresses: mail from them goes out to clients (lists them without ADDRESS)
    Me {
        #[arg(value_name = "ADDRESS")]
        addresses: Vec<String>,
    },
    /// A client's own domain: mail from any address there is that client's
    Domain {
        #[command(subcommand)]
        cmd: DomainCmd,
    },
    /// Read .eml and .mbox files: client mail becomes proposals to review; nothing else is kept
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// IMAP accounts to sync client mail from: add (tests the login first), list, remove
    Account {
        #[command(subcommand)]
        cmd: AccountCmd,
    },
    /// Read new mail from an IMAP account (every account without ACCOUNT), read-only: client mail becomes proposals
    Sync {
        /// The account's name [default: every account]
        account: Option<String>,
        /// Read the password from standard input (one line per account) instead of the keychain or a prompt
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// Accept a client's mail at each sync without review (on), or leave it for review (off, the default)
    Auto {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
    /// List the proposals awaiting review, or accept or ignore them
    Review {
        /// `all`, or the proposals' numbers
        #[arg(long, value_name = "all|ID", num_args = 1..)]
        accept: Vec<String>,
        #[arg(long, value_name = "ID", num_args = 1..)]
        ignore: Vec<i64>,
        /// Accept as this kind instead of the one proposed
        #[arg(long = "as", value_enum, value_name = "KIND")]
        as_kind: Option<Becomes>,
        /// Accept as a follow-up or reply on this request (its id)
        #[arg(long, value_name = "REQUEST")]
        link: Option<String>,
        /// Take reviews back: the proposals await review again, and what accepting them wrote is undone
        #[arg(long = "take-back", value_name = "ID", num_args = 1.., conflicts_with_all = ["accept", "ignore"])]
        take_back: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AccountCmd {
    /// Add an IMAP account once its server took the login and listed its folders; its password (or its sign-in) is kept in the system's keychain
    Add {
        /// A name for the account, e.g. work
        name: String,
        /// The IMAP server, e.g. imap.gmail.com [default with --oauth google or microsoft: the provider's]
        #[arg(long)]
        host: Option<String>,
        /// The server's port [default: 993 for tls, 143 for starttls and plain]
        #[arg(long)]
        port: Option<u16>,
        /// How the connection is protected; plain only to a server on this machine
        #[arg(long, value_enum, default_value = "tls")]
        security: Security,
        /// The login, usually your address; an address becomes one of yours (`trato mail me`)
        #[arg(long)]
        login: String,
        /// A folder to read; repeat for several [default: INBOX and the folder the server marks as Sent]
        #[arg(long = "folder", value_name = "F")]
        folders: Vec<String>,
        /// Read the password from standard input instead of asking for it
        #[arg(long, conflicts_with = "oauth")]
        password_stdin: bool,
        /// Sign in through the provider's page in the browser (OAuth) instead of with a password: Outlook and Microsoft 365 need it
        #[arg(long, value_enum, value_name = "PROVIDER", requires = "client_id")]
        oauth: Option<OAuthChoice>,
        /// The client id of the app you registered with the provider (Google Cloud console, Azure app registrations)
        #[arg(long, value_name = "ID", requires = "oauth")]
        client_id: Option<String>,
        /// Read the client's secret from standard input (Google "desktop app" clients have one); kept in the keychain
        #[arg(long, requires = "oauth")]
        client_secret_stdin: bool,
        /// With --oauth custom: the provider's authorization page
        #[arg(long, value_name = "URL", requires = "oauth")]
        authorize_url: Option<String>,
        /// With --oauth custom: the provider's token endpoint
        #[arg(long, value_name = "URL", requires = "oauth")]
        token_url: Option<String>,
        /// With --oauth custom: the scope that grants IMAP access (and a refresh token)
        #[arg(long, requires = "oauth")]
        scope: Option<String>,
    },
    /// Sign an OAuth account in again through the browser, when its sign-in expired or was withdrawn
    SignIn {
        name: String,
        /// Read the client's secret from standard input instead of the one kept
        #[arg(long)]
        client_secret_stdin: bool,
    },
    /// The accounts: server, login, how they sign in, folders, and how their last sync went
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an account (the mail it brought stays in the journal)
    Remove { name: String },
}

/// Who signs an account in, as typed after `--oauth`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OAuthChoice {
    /// Gmail and Google Workspace (imap.gmail.com)
    Google,
    /// Outlook.com and Microsoft 365 (outlook.office365.com)
    Microsoft,
    /// Another provider: give --authorize-url, --token-url, --scope and --host
    Custom,
}

#[derive(Subcommand, Debug)]
pub enum DomainCmd {
    /// Mark DOMAIN as CLIENT's own (never a free-mail domain such as gmail.com)
    Add { client: String, domain: String },
    /// Unmark one of CLIENT's domains
    Remove { client: String, domain: String },
    /// The marked domains and their clients
    List {
        #[arg(long)]
        json: bool,
    },
}

fn text(out: &mut dyn Write, s: &str) {
    // A closed pipe (`trato … | head`) is not the user's error.
    let _ = out.write_all(output::terminal(s).as_bytes());
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) {
    let s = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = out.write_all((output::terminal_json(&s) + "\n").as_bytes());
}

pub fn run(store: &mut Store, clock: Clock, cmd: MailCmd, out: &mut dyn Write) -> Result<(), CliError> {
    match cmd {
        MailCmd::Me { addresses } if addresses.is_empty() => {
            let mine = mailbox::my_addresses(store)?;
            text(out, &mine.iter().map(|a| format!("{a}\n")).collect::<String>());
        }
        MailCmd::Me { addresses } => {
            let added = mailbox::add_my_addresses(store, &addresses)?;
            text(out, &added.iter().map(|a| format!("added {a}\n")).collect::<String>());
        }
        MailCmd::Domain { cmd } => domain(store, cmd, out)?,
        MailCmd::Account { cmd } => account(store, clock, cmd, out)?,
        MailCmd::Auto { client, state } => {
            let c = journal::find_client(store, &client).map_err(MailError::from)?;
            let on = state == "on";
            mailbox::set_automatic(store, c.id, on)?;
            let how = if on { "is accepted at each sync, without review" } else { "awaits your review after each sync" };
            text(out, &format!("mail from {} {how}\n", one_line(&c.name)));
        }
        MailCmd::Sync { account, password_stdin, json: as_json } => {
            let names = match account {
                Some(name) => vec![name],
                None => mailbox::accounts(store)?.into_iter().map(|a| a.name).collect(),
            };
            let mut reports = Vec::new();
            for name in names {
                // Asked before connecting, and only for an account that exists.
                let found = mailbox::accounts(store)?.into_iter().find(|a| a.name == name);
                let found = found.ok_or_else(|| MailError::NoSuchAccount(name.clone()))?;
                let trust = trust_for(found.security);
                let report = match found.sign_in {
                    SignInMethod::Password => {
                        let password = password_for(&name, password_stdin, true, clock.lang)?;
                        let credential = Credential::Password(password.secret.expose());
                        runtime()?.block_on(mailbox::sync(store, clock, &name, credential, &trust, SyncOptions::default()))?
                    }
                    SignInMethod::Oauth(_) => {
                        let access = sign_in::access_for_sync(store, clock, &name)?;
                        let credential = Credential::Bearer(&access);
                        runtime()?.block_on(mailbox::sync(store, clock, &name, credential, &trust, SyncOptions::default()))?
                    }
                };
                if !as_json {
                    text(out, &synced(&report, clock));
                }
                reports.push(report);
            }
            if as_json {
                json(out, &reports);
            }
        }
        MailCmd::Import { files, json: as_json } => {
            let done = mailbox::import(store, clock, &files)?;
            if as_json {
                json(out, &done);
            } else {
                text(out, &done.iter().map(imported).collect::<String>());
            }
        }
        MailCmd::Review { take_back, .. } if !take_back.is_empty() => {
            let mut s = String::new();
            for id in take_back {
                mailbox::take_back_review(store, clock, id)?;
                s += &format!("{id:>4}  awaits review again\n");
            }
            text(out, &s);
        }
        MailCmd::Review { accept, ignore, as_kind, link, take_back: _, json: as_json } => {
            if accept.is_empty() && ignore.is_empty() {
                let list = mailbox::review_list(store, clock)?;
                if as_json {
                    json(out, &list);
                } else {
                    text(out, &proposals(&list, clock.tz));
                }
                return Ok(());
            }
            let request = link.map(|l| l.parse().map_err(|_| CliError::BadId(l.clone()))).transpose()?;
            let mut ids: Vec<i64> = Vec::new();
            if accept.iter().any(|a| a.trim().eq_ignore_ascii_case("all")) {
                ids = mailbox::pending_ids(store)?.into_iter().filter(|id| !ignore.contains(id)).collect();
            } else {
                for a in &accept {
                    ids.push(
                        a.trim()
                            .parse()
                            .map_err(|_| CliError::Usage(format!("--accept '{a}': write all, or the numbers `trato mail review` shows")))?,
                    );
                }
            }
            let mut decisions: Vec<(i64, Decision)> = ignore.iter().map(|id| (*id, Decision::Ignore)).collect();
            decisions.extend(ids.into_iter().map(|id| (id, Decision::Accept { kind: as_kind, request })));
            let done = mailbox::review(store, clock, &decisions)?;
            if as_json {
                json(out, &done);
            } else {
                text(out, &done.iter().map(reviewed).collect::<String>());
            }
        }
    }
    Ok(())
}

/// A runtime for one command's network waits: the sync is one connection at a time.
fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| CliError::Usage(format!("can't start the network runtime: {e}")))
}

/// The roots TLS trusts: the system's (or SSL_CERT_FILE's), read only when TLS is used.
fn trust_for(security: Security) -> Trust {
    match security {
        Security::Plain => Trust::none(),
        Security::Tls | Security::Starttls => Trust::system(),
    }
}

fn account(store: &mut Store, clock: Clock, cmd: AccountCmd, out: &mut dyn Write) -> Result<(), CliError> {
    match cmd {
        AccountCmd::Add {
            name,
            host,
            port,
            security,
            login,
            folders,
            // clap refuses it beside --oauth.
            password_stdin: _,
            oauth: Some(choice),
            client_id,
            client_secret_stdin,
            authorize_url,
            token_url,
            scope,
        } => {
            let provider = match (choice, authorize_url, token_url, scope) {
                (OAuthChoice::Google, None, None, None) => OAuthProvider::Google,
                (OAuthChoice::Microsoft, None, None, None) => OAuthProvider::Microsoft,
                (OAuthChoice::Custom, Some(authorize_url), Some(token_url), Some(scope)) => {
                    OAuthProvider::Custom { authorize_url, token_url, scope }
                }
                (OAuthChoice::Custom, ..) => {
                    return Err(CliError::Usage("--oauth custom needs --authorize-url, --token-url and --scope".into()))
                }
                _ => return Err(CliError::Usage("--authorize-url, --token-url and --scope are for --oauth custom only".into())),
            };
            let host = match host.or(provider.imap_host().map(str::to_string)) {
                Some(host) => host,
                None => return Err(CliError::Usage("--oauth custom needs --host: the provider's IMAP server".into())),
            };
            // Said before the browser opens, not after the user signed in for nothing.
            if mailbox::accounts(store)?.iter().any(|a| a.name == name.trim()) {
                return Err(MailError::AccountTaken(name).into());
            }
            let settings = OAuthSettings { provider, client_id: client_id.unwrap_or_default() };
            let secret = sign_in::client_secret(client_secret_stdin)?;
            let started = mailbox::start_sign_in(&settings, &login, secret.as_deref())?;
            let tokens = sign_in::through_browser(started, clock)?;
            let new = NewAccount { name, host, port, security, login, folders, sign_in: SignInMethod::Oauth(settings) };
            let credential = Credential::Bearer(&tokens.access);
            let added =
                runtime()?.block_on(mailbox::add_account(store, clock, new, credential, &trust_for(security), Limits::default()))?;
            let mut s = added_words(&added);
            // Only once the server took it: a sign-in that can't read mail is never kept.
            s += &sign_in::keep(&added.account.name, tokens.refresh.as_ref(), secret, clock.lang).unwrap_or_default();
            text(out, &s);
        }
        AccountCmd::SignIn { name, client_secret_stdin } => {
            // Refused before the keychain is asked anything.
            let found = mailbox::accounts(store)?.into_iter().find(|a| a.name == name);
            let security = match found {
                None => return Err(MailError::NoSuchAccount(name).into()),
                Some(a) if a.sign_in == SignInMethod::Password => return Err(MailError::PasswordAccount(name).into()),
                Some(a) => a.security,
            };
            let secret = match sign_in::client_secret(client_secret_stdin)? {
                Some(secret) => Some(secret),
                // A Google desktop client's secret, kept at the first sign-in.
                None => sign_in::recall(&name).ok().flatten().and_then(|kept| kept.client_secret),
            };
            let (started, _) = mailbox::start_sign_in_again(store, &name, secret.as_deref())?;
            let tokens = sign_in::through_browser(started, clock)?;
            // Kept only once the server took it, as a new account's sign-in.
            let credential = Credential::Bearer(&tokens.access);
            runtime()?.block_on(mailbox::check_login(store, &name, credential, &trust_for(security), Limits::default()))?;
            let mut s = format!("signed in to mail account {} again\n", one_line(&name));
            s += &sign_in::keep(&name, tokens.refresh.as_ref(), secret, clock.lang).unwrap_or_default();
            text(out, &s);
        }
        AccountCmd::Add { name, host, port, security, login, folders, password_stdin, oauth: None, .. } => {
            let Some(host) = host else { return Err(CliError::Usage("--host is needed: the IMAP server, e.g. imap.example.com".into())) };
            let password = password_for(&name, password_stdin, false, clock.lang)?;
            let new = NewAccount { name, host, port, security, login, folders, sign_in: SignInMethod::Password };
            let credential = Credential::Password(password.secret.expose());
            let added =
                runtime()?.block_on(mailbox::add_account(store, clock, new, credential, &trust_for(security), Limits::default()))?;
            let mut s = added_words(&added);
            // Only once the server took it: a wrong password is never kept.
            s += &password::keep(&added.account.name, &password, clock.lang).unwrap_or_default();
            text(out, &s);
        }
        AccountCmd::List { json: true } => json(out, &mailbox::accounts(store)?),
        AccountCmd::List { json: false } => {
            let list = mailbox::accounts(store)?;
            let mut s = String::new();
            for a in &list {
                let folders = if a.folders.is_empty() { "INBOX and Sent".to_string() } else { a.folders.join(", ") };
                let last = match (&a.last_sync_at, a.last_outcome.as_deref()) {
                    (Some(at), Some("ok")) => format!("last sync {}: ok", local(*at, clock.tz)),
                    (Some(at), Some(code)) => format!("last sync {}: failed ({code})", local(*at, clock.tz)),
                    _ => "never synced".to_string(),
                };
                s += &format!("{}  {}  folders: {}  {}\n", one_line(&a.name), reached(a), one_line(&folders), last);
            }
            text(out, &s);
        }
        AccountCmd::Remove { name } => {
            mailbox::remove_account(store, &name)?;
            password::forget(&name, clock.lang);
            text(out, &format!("removed mail account {}; the mail it brought stays in the journal\n", one_line(&name)));
        }
    }
    Ok(())
}

/// Whose account it is, where its server is and how it signs in: `ana@x at imap.x:993 (tls, password)`.
fn reached(a: &MailAccount) -> String {
    format!("{} at {}:{} ({}, {})", one_line(&a.login), one_line(&a.host), a.port, a.security.as_str(), signs_in(&a.sign_in))
}

fn added_words(added: &AddedAccount) -> String {
    let a = &added.account;
    let mut s = format!("added mail account {}: {}; a sync reads {}\n", one_line(&a.name), reached(a), one_line(&added.reads.join(", ")));
    if let Some(mine) = &added.mine {
        s += &format!("{} is one of your addresses now\n", one_line(mine));
    }
    s
}

/// How an account signs in, as `mail account list` says it.
fn signs_in(how: &SignInMethod) -> String {
    match how {
        SignInMethod::Password => "password".to_string(),
        SignInMethod::Oauth(o) => format!("oauth {}", o.provider.as_str()),
    }
}

fn synced(r: &SyncReport, clock: Clock) -> String {
    let mut s = String::new();
    for f in &r.folders {
        s += &format!("{} {}: ", one_line(&r.account), one_line(&f.folder));
        if f.outcome != "ok" {
            let refusal = Refusal::new(Code::MailFolderCantOpen).value(&f.folder).detail(f.detail.clone().unwrap_or_default());
            s += &format!("not read: {}\n", one_line(&crate::refusals::words(&refusal, clock.lang)));
            continue;
        }
        s += &format!(
            "{} new client message(s), {} proposal(s) to review; {} already seen, {} not client mail, {} machine-made",
            f.new, f.proposals, f.already_seen, f.not_client_mail, f.machine_made
        );
        if f.unreadable > 0 {
            s += &format!(", {} unreadable", f.unreadable);
        }
        if f.accepted > 0 {
            s += &format!("; {} accepted without review (automatic clients)", f.accepted);
        }
        if f.rescanned {
            s += "; the server renumbered the folder, so it was read again";
        }
        s += "\n";
    }
    s
}

fn domain(store: &mut Store, cmd: DomainCmd, out: &mut dyn Write) -> Result<(), CliError> {
    // Said back by the client's name, whether the user typed it or an id.
    let find =
        |store: &mut Store, query: &str| journal::find_client(store, query).map(|c| (c.id, one_line(&c.name))).map_err(MailError::from);
    match cmd {
        DomainCmd::Add { client, domain } => {
            let (id, name) = find(store, &client)?;
            let (d, new) = mailbox::mark_domain(store, id, &domain)?;
            text(out, &if new { format!("marked {d} as {name}'s\n") } else { format!("{d} was already {name}'s\n") });
        }
        DomainCmd::Remove { client, domain } => {
            let (id, name) = find(store, &client)?;
            let (d, removed) = mailbox::unmark_domain(store, id, &domain)?;
            text(out, &if removed { format!("unmarked {d} as {name}'s\n") } else { format!("{d} was not marked as {name}'s\n") });
        }
        DomainCmd::List { json: true } => json(out, &mailbox::client_domains(store)?),
        DomainCmd::List { json: false } => {
            let list = mailbox::client_domains(store)?;
            text(out, &list.iter().map(|d| format!("{}  {}\n", d.domain, one_line(&d.client))).collect::<String>());
        }
    }
    Ok(())
}

fn imported(f: &FileImport) -> String {
    let mut s = format!(
        "{}: {} read, {} new client message(s), {} proposal(s) to review; {} already seen, {} not client mail, {} machine-made, {} unreadable\n",
        one_line(&f.path),
        f.messages,
        f.new,
        f.proposals,
        f.already_seen,
        f.not_client_mail,
        f.machine_made,
        f.unreadable
    );
    if let Some(size) = f.cut {
        s +=
            &format!("  the file ends inside its last message ({size} bytes), which was left out: import the whole file again to add it\n");
    }
    s
}

fn proposals(list: &[ProposalView], tz: Tz) -> String {
    if list.is_empty() {
        return "no mail awaits review\n".into();
    }
    let mut s = String::new();
    for p in list {
        let way = match p.direction {
            trato::domain::Direction::In => "from",
            trato::domain::Direction::Out => "to",
        };
        s += &format!("{:>4}  {:<12} {} {}  {}\n", p.id, p.kind.as_str(), way, one_line(&p.client), local(p.at, tz));
        s += &format!("      {}", one_line(&p.subject));
        if !p.excerpt.is_empty() {
            s += &format!(" — {}", one_line(&p.excerpt));
        }
        s += "\n";
        if let Some(by) = p.answer_by {
            s += &format!("      answer by {}\n", local(by, tz));
        }
    }
    s
}

fn reviewed(r: &Reviewed) -> String {
    match (r.status, r.request) {
        ("accepted", Some(request)) => format!("{:>4}  accepted as {} (request {request})\n", r.id, r.kind.as_str()),
        ("accepted", None) => format!("{:>4}  accepted as {}\n", r.id, r.kind.as_str()),
        _ => format!("{:>4}  ignored\n", r.id),
    }
}
