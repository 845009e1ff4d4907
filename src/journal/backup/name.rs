//! A backup's file name: whose it is (the journal's own name), when it was
//! taken (UTC) and why, so that the folder's listing is the catalogue and needs
//! no index file that could disagree with it, and two journals can share a
//! folder without ever listing, rotating or restoring each other's backups.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

const EXTENSION: &str = ".sqlite";
/// Added to a backup that failed its integrity check: kept to look at, never restored.
pub const FAILED: &str = ".failed";
const STAMP: &str = "%Y-%m-%dT%H%M%SZ";
/// `2026-11-23T101500Z`
const STAMP_LEN: usize = 18;

/// Why a backup was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The first start of a day.
    Daily,
    /// Before the journal's schema was upgraded: the old version.
    Migration,
    /// Before a contacts or JSON import wrote to the journal.
    Import,
    /// Before another backup replaced the journal.
    Restore,
    /// Asked for (`trato backup`, "Back up now").
    Manual,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Migration => "migration",
            Reason::Import => "import",
            Reason::Restore => "restore",
            Reason::Manual => "manual",
        }
    }

    fn parse(s: &str) -> Option<Reason> {
        [Reason::Daily, Reason::Migration, Reason::Import, Reason::Restore, Reason::Manual].into_iter().find(|r| r.as_str() == s)
    }
}

/// What a backup's file name says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
    /// It failed its integrity check when it was written.
    pub failed: bool,
}

/// `trato-2026-11-23T101500Z-daily.sqlite` for the journal `trato.db` (whose
/// `journal` name is `trato`); `n` > 0 tells apart two backups of the same
/// second and reason (`…-import-2.sqlite`).
pub fn file_name(journal: &str, taken_at: DateTime<Utc>, reason: Reason, n: u32) -> String {
    let stamp = taken_at.format(STAMP);
    match n {
        0 => format!("{journal}-{stamp}-{}{EXTENSION}", reason.as_str()),
        n => format!("{journal}-{stamp}-{}-{n}{EXTENSION}", reason.as_str()),
    }
}

/// The label of a backup of `journal` by its file name; `None` for any other
/// file (another journal's backup, a backup being written, the user's own files).
pub fn parse(journal: &str, name: &str) -> Option<Label> {
    let (name, failed) = match name.strip_suffix(FAILED) {
        Some(n) => (n, true),
        None => (name, false),
    };
    let rest = name.strip_prefix(journal)?.strip_prefix('-')?.strip_suffix(EXTENSION)?;
    let stamp = rest.get(..STAMP_LEN)?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let mut words = rest.get(STAMP_LEN..)?.strip_prefix('-')?.split('-');
    let reason = Reason::parse(words.next()?)?;
    match (words.next(), words.next()) {
        (None, _) => {}
        (Some(n), None) if n.parse::<u32>().is_ok() => {}
        _ => return None,
    }
    Some(Label { taken_at, reason, failed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_name_says_when_and_why_and_reads_back() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 15, 0).unwrap();
        assert_eq!(file_name("trato", at, Reason::Daily, 0), "trato-2026-11-23T101500Z-daily.sqlite");
        let label = parse("trato", "trato-2026-11-23T101500Z-import-2.sqlite").expect("a second import of the same second is a backup");
        assert_eq!((label.taken_at, label.reason, label.failed), (at, Reason::Import, false));
        assert!(parse("trato", "trato-2026-11-23T101500Z-daily.sqlite.failed").is_some_and(|l| l.failed));
        for other in ["trato-2026-11-23T101500Z-daily.sqlite.123.partial", "notes.txt", "trato-2026-11-23T101500Z-weekly.sqlite"] {
            assert_eq!(parse("trato", other), None, "{other} is not a backup and must not be listed or rotated away");
        }
    }

    #[test]
    fn a_backup_is_only_ever_its_own_journals() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 15, 0).unwrap();
        let work = file_name("trato-work", at, Reason::Daily, 0);
        assert_eq!(parse("trato", &work), None, "trato.db must not list, rotate away or restore trato-work.db's backup");
        assert_eq!(parse("trato-work", &work).map(|l| l.taken_at), Some(at));
        assert_eq!(parse("trato-work", &file_name("trato", at, Reason::Daily, 0)), None);
    }
}
