//! An IMAP server, read only: the one place in the core that talks to a mail
//! server. It moves bytes and nothing else: connects (TLS from the first
//! byte, STARTTLS, or plaintext to this machine only), logs in, lists the
//! folders, opens one read-only (EXAMINE, never SELECT), searches UIDs, and
//! fetches headers and the first bytes of messages with `BODY.PEEK`. No
//! command that changes a flag, a message or a mailbox is sent: [`Session`]
//! offers none. What a message means is decided above it (src/mail/ and the
//! use case in src/journal/mailbox/). Every wait on the network has a time
//! limit: a server that stops answering ends a sync with an error, never
//! hangs it. Where the server offers IDLE (RFC 2177), a session can also
//! wait on a folder it EXAMINEd until the server says new mail came
//! ([`Session::wait_for_mail`]): still read-only, IDLE changes nothing.

mod tls;

use std::fmt::Debug;
use std::future::Future;
use std::net::IpAddr;
use std::pin::pin;
use std::time::Duration;

use async_imap::error::Error as Imap;
use async_imap::extensions::idle::IdleResponse;
use async_imap::imap_proto::{MailboxDatum, Response};
use async_imap::types::UnsolicitedResponse;
use chrono::NaiveDate;
use futures_util::future::Either;
use futures_util::StreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::time::timeout;

pub use tls::Trust;

use crate::domain::Security;
use crate::oauth::{self, Token};

/// Where the server is and how the connection is protected.
#[derive(Clone, Copy, Debug)]
pub struct Server<'a> {
    pub host: &'a str,
    pub port: u16,
    pub security: Security,
}

/// How the account proves who it is.
#[derive(Clone, Copy, Debug)]
pub enum Credential<'a> {
    /// LOGIN with a password (or an app password).
    Password(&'a str),
    /// AUTHENTICATE XOAUTH2 with an OAuth access token (Gmail, Outlook).
    Bearer(&'a Token),
}

/// How long to wait for the server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// To open the connection, TLS and the greeting included.
    pub connect: Duration,
    /// For each answer (and for each message of a FETCH answer).
    pub answer: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { connect: Duration::from_secs(20), answer: Duration::from_secs(60) }
    }
}

/// Why the server could not be read. Texts that come from the server are cut
/// short here and still hostile: the faces sanitize them before showing.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("{host}: no TLS is allowed only for a server on this machine")]
    PlaintextRefused { host: String },
    #[error("can't connect to {host}:{port}: {detail}")]
    CantConnect { host: String, port: u16, detail: String },
    #[error("{host}: its certificate is not signed by an authority this system trusts: {detail}")]
    Untrusted { host: String, detail: String },
    #[error("{host}: its certificate is for another host")]
    WrongHost { host: String },
    #[error("{host}: the login {login} was refused: {detail}")]
    LoginRefused { host: String, login: String, detail: String },
    /// The server did not take the access token: the sign-in must be done again.
    #[error("{host}: the sign-in of {login} was refused: {detail}")]
    TokenRefused { host: String, login: String, detail: String },
    #[error("{host}: no answer in {} s", limit.as_secs())]
    TimedOut { host: String, limit: Duration },
    #[error("{host}: the connection was lost: {detail}")]
    ConnectionLost { host: String, detail: String },
    #[error("folder {folder} can't be opened: {detail}")]
    Folder { folder: String, detail: String },
    #[error("{host}: unexpected answer: {detail}")]
    Protocol { host: String, detail: String },
}

impl ImapError {
    /// Whether the connection is still usable after this error (a folder that
    /// can't be opened is one folder's problem; anything else ends the session).
    pub fn is_folder(&self) -> bool {
        matches!(self, ImapError::Folder { .. })
    }
}

