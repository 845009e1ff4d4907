//! The command line's words for every refusal, in English and Spanish: the
//! core hands over a code and its facts, and only here do they become a
//! sentence (naming the flags and commands a person at a terminal can use).

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use trato::domain::{Code, Language, Refusal};

/// The refusal as a person at the terminal reads it, in `lang`.
pub fn words(r: &Refusal, lang: Language) -> String {
    let text = match lang {
        Language::En => en(&Facts(r)),
        Language::Es => es(&Facts(r)),
    };
    // A contacts file's refusal says which file (or the --map) it is about.
    use Code::*;
    let contacts = matches!(
        r.code,
        ContactsEmpty
            | ContactsTooLarge
            | ContactsCantOpen
            | ContactsEncoding
            | ContactsUnknownFormat
            | ContactsNoHeader
            | ContactsNoCards
            | MappingMalformed
            | MappingColumnMissing
            | MappingUnknownField
            | NoNameColumn
            | ContactsUnreadable
    );
    let text = match (&r.path, contacts) {
        (Some(path), true) => format!("{path}: {text}"),
        _ => text,
    };
    // A backup that failed before an import: the import did nothing.
    match (r.kind.as_deref(), lang) {
        (Some("before_import"), Language::En) => format!("nothing was imported: the journal could not be backed up first ({text})"),
        (Some("before_import"), Language::Es) => format!("no se ha importado nada: antes no se pudo hacer la copia del diario ({text})"),
        _ => text,
    }
}

/// The language refusals are worded in: the journal's setting when its file
/// opens, else the system's. Only asked once something was refused.
pub fn language(db: Option<&Path>) -> Language {
    let journal = db.map(Path::to_path_buf).or_else(trato::data_file::default_path);
    let setting = journal
        .filter(|path| path.is_file())
        .and_then(|path| trato::store::Store::opening(&path).ok())
        // A journal that needs an upgrade is left as it is: only the session upgrades, after its backup.
        .filter(|opening| opening.upgrades().is_ok_and(|upgrades| !upgrades))
        .and_then(|opening| opening.upgrade().ok())
        .and_then(|mut store| trato::journal::settings(&mut store).ok())
        .and_then(|settings| settings.language);
    setting.unwrap_or_else(trato::system::language)
}

/// The facts of a refusal as text, with a visible mark where one is missing
/// (a wording that names a fact its code does not carry is a bug, not a crash).
struct Facts<'a>(&'a Refusal);

impl Facts<'_> {
    fn code(&self) -> Code {
        self.0.code
    }
    fn field(&self) -> &str {
        self.0.field.as_deref().unwrap_or("?")
    }
    fn value(&self) -> &str {
        self.0.value.as_deref().unwrap_or("?")
    }
    fn kind(&self) -> &str {
        self.0.kind.as_deref().unwrap_or("?")
    }
    fn other(&self) -> &str {
        self.0.other.as_deref().unwrap_or("?")
    }
    fn path(&self) -> &str {
        self.0.path.as_deref().unwrap_or("?")
    }
    fn detail(&self) -> &str {
        self.0.detail.as_deref().unwrap_or("?")
    }
    fn count(&self) -> String {
        number(self.0.count)
    }
    fn limit(&self) -> String {
        number(self.0.limit)
    }
    fn day(&self) -> String {
        self.0.day.map(|d| d.to_string()).unwrap_or_else(|| "?".into())
    }
    fn choices(&self) -> String {
        self.0.choices.join(", ")
    }
    /// " (while reading FOLDER)" when a sync was reading a folder.
    fn in_folder(&self, word: &str) -> String {
        self.0.kind.as_deref().map(|k| format!(" ({word} {k})")).unwrap_or_default()
    }
    /// " at PATH" when the journal's file is known.
    fn at_path(&self, word: &str) -> String {
        self.0.path.as_deref().map(|p| format!(" {word} {p}")).unwrap_or_default()
    }
}

fn number(n: Option<f64>) -> String {
    match n {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
        Some(n) => format!("{n}"),
        None => "?".into(),
    }
}

/// A moment as typed at the terminal, with its weekday in `lang`.
fn moment(at: Option<DateTime<FixedOffset>>, lang: Language) -> String {
    const ES: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
    let Some(at) = at else { return "?".into() };
    match lang {
        Language::En => at.format("%a %Y-%m-%d %H:%M").to_string(),
        Language::Es => {
            use chrono::Datelike;
            format!("{} {}", ES[at.weekday().num_days_from_monday() as usize], at.format("%Y-%m-%d %H:%M"))
        }
    }
}

/// "a request", "an incident".
fn article(word: &str) -> &'static str {
    trato::domain::error::article(word)
}

/// Why the keychain could not keep a password (`trato::system::keychain::NoKeychain`).
fn keychain_en(why: &str) -> &'static str {
    match why {
        "keychain_locked" => "the keyring is locked and was not unlocked",
        "keychain_silent" => "the keyring did not answer in time",
        "keychain_failed" => "the keyring refused the request",
        _ => "no Secret Service (GNOME Keyring, KWallet) answers in this desktop session",
    }
}

fn keychain_es(why: &str) -> &'static str {
    match why {
        "keychain_locked" => "el llavero está bloqueado y no se desbloqueó",
        "keychain_silent" => "el llavero no respondió a tiempo",
        "keychain_failed" => "el llavero rechazó la petición",
        _ => "ningún Secret Service (GNOME Keyring, KWallet) responde en esta sesión de escritorio",
    }
}

/// A file offered to restore that is no journal to restore: the journal is as it was.
fn restore_en(f: &Facts) -> Option<String> {
    Some(match f.code() {
        Code::NotADatabase => format!("{} is not a SQLite database, so not a Trato journal; nothing was restored", f.path()),
        Code::NotATratoJournal => format!("{} is a database of another program, not a Trato journal; nothing was restored", f.path()),
        Code::Corrupt => format!("{} is damaged ({}); nothing was restored. Pick another backup (`trato backup list`)", f.path(), f.detail()),
        Code::NewerSchema => format!(
            "{} was written by a newer Trato (journal version {}; this one knows up to {}); update Trato to restore it. Nothing was restored",
            f.path(),
            f.count(),
            f.limit()
        ),
        _ => return None,
    })
}

fn restore_es(f: &Facts) -> Option<String> {
    Some(match f.code() {
        Code::NotADatabase => format!("{} no es una base de datos SQLite, así que no es un diario de Trato; no se ha recuperado nada", f.path()),
        Code::NotATratoJournal => format!("{} es una base de datos de otro programa, no un diario de Trato; no se ha recuperado nada", f.path()),
        Code::Corrupt => format!("{} está dañado ({}); no se ha recuperado nada. Elige otra copia (`trato backup list`)", f.path(), f.detail()),
        Code::NewerSchema => format!(
            "{} lo escribió un Trato más nuevo (versión de diario {}; este conoce hasta la {}); actualiza Trato para recuperarlo. No se ha recuperado nada",
            f.path(),
            f.count(),
            f.limit()
        ),
        _ => return None,
    })
}

