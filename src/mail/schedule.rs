//! When the app syncs a mail account by itself: at once when it starts,
//! then every [`INTERVAL`] while syncs go well; at once when the server says
//! new mail came (IDLE); after failures later and later ([`INTERVAL`], then
//! doubling up to [`LONGEST_WAIT`]), so that a server that is down or a
//! password changed elsewhere never brings a storm of retries; and not while
//! the keychain keeps no password for it (asked again at the next interval:
//! there is no one to type it). Pure: the caller says what `now` is.

use chrono::{DateTime, TimeDelta, Utc};

/// Between two syncs that went well.
pub const INTERVAL: TimeDelta = TimeDelta::minutes(5);
/// The longest wait after failures in a row.
pub const LONGEST_WAIT: TimeDelta = TimeDelta::hours(1);

/// How a try to sync an account ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tried {
    Synced,
    /// The server, the network or the journal failed (the account's last outcome says which).
    Failed,
    /// The keychain keeps no password for the account: nothing was tried.
    NoPassword,
}

/// What the app knows of an account's syncs while it runs (a new start syncs at once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rhythm {
    /// When the last try began, and how it ended.
    last: Option<(DateTime<Utc>, Tried)>,
    /// Failures in a row, up to now.
    failures: u32,
    /// When the server last said new mail came, if after the last try began.
    news: Option<DateTime<Utc>>,
}

/// How long to wait after `failures` failures in a row: [`INTERVAL`], doubled
/// for each failure after the first, at most [`LONGEST_WAIT`].
pub fn wait_after_failures(failures: u32) -> TimeDelta {
    let doublings = failures.saturating_sub(1).min(16);
    (INTERVAL * 2i32.pow(doublings)).min(LONGEST_WAIT)
}

impl Rhythm {
    /// The rhythm once a try that began at `began` ended. News of mail that
    /// came while it ran is kept: the try may have looked before the mail came.
    pub fn tried(self, how: Tried, began: DateTime<Utc>) -> Rhythm {
        let failures = match how {
            Tried::Synced => 0,
            Tried::Failed => self.failures.saturating_add(1),
            Tried::NoPassword => self.failures,
        };
        Rhythm { last: Some((began, how)), failures, news: self.news.filter(|news| *news > began) }
    }

    /// The server said at `at` that new mail came: the next sync is due at once.
    pub fn mail_came(self, at: DateTime<Utc>) -> Rhythm {
        Rhythm { news: Some(at), ..self }
    }

    /// When the next sync is due; `None`: at once.
    pub fn next(&self) -> Option<DateTime<Utc>> {
        let (at, how) = self.last?;
        match how {
            // Nothing can come of a sync without a password, new mail or not.
            Tried::NoPassword => Some(at + INTERVAL),
            // The server that said so is reachable: the mail is fetched now.
            _ if self.news.is_some() => None,
            Tried::Synced => Some(at + INTERVAL),
            Tried::Failed => Some(at + wait_after_failures(self.failures)),
        }
    }

    /// Whether a sync is due at `now`. A clock set back before the last try
    /// would hold every sync back until it catches up: then one is due.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        match (self.next(), self.last) {
            (None, _) => true,
            (Some(next), Some((last, _))) => now >= next || now < last,
            (Some(next), None) => now >= next,
        }
    }

    /// Failures in a row, up to now.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 5, h, m, 0).unwrap()
    }

    #[test]
    fn an_account_syncs_at_start_then_every_five_minutes() {
        let r = Rhythm::default();
        assert!(r.is_due(at(9, 0)), "never tried: at once");
        let r = r.tried(Tried::Synced, at(9, 0));
        assert!(!r.is_due(at(9, 4)));
        assert!(r.is_due(at(9, 5)));
        assert_eq!(r.next(), Some(at(9, 5)));
    }

    #[test]
    fn failures_wait_five_minutes_then_twice_as_long_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (1..=7).map(|n| wait_after_failures(n).num_minutes()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60]);
        assert_eq!(wait_after_failures(u32::MAX), LONGEST_WAIT, "no overflow after years of failures");

        let mut r = Rhythm::default();
        let mut now = at(9, 0);
        let mut tries = Vec::new();
        // Three hours of a server that is down, asked each minute whether a sync is due.
        while now < at(12, 0) {
            if r.is_due(now) {
                tries.push(now.format("%H:%M").to_string());
                r = r.tried(Tried::Failed, now);
            }
            now += TimeDelta::minutes(1);
        }
        assert_eq!(tries, ["09:00", "09:05", "09:15", "09:35", "10:15", "11:15"], "a few tries, never a storm");
        assert_eq!(r.failures(), 6);

        let r = r.tried(Tried::Synced, at(12, 0));
        assert_eq!(r.failures(), 0, "a sync that went well ends the back-off");
        assert_eq!(r.next(), Some(at(12, 5)));
    }

    #[test]
    fn new_mail_the_server_announces_is_fetched_at_once_even_while_backing_off() {
        let r = Rhythm::default().tried(Tried::Synced, at(9, 0)).mail_came(at(9, 1));
        assert!(r.is_due(at(9, 1)));
        let r = r.tried(Tried::Synced, at(9, 1) + TimeDelta::seconds(1));
        assert!(!r.is_due(at(9, 2)), "the news is used up by the sync that began after it");

        let failing = Rhythm::default().tried(Tried::Failed, at(9, 0)).tried(Tried::Failed, at(9, 5));
        assert!(!failing.is_due(at(9, 6)));
        assert!(failing.mail_came(at(9, 6)).is_due(at(9, 6)), "the server that said so is reachable");
    }

    #[test]
    fn mail_that_comes_while_a_sync_runs_calls_for_another() {
        // The sync began at 9:00 and looked at the inbox; the mail came at 9:00:30; the sync ended after.
        let r = Rhythm::default().mail_came(at(9, 0) + TimeDelta::seconds(30)).tried(Tried::Synced, at(9, 0));
        assert!(r.is_due(at(9, 1)), "that sync may have looked before the mail came");
    }

    #[test]
    fn an_account_without_a_kept_password_is_not_synced_and_the_keychain_is_asked_again_later() {
        let r = Rhythm::default().tried(Tried::NoPassword, at(9, 0));
        assert!(!r.is_due(at(9, 1)));
        assert!(!r.mail_came(at(9, 1)).is_due(at(9, 1)), "no password: nothing to sync with");
        assert!(r.is_due(at(9, 5)), "asked again at the next interval: the password may be kept by now");
        let failing = Rhythm::default().tried(Tried::Failed, at(8, 0)).tried(Tried::NoPassword, at(9, 0));
        assert_eq!(failing.failures(), 1, "a try that did not happen is no failure, and no success");
    }

    #[test]
    fn a_clock_set_back_does_not_hold_syncs_back() {
        let r = Rhythm::default().tried(Tried::Synced, at(9, 0));
        assert!(r.is_due(at(8, 0)), "the wall clock went back an hour");
    }
}
