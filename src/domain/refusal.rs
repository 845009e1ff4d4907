//! What Trato refuses, as data: a stable code and the facts a sentence needs.
//! No sentence is written here: each face (the CLI, the app) words a refusal
//! in its user's language from its own catalogue, so a Spanish user never reads
//! the English of another face, and a script or the UI branches on the code.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// Declares the codes once: the enum, its stable spelling and the list of all
/// of them (which the catalogues' tests walk, so a new code can't go unworded).
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// Every refusal Trato can give, by the name scripts and the UI branch on.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ts_rs::TS)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $text)] $name,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as scripts and the UI spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }
        }
    };
}

codes! {
    // What the rules of the journal refuse (domain).
    Empty = "empty",
    TooLong = "too_long",
    InTheFuture = "in_the_future",
    BeforeEntry = "before_entry",
    BeforeLastEvent = "before_last_event",
    WrongKind = "wrong_kind",
    NotOpen = "not_open",
    ReasonRequired = "reason_required",
    DueBeforeMade = "due_before_made",
    DueAlreadyPassed = "due_already_passed",
    SameDue = "same_due",
    RatingOutOfRange = "rating_out_of_range",
    NpsOutOfRange = "nps_out_of_range",
    StepAlreadyTaken = "step_already_taken",
    CompensationNeedsNote = "compensation_needs_note",
    RequestOfAnotherClient = "request_of_another_client",
    BadEmail = "bad_email",
    BadPhone = "bad_phone",
    BadResponseTarget = "bad_response_target",
    AnswerByBeforeAsked = "answer_by_before_asked",
    OutOfYears = "out_of_years",
    NotForKind = "not_for_kind",
    NotForEvent = "not_for_event",
    EventChanged = "event_changed",
    CausedByPromise = "caused_by_promise",
    DuplicateTag = "duplicate_tag",
    // What the use cases refuse.
    ClientNotFound = "client_not_found",
    AmbiguousClient = "ambiguous_client",
    NotFound = "not_found",
    InTrash = "in_trash",
    NotInTrash = "not_in_trash",
    NotEmpty = "not_empty",
    ChangedSince = "changed_since",
    NothingToUndo = "nothing_to_undo",
    NothingToRepair = "nothing_to_repair",
    // Settings.
    UnknownTimeZone = "unknown_time_zone",
    HoursBackwards = "hours_backwards",
    NoWorkingDays = "no_working_days",
    BadAnswerTarget = "bad_answer_target",
    SettingOutOfRange = "setting_out_of_range",
    UnknownSetting = "unknown_setting",
    HolidaysByCommand = "holidays_by_command",
    BadTime = "bad_time",
    BadSetting = "bad_setting",
    DuplicateHoliday = "duplicate_holiday",
    NoSuchHoliday = "no_such_holiday",
    BadDate = "bad_date",
    EmptyQuietWindow = "empty_quiet_window",
    // Typed moments and due dates.
    BadMoment = "bad_moment",
    BadDue = "bad_due",
    NeedsTime = "needs_time",
    SkippedHour = "skipped_hour",
    // Reminders.
    BadReminderKey = "bad_reminder_key",
    SnoozeInPast = "snooze_in_past",
    BadSpan = "bad_span",
    SnoozeTooFar = "snooze_too_far",
    // The journal's file.
    CreateFolder = "create_folder",
    CannotCreate = "cannot_create",
    IsAFolder = "is_a_folder",
    Unreadable = "unreadable",
    EmptyFile = "empty_file",
    NotADatabase = "not_a_database",
    NotATratoJournal = "not_a_trato_journal",
    NewerSchema = "newer_schema",
    Busy = "busy",
    ReadOnly = "read_only",
    DiskFull = "disk_full",
    DiskFullReading = "disk_full_reading",
    Corrupt = "corrupt",
    MigrationFailed = "migration_failed",
    BadRow = "bad_row",
    NoWal = "no_wal",
    Database = "database",
    // Backups.
    BackupWrite = "backup_write",
    BackupFailedCheck = "backup_failed_check",
    BackupMissing = "backup_missing",
    // Contacts files and their import ("empty" and "unreadable" say it of the journal).
    ContactsEmpty = "contacts_empty",
    ContactsTooLarge = "too_large",
    ContactsCantOpen = "cant_open",
    ContactsEncoding = "encoding",
    ContactsUnknownFormat = "unknown_format",
    ContactsNoHeader = "no_header",
    ContactsNoCards = "no_cards",
    MappingMalformed = "mapping_malformed",
    MappingColumnMissing = "mapping_column_missing",
    MappingUnknownField = "mapping_unknown_field",
    NoNameColumn = "no_name_column",
    ContactsUnreadable = "contacts_unreadable",
    NoSuchRow = "no_such_row",
    NothingToMerge = "nothing_to_merge",
    PreviewOutdated = "preview_outdated",
    UnknownImport = "unknown_import",
    AlreadyUndone = "already_undone",
    // Client mail and its import.
    MailCantRead = "mail_cant_read",
    MailNotMail = "mail_not_mail",
    MailBadAddress = "mail_bad_address",
    MailBadDomain = "mail_bad_domain",
    MailFreeMailDomain = "mail_free_mail_domain",
    MailDomainTaken = "mail_domain_taken",
    MailNoSuchProposal = "mail_no_such_proposal",
    MailAlreadyReviewed = "mail_already_reviewed",
    MailNotReviewed = "mail_not_reviewed",
    MailEarlierFirst = "mail_earlier_first",
    // The app's mail screens.
    MailCantOpenApp = "mail_cant_open_app",
    // IMAP accounts and their sync.
    MailNoSuchAccount = "mail_no_such_account",
    MailAccountTaken = "mail_account_taken",
    MailBadAccount = "mail_bad_account",
    MailPlaintextRefused = "mail_plaintext_refused",
    MailCantConnect = "mail_cant_connect",
    MailCertificateUntrusted = "mail_certificate_untrusted",
    MailCertificateWrongHost = "mail_certificate_wrong_host",
    MailLoginRefused = "mail_login_refused",
    MailTimedOut = "mail_timed_out",
    MailConnectionLost = "mail_connection_lost",
    MailFolderCantOpen = "mail_folder_cant_open",
    MailServerAnswer = "mail_server_answer",
    MailNoPassword = "mail_no_password",
    MailTokenRefused = "mail_token_refused",
    MailPasswordAccount = "mail_password_account",
    MailNoSignIn = "mail_no_sign_in",
    // Signing in to a mail provider (OAuth 2.0).
    SignInNotHttps = "sign_in_not_https",
    SignInNoLoopback = "sign_in_no_loopback",
    SignInNoRandomness = "sign_in_no_randomness",
    SignInTimedOut = "sign_in_timed_out",
    SignInCancelled = "sign_in_cancelled",
    SignInStateMismatch = "sign_in_state_mismatch",
    SignInDenied = "sign_in_denied",
    SignInRefused = "sign_in_refused",
    SignInAgain = "sign_in_again",
    SignInUnreachable = "sign_in_unreachable",
    SignInBadAnswer = "sign_in_bad_answer",
    // The system's keychain, where mail accounts' passwords are kept.
    KeychainUnavailable = "keychain_unavailable",
    // A journal's export read back.
    InvalidImport = "invalid_import",
    EmptyImport = "empty_import",
    ImportTooDeep = "import_too_deep",
    ImportTooLarge = "import_too_large",
    UnreadableImport = "unreadable_import",
    NotAnExport = "not_an_export",
    NewerExport = "newer_export",
    // Files written.
    SummaryFont = "summary_font",
    PdfFailed = "pdf_failed",
    CsvFailed = "csv_failed",
    FileNotWritten = "file_not_written",
    // The faces' own.
    BadNow = "bad_now",
    BadId = "bad_id",
    NoDataFolder = "no_data_folder",
    NoJournal = "no_journal",
    Usage = "usage",
    BadPath = "bad_path",
    FolderByDialog = "folder_by_dialog",
    WriteFailed = "write_failed",
    NothingPicked = "nothing_picked",
    PrintFailed = "print_failed",
    BadSummaryUrl = "bad_summary_url",
    DesktopSettings = "desktop_settings",
    Autostart = "autostart",
    Internal = "internal",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refusal: its code and the facts a face needs to word it. Every fact is
/// optional; each code's wording names the ones that code carries.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Refusal {
    pub code: Code,
    /// The form field or setting it is about (`title`, `due`, `business_hours`).
    pub field: Option<String>,
    /// What the person gave, quoted back: a name, a tag, a typed date, an id.
    pub value: Option<String>,
    /// The kind of thing concerned (`promise`, `request`), or a step or status.
    pub kind: Option<String>,
    /// A second kind or status: what was expected, what the thing is.
    pub other: Option<String>,
    /// The moment refused, in the journal's zone.
    pub at: Option<DateTime<FixedOffset>>,
    /// The moment it runs into: now, when the entry was made, its last event.
    pub against: Option<DateTime<FixedOffset>>,
    /// A day: a holiday, a due date.
    pub day: Option<NaiveDate>,
    /// A bound: a length, a file size or a depth not to exceed, a version known.
    pub limit: Option<f64>,
    /// A number found: a length, a score, a count, a version, a year.
    pub count: Option<f64>,
    /// A file or folder.
    pub path: Option<String>,
    /// Names to choose from: clients of the same name, setting keys, columns, formats.
    pub choices: Vec<String>,
    /// The system's own words for a cause (an operating system or SQLite error),
    /// which no catalogue can translate; shown as they come.
    pub detail: Option<String>,
}

