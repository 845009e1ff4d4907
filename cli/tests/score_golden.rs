//! The trust score's exact numbers for documented histories: docs/trust-score.md's
//! worked example as the CLI prints it (73 on Monday, 86, 81 and 76 on
//! Thursday, 71 after the rating, 69 after a weight change, 80 three months
//! later with its trend), PRODUCT.md's public example at its key moments, and
//! histories that exercise one rule each: missed dates that stay, moving a date
//! before or after it passed, the second and third let-down, late answers,
//! every feedback, a new client, fading, the worse forms, rounding and the limit.
//!
//! Every expected number is worked out by hand from the rules docs/trust-score.md
//! states, in the comments: a past event weighs `weight × f(d)` with
//! f(d) = 0.5^(d / 90) for an age of d days; a missed date or a missed answer-by
//! weighs in full while it lasts and fades from when it ended; a signal in force
//! weighs in full (× 1.5 in its worse form); each line is rounded on its own,
//! halves away from zero, and lines of 0 are left out but feedback.

#[path = "../../tests/common/mod.rs"]
mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use common::{add, at, journal, ok, public_example, Example};
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::StepTaken;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::{
    Cause, Client, ClientId, ClientPatch, ClientStatus, Details, Due, Entry, Feedback, Incident, IncidentSeverity, Language, NoticedBy,
    Promise, RecoveryStep, Request, Score, Settings, Stage,
};
use trato::journal;
use trato::journal::insights;
use trato::signals::Context;
use trato::trust;

/// The contributions as the explanation shows them: (points, reason).
fn lines(contributions: &[trust::Contribution]) -> Vec<(i64, String)> {
    contributions.iter().map(|c| (c.points, c.reason.clone())).collect()
}

fn expected(lines: &[(i64, &str)]) -> Vec<(i64, String)> {
    lines.iter().map(|(p, r)| (*p, r.to_string())).collect()
}

// ------------------------------------------------ docs/trust-score.md, run as it is written

/// The commands of the worked example, each at its moment; returns the journal.
fn worked_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("docs-trust.db");
    let p = &db;
    add(p, "2026-03-01T09:00:00+01:00", &["client", "add", "Panadería Sol"]);
    ok(p, "2026-03-01T09:00:00+01:00", &["settings", "set", "language", "en"]);
    let req =
        add(p, "2026-03-02T10:00:00+01:00", &["request", "add", "Panadería Sol", "Update the menu on the website", "--channel", "email"]);
    let promise = add(
        p,
        "2026-03-02T12:00:00+01:00",
        &["promise", "add", "Panadería Sol", "New menu online", "--due", "2026-03-04", "--for-request", &req, "--channel", "email"],
    );
    ok(p, "2026-03-05T11:00:00+01:00", &["request", "follow-up", &req, "--note", "Is the new menu online yet?"]);
    ok(p, "2026-03-05T12:00:00+01:00", &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "waiting for photos"]);
    ok(p, "2026-03-06T16:00:00+01:00", &["promise", "reschedule", &promise, "--due", "2026-03-09", "--reason", "photos arrived late"]);
    ok(p, "2026-03-09T10:00:00+01:00", &["promise", "keep", &promise]);
    add(
        p,
        "2026-03-10T10:00:00+01:00",
        &["feedback", "add", "Panadería Sol", "--rating", "3", "--stage", "end", "--cause", "expectations"],
    );
    (dir, db)
}

