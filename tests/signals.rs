//! The signals, score and record of the public example (PRODUCT.md), at every
//! step it lists, through the library: the story is written once and replayed
//! as of each moment, which is also how the weekly trend sees the past.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use common::{at, journal, march, new_entry, public_example, Example, Journal};
use trato::domain::promise::DueInForce;
use trato::domain::{ClientId, ClientPatch, Due, EntryId, IncidentSeverity, NoticedBy, Severity, SignalKind};
use trato::journal::insights;
use trato::journal::{self, Clock};
use trato::signals::{self, Activity, ClientView, Context, Deadlines, Matter, Signal};

fn day(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
}

struct Story {
    j: Journal,
    sol: ClientId,
    menu: EntryId,
    promise: EntryId,
}

/// The whole public example, as Ana logged it live.
fn story() -> Story {
    let mut j = journal();
    journal::change_settings(&mut j.store, |old| old.with("language", "en")).unwrap();
    let Example { sol, menu, promise } = public_example(&mut j.store, ClientPatch::default(), "Update the menu");
    Story { j, sol, menu, promise }
}

/// Today as of a moment, as (kind, severity, since, entry ids).
fn today(j: &mut Journal, clock: Clock) -> Vec<(SignalKind, Severity, DateTime<Utc>, Vec<EntryId>)> {
    let t = insights::today(&mut j.store, clock).unwrap();
    assert_eq!(t.generated_at, clock.now);
    t.signals().map(|s| (s.kind, s.severity, s.since, s.entry_ids.clone())).collect()
}

#[test]
fn the_public_example_at_every_step() {
    let Story { mut j, sol, menu, promise } = story();
    use Severity::*;
    use SignalKind::*;

    // 1. Monday 10:00 the request arrives: answer by Tuesday 10:00, nothing to do yet.
    assert_eq!(today(&mut j, at(2, 10, 0)), []);
    // 2–3. Monday 12:00 the linked promise replies to it; Tuesday 09:00 it is due soon, and no request is unanswered.
    assert_eq!(today(&mut j, at(3, 9, 0)), [(PromiseDueSoon, Low, march(3, 0, 0), vec![promise])]);
    assert_eq!(
        today(&mut j, at(3, 10, 30)),
        [(PromiseDueSoon, Low, march(3, 0, 0), vec![promise])],
        "answered, so not unanswered past Tuesday 10:00"
    );
    // 4. Thursday 09:00: overdue since Thursday 00:00 (due Wednesday means all of Wednesday).
    assert_eq!(today(&mut j, at(4, 23, 59)), [(PromiseDueSoon, Low, march(3, 0, 0), vec![promise])]);
    assert_eq!(today(&mut j, at(5, 9, 0)), [(PromiseOverdue, High, march(5, 0, 0), vec![promise])]);
    // 5. Thursday 11:00 the client writes again: repeated from then on, and a new answer-by clock.
    assert_eq!(
        today(&mut j, at(5, 11, 30)),
        [(PromiseOverdue, High, march(5, 0, 0), vec![promise]), (RequestRepeated, Medium, march(5, 11, 0), vec![menu])]
    );
    // 6. Thursday 12:00 rescheduled to Friday: open again, not overdue (due within 48 h), still repeated.
    assert_eq!(
        today(&mut j, at(5, 12, 0)),
        [(RequestRepeated, Medium, march(5, 11, 0), vec![menu]), (PromiseDueSoon, Low, march(5, 12, 0), vec![promise])]
    );
    // 7. Friday 16:00 rescheduled again, to Monday: slipping from then on.
    assert_eq!(
        today(&mut j, at(6, 16, 0)),
        [(PromiseSlipping, High, march(6, 16, 0), vec![promise]), (RequestRepeated, Medium, march(5, 11, 0), vec![menu])]
    );
    // 8. Monday 10:00 kept (late), the request done: at 12:00 nothing about the menu.
    assert_eq!(today(&mut j, at(9, 12, 0)), []);
    // 9. Tuesday: 3/5 is not unhappy enough to ask for a follow-up.
    assert_eq!(today(&mut j, at(17, 12, 0)), []);

    let record = insights::record(&mut j.store, at(9, 12, 0), Some(sol)).unwrap();
    assert_eq!((record.made, record.kept_on_time, record.kept_late, record.broken, record.open), (1, 0, 1, 0, 0));
    assert_eq!(record.median_reply_hours, Some(2.0), "asked Monday 10:00, answered by the promise at 12:00");

    // On Mar 1 nothing had happened yet: the bakery is new, with no score, not 100.
    let before = insights::score(&mut j.store, at(1, 12, 0), sol).unwrap();
    let after = insights::score(&mut j.store, at(9, 12, 0), sol).unwrap();
    assert_eq!((before.score, before.contributions.len()), (None, 0));
    let score = after.score.expect("a request and a promise are enough history");
    assert!(score < 100, "{score} is not below a perfect record");
    let reasons: Vec<&str> = after.contributions.iter().map(|c| c.reason.as_str()).collect();
    let names =
        |what: &str, id: EntryId| after.contributions.iter().any(|c| c.reason.contains(what) && c.points < 0 && c.entry_ids == [id]);
    assert!(names("missed the date you gave for “New menu online”", promise), "{reasons:?}");
    assert!(names("ask again about “Update the menu”", menu), "{reasons:?}");
    assert_eq!(after.contributions.iter().map(|c| c.points).sum::<i64>(), score);
}

