//! Waiting for mail with IDLE, against a real Dovecot: a message saved into
//! the inbox while Trato waits on it wakes the wait at once; a quiet inbox
//! ends the wait at its time limit; the caller's stop ends it at once; and a
//! server whose CAPABILITY lists no IDLE is left for the caller to ask at
//! intervals. Waiting changes nothing in the mailbox.

#[path = "../cli/tests/dovecot/mod.rs"]
mod dovecot;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use dovecot::server;
use trato::domain::Security;
use trato::imap::{self, Credential, Idled, Limits, Server, Session, Trust};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().unwrap()
}

fn connect_to(rt: &tokio::runtime::Runtime, port: u16, login: &str, password: &str) -> Session {
    let server = Server { host: "127.0.0.1", port, security: Security::Plain };
    rt.block_on(imap::connect(server, &Trust::none(), login, Credential::Password(password), Limits::default())).expect("logged in")
}

fn message(login: &str, id: &str) -> String {
    format!(
        "From: Rosa Sol <rosa@panaderia-sol.example>\nTo: {login}\nSubject: Menu\nDate: Tue, 3 Mar 2026 10:00:00 +0100\nMessage-ID: <{id}>\n\nThe spring menu, please.\n"
    )
}

/// A stop signal that never comes.
async fn never() {
    std::future::pending::<()>().await
}

#[test]
fn a_message_arriving_while_trato_waits_wakes_it_at_once_and_changes_nothing() {
    let (login, password) = server().user("idle-wakes");
    server().save(&login, "INBOX", &message(&login, "before@panaderia-sol.example"));
    let rt = runtime();
    let session = connect_to(&rt, server().port, &login, &password);

    // Saved by another connection a moment after the wait began (the login, the slow part, is done).
    let saver = {
        let login = login.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1500));
            server().save(&login, "INBOX", &message(&login, "during@panaderia-sol.example"));
            Instant::now()
        })
    };
    let started = Instant::now();
    let (session, idled) = rt.block_on(session.wait_for_mail("INBOX", Duration::from_secs(60), never())).expect("waited");
    let woke = Instant::now();
    let saved = saver.join().unwrap();
    assert_eq!(idled, Idled::NewMail, "the server said the inbox grew");
    assert!(woke >= saved - Duration::from_millis(200), "woken by the message, not before it");
    assert!(woke.duration_since(saved) < Duration::from_secs(5), "woken {:?} after the message was saved", woke.duration_since(saved));
    assert!(started.elapsed() < Duration::from_secs(10), "far from the time limit");
    assert!(
        server().flags(&login, "INBOX").iter().all(|f| !f.contains("\\Seen")),
        "waiting marks nothing as read: {:?}",
        server().flags(&login, "INBOX")
    );

    // The session comes back usable, and the next wait starts from what the inbox holds now.
    let (session, idled) = rt.block_on(session.wait_for_mail("INBOX", Duration::from_secs(2), never())).expect("waited again");
    assert_eq!(idled, Idled::TimedOut, "the message that woke the first wait is no news to the second");
    rt.block_on(session.logout());
}

#[test]
fn a_quiet_inbox_ends_the_wait_at_its_time_limit() {
    let (login, password) = server().user("idle-quiet");
    let rt = runtime();
    let session = connect_to(&rt, server().port, &login, &password);
    let started = Instant::now();
    let (session, idled) = rt.block_on(session.wait_for_mail("INBOX", Duration::from_secs(2), never())).expect("waited");
    let took = started.elapsed();
    assert_eq!(idled, Idled::TimedOut);
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(6), "gave up after {took:?}");
    rt.block_on(session.logout());
}

#[test]
fn the_callers_stop_ends_the_wait_at_once() {
    let (login, password) = server().user("idle-stop");
    let rt = runtime();
    let session = connect_to(&rt, server().port, &login, &password);
    let started = Instant::now();
    let stop = async { tokio::time::sleep(Duration::from_millis(800)).await };
    let (session, idled) = rt.block_on(session.wait_for_mail("INBOX", Duration::from_secs(60), stop)).expect("waited");
    assert_eq!(idled, Idled::Stopped);
    assert!(started.elapsed() < Duration::from_secs(5), "stopped after {:?}", started.elapsed());
    // The IDLE was ended properly: the session still answers.
    let mut session = session;
    assert!(rt.block_on(session.examine("INBOX")).is_ok(), "the session answers after the stop");
    rt.block_on(session.logout());
}

#[test]
fn a_server_without_idle_is_left_to_the_interval() {
    // A loopback peer that speaks just enough IMAP: a greeting, a login, a CAPABILITY without IDLE.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let peer = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut out = stream.try_clone().unwrap();
        out.write_all(b"* OK IMAP ready\r\n").unwrap();
        let mut commands = Vec::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let (tag, command) = line.split_once(' ').unwrap_or((line.as_str(), ""));
            let verb = command.split(' ').next().unwrap_or("").to_ascii_uppercase();
            commands.push(verb.clone());
            let answer = match verb.as_str() {
                "LOGIN" => format!("{tag} OK logged in\r\n"),
                "CAPABILITY" => format!("* CAPABILITY IMAP4rev1 LITERAL+\r\n{tag} OK done\r\n"),
                "LOGOUT" => format!("* BYE\r\n{tag} OK bye\r\n"),
                _ => format!("{tag} BAD not here\r\n"),
            };
            if out.write_all(answer.as_bytes()).is_err() || verb == "LOGOUT" {
                break;
            }
        }
        commands
    });
    let rt = runtime();
    let session = connect_to(&rt, port, "ana@studio.example", "secret");
    let (session, idled) = rt.block_on(session.wait_for_mail("INBOX", Duration::from_secs(60), never())).expect("asked");
    assert_eq!(idled, Idled::NotOffered);
    rt.block_on(session.logout());
    let commands = peer.join().unwrap();
    assert_eq!(commands, ["LOGIN", "CAPABILITY", "LOGOUT"], "no folder opened, no IDLE sent to a server that does not offer it");
}
