//! An OAuth 2.0 provider played on this machine, for the stories of a mail
//! account that signs in through its provider's page: a token endpoint on the
//! loopback that checks PKCE as Google's and Microsoft's do, rotates refresh
//! tokens as Microsoft's does, and makes each access token it issues one the
//! tests' Dovecot takes (its oauth2 passdb); and the browser's part, the GET
//! that brings a code back to Trato's loopback redirect. Shared by the CLI's
//! story and the app's. The test binary declares the Dovecot harness as
//! `mod dovecot` at its root.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::dovecot::server;

/// The client id the provider knows; any other is refused as `invalid_client`.
pub const CLIENT_ID: &str = "trato-test.apps.example";

/// What the provider knows: the codes it gave the browser (with their PKCE
/// challenge), the refresh tokens it honours, and every token it issued.
#[derive(Default)]
struct Grants {
    codes: HashMap<String, String>,
    refresh: HashSet<String>,
    access: Vec<String>,
    issued: Vec<String>,
    requests: usize,
    n: usize,
}

/// A token endpoint on the loopback, for one login: each access token it
/// issues is one the Dovecot here takes for that login. A refresh rotates
/// the refresh token (the old one stops working), as Microsoft's does.
pub struct Provider {
    pub token_url: String,
    pub login: String,
    grants: Arc<Mutex<Grants>>,
}

impl Provider {
    pub fn start(login: &str) -> Provider {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let token_url = format!("http://127.0.0.1:{}/token", listener.local_addr().unwrap().port());
        let grants = Arc::new(Mutex::new(Grants::default()));
        let (kept, who) = (grants.clone(), login.to_string());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let form = read_form(&mut stream);
                let (status, body) = answer(&mut kept.lock().unwrap(), &who, &form);
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Provider { token_url, login: login.to_string(), grants }
    }

    /// The browser's part: the provider's page gave a code for this challenge.
    pub fn code_for(&self, challenge: &str) -> String {
        let mut g = self.grants.lock().unwrap();
        g.n += 1;
        let code = format!("code-{}", g.n);
        g.codes.insert(code.clone(), challenge.to_string());
        code
    }

    /// The user withdrew Trato's access at the provider: every refresh token
    /// is refused, and the server no longer takes any access token it issued.
    pub fn withdraw(&self) {
        let mut g = self.grants.lock().unwrap();
        g.refresh.clear();
        for access in g.access.drain(..) {
            server().revoke(&access);
        }
    }

    pub fn issued(&self) -> Vec<String> {
        self.grants.lock().unwrap().issued.clone()
    }

    pub fn requests(&self) -> usize {
        self.grants.lock().unwrap().requests
    }
}

fn read_form(stream: &mut TcpStream) -> HashMap<String, String> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let (start, length) = loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            return HashMap::new();
        }
        got.extend_from_slice(&buf[..n]);
        if let Some(at) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&got[..at]).to_lowercase();
            let length =
                head.lines().find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap())).unwrap_or(0);
            break (at + 4, length);
        }
    };
    while got.len() < start + length {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    url::form_urlencoded::parse(&got[start..]).into_owned().collect()
}

fn answer(g: &mut Grants, login: &str, form: &HashMap<String, String>) -> (u16, String) {
    g.requests += 1;
    let invalid = (400, r#"{"error":"invalid_grant","error_description":"AADSTS70000: the grant was withdrawn"}"#.to_string());
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID) {
        return (401, r#"{"error":"invalid_client"}"#.into());
    }
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let Some(challenge) = form.get("code").and_then(|c| g.codes.remove(c)) else { return invalid };
            let verifier = form.get("code_verifier").cloned().unwrap_or_default();
            if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != challenge {
                return invalid;
            }
        }
        Some("refresh_token") => {
            if !form.get("refresh_token").is_some_and(|r| g.refresh.remove(r)) {
                return invalid;
            }
        }
        _ => return (400, r#"{"error":"unsupported_grant_type"}"#.into()),
    }
    g.n += 1;
    let (access, refresh) = (format!("access-{}-{login}", g.n), format!("refresh-{}-a4f9c2", g.n));
    server().grant(&access, login);
    g.refresh.insert(refresh.clone());
    g.access.push(access.clone());
    g.issued.extend([access.clone(), refresh.clone()]);
    (200, format!(r#"{{"access_token":"{access}","refresh_token":"{refresh}","expires_in":3599,"token_type":"Bearer"}}"#))
}

pub fn query(url: &str) -> HashMap<String, String> {
    url::Url::parse(url).unwrap().query_pairs().into_owned().collect()
}

/// The browser's GET on the loopback redirect; the status line and the page.
pub fn browse(url: &str) -> (String, String) {
    let u = url::Url::parse(url).unwrap();
    let mut s = TcpStream::connect(("127.0.0.1", u.port().unwrap())).unwrap();
    write!(s, "GET {}?{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", u.path(), u.query().unwrap_or_default()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    (answer.lines().next().unwrap_or_default().to_string(), answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_string())
}