/// The first line of `score` at each moment of the worked example's table.
fn headline(db: &std::path::Path, now: &str, client: &str) -> String {
    ok(db, now, &["score", client]).lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_worked_example_scores_73_on_monday_at_noon_line_by_line() {
    let (_dir, db) = worked_example();
    // Mon 9 March 12:00 (UTC+1).
    // Missed date Wed 4 Mar: passed Thu 00:00, ended when moved Thu 12:00, 4 d ago:
    //   15 × f(4) = 15 × 0.96966 = 14.545 → −15 (12 h late, the first let-down: no factor).
    // Moved after it had passed: Thu 12:00, 5 × 0.96966 = 4.848 → −5.
    // Asked again: Thu 11:00 (4.0417 d) 5 × 0.96935 = 4.847 → −5.
    // Moved in advance: Fri 16:00, before Friday passed (Sat 00:00), 2.833 d: 3 × 0.97842 = 2.935 → −3.
    // Answers on time: Mon 12:00 (7 d) 0.94752 → +1; the follow-up's answer was the
    //   move of a missed date, which earns nothing.
    // Kept Mon 10:00, after the date first promised: no credit, no cost of its own.
    // Ties at −5: the promise (Mon 12:00) is the newer entry, so its line first.
    // Trend: Mon 2 Mar 00:00 had no promise, request, incident or feedback: –;
    //   Mon 9 Mar 00:00 the same lines 12 h younger: 14.601, 4.867, 4.865, 2.947, 0.951: 73.
    let text = ok(&db, "2026-03-09T12:00:00+01:00", &["score", "Panadería Sol"]);
    assert_eq!(
        text,
        "Panadería Sol: trust 73/100\n\
         \n\
         \x20  +100  Every client starts at 100\n\
         \x20   -15  You missed the date you gave for “New menu online” (Wed 4 Mar)\n\
         \x20    -5  You moved the date of “New menu online” after it had passed (once)\n\
         \x20    -5  The client had to ask again about “Update the menu on the website” (once)\n\
         \x20    -3  You moved the date of “New menu online” in advance (once)\n\
         \x20    +1  You answered the client on time once\n\
         \n\
         Last 12 weeks (score at the end of each week, from the week of 2025-12-22):\n\
         \x20 – → – → – → – → – → – → – → – → – → – → 73 → 73\n\
         \n\
         Promises: 1 made — 0 kept on time, 1 kept late, 0 broken, 0 released, 0 open.\n\
         Median time to first reply: 2 business hours.\n"
    );
}

#[test]
fn the_worked_example_step_by_step_as_its_table_says() {
    let (_dir, db) = worked_example();
    let steps = [
        // Added, nothing to judge by; then the request alone: 1 of the 2 needed.
        ("2026-03-01T09:00:00+01:00", "Panadería Sol: new — not enough history yet"),
        ("2026-03-02T10:00:00+01:00", "Panadería Sol: new — not enough history yet"),
        // The promise answers on time: +1 (f(0) = 1), and −1 because trust can't go above 100.
        ("2026-03-02T12:00:00+01:00", "Panadería Sol: trust 100/100"),
        ("2026-03-03T09:00:00+01:00", "Panadería Sol: trust 100/100"),
        // Overdue: the missed date in full, −15; the answer 0.978 → +1.
        ("2026-03-05T09:00:00+01:00", "Panadería Sol: trust 86/100"),
        // The follow-up of 11:00: 5 × f(0.021) = 4.999 → −5.
        ("2026-03-05T11:30:00+01:00", "Panadería Sol: trust 81/100"),
        // Moved after it had passed: the missed date stays (15 × f(0)), −5 for the
        // move, no answer on time for it: 100 − 15 − 5 − 5 + 1, below the 81 before.
        ("2026-03-05T12:00:00+01:00", "Panadería Sol: trust 76/100"),
        // Moved in advance: −3 (f(0)); missed 15 × f(1.167) = 14.866, moved after 4.955,
        // asked again 5 × f(1.208) = 4.954, the answer 0.968.
        ("2026-03-06T16:00:00+01:00", "Panadería Sol: trust 73/100"),
        ("2026-03-09T12:00:00+01:00", "Panadería Sol: trust 73/100"),
        // The rating of 10:00 (see the Tuesday test).
        ("2026-03-10T12:00:00+01:00", "Panadería Sol: trust 71/100"),
    ];
    for (now, line) in steps {
        assert_eq!(headline(&db, now, "Panadería Sol"), line, "as of {now}");
    }
}

#[test]
fn on_thursday_the_missed_date_counts_in_full_and_moving_it_lowers_the_score() {
    let (_dir, db) = worked_example();
    // Thu 09:00: overdue 9 h, the missed date in full (−15); the answer of Mon 12:00
    // (2.875 d) 0.97810 → +1.
    let text = ok(&db, "2026-03-05T09:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 86/100\n\n   +100  Every client starts at 100\n    -15  You missed the date you gave for “New menu online” (Wed 4 Mar); it is still overdue\n     +1  You answered the client on time once\n\n"
        ),
        "{text}"
    );
    // Thu 11:30: the follow-up, 5 × f(0.0208) = 4.9992 → −5.
    let text = ok(&db, "2026-03-05T11:30:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 81/100\n\n   +100  Every client starts at 100\n    -15  You missed the date you gave for “New menu online” (Wed 4 Mar); it is still overdue\n     -5  The client had to ask again about “Update the menu on the website” (once)\n     +1  You answered the client on time once\n\n"
        ),
        "{text}"
    );
    // Thu 12:00, just moved: 15 × f(0), 5 × f(0), 5 × f(0.0417) = 4.998; the move
    // answered the follow-up within its time but earns nothing: 76, not the 94 of before.
    let text = ok(&db, "2026-03-05T12:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 76/100\n\n   +100  Every client starts at 100\n    -15  You missed the date you gave for “New menu online” (Wed 4 Mar)\n     -5  You moved the date of “New menu online” after it had passed (once)\n     -5  The client had to ask again about “Update the menu on the website” (once)\n     +1  You answered the client on time once\n\n"
        ),
        "{text}"
    );
}

#[test]
fn on_tuesday_the_lukewarm_rating_with_a_cause_costs_3_and_names_it() {
    let (_dir, db) = worked_example();
    // Tue 10 March 12:00. Missed date ended Thu 12:00, 5 d: 15 × 0.96222 = 14.433 → −14.
    // Moved after 5 × 0.96222 = 4.811 → −5; asked again (5.0417 d) 5 × 0.96192 = 4.810 → −5;
    // moved in advance (3.833 d) 3 × 0.97091 = 2.913 → −3; the rating of 10:00, 3/5 with
    // a cause: 3 × f(0.0833) = 2.998 → −3; the answer (8 d) 0.94025 → +1.
    // Ties at −3: the rating is the newer entry.
    let text = ok(&db, "2026-03-10T12:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 71/100\n\
             \n\
             \x20  +100  Every client starts at 100\n\
             \x20   -14  You missed the date you gave for “New menu online” (Wed 4 Mar)\n\
             \x20    -5  You moved the date of “New menu online” after it had passed (once)\n\
             \x20    -5  The client had to ask again about “Update the menu on the website” (once)\n\
             \x20    -3  The client rated the work 3/5 (Tue 10 Mar): expectations not met\n\
             \x20    -3  You moved the date of “New menu online” in advance (once)\n\
             \x20    +1  You answered the client on time once\n\n"
        ),
        "{text}"
    );
}

#[test]
fn raising_the_weight_of_a_missed_date_to_20_gives_69() {
    let (_dir, db) = worked_example();
    let now = "2026-03-09T12:00:00+01:00";
    ok(&db, now, &["settings", "set", "trust.promise_overdue", "20"]);
    // 20 × 0.96966 = 19.393 → −19; the other lines as at 73: 100 − 19 − 5 − 5 − 3 + 1 = 69.
    let text = ok(&db, now, &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 69/100\n\n   +100  Every client starts at 100\n    -19  You missed the date you gave for “New menu online” (Wed 4 Mar)\n"
        ),
        "{text}"
    );
    ok(&db, now, &["settings", "set", "trust.promise_overdue", "15"]);
    assert!(ok(&db, now, &["score", "Panadería Sol"]).starts_with("Panadería Sol: trust 73/100\n"), "and back");
}

