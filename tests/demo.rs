//! The sample journal fills on any day at any hour, in any zone, and never
//! dates anything after now: a new user may try it at midnight on a Sunday.

mod common;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use trato::journal::interchange;
use trato::journal::Clock;

#[test]
fn the_sample_fills_on_every_day_of_the_week_at_any_hour_in_any_zone() {
    let zones: [Tz; 3] = [chrono_tz::Europe::Madrid, chrono_tz::America::Mexico_City, chrono_tz::Pacific::Auckland];
    let monday = Utc.with_ymd_and_hms(2026, 10, 19, 0, 10, 0).unwrap();
    for tz in zones {
        for day in 0..7 {
            for hour in [0, 9, 23] {
                let now = monday + Duration::days(day) + Duration::hours(hour);
                let mut j = common::journal();
                let filled =
                    trato::journal::demo::fill(&mut j.store, Clock::new(now, tz)).unwrap_or_else(|e| panic!("demo at {now} in {tz}: {e}"));
                assert_eq!(filled.clients, 12);
                let doc = interchange::export(&mut j.store).unwrap();
                for r in &doc.entries {
                    assert!(r.entry.occurred_at <= now, "{} is dated after now ({now}, {tz})", r.entry.summary);
                    assert!(r.history.iter().all(|c| c.at <= now));
                }
            }
        }
    }
}
