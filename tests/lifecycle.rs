//! Every lifecycle transition through the use cases: what is allowed, what is
//! refused with which error, and that a refused action writes nothing.

mod common;

use common::{at, journal, march, new_entry, Journal};
use trato::domain::incident::RecoveryStep;
use trato::domain::{ClientId, ClientPatch, Closing, Details, DomainError, Due, EntryId, IncidentSeverity, NoticedBy, Score, Stage};
use trato::journal::interchange;
use trato::journal::{self, EntryPatch, JournalError, NewFeedback};

fn client(j: &mut Journal, name: &str) -> ClientId {
    journal::add_client(&mut j.store, at(1, 9, 0), name, ClientPatch::default()).unwrap()
}

fn request(j: &mut Journal, c: ClientId) -> EntryId {
    journal::add_request(&mut j.store, at(2, 10, 0), new_entry(c, at(2, 10, 0), "Update the menu"), None).unwrap()
}

fn promise(j: &mut Journal, c: ClientId, for_request: Option<EntryId>) -> EntryId {
    let due: Due = "2026-03-04".parse().unwrap();
    journal::add_promise(&mut j.store, at(2, 12, 0), new_entry(c, at(2, 12, 0), "New menu online"), due, for_request).unwrap()
}

/// The journal as an export: what a user would lose if a refused action wrote anything.
fn snapshot(j: &mut Journal) -> String {
    interchange::to_json(&interchange::export(&mut j.store).unwrap())
}

fn domain(e: JournalError) -> DomainError {
    match e {
        JournalError::Domain(d) => d,
        other => panic!("expected a rule of the journal to refuse this, got {other}"),
    }
}

#[test]
fn requests_are_replied_to_followed_up_and_closed_each_way() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    for (how, status) in [(Closing::Done, "done"), (Closing::Declined, "declined"), (Closing::Withdrawn, "withdrawn")] {
        let r = request(&mut j, c);
        journal::reply_request(&mut j.store, at(2, 11, 0), r, None, Some("On it".into())).unwrap();
        journal::follow_up_request(&mut j.store, at(3, 9, 0), r, None, None, None).unwrap();
        journal::close_request(&mut j.store, at(3, 12, 0), r, how, None, None).unwrap();
        assert_eq!(journal::entry(&mut j.store, r).unwrap().status(), Some(status));
        let before = snapshot(&mut j);
        let err = domain(journal::follow_up_request(&mut j.store, at(4, 9, 0), r, None, None, None).unwrap_err());
        assert!(matches!(err, DomainError::NotOpen { kind: "request", .. }), "{err}");
        assert!(journal::close_request(&mut j.store, at(4, 9, 0), r, Closing::Done, None, None).is_err(), "a request closes once");
        assert_eq!(snapshot(&mut j), before, "refused actions write nothing");
    }
}

#[test]
fn events_are_dated_between_the_entry_and_now_and_a_close_comes_last() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    let err = domain(journal::reply_request(&mut j.store, at(3, 9, 0), r, Some(march(1, 9, 0)), None).unwrap_err());
    assert!(matches!(err, DomainError::BeforeEntry { .. }), "a reply before the request: {err}");
    let err = domain(journal::reply_request(&mut j.store, at(3, 9, 0), r, Some(march(4, 9, 0)), None).unwrap_err());
    assert!(matches!(err, DomainError::InTheFuture { .. }), "a reply dated tomorrow: {err}");
    journal::follow_up_request(&mut j.store, at(3, 9, 0), r, None, None, None).unwrap();
    let err = domain(journal::close_request(&mut j.store, at(3, 10, 0), r, Closing::Done, Some(march(2, 18, 0)), None).unwrap_err());
    assert!(matches!(err, DomainError::BeforeLastEvent { .. }), "done before the follow-up it answers: {err}");
    journal::reply_request(&mut j.store, at(3, 10, 0), r, Some(march(2, 18, 0)), Some("logged late".into())).unwrap();
    let err = domain(journal::add_request(&mut j.store, at(2, 9, 0), new_entry(c, at(3, 9, 0), "From the future"), None).unwrap_err());
    assert!(matches!(err, DomainError::InTheFuture { .. }));
}

