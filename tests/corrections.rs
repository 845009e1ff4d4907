//! Every mistake can be fixed: an entry's fields and its kind's own
//! corrected, one of its events corrected or taken back, and the one-click
//! actions undone exactly (the entry, the request a promise answers, the
//! signals and the score as they were), each a change the history keeps.

mod common;

use common::{at, journal, march, new_entry, Journal};
use trato::domain::difference::Difference;
use trato::domain::incident::RecoveryStep;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::{
    ClientId, ClientPatch, Closing, DomainError, Due, Entry, EntryId, EntryPatch, EventPatch, EventRef, IncidentSeverity, NoticedBy, Score,
    Stage,
};
use trato::journal::{self, Clock, JournalError, NewFeedback, Undoable};
use trato::journal::{insights, interchange};

fn client(j: &mut Journal, name: &str) -> ClientId {
    journal::add_client(&mut j.store, at(1, 9, 0), name, ClientPatch::default()).unwrap()
}

fn request(j: &mut Journal, c: ClientId, summary: &str) -> EntryId {
    journal::add_request(&mut j.store, at(2, 10, 0), new_entry(c, at(2, 10, 0), summary), None).unwrap()
}

fn promise(j: &mut Journal, c: ClientId, for_request: Option<EntryId>) -> EntryId {
    let due: Due = "2026-03-04".parse().unwrap();
    journal::add_promise(&mut j.store, at(2, 12, 0), new_entry(c, at(2, 12, 0), "New menu online"), due, for_request).unwrap()
}

fn entry(j: &mut Journal, id: EntryId) -> Entry {
    journal::entry(&mut j.store, id).unwrap()
}

/// The journal as an export: what a user would lose if a refused change wrote anything.
fn snapshot(j: &mut Journal) -> String {
    interchange::to_json(&interchange::export(&mut j.store).unwrap())
}

fn actions(j: &mut Journal, id: EntryId) -> Vec<String> {
    journal::history(&mut j.store, &id.to_string()).unwrap().into_iter().map(|c| c.action).collect()
}

fn domain(e: JournalError) -> DomainError {
    match e {
        JournalError::Domain(d) => d,
        other => panic!("expected a rule of the journal to refuse this, got {other}"),
    }
}

/// What a user sees of the journal at `clock`: the entries, Today's signals,
/// the client's score with its explanation, trend and record.
fn seen(j: &mut Journal, c: ClientId, ids: &[EntryId], clock: Clock) -> (Vec<Entry>, String, String) {
    let entries = ids.iter().map(|id| entry(j, *id)).collect();
    let signals = serde_json::to_string(&insights::today(&mut j.store, clock).unwrap().matters).unwrap();
    let score = serde_json::to_string(&insights::score(&mut j.store, clock, c).unwrap()).unwrap();
    (entries, signals, score)
}

#[test]
fn a_kept_pressed_by_mistake_is_undone_and_the_promise_its_request_and_the_signals_are_as_before() {
    let mut j = journal();
    let c = client(&mut j, "Panadería Sol");
    let r = request(&mut j, c, "Update the menu");
    let p = promise(&mut j, c, Some(r));
    let thursday = at(5, 9, 0);
    let before = seen(&mut j, c, &[p, r], thursday);
    assert!(before.1.contains("promise_overdue"), "the menu is overdue on Thursday: {}", before.1);

    let done = journal::keep_promise(&mut j.store, thursday, p, None).unwrap();
    assert_eq!(entry(&mut j, r).status(), Some("done"), "keeping it delivered the request");
    assert_ne!(seen(&mut j, c, &[p, r], thursday), before);

    journal::undo(&mut j.store, at(5, 9, 1), done).unwrap();
    assert_eq!(seen(&mut j, c, &[p, r], thursday), before, "after the undo, the user sees what they saw before the mistake");
    assert_eq!(actions(&mut j, p), ["created", "kept", "undone"], "the undo is a change of its own, not a deleted row");
    assert_eq!(actions(&mut j, r), ["created", "replied", "done", "undone"]);

    let lines = journal::history_lines(&mut j.store, &p.to_string()).unwrap();
    assert_eq!(
        lines.last().map(|l| (l.action.as_str(), l.differences.clone())),
        Some((
            "undone",
            vec![Difference::Event { before: Some(trato::domain::Event::Promise(PromiseEvent::Kept { at: march(5, 9, 0) })), after: None }]
        )),
        "the history says which Kept was taken back"
    );
}

