//! The trust score's exact numbers for documented histories: docs/trust-score.md's
//! worked example as the CLI prints it (and 86, 91, 76 and three months later),
//! PRODUCT.md's public example at its key moments, and histories that exercise
//! fading, the worse form of a signal, rounding and the 0–100 clamp.
//!
//! Every expected number is worked out by hand from the rules docs/trust-score.md
//! states, in the comments: a past event weighs `weight × 0.5^(age in days / 90)`,
//! a signal in force its full weight (× 1.5 in its worse form), each line is
//! rounded on its own, halves away from zero, and lines of 0 are left out.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use common::{add, at, journal, ok, public_example, Example};
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::StepTaken;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::{
    Client, ClientId, ClientPatch, ClientStatus, Details, Due, Entry, Feedback, Incident, IncidentSeverity, Language, NoticedBy, Promise,
    RecoveryStep, Request, Score, Settings, Stage,
};
use trato::insights;
use trato::journal;
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
    (dir, db)
}

#[test]
fn the_worked_example_scores_81_on_monday_at_noon_line_by_line() {
    let (_dir, db) = worked_example();
    // Mon 9 March 12:00 (UTC+1). f(d) = 0.5^(d/90).
    // Kept late: kept 2 h ago, 10 × f(0.0833) = 10 × 0.99936 = 9.994 → −10.
    // Rescheduled twice: Thu 12:00 (4 d) 3 × 0.96966 = 2.909, Fri 16:00 (2.833 d)
    //   3 × 0.97842 = 2.935; 5.844 → −6.
    // Asked again: Thu 11:00 (4.0417 d) 5 × 0.96935 = 4.847 → −5.
    // Answers on time: Mon 12:00 (7 d) 0.94752 and Thu 12:00 (4 d) 0.96966; 1.917 → +2.
    // No signal in force: the promise is kept and the request done.
    // Trend: the week of 23 Feb ends Mon 2 Mar 00:00, after the client was added
    // (1 Mar): 100; the week of 2 Mar ends Mon 9 Mar 00:00: 91 (see below); now: 81.
    let text = ok(&db, "2026-03-09T12:00:00+01:00", &["score", "Panadería Sol"]);
    assert_eq!(
        text,
        "Panadería Sol: trust 81/100\n\
         \n\
         \x20  +100  Starting trust\n\
         \x20   -10  Promise “New menu online” kept late\n\
         \x20    -6  Promise “New menu online” rescheduled twice\n\
         \x20    -5  The client had to ask again about “Update the menu on the website” (once)\n\
         \x20    +2  Answers on time (2)\n\
         \n\
         Last 12 weeks (score at the end of each week, from the week of 2025-12-22):\n\
         \x20 – → – → – → – → – → – → – → – → – → 100 → 91 → 81\n\
         \n\
         Promises: 1 made — 0 kept on time, 1 kept late, 0 broken, 0 released, 0 open.\n\
         Median time to first reply: 2 business hours.\n"
    );
}

#[test]
fn the_worked_example_as_it_stood_on_thursday_and_at_the_end_of_its_first_week() {
    let (_dir, db) = worked_example();
    // Mon 9 March 00:00: the promise is open and due that day (not overdue, not
    // kept late). Reschedules 3.5 d (0.97340) and 2.333 d (0.98219): 3 × 1.95559
    // = 5.867 → −6. Follow-up 3.5417 d: 5 × 0.97309 = 4.865 → −5. Answers 6.5 d
    // (0.95117) and 3.5 d (0.97340): 1.925 → +2. 100 − 6 − 5 + 2 = 91.
    let text = ok(&db, "2026-03-09T00:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 91/100\n\n   +100  Starting trust\n     -6  Promise “New menu online” rescheduled twice\n     -5  The client had to ask again about “Update the menu on the website” (once)\n     +2  Answers on time (2)\n\n"
        ),
        "{text}"
    );
    // Thu 5 March 09:00: overdue since 00:00, 9 h late and not rescheduled, so its
    // plain form: −15. The only answer so far, Mon 12:00 (2.875 d): 0.97810 → +1.
    let text = ok(&db, "2026-03-05T09:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(
        text.starts_with(
            "Panadería Sol: trust 86/100\n\n   +100  Starting trust\n    -15  Overdue now: “New menu online”\n     +1  Answers on time (1)\n\n"
        ),
        "{text}"
    );
}

