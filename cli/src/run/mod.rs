//! Runs one parsed command against the journal and returns what to print:
//! opening the journal and its daily backup here, each group of commands in
//! its own module (clients, entries, corrections, reports, exchange, backups,
//! reminders, settings).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::args::{BackupCmd, Cli, Command, NoteCmd, When};
use super::output;
use trato::data_file;
use trato::domain::calendar::Calendar;
use trato::domain::settings::{parse_tz, SettingsError};
use trato::domain::time::moment::{parse_due, parse_moment, within_years, MomentError, Reader, Towards};
use trato::domain::{Channel, ClientId, Code, EntryId, Refusal};
use trato::journal::interchange::InterchangeError;
use trato::journal::session::{self, Session, Surroundings};
use trato::journal::{self, backup, demo, export, Clock, JournalError, NewEntry};
use trato::store::{Found, Store};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Interchange(#[from] InterchangeError),
    #[error(transparent)]
    Moment(#[from] MomentError),
    #[error("--now '{0}' is not an RFC 3339 moment, e.g. 2026-03-05T09:00:00+01:00")]
    BadNow(String),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("'{0}' is not an id; ids look like 019c3a1e-8f00-7c2a-9d4e-5b6f7a8b9c0d (see `trato timeline CLIENT`)")]
    BadId(String),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("no data folder is known on this system; give the journal file with --db PATH")]
    NoDataFolder,
    #[error("there is no journal at {0} yet: `trato init` or `trato client add NAME` starts one (or check the --db path)")]
    NoJournal(PathBuf),
    #[error(transparent)]
    Summary(#[from] trato::summary::SummaryError),
    #[error(transparent)]
    Import(#[from] trato::journal::importing::ImportError),
    #[error("{path}: {source}")]
    Contacts { path: PathBuf, source: trato::contacts::ContactsError },
    #[error(transparent)]
    Export(#[from] export::ExportError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Backup(#[from] trato::journal::backup::BackupError),
    #[error(transparent)]
    Mail(#[from] trato::journal::mailbox::MailError),
    #[error("no password was given")]
    NoPassword,
    #[error("mail account {0} signs in through the browser, with no keychain to keep the sign-in nor a terminal to start one on")]
    NoSignIn(String),
}

/// `eprintln!` for what a person reads on standard error: through
/// `output::terminal`, since messages quote names, notes and file names.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", output::terminal(&format!($($arg)*)))
    };
}

mod backups;
mod clients;
mod corrections;
mod entries;
mod exchange;
mod recovery;
mod reminders;
mod reports;
mod settings;

impl From<trato::store::StoreError> for CliError {
    fn from(e: trato::store::StoreError) -> Self {
        CliError::Journal(e.into())
    }
}

/// Runs the command; what it prints on success goes to `out`, which is a
/// terminal when `terminal` says so (then even an export printed there is made
/// safe to show, see `Ctx::deliver`).
pub fn run(cli: Cli, out: &mut dyn Write, terminal: bool) -> Result<(), CliError> {
    let now = match &cli.now {
        Some(s) => {
            let now = DateTime::parse_from_rfc3339(s.trim()).map_err(|_| CliError::BadNow(s.clone()))?.with_timezone(&Utc);
            within_years("--now", s, now)?
        }
        None => Utc::now(),
    };
    let path = match cli.db {
        Some(p) => p,
        None => data_file::default_path().ok_or(CliError::NoDataFolder)?,
    };
    // The edge of the program: the one place the command reads the system's
    // clock and environment. One moment for the whole command.
    let tz = cli.tz.as_deref().map(parse_tz).transpose();
    let around = |tz| Surroundings { system: Arc::new(move || trato::system::clock(now)), tz };
    // Before the journal is opened: a restore must work on a journal that no
    // longer opens (damaged, or upgraded by a newer Trato).
    if let Command::Backup { action: Some(BackupCmd::Restore { file }), .. } = &cli.command {
        let around = around(tz?);
        let (done, _) = session::restore(&path, file, around.clock(), around)?;
        if let Some(previous) = &done.previous {
            tell!("the journal as it was is kept in {}", previous.path);
        }
        if let Some(damaged) = &done.damaged_copy {
            tell!("the journal was damaged; a copy of it as it was is kept in {}", damaged.display());
        }
        tell!("restored {} into {}", done.from.display(), path.display());
        return Ok(());
    }
    if let Command::Init = cli.command {
        let (_, found) = session::init(&path, &around(None))?;
        match found {
            Found::Nothing => tell!("started a journal at {}", path.display()),
            Found::EmptyFile => tell!("{} was an empty file; it is a journal now", path.display()),
            Found::Journal => tell!("{} is already a Trato journal; nothing was changed", path.display()),
        }
        return Ok(());
    }
    // A path that can't even be looked at (its folder refuses) is there for all we know: the store says why.
    let existed = path.try_exists().unwrap_or(true);
    if !cli.command.starts_a_journal() && !existed {
        return Err(CliError::NoJournal(path));
    }
    let may_write = cli.command.may_write();
    // A full disk met by a command that only reads (SQLite's shared memory, when opening) cost no change.
    let mut session = Session::open(&path, around(tz?)).map_err(|e| if may_write { e } else { e.reading() })?;
    let clock = session.clock()?;
    // The day's backup comes first; a failed one is told, and the command still
    // runs: the user's work is not held hostage to a full backup disk.
    if existed && !matches!(cli.command, Command::Backup { .. }) {
        match session.daily_backup()?.map(|daily| daily.take()) {
            Some(Err(e)) => tell!("warning: {e}"),
            // Copied once today already: said on every command, as each may be the only one the user runs.
            Some(Ok(backup::Daily::Damaged(damage))) => tell!(
                "warning: the journal is damaged: its backup of {} failed the integrity check (the copy is kept as {}); `trato backup list` shows the good backups, `trato backup restore FILE` puts one back",
                trato::domain::time::local_text(damage.found_at, clock.tz),
                damage.copy
            ),
            Some(Ok(backup::Daily::Taken(_) | backup::Daily::Done)) | None => {}
        }
    }
    let calendar = Calendar::new(session.settings()?, clock.tz);
    let system = (session.surroundings().system)();
    let command = |store: &mut Store, clock| Ctx { store, clock, system, calendar, out, terminal }.dispatch(cli.command);
    if may_write {
        // The user's change is saved whatever happens to the calendar file.
        if let Err(e) = session.write(command).map_err(|e| e.at(&path))?.calendar {
            tell!("warning: the calendar file was not updated: {e}");
        }
    } else {
        session.run(command).map_err(|e| e.at(&path))?;
    }
    Ok(())
}

impl CliError {
    /// The refusal as data, for [`super::refusals::words`] to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            CliError::Journal(e) => e.refusal(),
            CliError::Interchange(e) => e.refusal(),
            CliError::Moment(e) => e.refusal(),
            CliError::BadNow(value) => Refusal::new(Code::BadNow).value(value),
            CliError::Settings(e) => e.refusal(),
            CliError::BadId(value) => Refusal::new(Code::BadId).value(value),
            CliError::File { path, source } => Refusal::new(Code::FileNotWritten).path(path).detail(source),
            CliError::NoDataFolder => Refusal::new(Code::NoDataFolder),
            CliError::NoJournal(path) => Refusal::new(Code::NoJournal).path(path),
            CliError::Summary(e) => e.refusal(),
            CliError::Import(e) => e.refusal(),
            CliError::Contacts { path, source } => source.refusal().path(path),
            CliError::Export(e) => e.refusal(),
            CliError::Usage(message) => Refusal::new(Code::Usage).detail(message),
            CliError::Backup(e) => e.refusal(),
            CliError::Mail(e) => e.refusal(),
            CliError::NoPassword => Refusal::new(Code::MailNoPassword),
            CliError::NoSignIn(account) => Refusal::new(Code::MailNoSignIn).value(account),
        }
    }

    /// Names the journal in a fault SQLite reported mid-command without knowing the file.
    fn at(self, path: &std::path::Path) -> Self {
        use trato::journal::importing::ImportError;
        match self {
            CliError::Journal(JournalError::Store(e)) => CliError::Journal(JournalError::Store(e.at(path))),
            CliError::Import(ImportError::Journal(JournalError::Store(e))) => {
                CliError::Import(ImportError::Journal(JournalError::Store(e.at(path))))
            }
            CliError::Interchange(InterchangeError::Store(e)) => CliError::Interchange(InterchangeError::Store(e.at(path))),
            other => other,
        }
    }
}