#[test]
fn an_undo_is_refused_once_the_entry_changed_and_changes_nothing() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c, "Update the menu");
    let done = journal::reply_request(&mut j.store, at(2, 11, 0), r, None, None).unwrap();
    let fixed = EntryPatch { summary: Some("Update the lunch menu".into()), ..Default::default() };
    journal::edit_entry(&mut j.store, at(2, 11, 5), r, fixed).unwrap();
    let before = snapshot(&mut j);
    let err = journal::undo(&mut j.store, at(2, 11, 6), done).unwrap_err();
    assert_eq!(err.code(), "changed_since");
    assert_eq!(
        err.to_string(),
        "the request 'Update the lunch menu' has changed since that action, so it was not taken back; nothing was changed"
    );
    assert_eq!(snapshot(&mut j), before, "a refused undo writes nothing");

    // Undone once, the same undo is stale: it can't take back a second event.
    let again = journal::follow_up_request(&mut j.store, at(3, 9, 0), r, None, None, None).unwrap();
    journal::undo(&mut j.store, at(3, 9, 1), again).unwrap();
    assert_eq!(journal::undo(&mut j.store, at(3, 9, 2), again).unwrap_err().code(), "changed_since");
    assert_eq!(entry(&mut j, r).events().len(), 1, "only the reply is left");
}

#[test]
fn an_undo_handed_in_from_outside_is_checked_like_anything_else() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c, "Update the menu");
    let p = promise(&mut j, c, Some(r));
    let version = journal::history(&mut j.store, &r.to_string()).unwrap().len() as i64;
    let before = snapshot(&mut j);
    // The request's reply is the promise being made: it goes with the promise, not alone.
    let err = journal::undo(&mut j.store, at(3, 9, 0), Undoable { entry: r, event: 0, version }).unwrap_err();
    assert_eq!(domain(err), DomainError::CausedByPromise { promise: p });
    let err = journal::undo(&mut j.store, at(3, 9, 0), Undoable { entry: r, event: 7, version }).unwrap_err();
    assert_eq!(domain(err), DomainError::EventChanged);
    assert_eq!(snapshot(&mut j), before);
}

#[test]
fn every_one_click_action_is_undone_exactly() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    type Act = fn(&mut Journal, EntryId) -> Undoable;
    let t = at(3, 9, 0);
    let on_request: [(&str, Act); 5] = [
        ("follow-up", |j, id| journal::follow_up_request(&mut j.store, at(3, 9, 0), id, None, None, Some("again?".into())).unwrap()),
        ("reply", |j, id| journal::reply_request(&mut j.store, at(3, 9, 0), id, None, None).unwrap()),
        ("done", |j, id| journal::close_request(&mut j.store, at(3, 9, 0), id, Closing::Done, None, None).unwrap()),
        ("declined", |j, id| journal::close_request(&mut j.store, at(3, 9, 0), id, Closing::Declined, None, Some("no".into())).unwrap()),
        ("withdrawn", |j, id| journal::close_request(&mut j.store, at(3, 9, 0), id, Closing::Withdrawn, None, None).unwrap()),
    ];
    let on_promise: [(&str, Act); 4] = [
        ("kept", |j, id| journal::keep_promise(&mut j.store, at(3, 9, 0), id, None).unwrap()),
        ("rescheduled", |j, id| {
            journal::reschedule_promise(&mut j.store, at(3, 9, 0), id, None, "2026-03-06".parse().unwrap(), "photos").unwrap()
        }),
        ("broken", |j, id| journal::break_promise(&mut j.store, at(3, 9, 0), id, None, None).unwrap()),
        ("released", |j, id| journal::release_promise(&mut j.store, at(3, 9, 0), id, None, None).unwrap()),
    ];
    for (name, act) in on_request {
        let r = request(&mut j, c, "Update the menu");
        let before = seen(&mut j, c, &[r], t);
        let done = act(&mut j, r);
        journal::undo(&mut j.store, t, done).unwrap();
        assert_eq!(seen(&mut j, c, &[r], t), before, "{name} on a request, undone");
    }
    for (name, act) in on_promise {
        let r = request(&mut j, c, "Update the menu");
        journal::follow_up_request(&mut j.store, at(2, 18, 0), r, None, None, None).unwrap();
        let p = promise(&mut j, c, Some(r));
        let before = seen(&mut j, c, &[p, r], t);
        let done = act(&mut j, p);
        journal::undo(&mut j.store, t, done).unwrap();
        assert_eq!(seen(&mut j, c, &[p, r], t), before, "{name} on a promise answering a request, undone");
    }
    let i = journal::add_incident(
        &mut j.store,
        at(2, 9, 0),
        new_entry(c, at(2, 9, 0), "Wrong prices"),
        NoticedBy::Client,
        IncidentSeverity::Major,
    )
    .unwrap();
    let before = seen(&mut j, c, &[i], t);
    let done = journal::incident_step(&mut j.store, t, i, RecoveryStep::Acknowledged, None, None).unwrap();
    journal::undo(&mut j.store, t, done).unwrap();
    assert_eq!(seen(&mut j, c, &[i], t), before, "an incident's step, undone");
    let unhappy = NewFeedback { score: Score::Rating(2), stage: Stage::End, cause: None, comment: Some("Slow".into()) };
    let f = journal::add_feedback(&mut j.store, at(2, 9, 0), new_entry(c, at(2, 9, 0), ""), unhappy).unwrap();
    let before = seen(&mut j, c, &[f], t);
    let done = journal::follow_up_feedback(&mut j.store, t, f, None, None).unwrap();
    journal::undo(&mut j.store, t, done).unwrap();
    assert_eq!(seen(&mut j, c, &[f], t), before, "a feedback follow-up, undone");
}