#[test]
fn three_months_later_the_past_has_faded_to_half_and_silence_counts() {
    let (_dir, db) = worked_example();
    // Tue 9 June 12:00 (UTC+2), 10:00 UTC.
    // Missed date ended 5 Mar 11:00 UTC, 95.958 d: 15 × 0.47757 = 7.164 → −7.
    // Moved after 5 × 0.47757 = 2.388 → −2; asked again (96 d) 5 × 0.47742 = 2.387 → −2;
    // moved in advance (94.792 d) 3 × 0.48188 = 1.446 → −1; the rating (91.042 d)
    // 3 × 0.49600 = 1.488 → −1; the answer (98.958 d) 0.467 → 0, no line.
    // Silence: the last contact, the delivery that closed the request (9 Mar 09:00
    // UTC), is over 30 days old: −5. No feedback for more than 90 days (the rating,
    // 10 Mar 09:00 UTC, 90 days on 8 Jun 09:00 UTC): −2.
    // 100 − 7 − 5 − 2 − 2 − 2 − 1 − 1 = 80; the signals first among equals, then
    // the entries newest first (the rating before the promise).
    // The trend (end of each week, Monday 00:00 local), worked out the same way:
    //   30 Mar: missed 12.425 → −12, moved after −4, in advance −3, asked −4, rating −3,
    //           answer +1: 75;
    //   6 Apr:  missed 11.773 → −12, −4, −2, −4, −2, +1: 77;
    //   13 Apr: silence from 8 Apr (−5), missed 11.155 → −11, −4, −2, −4, −2, +1: 73;
    //   …;
    //   8 Jun:  the answer 0.472 → 0, missed 7.247 → −7, −2, −1, −2, −2, silence −5: 81;
    //   now: 80.
    let text = ok(&db, "2026-06-09T12:00:00+02:00", &["score", "Panadería Sol"]);
    assert_eq!(
        text,
        "Panadería Sol: trust 80/100\n\
         \n\
         \x20  +100  Every client starts at 100\n\
         \x20    -7  You missed the date you gave for “New menu online” (Wed 4 Mar)\n\
         \x20    -5  You and the client have not been in touch for a long time\n\
         \x20    -2  The client has not told you what they think for a long time\n\
         \x20    -2  You moved the date of “New menu online” after it had passed (once)\n\
         \x20    -2  The client had to ask again about “Update the menu on the website” (once)\n\
         \x20    -1  The client rated the work 3/5 (Tue 10 Mar): expectations not met\n\
         \x20    -1  You moved the date of “New menu online” in advance (once)\n\
         \n\
         Last 12 weeks (score at the end of each week, from the week of 2026-03-23):\n\
         \x20 75 → 77 → 73 → 73 → 76 → 77 → 77 → 77 → 78 → 77 → 81 → 80\n\
         \n\
         Promises: 1 made — 0 kept on time, 1 kept late, 0 broken, 0 released, 0 open.\n\
         Median time to first reply: 2 business hours.\n"
    );
}

#[test]
fn a_new_client_has_no_number_in_text_or_json_and_says_what_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let now = "2026-03-05T09:00:00+01:00";
    add(&db, now, &["client", "add", "Café Luna"]);
    ok(&db, now, &["settings", "set", "language", "en"]);
    assert!(
        ok(&db, now, &["score", "Café Luna"]).starts_with(
            "Café Luna: new — not enough history yet\n\nA score needs at least 2 promises, requests, incidents or feedback; there are none yet.\n\nLast 12 weeks"
        ),
        "just added, it is not a perfect 100"
    );
    add(&db, now, &["request", "add", "Café Luna", "Opening hours"]);
    let text = ok(&db, now, &["score", "Café Luna"]);
    assert!(
        text.starts_with("Café Luna: new — not enough history yet\n\nA score needs at least 2 promises, requests, incidents or feedback; there is 1 so far.\n"),
        "{text}"
    );
    assert!(text.contains("  – → – → – → – → – → – → – → – → – → – → – → –\n"), "no week has a point: {text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&db, now, &["score", "Café Luna", "--json"])).unwrap();
    assert_eq!(json["score"], serde_json::Value::Null);
    assert_eq!(json["contributions"], serde_json::json!([]));
    assert_eq!(json["history"], serde_json::json!({"matters": 1, "needed": 2}));
    ok(&db, now, &["settings", "set", "language", "es"]);
    assert!(
        ok(&db, now, &["score", "Café Luna"])
            .contains("Una puntuación necesita al menos 2 promesas, peticiones, incidencias u opiniones; de momento hay 1.\n"),
        "the sentence follows the language setting, as the reasons do"
    );
    // A second matter is enough: an answer-by not yet passed costs nothing.
    ok(&db, now, &["settings", "set", "language", "en"]);
    add(&db, now, &["request", "add", "Café Luna", "Price list"]);
    assert_eq!(headline(&db, now, "Café Luna"), "Café Luna: trust 100/100");
    ok(&db, now, &["settings", "set", "trust.history_needed", "3"]);
    assert_eq!(headline(&db, now, "Café Luna"), "Café Luna: new — not enough history yet", "the setting decides");
    // A lukewarm rating with no cause is worth nothing, and still has its line, as 0.
    add(&db, now, &["feedback", "add", "Café Luna", "--rating", "3", "--stage", "mid"]);
    assert!(
        ok(&db, now, &["score", "Café Luna"]).starts_with(
            "Café Luna: trust 100/100\n\n   +100  Every client starts at 100\n      0  The client rated the work 3/5 (Thu 5 Mar)\n\n"
        ),
        "every feedback has a line"
    );
}

