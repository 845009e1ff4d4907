//! The stretch of the relationship a summary covers: all of it, or the last
//! 3, 6 or 12 months up to now.

use chrono::{DateTime, Months, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::time::start_of_local_day;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Period {
    /// The whole relationship.
    #[default]
    #[serde(rename = "all")]
    #[cfg_attr(feature = "clap", value(name = "all"))]
    All,
    /// The last 3 months.
    #[serde(rename = "3m")]
    #[cfg_attr(feature = "clap", value(name = "3m"))]
    Months3,
    /// The last 6 months.
    #[serde(rename = "6m")]
    #[cfg_attr(feature = "clap", value(name = "6m"))]
    Months6,
    /// The last 12 months.
    #[serde(rename = "12m")]
    #[cfg_attr(feature = "clap", value(name = "12m"))]
    Months12,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::All => "all",
            Period::Months3 => "3m",
            Period::Months6 => "6m",
            Period::Months12 => "12m",
        }
    }

    pub fn months(self) -> Option<u32> {
        match self {
            Period::All => None,
            Period::Months3 => Some(3),
            Period::Months6 => Some(6),
            Period::Months12 => Some(12),
        }
    }

    /// Where the period starts as of `now`: the start of the same local day
    /// that many calendar months earlier (from 31 May, three months back is
    /// 28 or 29 February). `None` for the whole relationship.
    pub fn start(self, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        let today = now.with_timezone(&tz).date_naive();
        let first = today.checked_sub_months(Months::new(self.months()?))?;
        Some(start_of_local_day(first, tz))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    #[test]
    fn three_months_back_from_the_last_of_may_is_the_end_of_february() {
        let now = Madrid.with_ymd_and_hms(2026, 5, 31, 12, 0, 0).unwrap().with_timezone(&Utc);
        let start = Period::Months3.start(now, Madrid).unwrap();
        assert_eq!(start, Madrid.with_ymd_and_hms(2026, 2, 28, 0, 0, 0).unwrap().with_timezone(&Utc));
        assert_eq!(Period::All.start(now, Madrid), None, "the whole relationship has no start");
    }
}
