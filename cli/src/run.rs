//! Runs one parsed command against the journal and returns what to print.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::args::{
    BackupCmd, Cli, ClientCmd, ClientFields, Command, ContactsCmd, CsvWhat, ExportCmd, FeedbackCmd, HolidayCmd, ImportFormat, IncidentCmd,
    NoteCmd, PromiseCmd, RemindersCmd, RequestCmd, SettingsCmd, When,
};
use super::insight;
use super::output::{self, EntryView};
use trato::domain::calendar::Calendar;
use trato::domain::settings::{parse_tz, SettingsError};
use trato::domain::time::moment::{parse_due, parse_moment, within_years, MomentError, Reader, Towards};
use trato::domain::{Channel, ClientId, ClientPatch, Closing, Code, EntryId, Language, Refusal, Score};
use trato::insights;
use trato::interchange::{self, InterchangeError};
use trato::journal::{self, Clock, EntryPatch, JournalError, NewEntry, NewFeedback};
use trato::reminders::{ReminderKey, Snooze};
use trato::reminding;
use trato::session::{self, Session, Surroundings};
use trato::store::{Found, Store};
use trato::{backup, data_file, demo, export, search, summary};

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
    Import(#[from] trato::importing::ImportError),
    #[error("{path}: {source}")]
    Contacts { path: PathBuf, source: trato::contacts::ContactsError },
    #[error(transparent)]
    Export(#[from] export::ExportError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Backup(#[from] trato::backup::BackupError),
    #[error(transparent)]
    Mail(#[from] trato::mailbox::MailError),
}

/// `eprintln!` for what a person reads on standard error: through
/// `output::terminal`, since messages quote names, notes and file names.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", output::terminal(&format!($($arg)*)))
    };
}

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
        }
    }

    /// Names the journal in a fault SQLite reported mid-command without knowing the file.
    fn at(self, path: &std::path::Path) -> Self {
        use trato::importing::ImportError;
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
            Command::Log { client, summary, dir, when } => {
                let new = self.new_entry(&client, summary, &when)?;
                let id = journal::log_interaction(self.store, c, new, dir)?;
                self.id_line(id)
            }
            Command::Request(cmd) => self.request(cmd),
            Command::Promise(cmd) => self.promise(cmd),
            Command::Incident(cmd) => self.incident(cmd),
            Command::Feedback(cmd) => self.feedback(cmd),
            Command::Note(NoteCmd::Add { client, text, at }) => {
                let new = self.new_entry(&client, text, &When { at: at.at, channel: None })?;
                let id = journal::add_note(self.store, c, new)?;
                self.id_line(id)
            }
            Command::Timeline { client, json } => {
                let client = journal::find_client(s, &client)?;
                let entries = journal::timeline(s, client.id)?;
                if json {
                    let views: Vec<_> = entries
                        .iter()
                        .filter(|e| e.occurred_at <= c.now)
                        .map(|e| EntryView { entry: e, status: e.status_at(c.now) })
                        .collect();
                    self.json(&views)
                } else {
                    let text = output::timeline(&client, &entries, c.tz, c.now);
                    self.print(&text)
                }
            }
            Command::Search { query, json } => {
                let query = query.join(" ");
                let hits = search::search(s, &query, search::DEFAULT_LIMIT)?;
                self.show(json, &hits, |hits| output::search(hits, &query))
            }
            Command::Edit { id, summary, channel, at } => {
                let patch = EntryPatch { summary, channel, at: self.at(&at)?, ..EntryPatch::default() };
                journal::edit_entry(self.store, c, entry_id(&id)?, patch)?;
                Ok(())
            }
            Command::Undo { id } => {
                journal::undo_last(self.store, c, entry_id(&id)?)?;
                Ok(())
            }
            Command::Trash { json } => {
                let items = journal::trash(s)?;
                self.show(json, &items, |items| output::trash(items, c.tz))
            }
            Command::Delete { id } => journal::delete(s, c, &id).map(drop).map_err(Into::into),
            Command::Restore { id } => journal::restore(s, c, &id).map(drop).map_err(Into::into),
            Command::History { id, json } => {
                let changes = journal::history(s, &id)?;
                self.show(json, &changes, |changes| output::history(changes, c.tz))
            }
            Command::Export { format: None, out } => {
                let text = interchange::to_json(&interchange::export(s)?);
                self.deliver(out, &text)
            }
            Command::Export { format: Some(cmd), .. } => self.export(cmd),
            Command::Import { file } => {
                let done = interchange::import(s, c, &interchange::read(&file)?)?;
                tell!("imported {} and {}", count(done.clients, "client", "clients"), count(done.entries, "entry", "entries"));
                Ok(())
            }
            Command::Contacts(cmd) => self.contacts(cmd),
            Command::Mail(cmd) => super::mail::run(self.store, self.clock, cmd, self.out),
            Command::Backup { action, out } => self.backup(action, out),
            // Done by `run` before the journal is opened: an empty file must not be refused first.
            Command::Init => Ok(()),
            Command::Demo => {
                let filled = demo::fill(s, c)?;
                tell!("sample journal written to {}: {} clients, {} entries", s.path().display(), filled.clients, filled.entries);
                Ok(())
            }
            Command::Today { json } => {
                let today = insights::today(s, c)?;
                self.show(json, &today, |today| insight::matters(&today.matters, c.tz, c.now))
            }
            Command::Signals { client, json } => {
                let id = self.client_id(&client)?;
                let list = insights::client_signals(self.store, c, id)?;
                self.show(json, &list, |list| insight::signals(list, c.tz, c.now))
            }
            Command::Score { client, json } => {
                let id = self.client_id(&client)?;
                let report = insights::score(self.store, c, id)?;
                let lang = c.lang;
                self.show(json, &report, |r| insight::score(r, lang))
            }
            Command::Record { client, json } => {
                let id = client.as_deref().map(|q| self.client_id(q)).transpose()?;
                let record = insights::record(self.store, c, id)?;
                self.show(json, &record, insight::record)
            }
            Command::Summary { client, period, lang, format, paper, out, for_client } => {
                let id = self.client_id(&client)?;
                let lang = match lang.as_deref() {
                    Some("es") => Language::Es,
                    // clap lets through only "es" and "en".
                    Some(_) => Language::En,
                    None => c.lang,
                };
                let audience = if for_client { summary::Audience::Client } else { summary::Audience::Provider };
                let found = insights::summary(self.store, c, id, period, audience)?;
                write_atomically(&out, &summary::document(&found, lang, format, paper, trato::system::typeface)?)
            }
            Command::Reminders { action, mark_sent, json } => self.reminders(action, mark_sent, json),
            Command::Settings(SettingsCmd::Show { json }) => {
                let settings = journal::settings(s)?;
                let system = self.system;
                self.show(json, &settings, |s| insight::settings(s, system))
            }
            Command::Settings(SettingsCmd::Set { key, value }) => {
                journal::change_settings(s, |old| old.with(&key, &value))?;
                Ok(())
            }
            Command::Holiday(HolidayCmd::Add { date, name }) => {
                let date = holiday_date(&date)?;
                journal::change_settings(s, |old| old.add_holiday(date, name))?;
                Ok(())
            }
            Command::Holiday(HolidayCmd::Remove { date }) => {
                let date = holiday_date(&date)?;
                journal::change_settings(s, |old| old.remove_holiday(date))?;
                Ok(())
            }
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

    fn client_ids(&mut self, queries: &[String]) -> Result<Vec<ClientId>, CliError> {
        queries.iter().map(|q| self.client_id(q)).collect()
    }

    fn export(&mut self, cmd: ExportCmd) -> Result<(), CliError> {
        let c = self.clock;
        let (out, text) = match cmd {
            ExportCmd::Vcard { clients, version, out } => {
                let only = self.client_ids(&clients)?;
                (out, export::vcards(self.store, &only, version)?)
            }
            ExportCmd::Csv { what, clients, out } => {
                let only = self.client_ids(&clients)?;
                let text = match what {
                    CsvWhat::Clients => export::clients_csv(self.store, &only, c.tz)?,
                    CsvWhat::Entries => export::entries_csv(self.store, c, &only)?,
                };
                (out, text)
            }
            ExportCmd::Ics { clients, todos, out } => {
                let only = self.client_ids(&clients)?;
                (out, export::calendar::feed(self.store, c, &only, todos)?)
            }
        };
        self.deliver(out, &text)
    }

    fn contacts(&mut self, cmd: ContactsCmd) -> Result<(), CliError> {
        use trato::importing::{self, Choices};
        let c = self.clock;
        match cmd {
            ContactsCmd::Import { files, format, map, accept_proposed, decide, dry_run, json } => {
                let map = trato::contacts::ColumnMap::parse(&map)
                    .map_err(|source| CliError::Contacts { path: PathBuf::from("--map"), source })?;
                let format = match format {
                    ImportFormat::Auto => None,
                    ImportFormat::Google => Some(trato::contacts::SourceFormat::Google),
                    ImportFormat::Outlook => Some(trato::contacts::SourceFormat::Outlook),
                    ImportFormat::Linkedin => Some(trato::contacts::SourceFormat::Linkedin),
                    ImportFormat::Vcard => Some(trato::contacts::SourceFormat::Vcard),
                    ImportFormat::Csv => Some(trato::contacts::SourceFormat::Csv),
                };
                let mut sources = Vec::with_capacity(files.len());
                for path in files {
                    let read = trato::contacts::read_file(&path)
                        .and_then(|bytes| trato::contacts::read(&bytes, format, &map))
                        .map_err(|source| CliError::Contacts { path: path.clone(), source })?;
                    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    sources.push(importing::Source::new(name, read));
                }
                let decisions = decide.iter().map(|d| super::contacts::decision(d)).collect::<Result<_, _>>().map_err(CliError::Usage)?;
                let choices = Choices { decisions, accept_proposed };
                if dry_run {
                    let preview = importing::preview(self.store, c, &sources, &choices)?;
                    return self.show(json, &preview, super::contacts::preview);
                }
                let done = importing::commit(self.store, c, &sources, &choices, None)?;
                if json {
                    return self.json(&done);
                }
                tell!("{}", super::contacts::preview(&done.preview).trim_end());
                match done.batch {
                    Some(batch) => {
                        tell!("imported; `trato contacts undo {batch}` takes it back");
                        self.id_line(batch)
                    }
                    None => {
                        tell!("nothing to import: every record is already in Trato, left out, or waiting for your decision");
                        Ok(())
                    }
                }
            }
            ContactsCmd::Undo { batch } => {
                let done = importing::undo(self.store, c, &batch)?;
                eprint!("{}", output::terminal(&super::contacts::undone(&done)));
                Ok(())
            }
            ContactsCmd::Imports { json } => {
                let list = importing::batches(self.store)?;
                self.show(json, &list, |l| super::contacts::batches(l, c.tz))
            }
        }
    }

    fn backup(&mut self, action: Option<BackupCmd>, out: Option<PathBuf>) -> Result<(), CliError> {
        let c = self.clock;
        let settings = journal::settings(self.store)?;
        let path = self.store.path().to_path_buf();
        match action {
            None => {
                let made = backup::now(&path, &settings, c, out.as_deref())?;
                self.print(&format!("{}\n", made.path))
            }
            Some(BackupCmd::List { json }) => {
                let list = backup::list(&path, &settings)?;
                self.show(json, &list, |list| output::backups(list, c.tz))
            }
            // Handled before the journal is opened (see `run`).
            Some(BackupCmd::Restore { .. }) => Ok(()),
        }
    }

    fn reminders(&mut self, action: Option<RemindersCmd>, mark_sent: bool, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        match action {
            None => {
                let mut plan = reminding::due_reminders(self.store, c)?;
                if mark_sent {
                    plan.send = reminding::mark_sent(self.store, c, &plan.send)?;
                }
                self.show(json, &plan, |p| super::reminders::plan(p, c.tz, mark_sent))
            }
            Some(RemindersCmd::Snooze { key, for_, until_tomorrow: _, until }) => {
                let key: ReminderKey = key.parse().map_err(JournalError::from)?;
                let how = match (for_, until) {
                    (Some(span), _) => Snooze::for_span(&span).map_err(JournalError::from)?,
                    (None, Some(at)) => Snooze::Until { at: parse_moment("--until", &at, &self.reader(), Towards::Future)? },
                    // clap requires one of the three.
                    (None, None) => Snooze::UntilTomorrow,
                };
                let until = reminding::snooze(self.store, c, &key, how)?;
                tell!("snoozed until {} ({})", output::local(until, c.tz), c.tz);
                Ok(())
            }
            Some(RemindersCmd::Sent { limit, json }) => {
                let list = reminding::sent_reminders(self.store, limit)?;
                self.show(json, &list, |list| super::reminders::sent(list, c.tz))
            }
        }
    }

    fn client(&mut self, cmd: ClientCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            ClientCmd::Add { name, fields } => {
                let id = journal::add_client(self.store, c, &name, patch(None, fields, Vec::new()))?;
                self.id_line(id)
            }
            ClientCmd::List { all, json } => {
                let list = journal::clients(self.store, all)?;
                self.show(json, &list, |list| output::clients(list))
            }
            ClientCmd::Show { client, json } => {
                let found = journal::find_client(self.store, &client)?;
                self.show(json, &found, |found| output::client(found, c.tz))
            }
            ClientCmd::Edit { client, name, fields, untags } => {
                let id = self.client_id(&client)?;
                journal::edit_client(self.store, c, id, patch(name, fields, untags))?;
                Ok(())
            }
            ClientCmd::Archive { client } => {
                let id = self.client_id(&client)?;
                Ok(journal::archive_client(self.store, c, id, true)?)
            }
            ClientCmd::Unarchive { client } => {
                let id = self.client_id(&client)?;
                Ok(journal::archive_client(self.store, c, id, false)?)
            }
        }
    }

    fn request(&mut self, cmd: RequestCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            RequestCmd::Add { client, summary, when, answer_by } => {
                let new = self.new_entry(&client, summary, &when)?;
                let answer_by =
                    answer_by.as_deref().map(|s| parse_moment("--answer-by", s, &self.reader(), Towards::Future)).transpose()?;
                let id = journal::add_request(self.store, c, new, answer_by)?;
                self.id_line(id)
            }
            RequestCmd::FollowUp { id, when, note } => {
                let at = self.at(&when.at)?;
                Ok(journal::follow_up_request(self.store, c, entry_id(&id)?, at, when.channel, note).map(drop)?)
            }
            RequestCmd::Reply { id, at, note } => {
                let at = self.at(&at.at)?;
                Ok(journal::reply_request(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
            RequestCmd::Done { id, at } => self.close_request(&id, Closing::Done, &at.at, None),
            RequestCmd::Decline { id, at, note } => self.close_request(&id, Closing::Declined, &at.at, note),
            RequestCmd::Withdraw { id, at, note } => self.close_request(&id, Closing::Withdrawn, &at.at, note),
        }
    }

    fn close_request(&mut self, id: &str, how: Closing, at: &Option<String>, note: Option<String>) -> Result<(), CliError> {
        let at = self.at(at)?;
        Ok(journal::close_request(self.store, self.clock, entry_id(id)?, how, at, note).map(drop)?)
    }

    fn promise(&mut self, cmd: PromiseCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            PromiseCmd::Add { client, summary, due, for_request, when } => {
                let new = self.new_entry(&client, summary, &when)?;
                let due = self.due(&due)?;
                let for_request = for_request.as_deref().map(entry_id).transpose()?;
                let id = journal::add_promise(self.store, c, new, due, for_request)?;
                self.id_line(id)
            }
            PromiseCmd::Keep { id, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::keep_promise(self.store, c, entry_id(&id)?, at).map(drop)?)
            }
            PromiseCmd::Reschedule { id, due, reason, at } => {
                let at = self.at(&at.at)?;
                let due = self.due(&due)?;
                Ok(journal::reschedule_promise(self.store, c, entry_id(&id)?, at, due, &reason).map(drop)?)
            }
            PromiseCmd::Break { id, reason, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::break_promise(self.store, c, entry_id(&id)?, at, reason).map(drop)?)
            }
            PromiseCmd::Release { id, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::release_promise(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
        }
    }

    fn incident(&mut self, cmd: IncidentCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            IncidentCmd::Add { client, summary, noticed_by, severity, when } => {
                let new = self.new_entry(&client, summary, &when)?;
                let id = journal::add_incident(self.store, c, new, noticed_by, severity)?;
                self.id_line(id)
            }
            IncidentCmd::Step { id, step, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::incident_step(self.store, c, entry_id(&id)?, step, at, note).map(drop)?)
            }
        }
    }

    fn feedback(&mut self, cmd: FeedbackCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            FeedbackCmd::Add { client, rating, nps, stage, cause, comment, when } => {
                let score = match (rating, nps) {
                    (Some(r), _) => Score::Rating(r),
                    (None, Some(n)) => Score::Nps(n),
                    // clap requires one of the two.
                    (None, None) => Score::Rating(0),
                };
                let new = self.new_entry(&client, String::new(), &when)?;
                let stage = match stage {
                    Some(stage) => stage,
                    // As of when it was given: a back-dated feedback follows what was open then.
                    None => insights::feedback_stage(self.store, Clock::new(new.at.unwrap_or(c.now), c.tz).speaking(c.lang), new.client)?,
                };
                let id = journal::add_feedback(self.store, c, new, NewFeedback { score, stage, cause, comment })?;
                self.id_line(id)
            }
            FeedbackCmd::FollowUp { id, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::follow_up_feedback(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
        }
    }
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn entry_id(s: &str) -> Result<EntryId, CliError> {
    s.parse().map_err(|_| CliError::BadId(s.to_string()))
}

fn patch(name: Option<String>, f: ClientFields, remove_tags: Vec<String>) -> ClientPatch {
    ClientPatch {
        name,
        organisation: f.org,
        email: f.email,
        phone: f.phone,
        preferred_channel: if f.no_preferred_channel { Some(None) } else { f.preferred_channel.map(Some) },
        status: f.status,
        add_tags: f.tags,
        remove_tags,
        notes: f.notes,
        availability: f.availability,
        response_target_hours: f.response_target,
    }
}

/// Writes beside the target and renames, so an interrupted export never leaves
/// half a file; a failed write removes what it began.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    data_file::write_whole(path, bytes).map_err(|source| CliError::File { path: path.to_path_buf(), source })
}

fn holiday_date(text: &str) -> Result<chrono::NaiveDate, CliError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| SettingsError::BadDate(text.to_string()).into())
}