// ------------------------------------------------ PRODUCT.md's public example

#[test]
fn the_public_example_at_its_key_moments() {
    let mut j = journal();
    journal::change_settings(&mut j.store, |old| old.with("language", "en")).unwrap();
    let Example { sol, .. } = public_example(&mut j.store, ClientPatch::default(), "Update the menu");
    let mut score = |d, h, m| {
        let r = insights::score(&mut j.store, at(d, h, m), sol).unwrap();
        if let Some(s) = r.score {
            assert_eq!(r.contributions.iter().map(|c| c.points).sum::<i64>(), s, "the lines add up to the score");
        }
        (r.score, lines(&r.contributions))
    };
    // Sun 1 March, just added; Mon 10:00 with the request alone: new, no lines.
    assert_eq!(score(1, 12, 0), (None, vec![]));
    assert_eq!(score(2, 11, 0), (None, vec![]));
    // Tue 09:00: the promise answered the request on time 21 h ago, 1 × f(0.875) = 0.993
    // → +1, which can't take the score over 100.
    assert_eq!(
        score(3, 9, 0),
        (
            Some(100),
            expected(&[(100, "Every client starts at 100"), (1, "You answered the client on time once"), (-1, "Trust can't go above 100")])
        )
    );
    // Thu 09:00: overdue, the missed date in full (−15), and that answer, now 0.978 → +1.
    let overdue = "You missed the date you gave for “New menu online” (Wed 4 Mar); it is still overdue";
    assert_eq!(
        score(5, 9, 0),
        (Some(86), expected(&[(100, "Every client starts at 100"), (-15, overdue), (1, "You answered the client on time once")]))
    );
    // Thu 11:30: the client asked again half an hour ago, 5 × f(0.0208) = 4.999 → −5;
    // its new wait is due Friday 11:00, so not late.
    assert_eq!(
        score(5, 11, 30),
        (
            Some(81),
            expected(&[
                (100, "Every client starts at 100"),
                (-15, overdue),
                (-5, "The client had to ask again about “Update the menu” (once)"),
                (1, "You answered the client on time once"),
            ])
        )
    );
    // Thu 12:00, the date moved to Friday: the missed date stays, the move costs 5.
    assert_eq!(score(5, 12, 0).0, Some(76), "moving the missed date must not raise the 81 of 11:30");
    // Mon 9 March 12:00: as in the worked example.
    assert_eq!(
        score(9, 12, 0),
        (
            Some(73),
            expected(&[
                (100, "Every client starts at 100"),
                (-15, "You missed the date you gave for “New menu online” (Wed 4 Mar)"),
                (-5, "You moved the date of “New menu online” after it had passed (once)"),
                (-5, "The client had to ask again about “Update the menu” (once)"),
                (-3, "You moved the date of “New menu online” in advance (once)"),
                (1, "You answered the client on time once"),
            ])
        )
    );
    // Tue 10 March 12:00, after the 3/5 rating for expectations at 10:00: as in the worked example.
    assert_eq!(
        score(10, 12, 0),
        (
            Some(71),
            expected(&[
                (100, "Every client starts at 100"),
                (-14, "You missed the date you gave for “New menu online” (Wed 4 Mar)"),
                (-5, "You moved the date of “New menu online” after it had passed (once)"),
                (-5, "The client had to ask again about “Update the menu” (once)"),
                (-3, "The client rated the work 3/5 (Tue 10 Mar): expectations not met"),
                (-3, "You moved the date of “New menu online” in advance (once)"),
                (1, "You answered the client on time once"),
            ])
        )
    );
}

#[test]
fn the_public_example_reads_as_sentences_in_spanish_too() {
    let mut j = journal();
    journal::change_settings(&mut j.store, |old| old.with("language", "es")).unwrap();
    let Example { sol, .. } = public_example(&mut j.store, ClientPatch::default(), "Actualizar la carta");
    // The same numbers as in English (Tue 10 March 12:00).
    let r = insights::score(&mut j.store, at(10, 12, 0), sol).unwrap();
    assert_eq!(
        (r.score, lines(&r.contributions)),
        (
            Some(71),
            expected(&[
                (100, "Todo cliente empieza con 100"),
                (-14, "No cumpliste la fecha que diste para «New menu online» (mié 4 mar)"),
                (-5, "Cambiaste la fecha de «New menu online» cuando ya había pasado (1 vez)"),
                (-5, "El cliente tuvo que volver a pedir «Actualizar la carta» (1 vez)"),
                (-3, "El cliente valoró el trabajo con 3/5 (mar 10 mar): no cumplió sus expectativas"),
                (-3, "Cambiaste la fecha de «New menu online» con antelación (1 vez)"),
                (1, "Respondiste a tiempo al cliente 1 vez"),
            ])
        )
    );
    let r = insights::score(&mut j.store, at(5, 9, 0), sol).unwrap();
    assert_eq!(r.contributions[1].reason, "No cumpliste la fecha que diste para «New menu online» (mié 4 mar); sigue vencida");
    let r = insights::score(&mut j.store, at(3, 9, 0), sol).unwrap();
    assert_eq!(r.contributions.last().map(|c| c.reason.as_str()), Some("La confianza no pasa de 100"));
}

// ------------------------------------------------ histories built for one rule each

