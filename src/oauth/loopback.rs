//! The browser's way back (RFC 8252 §7.3): a port on 127.0.0.1 chosen by the
//! system, listened on for the one request that carries the provider's code.
//! Any program on this machine can knock on it, so what comes is read as
//! hostile: bounded, parsed, and taken only with this sign-in's state.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use url::Url;

use super::{OAuthError, Result};

/// A request line and headers longer than this are no browser's redirect.
const MAX_REQUEST: usize = 16 * 1024;
/// A provider's code is a few hundred characters; longer is no code.
const MAX_CODE: usize = 4096;

/// What the browser shows when it comes back, in the user's language (the
/// face words it). Plain text: nothing from the request is put in a page.
#[derive(Clone, Debug)]
pub struct Landing {
    pub done: String,
    pub failed: String,
}

#[derive(Debug)]
pub struct Redirect {
    listener: TcpListener,
    port: u16,
}

impl Redirect {
    pub fn open() -> Result<Redirect> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(OAuthError::NoLoopback)?;
        let port = listener.local_addr().map_err(OAuthError::NoLoopback)?.port();
        listener.set_nonblocking(true).map_err(OAuthError::NoLoopback)?;
        Ok(Redirect { listener, port })
    }

    /// The redirect URI the provider sends the browser to.
    pub fn uri(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The code the browser brings back with this sign-in's `state`. Requests
    /// for anything but the redirect (a favicon) are answered 404 and waited past.
    pub fn wait(self, state: &str, within: Duration, stop: &AtomicBool, landing: &Landing) -> Result<String> {
        let deadline = Instant::now() + within;
        loop {
            if stop.load(Ordering::Relaxed) {
                return Err(OAuthError::Cancelled);
            }
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(outcome) = answer(stream, state, landing) {
                        return outcome;
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
                    if Instant::now() >= deadline {
                        return Err(OAuthError::TimedOut);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(OAuthError::NoLoopback(e)),
            }
        }
    }
}

/// Reads one request and answers it; `None` when it was not the redirect.
fn answer(mut stream: TcpStream, state: &str, landing: &Landing) -> Option<Result<String>> {
    // A client that connects and says nothing must not hold the sign-in up.
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let target = match request_target(&mut stream) {
        Some(t) => t,
        None => {
            reply(&mut stream, "400 Bad Request", "");
            return None;
        }
    };
    let Ok(url) = Url::parse(&format!("http://127.0.0.1{target}")) else {
        reply(&mut stream, "400 Bad Request", "");
        return None;
    };
    if url.path() != "/" {
        reply(&mut stream, "404 Not Found", "");
        return None;
    }
    let (mut code, mut came_with, mut error) = (None, None, None);
    for (k, v) in url.query_pairs() {
        match k.as_ref() {
            "code" => code = Some(v.into_owned()),
            "state" => came_with = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            _ => {}
        }
    }
    if code.is_none() && error.is_none() {
        reply(&mut stream, "404 Not Found", "");
        return None;
    }
    let outcome = if came_with.as_deref() != Some(state) {
        Err(OAuthError::StateMismatch)
    } else if let Some(e) = error {
        // RFC 6749 §4.1.2.1: the error code is a short ASCII word; keep only that.
        Err(OAuthError::Denied(e.chars().filter(|c| c.is_ascii_graphic()).take(64).collect()))
    } else {
        match code {
            Some(c) if !c.is_empty() && c.len() <= MAX_CODE && c.chars().all(|ch| ch.is_ascii_graphic()) => Ok(c),
            _ => Err(OAuthError::Denied("invalid_code".into())),
        }
    };
    let page = if outcome.is_ok() { &landing.done } else { &landing.failed };
    reply(&mut stream, "200 OK", page);
    Some(outcome)
}

/// The request's target (`/?code=…`), from its first line; `None` when the
/// request is not a GET, is cut, or is too long.
fn request_target(stream: &mut TcpStream) -> Option<String> {
    let mut got = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        if got.len() >= MAX_REQUEST {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => got.extend_from_slice(&chunk[..n]),
        }
    }
    let line = got.split(|&b| b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?.trim_end();
    let mut parts = line.split(' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("GET"), Some(target), Some(v)) if target.starts_with('/') && v.starts_with("HTTP/") => Some(target.to_string()),
        _ => None,
    }
}

fn reply(stream: &mut TcpStream, status: &str, text: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        text.len()
    );
    // The browser may be gone already; the outcome stands either way.
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(text.as_bytes()));
}
