//! `feedback_due` and the detractor's follow-up, rule by rule, on a bakery's
//! timeline in Madrid with a fixed clock.

use chrono::TimeZone;
use chrono_tz::Europe::Madrid;

use super::*;
use crate::domain::promise::PromiseEvent;
use crate::domain::request::RequestEvent;
use crate::domain::{Cause, Channel, ClientPatch, Due, Score, Stage};

fn at(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap().with_timezone(&Utc)
}

fn sol(availability: Option<&str>) -> Client {
    let patch = ClientPatch { availability: availability.map(String::from), ..ClientPatch::default() };
    Client::new(ClientId::new_at(at(1, 5, 9)), "Panadería Sol", at(1, 5, 9), patch).unwrap()
}

fn entry(c: &Client, when: DateTime<Utc>, summary: &str, details: Details) -> Entry {
    Entry {
        id: EntryId::new_at(when),
        client_id: c.id,
        occurred_at: when,
        recorded_at: when,
        channel: Channel::Email,
        summary: summary.into(),
        details,
    }
}

/// A promise made at `made`, due on `due` (a day of March unless later), with its closing event.
fn promise(c: &Client, made: DateTime<Utc>, summary: &str, due: DateTime<Utc>, close: Option<PromiseEvent>) -> Entry {
    let mut p = Promise::new(made, Due::At(due), None, Madrid).unwrap();
    p.events.extend(close);
    entry(c, made, summary, Details::Promise(p))
}

fn kept(c: &Client, made: DateTime<Utc>, summary: &str, on: DateTime<Utc>) -> Entry {
    promise(c, made, summary, on + days(1.0), Some(PromiseEvent::Kept { at: on }))
}

fn done_request(c: &Client, asked: DateTime<Utc>, summary: &str, done: DateTime<Utc>) -> Entry {
    let r = Request { answer_by: None, events: vec![RequestEvent::Done { at: done, promise: None }] };
    entry(c, asked, summary, Details::Request(r))
}

fn outbound(c: &Client, when: DateTime<Utc>) -> Entry {
    entry(c, when, "Called to ask how it went", Details::Interaction(Interaction { direction: Direction::Out }))
}

fn feedback(c: &Client, when: DateTime<Utc>, score: Score, cause: Option<Cause>) -> Entry {
    let f = Feedback { score, stage: Stage::End, cause, comment: None, follow_ups: vec![] };
    entry(c, when, "What the client thought", Details::Feedback(f))
}

fn signals(c: &Client, entries: &[Entry], now: DateTime<Utc>, lang: Language) -> Vec<Signal> {
    let settings = Settings::default();
    let ctx = Context::new(&settings, Madrid, lang, now);
    client_signals(&ClientView { client: c, entries, activity: Activity::of(entries, now) }, &ctx)
}

fn due(c: &Client, entries: &[Entry], now: DateTime<Utc>) -> Option<Signal> {
    let mut due: Vec<Signal> = signals(c, entries, now, Language::En).into_iter().filter(|s| s.kind == SignalKind::FeedbackDue).collect();
    assert!(due.len() <= 1, "one feedback_due per client at most: {due:?}");
    due.pop()
}

#[test]
fn feedback_is_due_a_day_after_the_work_is_delivered_and_not_before() {
    let c = sol(None);
    let menu = kept(&c, at(3, 2, 12), "New menu online", at(3, 9, 10));
    let entries = [menu.clone()];
    assert_eq!(due(&c, &entries, at(3, 10, 9)), None, "delivered 23 hours ago: too soon");
    let s = due(&c, &entries, at(3, 10, 10)).expect("due 24 hours after it was kept");
    assert_eq!((s.severity, s.since, s.entry_ids.clone()), (Severity::Low, at(3, 10, 10), vec![menu.id]));
    assert_eq!(s.explanation, "“New menu online” was finished on Mon 9 Mar: a good moment to ask how it went.");
    assert_eq!(
        s.draft.as_deref(),
        Some("Now that we have finished “New menu online”, how did it go for you? Is there anything we could have done better?")
    );
    assert!(due(&c, &entries, at(3, 17, 9)).is_some(), "it lasts a week");
    assert_eq!(due(&c, &entries, at(3, 17, 10)), None, "after a week the moment has passed");
}

