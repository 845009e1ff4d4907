//! Let-downs: a client's missed dates and broken promises, in the order they
//! happened, each with how many others came in the window before it. A
//! promise is believed once, doubted the second time, and the third time the
//! client leaves: the second and third let-downs weigh more. A promise broken
//! after its date passed is one let-down: the break shares the missed date's place.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::promise::MissedDate;
use crate::domain::time::days;
use crate::domain::{Details, Entry, EntryId};
use crate::signals::Context;

/// Which of a promise's let-downs: its n-th missed date, or its break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Which {
    Missed(usize),
    Broken,
}

/// One let-down's place among the client's: its weight's factor, and which
/// time it was (1 for the first in the window).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub factor: f64,
    pub nth: usize,
}

/// Each promise's missed dates as of now, and its let-downs' places.
pub struct LetDowns {
    pub missed: BTreeMap<EntryId, Vec<MissedDate>>,
    places: BTreeMap<(EntryId, Which), Place>,
}

impl LetDowns {
    pub fn of(entries: &[Entry], ctx: &Context<'_>) -> LetDowns {
        let (now, tz, w) = (ctx.now, ctx.tz(), &ctx.settings.trust);
        let mut missed = BTreeMap::new();
        // Breaks that share the place of their promise's last missed date.
        let mut shared: BTreeMap<EntryId, usize> = BTreeMap::new();
        // (when, made, entry, which): the same moment is taken in the order the promises were made.
        let mut all: Vec<(DateTime<Utc>, DateTime<Utc>, EntryId, Which)> = Vec::new();
        for e in entries.iter().filter(|e| e.occurred_at <= now) {
            let Details::Promise(p) = &e.details else { continue };
            let dates = p.missed_dates(now, tz);
            all.extend(dates.iter().enumerate().map(|(n, m)| (m.passed, e.occurred_at, e.id, Which::Missed(n))));
            match (p.broken_at(now), dates.len()) {
                (Some(at), 0) => all.push((at, e.occurred_at, e.id, Which::Broken)),
                // Broken after its date passed: the client was let down once, not twice.
                (Some(_), n) => {
                    shared.insert(e.id, n - 1);
                }
                (None, _) => {}
            }
            if !dates.is_empty() {
                missed.insert(e.id, dates);
            }
        }
        all.sort();
        let window = days(w.repeat_window_days);
        let mut places = BTreeMap::new();
        let mut first_in_window = 0;
        for (i, (at, _, id, which)) in all.iter().enumerate() {
            // A window wider than the calendar reaches back to its beginning.
            let from = at.checked_sub_signed(window).unwrap_or(DateTime::<Utc>::MIN_UTC);
            while first_in_window < i && all[first_in_window].0 <= from {
                first_in_window += 1;
            }
            let before = i - first_in_window;
            let factor = match before {
                0 => 1.0,
                1 => w.second_time_factor,
                _ => w.third_time_factor,
            };
            places.insert((*id, *which), Place { factor, nth: before + 1 });
        }
        for (id, last) in shared {
            if let Some(place) = places.get(&(id, Which::Missed(last))).copied() {
                places.insert((id, Which::Broken), place);
            }
        }
        LetDowns { missed, places }
    }

    pub fn place(&self, id: EntryId, which: Which) -> Place {
        self.places.get(&(id, which)).copied().unwrap_or(Place { factor: 1.0, nth: 1 })
    }
}
