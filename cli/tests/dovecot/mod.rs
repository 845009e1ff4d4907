//! A real Dovecot (Debian's `dovecot-imapd`) for the IMAP tests: one server
//! per test binary, started on free loopback ports from a temporary folder
//! with a throwaway certificate, each test its own user. A watcher started
//! beside it stops it (and removes its folder) when the test binary exits,
//! however it exits. Mail is put in with `doveadm save`, flags read with
//! `doveadm fetch`; a proxy between Trato and Dovecot slows the answers or
//! cuts the connection on demand. Beside the static passwords, Dovecot's
//! oauth2 passdb takes XOAUTH2: it asks a small introspection endpoint here
//! whether an access token is good, and the tests say which are
//! ([`Dovecot::grant`]), as a provider that issued them would.
//!
//! Dovecot missing is a failure that says how to install it, never a skip.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct Dovecot {
    root: PathBuf,
    conf: PathBuf,
    /// Plain IMAP (and STARTTLS) on 127.0.0.1.
    pub port: u16,
    /// IMAP over TLS on 127.0.0.1.
    pub tls_port: u16,
    /// The authority of the server's throwaway certificate (made out to 127.0.0.1 only), to trust through SSL_CERT_FILE.
    pub cert: PathBuf,
    /// The access tokens the introspection endpoint vouches for, with their login.
    tokens: Arc<Mutex<HashMap<String, String>>>,
}

