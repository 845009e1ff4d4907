//! `trato mail` as a person uses it: a client's mail, imported from files
//! and reviewed, becomes a request that Today watches, a follow-up that says
//! the client asked again, and a reply that answers it; machine mail changes
//! nothing, and importing the same files again adds nothing.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{add, ok, refused};
use serde_json::Value;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mail").join(name).display().to_string()
}

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, now, &args)).expect("valid JSON")
}

/// Today's signals as (kind, since), matter by matter.
fn today(db: &Path, now: &str) -> Vec<(String, String)> {
    let t = json(db, now, &["today"]);
    let mut out = Vec::new();
    for m in t["matters"].as_array().unwrap() {
        for s in m["signals"].as_array().unwrap() {
            out.push((s["kind"].as_str().unwrap().to_string(), s["since"].as_str().unwrap().to_string()));
        }
    }
    out
}

fn kinds(db: &Path, now: &str) -> Vec<String> {
    today(db, now).into_iter().map(|(k, _)| k).collect()
}

/// The counts one file's import gave: (messages, new, proposals, already seen, not client mail, machine-made).
fn imported(db: &Path, now: &str, file: &str) -> (u64, u64, u64, u64, u64, u64) {
    let r = json(db, now, &["mail", "import", file]);
    let f = &r[0];
    let n = |k: &str| f[k].as_u64().unwrap_or_else(|| panic!("{k} in {f}"));
    (n("messages"), n("new"), n("proposals"), n("already_seen"), n("not_client_mail"), n("machine_made"))
}

fn pending(db: &Path, now: &str) -> Vec<(i64, String)> {
    let list = json(db, now, &["mail", "review"]);
    list.as_array().unwrap().iter().map(|p| (p["id"].as_i64().unwrap(), p["kind"].as_str().unwrap().to_string())).collect()
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    add(&db, "2026-03-01T09:00:00+01:00", &["client", "add", "Panadería Sol", "--email", "rosa@panaderia-sol.example"]);
    ok(&db, "2026-03-01T09:00:00+01:00", &["mail", "me", "ana@studio.example"]);
    (dir, db)
}

#[test]
fn a_client_s_mail_is_asked_unanswered_asked_again_and_answered_as_the_story_goes() {
    let (_dir, db) = setup();
    let sol = ok(&db, "2026-03-01T09:00:00+01:00", &["client", "show", "Panadería Sol", "--json"]);
    let sol: Value = serde_json::from_str(&sol).unwrap();
    let timeline = |now: &str| json(&db, now, &["timeline", sol["id"].as_str().unwrap()]).as_array().unwrap().len();

    // Tuesday 10:00 the client writes; Ana imports the message at 10:05.
    let tue = "2026-03-03T10:05:00+01:00";
    assert_eq!(imported(&db, tue, &fixture("first.eml")), (1, 1, 1, 0, 0, 0));
    let list = json(&db, tue, &["mail", "review"]);
    assert_eq!(list[0]["kind"], "request");
    assert_eq!(list[0]["subject"], "Menu update");
    assert_eq!(list[0]["answer_by"], "2026-03-04T09:00:00Z", "9 business hours from Tuesday 10:00 is Wednesday 10:00");
    assert!(kinds(&db, tue).is_empty(), "a proposal is not yet in the journal");
    let accepted = json(&db, tue, &["mail", "review", "--accept", "all"]);
    assert_eq!(accepted[0]["kind"], "request");
    assert_eq!(timeline(tue), 2, "the message (an interaction) and the request it makes");

    // Nothing on Today until the answer-by, then unanswered.
    assert!(kinds(&db, "2026-03-04T09:59:00+01:00").is_empty(), "before its answer-by the request is not late");
    assert_eq!(today(&db, "2026-03-04T10:01:00+01:00"), [("request_unanswered".to_string(), "2026-03-04T09:00:00Z".to_string())]);

    // Thursday: the whole inbox is exported and imported. The first message is known already, the
    // stranger's lunch is nobody's, the newsletter is machine mail; the absence reply and the new
    // message in the thread are proposed.
    let thu = "2026-03-05T11:05:00+01:00";
    let before = today(&db, thu);
    assert_eq!(imported(&db, thu, &fixture("inbox.mbox")), (5, 3, 2, 1, 1, 1));
    assert_eq!(today(&db, thu), before, "proposals change nothing until accepted");
    assert_eq!(pending(&db, thu).into_iter().map(|(_, k)| k).collect::<Vec<_>>(), ["availability", "follow_up"]);
    json(&db, thu, &["mail", "review", "--accept", "all"]);
    let after = kinds(&db, thu);
    assert!(after.contains(&"request_repeated".to_string()), "the client asked again: {after:?}");
    assert!(after.contains(&"request_unanswered".to_string()), "and is still waiting: {after:?}");
    let client: Value = serde_json::from_str(&ok(&db, thu, &["client", "show", "Panadería Sol", "--json"])).unwrap();
    let away = client["availability"].as_str().unwrap_or_default();
    assert!(away.contains("flour fair until Friday 6 March"), "the absence reply is on the client's availability: {away:?}");
    assert_eq!(timeline(thu), 3, "the follow-up is one more message; the newsletter and the absence reply are no entries");

    // Ana's reply, from her Sent folder.
    let noon = "2026-03-05T12:05:00+01:00";
    assert_eq!(imported(&db, noon, &fixture("sent.mbox")), (1, 1, 1, 0, 0, 0));
    assert_eq!(pending(&db, noon).into_iter().map(|(_, k)| k).collect::<Vec<_>>(), ["reply"]);
    json(&db, noon, &["mail", "review", "--accept", "all"]);
    let answered = kinds(&db, noon);
    assert!(!answered.contains(&"request_unanswered".to_string()), "the reply answers it: {answered:?}");
    assert!(!kinds(&db, "2026-03-06T18:00:00+01:00").contains(&"request_unanswered".to_string()), "and it stays answered");
    assert_eq!(timeline(noon), 4);

    // Importing the same files again adds nothing.
    let later = "2026-03-06T09:00:00+01:00";
    for file in ["first.eml", "inbox.mbox", "sent.mbox"] {
        let (_, new, proposals, ..) = imported(&db, later, &fixture(file));
        assert_eq!((new, proposals), (0, 0), "{file} again");
    }
    assert!(pending(&db, later).is_empty());
    assert_eq!(timeline(later), 4, "no duplicate entry");
}