fn madrid(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

/// Now, in these histories: Wednesday 11 March 2026, 12:00 in Madrid.
fn now() -> DateTime<Utc> {
    madrid(3, 11, 12)
}

/// A paused client, so that silence and the lack of feedback (active clients
/// only) stay out of the numbers under test.
fn paused() -> Client {
    let since = now() - Duration::days(500);
    Client::new(ClientId::new_at(since), "Sol", since, ClientPatch { status: Some(ClientStatus::Paused), ..Default::default() }).unwrap()
}

fn entry(c: &Client, at: DateTime<Utc>, summary: &str, details: Details) -> Entry {
    common::entry(c.id, at, summary, details)
}

fn promise(c: &Client, made: DateTime<Utc>, summary: &str, due: Due, events: Vec<PromiseEvent>) -> Entry {
    entry(c, made, summary, Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events }))
}

fn feedback(c: &Client, at: DateTime<Utc>, score: Score, cause: Option<Cause>, follow_up: Option<DateTime<Utc>>) -> Entry {
    let follow_ups = follow_up.map(|at| FeedbackFollowUp { at, note: None }).into_iter().collect();
    entry(c, at, "How did we do?", Details::Feedback(Feedback { score, stage: Stage::End, cause, comment: None, follow_ups }))
}

fn request(c: &Client, asked: DateTime<Utc>, summary: &str, events: Vec<RequestEvent>) -> Entry {
    entry(c, asked, summary, Details::Request(Request { answer_by: None, events }))
}

fn reply(at: DateTime<Utc>) -> RequestEvent {
    RequestEvent::Reply { at, note: None, promise: None }
}

fn incident(c: &Client, at: DateTime<Utc>, summary: &str, severity: IncidentSeverity, steps: &[RecoveryStep]) -> Entry {
    let steps =
        steps.iter().enumerate().map(|(n, step)| StepTaken { step: *step, at: at + Duration::hours(n as i64 + 1), note: None }).collect();
    entry(c, at, summary, Details::Incident(Incident { noticed_by: NoticedBy::Us, severity, steps }))
}

fn day(at: DateTime<Utc>) -> Due {
    Due::Date(at.with_timezone(&Madrid).date_naive())
}

fn march(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
}

fn score_in(lang: Language, c: &Client, entries: &[Entry]) -> (Option<i64>, Vec<(i64, String)>) {
    let settings = Settings::default();
    let (score, contributions) = trust::score(c, entries, &Context::new(&settings, Madrid, lang, now()));
    (score, lines(&contributions))
}

fn score_of(c: &Client, entries: &[Entry]) -> (Option<i64>, Vec<(i64, String)>) {
    score_in(Language::En, c, entries)
}

#[test]
fn past_failures_weigh_half_after_90_days_and_a_quarter_after_180() {
    let c = paused();
    let ago = |days| now() - Duration::days(days);
    let broken = |days, summary| {
        let made = ago(days) - Duration::days(2);
        promise(&c, made, summary, day(made + Duration::days(30)), vec![PromiseEvent::Broken { at: ago(days), reason: None }])
    };
    let entries = [
        // Broken before its date: 20 × 0.5^(90/90) = 10 → −10. The other break was
        // exactly 90 days before it, not within them: the first let-down, no factor.
        broken(90, "Logo"),
        // 20 × 0.5^(180/90) = 5 → −5.
        broken(180, "Flyer"),
        // 10 × 0.5^(45/90) = 7.071 → −7; followed up the next day, so no signal.
        feedback(&c, ago(45), Score::Rating(2), None, Some(ago(44))),
        // Repaired (apology and fix, then closed): half of 5, × 0.5^(30/90) = 2.5 × 0.7937 = 1.984 → −2.
        incident(
            &c,
            ago(30),
            "Typo on the menu",
            IncidentSeverity::Minor,
            &[RecoveryStep::Acknowledged, RecoveryStep::Apologized, RecoveryStep::Fixed, RecoveryStep::Closed],
        ),
        // Closed without an apology: all of 12, × 0.5^(90/90) = 6 → −6.
        incident(
            &c,
            ago(90),
            "Wrong prices",
            IncidentSeverity::Major,
            &[RecoveryStep::Acknowledged, RecoveryStep::Fixed, RecoveryStep::Closed],
        ),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(70),
            expected(&[
                (100, "Every client starts at 100"),
                (-10, "You broke your promise “Logo”"),
                (-7, "The client rated the work 2/5 (Sun 25 Jan)"),
                (-6, "Major incident “Wrong prices”, closed without an apology"),
                (-5, "You broke your promise “Flyer”"),
                (-2, "Minor incident “Typo on the menu”, repaired"),
            ])
        )
    );
}

#[test]
fn the_worse_forms_count_one_and_a_half_times_their_weight() {
    let c = paused();
    let entries = [
        // Due Monday 2 March (a day), passed Tuesday 00:00 and still open: 8.5 days late,
        // more than 7, so 15 × 1.5 = 22.5, in full while overdue, a half, away from zero → −23.
        promise(&c, madrid(2, 20, 10), "New menu online", march(2), vec![]),
        // Asked Monday 09:00 with 9 business hours to answer: by Monday 18:00, and
        // twice the target has run at Tuesday 18:00; still waiting on Wednesday noon,
        // 8 × 1.5 = 12, in full → −12.
        entry(&c, madrid(3, 9, 9), "Opening hours", Details::Request(Request::default())),
        // A critical incident, acknowledged, still open: its own 25 × f(2 d) =
        // 25 × 0.98471 = 24.618 → −25, and `incident_open` in its worse form, 5 × 1.5 = 7.5 → −8.
        incident(&c, madrid(3, 9, 12), "Site down", IncidentSeverity::Critical, &[RecoveryStep::Acknowledged]),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(32),
            expected(&[
                (100, "Every client starts at 100"),
                (-25, "Critical incident “Site down”"),
                (-23, "You missed the date you gave for “New menu online” (Mon 2 Mar); it is more than 7 days late"),
                (-12, "You have not answered “Opening hours” yet and it has waited more than twice the time to answer"),
                (-8, "The incident “Site down” is still open"),
            ])
        )
    );
}

