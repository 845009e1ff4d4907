//! The command line's grammar (clap): a public contract, documented in docs/cli.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use trato::domain::incident::RecoveryStep;
use trato::domain::{
    Cause, Channel, ClientStatus, Direction, IncidentSeverity, Language, NoticedBy, Register, RescheduleCause, SetBy, Stage,
};
use trato::summary::{Format, Paper, Period};
// The domain's choices derive clap::ValueEnum, so the CLI spells them as the JSON does.

#[derive(Parser, Debug)]
#[command(name = "trato", version, about = "A journal of client relationships: promises, requests, incidents, feedback.", long_about = None)]
pub struct Cli {
    /// The journal file [default: the desktop app's, see docs/cli.md]
    #[arg(long, global = true, env = "TRATO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The clock for this run, RFC 3339 (e.g. 2026-03-05T09:00:00+01:00) [default: the system clock]
    #[arg(long, global = true, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Time zone for this run, overriding the setting (IANA name, e.g. Europe/Madrid)
    #[arg(long, global = true, value_name = "IANA")]
    pub tz: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a journal where no file is yet (or in place of an empty file); a journal already there is left as it is
    Init,
    /// Add, list, show, edit and archive clients
    #[command(subcommand)]
    Client(ClientCmd),
    /// Log an interaction (a call, e-mail, meeting… in either direction)
    Log {
        /// The client: its id, or its name in any case
        client: String,
        /// What it was about, in one line
        summary: String,
        #[arg(long, value_enum)]
        dir: Direction,
        #[command(flatten)]
        when: When,
    },
    /// Requests the client made: add, follow up, reply, close
    #[command(subcommand)]
    Request(RequestCmd),
    /// Promises you made: add, keep, reschedule, break, release
    #[command(subcommand)]
    Promise(PromiseCmd),
    /// Mistakes and how they were repaired
    #[command(subcommand)]
    Incident(IncidentCmd),
    /// After a mistake: a draft to the client, the check of what you wrote, the checklist ticked
    #[command(subcommand)]
    Recovery(RecoveryCmd),
    /// What the client thought of the work
    #[command(subcommand)]
    Feedback(FeedbackCmd),
    /// Free-text notes
    #[command(subcommand)]
    Note(NoteCmd),
    /// A client's timeline, newest first
    Timeline {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long)]
        json: bool,
    },
    /// Find clients and entries by their words, best match first
    Search {
        /// Words to look for: each must start a word of the item, accents and case ignored
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Correct an entry's summary, channel or date (its history keeps the old version)
    #[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["summary", "channel", "at"])))]
    Edit {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long, value_enum)]
        channel: Option<Channel>,
        /// When it really happened (RFC 3339, or local "YYYY-MM-DD HH:MM")
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Take back the last action recorded on an entry (a keep, a reply, a follow-up…), while it is still the entry's last change
    Undo {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
    },
    /// What is in the trash
    Trash {
        #[arg(long)]
        json: bool,
    },
    /// Move a client or an entry to the trash
    Delete { id: String },
    /// Bring a client or an entry back from the trash
    Restore { id: String },
    /// Every change made to a client or an entry
    History {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the whole journal as JSON (docs/format.md), or clients as vCard/CSV, entries as CSV, promises as iCalendar
    #[command(args_conflicts_with_subcommands = true)]
    Export {
        #[command(subcommand)]
        format: Option<ExportCmd>,
        /// The file to write [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Add a journal exported as JSON; all or nothing
    Import { file: PathBuf },
    /// Bring clients in from Google Contacts, Outlook, LinkedIn, vCard or any CSV; undo an import
    #[command(subcommand)]
    Contacts(ContactsCmd),
    /// Client mail: your own addresses, importing .eml and .mbox files, reviewing what they propose
    #[command(subcommand)]
    Mail(crate::mail::MailCmd),
    /// Back up the journal now (prints the backup's path), list the backups, or restore one
    #[command(args_conflicts_with_subcommands = true)]
    Backup {
        #[command(subcommand)]
        action: Option<BackupCmd>,
        /// Write the backup to this file instead of the backups folder (it is then left out of the rotation)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Fill an empty journal with a realistic sample, dated relative to now
    Demo,
    /// What needs attention now, most urgent first (docs/cli.md has the JSON)
    Today {
        #[arg(long)]
        json: bool,
    },
    /// One client's signals now
    Signals {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long)]
        json: bool,
    },
    /// A client's trust score with its explanation, 12-week trend and your record
    Score {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long)]
        json: bool,
    },
    /// Your record of promises and replies, with one client or with all
    Record {
        /// The client: its id, or its name in any case [default: every client]
        client: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A client's relationship summary to print or hand over, as HTML or PDF
    Summary {
        /// The client: its id, or its name in any case
        client: String,
        /// How far back: the last 3, 6 or 12 months, or the whole relationship
        #[arg(long, value_enum, default_value = "all")]
        period: Period,
        /// The language [default: the journal's, see `settings show`]
        #[arg(long, value_parser = ["es", "en"])]
        lang: Option<String>,
        #[arg(long, value_enum)]
        format: Format,
        /// The PDF's paper size
        #[arg(long, value_enum, default_value = "a4")]
        paper: Paper,
        /// The file to write; replaced whole, never left half-written
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The copy to hand the client: without the trust score, its reasons and trend, nor the causes given to their feedback
        #[arg(long)]
        for_client: bool,
    },
    /// Reminders due now, and those held back by quiet hours, the digest's time or a snooze
    #[command(args_conflicts_with_subcommands = true)]
    Reminders {
        #[command(subcommand)]
        action: Option<RemindersCmd>,
        /// Record what is due now as delivered (for cron); lists only what this run recorded
        #[arg(long)]
        mark_sent: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show or change the settings (business hours, thresholds, weights…)
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Days without business hours
    #[command(subcommand)]
    Holiday(HolidayCmd),
}

/// What a CSV export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvWhat {
    /// One row per client
    Clients,
    /// One row per timeline entry
    Entries,
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// Clients as vCards, for an address book (4.0; 3.0 for Apple Contacts)
    Vcard {
        /// Only this client (its id, or its name in any case); repeat for several [default: every client]
        #[arg(long = "client", value_name = "C")]
        clients: Vec<String>,
        #[arg(long = "version", value_enum, default_value = "4", value_name = "3|4")]
        version: trato::journal::export::VcardVersion,
        /// The file to write; replaced whole, never left half-written [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Clients or timeline entries as CSV, for a spreadsheet (columns in docs/format.md)
    Csv {
        #[arg(value_enum)]
        what: CsvWhat,
        /// Only this client (its id, or its name in any case); repeat for several [default: every client]
        #[arg(long = "client", value_name = "C")]
        clients: Vec<String>,
        /// The file to write; replaced whole, never left half-written [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Open promises and answers owed as an iCalendar file, for any calendar app
    Ics {
        /// Only this client (its id, or its name in any case); repeat for several [default: every client]
        #[arg(long = "client", value_name = "C")]
        clients: Vec<String>,
        /// Also write each item as a to-do (VTODO), for Thunderbird-style calendars [default: the setting calendar.todos]
        #[arg(long)]
        todos: bool,
        /// The file to write; replaced whole, never left half-written [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SettingsCmd {
    /// Every setting and its value
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change one setting, e.g. `business_hours.start 08:30` or `thresholds.due_soon_hours 24`
    Set {
        /// The setting's name as `settings show` lists it
        key: String,
        /// The new value; `system` for time_zone or language follows the system's
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum RemindersCmd {
    /// Hold one reminder back (again, if it was shown): --for SPAN, --until-tomorrow or --until WHEN
    #[command(group(clap::ArgGroup::new("how").required(true).args(["for_", "until_tomorrow", "until"])))]
    Snooze {
        /// The reminder's key, as `trato reminders` shows it
        key: String,
        /// For a while: 30m, 1h, 2d
        #[arg(long = "for", value_name = "SPAN")]
        for_: Option<String>,
        /// Until tomorrow at the digest's time (reminders.digest_time, 09:00)
        #[arg(long)]
        until_tomorrow: bool,
        /// Until a moment (RFC 3339, or local "YYYY-MM-DD HH:MM")
        #[arg(long, value_name = "WHEN")]
        until: Option<String>,
    },
    /// The reminders delivered, newest first
    Sent {
        /// How many to show
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

/// Which reader a contacts file goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// Tell from the file's contents
    Auto,
    Google,
    Outlook,
    Linkedin,
    Vcard,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum BackupCmd {
    /// The backups, newest first: when, why, size, entries, and whether they passed their check
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the journal by a backup (the journal as it is now is backed up first).
    /// Not `trato restore ID`, which brings an item back from the trash
    Restore {
        /// A backup file (`trato backup list` shows them)
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ContactsCmd {
    /// Preview, then import contacts files: new clients, merges into the ones you have, possible duplicates
    Import {
        /// Google Contacts or Outlook CSV, LinkedIn Connections.csv, .vcf, or any CSV with a header
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "auto")]
        format: ImportFormat,
        /// For another CSV: which column holds what, e.g. --map "Nombre=name" --map "Correo=email";
        /// fields: name, given_name, family_name, organisation, title, email, phone, notes, tags
        #[arg(long = "map", value_name = "COL=FIELD")]
        map: Vec<String>,
        /// Merge every possible duplicate (same name and organisation) into the client it looks like
        #[arg(long)]
        accept_proposed: bool,
        /// Decide one row of the preview: ROW=new, ROW=merge or ROW=skip (rows as the preview numbers them)
        #[arg(long = "decide", value_name = "ROW=CHOICE")]
        decide: Vec<String>,
        /// Only show what would happen; write nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Undo an import: what it created goes to the trash, what it merged is taken back
    Undo {
        /// The import's id, as `contacts import` printed it (also in `contacts imports`)
        batch: String,
    },
    /// The imports made, newest first
    Imports {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum HolidayCmd {
    /// Add a holiday: no business hours that day
    Add {
        /// The day, YYYY-MM-DD
        date: String,
        /// What it is, e.g. "San José"
        name: Option<String>,
    },
    /// Remove a holiday
    Remove {
        /// The day, YYYY-MM-DD
        date: String,
    },
}

impl Command {
    /// Whether the command may change the journal; after one that may, the
    /// calendar file (`calendar.ics_folder`) is written again. Unsure means yes:
    /// rewriting it for nothing costs little, missing a change misleads.
    pub fn may_write(&self) -> bool {
        !matches!(
            self,
            Command::Client(ClientCmd::List { .. } | ClientCmd::Show { .. })
                | Command::Timeline { .. }
                | Command::Search { .. }
                | Command::Trash { .. }
                | Command::History { .. }
                | Command::Export { .. }
                | Command::Contacts(ContactsCmd::Import { dry_run: true, .. } | ContactsCmd::Imports { .. })
                | Command::Today { .. }
                | Command::Signals { .. }
                | Command::Score { .. }
                | Command::Record { .. }
                | Command::Promise(PromiseCmd::Suggest { .. })
                | Command::Summary { .. }
                | Command::Reminders { .. }
                | Command::Settings(SettingsCmd::Show { .. })
        )
    }

    /// Whether the command may start a new journal. Only these can: any other
    /// needs something already in it, and running one against a mistyped --db
    /// must not leave an empty journal behind.
    pub fn starts_a_journal(&self) -> bool {
        matches!(
            self,
            Command::Init
                | Command::Client(ClientCmd::Add { .. })
                | Command::Demo
                | Command::Import { .. }
                | Command::Contacts(ContactsCmd::Import { .. })
                | Command::Settings(SettingsCmd::Set { .. })
                | Command::Holiday(HolidayCmd::Add { .. })
        )
    }
}

/// `--at` for the moment something happened; now when left out.
#[derive(Args, Debug, Clone, Default)]
pub struct When {
    /// When it happened (RFC 3339, or local "YYYY-MM-DD HH:MM") [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// How it happened [default: other; a follow-up: the request's channel]
    #[arg(long, value_enum)]
    pub channel: Option<Channel>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct At {
    /// When it happened (RFC 3339, or local "YYYY-MM-DD HH:MM") [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct ClientFields {
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long, value_enum)]
    pub preferred_channel: Option<Channel>,
    /// Clear the preferred channel
    #[arg(long, conflicts_with = "preferred_channel")]
    pub no_preferred_channel: bool,
    #[arg(long, value_enum)]
    pub status: Option<ClientStatus>,
    /// A tag; repeat for several
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Availability and quiet times, in the client's words
    #[arg(long)]
    pub availability: Option<String>,
    /// This client's answer target in business hours (0 = the default setting)
    #[arg(long, value_name = "HOURS")]
    pub response_target: Option<f64>,
    /// The language drafts to this client are written in [default: the journal's]
    #[arg(long, value_enum)]
    pub language: Option<Language>,
    /// How drafts address the client: familiar (tú) or formal (usted) [default: formal]
    #[arg(long, value_enum)]
    pub register: Option<Register>,
}

#[derive(Subcommand, Debug)]
pub enum ClientCmd {
    /// Add a client; prints its id
    Add {
        /// The client's name
        name: String,
        #[command(flatten)]
        fields: ClientFields,
    },
    /// The clients, by name
    List {
        /// Include archived clients
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    Show {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a client's details (an empty value clears a field)
    Edit {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: ClientFields,
        /// Remove a tag; repeat for several
        #[arg(long = "untag", value_name = "T")]
        untags: Vec<String>,
    },
    /// Hide a client from the everyday lists, keeping its history
    Archive { client: String },
    /// Bring an archived client back to the lists
    Unarchive { client: String },
}

#[derive(Subcommand, Debug)]
pub enum RequestCmd {
    /// Something the client asked for; prints its id
    Add {
        /// The client: its id, or its name in any case
        client: String,
        /// What it was about, in one line
        summary: String,
        #[command(flatten)]
        when: When,
        /// Answer by this moment instead of the response target
        #[arg(long, value_name = "WHEN")]
        answer_by: Option<String>,
    },
    /// The client asked again
    FollowUp {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        when: When,
        #[arg(long)]
        note: Option<String>,
    },
    /// You answered the client
    Reply {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        at: At,
        #[arg(long)]
        note: Option<String>,
    },
    /// Delivered in full
    Done {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        at: At,
    },
    /// You said no
    Decline {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        at: At,
        #[arg(long)]
        note: Option<String>,
    },
    /// The client no longer wants it
    Withdraw {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        at: At,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PromiseCmd {
    /// Something you committed to; prints its id
    Add {
        /// The client: its id, or its name in any case
        client: String,
        /// What it was about, in one line
        summary: String,
        /// A day (2026-03-04: by the end of it) or a moment (RFC 3339, or local "YYYY-MM-DD HH:MM")
        #[arg(long)]
        due: String,
        /// The request this promise answers
        #[arg(long, value_name = "ID")]
        for_request: Option<String>,
        /// What kind of promise, a word or two: entrega, presupuesto, corrección, … (your suggested dates compare like with like)
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// Who chose the date: `client` leaves it out of your calibration
        #[arg(long, value_enum, default_value = "me")]
        set_by: SetBy,
        #[command(flatten)]
        when: When,
    },
    /// The due date your own record says you can keep, and why
    Suggest {
        /// The client: its id, or its name in any case
        client: String,
        /// What kind of promise (as in `promise add --kind`)
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// The date you are thinking of: a day or a moment, as in `promise add --due`
        #[arg(long)]
        due: String,
        /// The language [default: the journal's, see `settings show`]
        #[arg(long, value_parser = ["es", "en"])]
        lang: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Keep {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[command(flatten)]
        at: At,
    },
    /// A new due date, with the reason given to the client
    Reschedule {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        due: String,
        #[arg(long)]
        reason: String,
        /// Whose the move was: a move the client asked for is not counted as your slip
        #[arg(long, value_enum)]
        cause: Option<RescheduleCause>,
        #[command(flatten)]
        at: At,
    },
    Break {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        at: At,
    },
    /// The client let you off
    Release {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        at: At,
    },
}

#[derive(Subcommand, Debug)]
pub enum IncidentCmd {
    /// A mistake; prints its id
    Add {
        /// The client: its id, or its name in any case
        client: String,
        /// What it was about, in one line
        summary: String,
        #[arg(long, value_enum, default_value = "us")]
        noticed_by: NoticedBy,
        #[arg(long, value_enum, default_value = "minor")]
        severity: IncidentSeverity,
        #[command(flatten)]
        when: When,
    },
    /// A recovery step (compensated needs --note saying what was offered)
    Step {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(value_enum)]
        step: RecoveryStep,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        at: At,
    },
}

#[derive(Subcommand, Debug)]
pub enum RecoveryCmd {
    /// A draft message to the client about an incident, a promise missed, a
    /// request asked again or a low rating; Trato never sends it. Prints the
    /// subject and text; what the check notices goes to standard error
    Draft {
        /// The entry's id (see `trato timeline CLIENT`)
        id: String,
        /// Whom the greeting names [default: the client's name]
        #[arg(long)]
        to: Option<String>,
        /// What it was about, as the apology names it [default: the entry's summary]
        #[arg(long)]
        topic: Option<String>,
        /// What happened, plainly, without excuses
        #[arg(long)]
        what: Option<String>,
        /// The one sentence taking responsibility
        #[arg(long)]
        responsibility: Option<String>,
        /// How you will put it right
        #[arg(long)]
        repair: Option<String>,
        /// By when [default: the date your record says you can keep]
        #[arg(long, value_name = "DATE")]
        by: Option<String>,
        /// What you offer to make up for it [default: the kind that matches the loss]
        #[arg(long, value_enum)]
        amends: Option<trato::recovery::Amends>,
        /// The offer in your words, in place of the usual sentence
        #[arg(long, value_name = "TEXT")]
        amends_detail: Option<String>,
        /// What changes so that it does not happen again
        #[arg(long)]
        prevention: Option<String>,
        /// The draft's language [default: the client's, else the journal's]
        #[arg(long, value_enum)]
        language: Option<Language>,
        /// Tú or usted [default: the client's, else formal]
        #[arg(long, value_enum)]
        register: Option<Register>,
        #[arg(long)]
        json: bool,
    },
    /// Checks an apology you wrote: regret in place of an apology, blame moved
    /// away, someone else's apology, a missing responsibility sentence or date
    Check {
        /// The file holding the text; standard input when absent or -
        file: Option<PathBuf>,
        /// The text's language [default: the journal's]
        #[arg(long, value_enum)]
        language: Option<Language>,
        #[arg(long)]
        json: bool,
    },
    /// The message about an incident was sent: ticks acknowledged, apologized
    /// and explained (those not yet taken), or only the steps given
    Sent {
        /// The incident's id
        id: String,
        /// A step to tick; repeat for several [default: all three]
        #[arg(long = "step", value_enum)]
        steps: Vec<RecoveryStep>,
    },
}

#[derive(Subcommand, Debug)]
pub enum FeedbackCmd {
    /// What the client thought; prints its id
    Add {
        /// The client: its id, or its name in any case
        client: String,
        #[arg(long, conflicts_with = "nps", required_unless_present = "nps", value_name = "1..5", allow_negative_numbers = true)]
        rating: Option<i64>,
        #[arg(long, value_name = "0..10", allow_negative_numbers = true)]
        nps: Option<i64>,
        /// When it was given [default: end when the client's last matter closed in the past week and none is open, mid otherwise]
        #[arg(long, value_enum)]
        stage: Option<Stage>,
        #[arg(long, value_enum)]
        cause: Option<Cause>,
        #[arg(long)]
        comment: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// You followed up on the feedback
    FollowUp {
        /// The id printed when it was added (also in `trato timeline CLIENT`)
        id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        at: At,
    },
}

#[derive(Subcommand, Debug)]
pub enum NoteCmd {
    /// A free-text note; prints its id
    Add {
        /// The client: its id, or its name in any case
        client: String,
        /// The note
        text: String,
        #[command(flatten)]
        at: At,
    },
}