#[test]
fn a_proposal_can_be_ignored_or_accepted_as_another_kind() {
    let (_dir, db) = setup();
    let tue = "2026-03-03T10:05:00+01:00";
    imported(&db, tue, &fixture("first.eml"));
    let id = pending(&db, tue)[0].0.to_string();
    let done = json(&db, tue, &["mail", "review", "--accept", &id, "--as", "interaction"]);
    assert_eq!(done[0]["kind"], "interaction");
    assert!(kinds(&db, "2026-03-05T10:00:00+01:00").is_empty(), "a message that needs no reply is never unanswered");
    let again = refused(&db, tue, &["mail", "review", "--ignore", &id]);
    assert!(again.contains("already reviewed"), "{again}");
}

#[test]
fn a_review_taken_back_undoes_what_accepting_wrote_and_the_proposal_awaits_review_again() {
    let (_dir, db) = setup();
    let tue = "2026-03-03T10:05:00+01:00";
    let thu = "2026-03-05T11:05:00+01:00";
    let wed = "2026-03-04T10:01:00+01:00";
    imported(&db, tue, &fixture("first.eml"));
    let first = pending(&db, tue)[0].0;
    json(&db, tue, &["mail", "review", "--accept", "all"]);
    imported(&db, thu, &fixture("inbox.mbox"));
    let proposed = pending(&db, thu);
    let (away, asked_again) = (proposed[0].0, proposed[1].0);
    json(&db, thu, &["mail", "review", "--accept", "all"]);
    let sol = || -> Value { serde_json::from_str(&ok(&db, thu, &["client", "show", "Panadería Sol", "--json"])).unwrap() };
    let id = sol()["id"].as_str().unwrap().to_string();
    let timeline = || json(&db, thu, &["timeline", &id]).as_array().unwrap().len();
    assert!(kinds(&db, thu).contains(&"request_repeated".to_string()));
    assert_eq!(timeline(), 3);

    // The follow-up and the absence reply taken back: the request is asked once again, the availability as before.
    let said = ok(&db, thu, &["mail", "review", "--take-back", &asked_again.to_string(), &away.to_string()]);
    assert!(said.contains(&format!("{asked_again:>4}  awaits review again")), "{said}");
    let now = kinds(&db, thu);
    assert!(!now.contains(&"request_repeated".to_string()) && now.contains(&"request_unanswered".to_string()), "{now:?}");
    assert!(sol()["availability"].is_null() || sol()["availability"] == "", "the absence line is gone: {}", sol()["availability"]);
    assert_eq!(timeline(), 2, "the follow-up's message went to the trash");
    assert_eq!(pending(&db, thu).into_iter().map(|(_, k)| k).collect::<Vec<_>>(), ["availability", "follow_up"]);
    assert!(ok(&db, thu, &["trash"]).contains("Re: Menu update"), "in the trash, where it can be brought back");

    // Nothing to take back from a proposal awaiting review.
    let again = refused(&db, thu, &["mail", "review", "--take-back", &asked_again.to_string()]);
    assert!(again.contains(&format!("mail proposal {asked_again} awaits review: there is no review to take back")), "{again}");

    // The request the first message made, once changed by hand, is not taken back: that is not what the user sees.
    let request = json(&db, thu, &["timeline", &id]).as_array().unwrap().iter().find(|e| e["details"]["kind"] == "request").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&db, thu, &["edit", &request, "--summary", "Menú de primavera en la web"]);
    let before = common::dump(&db);
    let changed = refused(&db, thu, &["mail", "review", "--take-back", &first.to_string()]);
    assert!(changed.contains("changed since"), "{changed}");
    assert_eq!(common::dump(&db), before, "nothing changed");

    // Accepted again, the follow-up counts again.
    json(&db, thu, &["mail", "review", "--accept", "all"]);
    assert!(kinds(&db, thu).contains(&"request_repeated".to_string()));
    assert_eq!(today(&db, wed), [("request_unanswered".to_string(), "2026-03-04T09:00:00Z".to_string())]);
}