#[test]
fn a_promise_both_slipping_and_due_soon_is_one_matter_led_by_the_slip() {
    let Story { mut j, sol, menu, promise } = story();
    use Severity::*;
    use SignalKind::*;
    // Monday 09:00, an hour before it was kept: moved twice (slipping) and due by the end of the day (due soon).
    let t = insights::today(&mut j.store, at(9, 9, 0)).unwrap();
    let matters: Vec<_> =
        t.matters.iter().map(|m| (m.entry_id, m.severity, m.since, m.signals.iter().map(|s| s.kind).collect::<Vec<_>>())).collect();
    assert_eq!(
        matters,
        [
            (Some(promise), High, march(6, 16, 0), vec![PromiseSlipping, PromiseDueSoon]),
            (Some(menu), Medium, march(5, 11, 0), vec![RequestRepeated])
        ],
        "the menu promise once, led by its most severe signal and naming the other; the repeated request once"
    );
    assert_eq!(
        t.matters[0].deadlines,
        Deadlines {
            due: Some(DueInForce { due: day(9), deadline: march(10, 0, 0), first: day(4), moves: 2 }),
            answer_by: None,
            follow_up_by: None
        },
        "the promise's headline is the date in force, with the first one and how often it moved"
    );
    assert_eq!(t.matters[1].deadlines, Deadlines::default(), "the request was answered by the reschedule: no answer-by");

    let page = insights::client_page(&mut j.store, at(9, 9, 0), sol).unwrap();
    assert_eq!(page.matters, t.matters, "the client page groups as Today does");
    assert_eq!(page.generated_at, march(9, 9, 0));
    let shown = page.timeline.iter().find(|e| e.entry.id == promise).unwrap();
    assert_eq!(shown.deadlines, t.matters[0].deadlines, "the timeline shows the date in force");
}

#[test]
fn a_request_awaiting_a_reply_shows_when_the_answer_is_due() {
    let Story { mut j, sol, menu, .. } = story();
    // Thursday 11:30: the client asked again at 11:00; nine business hours on, the answer is due Friday 11:00.
    let t = insights::today(&mut j.store, at(5, 11, 30)).unwrap();
    let request = t.matters.iter().find(|m| m.entry_id == Some(menu)).expect("the repeated request is on Today");
    assert_eq!(request.deadlines, Deadlines { due: None, answer_by: Some(march(6, 11, 0)), follow_up_by: None });
    let page = insights::client_page(&mut j.store, at(5, 11, 30), sol).unwrap();
    let shown = page.timeline.iter().find(|e| e.entry.id == menu).unwrap();
    assert_eq!(shown.deadlines.answer_by, Some(march(6, 11, 0)));
    // Replied at 12:00 by the reschedule: nothing is due from Ana any more.
    let page = insights::client_page(&mut j.store, at(5, 12, 30), sol).unwrap();
    assert_eq!(page.timeline.iter().find(|e| e.entry.id == menu).unwrap().deadlines.answer_by, None);
}