#[test]
fn raising_the_weight_of_a_late_promise_to_15_gives_76() {
    let (_dir, db) = worked_example();
    let now = "2026-03-09T12:00:00+01:00";
    ok(&db, now, &["settings", "set", "trust.promise_kept_late", "15"]);
    // 15 × 0.99936 = 14.990 → −15; the other lines as at 81: 100 − 15 − 6 − 5 + 2 = 76.
    let text = ok(&db, now, &["score", "Panadería Sol"]);
    assert!(
        text.starts_with("Panadería Sol: trust 76/100\n\n   +100  Starting trust\n    -15  Promise “New menu online” kept late\n"),
        "{text}"
    );
    ok(&db, now, &["settings", "set", "trust.promise_kept_late", "10"]);
    assert!(ok(&db, now, &["score", "Panadería Sol"]).starts_with("Panadería Sol: trust 81/100\n"), "and back");
}

#[test]
fn three_months_later_the_past_has_faded_to_half_and_silence_counts() {
    let (_dir, db) = worked_example();
    // Tue 9 June 12:00 (UTC+2), 10:00 UTC.
    // Kept late: kept 9 Mar 09:00 UTC, 92.042 d ago: 10 × 0.49220 = 4.922 → −5.
    // Reschedules 95.958 d (0.47758) and 93.792 d (0.48562): 3 × 0.96320 = 2.890 → −3.
    // Follow-up 96 d: 5 × 0.47743 = 2.387 → −2.
    // Answers 98.958 d (0.46667) and 95.958 d (0.47758): 0.944 → +1.
    // Silence: the last contact, the delivery that closed the request (9 Mar
    // 09:00 UTC), is over 30 days old: −5. No feedback in the 90 days since the
    // client was added (1 Mar 08:00 UTC, 90 days on 30 May): −2.
    // 100 − 5 − 5 − 3 − 2 − 2 + 1 = 84; the two −5 and the two −2 in the order raised.
    // The trend (end of each week, Monday 00:00 local), worked out the same way:
    //   30 Mar: kept late 10 × f(20.54 d) = 8.54 → −9, reschedules −5, follow-up
    //           −4, answers +2: 84;
    //   6 Apr:  kept late 7.99 → −8: 85;
    //   13 Apr: silence from 8 Apr 09:00 UTC (−5), reschedules 3.82 → −4, answers
    //           1.36 → +1: 80;
    //   …;
    //   1 Jun:  no recent feedback from 30 May (−2), kept late 5.26 → −5: 83.
    let text = ok(&db, "2026-06-09T12:00:00+02:00", &["score", "Panadería Sol"]);
    assert_eq!(
        text,
        "Panadería Sol: trust 84/100\n\
         \n\
         \x20  +100  Starting trust\n\
         \x20    -5  No contact for a long time\n\
         \x20    -5  Promise “New menu online” kept late\n\
         \x20    -3  Promise “New menu online” rescheduled twice\n\
         \x20    -2  No recent feedback\n\
         \x20    -2  The client had to ask again about “Update the menu on the website” (once)\n\
         \x20    +1  Answers on time (2)\n\
         \n\
         Last 12 weeks (score at the end of each week, from the week of 2026-03-23):\n\
         \x20 84 → 85 → 80 → 81 → 82 → 82 → 83 → 84 → 84 → 83 → 84 → 84\n\
         \n\
         Promises: 1 made — 0 kept on time, 1 kept late, 0 broken, 0 released, 0 open.\n\
         Median time to first reply: 2 business hours.\n"
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
        assert_eq!(r.contributions.iter().map(|c| c.points).sum::<i64>(), r.score, "the lines add up to the score");
        (r.score, lines(&r.contributions))
    };
    // Sun 1 March, just added: nothing for or against.
    assert_eq!(score(1, 12, 0), (100, expected(&[(100, "Starting trust")])));
    // Tue 09:00: the promise answered the request on time 21 h ago, 1 × f(0.875) = 0.993
    // → +1, which can't take the score over 100.
    assert_eq!(score(3, 9, 0), (100, expected(&[(100, "Starting trust"), (1, "Answers on time (1)"), (-1, "Kept within 0–100")])));
    // Thu 09:00: overdue (−15) and that answer, now 0.978 → +1.
    assert_eq!(
        score(5, 9, 0),
        (86, expected(&[(100, "Starting trust"), (-15, "Overdue now: “New menu online”"), (1, "Answers on time (1)")]))
    );
    // Thu 11:30: the client asked again half an hour ago, 5 × f(0.0208) = 4.999 → −5;
    // its new wait is due Friday 11:00, so not unanswered.
    assert_eq!(
        score(5, 11, 30),
        (
            81,
            expected(&[
                (100, "Starting trust"),
                (-15, "Overdue now: “New menu online”"),
                (-5, "The client had to ask again about “Update the menu” (once)"),
                (1, "Answers on time (1)"),
            ])
        )
    );
    // Mon 9 March 12:00: as in the worked example.
    let at_noon = expected(&[
        (100, "Starting trust"),
        (-10, "Promise “New menu online” kept late"),
        (-6, "Promise “New menu online” rescheduled twice"),
        (-5, "The client had to ask again about “Update the menu” (once)"),
        (2, "Answers on time (2)"),
    ]);
    assert_eq!(score(9, 12, 0), (81, at_noon.clone()));
    // Tue 10 March 12:00, after the 3/5 rating (neither happy nor unhappy): kept late
    // 1.083 d 9.917 → −10; reschedules 5 d and 3.833 d, 2.887 + 2.913 = 5.799 → −6;
    // follow-up 5.042 d 4.810 → −5; answers 8 d and 5 d, 0.940 + 0.962 = 1.902 → +2.
    assert_eq!(score(10, 12, 0), (81, at_noon));
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
    entry(c, made, summary, Details::Promise(Promise { due, for_request: None, events }))
}