#[test]
fn a_missed_date_left_over_a_week_stays_worse_after_the_promise_is_kept() {
    let c = paused();
    let entries = [
        // Due Sunday 1 March, passed Monday 00:00; kept Wednesday 11 March 10:00, 9 days
        // and 10 hours late: 15 × 1.5 = 22.5, fading from the keep 2 h ago:
        // 22.5 × f(0.0833) = 22.486 → −22. Kept late: no credit.
        promise(&c, madrid(2, 23, 9), "Shop sign", march(1), vec![PromiseEvent::Kept { at: madrid(3, 11, 10) }]),
        // Asked Monday 10:00, answered 11:00: on time, 1 × f(2.042) = 0.984 → +1.
        request(&c, madrid(3, 9, 10), "Opening hours", vec![reply(madrid(3, 9, 11))]),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(79),
            expected(&[
                (100, "Every client starts at 100"),
                (-22, "You missed the date you gave for “Shop sign” (Sun 1 Mar); it was more than 7 days late"),
                (1, "You answered the client on time once"),
            ])
        )
    );
}

#[test]
fn moving_a_date_in_advance_costs_3_and_after_it_passed_the_missed_date_and_5() {
    let c = paused();
    let moved = |at, summary| {
        let events = vec![PromiseEvent::Rescheduled { at, due: march(17), reason: "the printer is late".into(), cause: None }];
        promise(&c, madrid(3, 2, 10), summary, march(6), events)
    };
    let entries = [
        // Due Friday 6 March, moved on Thursday 12:00, before Friday passed (Sat 00:00):
        // 3 × f(6) = 3 × 0.95484 = 2.865 → −3.
        moved(madrid(3, 5, 12), "Poster"),
        // The same promise moved on Monday 9 March 12:00, after Friday passed: the
        // missed date, ended by the move 2 days ago, 15 × f(2) = 15 × 0.98471 = 14.771 → −15,
        // and the move, 5 × 0.98471 = 4.924 → −5.
        moved(madrid(3, 9, 12), "Banner"),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(77),
            expected(&[
                (100, "Every client starts at 100"),
                (-15, "You missed the date you gave for “Banner” (Fri 6 Mar)"),
                (-5, "You moved the date of “Banner” after it had passed (once)"),
                (-3, "You moved the date of “Poster” in advance (once)"),
            ])
        )
    );
}

#[test]
fn the_second_let_down_in_90_days_weighs_half_as_much_again_and_the_third_twice() {
    let c = paused();
    let entries = [
        // Due Monday 2 February, passed Tuesday 00:00, kept Wednesday 4 Feb 12:00 (36 h
        // late): the first let-down. 15 × f(35) = 15 × 0.76372 = 11.456 → −11.
        promise(
            &c,
            Madrid.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap().with_timezone(&Utc),
            "Logo",
            Due::Date(NaiveDate::from_ymd_opt(2026, 2, 2).unwrap()),
            vec![PromiseEvent::Kept { at: madrid(2, 4, 12) }],
        ),
        // Due Friday 20 February at 17:00, passed then: the second let-down in 90 days,
        // × 1.5; broken Monday 23 Feb 10:00, 16.083 days ago: 22.5 × 0.88350 = 19.879 → −20.
        // Broken after its date passed, the break is the same let-down (the second):
        // 20 × 1.5 × 0.88350 = 26.505 → −27.
        promise(
            &c,
            Madrid.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap().with_timezone(&Utc),
            "Flyer",
            Due::At(madrid(2, 20, 17)),
            vec![PromiseEvent::Broken { at: madrid(2, 23, 10), reason: None }],
        ),
        // Due Friday 6 March, passed Saturday 00:00, still open: the third let-down,
        // × 2, in full while overdue (4.5 days, not more than 7): 15 × 2 = 30 → −30.
        promise(&c, madrid(2, 25, 9), "Banner", march(6), vec![]),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(12),
            expected(&[
                (100, "Every client starts at 100"),
                (-30, "You missed the date you gave for “Banner” (Fri 6 Mar); it is still overdue — the third time in 90 days"),
                (-27, "You broke your promise “Flyer” after its date had passed — the second time in 90 days"),
                (-20, "You missed the date you gave for “Flyer” (Fri 20 Feb 17:00) — the second time in 90 days"),
                (-11, "You missed the date you gave for “Logo” (Mon 2 Feb)"),
            ])
        )
    );
    assert_eq!(
        score_in(Language::Es, &c, &entries).1[1].1,
        "No cumpliste la fecha que diste para «Banner» (vie 6 mar); sigue vencida — la tercera vez en 90 días"
    );
}