#[test]
fn the_command_line_undoes_the_last_action_while_it_is_the_last_change() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c, "Update the menu");
    let err = journal::undo_last(&mut j.store, at(3, 9, 0), r).unwrap_err();
    assert_eq!(err.code(), "nothing_to_undo", "a new request has no action to take back");
    journal::reply_request(&mut j.store, at(3, 9, 0), r, None, None).unwrap();
    journal::edit_entry(&mut j.store, at(3, 9, 5), r, EntryPatch { summary: Some("Menu".into()), ..Default::default() }).unwrap();
    assert_eq!(journal::undo_last(&mut j.store, at(3, 9, 6), r).unwrap_err().code(), "nothing_to_undo", "an edit came after the reply");
    journal::follow_up_request(&mut j.store, at(3, 10, 0), r, None, None, None).unwrap();
    journal::undo_last(&mut j.store, at(3, 10, 1), r).unwrap();
    assert_eq!(entry(&mut j, r).events().len(), 1);
    assert_eq!(actions(&mut j, r).last().map(String::as_str), Some("undone"));
}

#[test]
fn a_typo_is_fixed_and_the_history_tells_both_versions() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c, "Udpate the menu");
    journal::edit_entry(&mut j.store, at(3, 9, 0), r, EntryPatch { summary: Some("Update the menu".into()), ..Default::default() })
        .unwrap();
    let lines = journal::history_lines(&mut j.store, &r.to_string()).unwrap();
    assert_eq!(lines.iter().map(|l| l.action.as_str()).collect::<Vec<_>>(), ["created", "edited"]);
    assert_eq!(
        lines[1].differences,
        vec![Difference::Field { field: "summary", before: Some("Udpate the menu".into()), after: Some("Update the menu".into()) }]
    );

    journal::edit_client(&mut j.store, at(3, 9, 0), c, ClientPatch { name: Some("Panadería Sol".into()), ..Default::default() }).unwrap();
    let lines = journal::history_lines(&mut j.store, &c.to_string()).unwrap();
    assert_eq!(
        lines[1].differences,
        vec![Difference::Field { field: "name", before: Some("Sol".into()), after: Some("Panadería Sol".into()) }]
    );
}

