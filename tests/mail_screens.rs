//! The mail use cases the app's screens add to the CLI's: removing one of the
//! user's addresses, the count and the open requests the review list shows,
//! accepting all at once, and the mail origin a timeline entry carries.

mod common;

use std::path::PathBuf;

use common::{at, journal, new_entry};
use trato::domain::{ClientPatch, Details, Direction};
use trato::journal::{self, insights, mailbox};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail").join(name)
}

fn sol(j: &mut common::Journal) -> trato::domain::ClientId {
    let patch = ClientPatch { email: Some("rosa@panaderia-sol.example".into()), ..ClientPatch::default() };
    journal::add_client(&mut j.store, at(1, 9, 0), "Panadería Sol", patch).unwrap()
}

#[test]
fn an_address_removed_is_no_longer_the_user_s_and_one_never_added_is_said_so() {
    let mut j = journal();
    mailbox::add_my_addresses(&mut j.store, &["ana@studio.example".into(), "ana@home.example".into()]).unwrap();
    assert!(mailbox::remove_my_address(&mut j.store, "Ana@Studio.EXAMPLE").unwrap(), "removed as typed, in any case");
    assert_eq!(mailbox::my_addresses(&mut j.store).unwrap(), ["ana@home.example"]);
    assert!(!mailbox::remove_my_address(&mut j.store, "ana@studio.example").unwrap(), "it was already gone");
}

#[test]
fn mail_from_a_removed_address_no_longer_goes_out() {
    let mut j = journal();
    sol(&mut j);
    mailbox::add_my_addresses(&mut j.store, &["ana@studio.example".into()]).unwrap();
    mailbox::remove_my_address(&mut j.store, "ana@studio.example").unwrap();
    mailbox::import(&mut j.store, at(5, 12, 0), &[fixture("sent.mbox")]).unwrap();
    let list = mailbox::review_list(&mut j.store, at(5, 12, 0)).unwrap();
    assert!(list.iter().all(|p| p.direction == Direction::In), "Ana's reply is no longer hers once her address is removed: {list:?}");
}

#[test]
fn the_review_list_counts_what_waits_and_accepting_all_takes_a_thread_in_order() {
    let mut j = journal();
    let client = sol(&mut j);
    mailbox::add_my_addresses(&mut j.store, &["ana@studio.example".into()]).unwrap();
    mailbox::import(&mut j.store, at(5, 12, 0), &[fixture("inbox.mbox")]).unwrap();
    let waiting = mailbox::review_list(&mut j.store, at(5, 12, 0)).unwrap().len() as u64;
    assert!(waiting >= 2, "the request and its follow-up at least");
    assert_eq!(mailbox::pending_count(&mut j.store).unwrap(), waiting);
    assert!(mailbox::open_requests(&mut j.store, client).unwrap().is_empty(), "nothing accepted yet");

    let done = mailbox::accept_all(&mut j.store, at(5, 12, 0)).unwrap();
    assert_eq!(done.len() as u64, waiting);
    assert_eq!(mailbox::pending_count(&mut j.store).unwrap(), 0);
    let open = mailbox::open_requests(&mut j.store, client).unwrap();
    assert_eq!(open.len(), 1, "the follow-up went on the thread's request, not a second one: {open:?}");
    assert_eq!(open[0].summary, "Menu update");
}

#[test]
fn entries_from_mail_carry_their_message_on_the_timeline_and_typed_ones_none() {
    let mut j = journal();
    let client = sol(&mut j);
    mailbox::add_my_addresses(&mut j.store, &["ana@studio.example".into()]).unwrap();
    journal::log_interaction(&mut j.store, at(2, 9, 0), new_entry(client, at(2, 9, 0), "Called about the menu"), Direction::Out).unwrap();
    mailbox::import(&mut j.store, at(5, 12, 0), &[fixture("inbox.mbox")]).unwrap();
    mailbox::accept_all(&mut j.store, at(5, 12, 0)).unwrap();

    let page = insights::client_page(&mut j.store, at(5, 12, 0), client).unwrap();
    let typed = page.timeline.iter().find(|e| e.entry.summary == "Called about the menu").unwrap();
    assert_eq!(typed.mail, None, "a typed entry came from no mail");
    let request = page.timeline.iter().find(|e| matches!(e.entry.details, Details::Request(_))).unwrap();
    let origin = request.mail.as_ref().expect("the request made from Rosa's mail says so");
    assert_eq!(origin.message_id.as_deref(), Some("menu-1@panaderia-sol.example"));
    assert_eq!(origin.from, ["rosa@panaderia-sol.example"]);
    assert!(origin.excerpt.contains("spring menu"), "{}", origin.excerpt);
    let from_mail = page.timeline.iter().filter(|e| e.mail.is_some()).count();
    let interactions = page.timeline.iter().filter(|e| matches!(e.entry.details, Details::Interaction(_))).count();
    assert_eq!(from_mail, 1 + interactions - 1, "every interaction but the typed one came from mail, and the request");

    assert_eq!(mailbox::message_id_of(&mut j.store, request.entry.id).unwrap().as_deref(), Some("menu-1@panaderia-sol.example"));
    assert_eq!(mailbox::message_id_of(&mut j.store, typed.entry.id).unwrap(), None, "nothing to open for a typed entry");
}
