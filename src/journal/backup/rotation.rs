//! Which backups to keep, as a pure function of their labels and the moment:
//! grandfather-father-son over every good backup, plus the latest few taken
//! for a reason (an import, an upgrade, a restore, by hand), plus recent
//! failures for a while so that a user can see what went wrong.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;

use super::name::{Label, Reason};

/// The newest backup of each of the last 7 days that have one.
pub const DAYS: usize = 7;
/// The newest backup of each of the last 4 ISO weeks that have one.
pub const WEEKS: usize = 4;
/// The newest backup of each of the last 12 months that have one.
pub const MONTHS: usize = 12;
/// The newest backups taken for a reason other than the day's first start,
/// whatever their age: the copy from before a bad import is the one a user
/// wants, and ten of them bound the folder (at most 7 + 4 + 12 + 10 files).
pub const EVENTS: usize = 10;
/// How long a backup that failed its check stays, to be looked at.
pub const FAILED_DAYS: i64 = 7;

/// For each of `labels`, whether to keep it. Periods are counted among the
/// backups there are (restic's rule), not back from `now`: a user away for a
/// month comes back to a week of dailies, not to none. A backup dated after
/// `now` (a clock that was wrong) is kept: we can't tell its place.
pub fn keep(labels: &[Label], now: DateTime<Utc>, tz: Tz) -> Vec<bool> {
    let mut keep = vec![false; labels.len()];
    let mut newest_first: Vec<usize> = (0..labels.len()).collect();
    newest_first.sort_by_key(|&i| std::cmp::Reverse(labels[i].taken_at));
    let good: Vec<usize> = newest_first.iter().copied().filter(|&i| !labels[i].failed).collect();

    let local = |i: usize| labels[i].taken_at.with_timezone(&tz).date_naive();
    let day = |i: usize| {
        let d = local(i);
        (d.year(), d.ordinal())
    };
    let week = |i: usize| {
        let w = local(i).iso_week();
        (w.year(), w.week())
    };
    let month = |i: usize| {
        let d = local(i);
        (d.year(), d.month())
    };
    newest_per_period(&good, DAYS, day, &mut keep);
    newest_per_period(&good, WEEKS, week, &mut keep);
    newest_per_period(&good, MONTHS, month, &mut keep);

    for &i in good.iter().filter(|&&i| labels[i].reason != Reason::Daily).take(EVENTS) {
        keep[i] = true;
    }
    for (i, label) in labels.iter().enumerate() {
        if label.taken_at > now || (label.failed && now - label.taken_at < Duration::days(FAILED_DAYS)) {
            keep[i] = true;
        }
    }
    keep
}

/// Marks the newest of `newest_first` in each of the first `count` periods.
fn newest_per_period<K: Eq + std::hash::Hash>(newest_first: &[usize], count: usize, period: impl Fn(usize) -> K, keep: &mut [bool]) {
    let mut seen = HashSet::new();
    for &i in newest_first {
        if seen.len() == count {
            break;
        }
        if seen.insert(period(i)) {
            keep[i] = true;
        }
    }
}