#[test]
fn scores_and_signals_replay_the_past_from_a_later_journal() {
    let Story { mut j, sol, .. } = story();
    // The trend's last point is the score now; earlier points are the same score as of each week's end.
    let report = insights::score(&mut j.store, at(10, 12, 0), sol).unwrap();
    assert_eq!(report.trend.len(), 12);
    assert_eq!(report.trend.last().unwrap().week_start, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    assert_eq!(report.trend.last().unwrap().score, report.score);
    let end_of_first_week = insights::score(&mut j.store, at(9, 0, 0), sol).unwrap();
    assert_eq!(report.trend[10].score, end_of_first_week.score, "the week of Mar 2 ends Monday 00:00");
    assert!(report.trend[10].score.is_some());
    assert_eq!(report.trend[9].score, None, "added Sunday Mar 1, but with nothing to judge by when the week of Feb 23 ended");
    assert!(report.trend[..9].iter().all(|p| p.score.is_none()), "no score for weeks before the client existed");
}

/// Today from every entry, without the store's shortcuts: what the fast pass must equal.
fn reference(j: &mut Journal, clock: Clock) -> Vec<Matter> {
    let settings = journal::settings(&mut j.store).unwrap();
    let ctx = Context::of(&settings, clock);
    let mut all = Vec::new();
    for c in journal::clients(&mut j.store, true).unwrap() {
        let entries = journal::timeline(&mut j.store, c.id).unwrap();
        all.extend(signals::client_matters(
            &ClientView { client: &c, entries: &entries, activity: Activity::of(&entries, clock.now) },
            &ctx,
        ));
    }
    signals::matter::sort(&mut all);
    all
}

#[test]
fn the_indexed_today_pass_equals_evaluating_every_entry_at_any_moment() {
    let mut j = journal();
    let now = march(5, 9, 0);
    trato::journal::demo::fill(&mut j.store, Clock::new(now, Madrid)).unwrap();
    // Something in the trash must stay out of Today.
    let lila = journal::find_client(&mut j.store, "Floristería Lila").unwrap();
    journal::delete(&mut j.store, Clock::new(now, Madrid), &lila.id.to_string()).unwrap();
    let (mut moments, mut asking) = (0, 0);
    let mut t = now - Duration::days(200);
    while t <= now + Duration::days(120) {
        let clock = Clock::new(t, Madrid);
        let fast = insights::today(&mut j.store, clock).unwrap().matters;
        assert_eq!(fast, reference(&mut j, clock), "as of {t}");
        assert!(fast.iter().all(|m| m.client_id != lila.id), "a client in the trash raises nothing");
        moments += usize::from(!fast.is_empty());
        asking += usize::from(fast.iter().flat_map(|m| &m.signals).any(|s| s.kind == SignalKind::FeedbackDue));
        t += Duration::hours(7);
    }
    assert!(moments > 900, "the replay must see signals at most moments, saw them at {moments}");
    assert!(asking > 20, "feedback falls due now and then in the sample, and Today sees it as the timeline does: {asking}");
}

#[test]
fn an_unanswered_request_turns_high_past_twice_the_target_in_business_time() {
    let mut j = journal();
    let s = &mut j.store;
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch::default()).unwrap();
    // Friday 17:00: answer by Monday 17:00 (one hour on Friday, eight on Monday).
    let r = journal::add_request(s, at(6, 17, 0), new_entry(c, at(6, 17, 0), "Opening hours"), None).unwrap();
    let kinds = |j: &mut Journal, clock| today(j, clock).into_iter().map(|(k, s, since, _)| (k, s, since)).collect::<Vec<_>>();
    assert_eq!(kinds(&mut j, at(9, 17, 0)), [], "not past the answer-by moment yet");
    assert_eq!(kinds(&mut j, at(9, 17, 1)), [(SignalKind::RequestUnanswered, Severity::Medium, march(9, 17, 0))]);
    // Twice the target is 18 business hours: Friday 1 + Monday 9 + Tuesday 8 → Tuesday 17:00.
    assert_eq!(kinds(&mut j, at(10, 17, 0)), [(SignalKind::RequestUnanswered, Severity::Medium, march(9, 17, 0))]);
    assert_eq!(kinds(&mut j, at(10, 17, 1)), [(SignalKind::RequestUnanswered, Severity::High, march(9, 17, 0))]);
    // A client with its own target (4 business hours) is due sooner.
    journal::edit_client(&mut j.store, at(6, 17, 0), c, ClientPatch { response_target_hours: Some(4.0), ..Default::default() }).unwrap();
    assert_eq!(kinds(&mut j, at(9, 12, 1)), [(SignalKind::RequestUnanswered, Severity::Medium, march(9, 12, 0))]);
    journal::reply_request(&mut j.store, at(10, 17, 30), r, None, None).unwrap();
    assert_eq!(kinds(&mut j, at(10, 18, 0)), []);
}

