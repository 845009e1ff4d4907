//! A backup's file name: when it was taken (UTC) and why, so that the folder's
//! listing is the catalogue and needs no index file that could disagree with it.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

const PREFIX: &str = "trato-";
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

/// `trato-2026-11-23T101500Z-daily.sqlite`; `n` > 0 tells apart two backups of
/// the same second and reason (`…-import-2.sqlite`).
pub fn file_name(taken_at: DateTime<Utc>, reason: Reason, n: u32) -> String {
    let stamp = taken_at.format(STAMP);
    match n {
        0 => format!("{PREFIX}{stamp}-{}{EXTENSION}", reason.as_str()),
        n => format!("{PREFIX}{stamp}-{}-{n}{EXTENSION}", reason.as_str()),
    }
}

/// The label of a backup's file name; `None` for any other file (a backup being
/// written, the user's own files in the folder).
pub fn parse(name: &str) -> Option<Label> {
    let (name, failed) = match name.strip_suffix(FAILED) {
        Some(n) => (n, true),
        None => (name, false),
    };
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
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
        assert_eq!(file_name(at, Reason::Daily, 0), "trato-2026-11-23T101500Z-daily.sqlite");
        let label = parse("trato-2026-11-23T101500Z-import-2.sqlite").expect("a second import of the same second is a backup");
        assert_eq!((label.taken_at, label.reason, label.failed), (at, Reason::Import, false));
        assert!(parse("trato-2026-11-23T101500Z-daily.sqlite.failed").is_some_and(|l| l.failed));
        for other in ["trato-2026-11-23T101500Z-daily.sqlite.123.partial", "notes.txt", "trato-2026-11-23T101500Z-weekly.sqlite"] {
            assert_eq!(parse(other), None, "{other} is not a backup and must not be listed or rotated away");
        }
    }
}