fn en(f: &Facts) -> String {
    let r = f.0;
    if let Some(text) = r.kind.as_deref().filter(|k| *k == "restore").and_then(|_| restore_en(f)) {
        return text;
    }
    let at = || moment(r.at, Language::En);
    let against = || moment(r.against, Language::En);
    match f.code() {
        Code::Empty => format!("{} can't be empty", f.field()),
        Code::TooLong => format!("{} is too long ({} characters; at most {})", f.field(), f.count(), f.limit()),
        Code::InTheFuture => format!("{} is in the future (now is {}); Trato records what has already happened", at(), against()),
        Code::BeforeEntry => {
            format!("{} can't be dated {}, before the {} itself ({})", f.value(), at(), f.kind(), against())
        }
        Code::BeforeLastEvent => {
            format!("{} can't be dated {}: the {} already has a later event ({})", f.value(), at(), f.kind(), against())
        }
        Code::WrongKind => format!("{} is {} {}, not {} {}", f.value(), article(f.kind()), f.kind(), article(f.other()), f.other()),
        Code::NotOpen => format!("this {} is already {}; only an open {} can {}", f.kind(), f.other(), f.kind(), f.value()),
        Code::ReasonRequired => "rescheduling needs a reason the client would accept, e.g. --reason \"waiting for photos\"".into(),
        Code::DueBeforeMade => format!("the due date {} is before the promise was made ({})", f.value(), f.other()),
        Code::DueAlreadyPassed => format!("the new due date {} has already passed; choose a later date", f.value()),
        Code::SameDue => format!("the promise is already due {}; give a different date to reschedule it", f.value()),
        Code::RatingOutOfRange => format!("a rating is from 1 to 5 (got {})", f.count()),
        Code::NpsOutOfRange => format!("an NPS score is from 0 to 10 (got {})", f.count()),
        Code::StepAlreadyTaken => format!("the incident was already {} at {}", f.kind(), at()),
        Code::CompensationNeedsNote => "compensation needs a note saying what was offered, e.g. --note \"one month free\"".into(),
        Code::RequestOfAnotherClient => format!("the request {} belongs to another client", f.value()),
        Code::BadEmail => format!("'{}' does not look like an e-mail address", f.value()),
        Code::BadPhone => format!("'{}' does not look like a phone number", f.value()),
        Code::BadResponseTarget => format!("a response target must be a positive number of business hours (got {})", f.count()),
        Code::AnswerByBeforeAsked => format!("the answer-by moment {} is before the request was made ({})", at(), against()),
        Code::OutOfYears => match (&r.value, r.day) {
            (Some(v), _) => format!("{} '{v}': the year {} is outside the years 1900–9999 that Trato keeps dates in", f.field(), f.count()),
            (None, Some(day)) => format!("the holiday {day}: the year {} is outside the years 1900–9999 that Trato keeps dates in", f.count()),
            (None, None) => format!("the year {} is outside the years 1900–9999 that Trato keeps dates in", f.count()),
        },
        Code::NotForKind => format!("{} {} has no {}", article(f.kind()), f.kind(), f.field().replace('_', " ")),
        Code::NotForEvent => format!("this event has no {}", f.field().replace('_', " ")),
        Code::EventChanged => "that event is no longer where it was on this entry (it changed meanwhile); nothing was changed: look at the entry again".into(),
        Code::CausedByPromise => format!("this was recorded by the promise {}: correct or take back the promise instead", f.value()),
        Code::DuplicateTag => format!("the tag '{}' is given twice (also as '{}'); give it once", f.value(), f.other()),
        Code::ClientNotFound => format!("no client is named '{}' (and no client has that id); `trato client list` shows them all", f.value()),
        Code::AmbiguousClient => format!("'{}' could be any of: {}; use the id", f.value(), f.choices()),
        Code::NotFound => format!("nothing in the journal has the id '{}'", f.value()),
        Code::InTrash => format!("{} is in the trash; restore it first with `trato restore {}`", f.kind(), f.value()),
        Code::NotInTrash => format!("{} is not in the trash", f.value()),
        Code::NotEmpty => format!(
            "the sample journal only fills an empty journal, and this one already has {} client(s); use another --db",
            f.count()
        ),
        Code::ChangedSince => format!("{} has changed since that action, so it was not taken back; nothing was changed", f.value()),
        Code::NothingToUndo => {
            format!("the last change to {} was not an action that can be taken back (`trato history` shows its changes)", f.value())
        }
        Code::UnknownTimeZone => format!("'{}' is not a time zone; use an IANA name such as Europe/Madrid or America/Mexico_City", f.value()),
        Code::HoursBackwards => format!("business hours must start before they end, on the same day (got {}–{})", f.value(), f.other()),
        Code::NoWorkingDays => "business hours need at least one working day".into(),
        Code::BadAnswerTarget => format!("the answer target must be a positive number of business hours (got {})", f.count()),
        Code::SettingOutOfRange => format!("{} must be {} (got {})", f.field(), f.kind(), f.count()),
        Code::UnknownSetting => format!("there is no setting '{}'; try one of: {}", f.value(), f.choices()),
        Code::HolidaysByCommand => "holidays are changed one by one: `trato holiday add DATE [NAME]`, `trato holiday remove DATE`".into(),
        Code::BadTime => format!("{}: '{}' is not a time of day; write it as HH:MM, e.g. 08:30", f.field(), f.value()),
        Code::BadSetting => format!("{}: {}", f.field(), f.detail()),
        Code::DuplicateHoliday => format!("{} is already a holiday", f.day()),
        Code::NoSuchHoliday => format!("{} is not a holiday", f.day()),
        Code::BadDate => format!("'{}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-19", f.value()),
        Code::EmptyQuietWindow => format!(
            "quiet hours from {v} until {v} would be no time at all; give two different times, e.g. 20:00 and 08:00",
            v = f.value()
        ),
        Code::BadMoment => format!("{} '{}' is not a moment: use {MOMENTS_EN}", f.field(), f.value()),
        Code::BadDue => format!("--due '{}' is not a due date: use {MOMENTS_EN}; a day alone is due by its end", f.value()),
        Code::NeedsTime => format!("{} '{}' needs a time of day too, e.g. '{} 17:00'", f.field(), f.value(), f.value()),
        Code::SkippedHour => format!("{} '{}' does not exist in {}: the clocks skip that hour", f.field(), f.value(), f.kind()),
        Code::BadReminderKey => format!(
            "'{}' is not a reminder key; keys look like promise_overdue/019c…/2026-03-04 (see `trato reminders`)",
            f.value()
        ),
        Code::SnoozeInPast => format!("a snooze must end after now; {} has already passed", f.value()),
        Code::BadSpan => format!("'{}' is not a span of time; write it as minutes, hours or days, e.g. 30m, 1h, 2d", f.value()),
        Code::SnoozeTooFar => format!(
            "a snooze that long would end too far away: the year {} is outside the years 1900–9999 that Trato keeps dates in",
            f.count()
        ),
        Code::CreateFolder => format!("can't create the folder for the journal at {}: {}", f.path(), f.detail()),
        Code::CannotCreate => format!(
            "can't start a journal at {}: {}; nothing was created. Choose a folder you can write to",
            f.path(),
            io_en(f, "its folder is not writable")
        ),
        Code::IsAFolder => format!(
            "{p} is a folder, not a journal file; nothing in it was changed. Give the journal's file, such as {p}/trato.db",
            p = f.path()
        ),
        Code::Unreadable => format!(
            "can't read the journal at {}: {}; nothing in it was changed. Check that the file and its folder are yours to read",
            f.path(),
            io_en(f, if f.kind() == "folder" { "its folder may not be looked into" } else { "the file is not readable" })
        ),
        Code::EmptyFile => format!("{} is an empty file, not a Trato journal; nothing in it was changed. Trato starts a journal only where there is no file: delete it, or make it a journal with `trato init`", f.path()),
        Code::NotADatabase => format!("{} is not a Trato journal: it is not a database file, or it is damaged beyond recognition; nothing in it was changed. If it was your journal, restore a backup with `trato backup restore FILE`", f.path()),
        Code::NotATratoJournal => format!("{} is a database of another program, not a Trato journal; nothing in it was changed", f.path()),
        Code::NewerSchema => format!(
            "{} was written by a newer Trato (journal version {}; this one knows up to {}); update Trato to open it. Nothing in it was changed",
            f.path(),
            f.count(),
            f.limit()
        ),
        Code::Busy => format!(
            "the journal is in use by another Trato{} and stayed locked past {} seconds; nothing was written. Try again when the other one is done",
            r.path.as_deref().map(|p| format!(" ({p})")).unwrap_or_default(),
            f.limit()
        ),
        Code::ReadOnly => format!("the journal{} is read-only ({}): your change was not saved", f.at_path("at"), read_only_en(f.kind())),
        Code::DiskFull => format!(
            "the disk is full: your change was not saved, and the journal{} is as it was before. Free some space and try again",
            f.at_path("at")
        ),
        Code::DiskFullReading => format!("the disk is full: even to read the journal{}, SQLite needs a little room beside it for its shared-memory file. Nothing in the journal was changed. Free some space and try again", f.at_path("at")),
        Code::Corrupt => format!(
            "the journal{} is damaged ({}); nothing in it was changed. Restore a backup with `trato backup restore FILE` (`trato backup list` shows them)",
            f.at_path("at"),
            f.detail()
        ),
        Code::MigrationFailed => {
            format!("upgrading the journal to version {} failed, and it was left as it was: {}", f.count(), f.detail())
        }
        Code::BadRow => format!("the journal holds {} that can't be read: {}", f.value(), f.detail()),
        Code::NoWal => format!(
            "the journal's folder does not support SQLite's write-ahead log (journal mode {}); keep the journal on a local disk",
            f.value()
        ),
        Code::Database => format!("database error: {}", f.detail()),
        Code::BackupWrite => format!("can't back up the journal into {}: {}", f.path(), f.detail()),
        Code::BackupFailedCheck => format!("the journal is damaged: its backup {} failed the integrity check ({}). The copy is kept as {} to look at, and the journal was not changed; `trato backup list` shows the good backups, `trato backup restore FILE` puts one back", f.path(), f.detail(), f.value()),
        Code::BackupMissing => format!("there is no file at {}; `trato backup list` shows the backups", f.path()),
        Code::ContactsEmpty => "the file is empty: export the contacts again and choose the new file".into(),
        Code::ContactsTooLarge => format!("the file is {} MB, and Trato reads contacts files of up to {} MB: export the contacts in parts (a label, group or folder at a time, or without photos) and import each part", f.count(), f.limit()),
        Code::ContactsCantOpen => format!("the file can't be opened ({})", f.detail()),
        Code::ContactsEncoding => format!("the file's text can't be read ({}); save it again as UTF-8 (\"CSV UTF-8\" in Excel, or \"Unicode (UTF-8)\" in LibreOffice)", f.detail()),
        Code::ContactsUnknownFormat => format!("Trato can't tell what kind of contacts file this is; choose one with --format: {}", f.choices()),
        Code::ContactsNoHeader => format!("no {} header row was found ({}); check the file or choose another --format", f.kind(), f.detail()),
        Code::ContactsNoCards => "no vCard (BEGIN:VCARD … END:VCARD) was found in the file; check it is a .vcf export".into(),
        Code::MappingMalformed => format!("the column mapping \"{}\" should look like \"Column in the file=field\", e.g. \"Correo=email\"", f.value()),
        Code::MappingColumnMissing => format!("the mapping names the column \"{}\", which the file doesn't have; its columns are: {}", f.value(), f.choices()),
        Code::MappingUnknownField => format!("the mapping names the field \"{}\", which Trato doesn't have; the fields are: {}", f.value(), f.choices()),
        Code::NoNameColumn => format!("no column gives a name, organisation or e-mail; map one, e.g. --map \"Nombre=name\" (the file's columns are: {})", f.choices()),
        Code::ContactsUnreadable => format!("the CSV can't be read ({}); open it in a spreadsheet and save it again as CSV", f.detail()),
        Code::NoSuchRow => format!("there is no row {} in the preview", f.count()),
        Code::MailCantRead => format!("{}: the file can't be read ({})", f.path(), f.detail()),
        Code::MailNotMail => format!("{}: not a mail message (.eml) or an mbox: no header could be read; nothing was imported", f.path()),
        Code::MailBadAddress => format!("'{}' is not an e-mail address", f.value()),
        Code::MailBadDomain => format!("'{}' is not a domain name (write it as in an address after the @: acme.example)", f.value()),
        Code::MailFreeMailDomain => format!("{} is a free-mail domain: anyone can have an address there, so it can't be a client's; add the client's own address with `trato client edit CLIENT --email ADDRESS`", f.value()),
        Code::MailDomainTaken => format!("{} is already marked as {}'s domain; `trato mail domain remove` it there first", f.value(), f.other()),
        Code::MailNoSuchProposal => format!("there is no mail proposal {}; `trato mail review` lists them", f.value()),
        Code::MailAlreadyReviewed => format!("mail proposal {} was already reviewed", f.value()),
        Code::MailNotReviewed => format!("mail proposal {} awaits review: there is no review to take back", f.value()),
        Code::NothingToRepair => format!("nothing went wrong with '{}' to write an apology for: a draft is for an incident, a promise missed, a request asked again or a low rating", f.value()),
        Code::MailEarlierFirst => format!("mail proposal {} follows on proposal {} of the same thread: review that one first", f.value(), f.other()),
        Code::MailCantOpenApp => format!("the mail program could not be opened ({})", f.detail()),
        Code::MailNoSuchAccount => format!("there is no mail account '{}'; `trato mail account list` lists them", f.value()),
        Code::MailAccountTaken => format!("there is already a mail account '{}'; choose another name, or `trato mail account remove` it first", f.value()),
        Code::MailBadAccount => format!("the {} '{}' can't be used: write it on one line, at most 255 characters", f.field(), f.value()),
        Code::MailPlaintextRefused => format!("{} is not this machine: a connection without TLS would send the password in the clear; use --security tls (port 993) or starttls (port 143)", f.value()),
        Code::MailCantConnect => format!("can't connect to {} ({}); check the host and port, and that this machine is online", f.value(), f.detail()),
        Code::MailCertificateUntrusted => format!("{} showed a certificate this system does not trust ({}); nothing was sent to it. If the server is yours, add its authority to the system's certificates", f.value(), f.detail()),
        Code::MailCertificateWrongHost => format!("{} showed a certificate made out to another host; nothing was sent to it. Check the host name (e.g. imap.gmail.com)", f.value()),
        Code::MailLoginRefused => format!("{} refused the login {} ({}); check the password (Gmail needs an app password), and nothing was synced", f.other(), f.value(), f.detail()),
        Code::MailTimedOut => format!("{} did not answer in {} s{}; what was committed is kept, and the next sync goes on from there", f.value(), f.count(), f.in_folder("while reading")),
        Code::MailConnectionLost => format!("the connection to {} was lost{} ({}); what was committed is kept, nothing is half-written, and the next sync goes on from there", f.value(), f.in_folder("while reading"), f.detail()),
        Code::MailFolderCantOpen => format!("the folder '{}' can't be opened ({})", f.value(), f.detail()),
        Code::MailServerAnswer => format!("{} gave an answer Trato can't use{} ({})", f.value(), f.in_folder("while reading"), f.detail()),
        Code::MailNoPassword => "no password was given: type it when asked, or pipe it in with --password-stdin".into(),
        Code::MailTokenRefused => format!("{} refused the sign-in of {} ({}); check that the account may read mail over IMAP, then sign in again", f.other(), f.value(), f.detail()),
        Code::MailNoSignIn => format!("mail account {} signs in through the browser, and there is no keychain to keep its sign-in nor a terminal to start one on: run `trato mail sync {}` in a terminal", f.value(), f.value()),
        Code::MailPasswordAccount => format!("mail account {} signs in with a password, not through its provider's page", f.value()),
        Code::SignInNotHttps => format!("{} is not an https address: Trato sends a sign-in only over an encrypted connection", f.value()),
        Code::SignInNoLoopback => format!("no port on this computer could be opened for the browser to come back to ({})", f.detail()),
        Code::SignInNoRandomness => format!("the system gave no randomness to protect the sign-in ({})", f.detail()),
        Code::SignInTimedOut => "the sign-in was not finished in the browser in time; start it again".into(),
        Code::SignInCancelled => "the sign-in was cancelled; nothing was kept".into(),
        Code::SignInStateMismatch => "the browser came back from another sign-in than this one, so it was not trusted; start it again".into(),
        Code::SignInDenied => format!("the provider did not let Trato in ({}); nothing was kept", f.value()),
        Code::SignInRefused => format!("the provider refused the sign-in ({}); check the client id in the account's settings", f.value()),
        Code::SignInAgain => match f.0.value.as_deref() {
            Some(account) => format!("the sign-in of mail account {account} has expired or was withdrawn at the provider, and nothing was synced: sign in again with `trato mail account sign-in {account}`"),
            None => "the sign-in has expired or was withdrawn at the provider: sign in again".into(),
        },
        Code::SignInUnreachable => format!("the provider can't be reached ({}); check the connection and try again", f.detail()),
        Code::SignInBadAnswer => format!("the provider's answer could not be read ({}); nothing was kept", f.detail()),
        Code::KeychainUnavailable if f.0.field.as_deref() == Some("sign_in") => format!("no keychain: Trato will open the browser to sign in at each sync, because {} ({})", keychain_en(f.kind()), f.detail()),
        Code::KeychainUnavailable => format!("no keychain: Trato will ask for the password each time, because {} ({})", keychain_en(f.kind()), f.detail()),
        Code::NothingToMerge => format!("row {} looks like no client, so it can't be merged; choose new or skip", f.count()),
        Code::PreviewOutdated => "the journal changed since this preview was made; look at the new preview before importing".into(),
        Code::UnknownImport => format!("there is no import '{}'; `trato contacts imports` lists them", f.value()),
        Code::AlreadyUndone => format!("the import {} was already undone on {}", f.value(), f.other()),
        Code::InvalidImport => format!("{}: {}", f.value(), f.detail()),
        Code::EmptyImport => "the file is empty: there is nothing to import. A Trato export is the JSON file `trato export --out FILE` writes".into(),
        Code::ImportTooDeep => format!("{}: lists and objects nest more than {} deep here, far deeper than in any Trato export; this file is not one, and nothing was imported", f.value(), f.limit()),
        Code::ImportTooLarge => format!("{} is {} MiB, more than the {} MiB an import reads; nothing was imported. Check that it is the file `trato export` wrote", f.path(), f.count(), f.limit()),
        Code::UnreadableImport => format!("can't read {}: {}", f.path(), f.detail()),
        Code::NotAnExport => format!("this is not a Trato journal export (its \"format\" is '{}', expected 'trato-journal')", f.value()),
        Code::NewerExport => format!("this export is version {}, newer than this Trato understands ({}); update Trato to import it", f.count(), f.limit()),
        Code::SummaryFont => format!("DejaVu Sans, the font the summary is printed in, is missing or unreadable (looked in {}): install the fonts-dejavu-core package", f.detail()),
        Code::PdfFailed => format!("the PDF could not be written: {}", f.detail()),
        Code::CsvFailed => format!("the CSV could not be written: {}", f.detail()),
        Code::FileNotWritten => format!("{}: {}", f.path(), f.detail()),
        Code::BadNow => format!("--now '{}' is not an RFC 3339 moment, e.g. 2026-03-05T09:00:00+01:00", f.value()),
        Code::BadId => format!("'{}' is not an id; ids look like 019c3a1e-8f00-7c2a-9d4e-5b6f7a8b9c0d (see `trato timeline CLIENT`)", f.value()),
        Code::NoDataFolder => "no data folder is known on this system; give the journal file with --db PATH".into(),
        Code::NoJournal => format!("there is no journal at {} yet: `trato init` or `trato client add NAME` starts one (or check the --db path)", f.path()),
        Code::Usage => f.detail().to_string(),
        Code::BadPath => format!("Trato can't use that file: {}", f.detail()),
        Code::FolderByDialog => format!("{} is a folder, chosen with Choose folder… or `trato settings set`, not typed", f.field()),
        Code::WriteFailed => format!("{} could not be written: {}", f.path(), f.detail()),
        Code::NothingPicked => "choose the contacts files to import first".into(),
        Code::PrintFailed => format!("the print window could not open: {}", f.detail()),
        Code::BadSummaryUrl => format!("a summary's {} can't be {}", f.field(), f.value()),
        Code::DesktopSettings => format!("Trato could not save this choice: {}", f.detail()),
        Code::Autostart => format!("start at login could not be changed: {}", f.detail()),
        Code::Internal => format!("Trato hit an internal error and did nothing: {}", f.detail()),
    }
}