#[test]
fn a_cut_mbox_imports_the_whole_messages_and_says_what_was_cut() {
    let (dir, db) = setup();
    let whole = std::fs::read_to_string(fixture("inbox.mbox")).unwrap();
    let cut = dir.path().join("cut.mbox");
    std::fs::write(&cut, &whole[..whole.len() - 20]).unwrap();
    let thu = "2026-03-05T11:05:00+01:00";
    let out = ok(&db, thu, &["mail", "import", cut.to_str().unwrap()]);
    assert!(out.contains("4 read") && out.contains("left out"), "{out}");
    assert_eq!(pending(&db, thu).into_iter().map(|(_, k)| k).collect::<Vec<_>>(), ["request", "availability"]);
    // The whole file later brings the message that was cut, once.
    let (_, new, ..) = imported(&db, thu, &fixture("inbox.mbox"));
    assert_eq!(new, 1);
}

#[test]
fn what_is_not_mail_or_not_an_address_is_refused_in_the_user_s_words() {
    let (dir, db) = setup();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "just some words\nwith no headers\n").unwrap();
    let now = "2026-03-05T11:05:00+01:00";
    let err = refused(&db, now, &["mail", "import", notes.to_str().unwrap()]);
    assert!(err.contains("not a mail message") && err.contains("notes.txt"), "{err}");
    let err = refused(&db, now, &["mail", "me", "ana at studio"]);
    assert!(err.contains("not an e-mail address"), "{err}");
    let err = refused(&db, now, &["mail", "import", "/nonexistent/inbox.mbox"]);
    assert!(err.contains("can't be read"), "{err}");
    assert_eq!(ok(&db, now, &["mail", "me"]), "ana@studio.example\n");
}

#[test]
fn mail_from_a_new_address_at_a_marked_domain_becomes_the_client_s_once_the_domain_is_marked() {
    let (dir, db) = setup();
    let luis = dir.path().join("luis.eml");
    std::fs::write(
        &luis,
        "From: Luis <Luis@Panaderia-Sol.example>\nTo: ana@studio.example\nSubject: Invoice\n\
         Date: Tue, 3 Mar 2026 11:00:00 +0100\nMessage-ID: <invoice-1@panaderia-sol.example>\n\nCould you send the invoice?\n",
    )
    .unwrap();
    let luis = luis.to_str().unwrap();
    let tue = "2026-03-03T11:05:00+01:00";
    assert_eq!(imported(&db, tue, luis), (1, 0, 0, 0, 1, 0), "an address no client has is nobody's");
    assert!(pending(&db, tue).is_empty());

    assert_eq!(
        ok(&db, tue, &["mail", "domain", "add", "Panadería Sol", "@PANADERIA-SOL.example"]),
        "marked panaderia-sol.example as Panadería Sol's\n"
    );
    assert_eq!(imported(&db, tue, luis), (1, 1, 1, 0, 0, 0), "the same message, now the client's");
    let list = json(&db, tue, &["mail", "review"]);
    assert_eq!((list[0]["client"].as_str(), list[0]["kind"].as_str()), (Some("Panadería Sol"), Some("request")));
    let domains = json(&db, tue, &["mail", "domain", "list"]);
    assert_eq!(domains[0]["domain"], "panaderia-sol.example");
    assert_eq!(domains[0]["client"], "Panadería Sol");

    let out = ok(&db, tue, &["mail", "domain", "remove", "Panadería Sol", "Panaderia-Sol.example"]);
    assert_eq!(out, "unmarked panaderia-sol.example as Panadería Sol's\n");
    assert_eq!(ok(&db, tue, &["mail", "domain", "list"]), "");
}