/// The severity of the one `request_unanswered` on Today at `t`, if any.
fn unanswered_at(j: &mut Journal, t: DateTime<Utc>) -> Option<Severity> {
    today(j, Clock::new(t, Madrid)).into_iter().find(|s| s.0 == SignalKind::RequestUnanswered).map(|s| s.1)
}

/// Asserts the rule of docs/trust-score.md at both ends of a request's wait:
/// not yet at the answer-by, medium just after it; medium one second before
/// the moment twice the target has run, high one second after it.
fn assert_turns(j: &mut Journal, answer_by: DateTime<Utc>, high_from: DateTime<Utc>) {
    let second = Duration::seconds(1);
    assert_eq!(unanswered_at(j, answer_by), None, "not past the answer-by moment at {answer_by}");
    assert_eq!(unanswered_at(j, answer_by + second), Some(Severity::Medium), "medium from just after the answer-by {answer_by}");
    assert_eq!(unanswered_at(j, high_from - second), Some(Severity::Medium), "still medium just before {high_from}");
    assert_eq!(unanswered_at(j, high_from), Some(Severity::Medium), "at {high_from} twice the target has only just run");
    assert_eq!(unanswered_at(j, high_from + second), Some(Severity::High), "high from just after {high_from}");
}

/// A journal with Sol (own answer target `target`, if any) and the holiday of San José.
fn waiting_journal(target: Option<f64>) -> (Journal, ClientId) {
    let mut j = journal();
    let s = &mut j.store;
    journal::change_settings(s, |old| old.add_holiday(NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(), Some("San José".into()))).unwrap();
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch { response_target_hours: target, ..Default::default() }).unwrap();
    (j, c)
}

fn ask(j: &mut Journal, c: ClientId, asked: DateTime<Utc>, answer_by: Option<DateTime<Utc>>) {
    let clock = Clock::new(asked, Madrid);
    journal::add_request(&mut j.store, clock, new_entry(c, clock, "Opening hours"), answer_by).unwrap();
}

#[test]
fn twice_the_target_that_ends_as_a_day_closes_turns_high_right_after_the_close() {
    let (mut j, c) = waiting_journal(None);
    // Monday 09:00 + 9 business hours is Monday 18:00; twice is Tuesday 18:00,
    // not Wednesday 09:00 (when more than 18 business hours have been waited).
    ask(&mut j, c, march(2, 9, 0), None);
    assert_turns(&mut j, march(2, 18, 0), march(3, 18, 0));
}

#[test]
fn asked_on_a_saturday_the_request_turns_high_on_tuesday_evening() {
    let (mut j, c) = waiting_journal(None);
    // The case: medium from Monday 18:00:01, high from Tuesday 18:00:01.
    ask(&mut j, c, march(7, 11, 0), None);
    assert_turns(&mut j, march(9, 18, 0), march(10, 18, 0));
}

#[test]
fn a_holiday_is_not_counted_towards_twice_the_target() {
    let (mut j, c) = waiting_journal(None);
    // Wednesday 18 March 09:00: answer by 18:00; Thursday is San José; twice the target ends Friday 18:00.
    ask(&mut j, c, march(18, 9, 0), None);
    assert_turns(&mut j, march(18, 18, 0), march(20, 18, 0));
}

#[test]
fn twice_the_target_is_counted_in_local_business_hours_across_both_dst_changes() {
    // Madrid springs forward on Sunday 29 March (Friday UTC+1, Monday UTC+2).
    let (mut j, c) = waiting_journal(None);
    ask(&mut j, c, march(27, 9, 0), None);
    assert_turns(&mut j, march(27, 18, 0), march(30, 18, 0));
    // And falls back on Sunday 25 October (Friday UTC+2, Monday UTC+1).
    let october = |d, h| Madrid.with_ymd_and_hms(2026, 10, d, h, 0, 0).unwrap().with_timezone(&Utc);
    let (mut j, c) = waiting_journal(None);
    ask(&mut j, c, october(23, 9), None);
    assert_turns(&mut j, october(23, 18), october(26, 18));
}

