//! `trato mail account` and `trato mail sync` against a real Dovecot: a
//! client's mail, read from the server without changing it, becomes a request
//! Today watches, a follow-up when the client asks again, and a reply when the
//! user answers from their mail program; machine mail changes nothing, and
//! no sync, renumbering or re-import makes a duplicate.

#[path = "../../tests/common/mod.rs"]
mod common;
mod dovecot;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{add, ok, spawn_with, stderr, stdout};
use dovecot::server;
use serde_json::Value;

/// Runs trato with a password on standard input and a few variables.
fn trato_with(db: &Path, now: &str, args: &[&str], password: &str, env: &[(&str, &str)]) -> Output {
    spawn_with(db, now, args, Some(password), env).wait_with_output().unwrap()
}

fn passes(o: &Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}", stderr(o));
    stdout(o)
}

fn refusal(o: &Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(1), "{what} should have been refused; stdout: {}", stdout(o));
    assert!(o.stdout.is_empty(), "a refused command prints nothing on stdout");
    stderr(o)
}

/// A journal with one client, and a Dovecot user for the test.
struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
    login: String,
    password: String,
}

const START: &str = "2026-03-01T09:00:00+01:00";

fn setup(user: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    add(&db, START, &["client", "add", "Panadería Sol", "--email", "rosa@panaderia-sol.example"]);
    let (login, password) = server().user(user);
    Setup { _dir: dir, db, login, password }
}

impl Setup {
    /// `trato mail account add Work` over plaintext to the loopback server (or `port`).
    fn add_account(&self, port: u16, extra: &[&str]) -> Output {
        let port = port.to_string();
        let mut args = vec!["mail", "account", "add", "Work", "--host", "127.0.0.1", "--port", &port, "--security", "plain"];
        args.extend(["--login", &self.login, "--password-stdin"]);
        args.extend(extra);
        trato_with(&self.db, START, &args, &self.password, &[])
    }

    fn sync(&self, now: &str) -> Value {
        let o = trato_with(&self.db, now, &["mail", "sync", "Work", "--password-stdin", "--json"], &self.password, &[]);
        serde_json::from_str(&passes(&o, "mail sync")).expect("JSON")
    }

    fn save(&self, folder: &str, message: &str) -> u32 {
        server().save(&self.login, folder, message)
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&ok(&self.db, now, &args)).expect("JSON")
    }

    fn kinds(&self, now: &str) -> Vec<String> {
        let t = self.json(now, &["today"]);
        let mut out = Vec::new();
        for m in t["matters"].as_array().unwrap() {
            for s in m["signals"].as_array().unwrap() {
                out.push(s["kind"].as_str().unwrap().to_string());
            }
        }
        out
    }

    fn pending(&self, now: &str) -> Vec<String> {
        self.json(now, &["mail", "review"]).as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap().to_string()).collect()
    }

    fn query(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn messages(&self) -> i64 {
        self.query("SELECT count(*) FROM mail_messages")
    }
}

/// One folder's counts in a sync's JSON: (new, already seen, proposals, not client mail, machine-made).
fn counts(report: &Value, folder: &str) -> (u64, u64, u64, u64, u64) {
    let f =
        report[0]["folders"].as_array().unwrap().iter().find(|f| f["folder"] == folder).unwrap_or_else(|| panic!("{folder} in {report}"));
    assert_eq!(f["outcome"], "ok", "{f}");
    let n = |k: &str| f[k].as_u64().unwrap();
    (n("new"), n("already_seen"), n("proposals"), n("not_client_mail"), n("machine_made"))
}

fn message(from: &str, to: &str, subject: &str, date: &str, id: &str, extra: &str, body: &str) -> String {
    format!("From: {from}\nTo: {to}\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}>\n{extra}Content-Type: text/plain; charset=utf-8\n\n{body}\n")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mail").join(name).display().to_string()
}

const ROSA: &str = "Rosa Sol <rosa@panaderia-sol.example>";
const ANA: &str = "Ana <ana-story@studio.example>";