/// Server text as kept in an error: one bounded line.
fn said(text: impl std::fmt::Display) -> String {
    let text = text.to_string();
    let mut out: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// Plaintext only where nothing crosses a network: a loopback address, or
/// `localhost`. Decided from what the user wrote, before any lookup, so a
/// name that a hostile resolver points at 127.0.0.1 is still refused.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.trim_matches(['[', ']']).parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send + Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + Debug> Io for T {}
type Stream = Box<dyn Io>;

/// A logged-in connection. Dropping it closes the socket.
pub struct Session {
    inner: async_imap::Session<Stream>,
    host: String,
    limits: Limits,
}

/// A folder as LIST names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    pub name: String,
    /// Marked `\Sent` (RFC 6154): where the user's own replies are.
    pub sent: bool,
    /// Can be opened (not `\Noselect`, not `\NonExistent`).
    pub selectable: bool,
}

/// A folder opened read-only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opened {
    /// Together with a UID, names a message for good; a new value means every UID known of the folder is void.
    pub uid_validity: u32,
    pub uid_next: Option<u32>,
    pub exists: u32,
}

/// A message's header as fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub uid: u32,
    pub size: u32,
    pub bytes: Vec<u8>,
}

/// What a wait on a folder ended with ([`Session::wait_for_mail`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idled {
    /// The server said the folder holds more messages than when the wait began.
    NewMail,
    /// The caller's stop signal came first.
    Stopped,
    /// The time given went by with no new mail.
    TimedOut,
    /// The server's CAPABILITY lists no IDLE: the caller asks at intervals instead.
    NotOffered,
}

/// How long one IDLE runs before it is ended and issued again: servers may
/// log off a client idle for 30 minutes, and RFC 2177 asks for a new IDLE
/// at least every 29.
pub const IDLE_ROUND: Duration = Duration::from_secs(25 * 60);

/// How many UIDs one FETCH names: answers stay a few megabytes at most.
const FETCH_BATCH: usize = 100;
/// More folders than this are not a person's mailbox.
const MAX_FOLDERS: usize = 10_000;

/// Connects and logs in.
pub async fn connect(
    server: Server<'_>,
    trust: &Trust,
    login: &str,
    credential: Credential<'_>,
    limits: Limits,
) -> Result<Session, ImapError> {
    let host = server.host.to_string();
    if server.security == Security::Plain && !is_loopback(server.host) {
        return Err(ImapError::PlaintextRefused { host });
    }
    let opening =
        async {
            let tcp = TcpStream::connect((server.host.trim_matches(['[', ']']), server.port))
                .await
                .map_err(|e| ImapError::CantConnect { host: host.clone(), port: server.port, detail: said(e) })?;
            let stream: Stream = match server.security {
                Security::Tls => Box::new(tls(tcp, server, trust).await?),
                Security::Plain | Security::Starttls => Box::new(tcp),
            };
            let mut client = async_imap::Client::new(stream);
            match client.read_response().await {
                Ok(Some(_)) => {}
                Ok(None) => return Err(lost(&host, "closed before its greeting")),
                Err(e) => return Err(lost(&host, e)),
            }
            if server.security == Security::Starttls {
                client.run_command_and_check_ok("STARTTLS", None).await.map_err(|e| match e {
                    Imap::No(t) | Imap::Bad(t) => ImapError::Protocol { host: host.clone(), detail: format!("no STARTTLS: {}", said(t)) },
                    other => imap_error(&host, other),
                })?;
                let plain = client.into_inner();
                // Only a TCP stream was boxed for STARTTLS; TLS is put on it now.
                let stream: Stream = Box::new(tls(plain, server, trust).await?);
                client = async_imap::Client::new(stream);
            }
            Ok(client)
        };
    let client =
        timeout(limits.connect, opening).await.map_err(|_| ImapError::TimedOut { host: host.clone(), limit: limits.connect })??;
    let logging_in = match credential {
        Credential::Password(password) => timeout(limits.answer, client.login(login, password)).await,
        Credential::Bearer(token) => {
            timeout(limits.answer, client.authenticate("XOAUTH2", Xoauth2 { initial: Some(oauth::xoauth2(login, token)) })).await
        }
    };
    let refused = |detail: String| match credential {
        Credential::Password(_) => ImapError::LoginRefused { host: host.clone(), login: login.to_string(), detail },
        Credential::Bearer(_) => ImapError::TokenRefused { host: host.clone(), login: login.to_string(), detail },
    };
    let inner = match logging_in {
        Err(_) => return Err(ImapError::TimedOut { host, limit: limits.answer }),
        Ok(Err((Imap::No(t), _))) => return Err(refused(said(t))),
        Ok(Err((Imap::Validate(_), _))) => {
            return Err(ImapError::LoginRefused { host, login: login.to_string(), detail: "a line break in the login or password".into() })
        }
        Ok(Err((e, _))) => return Err(imap_error(&host, e)),
        Ok(Ok(session)) => session,
    };
    Ok(Session { inner, host, limits })
}