fn feedback(c: &Client, at: DateTime<Utc>, score: Score, follow_up: Option<DateTime<Utc>>) -> Entry {
    let follow_ups = follow_up.map(|at| FeedbackFollowUp { at, note: None }).into_iter().collect();
    entry(c, at, "How did we do?", Details::Feedback(Feedback { score, stage: Stage::End, cause: None, comment: None, follow_ups }))
}

fn incident(c: &Client, at: DateTime<Utc>, summary: &str, severity: IncidentSeverity, steps: &[RecoveryStep]) -> Entry {
    let steps =
        steps.iter().enumerate().map(|(n, step)| StepTaken { step: *step, at: at + Duration::hours(n as i64 + 1), note: None }).collect();
    entry(c, at, summary, Details::Incident(Incident { noticed_by: NoticedBy::Us, severity, steps }))
}

fn day(at: DateTime<Utc>) -> Due {
    Due::Date(at.with_timezone(&Madrid).date_naive())
}

fn score_of(c: &Client, entries: &[Entry]) -> (i64, Vec<(i64, String)>) {
    let settings = Settings::default();
    let (score, contributions) = trust::score(c, entries, &Context::new(&settings, Madrid, Language::En, now()));
    (score, lines(&contributions))
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
        // 20 × 0.5^(90/90) = 10 → −10.
        broken(90, "Logo"),
        // 20 × 0.5^(180/90) = 5 → −5.
        broken(180, "Flyer"),
        // 10 × 0.5^(45/90) = 7.071 → −7; followed up the next day, so no signal.
        feedback(&c, ago(45), Score::Rating(2), Some(ago(44))),
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
            70,
            expected(&[
                (100, "Starting trust"),
                (-10, "Promise “Logo” broken"),
                (-7, "Unhappy feedback (2/5)"),
                (-6, "Major incident “Wrong prices”, closed without an apology"),
                (-5, "Promise “Flyer” broken"),
                (-2, "Minor incident “Typo on the menu”, repaired"),
            ])
        )
    );
}

