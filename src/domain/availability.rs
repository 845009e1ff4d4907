//! When a client is away, as far as their availability note says it in dates:
//! a line with two dates is a stretch away ("holidays 2026-08-01 – 2026-08-31"),
//! and the line an absence reply leaves ("2026-03-10 (auto-reply): …", written
//! by the mail capture) means away for a week from its day. Anything else in
//! the note ("mornings only") is for the person to read, not for a rule.

use chrono::{Duration, NaiveDate};

/// How long an absence reply is taken to cover: a week from its day, as most
/// say "back next week" without a date a rule could read.
pub const AUTO_REPLY_AWAY_DAYS: i64 = 7;

/// The mark the mail capture writes after an absence reply's day.
const AUTO_REPLY: &str = "(auto-reply)";

/// Whether the note says the client is away on `day` (a local date).
pub fn away_on(note: &str, day: NaiveDate) -> bool {
    note.lines().any(|line| {
        let dates = dates_in(line);
        match dates.as_slice() {
            [from, until, ..] => (*from.min(until)..=*from.max(until)).contains(&day),
            [from] if line.contains(AUTO_REPLY) => (*from..*from + Duration::days(AUTO_REPLY_AWAY_DAYS)).contains(&day),
            _ => false,
        }
    })
}

/// The dates written YYYY-MM-DD in a line, in order.
fn dates_in(line: &str) -> Vec<NaiveDate> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        let date = line.get(i..i + 10).filter(|_| boundary && after).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        match date {
            Some(d) => {
                out.push(d);
                i += 10;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_absence_reply_keeps_the_client_away_for_a_week_from_its_day() {
        let note = "Bakes until 11:00\n2026-03-10 (auto-reply): Estoy fuera de la oficina";
        assert!(!away_on(note, day("2026-03-09")));
        assert!(away_on(note, day("2026-03-10")));
        assert!(away_on(note, day("2026-03-16")));
        assert!(!away_on(note, day("2026-03-17")), "a week, then back");
    }

    #[test]
    fn two_dates_on_a_line_are_a_stretch_away_whatever_the_words_around_them() {
        let note = "Vacaciones del 2026-08-01 al 2026-08-31; mañanas solo";
        assert!(away_on(note, day("2026-08-01")) && away_on(note, day("2026-08-31")));
        assert!(!away_on(note, day("2026-09-01")));
        assert!(!away_on("mornings only; August off", day("2026-08-10")), "words alone are for the person");
        assert!(!away_on("Invoice 2026-08-01", day("2026-08-01")), "one date alone says no stretch");
    }
}