const MOMENTS_EN: &str = "a day (2026-03-04, today, tomorrow, friday, next working day, +3d), \
                          a time after it (tomorrow 17:00) or RFC 3339 (2026-03-04T17:00:00+01:00)";
const MOMENTS_ES: &str = "un día (2026-03-04, hoy, mañana, viernes, próximo día laborable, +3d), \
                          una hora detrás (mañana 17:00) o RFC 3339 (2026-03-04T17:00:00+01:00)";

fn io_en(f: &Facts, denied: &str) -> String {
    match f.kind() {
        "file" | "folder" => denied.into(),
        "disk" => "its disk is mounted read-only".into(),
        "disk_full" => "the disk is full".into(),
        _ => f.detail().into(),
    }
}

fn io_es(f: &Facts, denied: &str) -> String {
    match f.kind() {
        "file" | "folder" => denied.into(),
        "disk" => "su disco está montado solo para lectura".into(),
        "disk_full" => "el disco está lleno".into(),
        _ => f.detail().into(),
    }
}

fn read_only_en(reason: &str) -> &'static str {
    match reason {
        "file" => "the file is not writable",
        "folder" => "its folder is not writable",
        "disk" => "its disk is mounted read-only",
        _ => "it stopped being writable while Trato had it open",
    }
}