#[test]
fn a_broken_promise_or_a_declined_request_is_no_moment_to_ask_how_it_went() {
    let c = sol(None);
    let broken = promise(&c, at(3, 2, 12), "New menu online", at(3, 4, 12), Some(PromiseEvent::Broken { at: at(3, 9, 10), reason: None }));
    let declined = Request { answer_by: None, events: vec![RequestEvent::Declined { at: at(3, 9, 10), note: None }] };
    let entries = [broken, entry(&c, at(3, 2, 10), "Logo redesign", Details::Request(declined))];
    assert_eq!(due(&c, &entries, at(3, 10, 12)), None);
}

#[test]
fn two_matters_closed_the_same_week_make_feedback_due_once() {
    let c = sol(None);
    let menu = kept(&c, at(3, 2, 12), "New menu online", at(3, 9, 10));
    let photos = done_request(&c, at(3, 3, 9), "Photos of the cakes", at(3, 11, 16));
    let mut entries = vec![menu.clone(), photos.clone()];
    let s = due(&c, &entries, at(3, 12, 17)).expect("due");
    assert_eq!(s.since, at(3, 10, 10), "since the first moment");
    assert_eq!(s.entry_ids, vec![photos.id, menu.id], "the latest work first: the question is about it");
    assert!(s.explanation.contains("One more matter is at the same point"), "{}", s.explanation);
    assert!(s.draft.as_deref().is_some_and(|d| d.contains("“Photos of the cakes”")));

    // Asked on Thursday (a call logged): not again the day after, nor for a delivery a week later.
    entries.push(outbound(&c, at(3, 12, 18)));
    assert_eq!(due(&c, &entries, at(3, 13, 9)), None, "asked yesterday");
    entries.push(kept(&c, at(3, 10, 9), "Opening hours on the door", at(3, 16, 10)));
    assert_eq!(due(&c, &entries, at(3, 17, 11)), None, "asked within the last 30 days");
    // Thirty days after the ask, the next delivery is a moment again.
    entries.push(kept(&c, at(4, 1, 9), "Easter specials", at(4, 13, 10)));
    assert!(due(&c, &entries, at(4, 14, 11)).is_some(), "asked 33 days ago");
}

#[test]
fn feedback_given_holds_the_next_moment_for_thirty_days() {
    let c = sol(None);
    let mut entries = vec![feedback(&c, at(3, 5, 10), Score::Rating(5), None), kept(&c, at(3, 2, 12), "New menu online", at(3, 9, 10))];
    assert_eq!(due(&c, &entries, at(3, 10, 12)), None, "the client told us what they think 5 days ago");
    entries.push(kept(&c, at(3, 20, 9), "Summer menu", at(4, 6, 10)));
    assert!(due(&c, &entries, at(4, 7, 10)).is_some(), "33 days after the feedback");
}

#[test]
fn a_long_engagement_is_asked_how_it_is_going_after_four_weeks() {
    let c = sol(None);
    let web = promise(&c, at(2, 2, 10), "New website", at(4, 30, 18), None);
    let entries = [web.clone()];
    assert_eq!(due(&c, &entries, at(3, 2, 9)), None, "27 days in");
    let s = due(&c, &entries, at(3, 2, 10)).expect("four weeks in, still on track");
    assert_eq!((s.since, s.entry_ids.clone()), (at(3, 2, 10), vec![web.id]));
    assert_eq!(s.explanation, "“New website” has been under way since Mon 2 Feb: ask how it is going so far.");
    assert!(s.draft.as_deref().is_some_and(|d| d.starts_with("We have been working on “New website”")));

    let late = promise(&c, at(2, 2, 10), "New website", at(2, 20, 18), None);
    assert_eq!(due(&c, &[late], at(3, 2, 12)), None, "an overdue promise needs keeping, not a survey");
    let short = kept(&c, at(2, 2, 10), "Flyer", at(2, 6, 10));
    assert_eq!(due(&c, &[short], at(3, 2, 12)), None, "a short job is asked about at its end only");
}

#[test]
fn the_clients_quiet_times_hold_it_while_they_last() {
    let menu = kept(&sol(None), at(3, 2, 12), "New menu online", at(3, 9, 10));
    let away = sol(Some("Bakes until 11:00\n2026-03-09 (auto-reply): Estoy fuera hasta el lunes"));
    let entries = [Entry { client_id: away.id, ..menu.clone() }];
    assert_eq!(due(&away, &entries, at(3, 10, 12)), None, "an absence reply from Monday");
    let holidays = sol(Some("Vacaciones 2026-03-01 – 2026-03-12"));
    let entries = [Entry { client_id: holidays.id, ..menu }];
    assert_eq!(due(&holidays, &entries, at(3, 12, 12)), None, "on holiday");
    assert!(due(&holidays, &entries, at(3, 13, 12)).is_some(), "back, and the week is not over");
}