#[test]
fn a_client_in_the_trash_holds_no_domain_and_its_mail_is_nobody_s_until_it_is_restored() {
    let (dir, db) = setup();
    let now = "2026-03-03T11:05:00+01:00";
    let luis = dir.path().join("luis.eml");
    std::fs::write(
        &luis,
        "From: Luis <luis@panaderia-sol.example>\nTo: ana@studio.example\nSubject: Invoice\n\
         Date: Tue, 3 Mar 2026 11:00:00 +0100\nMessage-ID: <invoice-2@panaderia-sol.example>\n\nCould you send the invoice?\n",
    )
    .unwrap();
    let luis = luis.to_str().unwrap();
    let sol = json(&db, now, &["client", "show", "Panadería Sol"])["id"].as_str().unwrap().to_string();
    add(&db, now, &["client", "add", "Café Luna"]);
    ok(&db, now, &["mail", "domain", "add", "Panadería Sol", "panaderia-sol.example"]);
    ok(&db, now, &["delete", &sol]);

    assert_eq!(ok(&db, now, &["mail", "domain", "list"]), "", "the bakery is in the trash, and its domain with it");
    assert_eq!(imported(&db, now, luis), (1, 0, 0, 0, 1, 0), "mail from its domain is no client's meanwhile");
    assert!(pending(&db, now).is_empty(), "nothing proposed for a client in the trash");

    ok(&db, now, &["restore", &sol]);
    assert_eq!(ok(&db, now, &["mail", "domain", "list"]), "panaderia-sol.example  Panadería Sol\n", "restored with its mark");
    ok(&db, now, &["delete", &sol]);
    assert_eq!(
        ok(&db, now, &["mail", "domain", "add", "Café Luna", "panaderia-sol.example"]),
        "marked panaderia-sol.example as Café Luna's\n",
        "a domain held only by a client in the trash is free to mark"
    );
    ok(&db, now, &["restore", &sol]);
    assert_eq!(ok(&db, now, &["mail", "domain", "list"]), "panaderia-sol.example  Café Luna\n", "and stays with the one who took it");
}

#[test]
fn a_free_mail_domain_a_malformed_one_or_another_client_s_is_refused_in_the_user_s_words() {
    let (_dir, db) = setup();
    let now = "2026-03-03T11:05:00+01:00";
    add(&db, now, &["client", "add", "Café Luna"]);
    let err = refused(&db, now, &["mail", "domain", "add", "Café Luna", "GMail.com"]);
    assert!(err.contains("gmail.com is a free-mail domain"), "{err}");
    for bad in ["panaderia sol", "localhost", "rosa@panaderia-sol.example"] {
        let err = refused(&db, now, &["mail", "domain", "add", "Café Luna", bad]);
        assert!(err.contains("is not a domain name"), "{bad}: {err}");
    }
    ok(&db, now, &["mail", "domain", "add", "Panadería Sol", "panaderia-sol.example"]);
    let err = refused(&db, now, &["mail", "domain", "add", "Café Luna", "Panaderia-Sol.EXAMPLE"]);
    assert!(err.contains("panaderia-sol.example is already marked as Panadería Sol's"), "{err}");
    assert_eq!(ok(&db, now, &["mail", "domain", "list"]), "panaderia-sol.example  Panadería Sol\n", "nothing refused was kept");
    ok(&db, now, &["settings", "set", "language", "es"]);
    let err = refused(&db, now, &["mail", "domain", "add", "Café Luna", "hotmail.es"]);
    assert!(err.contains("hotmail.es es un dominio de correo gratuito"), "{err}");
}