#[test]
fn a_client_with_its_own_target_turns_high_after_twice_that_target() {
    // Four business hours: Monday 10:00 → answer by 14:00, high after 18:00 (the close).
    let (mut j, c) = waiting_journal(Some(4.0));
    ask(&mut j, c, march(2, 10, 0), None);
    assert_turns(&mut j, march(2, 14, 0), march(2, 18, 0));
    // A request's own answer-by is its target: four business hours again, over a weekend.
    let (mut j, c) = waiting_journal(None);
    ask(&mut j, c, march(6, 14, 0), Some(march(6, 18, 0)));
    assert_turns(&mut j, march(6, 18, 0), march(9, 13, 0));
}

#[test]
fn a_holiday_moves_the_answer_by_moment_past_it() {
    let mut j = journal();
    let s = &mut j.store;
    journal::change_settings(s, |old| old.add_holiday(NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(), Some("San José".into()))).unwrap();
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch::default()).unwrap();
    journal::add_request(s, at(18, 12, 0), new_entry(c, at(18, 12, 0), "New photos"), None).unwrap();
    assert!(today(&mut j, at(20, 11, 59)).is_empty(), "Thursday the 19th is a holiday: answer by Friday 12:00");
    assert_eq!(today(&mut j, at(20, 12, 1))[0].2, march(20, 12, 0));
}

#[test]
fn a_date_only_due_ends_at_local_midnight_across_the_march_dst_change() {
    let mut j = journal();
    let s = &mut j.store;
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch::default()).unwrap();
    // Sunday 29 March: Madrid springs forward; Monday 00:00 is 22:00 UTC on Sunday, not 23:00.
    let p = journal::add_promise(s, at(27, 10, 0), new_entry(c, at(27, 10, 0), "Spring campaign"), day(29), None).unwrap();
    let midnight = Madrid.with_ymd_and_hms(2026, 3, 30, 0, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(midnight, Utc.with_ymd_and_hms(2026, 3, 29, 22, 0, 0).unwrap());
    let before = today(&mut j, Clock::new(midnight - Duration::minutes(1), Madrid));
    assert_eq!(before.iter().map(|s| s.0).collect::<Vec<_>>(), [SignalKind::PromiseDueSoon]);
    let after = today(&mut j, Clock::new(midnight, Madrid));
    assert_eq!(after, [(SignalKind::PromiseOverdue, Severity::High, midnight, vec![p])]);
}

#[test]
fn incidents_unacknowledged_after_a_day_are_critical_and_open_ones_say_what_is_missing() {
    let mut j = journal();
    let s = &mut j.store;
    journal::change_settings(s, |old| old.with("language", "en")).unwrap();
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch::default()).unwrap();
    let i = journal::add_incident(
        s,
        at(2, 10, 0),
        new_entry(c, at(2, 10, 0), "Wrong prices online"),
        NoticedBy::Client,
        IncidentSeverity::Major,
    )
    .unwrap();
    let signals: Vec<Signal> = insights::today(&mut j.store, at(3, 10, 0)).unwrap().signals().cloned().collect();
    let kinds: Vec<_> = signals.iter().map(|s| (s.kind, s.severity)).collect();
    assert_eq!(kinds, [(SignalKind::IncidentUnacknowledged, Severity::Critical), (SignalKind::IncidentOpen, Severity::High)]);
    assert!(signals[1].explanation.contains("still missing: an apology and a fix"), "{}", signals[1].explanation);
    journal::incident_step(&mut j.store, at(3, 11, 0), i, trato::domain::incident::RecoveryStep::Acknowledged, None, None).unwrap();
    let kinds: Vec<_> = insights::today(&mut j.store, at(3, 12, 0)).unwrap().signals().map(|s| s.kind).collect();
    assert_eq!(kinds, [SignalKind::IncidentOpen]);
}

#[test]
fn explanations_follow_the_language_setting() {
    let Story { mut j, .. } = story();
    let en = insights::today(&mut j.store, at(5, 9, 0)).unwrap().matters;
    assert_eq!(en[0].signals[0].explanation, "“New menu online” was due Wed 4 Mar and is 9 hours late.");
    journal::change_settings(&mut j.store, |old| old.with("language", "es")).unwrap();
    let es = insights::today(&mut j.store, at(5, 9, 0)).unwrap().matters;
    assert_eq!(es[0].signals[0].explanation, "«New menu online» vencía el mié 4 mar y lleva 9 horas de retraso.");
}
