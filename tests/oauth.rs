//! Signing in to a mail provider, against a provider played here: the test is
//! the browser (it reads the address Trato would open and comes back to the
//! loopback redirect) and the token endpoint (a small HTTP server on this
//! machine that checks PKCE as Google's and Microsoft's do).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use trato::oauth::{self, Client, Landing, OAuthError, Provider, SignIn, Token};

fn now() -> DateTime<Utc> {
    "2026-03-03T09:00:00Z".parse().unwrap()
}

fn landing() -> Landing {
    Landing { done: "Signed in: you can close this tab.".into(), failed: "The sign-in did not work.".into() }
}

fn client() -> Client {
    Client { id: "trato-test.apps.example".into(), secret: None }
}

/// What the token endpoint answers to one request, given its form.
type Answer = Box<dyn Fn(&HashMap<String, String>) -> (u16, String) + Send + Sync>;

/// A token endpoint on the loopback. `seen` keeps every form it was sent.
struct TokenEndpoint {
    url: String,
    seen: Arc<Mutex<Vec<HashMap<String, String>>>>,
}

fn token_endpoint(answer: Answer) -> TokenEndpoint {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/token", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            let (head_end, length) = loop {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break (None, 0);
                }
                got.extend_from_slice(&buf[..n]);
                if let Some(at) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&got[..at]).to_lowercase();
                    let length = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                        .unwrap_or(0);
                    break (Some(at + 4), length);
                }
            };
            let Some(start) = head_end else { continue };
            while got.len() < start + length {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            let form: HashMap<String, String> = url::form_urlencoded::parse(&got[start..]).into_owned().collect();
            let (status, body) = answer(&form);
            kept.lock().unwrap().push(form);
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    TokenEndpoint { url, seen }
}

fn provider(token: &str) -> Provider {
    Provider {
        authorize: "https://accounts.example/authorize".into(),
        token: token.into(),
        scope: "imap offline_access".into(),
        ask_consent: false,
    }
}

fn query(url: &str) -> HashMap<String, String> {
    url::Url::parse(url).unwrap().query_pairs().into_owned().collect()
}

/// The browser's request to a URL on the loopback; gives the status line and the page.
fn browse(url: &str) -> (String, String) {
    let u = url::Url::parse(url).unwrap();
    let mut s = TcpStream::connect(("127.0.0.1", u.port().unwrap())).unwrap();
    let target = match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    };
    write!(s, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let page = answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
    (status, page)
}

/// Starts a sign-in, lets `browser` act on the address it opens, and finishes it.
fn sign_in(
    provider: &Provider,
    browser: impl FnOnce(HashMap<String, String>) + Send + 'static,
) -> (Result<oauth::Tokens, OAuthError>, String) {
    let started = SignIn::start(provider, &client(), Some("ana@outlook.example")).unwrap();
    let url = started.url.clone();
    let q = query(&url);
    let browsing = thread::spawn(move || browser(q));
    let outcome = started.finish(Duration::from_secs(10), &AtomicBool::new(false), &landing(), now());
    browsing.join().unwrap();
    (outcome, url)
}

fn granted() -> Answer {
    Box::new(|form| {
        let body = if form["grant_type"] == "authorization_code" {
            r#"{"access_token":"at-1","refresh_token":"rt-1","expires_in":3599,"token_type":"Bearer"}"#
        } else {
            r#"{"access_token":"at-2","expires_in":3599,"token_type":"Bearer"}"#
        };
        (200, body.to_string())
    })
}

#[test]
fn the_browser_comes_back_with_a_code_and_pkce_proves_it_is_this_sign_in() {
    let endpoint = token_endpoint(granted());
    let (tokens, url) = sign_in(&provider(&endpoint.url), |q| {
        let back = format!("{}?code=the-code&state={}", q["redirect_uri"], q["state"]);
        let (status, page) = browse(&back);
        assert!(status.contains("200"), "{status}");
        assert_eq!(page, "Signed in: you can close this tab.", "the page the face worded, as text");
    });
    let tokens = tokens.unwrap();
    assert_eq!(tokens.access.expose(), "at-1");
    assert_eq!(tokens.refresh.as_ref().map(Token::expose), Some("rt-1"));
    assert_eq!(tokens.expires_at, now() + TimeDelta::seconds(3599));
    assert!(tokens.fresh_at(now()) && !tokens.fresh_at(now() + TimeDelta::minutes(59)));

    let q = query(&url);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["login_hint"], "ana@outlook.example");
    assert!(q["redirect_uri"].starts_with("http://127.0.0.1:"), "a loopback redirect (RFC 8252)");
    let sent = endpoint.seen.lock().unwrap();
    let form = &sent[0];
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code"], "the-code");
    assert_eq!(form["client_id"], "trato-test.apps.example");
    assert_eq!(form["redirect_uri"], q["redirect_uri"], "the same redirect the code was given to");
    assert_eq!(
        URL_SAFE_NO_PAD.encode(Sha256::digest(form["code_verifier"].as_bytes())),
        q["code_challenge"],
        "the verifier answers the challenge"
    );
    assert!(!form.contains_key("client_secret"), "no secret was configured");
    assert!(!format!("{tokens:?}").contains("at-1") && !format!("{tokens:?}").contains("rt-1"), "tokens are never printed");
}

#[test]
fn a_favicon_request_is_waited_past_and_the_redirect_still_taken() {
    let endpoint = token_endpoint(granted());
    let (tokens, _) = sign_in(&provider(&endpoint.url), |q| {
        let root = q["redirect_uri"].clone();
        assert!(browse(&format!("{root}favicon.ico")).0.contains("404"));
        assert!(browse(&root).0.contains("404"), "no code, no error: not the redirect");
        browse(&format!("{root}?code=c2&state={}", q["state"]));
    });
    assert_eq!(tokens.unwrap().access.expose(), "at-1");
}