/// XOAUTH2 (Google's and Microsoft's SASL mechanism): the login and the
/// token in the first answer. A server that refuses the token sends a
/// challenge describing why (RFC 7628 §3.2.3); the empty answer to it ends
/// the exchange with the server's NO.
struct Xoauth2 {
    initial: Option<String>,
}

impl async_imap::Authenticator for Xoauth2 {
    type Response = String;

    fn process(&mut self, _challenge: &[u8]) -> String {
        self.initial.take().unwrap_or_default()
    }
}

async fn tls<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    server: Server<'_>,
    trust: &Trust,
) -> Result<tokio_rustls::client::TlsStream<S>, ImapError> {
    let host = server.host.to_string();
    let name = tls::server_name(server.host.trim_matches(['[', ']'])).ok_or_else(|| ImapError::CantConnect {
        host: host.clone(),
        port: server.port,
        detail: "not a host name".into(),
    })?;
    let connector =
        trust.connector().ok_or_else(|| ImapError::CantConnect { host: host.clone(), port: server.port, detail: "no TLS".into() })?;
    connector.connect(name, stream).await.map_err(|e| {
        let tls = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>());
        match tls {
            Some(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName))
            | Some(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForNameContext { .. })) => {
                ImapError::WrongHost { host: host.clone() }
            }
            Some(rustls::Error::InvalidCertificate(why)) => ImapError::Untrusted { host: host.clone(), detail: said(format!("{why:?}")) },
            _ => ImapError::CantConnect { host: host.clone(), port: server.port, detail: said(e) },
        }
    })
}

fn lost(host: &str, detail: impl std::fmt::Display) -> ImapError {
    ImapError::ConnectionLost { host: host.to_string(), detail: said(detail) }
}

fn imap_error(host: &str, e: Imap) -> ImapError {
    match e {
        Imap::Io(e) => lost(host, e),
        Imap::ConnectionLost => lost(host, "closed by the server"),
        Imap::No(t) | Imap::Bad(t) => ImapError::Protocol { host: host.to_string(), detail: said(t) },
        other => ImapError::Protocol { host: host.to_string(), detail: said(other) },
    }
}

/// A UID set as IMAP writes it: runs as ranges (`1:5,7,9:12`).
fn uid_set(uids: &[u32]) -> String {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            out += &start.to_string();
        } else {
            out += &format!("{start}:{end}");
        }
        i += 1;
    }
    out
}

impl Session {
    fn timed_out(&self) -> ImapError {
        ImapError::TimedOut { host: self.host.clone(), limit: self.limits.answer }
    }