#[test]
fn a_refusal_names_its_moments_in_the_users_zone_as_they_were_typed() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    // 09:00 in Madrid is 08:00 UTC: a user who typed 09:00 must read 09:00.
    let (now, tomorrow) = (at(3, 9, 0), march(4, 9, 0));
    let said = journal::reply_request(&mut j.store, now, r, Some(tomorrow), None).unwrap_err().to_string();
    assert_eq!(said, "Wed 2026-03-04 09:00 is in the future (now is Tue 2026-03-03 09:00); Trato records what has already happened");
    let said = journal::add_request(&mut j.store, now, new_entry(c, at(3, 10, 0), "Later"), None).unwrap_err().to_string();
    assert!(said.starts_with("Tue 2026-03-03 10:00 is in the future"), "{said}");
}

#[test]
fn promises_are_kept_broken_released_and_rescheduled_with_reasons() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let kept = promise(&mut j, c, None);
    journal::keep_promise(&mut j.store, at(4, 18, 0), kept, None).unwrap();
    let broken = promise(&mut j, c, None);
    journal::break_promise(&mut j.store, at(5, 9, 0), broken, None, Some("supplier failed".into())).unwrap();
    let released = promise(&mut j, c, None);
    journal::release_promise(&mut j.store, at(3, 9, 0), released, None, Some("no longer needed".into())).unwrap();
    let moved = promise(&mut j, c, None);
    journal::reschedule_promise(&mut j.store, at(3, 9, 0), moved, None, "2026-03-06".parse().unwrap(), "waiting for photos").unwrap();
    for (id, status) in [(kept, "kept"), (broken, "broken"), (released, "released"), (moved, "open")] {
        assert_eq!(journal::entry(&mut j.store, id).unwrap().status(), Some(status));
    }

    let before = snapshot(&mut j);
    let err = domain(journal::keep_promise(&mut j.store, at(5, 9, 0), released, None).unwrap_err());
    assert_eq!(err.to_string(), "this promise is already released by the client; only an open promise can be kept");
    assert!(journal::reschedule_promise(&mut j.store, at(5, 9, 0), kept, None, "2026-03-09".parse().unwrap(), "again").is_err());
    assert!(journal::break_promise(&mut j.store, at(5, 9, 0), broken, None, None).is_err());
    let err = domain(journal::reschedule_promise(&mut j.store, at(3, 10, 0), moved, None, "2026-03-09".parse().unwrap(), " ").unwrap_err());
    assert_eq!(err, DomainError::ReasonRequired);
    let due_before: Due = "2026-03-01".parse().unwrap();
    let err =
        domain(journal::add_promise(&mut j.store, at(2, 12, 0), new_entry(c, at(2, 12, 0), "Yesterday"), due_before, None).unwrap_err());
    assert!(matches!(err, DomainError::DueBeforeMade { .. }), "{err}");
    assert_eq!(snapshot(&mut j), before, "refused actions write nothing");
}

#[test]
fn a_linked_promise_answers_its_request_and_keeping_it_delivers_the_request() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    let p = promise(&mut j, c, Some(r));
    assert_eq!(journal::entry(&mut j.store, r).unwrap().status(), Some("open"));
    journal::keep_promise(&mut j.store, at(4, 12, 0), p, None).unwrap();
    assert_eq!(journal::entry(&mut j.store, r).unwrap().status(), Some("done"));

    // A promise can only answer an open request of the same client.
    let err = domain(
        journal::add_promise(&mut j.store, at(5, 9, 0), new_entry(c, at(5, 9, 0), "Again"), "2026-03-06".parse().unwrap(), Some(r))
            .unwrap_err(),
    );
    assert!(matches!(err, DomainError::NotOpen { kind: "request", .. }), "{err}");
    let other = client(&mut j, "Luna");
    let theirs = request(&mut j, other);
    let before = snapshot(&mut j);
    let err = domain(
        journal::add_promise(&mut j.store, at(5, 9, 0), new_entry(c, at(5, 9, 0), "Mixed up"), "2026-03-06".parse().unwrap(), Some(theirs))
            .unwrap_err(),
    );
    assert_eq!(err, DomainError::RequestOfAnotherClient { request: theirs });
    assert_eq!(snapshot(&mut j), before, "no promise and no reply were written");
}

#[test]
fn the_wrong_kind_of_entry_is_named() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    let err = domain(journal::keep_promise(&mut j.store, at(3, 9, 0), r, None).unwrap_err());
    assert_eq!(err.to_string(), format!("{r} is a request, not a promise"));
}