#[test]
fn a_late_answer_costs_what_the_wait_cost_and_so_does_giving_up_on_one() {
    let c = paused();
    let mut entries = vec![
        // Asked Monday 09:00, by Monday 18:00 (9 business hours), very late from Tuesday
        // 18:00; answered Tuesday 12:00: late, 8 × f(1) = 8 × 0.99233 = 7.939 → −8.
        request(&c, madrid(3, 9, 9), "Opening hours", vec![reply(madrid(3, 10, 12))]),
        // Asked Friday 09:00, by Friday 18:00, very late from Monday 18:00; withdrawn by
        // the client on Tuesday 09:00, still waiting: 8 × 1.5 × f(1.125) = 12 × 0.99137 = 11.896 → −12.
        request(&c, madrid(3, 6, 9), "Price list", vec![RequestEvent::Withdrawn { at: madrid(3, 10, 9), note: None }]),
        // Asked Tuesday 09:00, by Tuesday 18:00, very late from Wednesday 18:00; still
        // waiting at noon: 8 in full → −8.
        request(&c, madrid(3, 10, 9), "Invoice copy", vec![]),
    ];
    let waiting = expected(&[
        (100, "Every client starts at 100"),
        (-12, "The client gave up waiting for your answer to “Price list”"),
        (-8, "You answered “Opening hours” late (once)"),
        (-8, "You have not answered “Invoice copy” yet and the time to answer has passed"),
    ]);
    assert_eq!(score_of(&c, &entries), (Some(72), waiting));
    // Answered now: the missed answer-by stays, 8 × f(0) = 8, no better and no worse.
    entries[2] = request(&c, madrid(3, 10, 9), "Invoice copy", vec![reply(now())]);
    assert_eq!(score_of(&c, &entries).0, Some(72));
    assert_eq!(score_of(&c, &entries).1[3], (-8, "You answered “Invoice copy” late (once)".to_string()));
}

#[test]
fn every_feedback_has_a_line_and_a_lukewarm_one_with_a_cause_costs_a_little() {
    let c = paused();
    let ago = |days| now() - Duration::days(days);
    let entries = [
        // 3/5 for expectations: lukewarm with a cause, 3 × f(1) = 2.977 → −3.
        feedback(&c, ago(1), Score::Rating(3), Some(Cause::Expectations), None),
        // 3/5 with no cause: 0, and shown.
        feedback(&c, ago(2), Score::Rating(3), None, None),
        // NPS 8 for a misunderstanding: 3 × f(3) = 2.931 → −3.
        feedback(&c, ago(3), Score::Nps(8), Some(Cause::Misunderstanding), None),
        // NPS 7 with no cause: 0, and shown.
        feedback(&c, ago(4), Score::Nps(7), None, None),
        // 2/5 for a deficiency, followed up: 10 × f(10) = 9.259 → −9.
        feedback(&c, ago(10), Score::Rating(2), Some(Cause::Deficiency), Some(ago(9))),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(85),
            expected(&[
                (100, "Every client starts at 100"),
                (-9, "The client rated the work 2/5 (Sun 1 Mar): something in the work was missing or wrong"),
                (-3, "The client rated the work 3/5 (Tue 10 Mar): expectations not met"),
                (-3, "The client scored 8/10 how likely they are to recommend you (Sun 8 Mar): they expected a different service"),
                (0, "The client rated the work 3/5 (Mon 9 Mar)"),
                (0, "The client scored 7/10 how likely they are to recommend you (Sat 7 Mar)"),
            ])
        )
    );
    let es: Vec<String> = score_in(Language::Es, &c, &entries).1.into_iter().map(|(_, r)| r).collect();
    assert_eq!(
        es,
        [
            "Todo cliente empieza con 100",
            "El cliente valoró el trabajo con 2/5 (dom 1 mar): algo faltó o falló en el trabajo",
            "El cliente valoró el trabajo con 3/5 (mar 10 mar): no cumplió sus expectativas",
            "El cliente puntuó con 8/10 si te recomendaría (dom 8 mar): esperaba otro servicio",
            "El cliente valoró el trabajo con 3/5 (lun 9 mar)",
            "El cliente puntuó con 7/10 si te recomendaría (sáb 7 mar)",
        ]
    );
}

#[test]
fn a_client_with_one_promise_is_new_until_it_is_let_down() {
    let c = paused();
    let made = madrid(3, 2, 10);
    let open = [promise(&c, made, "New menu online", march(13), vec![])];
    assert_eq!(score_of(&c, &open), (None, vec![]), "one promise, not yet due, is not enough to judge by");
    let with_a_note = [open[0].clone(), entry(&c, madrid(3, 3, 10), "Called about photos", Details::Note)];
    assert_eq!(score_of(&c, &with_a_note), (None, vec![]), "notes and interactions don't count");
    let kept = [promise(&c, made, "New menu online", march(4), vec![PromiseEvent::Kept { at: madrid(3, 4, 9) }])];
    assert_eq!(score_of(&c, &kept), (None, vec![]), "one promise kept is too little to be worth a number");
    let moved_in_advance = [promise(
        &c,
        made,
        "New menu online",
        march(4),
        vec![PromiseEvent::Rescheduled { at: madrid(3, 3, 9), due: march(13), reason: "waiting for photos".into(), cause: None }],
    )];
    assert_eq!(score_of(&c, &moved_in_advance), (None, vec![]), "moving a date before it comes is care, not a let-down");

    // "New" beside a date that passed would say nothing went wrong: the first let-down gives a score.
    let overdue = [promise(&c, made, "New menu online", march(4), vec![])];
    let (score, lines) = score_of(&c, &overdue);
    assert!(score.is_some_and(|s| s < 100), "a missed date is scored: {score:?} {lines:?}");
    assert!(lines.iter().any(|(p, r)| *p < 0 && r.starts_with("You missed the date you gave for “New menu online”")), "{lines:?}");
    let (moved_after, _) = score_of(
        &c,
        &[promise(
            &c,
            made,
            "New menu online",
            march(4),
            vec![PromiseEvent::Rescheduled { at: madrid(3, 5, 9), due: march(13), reason: "photos late".into(), cause: None }],
        )],
    );
    assert!(moved_after.is_some_and(|s| s < 100), "a missed date stays after it is moved: {moved_after:?}");
    let unhappy = [feedback(&c, madrid(3, 9, 10), Score::Rating(2), None, None)];
    assert!(score_of(&c, &unhappy).0.is_some_and(|s| s < 100), "an unhappy client is a let-down too");
}