fn read_only_es(reason: &str) -> &'static str {
    match reason {
        "file" => "no se puede escribir en el archivo",
        "folder" => "no se puede escribir en su carpeta",
        "disk" => "su disco está montado solo para lectura",
        _ => "dejó de admitir escritura mientras Trato lo tenía abierto",
    }
}

/// The core's names of fields, kinds and states in Spanish; a name not listed
/// (new in the core) is shown as it is rather than lost.
fn es_name(name: &str) -> &str {
    match name {
        "name" => "nombre",
        "summary" => "título",
        "tag" | "tags" => "etiqueta",
        "note" => "nota",
        "comment" => "comentario",
        "reason" => "motivo",
        "due" => "fecha límite",
        "email" => "correo",
        "phone" => "teléfono",
        "score" => "puntuación",
        "organisation" => "organización",
        "notes" => "notas",
        "availability" => "disponibilidad",
        "severity" => "gravedad",
        "preferred_channel" => "canal preferido",
        "response_target_hours" => "plazo de respuesta",
        "answer_by" => "responder antes de",
        "created_at" => "fecha de alta",
        "archived_at" => "fecha de archivo",
        "at" => "fecha",
        "until" => "hasta",
        "promise" => "promesa",
        "request" => "petición",
        "incident" => "incidencia",
        "entry" => "anotación",
        "client" => "cliente",
        "interaction" => "interacción",
        "feedback" => "opinión",
        "event" | "an event" => "un hecho",
        "the closing event" => "el cierre",
        "kept" => "cumplida",
        "broken" => "incumplida",
        "released" | "released by the client" => "liberada por el cliente",
        "closed" => "cerrada",
        "done" => "hecha",
        "declined" => "rechazada",
        "withdrawn" => "retirada",
        "apologized" => "con disculpa",
        "compensated" => "compensada",
        "fixed" => "resuelta",
        "a whole number" => "un número entero",
        "a number from 0 to 1" => "un número de 0 a 1",
        other => other,
    }
}