#[test]
fn incidents_take_each_recovery_step_once_with_its_time() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let i = journal::add_incident(
        &mut j.store,
        at(2, 9, 0),
        new_entry(c, at(2, 9, 0), "Wrong prices online"),
        NoticedBy::Client,
        IncidentSeverity::Major,
    )
    .unwrap();
    journal::incident_step(&mut j.store, at(2, 9, 30), i, RecoveryStep::Acknowledged, None, None).unwrap();
    let err = domain(journal::incident_step(&mut j.store, at(2, 10, 0), i, RecoveryStep::Compensated, None, None).unwrap_err());
    assert_eq!(err, DomainError::CompensationNeedsNote);
    journal::incident_step(&mut j.store, at(2, 10, 0), i, RecoveryStep::Compensated, None, Some("a free month".into())).unwrap();
    let err = domain(journal::incident_step(&mut j.store, at(2, 11, 0), i, RecoveryStep::Acknowledged, None, None).unwrap_err());
    assert_eq!(err, DomainError::StepAlreadyTaken { step: "acknowledged", at: march(2, 9, 30).into() });
    journal::incident_step(&mut j.store, at(2, 12, 0), i, RecoveryStep::Closed, None, None).unwrap();
    assert_eq!(journal::entry(&mut j.store, i).unwrap().status(), Some("closed"));
    assert!(
        journal::incident_step(&mut j.store, at(2, 13, 0), i, RecoveryStep::Fixed, None, None).is_err(),
        "a closed incident takes no more steps"
    );
}

#[test]
fn feedback_scores_stay_on_their_scale_and_negative_feedback_waits_for_a_follow_up() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let fb = |score| NewFeedback { score, stage: Stage::Mid, cause: None, comment: Some("Not what I meant".into()) };
    let before = snapshot(&mut j);
    let err = domain(journal::add_feedback(&mut j.store, at(3, 9, 0), new_entry(c, at(3, 9, 0), ""), fb(Score::Rating(7))).unwrap_err());
    assert_eq!(err.to_string(), "a rating is from 1 to 5 (got 7)");
    assert!(journal::add_feedback(&mut j.store, at(3, 9, 0), new_entry(c, at(3, 9, 0), ""), fb(Score::Nps(11))).is_err());
    assert_eq!(snapshot(&mut j), before);
    let low = journal::add_feedback(&mut j.store, at(3, 9, 0), new_entry(c, at(3, 9, 0), ""), fb(Score::Rating(2))).unwrap();
    assert_eq!(journal::entry(&mut j.store, low).unwrap().status(), Some("open"), "negative feedback is an open matter");
    journal::follow_up_feedback(&mut j.store, at(4, 9, 0), low, None, Some("Called her".into())).unwrap();
    assert_eq!(journal::entry(&mut j.store, low).unwrap().status(), None);
    let low = journal::entry(&mut j.store, low).unwrap();
    assert!(low.summary.contains("2/5"), "headed by its score, whatever the system's language: {}", low.summary);
    assert!(
        matches!(low.details, Details::Feedback(f) if f.comment.as_deref() == Some("Not what I meant")),
        "the comment stays the comment"
    );
}

#[test]
fn feedback_is_suggested_at_the_end_of_the_service_only_in_the_week_after_the_last_matter_closed() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let stage = |j: &mut Journal, day| trato::journal::insights::feedback_stage(&mut j.store, at(day, 12, 0), c).unwrap();
    assert_eq!(stage(&mut j, 2), Stage::Mid, "nothing done yet: during the service");
    let menu = journal::add_request(&mut j.store, at(2, 10, 0), new_entry(c, at(2, 10, 0), "Update the menu"), None).unwrap();
    journal::close_request(&mut j.store, at(4, 10, 0), menu, Closing::Done, None, None).unwrap();
    assert_eq!(stage(&mut j, 5), Stage::End, "the menu was delivered yesterday and nothing else is open");
    assert_eq!(stage(&mut j, 10), Stage::End, "six days after");
    assert_eq!(stage(&mut j, 12), Stage::Mid, "eight days after, it is no longer about that work");
    journal::add_request(&mut j.store, at(5, 13, 0), new_entry(c, at(5, 13, 0), "New photos"), None).unwrap();
    assert_eq!(stage(&mut j, 6), Stage::Mid, "another matter is open: the service goes on");
    assert_eq!(stage(&mut j, 5), Stage::End, "as of before it was asked, the end of the menu's work");
}

