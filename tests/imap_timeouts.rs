//! A server that stops answering ends a sync with an error in the time
//! allowed, never hangs it: one that accepts the connection and never greets,
//! and one that greets and then never answers the login. (Real sockets on
//! loopback, peers that go silent; Dovecot itself never does.)

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use trato::domain::Security;
use trato::imap::{self, ImapError, Limits, Server, Trust};

const LIMITS: Limits = Limits { connect: Duration::from_millis(300), answer: Duration::from_millis(300) };

fn connect_to(port: u16) -> (Result<imap::Session, ImapError>, Duration) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().unwrap();
    let started = Instant::now();
    let server = Server { host: "127.0.0.1", port, security: Security::Plain };
    let done = rt.block_on(imap::connect(server, &Trust::none(), "ana@studio.example", imap::Credential::Password("secret"), LIMITS));
    (done, started.elapsed())
}

#[test]
fn a_server_that_never_greets_is_given_up_on_in_the_time_allowed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // The kernel accepts the connection; nobody ever writes to it.
    let (done, took) = connect_to(port);
    assert!(matches!(done, Err(ImapError::TimedOut { .. })), "{:?}", done.err());
    assert!(took < Duration::from_secs(3), "gave up after {took:?}");
    drop(listener);
}

#[test]
fn a_server_that_goes_silent_after_its_greeting_is_given_up_on_in_the_time_allowed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let silent = std::thread::spawn(move || {
        let (mut peer, _) = listener.accept().unwrap();
        peer.write_all(b"* OK IMAP ready\r\n").unwrap();
        // Reads the LOGIN, answers nothing, keeps the connection open a while.
        let mut buf = [0u8; 512];
        let _ = peer.read(&mut buf);
        std::thread::sleep(Duration::from_secs(2));
    });
    let (done, took) = connect_to(port);
    assert!(matches!(done, Err(ImapError::TimedOut { .. })), "{:?}", done.err());
    assert!(took < Duration::from_secs(2), "gave up after {took:?}");
    silent.join().unwrap();
}