#[test]
fn a_client_s_mail_synced_from_the_server_is_asked_asked_again_and_answered_without_changing_the_mailbox() {
    let s = setup("ana-story");
    let added = passes(&s.add_account(server().port, &[]), "account add");
    assert!(added.contains("a sync reads INBOX, Sent"), "INBOX and the folder marked \\Sent by default: {added}");
    assert!(added.contains("ana-story@studio.example is one of your addresses now"), "{added}");
    assert_eq!(ok(&s.db, START, &["mail", "me"]), "ana-story@studio.example\n", "the login is the user's own address");

    // Tuesday 10:00 the client writes; Ana has already read it in her mail program.
    let first = s.save(
        "INBOX",
        &message(
            ROSA,
            ANA,
            "Menu update",
            "Tue, 3 Mar 2026 10:00:00 +0100",
            "menu-1@panaderia-sol.example",
            "",
            "Could you put the spring menu on the website?",
        ),
    );
    server().mark_seen(&s.login, "INBOX", first);
    s.save(
        "INBOX",
        &message(
            "Someone <someone@elsewhere.example>",
            ANA,
            "Lunch?",
            "Tue, 3 Mar 2026 09:30:00 +0100",
            "lunch@elsewhere.example",
            "",
            "Lunch on Friday?",
        ),
    );
    let flags_before = server().flags(&s.login, "INBOX");
    assert!(flags_before[0].contains("\\Seen") && !flags_before[1].contains("\\Seen"), "{flags_before:?}");

    let tue = "2026-03-03T10:05:00+01:00";
    let report = s.sync(tue);
    assert_eq!(counts(&report, "INBOX"), (1, 0, 1, 1, 0), "the client's message is proposed; the stranger's is nobody's");
    assert_eq!(counts(&report, "Sent"), (0, 0, 0, 0, 0));
    assert_eq!(s.pending(tue), ["request"]);
    s.json(tue, &["mail", "review", "--accept", "all"]);
    assert!(s.kinds("2026-03-04T09:59:00+01:00").is_empty(), "before its answer-by the request is not late");
    assert_eq!(s.kinds("2026-03-04T10:01:00+01:00"), ["request_unanswered"], "then it is unanswered");

    // Wednesday an absence reply and a newsletter; Thursday the client asks again in the thread.
    s.save(
        "INBOX",
        &message(
            ROSA,
            ANA,
            "Out of office",
            "Wed, 4 Mar 2026 09:00:00 +0100",
            "away-1@panaderia-sol.example",
            "Auto-Submitted: auto-replied\n",
            "I am at the flour fair until Friday 6 March.",
        ),
    );
    s.save(
        "INBOX",
        &message(
            ROSA,
            ANA,
            "Our March offers",
            "Wed, 4 Mar 2026 11:00:00 +0100",
            "news-3@panaderia-sol.example",
            "List-Unsubscribe: <mailto:leave@panaderia-sol.example>\nPrecedence: bulk\n",
            "Two croissants for one.",
        ),
    );
    let wed = "2026-03-04T12:05:00+01:00";
    let before = s.kinds(wed);
    let report = s.sync(wed);
    assert_eq!(counts(&report, "INBOX"), (2, 0, 1, 0, 1), "the absence is offered as availability, the newsletter is machine mail");
    s.json(wed, &["mail", "review", "--accept", "all"]);
    assert_eq!(s.kinds(wed), before, "an auto-reply and a newsletter change nothing on Today");

    s.save(
        "INBOX",
        &message(
            ROSA,
            ANA,
            "Re: Menu update",
            "Thu, 5 Mar 2026 11:00:00 +0100",
            "menu-2@panaderia-sol.example",
            "In-Reply-To: <menu-1@panaderia-sol.example>\nReferences: <menu-1@panaderia-sol.example>\n",
            "Any news about the menu?",
        ),
    );
    let thu = "2026-03-05T11:05:00+01:00";
    assert_eq!(counts(&s.sync(thu), "INBOX"), (1, 0, 1, 0, 0));
    assert_eq!(s.pending(thu), ["follow_up"]);
    s.json(thu, &["mail", "review", "--accept", "all"]);
    let asked = s.kinds(thu);
    assert!(asked.contains(&"request_repeated".to_string()) && asked.contains(&"request_unanswered".to_string()), "asked again: {asked:?}");

    // Ana answers from her mail program: the reply is in Sent.
    s.save(
        "Sent",
        &message(
            ANA,
            ROSA,
            "Re: Menu update",
            "Thu, 5 Mar 2026 12:00:00 +0100",
            "reply-1@studio.example",
            "In-Reply-To: <menu-2@panaderia-sol.example>\nReferences: <menu-1@panaderia-sol.example> <menu-2@panaderia-sol.example>\n",
            "It will be online tomorrow.",
        ),
    );
    let noon = "2026-03-05T12:05:00+01:00";
    let report = s.sync(noon);
    assert_eq!(counts(&report, "Sent"), (1, 0, 1, 0, 0));
    assert_eq!(counts(&report, "INBOX"), (0, 0, 0, 0, 0), "nothing read twice");
    assert_eq!(s.pending(noon), ["reply"]);
    s.json(noon, &["mail", "review", "--accept", "all"]);
    assert!(!s.kinds(noon).contains(&"request_unanswered".to_string()), "the reply answers the request");
    assert!(!s.kinds("2026-03-09T18:00:00+01:00").contains(&"request_unanswered".to_string()), "and it stays answered");

    // Reading never changed the mailbox.
    let flags_after = server().flags(&s.login, "INBOX");
    assert_eq!(flags_after[..2], flags_before[..], "EXAMINE and BODY.PEEK leave every flag as it was");
    assert!(flags_after.iter().skip(1).all(|f| !f.contains("\\Seen")), "no message was marked read: {flags_after:?}");

    // The account says how its last sync went.
    let accounts = s.json(noon, &["mail", "account", "list"]);
    assert_eq!(accounts[0]["last_outcome"], "ok");
    assert_eq!(accounts[0]["last_sync_at"], "2026-03-05T11:05:00Z");
    assert!(accounts[0].get("password").is_none());

    // The same messages again, from a file: nothing new.
    let sent = s._dir.path().join("sent.mbox");
    std::fs::write(&sent, std::fs::read_to_string(fixture("sent.mbox")).unwrap().replace("Ana@Studio.example", "ana-story@studio.example"))
        .unwrap();
    let imported = s.json(noon, &["mail", "import", &fixture("inbox.mbox"), sent.to_str().unwrap()]);
    for f in imported.as_array().unwrap() {
        assert_eq!((f["new"].as_u64(), f["proposals"].as_u64()), (Some(0), Some(0)), "re-import adds nothing: {f}");
    }

    // The server renumbers the inbox: read again, nothing doubled.
    let messages = s.messages();
    server().reset_uid_validity(&s.login, "INBOX", 42);
    let report = s.sync("2026-03-06T09:00:00+01:00");
    let inbox = report[0]["folders"].as_array().unwrap().iter().find(|f| f["folder"] == "INBOX").unwrap().clone();
    assert_eq!(inbox["rescanned"], true);
    assert_eq!(counts(&report, "INBOX"), (0, 4, 0, 1, 0), "every client message is known by its Message-ID");
    assert_eq!(s.messages(), messages);
    assert!(s.pending("2026-03-06T09:00:00+01:00").is_empty(), "no proposal twice");
}