#[test]
fn edits_keep_the_old_version_in_the_history() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    let patch = EntryPatch { summary: Some("Update the lunch menu".into()), ..Default::default() };
    journal::edit_entry(&mut j.store, at(3, 9, 0), r, patch).unwrap();
    let history = journal::history(&mut j.store, &r.to_string()).unwrap();
    assert_eq!(history.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(), ["created", "edited"]);
    assert_eq!(history[0].snapshot["summary"], "Update the menu", "the first version survives the edit");
    assert_eq!(history[1].snapshot["summary"], "Update the lunch menu");
    let err = domain(
        journal::edit_entry(&mut j.store, at(3, 9, 0), r, EntryPatch { summary: Some(" ".into()), ..Default::default() }).unwrap_err(),
    );
    assert_eq!(err, DomainError::Empty { field: "summary" });

    journal::edit_client(&mut j.store, at(3, 9, 0), c, ClientPatch { name: Some("Panadería Sol".into()), ..Default::default() }).unwrap();
    let history = journal::history(&mut j.store, &c.to_string()).unwrap();
    assert_eq!(history[0].snapshot["name"], "Sol");
    assert_eq!(history[1].snapshot["name"], "Panadería Sol");
}

#[test]
fn deleted_entries_and_clients_wait_in_the_trash_and_come_back_whole() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    let r = request(&mut j, c);
    journal::delete(&mut j.store, at(3, 9, 0), &r.to_string()).unwrap();
    assert!(journal::timeline(&mut j.store, c).unwrap().is_empty(), "a deleted entry leaves the timeline");
    let trash = journal::trash(&mut j.store).unwrap();
    assert_eq!((trash.len(), trash[0].kind, trash[0].client.as_str()), (1, "request", "Sol"));
    let err = journal::reply_request(&mut j.store, at(3, 10, 0), r, None, None).unwrap_err();
    assert!(matches!(err, JournalError::InTrash { .. }), "an entry in the trash can't be acted on: {err}");
    assert!(matches!(journal::delete(&mut j.store, at(3, 10, 0), &r.to_string()), Err(JournalError::InTrash { .. })));
    journal::restore(&mut j.store, at(3, 11, 0), &r.to_string()).unwrap();
    assert_eq!(journal::timeline(&mut j.store, c).unwrap().len(), 1);
    assert!(matches!(journal::restore(&mut j.store, at(3, 11, 0), &r.to_string()), Err(JournalError::NotInTrash(_))));

    journal::delete(&mut j.store, at(4, 9, 0), &c.to_string()).unwrap();
    assert!(journal::clients(&mut j.store, true).unwrap().is_empty(), "a deleted client leaves every list");
    assert_eq!(journal::client_count(&mut j.store).unwrap(), 0, "a journal whose only client is in the trash starts over empty");
    assert!(matches!(journal::find_client(&mut j.store, "sol"), Err(JournalError::ClientNotFound(_))));
    assert!(matches!(journal::find_client(&mut j.store, &c.to_string()), Err(JournalError::InTrash { .. })));
    assert!(matches!(journal::reply_request(&mut j.store, at(4, 10, 0), r, None, None), Err(JournalError::InTrash { .. })));
    journal::restore(&mut j.store, at(4, 10, 0), &c.to_string()).unwrap();
    assert_eq!(journal::timeline(&mut j.store, c).unwrap().len(), 1, "the client comes back with its timeline");
    let actions: Vec<_> = journal::history(&mut j.store, &r.to_string()).unwrap().into_iter().map(|c| c.action).collect();
    assert_eq!(actions, ["created", "deleted", "restored"]);
}

#[test]
fn archived_clients_leave_the_list_but_not_the_journal() {
    let mut j = journal();
    let c = client(&mut j, "Sol");
    client(&mut j, "Luna");
    journal::archive_client(&mut j.store, at(3, 9, 0), c, true).unwrap();
    let names = |j: &mut Journal, all| journal::clients(&mut j.store, all).unwrap().into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(names(&mut j, false), ["Luna"]);
    assert_eq!(names(&mut j, true), ["Luna", "Sol"]);
    assert_eq!(journal::client_count(&mut j.store).unwrap(), 2, "an archived client still counts: the journal is not new");
    assert_eq!(journal::find_client(&mut j.store, "SOL").unwrap().id, c, "an archived client can still be found by name");
    journal::archive_client(&mut j.store, at(3, 10, 0), c, false).unwrap();
    assert_eq!(names(&mut j, false), ["Luna", "Sol"]);
}

#[test]
fn a_name_shared_by_two_clients_asks_for_the_id() {
    let mut j = journal();
    let a = client(&mut j, "María López");
    let b = client(&mut j, "maría lópez");
    match journal::find_client(&mut j.store, "MARÍA LÓPEZ") {
        Err(e @ JournalError::AmbiguousClient { .. }) => {
            let text = e.to_string();
            assert!(text.contains(&a.to_string()) && text.contains(&b.to_string()), "both candidates are listed: {text}");
        }
        other => panic!("expected an ambiguous name, got {other:?}"),
    }
}
