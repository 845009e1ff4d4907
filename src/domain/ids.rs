//! Typed identifiers: a client id can never be passed where an entry id is expected.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::{NoContext, Timestamp, Uuid};

macro_rules! typed_id {
    ($name:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A UUID v7 stamped with the injected clock, not the system's, so that
            /// ids sort like the moments they were recorded at, even in replays.
            pub fn new_at(now: DateTime<Utc>) -> Self {
                let secs = u64::try_from(now.timestamp()).unwrap_or(0);
                let ts = Timestamp::from_unix(NoContext, secs, now.timestamp_subsec_nanos());
                Self(Uuid::new_v7(ts))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

typed_id!(ClientId);
typed_id!(EntryId);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_version_7_and_sort_by_the_injected_clock() {
        let early = EntryId::new_at(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
        let late = EntryId::new_at(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 1).unwrap());
        assert_eq!(early.0.get_version_num(), 7);
        assert!(early < late, "an id recorded later must sort after an earlier one");
    }

    #[test]
    fn ids_round_trip_through_text() {
        let id = ClientId::new_at(Utc::now());
        assert_eq!(id.to_string().parse::<ClientId>().unwrap(), id);
    }
}
