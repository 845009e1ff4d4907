//! What the system says: its zone and its language, read from the environment.
//! Only the faces call these (the CLI's `run`, the app's start and its calls),
//! and hand what they read to the core in a `Clock`: nothing below them reads
//! the environment, so every rule can be replayed in any zone and language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::time::Clock;
use crate::domain::Language;

/// The system's zone: `TZ` when it names an IANA zone (as the C library
/// honours it, `:Europe/Madrid` included), else the machine's configured zone;
/// UTC when it can't be told.
pub fn time_zone() -> Tz {
    let from_env = std::env::var("TZ").ok().and_then(|z| z.trim_start_matches(':').parse().ok());
    from_env.or_else(|| iana_time_zone::get_timezone().ok().and_then(|z| z.parse().ok())).unwrap_or(Tz::UTC)
}

/// Spanish when the system's locale is Spanish, English otherwise.
pub fn language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty())).unwrap_or_default();
    if locale.to_lowercase().starts_with("es") {
        Language::Es
    } else {
        Language::En
    }
}

/// The system's clock at `now`: its zone, and its language. Read afresh on
/// each call, as a laptop may cross zones while Trato runs in its tray.
pub fn clock(now: DateTime<Utc>) -> Clock {
    Clock::new(now, time_zone()).speaking(language())
}