    /// Every folder of the account, with the ones marked as Sent.
    pub async fn folders(&mut self) -> Result<Vec<Folder>, ImapError> {
        use async_imap::types::NameAttribute;
        let (host, limit) = (self.host.clone(), self.limits.answer);
        let timed_out = self.timed_out();
        let names = timeout(limit, self.inner.list(Some(""), Some("*"))).await.map_err(|_| timed_out)?.map_err(|e| imap_error(&host, e))?;
        let mut names = pin!(names);
        let mut out = Vec::new();
        loop {
            let name = match timeout(limit, names.as_mut().next()).await {
                Err(_) => return Err(ImapError::TimedOut { host, limit }),
                Ok(None) => break,
                Ok(Some(Err(e))) => return Err(imap_error(&host, e)),
                Ok(Some(Ok(name))) => name,
            };
            if out.len() < MAX_FOLDERS {
                let attributes = name.attributes();
                out.push(Folder {
                    name: name.name().to_string(),
                    sent: attributes.iter().any(|a| matches!(a, NameAttribute::Sent)),
                    selectable: !attributes.iter().any(|a| {
                        matches!(a, NameAttribute::NoSelect)
                            || matches!(a, NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\NonExistent"))
                    }),
                });
            }
        }
        Ok(out)
    }

    /// Opens a folder read-only (EXAMINE): reading it changes no flag.
    pub async fn examine(&mut self, folder: &str) -> Result<Opened, ImapError> {
        let cant = |detail: String| ImapError::Folder { folder: folder.to_string(), detail };
        let mailbox = match timeout(self.limits.answer, self.inner.examine(folder)).await {
            Err(_) => return Err(self.timed_out()),
            Ok(Err(Imap::No(t) | Imap::Bad(t))) => return Err(cant(said(t))),
            Ok(Err(Imap::Validate(_))) => return Err(cant("a line break in its name".into())),
            Ok(Err(e)) => return Err(imap_error(&self.host, e)),
            Ok(Ok(m)) => m,
        };
        let uid_validity = mailbox.uid_validity.ok_or_else(|| cant("the server gives its messages no lasting ids (UIDVALIDITY)".into()))?;
        Ok(Opened { uid_validity, uid_next: mailbox.uid_next, exists: mailbox.exists })
    }

    async fn search(&mut self, query: &str) -> Result<Vec<u32>, ImapError> {
        let found = match timeout(self.limits.answer, self.inner.uid_search(query)).await {
            Err(_) => return Err(self.timed_out()),
            Ok(r) => r.map_err(|e| imap_error(&self.host, e))?,
        };
        let mut uids: Vec<u32> = found.into_iter().collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// The UIDs from `first` on, in the open folder. (`first:*` names the
    /// highest UID even when it is below `first`: left out.)
    pub async fn uids_from(&mut self, first: u32) -> Result<Vec<u32>, ImapError> {
        let first = first.max(1);
        Ok(self.search(&format!("UID {first}:*")).await?.into_iter().filter(|u| *u >= first).collect())
    }

    /// The UIDs of the messages the server received on or after `day`.
    pub async fn uids_since(&mut self, day: NaiveDate) -> Result<Vec<u32>, ImapError> {
        self.search(&format!("SINCE {}", day.format("%d-%b-%Y"))).await
    }

    async fn fetch(&mut self, uids: &[u32], query: &str) -> Result<Vec<async_imap::types::Fetch>, ImapError> {
        let (host, limit) = (self.host.clone(), self.limits.answer);
        let mut out = Vec::new();
        for batch in uids.chunks(FETCH_BATCH) {
            let answers = match timeout(limit, self.inner.uid_fetch(uid_set(batch), query)).await {
                Err(_) => return Err(ImapError::TimedOut { host, limit }),
                Ok(r) => r.map_err(|e| imap_error(&host, e))?,
            };
            let mut answers = pin!(answers);
            loop {
                match timeout(limit, answers.as_mut().next()).await {
                    Err(_) => return Err(ImapError::TimedOut { host, limit }),
                    Ok(None) => break,
                    Ok(Some(Err(e))) => return Err(imap_error(&host, e)),
                    // A FETCH the server sends of its own (a flag changed elsewhere) names no UID asked for.
                    Ok(Some(Ok(f))) if f.uid.is_some_and(|u| batch.contains(&u)) => out.push(f),
                    Ok(Some(Ok(_))) => {}
                }
            }
        }
        Ok(out)
    }

    /// The headers and sizes of these messages (`BODY.PEEK[HEADER]`: no flag
    /// changes). A UID missing from the answer is simply not in the result.
    pub async fn headers(&mut self, uids: &[u32]) -> Result<Vec<Header>, ImapError> {
        let answers = self.fetch(uids, "(UID RFC822.SIZE BODY.PEEK[HEADER])").await?;
        Ok(answers
            .iter()
            .filter_map(|f| Some(Header { uid: f.uid?, size: f.size.unwrap_or(0), bytes: f.header().unwrap_or_default().to_vec() }))
            .collect())
    }

    /// The first `max` bytes of these messages (`BODY.PEEK[]<0.max>`): a
    /// 50 MB attachment costs `max` bytes, and no flag changes.
    pub async fn starts(&mut self, uids: &[u32], max: usize) -> Result<Vec<(u32, Vec<u8>)>, ImapError> {
        let answers = self.fetch(uids, &format!("(UID BODY.PEEK[]<0.{max}>)")).await?;
        Ok(answers.iter().filter_map(|f| Some((f.uid?, f.body()?.to_vec()))).collect())
    }

    /// Whether the server pushes news of a folder while the client waits (IDLE in its CAPABILITY).
    pub async fn offers_idle(&mut self) -> Result<bool, ImapError> {
        match timeout(self.limits.answer, self.inner.capabilities()).await {
            Err(_) => Err(self.timed_out()),
            Ok(Err(e)) => Err(imap_error(&self.host, e)),
            Ok(Ok(capabilities)) => Ok(capabilities.has_str("IDLE")),
        }
    }

    /// Opens `folder` read-only and waits, at most `limit`, until the server
    /// says it holds more messages than when it was opened, or `stop` is
    /// done. The IDLE is ended and issued again every [`IDLE_ROUND`], so a
    /// long wait is never logged off; a server that stops answering is given
    /// up on within a round and the answer limit. Without IDLE in the
    /// server's CAPABILITY nothing is opened and the answer is
    /// [`Idled::NotOffered`]. The session comes back for the next wait.
    pub async fn wait_for_mail(
        mut self,
        folder: &str,
        limit: Duration,
        stop: impl Future<Output = ()>,
    ) -> Result<(Session, Idled), ImapError> {
        if !self.offers_idle().await? {
            return Ok((self, Idled::NotOffered));
        }
        let mut known = self.examine(folder).await?.exists;
        let mut stop = pin!(stop);
        let until = tokio::time::Instant::now() + limit;
        loop {
            let now = tokio::time::Instant::now();
            if now >= until {
                return Ok((self, Idled::TimedOut));
            }
            let round_end = (now + IDLE_ROUND).min(until);
            let Session { inner, host, limits } = self;
            // What the server said of its own before this round is old news: the count from EXAMINE stands.
            let news = inner.unsolicited_responses.clone();
            while news.try_recv().is_ok() {}
            let mut handle = inner.idle();
            match timeout(limits.answer, handle.init()).await {
                Err(_) => return Err(ImapError::TimedOut { host, limit: limits.answer }),
                Ok(Err(e)) => return Err(imap_error(&host, e)),
                Ok(Ok(())) => {}
            }
            // Mail that came between EXAMINE and IDLE is said while IDLE begins.
            let mut ended = None;
            while let Ok(said) = news.try_recv() {
                if counted(Said::from(&said), &mut known) {
                    ended = Some(Idled::NewMail);
                }
            }
            while ended.is_none() {
                let left = round_end.saturating_duration_since(tokio::time::Instant::now());
                if left.is_zero() {
                    break;
                }
                let (wait, _interrupt) = handle.wait_with_timeout(left);
                let mut wait = pin!(wait);
                // The library's own limit restarts with each keep-alive the server sends: this one does not.
                let step = match timeout(left, futures_util::future::select(wait.as_mut(), stop.as_mut())).await {
                    Err(_) => Step::RoundOver,
                    Ok(Either::Right(_)) => Step::Stop,
                    Ok(Either::Left((Ok(IdleResponse::Timeout), _))) => Step::RoundOver,
                    // The stream ended: the server closed the connection.
                    Ok(Either::Left((Ok(IdleResponse::ManualInterrupt), _))) => return Err(lost(&host, "closed by the server")),
                    Ok(Either::Left((Ok(IdleResponse::NewData(data)), _))) => Step::Said(Said::from_response(data.parsed())),
                    Ok(Either::Left((Err(e), _))) => return Err(imap_error(&host, e)),
                };
                match step {
                    Step::RoundOver => break,
                    Step::Stop => ended = Some(Idled::Stopped),
                    Step::Said(said) => {
                        if counted(said, &mut known) {
                            ended = Some(Idled::NewMail);
                        }
                    }
                }
            }
            let inner = match timeout(limits.answer, handle.done()).await {
                Err(_) => return Err(ImapError::TimedOut { host, limit: limits.answer }),
                Ok(Err(e)) => return Err(imap_error(&host, e)),
                Ok(Ok(inner)) => inner,
            };
            self = Session { inner, host, limits };
            if let Some(ended) = ended {
                return Ok((self, ended));
            }
        }
    }

    /// Says goodbye; a server that doesn't answer is left as it is.
    pub async fn logout(mut self) {
        let _ = timeout(Duration::from_secs(2), self.inner.logout()).await;
    }
}

/// What one turn of waiting in IDLE came to.
enum Step {
    RoundOver,
    Stop,
    Said(Said),
}

/// What the server says of the open folder, as far as new mail goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    /// `* N EXISTS`: the folder holds N messages.
    Exists(u32),
    /// `* N EXPUNGE`: one message is gone.
    Expunge,
    /// Anything else (a flag changed elsewhere, RECENT, a keep-alive).
    Other,
}

impl Said {
    fn from_response(response: &Response<'_>) -> Said {
        match response {
            Response::MailboxData(MailboxDatum::Exists(n)) => Said::Exists(*n),
            Response::Expunge(_) => Said::Expunge,
            _ => Said::Other,
        }
    }
}

impl From<&UnsolicitedResponse> for Said {
    fn from(said: &UnsolicitedResponse) -> Said {
        match said {
            UnsolicitedResponse::Exists(n) => Said::Exists(*n),
            UnsolicitedResponse::Expunge(_) => Said::Expunge,
            _ => Said::Other,
        }
    }
}

/// Keeps `known` (how many messages the folder holds) up to date with what
/// the server said; whether that means new mail. A message deleted elsewhere
/// lowers the count, so the EXISTS that follows a delete is no new mail.
fn counted(said: Said, known: &mut u32) -> bool {
    match said {
        Said::Exists(n) => {
            let grew = n > *known;
            *known = n;
            grew
        }
        Said::Expunge => {
            *known = known.saturating_sub(1);
            false
        }
        Said::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_folder_that_grew_is_new_mail() {
        let mut known = 3;
        assert!(!counted(Said::Other, &mut known));
        assert!(!counted(Said::Exists(3), &mut known), "the same count again is no news");
        assert!(counted(Said::Exists(4), &mut known));
        assert!(!counted(Said::Expunge, &mut known), "a message deleted elsewhere");
        assert!(!counted(Said::Exists(3), &mut known), "the count after a delete is no new mail");
        assert_eq!(known, 3);
    }

    #[test]
    fn uid_sets_are_written_as_runs() {
        assert_eq!(uid_set(&[7, 1, 2, 3, 5, 9, 10, 3]), "1:3,5,7,9:10");
        assert_eq!(uid_set(&[42]), "42");
    }

    #[test]
    fn only_this_machine_is_loopback() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.4.5.6", "::1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["imap.gmail.com", "10.0.0.1", "localhost.example.org", "0.0.0.0", ""] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
