//! How far a long sync or import got, as a face hears it while it runs:
//! counts that only rise and end at the total, the folder or file being
//! read; and a sync or import that nobody listens to works as before.
//! The sync against a real Dovecot.

mod common;
#[path = "../cli/tests/dovecot/mod.rs"]
mod dovecot;

use common::{at, journal};
use dovecot::server;
use trato::domain::{ClientPatch, Security, SignInMethod};
use trato::imap::{Credential, Limits, Trust};
use trato::journal::mailbox::{self, MailImportProgress, NewAccount, SyncOptions, SyncProgress, PROGRESS_EVERY};

const ROSA: &str = "rosa@panaderia-sol.example";

fn message(from: &str, to: &str, n: usize) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: Order {n}\nDate: Mon, 2 Mar 2026 {:02}:{:02}:00 +0100\nMessage-ID: <order-{n}-{from}>\n\nThe usual, please.\n",
        8 + n / 60,
        n % 60
    )
}

fn with_sol() -> common::Journal {
    let mut j = journal();
    let patch = ClientPatch { email: Some(ROSA.into()), ..ClientPatch::default() };
    trato::journal::add_client(&mut j.store, at(1, 9, 0), "Panadería Sol", patch).unwrap();
    j
}

#[test]
fn a_first_sync_tells_its_progress_from_nothing_to_every_message_of_every_folder() {
    let mut j = with_sol();
    let (login, password) = server().user("progress");
    // More than one FETCH of headers (100) and several chunks of client mail (50): progress moves between them.
    for n in 0..90 {
        server().save(&login, "INBOX", &message(ROSA, &login, n));
    }
    for n in 0..80 {
        server().save(&login, "INBOX", &message("news@shop.example", &login, n));
    }
    for n in 0..5 {
        server().save(&login, "Sent", &message(&login, ROSA, 100 + n));
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().unwrap();
    let trust = Trust::none();
    let new = NewAccount {
        name: "Work".into(),
        host: "127.0.0.1".into(),
        port: Some(server().port),
        security: Security::Plain,
        login: login.clone(),
        folders: Vec::new(),
        sign_in: SignInMethod::Password,
    };
    rt.block_on(mailbox::add_account(&mut j.store, at(5, 9, 0), new, Credential::Password(&password), &Trust::none(), Limits::default()))
        .expect("added");

    let mut heard: Vec<SyncProgress> = Vec::new();
    let mut listen = |p: &SyncProgress| heard.push(p.clone());
    let sync = mailbox::sync_with_progress(
        &mut j.store,
        at(5, 9, 0),
        "Work",
        Credential::Password(&password),
        &trust,
        SyncOptions::default(),
        &mut listen,
    );
    let report = rt.block_on(sync).expect("synced");
    assert_eq!(report.folders.iter().map(|f| f.new).sum::<usize>(), 95, "{report:?}");

    assert!(
        heard.iter().all(|p| p.account == "Work" && p.total == 175),
        "every message of both folders is counted from the start: {heard:?}"
    );
    assert_eq!(heard.first().map(|p| p.done), Some(0), "told before the first header is read");
    assert!(heard.windows(2).all(|w| w[0].done <= w[1].done), "the count only rises: {heard:?}");
    assert_eq!(heard.last().map(|p| p.done), Some(175), "it ends at the total");
    assert!(heard.iter().filter(|p| p.done > 0 && p.done < 175).count() >= 3, "steps between, not a jump: {heard:?}");
    assert!(heard.iter().any(|p| p.folder == "INBOX") && heard.iter().any(|p| p.folder == "Sent"), "each folder as it is read");

    // Nothing new: nothing to count, and the count says so.
    heard.clear();
    let mut listen = |p: &SyncProgress| heard.push(p.clone());
    let again = mailbox::sync_with_progress(
        &mut j.store,
        at(5, 9, 5),
        "Work",
        Credential::Password(&password),
        &trust,
        SyncOptions::default(),
        &mut listen,
    );
    rt.block_on(again).expect("synced again");
    assert!(!heard.is_empty() && heard.iter().all(|p| p.done == 0 && p.total == 0), "{heard:?}");

    // No one listening: the sync the CLI runs, as before.
    server().save(&login, "INBOX", &message(ROSA, &login, 500));
    let quiet = rt.block_on(mailbox::sync(
        &mut j.store,
        at(5, 9, 10),
        "Work",
        Credential::Password(&password),
        &Trust::none(),
        SyncOptions::default(),
    ));
    assert_eq!(quiet.expect("synced").folders.iter().map(|f| f.new).sum::<usize>(), 1);
}

#[test]
fn an_import_tells_each_file_and_how_many_messages_it_has_read() {
    let mut j = with_sol();
    let dir = tempfile::tempdir().unwrap();
    let mbox = dir.path().join("Inbox.mbox");
    let messages = 2 * PROGRESS_EVERY + 50;
    let text: String =
        (0..messages).map(|n| format!("From rosa Mon Mar  2 08:00:00 2026\n{}\n", message(ROSA, "ana@studio.example", n))).collect();
    std::fs::write(&mbox, text).unwrap();
    let eml = dir.path().join("one.eml");
    std::fs::write(&eml, message(ROSA, "ana@studio.example", 9999)).unwrap();

    let mut heard: Vec<MailImportProgress> = Vec::new();
    let done = mailbox::import_with_progress(&mut j.store, at(5, 12, 0), &[mbox, eml], &mut |p| heard.push(p.clone())).unwrap();
    assert_eq!(done[0].messages, messages);

    let said: Vec<(String, usize, usize, usize, bool)> =
        heard.iter().map(|p| (p.file.clone(), p.files_done, p.files, p.messages, p.finished)).collect();
    let mbox_said = |n: usize, finished: bool| ("Inbox.mbox".to_string(), 0, 2, n, finished);
    assert_eq!(
        said,
        [
            mbox_said(0, false),
            mbox_said(PROGRESS_EVERY, false),
            mbox_said(2 * PROGRESS_EVERY, false),
            mbox_said(messages, true),
            ("one.eml".to_string(), 1, 2, 0, false),
            ("one.eml".to_string(), 1, 2, 1, true),
        ],
        "each file by its name, its messages read every {PROGRESS_EVERY}, and its end"
    );

    // No one listening: as before; the same files again add nothing.
    let again = mailbox::import(&mut j.store, at(5, 12, 0), &[dir.path().join("Inbox.mbox")]).unwrap();
    assert_eq!((again[0].messages, again[0].new), (messages, 0));
}
