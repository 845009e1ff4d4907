//! The public example of PRODUCT.md, told through the library: Ana's menu
//! update for Panadería Sol, from the first e-mail to the client's rating.

mod common;

use chrono::NaiveDate;
use chrono_tz::Europe::Madrid;
use common::{at, journal, march, new_entry};
use trato::domain::promise::PromiseStatus;
use trato::domain::request::RequestStatus;
use trato::domain::{Cause, ClientPatch, Details, Due, Entry, Score, Stage};
use trato::journal::{self, NewFeedback};
use trato::store::Store;

fn day(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
}

fn get(store: &mut Store, id: trato::domain::EntryId) -> Entry {
    journal::entry(store, id).unwrap()
}

#[test]
fn the_menu_update_story_from_request_to_rating() {
    let mut j = journal();
    let s = &mut j.store;
    let sol = journal::add_client(s, at(1, 9, 0), "Panadería Sol", ClientPatch::default()).unwrap();

    // 1. Monday 10:00: the client asks by e-mail for a menu update.
    let menu = journal::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Update the menu"), None).unwrap();
    let Details::Request(r) = get(s, menu).details else { panic!("a request") };
    assert_eq!(r.awaiting_reply_since(march(2, 10, 0), march(2, 11, 0)), Some(march(2, 10, 0)), "a new request awaits a reply");

    // 2. Monday 12:00: Ana promises the new menu for Wednesday, answering the request.
    let promise = journal::add_promise(s, at(2, 12, 0), new_entry(sol, at(2, 12, 0), "New menu online"), day(4), Some(menu)).unwrap();
    let Details::Request(r) = get(s, menu).details else { panic!("a request") };
    assert_eq!(r.awaiting_reply_since(march(2, 10, 0), march(2, 12, 0)), None, "making a linked promise replies to the request");
    assert_eq!(r.status(), RequestStatus::Open, "a promise answers the request but does not deliver it");

    // 5. Thursday 11:00: the client writes again about the menu.
    journal::follow_up_request(s, at(5, 11, 0), menu, None, None, Some("Is the menu online?".into())).unwrap();
    let Details::Request(r) = get(s, menu).details else { panic!("a request") };
    assert_eq!(
        r.awaiting_reply_since(march(2, 10, 0), march(5, 11, 30)),
        Some(march(5, 11, 0)),
        "a follow-up after a reply starts a new clock"
    );
    assert_eq!(r.follow_ups_at(march(5, 11, 30)), 1);

    // 6. Thursday 12:00: rescheduled to Friday, waiting for photos; this replies to the follow-up.
    journal::reschedule_promise(s, at(5, 12, 0), promise, None, day(6), "waiting for photos").unwrap();
    let Details::Request(r) = get(s, menu).details else { panic!("a request") };
    assert_eq!(r.awaiting_reply_since(march(2, 10, 0), march(5, 12, 0)), None, "rescheduling a linked promise replies to the request");

    // 7. Friday 16:00: rescheduled again to Monday.
    journal::reschedule_promise(s, at(6, 16, 0), promise, None, day(9), "photos arrived late").unwrap();

    // 8. Monday 10:00: the menu is online.
    journal::keep_promise(s, at(9, 10, 0), promise, None).unwrap();
    let Details::Promise(p) = get(s, promise).details else { panic!("a promise") };
    assert_eq!(p.status(), PromiseStatus::Kept);
    let dues: Vec<_> = p.due_history(march(9, 12, 0)).into_iter().map(|c| (c.due, c.reason.map(str::to_string))).collect();
    assert_eq!(dues, vec![(day(4), None), (day(6), Some("waiting for photos".into())), (day(9), Some("photos arrived late".into()))]);
    assert_eq!(p.kept(Madrid), Some((march(9, 10, 0), true)), "kept five days after the Wednesday first promised");
    let Details::Request(r) = get(s, menu).details else { panic!("a request") };
    assert_eq!(r.status(), RequestStatus::Done, "keeping the linked promise delivers the request");

    // As of Thursday 09:00 the past is replayed: Wednesday's date was in force, nothing was kept.
    assert_eq!(p.status_at(march(5, 9, 0)), PromiseStatus::Open);
    assert_eq!(p.due_at(march(5, 9, 0)), day(4));
    assert!(p.due_at(march(5, 9, 0)).deadline(Madrid) <= march(5, 0, 0), "due Wednesday means late from Thursday 00:00");

    // 9. Tuesday: the client rates the work 3/5 because of expectations (Ana's journal speaks English).
    journal::change_settings(s, |set| set.with("language", "en")).unwrap();
    let rating = NewFeedback { score: Score::Rating(3), stage: Stage::End, cause: Some(Cause::Expectations), comment: None };
    let fb = journal::add_feedback(s, at(10, 10, 0), new_entry(sol, at(10, 10, 0), ""), rating).unwrap();
    assert_eq!(
        get(s, fb).summary,
        "Feedback 3/5 · end of service · cause: expectations",
        "feedback without a summary is headed by its score, stage and cause, in the journal's language"
    );

    // The timeline tells the whole story, newest first.
    let kinds: Vec<_> = journal::timeline(s, sol).unwrap().iter().map(|e| e.kind()).collect();
    assert_eq!(kinds, vec!["feedback", "promise", "request"]);

    // And every change is in the histories.
    let actions = |s: &mut Store, id: trato::domain::EntryId| -> Vec<String> {
        journal::history(s, &id.to_string()).unwrap().into_iter().map(|c| c.action).collect()
    };
    assert_eq!(actions(s, promise), ["created", "rescheduled", "rescheduled", "kept"]);
    assert_eq!(actions(s, menu), ["created", "replied", "followed_up", "replied", "replied", "done"]);
}