/// The one server of this test binary.
pub fn server() -> &'static Dovecot {
    static SERVER: OnceLock<Dovecot> = OnceLock::new();
    SERVER.get_or_init(Dovecot::start)
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Dovecot {
    fn start() -> Dovecot {
        if Command::new("dovecot").arg("--version").output().is_err() || Command::new("doveadm").arg("-h").output().is_err() {
            panic!("the IMAP tests run a real Dovecot: install it with `sudo apt-get install dovecot-imapd` (`make test` does)");
        }
        let root = tempfile::Builder::new().prefix("trato-dovecot-").tempdir().unwrap().keep();
        let root_text = root.display().to_string();
        // Dovecot's mail processes run as the mail user: it must reach its home under the folder.
        run(Command::new("chmod").args(["755", &root_text]));
        let as_root = run(Command::new("id").arg("-u")).trim() == "0";
        let (user, group) = if as_root {
            ("nobody".to_string(), "nogroup".to_string())
        } else {
            (run(Command::new("id").arg("-un")).trim().to_string(), run(Command::new("id").arg("-gn")).trim().to_string())
        };
        let home = root.join("home");
        std::fs::create_dir_all(&home).unwrap();
        if as_root {
            run(Command::new("chown").args([&format!("{user}:{group}"), &home.display().to_string()]));
        }
        // A throwaway authority and a certificate it signs for 127.0.0.1 only (a
        // self-signed certificate is an authority, which rustls rightly refuses as a server's).
        let path = |name: &str| root.join(name).display().to_string();
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        run(Command::new("openssl").args(["req", "-x509"]).args(ec).args(["-days", "2", "-subj", "/CN=Trato test authority"]).args([
            "-keyout",
            &path("ca.key"),
            "-out",
            &path("ca.pem"),
        ]));
        run(Command::new("openssl").args(["req"]).args(ec).args([
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            &path("key.pem"),
            "-out",
            &path("cert.csr"),
        ]));
        std::fs::write(root.join("cert.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
        run(Command::new("openssl").args(["x509", "-req", "-days", "2", "-in", &path("cert.csr"), "-CA", &path("ca.pem")]).args([
            "-CAkey",
            &path("ca.key"),
            "-CAcreateserial",
            "-extfile",
            &path("cert.ext"),
            "-out",
            &path("cert.pem"),
        ]));
        let cert = root.join("ca.pem");
        let (port, tls_port) = (free_port(), free_port());
        let tokens = Arc::new(Mutex::new(HashMap::new()));
        let introspection = introspection(tokens.clone());
        std::fs::write(
            root.join("oauth2.conf.ext"),
            format!(
                "introspection_mode = auth\nintrospection_url = http://127.0.0.1:{introspection}/userinfo\nusername_attribute = email\n"
            ),
        )
        .unwrap();
        let conf = root.join("dovecot.conf");
        std::fs::write(
            &conf,
            format!(
                r#"base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{r}/cert.pem
ssl_key = <{r}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
# Every user's password is secret-NAME (NAME: the login before its @): a test
# makes a user by logging in as one, with no file to rewrite while the server runs.
passdb {{
  driver = static
  args = password=secret-%n
  mechanisms = plain login
}}
# An access token is good when the introspection endpoint answers for it with the login's address.
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {r}/oauth2.conf.ext
}}
# Every user exists: a user lookup (doveadm's) asks no passdb, which the oauth2 one could not answer.
userdb {{
  driver = static
  args = uid={user} gid={group} home={r}/home/%u allow_all_users=yes
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"#,
                r = root_text
            ),
        )
        .unwrap();
        // Dovecot in the foreground under a watcher: when this test binary is
        // gone, the watcher stops Dovecot and removes the folder.
        let watcher = r#"dovecot -F -c "$1" & d=$!
while kill -0 "$2" 2>/dev/null && kill -0 "$d" 2>/dev/null; do sleep 0.2; done
doveadm -c "$1" stop 2>/dev/null; kill "$d" 2>/dev/null; wait "$d" 2>/dev/null; rm -rf "$3""#;
        // Never waited for: the watcher outlives this binary on purpose, to stop Dovecot after it.
        #[allow(clippy::zombie_processes)]
        Command::new("sh")
            .args(["-c", watcher, "sh", &conf.display().to_string(), &std::process::id().to_string(), &root_text])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() || TcpStream::connect(("127.0.0.1", tls_port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                let log = std::fs::read_to_string(root.join("dovecot.log")).unwrap_or_default();
                panic!("Dovecot did not start listening on {port} and {tls_port} in 20 s; its log:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Dovecot { root, conf, port, tls_port, cert, tokens }
    }

    pub fn doveadm(&self, args: &[&str]) -> String {
        run(Command::new("doveadm").arg("-c").arg(&self.conf).args(args))
    }

    /// A user of the server, new to it (the login is `name@studio.example`), with its password.
    pub fn user(&self, name: &str) -> (String, String) {
        (format!("{name}@studio.example"), format!("secret-{name}"))
    }

    /// Puts a message in a folder (created if needed); gives its UID.
    pub fn save(&self, login: &str, folder: &str, message: &str) -> u32 {
        if folder != "INBOX" && folder != "Sent" {
            let listed = self.doveadm(&["mailbox", "list", "-u", login]);
            if !listed.lines().any(|l| l == folder) {
                self.doveadm(&["mailbox", "create", "-u", login, folder]);
            }
        }
        let mut child = Command::new("doveadm")
            .arg("-c")
            .arg(&self.conf)
            .args(["save", "-u", login, "-m", folder])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(message.replace('\n', "\r\n").as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "doveadm save: {}", String::from_utf8_lossy(&out.stderr));
        self.uids(login, folder).into_iter().max().expect("the message saved")
    }

    pub fn uids(&self, login: &str, folder: &str) -> Vec<u32> {
        self.doveadm(&["fetch", "-u", login, "uid", "mailbox", folder, "all"])
            .lines()
            .filter_map(|l| l.strip_prefix("uid: "))
            .map(|u| u.trim().parse().unwrap())
            .collect()
    }

    /// Every message's UID and flags in a folder, as Dovecot keeps them.
    pub fn flags(&self, login: &str, folder: &str) -> Vec<String> {
        let out = self.doveadm(&["fetch", "-u", login, "uid flags", "mailbox", folder, "all"]);
        // \Recent belongs to a session, not to the message: doveadm's own look clears it.
        out.split('\u{c}')
            .map(|m| m.split_whitespace().filter(|w| *w != "\\Recent").collect::<Vec<_>>().join(" "))
            .filter(|m| !m.is_empty())
            .collect()
    }

    pub fn mark_seen(&self, login: &str, folder: &str, uid: u32) {
        self.doveadm(&["flags", "add", "-u", login, "\\Seen", "mailbox", folder, "uid", &uid.to_string()]);
    }

    /// Renumbers a folder, as a server does after a restore: every UID known of it is void.
    pub fn reset_uid_validity(&self, login: &str, folder: &str, value: u32) {
        self.doveadm(&["mailbox", "update", "-u", login, "--uid-validity", &value.to_string(), folder]);
    }

    /// Makes `token` an access token of `login` that the server takes, as a
    /// provider's introspection would.
    pub fn grant(&self, token: &str, login: &str) {
        self.tokens.lock().unwrap().insert(token.to_string(), login.to_string());
    }

    /// The provider withdrew `token`: the server no longer takes it.
    pub fn revoke(&self, token: &str) {
        self.tokens.lock().unwrap().remove(token);
    }

    /// The server's log, to say why a test failed.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.join("dovecot.log")).unwrap_or_default()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// The introspection endpoint Dovecot's oauth2 passdb asks (`introspection_mode
/// = auth`: a GET with the token as `Authorization: Bearer`): the token's login
/// as `email` when it is granted, 401 otherwise. Gives its port.
fn introspection(tokens: Arc<Mutex<HashMap<String, String>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&got).into_owned();
            let bearer = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.trim().eq_ignore_ascii_case("authorization").then(|| value.trim().strip_prefix("Bearer ").map(str::to_string))?
            });
            let login = bearer.and_then(|t| tokens.lock().unwrap().get(&t).cloned());
            let (status, body) = match login {
                Some(login) => ("200 OK", format!(r#"{{"email":"{login}","active":true}}"#)),
                None => ("401 Unauthorized", r#"{"error":"invalid_token"}"#.to_string()),
            };
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    port
}

/// A loopback proxy in front of Dovecot: it can slow the server's answers
/// (so that a test can act mid-sync) and cut every connection on demand (a
/// server that drops the connection mid-FETCH).
pub struct Proxy {
    pub port: u16,
    cut: Arc<AtomicBool>,
    /// Bytes the server sent through it.
    pub sent: Arc<AtomicUsize>,
}

impl Proxy {
    /// `pause`: how long each 4 KiB of the server's answers waits.
    pub fn start(target: u16, pause: Duration) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicUsize::new(0));
        let (c, s) = (cut.clone(), sent.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else { continue };
                let (c1, c2, s2) = (c.clone(), c.clone(), s.clone());
                let (client2, server2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || pump(client, server, &c1, None, Duration::ZERO));
                std::thread::spawn(move || pump(server2, client2, &c2, Some(&s2), pause));
            }
        });
        Proxy { port, cut, sent }
    }

    /// Cuts every connection now, mid-answer.
    pub fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
    }
}

fn pump(mut from: TcpStream, mut to: TcpStream, cut: &AtomicBool, count: Option<&AtomicUsize>, pause: Duration) {
    from.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        if cut.load(Ordering::SeqCst) {
            break;
        }
        match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                std::thread::sleep(pause);
                if cut.load(Ordering::SeqCst) || to.write_all(&buf[..n]).is_err() {
                    break;
                }
                if let Some(c) = count {
                    c.fetch_add(n, Ordering::SeqCst);
                }
            }
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