fn es(f: &Facts) -> String {
    let r = f.0;
    if let Some(text) = r.kind.as_deref().filter(|k| *k == "restore").and_then(|_| restore_es(f)) {
        return text;
    }
    let at = || moment(r.at, Language::Es);
    let against = || moment(r.against, Language::Es);
    let field = || es_name(f.field());
    match f.code() {
        Code::Empty => format!("«{}» no puede quedar vacío", field()),
        Code::TooLong => format!("«{}» es demasiado largo ({} caracteres; como mucho {})", field(), f.count(), f.limit()),
        Code::InTheFuture => format!("{} está en el futuro (ahora es {}); Trato anota lo que ya ha pasado", at(), against()),
        Code::BeforeEntry => format!(
            "{} no puede tener fecha {}, anterior a la propia {} ({})",
            es_name(f.value()),
            at(),
            es_name(f.kind()),
            against()
        ),
        Code::BeforeLastEvent => format!(
            "{} no puede tener fecha {}: la {} ya tiene un hecho posterior ({})",
            es_name(f.value()),
            at(),
            es_name(f.kind()),
            against()
        ),
        Code::WrongKind => format!("{} es una {}, no una {}", f.value(), es_name(f.kind()), es_name(f.other())),
        Code::NotOpen => format!("esta {} ya está {}; solo se puede cambiar mientras sigue abierta", es_name(f.kind()), es_name(f.other())),
        Code::ReasonRequired => "para cambiar la fecha hace falta un motivo que el cliente aceptaría, p. ej. --reason \"esperando las fotos\"".into(),
        Code::DueBeforeMade => format!("la fecha límite {} es anterior a cuando se hizo la promesa ({})", f.value(), f.other()),
        Code::DueAlreadyPassed => format!("la nueva fecha límite {} ya ha pasado; elige una fecha posterior", f.value()),
        Code::SameDue => format!("la promesa ya vence {}; da otra fecha para cambiarla", f.value()),
        Code::RatingOutOfRange => format!("una valoración va de 1 a 5 (se dio {})", f.count()),
        Code::NpsOutOfRange => format!("una puntuación NPS va de 0 a 10 (se dio {})", f.count()),
        Code::StepAlreadyTaken => format!("la incidencia ya quedó {} el {}", es_name(f.kind()), at()),
        Code::CompensationNeedsNote => "una compensación necesita una nota que diga qué se ofreció, p. ej. --note \"un mes gratis\"".into(),
        Code::RequestOfAnotherClient => format!("la petición {} es de otro cliente", f.value()),
        Code::BadEmail => format!("«{}» no parece una dirección de correo", f.value()),
        Code::BadPhone => format!("«{}» no parece un número de teléfono", f.value()),
        Code::BadResponseTarget => format!("un plazo de respuesta debe ser un número positivo de horas laborables (se dio {})", f.count()),
        Code::AnswerByBeforeAsked => format!("el momento de respuesta {} es anterior a la petición ({})", at(), against()),
        Code::OutOfYears => match (&r.value, r.day) {
            (Some(v), _) => format!("{} «{v}»: el año {} está fuera de los años 1900–9999 en los que Trato guarda fechas", f.field(), f.count()),
            (None, Some(day)) => format!("el festivo {day}: el año {} está fuera de los años 1900–9999 en los que Trato guarda fechas", f.count()),
            (None, None) => format!("el año {} está fuera de los años 1900–9999 en los que Trato guarda fechas", f.count()),
        },
        Code::NotForKind => format!("una {} no tiene «{}»", es_name(f.kind()), field()),
        Code::NotForEvent => format!("este hecho no tiene «{}»", field()),
        Code::EventChanged => "ese hecho ya no está donde estaba en esta anotación (cambió entretanto); no se ha tocado nada: vuelve a mirar la anotación".into(),
        Code::CausedByPromise => format!("esto lo anotó la promesa {}: corrige o deshaz la promesa", f.value()),
        Code::DuplicateTag => format!("la etiqueta «{}» aparece dos veces (también como «{}»); ponla una sola vez", f.value(), f.other()),
        Code::ClientNotFound => format!("ningún cliente se llama «{}» (ni tiene ese id); `trato client list` los muestra todos", f.value()),
        Code::AmbiguousClient => format!("«{}» puede ser cualquiera de: {}; usa el id", f.value(), f.choices()),
        Code::NotFound => format!("nada en el diario tiene el id «{}»", f.value()),
        Code::InTrash => format!("{} está en la papelera; recupéralo antes con `trato restore {}`", f.kind(), f.value()),
        Code::NotInTrash => format!("{} no está en la papelera", f.value()),
        Code::NotEmpty => format!(
            "el diario de ejemplo solo llena un diario vacío, y este ya tiene {} cliente(s); usa otro --db",
            f.count()
        ),
        Code::ChangedSince => format!("{} ha cambiado desde esa acción, así que no se ha deshecho; no se ha tocado nada", f.value()),
        Code::NothingToUndo => format!("el último cambio de {} no es una acción que se pueda deshacer (`trato history` muestra sus cambios)", f.value()),
        Code::UnknownTimeZone => format!("«{}» no es una zona horaria; usa un nombre IANA como Europe/Madrid o America/Mexico_City", f.value()),
        Code::HoursBackwards => format!("el horario laboral debe empezar antes de acabar, el mismo día (se dio {}–{})", f.value(), f.other()),
        Code::NoWorkingDays => "el horario laboral necesita al menos un día laborable".into(),
        Code::BadAnswerTarget => format!("el plazo de respuesta debe ser un número positivo de horas laborables (se dio {})", f.count()),
        Code::SettingOutOfRange => format!("{} debe ser {} (se dio {})", f.field(), es_name(f.kind()), f.count()),
        Code::UnknownSetting => format!("no hay ningún ajuste «{}»; prueba con uno de: {}", f.value(), f.choices()),
        Code::HolidaysByCommand => "los festivos se cambian de uno en uno: `trato holiday add FECHA [NOMBRE]`, `trato holiday remove FECHA`".into(),
        Code::BadTime => format!("{}: «{}» no es una hora; escríbela como HH:MM, p. ej. 08:30", f.field(), f.value()),
        Code::BadSetting => format!("{}: valor no válido ({})", f.field(), f.detail()),
        Code::DuplicateHoliday => format!("{} ya es festivo", f.day()),
        Code::NoSuchHoliday => format!("{} no es festivo", f.day()),
        Code::BadDate => format!("«{}» no es una fecha; escríbela como AAAA-MM-DD, p. ej. 2026-03-19", f.value()),
        Code::EmptyQuietWindow => format!(
            "unas horas de silencio de {v} a {v} no serían ningún rato; da dos horas distintas, p. ej. 20:00 y 08:00",
            v = f.value()
        ),
        Code::BadMoment => format!("{} «{}» no es un momento: usa {MOMENTS_ES}", f.field(), f.value()),
        Code::BadDue => format!("--due «{}» no es una fecha límite: usa {MOMENTS_ES}; un día solo vence al acabar", f.value()),
        Code::NeedsTime => format!("{} «{}» necesita también una hora, p. ej. «{} 17:00»", f.field(), f.value(), f.value()),
        Code::SkippedHour => format!("{} «{}» no existe en {}: los relojes se saltan esa hora", f.field(), f.value(), f.kind()),
        Code::BadReminderKey => format!("«{}» no es una clave de aviso; las claves son como promise_overdue/019c…/2026-03-04 (mira `trato reminders`)", f.value()),
        Code::SnoozeInPast => format!("un aplazamiento debe acabar después de ahora; {} ya ha pasado", f.value()),
        Code::BadSpan => format!("«{}» no es un lapso de tiempo; escríbelo en minutos, horas o días, p. ej. 30m, 1h, 2d", f.value()),
        Code::SnoozeTooFar => format!("un aplazamiento tan largo acabaría demasiado lejos: el año {} está fuera de los años 1900–9999 de Trato", f.count()),
        Code::CreateFolder => format!("no se puede crear la carpeta del diario en {}: {}", f.path(), f.detail()),
        Code::CannotCreate => format!(
            "no se puede empezar un diario en {}: {}; no se ha creado nada. Elige una carpeta en la que puedas escribir",
            f.path(),
            io_es(f, "no se puede escribir en su carpeta")
        ),
        Code::IsAFolder => format!("{p} es una carpeta, no el archivo de un diario; no se ha tocado nada en ella. Da el archivo del diario, como {p}/trato.db", p = f.path()),
        Code::Unreadable => format!(
            "no se puede leer el diario en {}: {}; no se ha tocado nada. Comprueba que el archivo y su carpeta se pueden leer con tu usuario",
            f.path(),
            io_es(f, if f.kind() == "folder" { "no se puede mirar dentro de su carpeta" } else { "el archivo no se puede leer" })
        ),
        Code::EmptyFile => format!("{} es un archivo vacío, no un diario de Trato; no se ha tocado nada. Trato solo empieza un diario donde no hay archivo: bórralo, o conviértelo en diario con `trato init`", f.path()),
        Code::NotADatabase => format!("{} no es un diario de Trato: no es una base de datos, o está dañado sin remedio; no se ha tocado nada. Si era tu diario, recupera una copia con `trato backup restore ARCHIVO`", f.path()),
        Code::NotATratoJournal => format!("{} es una base de datos de otro programa, no un diario de Trato; no se ha tocado nada", f.path()),
        Code::NewerSchema => format!("{} lo escribió un Trato más nuevo (versión de diario {}; este conoce hasta la {}); actualiza Trato para abrirlo. No se ha tocado nada", f.path(), f.count(), f.limit()),
        Code::Busy => format!(
            "otro Trato está usando el diario{} y lo ha tenido bloqueado más de {} segundos; no se ha guardado nada. Vuelve a intentarlo cuando el otro acabe",
            r.path.as_deref().map(|p| format!(" ({p})")).unwrap_or_default(),
            f.limit()
        ),
        Code::ReadOnly => format!("el diario{} es de solo lectura ({}): tu cambio no se ha guardado", f.at_path("en"), read_only_es(f.kind())),
        Code::DiskFull => format!("el disco está lleno: tu cambio no se ha guardado, y el diario{} sigue como estaba. Libera espacio y vuelve a intentarlo", f.at_path("en")),
        Code::DiskFullReading => format!("el disco está lleno: incluso para leer el diario{}, SQLite necesita un poco de sitio a su lado para su archivo de memoria compartida. No se ha tocado nada. Libera espacio y vuelve a intentarlo", f.at_path("en")),
        Code::Corrupt => format!("el diario{} está dañado ({}); no se ha tocado nada. Recupera una copia con `trato backup restore ARCHIVO` (`trato backup list` las muestra)", f.at_path("en"), f.detail()),
        Code::MigrationFailed => format!("la actualización del diario a la versión {} falló, y se ha quedado como estaba: {}", f.count(), f.detail()),
        Code::BadRow => format!("el diario guarda {} que no se puede leer: {}", f.value(), f.detail()),
        Code::NoWal => format!("la carpeta del diario no admite el registro de escritura anticipada de SQLite (modo {}); guarda el diario en un disco local", f.value()),
        Code::Database => format!("error de la base de datos: {}", f.detail()),
        Code::BackupWrite => format!("no se puede hacer la copia del diario en {}: {}", f.path(), f.detail()),
        Code::BackupFailedCheck => format!("el diario está dañado: su copia {} no pasó la comprobación de integridad ({}). La copia se guarda como {} para mirarla, y el diario no se ha tocado; `trato backup list` muestra las copias buenas, `trato backup restore ARCHIVO` recupera una", f.path(), f.detail(), f.value()),
        Code::BackupMissing => format!("no hay ningún archivo en {}; `trato backup list` muestra las copias", f.path()),
        Code::ContactsEmpty => "el archivo está vacío: exporta de nuevo los contactos y elige el archivo nuevo".into(),
        Code::ContactsTooLarge => format!("el archivo ocupa {} MB, y Trato lee archivos de contactos de hasta {} MB: exporta los contactos por partes (una etiqueta, grupo o carpeta cada vez, o sin fotos) e importa cada parte", f.count(), f.limit()),
        Code::ContactsCantOpen => format!("no se puede abrir el archivo ({})", f.detail()),
        Code::ContactsEncoding => format!("no se puede leer el texto del archivo ({}); guárdalo de nuevo como UTF-8 («CSV UTF-8» en Excel, o «Unicode (UTF-8)» en LibreOffice)", f.detail()),
        Code::ContactsUnknownFormat => format!("Trato no sabe qué clase de archivo de contactos es este; elige uno con --format: {}", f.choices()),
        Code::ContactsNoHeader => format!("no se encontró la fila de cabecera de {} ({}); revisa el archivo o elige otro --format", f.kind(), f.detail()),
        Code::ContactsNoCards => "no hay ninguna vCard (BEGIN:VCARD … END:VCARD) en el archivo; comprueba que es una exportación .vcf".into(),
        Code::MappingMalformed => format!("la correspondencia de columnas «{}» debe ser como «Columna del archivo=campo», p. ej. «Correo=email»", f.value()),
        Code::MappingColumnMissing => format!("la correspondencia nombra la columna «{}», que el archivo no tiene; sus columnas son: {}", f.value(), f.choices()),
        Code::MappingUnknownField => format!("la correspondencia nombra el campo «{}», que Trato no tiene; los campos son: {}", f.value(), f.choices()),
        Code::NoNameColumn => format!("ninguna columna da un nombre, organización o correo; asigna una, p. ej. --map \"Nombre=name\" (las columnas del archivo son: {})", f.choices()),
        Code::ContactsUnreadable => format!("no se puede leer el CSV ({}); ábrelo en una hoja de cálculo y guárdalo otra vez como CSV", f.detail()),
        Code::NoSuchRow => format!("no hay fila {} en la vista previa", f.count()),
        Code::MailCantRead => format!("{}: no se puede leer el archivo ({})", f.path(), f.detail()),
        Code::MailNotMail => format!("{}: no es un mensaje de correo (.eml) ni un mbox: no se pudo leer ninguna cabecera; no se ha importado nada", f.path()),
        Code::MailBadAddress => format!("«{}» no es una dirección de correo", f.value()),
        Code::MailBadDomain => format!("«{}» no es un nombre de dominio (escríbelo como tras la @ de una dirección: acme.example)", f.value()),
        Code::MailFreeMailDomain => format!("{} es un dominio de correo gratuito: cualquiera puede tener una dirección allí, así que no puede ser de un cliente; añade la dirección del cliente con `trato client edit CLIENTE --email DIRECCIÓN`", f.value()),
        Code::MailDomainTaken => format!("{} ya está marcado como dominio de {}; quítalo allí primero con `trato mail domain remove`", f.value(), f.other()),
        Code::MailNoSuchProposal => format!("no hay ninguna propuesta de correo {}; `trato mail review` las muestra", f.value()),
        Code::MailAlreadyReviewed => format!("la propuesta de correo {} ya se revisó", f.value()),
        Code::MailNotReviewed => format!("la propuesta de correo {} está por revisar: no hay revisión que deshacer", f.value()),
        Code::NothingToRepair => format!("con «{}» no ha salido nada mal por lo que disculparse: un borrador es para un incidente, una promesa incumplida, una petición repetida o una mala valoración", f.value()),
        Code::MailEarlierFirst => format!("la propuesta de correo {} sigue a la propuesta {} del mismo hilo: revisa primero esa", f.value(), f.other()),
        Code::MailCantOpenApp => format!("no se ha podido abrir el programa de correo ({})", f.detail()),
        Code::MailNoSuchAccount => format!("no hay ninguna cuenta de correo «{}»; `trato mail account list` las muestra", f.value()),
        Code::MailAccountTaken => format!("ya hay una cuenta de correo «{}»; elige otro nombre, o quítala antes con `trato mail account remove`", f.value()),
        Code::MailBadAccount => format!("no se puede usar {} «{}»: escríbelo en una línea, de 255 caracteres como mucho", f.field(), f.value()),
        Code::MailPlaintextRefused => format!("{} no es esta máquina: una conexión sin TLS enviaría la contraseña a la vista; usa --security tls (puerto 993) o starttls (puerto 143)", f.value()),
        Code::MailCantConnect => format!("no se puede conectar con {} ({}); comprueba el servidor y el puerto, y que esta máquina tenga conexión", f.value(), f.detail()),
        Code::MailCertificateUntrusted => format!("{} presentó un certificado en el que este sistema no confía ({}); no se le envió nada. Si el servidor es tuyo, añade su autoridad a los certificados del sistema", f.value(), f.detail()),
        Code::MailCertificateWrongHost => format!("{} presentó un certificado a nombre de otro servidor; no se le envió nada. Comprueba el nombre del servidor (p. ej. imap.gmail.com)", f.value()),
        Code::MailLoginRefused => format!("{} rechazó el usuario {} ({}); comprueba la contraseña (Gmail pide una contraseña de aplicación); no se sincronizó nada", f.other(), f.value(), f.detail()),
        Code::MailTimedOut => format!("{} no respondió en {} s{}; lo ya guardado se conserva y la próxima sincronización sigue desde ahí", f.value(), f.count(), f.in_folder("leyendo")),
        Code::MailConnectionLost => format!("se perdió la conexión con {}{} ({}); lo ya guardado se conserva, no queda nada a medias y la próxima sincronización sigue desde ahí", f.value(), f.in_folder("leyendo"), f.detail()),
        Code::MailFolderCantOpen => format!("no se puede abrir la carpeta «{}» ({})", f.value(), f.detail()),
        Code::MailServerAnswer => format!("{} dio una respuesta que Trato no puede usar{} ({})", f.value(), f.in_folder("leyendo"), f.detail()),
        Code::MailNoPassword => "no se dio ninguna contraseña: escríbela cuando se pida, o pásala con --password-stdin".into(),
        Code::MailTokenRefused => format!("{} rechazó el inicio de sesión de {} ({}); comprueba que la cuenta puede leer el correo por IMAP y vuelve a iniciar sesión", f.other(), f.value(), f.detail()),
        Code::MailNoSignIn => format!("la cuenta de correo {} entra por el navegador, y no hay llavero que guarde su inicio de sesión ni un terminal donde empezarlo: ejecuta `trato mail sync {}` en un terminal", f.value(), f.value()),
        Code::MailPasswordAccount => format!("la cuenta de correo {} entra con contraseña, no por la página de su proveedor", f.value()),
        Code::SignInNotHttps => format!("{} no es una dirección https: Trato solo envía un inicio de sesión por una conexión cifrada", f.value()),
        Code::SignInNoLoopback => format!("no se pudo abrir en este ordenador un puerto al que vuelva el navegador ({})", f.detail()),
        Code::SignInNoRandomness => format!("el sistema no dio datos aleatorios para proteger el inicio de sesión ({})", f.detail()),
        Code::SignInTimedOut => "el inicio de sesión no se terminó a tiempo en el navegador; vuelve a empezarlo".into(),
        Code::SignInCancelled => "se canceló el inicio de sesión; no se ha guardado nada".into(),
        Code::SignInStateMismatch => "el navegador volvió de otro inicio de sesión distinto de este, así que no se aceptó; vuelve a empezarlo".into(),
        Code::SignInDenied => format!("el proveedor no dejó entrar a Trato ({}); no se ha guardado nada", f.value()),
        Code::SignInRefused => format!("el proveedor rechazó el inicio de sesión ({}); revisa el id de cliente en los ajustes de la cuenta", f.value()),
        Code::SignInAgain => match f.0.value.as_deref() {
            Some(account) => format!("el inicio de sesión de la cuenta de correo {account} caducó o se retiró en el proveedor, y no se sincronizó nada: vuelve a iniciar sesión con `trato mail account sign-in {account}`"),
            None => "el inicio de sesión caducó o se retiró en el proveedor: vuelve a iniciar sesión".into(),
        },
        Code::SignInUnreachable => format!("no se puede contactar con el proveedor ({}); revisa la conexión y vuelve a intentarlo", f.detail()),
        Code::SignInBadAnswer => format!("no se pudo leer la respuesta del proveedor ({}); no se ha guardado nada", f.detail()),
        Code::KeychainUnavailable if f.0.field.as_deref() == Some("sign_in") => format!("sin llavero: Trato abrirá el navegador para iniciar sesión en cada sincronización, porque {} ({})", keychain_es(f.kind()), f.detail()),
        Code::KeychainUnavailable => format!("sin llavero: Trato pedirá la contraseña cada vez, porque {} ({})", keychain_es(f.kind()), f.detail()),
        Code::NothingToMerge => format!("la fila {} no se parece a ningún cliente, así que no se puede fusionar; elige nuevo u omitir", f.count()),
        Code::PreviewOutdated => "el diario ha cambiado desde que se hizo esta vista previa; mira la nueva antes de importar".into(),
        Code::UnknownImport => format!("no hay ninguna importación «{}»; `trato contacts imports` las muestra", f.value()),
        Code::AlreadyUndone => format!("la importación {} ya se deshizo el {}", f.value(), f.other()),
        Code::InvalidImport => format!("{}: contenido no válido ({})", f.value(), f.detail()),
        Code::EmptyImport => "el archivo está vacío: no hay nada que importar. Una exportación de Trato es el archivo JSON que escribe `trato export --out ARCHIVO`".into(),
        Code::ImportTooDeep => format!("{}: las listas y objetos se anidan aquí más de {} niveles, mucho más que en cualquier exportación de Trato; este archivo no lo es, y no se ha importado nada", f.value(), f.limit()),
        Code::ImportTooLarge => format!("{} ocupa {} MiB, más de los {} MiB que lee una importación; no se ha importado nada. Comprueba que es el archivo que escribió `trato export`", f.path(), f.count(), f.limit()),
        Code::UnreadableImport => format!("no se puede leer {}: {}", f.path(), f.detail()),
        Code::NotAnExport => format!("esto no es una exportación de un diario de Trato (su «format» es «{}», se esperaba «trato-journal»)", f.value()),
        Code::NewerExport => format!("esta exportación es de la versión {}, más nueva de lo que entiende este Trato ({}); actualiza Trato para importarla", f.count(), f.limit()),
        Code::SummaryFont => format!("falta DejaVu Sans, la fuente con la que se imprime el resumen, o no se puede leer (se buscó en {}): instala el paquete fonts-dejavu-core", f.detail()),
        Code::PdfFailed => format!("no se ha podido escribir el PDF: {}", f.detail()),
        Code::CsvFailed => format!("no se ha podido escribir el CSV: {}", f.detail()),
        Code::FileNotWritten => format!("no se ha podido escribir {}: {}", f.path(), f.detail()),
        Code::BadNow => format!("--now «{}» no es un momento RFC 3339, p. ej. 2026-03-05T09:00:00+01:00", f.value()),
        Code::BadId => format!("«{}» no es un id; los id son como 019c3a1e-8f00-7c2a-9d4e-5b6f7a8b9c0d (mira `trato timeline CLIENTE`)", f.value()),
        Code::NoDataFolder => "este sistema no tiene carpeta de datos conocida; da el archivo del diario con --db RUTA".into(),
        Code::NoJournal => format!("aún no hay ningún diario en {}: `trato init` o `trato client add NOMBRE` empiezan uno (o revisa la ruta de --db)", f.path()),
        Code::Usage => format!("uso incorrecto: {}", f.detail()),
        Code::BadPath => format!("Trato no puede usar ese archivo: {}", f.detail()),
        Code::FolderByDialog => format!("{} es una carpeta, que se elige con Elegir carpeta… o `trato settings set`, no se escribe", f.field()),
        Code::WriteFailed => format!("no se ha podido escribir {}: {}", f.path(), f.detail()),
        Code::NothingPicked => "elige antes los archivos de contactos que quieres importar".into(),
        Code::PrintFailed => format!("no se ha podido abrir la ventana de impresión: {}", f.detail()),
        Code::BadSummaryUrl => format!("el {} de un resumen no puede ser {}", f.field(), f.value()),
        Code::DesktopSettings => format!("Trato no ha podido guardar esta elección: {}", f.detail()),
        Code::Autostart => format!("no se ha podido cambiar el inicio al entrar en la sesión: {}", f.detail()),
        Code::Internal => format!("Trato ha tenido un error interno y no ha hecho nada: {}", f.detail()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refusal of `code` with every fact filled, so that a wording that
    /// forgets one shows the `?` that marks it.
    fn full(code: Code) -> Refusal {
        let moment = DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").unwrap();
        let mut r = Refusal::new(code)
            .field("summary")
            .value("Panadería Sol")
            .kind("promise")
            .other("kept")
            .day(chrono::NaiveDate::from_ymd_opt(2026, 3, 19).unwrap())
            .limit(5)
            .count(7)
            .choices(["a", "b"])
            .detail("os error 13");
        r.path = Some("/home/ana/trato.db".into());
        r.at = Some(moment);
        r.against = Some(moment);
        r
    }

    /// Words an English wording is made of that no Spanish one should show.
    const ENGLISH: &[&str] = &[
        " the ",
        " is ",
        " can't ",
        " not ",
        " was ",
        " and ",
        " with ",
        "nothing",
        " give ",
        " choose ",
        " already ",
        " must ",
        " file ",
        " journal ",
    ];

    #[test]
    fn every_code_has_an_english_and_a_spanish_wording_that_use_its_facts() {
        for &code in Code::ALL {
            let r = full(code);
            let (en, es) = (words(&r, Language::En), words(&r, Language::Es));
            assert!(!en.trim().is_empty() && !es.trim().is_empty(), "{code} has no wording");
            assert_ne!(en, es, "{code} reads the same in both languages: its Spanish is missing");
            assert!(!en.contains('?') && !es.contains('?'), "{code} names a fact it was not given: {en} / {es}");
            let padded = format!(" {es} ");
            for word in ENGLISH {
                assert!(!padded.contains(word), "{code}'s Spanish reads English ({word:?}): {es}");
            }
        }
    }

    #[test]
    fn no_keychain_says_the_password_will_be_asked_for_and_why() {
        let r = Refusal::new(Code::KeychainUnavailable).kind("keychain_locked").detail("prompt dismissed");
        assert_eq!(
            words(&r, Language::En),
            "no keychain: Trato will ask for the password each time, because the keyring is locked and was not unlocked (prompt dismissed)"
        );
        assert_eq!(
            words(&r, Language::Es),
            "sin llavero: Trato pedirá la contraseña cada vez, porque el llavero está bloqueado y no se desbloqueó (prompt dismissed)"
        );
        let missing = Refusal::new(Code::KeychainUnavailable).kind("keychain_missing").detail("no session bus");
        assert!(
            words(&missing, Language::En).contains("no Secret Service (GNOME Keyring, KWallet) answers"),
            "{}",
            words(&missing, Language::En)
        );
    }

    #[test]
    fn a_missing_fact_shows_as_a_mark_not_a_crash() {
        assert_eq!(words(&Refusal::new(Code::BadEmail), Language::En), "'?' does not look like an e-mail address");
    }

    #[test]
    fn moments_are_said_with_the_weekday_of_the_language() {
        let r = Refusal::new(Code::StepAlreadyTaken)
            .kind("apologized")
            .at("2026-03-02T09:00:00Z".parse().unwrap(), Some(chrono_tz::Europe::Madrid));
        assert_eq!(words(&r, Language::En), "the incident was already apologized at Mon 2026-03-02 10:00");
        assert_eq!(words(&r, Language::Es), "la incidencia ya quedó con disculpa el lun 2026-03-02 10:00");
    }
}