#[test]
fn each_kinds_own_fields_are_corrected_and_checked_as_when_written() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let i =
        journal::add_incident(&mut j.store, at(2, 9, 0), new_entry(c, at(2, 9, 0), "Wrong prices"), NoticedBy::Us, IncidentSeverity::Minor)
            .unwrap();
    let patch = EntryPatch { severity: Some(IncidentSeverity::Critical), noticed_by: Some(NoticedBy::Client), ..Default::default() };
    journal::edit_entry(&mut j.store, at(3, 9, 0), i, patch).unwrap();
    assert!(
        insights::today(&mut j.store, at(3, 9, 0))
            .unwrap()
            .signals()
            .any(|s| s.kind == trato::domain::SignalKind::IncidentOpen && s.severity == trato::domain::Severity::High),
        "a critical incident is a high signal once corrected"
    );

    let r = request(&mut j, c, "Update the menu");
    let f = journal::add_feedback(
        &mut j.store,
        at(2, 9, 0),
        new_entry(c, at(2, 9, 0), ""),
        NewFeedback { score: Score::Rating(3), stage: Stage::End, cause: None, comment: None },
    )
    .unwrap();
    let before = snapshot(&mut j);
    let wrong = EntryPatch { due: Some("2026-03-09".parse().unwrap()), ..Default::default() };
    assert_eq!(
        domain(journal::edit_entry(&mut j.store, at(3, 9, 0), i, wrong).unwrap_err()),
        DomainError::NotForKind { field: "due", kind: "incident" }
    );
    let early = EntryPatch { answer_by: Some(Some(march(1, 9, 0))), ..Default::default() };
    let err = domain(journal::edit_entry(&mut j.store, at(3, 9, 0), r, early).unwrap_err());
    assert!(matches!(err, DomainError::AnswerByBeforeAsked { .. }), "{err}");
    let off = EntryPatch { score: Some(Score::Rating(9)), ..Default::default() };
    assert_eq!(domain(journal::edit_entry(&mut j.store, at(3, 9, 0), f, off).unwrap_err()), DomainError::RatingOutOfRange(9));
    assert_eq!(snapshot(&mut j), before, "refused corrections write nothing");
    let fixed = EntryPatch { score: Some(Score::Nps(4)), comment: Some(Some("Too slow".into())), ..Default::default() };
    journal::edit_entry(&mut j.store, at(3, 9, 0), f, fixed).unwrap();
    assert_eq!(entry(&mut j, f).status(), Some("open"), "an NPS of 4 is unhappy: it now waits for a follow-up");
}

#[test]
fn a_promise_given_another_request_takes_what_it_did_along() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let menu = request(&mut j, c, "Update the menu");
    let photos = request(&mut j, c, "New photos");
    let p = promise(&mut j, c, Some(menu));
    journal::reschedule_promise(&mut j.store, at(3, 9, 0), p, None, "2026-03-06".parse().unwrap(), "waiting for photos").unwrap();
    let relink = EntryPatch { for_request: Some(Some(photos)), ..Default::default() };
    journal::edit_entry(&mut j.store, at(3, 10, 0), p, relink).unwrap();
    assert!(entry(&mut j, menu).events().is_empty(), "the menu request no longer counts the promise as its answer");
    let moved = entry(&mut j, photos);
    assert_eq!(moved.events().len(), 2, "the photos request has the promise and its new date as answers");
    assert_eq!(
        trato::domain::Details::Request(trato::domain::Request {
            answer_by: None,
            events: vec![
                RequestEvent::Reply { at: march(2, 12, 0), note: None, promise: Some(p) },
                RequestEvent::Reply { at: march(3, 9, 0), note: Some("waiting for photos".into()), promise: Some(p) },
            ]
        }),
        moved.details
    );
    let today = serde_json::to_string(&insights::today(&mut j.store, at(3, 12, 0)).unwrap().matters).unwrap();
    assert!(today.contains("request_unanswered"), "the menu request waits for an answer again: {today}");

    // Another client's request, or one already closed, is refused as when a promise is made.
    let other = client(&mut j, "Luna");
    let theirs = request(&mut j, other, "Logo");
    journal::close_request(&mut j.store, at(3, 11, 0), menu, Closing::Declined, None, None).unwrap();
    let before = snapshot(&mut j);
    let err = domain(
        journal::edit_entry(&mut j.store, at(3, 12, 0), p, EntryPatch { for_request: Some(Some(theirs)), ..Default::default() })
            .unwrap_err(),
    );
    assert_eq!(err, DomainError::RequestOfAnotherClient { request: theirs });
    let err = domain(
        journal::edit_entry(&mut j.store, at(3, 12, 0), p, EntryPatch { for_request: Some(Some(menu)), ..Default::default() }).unwrap_err(),
    );
    assert!(matches!(err, DomainError::NotOpen { kind: "request", .. }), "{err}");
    assert_eq!(snapshot(&mut j), before);

    journal::edit_entry(&mut j.store, at(3, 12, 0), p, EntryPatch { for_request: Some(None), ..Default::default() }).unwrap();
    assert!(entry(&mut j, photos).events().is_empty(), "a promise answering nothing leaves no reply behind");
}