impl Refusal {
    pub fn new(code: Code) -> Self {
        Refusal {
            code,
            field: None,
            value: None,
            kind: None,
            other: None,
            at: None,
            against: None,
            day: None,
            limit: None,
            count: None,
            path: None,
            choices: Vec::new(),
            detail: None,
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The field, unless one is known already (the outer error knows better).
    pub fn field_or(self, field: &str) -> Self {
        if self.field.is_some() {
            self
        } else {
            self.field(field)
        }
    }

    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }

    pub fn other(mut self, other: impl Into<String>) -> Self {
        self.other = Some(other.into());
        self
    }

    pub fn at(mut self, at: DateTime<Utc>, tz: Option<Tz>) -> Self {
        self.at = Some(in_zone(at, tz));
        self
    }

    pub fn against(mut self, against: DateTime<Utc>, tz: Option<Tz>) -> Self {
        self.against = Some(in_zone(against, tz));
        self
    }

    pub fn day(mut self, day: NaiveDate) -> Self {
        self.day = Some(day);
        self
    }

    pub fn limit(mut self, limit: impl Into<f64>) -> Self {
        self.limit = Some(limit.into());
        self
    }

    pub fn count(mut self, count: impl Into<f64>) -> Self {
        self.count = Some(count.into());
        self
    }

    pub fn path(mut self, path: &std::path::Path) -> Self {
        self.path = Some(path.display().to_string());
        self
    }

    pub fn choices(mut self, choices: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.choices = choices.into_iter().map(Into::into).collect();
        self
    }

    pub fn detail(mut self, detail: impl std::fmt::Display) -> Self {
        self.detail = Some(detail.to_string());
        self
    }
}

/// A moment with the offset of the zone the person lives in, so a face shows
/// the wall-clock time they typed; UTC when the zone is not known (a file's moment).
fn in_zone(t: DateTime<Utc>, tz: Option<Tz>) -> DateTime<FixedOffset> {
    match tz {
        Some(tz) => t.with_timezone(&tz).fixed_offset(),
        None => t.fixed_offset(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_spelled_as_it_crosses_to_the_ui_and_no_two_share_a_spelling() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(code.as_str()), "{code:?}");
            assert!(seen.insert(code.as_str()), "{} is spelled twice", code.as_str());
        }
    }
}