#[test]
fn signals_in_their_worse_form_count_one_and_a_half_times_their_weight() {
    let c = paused();
    let entries = [
        // Due Monday 2 March (a day), late from Tuesday 00:00: 8.5 days late, more than
        // 7, so 15 × 1.5 = 22.5, a half, away from zero → −23.
        promise(&c, madrid(2, 20, 10), "New menu online", Due::Date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()), vec![]),
        // Asked Monday 09:00 with 9 business hours to answer: by Monday 18:00, and
        // twice the target has run at Tuesday 18:00; on Wednesday noon, 8 × 1.5 = 12 → −12.
        entry(&c, madrid(3, 9, 9), "Opening hours", Details::Request(Request::default())),
        // A critical incident, acknowledged, still open: its own 25 × f(2 d) =
        // 25 × 0.98471 = 24.618 → −25, and `incident_open` in its worse form, 5 × 1.5 = 7.5 → −8.
        incident(&c, madrid(3, 9, 12), "Site down", IncidentSeverity::Critical, &[RecoveryStep::Acknowledged]),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            32,
            expected(&[
                (100, "Starting trust"),
                (-25, "Critical incident “Site down”"),
                (-23, "Overdue now: “New menu online”"),
                (-12, "Unanswered now: “Opening hours”"),
                (-8, "Incident still open: “Site down”"),
            ])
        )
    );
}

#[test]
fn each_line_is_rounded_on_its_own_halves_away_from_zero_and_zeros_left_out() {
    let c = paused();
    let ago = |days| now() - Duration::days(days);
    let asked = ago(271);
    let late_answer = Request {
        answer_by: Some(asked + Duration::hours(1)),
        events: vec![RequestEvent::Reply { at: ago(270), note: None, promise: None }],
    };
    let entries = [
        // Kept on time 270 days ago, three half-lives: 4 × 0.125 = 0.5 exactly → +1.
        promise(&c, ago(272), "Brochure", day(ago(200)), vec![PromiseEvent::Kept { at: ago(270) }]),
        // Answered 270 days ago, after its answer-by: 4 × 0.125 = 0.5 → −1 (away from zero).
        entry(&c, asked, "Quote", Details::Request(late_answer)),
        // Broken 360 days ago, four half-lives: 20 × 0.0625 = 1.25 → −1.
        promise(&c, ago(362), "Banner", day(ago(300)), vec![PromiseEvent::Broken { at: ago(360), reason: None }]),
        // NPS 6 360 days ago, followed up: 10 × 0.0625 = 0.625 → −1.
        feedback(&c, ago(360), Score::Nps(6), Some(ago(359))),
        // Happy a year ago: 3 × 0.5^(365/90) = 0.181 → 0, so no line at all.
        feedback(&c, ago(365), Score::Rating(5), None),
    ];
    assert_eq!(
        score_of(&c, &entries),
        (
            98,
            expected(&[
                (100, "Starting trust"),
                (-1, "Answered late: “Quote” (once)"),
                (-1, "Promise “Banner” broken"),
                (-1, "Unhappy feedback (NPS 6)"),
                (1, "Promises kept on time (1)"),
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
        feedback(&c, ago(5), Score::Nps(9), None),
    ];
    // 100 + 7 + 3 = 110, brought back to 100.
    assert_eq!(
        score_of(&c, &entries),
        (
            100,
            expected(&[(100, "Starting trust"), (7, "Promises kept on time (2)"), (3, "Happy feedback (1)"), (-10, "Kept within 0–100"),])
        )
    );
}