#[test]
fn a_message_a_sync_skipped_is_caught_by_the_re_list_of_recent_uids() {
    let s = setup("ana-skipped");
    passes(&s.add_account(server().port, &["--folder", "INBOX"]), "account add");
    let to = "ana-skipped@studio.example";
    s.save("INBOX", &message(ROSA, to, "One", "Mon, 2 Mar 2026 10:00:00 +0100", "one@panaderia-sol.example", "", "one"));
    s.sync("2026-03-02T10:05:00+01:00");
    let skipped = s.save("INBOX", &message(ROSA, to, "Two", "Mon, 2 Mar 2026 11:00:00 +0100", "two@panaderia-sol.example", "", "two"));
    let last = s.save("INBOX", &message(ROSA, to, "Three", "Mon, 2 Mar 2026 12:00:00 +0100", "three@panaderia-sol.example", "", "three"));
    // A cursor pushed past two messages never read, as the bug that lost mail in other tools did.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute("UPDATE mail_folders SET last_uid = ?1 WHERE account = 'Work' AND folder = 'INBOX'", [last]).unwrap();
    drop(conn);
    assert!(skipped < last);
    let report = s.sync("2026-03-02T12:05:00+01:00");
    assert_eq!(counts(&report, "INBOX"), (2, 0, 2, 0, 0), "both skipped messages are found and read");
    assert_eq!(s.messages(), 3);
}