#[test]
fn an_event_is_corrected_or_taken_back_with_the_entrys_rules() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c, "Update the menu");
    let p = promise(&mut j, c, Some(r));
    journal::reschedule_promise(&mut j.store, at(3, 9, 0), p, None, "2026-03-06".parse().unwrap(), "waiting for fotos").unwrap();
    let resched = EventRef { index: 0, at: march(3, 9, 0) };
    let patch =
        EventPatch { note: Some(Some("waiting for photos".into())), due: Some("2026-03-07".parse().unwrap()), ..Default::default() };
    journal::edit_event(&mut j.store, at(3, 10, 0), p, resched, patch).unwrap();
    let Some(trato::domain::Event::Request(RequestEvent::Reply { note, .. })) = entry(&mut j, r).events().pop() else {
        panic!("the request keeps the reply the new date made")
    };
    assert_eq!(note.as_deref(), Some("waiting for photos"), "the reply the reschedule made says the corrected reason");
    assert_eq!(actions(&mut j, p).last().map(String::as_str), Some("event_edited"));

    let before = snapshot(&mut j);
    let err = domain(
        journal::edit_event(&mut j.store, at(3, 10, 0), p, resched, EventPatch { at: Some(march(3, 11, 0)), ..Default::default() })
            .unwrap_err(),
    );
    assert!(matches!(err, DomainError::InTheFuture { .. }), "{err}");
    let gone = EventRef { index: 0, at: march(3, 8, 0) };
    assert_eq!(domain(journal::remove_event(&mut j.store, at(3, 10, 0), p, gone).unwrap_err()), DomainError::EventChanged);
    let by_promise = EventRef { index: 0, at: march(2, 12, 0) };
    assert_eq!(
        domain(journal::remove_event(&mut j.store, at(3, 10, 0), r, by_promise).unwrap_err()),
        DomainError::CausedByPromise { promise: p }
    );
    assert_eq!(snapshot(&mut j), before, "refused corrections write nothing");

    journal::remove_event(&mut j.store, at(3, 10, 0), p, resched).unwrap();
    assert_eq!(entry(&mut j, r).events().len(), 1, "the reply the reschedule made went with it");
    assert_eq!(actions(&mut j, p).last().map(String::as_str), Some("event_removed"));
}

/// One of the one-click actions on a request and the promise that answers it, at `clock`.
fn act(j: &mut Journal, r: EntryId, p: EntryId, which: u8, clock: Clock) -> Result<Undoable, JournalError> {
    let s = &mut j.store;
    let day: Due = format!("2026-03-{:02}", 6 + clock.now.timestamp() % 7).parse().unwrap();
    match which {
        0 => journal::follow_up_request(s, clock, r, None, None, None),
        1 => journal::reply_request(s, clock, r, None, Some("on it".into())),
        2 => journal::reschedule_promise(s, clock, p, None, day, "waiting for photos"),
        3 => journal::keep_promise(s, clock, p, None),
        4 => journal::close_request(s, clock, r, Closing::Done, None, None),
        _ => journal::break_promise(s, clock, p, None, None),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever happened before, undoing the last action gives back the
    /// promise, its request, Today and the score exactly as they were.
    #[test]
    fn an_undo_after_any_story_gives_everything_back_as_it_was(
        story in proptest::collection::vec(0u8..6, 0..6),
        last in 0u8..6,
    ) {
        let mut j = journal();
        let c = client(&mut j, "Sol");
        let r = request(&mut j, c, "Update the menu");
        let p = promise(&mut j, c, Some(r));
        for (k, which) in story.iter().enumerate() {
            // Refused actions (a promise kept twice…) are part of the story too.
            let _ = act(&mut j, r, p, *which, at(3, 9 + k as u32, 0));
        }
        let view = at(3, 17, 0);
        let before = seen(&mut j, c, &[p, r], view);
        if let Ok(done) = act(&mut j, r, p, last, at(3, 16, 0)) {
            journal::undo(&mut j.store, at(3, 16, 1), done).unwrap();
            proptest::prop_assert_eq!(seen(&mut j, c, &[p, r], view), before);
        }
    }
}