#[test]
fn each_line_is_rounded_on_its_own_halves_away_from_zero_and_zeros_left_out_but_feedback() {
    let c = paused();
    let ago = |days| now() - Duration::days(days);
    let asked = ago(271);
    let late_answer = Request { answer_by: Some(asked + Duration::hours(1)), events: vec![reply(ago(270))] };
    let entries = [
        // Kept on time 270 days ago, three half-lives: 4 × 0.125 = 0.5 exactly → +1.
        promise(&c, ago(272), "Brochure", day(ago(200)), vec![PromiseEvent::Kept { at: ago(270) }]),
        // Asked on Friday 13 June 2025 at 12:00 with an hour to answer, answered the next
        // day, past twice that hour: very late, 8 × 1.5 × 0.125 = 1.5 → −2 (away from zero).
        entry(&c, asked, "Quote", Details::Request(late_answer)),
        // Broken 360 days ago, before its date, four half-lives: 20 × 0.0625 = 1.25 → −1.
        promise(&c, ago(362), "Banner", day(ago(300)), vec![PromiseEvent::Broken { at: ago(360), reason: None }]),
        // NPS 6 360 days ago, followed up: 10 × 0.0625 = 0.625 → −1.
        feedback(&c, ago(360), Score::Nps(6), None, Some(ago(359))),
        // Happy a year ago: 3 × 0.5^(365/90) = 0.181 → 0, and shown: every feedback is.
        feedback(&c, ago(365), Score::Rating(5), None, None),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(97),
            expected(&[
                (100, "Every client starts at 100"),
                (-2, "You answered “Quote” very late (once)"),
                (-1, "You broke your promise “Banner”"),
                (-1, "The client scored 6/10 how likely they are to recommend you (Sun 16 Mar 2025)"),
                (1, "You kept 1 promise on time"),
                (0, "The client rated the work 5/5 (Tue 11 Mar 2025)"),
            ])
        )
    );
}

#[test]
fn credits_make_up_for_penalties_but_never_lift_the_score_over_100() {
    // docs/trust-score.md's example: two promises kept on time and a happy NPS of 9
    // in the last weeks, and nothing else (an active client added 25 days ago:
    // neither silent for 30 days nor 90 without feedback).
    let since = now() - Duration::days(25);
    let c = Client::new(ClientId::new_at(since), "Sol", since, ClientPatch::default()).unwrap();
    let ago = |days| now() - Duration::days(days);
    let kept = |days, summary| promise(&c, ago(24), summary, day(ago(5)), vec![PromiseEvent::Kept { at: ago(days) }]);
    let entries = [
        // 4 × (0.5^(10/90) + 0.5^(20/90)) = 4 × (0.92587 + 0.85724) = 7.132 → +7.
        kept(10, "Logo"),
        kept(20, "Flyer"),
        // 3 × 0.5^(5/90) = 2.887 → +3.
        feedback(&c, ago(5), Score::Nps(9), None, None),
    ];
    // 100 + 7 + 3 = 110, brought back to 100 by a line that says why.
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(100),
            expected(&[
                (100, "Every client starts at 100"),
                (7, "You kept 2 promises on time"),
                (3, "The client scored 9/10 how likely they are to recommend you (Fri 6 Mar)"),
                (-10, "Trust can't go above 100"),
            ])
        )
    );
}

#[test]
fn a_score_below_0_is_brought_up_by_a_line_that_says_so() {
    let c = paused();
    let made = |h| madrid(3, 2, h);
    let entries = [
        // Two critical incidents noticed Monday 2 March 10:00 (9.083 days), never
        // acknowledged, still open: each 25 × f(9.083) = 25 × 0.93243 = 23.311 → −23,
        // not acknowledged 15 → −15, open in the worse form 5 × 1.5 = 7.5 → −8.
        incident(&c, made(10), "Site down", IncidentSeverity::Critical, &[]),
        incident(&c, made(10), "Shop closed", IncidentSeverity::Critical, &[]),
        // Three promises due that Monday, passed Tuesday 00:00, all still open 8.5 days
        // later: each 15 × 1.5 = 22.5; at the same moment, taken in the order they were
        // made: the first × 1 → −23, the second × 1.5 = 33.75 → −34, the third × 2 = 45.
        promise(&c, made(10), "Banner", march(2), vec![]),
        promise(&c, made(11), "Poster", march(2), vec![]),
        promise(&c, made(12), "Flyer", march(2), vec![]),
    ];
    // 100 − 45 − 34 − 3 × 23 − 2 × 15 − 2 × 8 = −94, brought up to 0 by +94.
    let late = "(Mon 2 Mar); it is more than 7 days late";
    assert_eq!(
        score_of(&c, &entries),
        (
            Some(0),
            expected(&[
                (100, "Every client starts at 100"),
                (-45, &format!("You missed the date you gave for “Flyer” {late} — the third time in 90 days")),
                (-34, &format!("You missed the date you gave for “Poster” {late} — the second time in 90 days")),
                (-23, "Critical incident “Site down”"),
                (-23, "Critical incident “Shop closed”"),
                (-23, &format!("You missed the date you gave for “Banner” {late}")),
                (-15, "The client has heard nothing from you about the incident “Site down”"),
                (-15, "The client has heard nothing from you about the incident “Shop closed”"),
                (-8, "The incident “Site down” is still open"),
                (-8, "The incident “Shop closed” is still open"),
                (94, "Trust can't go below 0"),
            ])
        )
    );
}