#[test]
fn a_wrong_password_is_refused_clearly_and_nothing_is_written() {
    let s = setup("ana-wrong");
    let o = trato_with(
        &s.db,
        START,
        &[
            "mail",
            "account",
            "add",
            "Work",
            "--host",
            "127.0.0.1",
            "--port",
            &server().port.to_string(),
            "--security",
            "plain",
            "--login",
            &s.login,
            "--password-stdin",
        ],
        "not-the-password",
        &[],
    );
    let err = refusal(&o, "a wrong password");
    assert!(err.contains("refused the login ana-wrong@studio.example"), "{err}");
    assert!(!err.contains("not-the-password"), "the password is never printed: {err}");
    assert_eq!(ok(&s.db, START, &["mail", "account", "list"]), "", "no account saved");
    assert_eq!(ok(&s.db, START, &["mail", "me"]), "", "no address added");

    passes(&s.add_account(server().port, &[]), "account add");
    s.save("INBOX", &message(ROSA, &s.login, "Hi", "Mon, 2 Mar 2026 10:00:00 +0100", "hi@panaderia-sol.example", "", "hi"));
    let o = trato_with(&s.db, "2026-03-02T10:05:00+01:00", &["mail", "sync", "Work", "--password-stdin"], "wrong", &[]);
    let err = refusal(&o, "a sync with a wrong password");
    assert!(err.contains("refused the login"), "{err}");
    assert_eq!(s.messages(), 0);
    assert_eq!(s.query("SELECT count(*) FROM mail_folders"), 0, "no cursor moved");
    let accounts = s.json(START, &["mail", "account", "list"]);
    assert_eq!(accounts[0]["last_outcome"], "mail_login_refused", "the account says how its last sync ended");
    let o = trato_with(&s.db, START, &["mail", "sync", "Work", "--password-stdin"], "", &[]);
    assert!(refusal(&o, "no password").contains("no password was given"));
}

#[test]
fn plaintext_is_refused_to_any_host_but_this_machine() {
    let s = setup("ana-plain");
    let o = trato_with(
        &s.db,
        START,
        &["mail", "account", "add", "Work", "--host", "imap.example.org", "--security", "plain", "--login", &s.login, "--password-stdin"],
        &s.password,
        &[],
    );
    let err = refusal(&o, "plaintext to another host");
    assert!(err.contains("imap.example.org is not this machine"), "{err}");
    assert_eq!(ok(&s.db, START, &["mail", "account", "list"]), "");
    ok(&s.db, START, &["settings", "set", "language", "es"]);
    let o = trato_with(
        &s.db,
        START,
        &["mail", "account", "add", "Work", "--host", "10.1.2.3", "--security", "plain", "--login", &s.login, "--password-stdin"],
        &s.password,
        &[],
    );
    assert!(refusal(&o, "plaintext").contains("10.1.2.3 no es esta máquina"));
}

#[test]
fn tls_and_starttls_work_with_a_trusted_certificate_and_are_refused_otherwise() {
    let s = setup("ana-tls");
    let cert = server().cert.display().to_string();
    let trusted = [("SSL_CERT_FILE", cert.as_str())];
    let add = |name: &str, host: &str, port: u16, security: &str, env: &[(&str, &str)]| {
        let port = port.to_string();
        let args = [
            "mail",
            "account",
            "add",
            name,
            "--host",
            host,
            "--port",
            &port,
            "--security",
            security,
            "--login",
            &s.login,
            "--password-stdin",
        ];
        trato_with(&s.db, START, &args, &s.password, env)
    };
    passes(&add("Work", "127.0.0.1", server().tls_port, "tls", &trusted), "TLS with the server's certificate trusted");
    passes(&add("Starttls", "127.0.0.1", server().port, "starttls", &trusted), "STARTTLS");

    let err = refusal(&add("Other", "localhost", server().tls_port, "tls", &trusted), "a certificate for another host");
    assert!(err.contains("certificate made out to another host"), "the certificate names 127.0.0.1, not localhost: {err}");
    let err = refusal(&add("Other", "127.0.0.1", server().tls_port, "tls", &[]), "an untrusted certificate");
    assert!(err.contains("does not trust"), "{err}");

    s.save("INBOX", &message(ROSA, &s.login, "Hi", "Mon, 2 Mar 2026 10:00:00 +0100", "hi@panaderia-sol.example", "", "hi"));
    let now = "2026-03-02T10:05:00+01:00";
    let o = trato_with(&s.db, now, &["mail", "sync", "Work", "--password-stdin"], &s.password, &[]);
    assert!(refusal(&o, "sync without the certificate trusted").contains("does not trust"));
    assert_eq!((s.messages(), s.query("SELECT count(*) FROM mail_folders")), (0, 0), "nothing written, no cursor moved");
    let o = trato_with(&s.db, now, &["mail", "sync", "Work", "--password-stdin"], &s.password, &trusted);
    let out = passes(&o, "sync over TLS");
    assert!(out.contains("Work INBOX: 1 new client message(s), 1 proposal(s) to review"), "{out}");
}