struct Ctx<'a> {
    store: &'a mut Store,
    clock: Clock,
    /// The system's own clock: what the settings left to the system are now.
    system: Clock,
    /// What typed moments are read against ("next working day" skips the holidays).
    calendar: Calendar,
    out: &'a mut dyn Write,
    terminal: bool,
}

impl Ctx<'_> {
    /// Text for a person: names, notes and file names in it come from
    /// imported files, so control characters are shown escaped.
    fn print(&mut self, text: &str) -> Result<(), CliError> {
        self.write_exact(&output::terminal(text))
    }

    fn write_exact(&mut self, text: &str) -> Result<(), CliError> {
        // A closed pipe (`trato … | head`) is not the user's error.
        let _ = self.out.write_all(text.as_bytes());
        Ok(())
    }

    /// JSON for scripts: the exact values, its control characters escaped as JSON escapes.
    fn json(&mut self, value: &impl Serialize) -> Result<(), CliError> {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        self.write_exact(&(output::terminal_json(&text) + "\n"))
    }

    /// The value as JSON for scripts, or as text for a person.
    fn show<T: Serialize>(&mut self, json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<(), CliError> {
        if json {
            self.json(value)
        } else {
            self.print(&text(value))
        }
    }

    fn id_line(&mut self, id: impl std::fmt::Display) -> Result<(), CliError> {
        self.print(&format!("{id}\n"))
    }

    fn reader(&self) -> Reader<'_> {
        Reader { now: self.clock.now, calendar: &self.calendar }
    }

    fn at(&self, at: &Option<String>) -> Result<Option<DateTime<Utc>>, CliError> {
        Ok(at.as_deref().map(|s| parse_moment("--at", s, &self.reader(), Towards::Past)).transpose()?)
    }

    /// A due date typed after `--due`, refused by that name.
    fn due(&self, text: &str) -> Result<trato::domain::Due, CliError> {
        Ok(parse_due(text, &self.reader()).map_err(|e| e.on("--due"))?)
    }

    fn client_id(&mut self, query: &str) -> Result<ClientId, CliError> {
        Ok(journal::find_client(self.store, query)?.id)
    }

    fn new_entry(&mut self, client: &str, summary: String, when: &When) -> Result<NewEntry, CliError> {
        Ok(NewEntry { client: self.client_id(client)?, at: self.at(&when.at)?, channel: when.channel.unwrap_or(Channel::Other), summary })
    }

    fn dispatch(&mut self, command: Command) -> Result<(), CliError> {
        let (s, c) = (&mut *self.store, self.clock);
        match command {
            Command::Client(cmd) => self.client(cmd),
            Command::Log { client, summary, dir, when } => self.log(&client, summary, dir, &when),
            Command::Request(cmd) => self.request(cmd),
            Command::Promise(cmd) => self.promise(cmd),
            Command::Incident(cmd) => self.incident(cmd),
            Command::Recovery(cmd) => self.recovery(cmd),
            Command::Feedback(cmd) => self.feedback(cmd),
            Command::Note(NoteCmd::Add { client, text, at }) => self.note(&client, text, at.at),
            Command::Timeline { client, json } => self.timeline(&client, json),
            Command::Search { query, json } => self.search(query, json),
            Command::Edit { id, summary, channel, at } => self.edit(&id, summary, channel, &at),
            Command::Undo { id } => self.undo(&id),
            Command::Trash { json } => self.trash(json),
            Command::Delete { id } => journal::delete(s, c, &id).map(drop).map_err(Into::into),
            Command::Restore { id } => journal::restore(s, c, &id).map(drop).map_err(Into::into),
            Command::History { id, json } => self.history(&id, json),
            Command::Export { format: None, out } => self.export_journal(out),
            Command::Export { format: Some(cmd), .. } => self.export(cmd),
            Command::Import { file } => self.import_journal(&file),
            Command::Contacts(cmd) => self.contacts(cmd),
            Command::Mail(cmd) => crate::mail::run(self.store, self.clock, cmd, self.out),
            Command::Backup { action, out } => self.backup(action, out),
            // Done by `run` before the journal is opened: an empty file must not be refused first.
            Command::Init => Ok(()),
            Command::Demo => {
                let filled = demo::fill(s, c)?;
                tell!("sample journal written to {}: {} clients, {} entries", s.path().display(), filled.clients, filled.entries);
                Ok(())
            }
            Command::Today { json } => self.today(json),
            Command::Signals { client, json } => self.signals(&client, json),
            Command::Score { client, json } => self.score(&client, json),
            Command::Record { client, json } => self.record(client.as_deref(), json),
            Command::Summary { client, period, lang, format, paper, out, for_client } => {
                self.summary(&client, period, lang.as_deref(), format, paper, &out, for_client)
            }
            Command::Reminders { action, mark_sent, json } => self.reminders(action, mark_sent, json),
            Command::Settings(cmd) => self.settings(cmd),
            Command::Holiday(cmd) => self.holiday(cmd),
        }
    }

    /// Into the file, whole, or to standard output: exactly, for a pipe or a
    /// redirection; made safe to show when that is a terminal, where a file's
    /// control characters would act (its line breaks stay).
    fn deliver(&mut self, out: Option<PathBuf>, text: &str) -> Result<(), CliError> {
        match out {
            Some(path) => write_atomically(&path, text.as_bytes()),
            None if self.terminal => self.print(&text.replace("\r\n", "\n")),
            None => self.write_exact(text),
        }
    }
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn entry_id(s: &str) -> Result<EntryId, CliError> {
    s.parse().map_err(|_| CliError::BadId(s.to_string()))
}

/// Writes beside the target and renames, so an interrupted export never leaves
/// half a file; a failed write removes what it began.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    data_file::write_whole(path, bytes).map_err(|source| CliError::File { path: path.to_path_buf(), source })
}