#[test]
fn a_detractor_is_followed_up_within_a_day_or_the_signal_rises() {
    let c = sol(None);
    let two = feedback(&c, at(3, 10, 10), Score::Rating(2), Some(Cause::Expectations));
    let settings = Settings::default();
    let ctx = Context::new(&settings, Madrid, Language::En, at(3, 10, 12));
    assert_eq!(matter::deadlines(&c, &two, &ctx).follow_up_by, Some(at(3, 11, 10)), "due within 24 hours");
    let unhappy =
        |now| signals(&c, std::slice::from_ref(&two), now, Language::En).into_iter().find(|s| s.kind == SignalKind::UnhappyNoFollowUp);
    assert_eq!(unhappy(at(3, 11, 9)), None);
    let s = unhappy(at(3, 11, 10)).expect("lapsed");
    assert_eq!((s.severity, s.since), (Severity::High, at(3, 11, 10)));

    let nps = feedback(&c, at(3, 10, 10), Score::Nps(6), None);
    assert!(
        signals(&c, &[nps], at(3, 11, 11), Language::En).iter().any(|s| s.kind == SignalKind::UnhappyNoFollowUp),
        "NPS 6 is a detractor"
    );
    let mut followed = two.clone();
    if let Details::Feedback(f) = &mut followed.details {
        f.follow_ups.push(crate::domain::feedback::FeedbackFollowUp { at: at(3, 10, 18), note: None });
    }
    let after = signals(&c, std::slice::from_ref(&followed), at(3, 12, 9), Language::En);
    assert!(after.iter().all(|s| s.kind != SignalKind::UnhappyNoFollowUp), "followed up the same day");
    assert_eq!(matter::deadlines(&c, &followed, &ctx.at(at(3, 10, 19))).follow_up_by, None);
}

#[test]
fn the_cause_of_an_unhappy_feedback_shapes_the_next_step_suggested() {
    let c = sol(None);
    let said = |cause, lang| {
        let f = feedback(&c, at(3, 10, 10), Score::Rating(1), cause);
        signals(&c, &[f], at(3, 12, 10), lang).into_iter().find(|s| s.kind == SignalKind::UnhappyNoFollowUp).unwrap().explanation
    };
    let expectations = said(Some(Cause::Expectations), Language::En);
    assert!(expectations.contains("Cause: expectations. Go back over what was promised"), "{expectations}");
    assert!(said(Some(Cause::Rapport), Language::En).contains("recommend a colleague"));
    let es = said(Some(Cause::Misunderstanding), Language::Es);
    assert!(es.contains("Causa: malentendido. Pregúntale qué esperaba"), "{es}");
    assert!(said(None, Language::En).ends_with("Ask them what went wrong before deciding what to do."));
}

#[test]
fn feedback_due_speaks_spanish_with_usted_by_default() {
    let c = sol(None);
    let entries = [kept(&c, at(3, 2, 12), "Menú nuevo", at(3, 9, 10))];
    let s = signals(&c, &entries, at(3, 10, 12), Language::Es).into_iter().find(|s| s.kind == SignalKind::FeedbackDue).unwrap();
    assert_eq!(s.explanation, "«Menú nuevo» se terminó el lun 9 mar: buen momento para preguntar qué tal fue.");
    assert!(s.draft.as_deref().is_some_and(|d| d.contains("¿qué tal le ha ido?")));
}

#[test]
fn the_question_to_send_is_in_the_clients_language_and_tu_when_the_client_has_them() {
    let mut c = sol(None);
    c.language = Some(Language::Es);
    c.register = Some(crate::domain::Register::Familiar);
    let entries = [kept(&c, at(3, 2, 12), "Menú nuevo", at(3, 9, 10))];
    let s = signals(&c, &entries, at(3, 10, 12), Language::En).into_iter().find(|s| s.kind == SignalKind::FeedbackDue).unwrap();
    assert!(s.explanation.starts_with("“Menú nuevo”"), "the explanation is the journal's English: {}", s.explanation);
    let draft = s.draft.unwrap_or_default();
    assert!(draft.contains("¿qué tal te ha ido?"), "the question is the client's Spanish, with tú: {draft}");
}