#[test]
fn a_folder_that_can_t_be_opened_is_reported_and_the_others_are_read() {
    let s = setup("ana-folders");
    server().save(
        &s.login,
        "Clients",
        &message(ROSA, &s.login, "Hi", "Mon, 2 Mar 2026 10:00:00 +0100", "c@panaderia-sol.example", "", "c"),
    );
    let o = s.add_account(server().port, &["--folder", "Clients", "--folder", "INBOX", "--folder", "Nope"]);
    assert!(refusal(&o, "a folder the server doesn't have").contains("the folder 'Nope' can't be opened"));
    passes(&s.add_account(server().port, &["--folder", "Clients", "--folder", "INBOX"]), "account add");
    s.save("INBOX", &message(ROSA, &s.login, "Two", "Mon, 2 Mar 2026 11:00:00 +0100", "i@panaderia-sol.example", "", "i"));
    server().doveadm(&["mailbox", "delete", "-u", &s.login, "-s", "Clients"]);
    let now = "2026-03-02T11:05:00+01:00";
    let o = trato_with(&s.db, now, &["mail", "sync", "Work", "--password-stdin"], &s.password, &[]);
    let out = passes(&o, "a sync with one folder gone");
    assert!(out.contains("Work Clients: not read: the folder 'Clients' can't be opened"), "{out}");
    assert!(out.contains("Work INBOX: 1 new client message(s)"), "{out}");
    assert_eq!(s.json(now, &["mail", "account", "list"])[0]["last_outcome"], "mail_folder_cant_open");
}

#[test]
fn an_account_is_listed_and_removed_and_its_name_is_its_own() {
    let s = setup("ana-list");
    passes(&s.add_account(server().port, &[]), "account add");
    let again = refusal(&s.add_account(server().port, &[]), "the same name");
    assert!(again.contains("there is already a mail account 'Work'"), "{again}");
    let list = ok(&s.db, START, &["mail", "account", "list"]);
    assert!(list.starts_with("Work  ana-list@studio.example at 127.0.0.1:") && list.contains("never synced"), "{list}");
    assert_eq!(
        ok(&s.db, START, &["mail", "account", "remove", "Work"]),
        "removed mail account Work; the mail it brought stays in the journal\n"
    );
    let err = common::refused(&s.db, START, &["mail", "account", "remove", "Work"]);
    assert!(err.contains("there is no mail account 'Work'"), "{err}");
    let err = common::refused(&s.db, START, &["mail", "sync", "Work", "--password-stdin"]);
    assert!(err.contains("there is no mail account 'Work'"), "{err}");
}

#[test]
fn an_automatic_client_s_mail_is_in_the_journal_after_the_sync_without_review() {
    let s = setup("ana-auto");
    passes(&s.add_account(server().port, &["--folder", "INBOX"]), "account add");
    assert_eq!(
        ok(&s.db, START, &["mail", "auto", "Panadería Sol", "on"]),
        "mail from Panadería Sol is accepted at each sync, without review\n"
    );
    let to = "ana-auto@studio.example";
    s.save("INBOX", &message(ROSA, to, "Menu update", "Tue, 3 Mar 2026 10:00:00 +0100", "auto-1@panaderia-sol.example", "", "The menu?"));
    s.save(
        "INBOX",
        &message(
            ROSA,
            to,
            "Re: Menu update",
            "Tue, 3 Mar 2026 11:00:00 +0100",
            "auto-2@panaderia-sol.example",
            "In-Reply-To: <auto-1@panaderia-sol.example>\n",
            "Again",
        ),
    );
    let tue = "2026-03-03T11:05:00+01:00";
    let report = s.sync(tue);
    let inbox = &report[0]["folders"][0];
    assert_eq!((inbox["new"].as_u64(), inbox["accepted"].as_u64(), inbox["proposals"].as_u64()), (Some(2), Some(2), Some(0)), "{inbox}");
    assert!(s.pending(tue).is_empty(), "nothing awaits review");
    assert!(s.kinds(tue).contains(&"request_repeated".to_string()), "the request and its follow-up are in the journal");

    ok(&s.db, tue, &["mail", "auto", "Panadería Sol", "off"]);
    s.save("INBOX", &message(ROSA, to, "Invoice", "Tue, 3 Mar 2026 12:00:00 +0100", "auto-3@panaderia-sol.example", "", "The invoice?"));
    let report = s.sync("2026-03-03T12:05:00+01:00");
    assert_eq!(report[0]["folders"][0]["proposals"], 1, "off again: proposed for review");
    assert_eq!(s.pending("2026-03-03T12:05:00+01:00"), ["request"]);
}