#[test]
fn another_sign_ins_redirect_is_refused_and_no_code_is_traded() {
    let endpoint = token_endpoint(granted());
    let (outcome, _) = sign_in(&provider(&endpoint.url), |q| {
        let (_, page) = browse(&format!("{}?code=stolen&state=not-this-one", q["redirect_uri"]));
        assert_eq!(page, "The sign-in did not work.");
    });
    assert!(matches!(outcome, Err(OAuthError::StateMismatch)), "{outcome:?}");
    assert!(endpoint.seen.lock().unwrap().is_empty(), "the token endpoint was never asked");
}

#[test]
fn a_user_who_declines_gets_denied_with_the_providers_word_only() {
    let endpoint = token_endpoint(granted());
    let (outcome, _) = sign_in(&provider(&endpoint.url), |q| {
        browse(&format!("{}?error=access_denied%1B%5B31m&state={}", q["redirect_uri"], q["state"]));
    });
    match outcome {
        Err(OAuthError::Denied(why)) => assert_eq!(why, "access_denied[31m", "no control character from the request"),
        other => panic!("{other:?}"),
    }
    assert!(endpoint.seen.lock().unwrap().is_empty());
}

#[test]
fn nobody_coming_back_times_out_and_a_cancel_stops_the_wait() {
    let endpoint = token_endpoint(granted());
    let p = provider(&endpoint.url);
    let started = SignIn::start(&p, &client(), None).unwrap();
    let t = Instant::now();
    let outcome = started.finish(Duration::from_millis(300), &AtomicBool::new(false), &landing(), now());
    assert!(matches!(outcome, Err(OAuthError::TimedOut)), "{outcome:?}");
    assert!(t.elapsed() < Duration::from_secs(5));

    let started = SignIn::start(&p, &client(), None).unwrap();
    let outcome = started.finish(Duration::from_secs(60), &AtomicBool::new(true), &landing(), now());
    assert!(matches!(outcome, Err(OAuthError::Cancelled)), "{outcome:?}");
}

#[test]
fn a_hostile_local_program_cannot_break_the_wait() {
    let endpoint = token_endpoint(granted());
    let (tokens, _) = sign_in(&provider(&endpoint.url), |q| {
        let port = url::Url::parse(&q["redirect_uri"]).unwrap().port().unwrap();
        // A request with no end, then one that is far too long, then garbage.
        let mut endless = TcpStream::connect(("127.0.0.1", port)).unwrap();
        endless.write_all(&vec![b'A'; 40_000]).ok();
        let mut junk = TcpStream::connect(("127.0.0.1", port)).unwrap();
        junk.write_all(b"\x00\xff\xfe NOT HTTP\r\n\r\n").ok();
        drop((endless, junk));
        browse(&format!("{}?code=c3&state={}", q["redirect_uri"], q["state"]));
    });
    assert_eq!(tokens.unwrap().access.expose(), "at-1");
}

#[test]
fn a_refresh_keeps_the_refresh_token_and_a_withdrawn_one_asks_to_sign_in_again() {
    let endpoint = token_endpoint(granted());
    let p = provider(&endpoint.url);
    let tokens = oauth::refresh(&p, &client(), &Token::new("rt-1"), now()).unwrap();
    assert_eq!(tokens.access.expose(), "at-2");
    assert_eq!(tokens.refresh.as_ref().map(Token::expose), Some("rt-1"), "the provider did not send a new one");
    assert_eq!(endpoint.seen.lock().unwrap()[0]["grant_type"], "refresh_token");

    let revoked =
        token_endpoint(Box::new(|_| (400, r#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#.into())));
    let outcome = oauth::refresh(&provider(&revoked.url), &client(), &Token::new("rt-1"), now());
    assert!(matches!(outcome, Err(OAuthError::SignInAgain)), "{outcome:?}");
}

#[test]
fn a_bad_answer_from_the_token_endpoint_is_named_not_taken() {
    let cases: Vec<(Answer, &str)> = vec![
        (Box::new(|_| (401, r#"{"error":"invalid_client"}"#.into())), "refused"),
        (Box::new(|_| (500, "<html>oops</html>".into())), "bad"),
        (Box::new(|_| (200, "not json".into())), "bad"),
        (Box::new(|_| (200, r#"{"access_token":""}"#.into())), "bad"),
    ];
    for (answer, expected) in cases {
        let endpoint = token_endpoint(answer);
        let outcome = oauth::refresh(&provider(&endpoint.url), &client(), &Token::new("rt"), now());
        match (expected, &outcome) {
            ("refused", Err(OAuthError::Refused(code))) => assert_eq!(code, "invalid_client"),
            ("bad", Err(OAuthError::BadAnswer(_))) => {}
            _ => panic!("{expected}: {outcome:?}"),
        }
    }
    // Nobody listening.
    let gone = provider("http://127.0.0.1:9/token");
    assert!(matches!(oauth::refresh(&gone, &client(), &Token::new("rt"), now()), Err(OAuthError::Unreachable(_))));
    // A token endpoint in the clear off this machine is never contacted.
    let clear = provider("http://oauth.example/token");
    assert!(matches!(SignIn::start(&clear, &client(), None), Err(OAuthError::NotHttps(_))));
    assert!(matches!(oauth::refresh(&clear, &client(), &Token::new("rt"), now()), Err(OAuthError::NotHttps(_))));
}

#[test]
fn xoauth2_is_the_sasl_string_google_and_microsoft_expect() {
    assert_eq!(oauth::xoauth2("ana@outlook.example", &Token::new("ya29.x")), "user=ana@outlook.example\x01auth=Bearer ya29.x\x01\x01");
}
