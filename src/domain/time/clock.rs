//! The moment, zone and language an action happens in. Given by the caller
//! (the faces read the system's clock and environment); nothing in the core
//! reads them itself, so every use case can be replayed at any moment.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::truncate;
use crate::domain::Language;

#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub tz: Tz,
    /// The language to speak where the journal names none of its own (its
    /// setting wins): the system's, as the face read it.
    pub lang: Language,
}

impl Clock {
    /// A clock that speaks English where the journal names no language.
    pub fn new(now: DateTime<Utc>, tz: Tz) -> Self {
        Clock { now: truncate(now), tz, lang: Language::En }
    }

    /// The same clock, speaking `lang` where the journal names no language.
    pub fn speaking(self, lang: Language) -> Self {
        Clock { lang, ..self }
    }

    /// When something happened: the given moment, or now.
    pub(crate) fn at(&self, at: Option<DateTime<Utc>>) -> DateTime<Utc> {
        at.map(truncate).unwrap_or(self.now)
    }
}
