//! The keychain against a real Secret Service: GNOME Keyring's daemon on a
//! session bus of the test's own (dbus-daemon with a temporary configuration),
//! its login keyring created and unlocked with a test password in a temporary
//! home, so the user's own keyring is never touched. Both daemons are stopped
//! when the test ends. Needs Debian's `dbus` and `gnome-keyring` (`make test`
//! installs them); without them the test fails and says so.

use std::os::unix::net::UnixListener;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use trato::system::keychain::{self, KeychainError, NoKeychain, Secret};

mod keyring;

use keyring::{Bus, Keyring};

/// Both tests point the process's session bus somewhere of their own.
static BUS: Mutex<()> = Mutex::new(());

fn recalled(account: &str) -> Option<String> {
    keychain::recall(account).expect("the keychain answers").map(|s| s.expose().to_string())
}

#[test]
fn each_account_s_password_is_kept_given_back_replaced_and_forgotten_and_a_locked_keychain_refuses() {
    let _bus = BUS.lock().unwrap_or_else(|e| e.into_inner());
    let keyring = Keyring::start();
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &keyring.bus.address);

    assert_eq!(recalled("work"), None, "a fresh keychain keeps nothing for Trato");
    keychain::remember("work", &Secret::new("first password")).unwrap();
    assert_eq!(recalled("work").as_deref(), Some("first password"));
    assert_eq!(keyring.labels("work"), ["Trato: mail account work"], "one item, named as a person recognises it");

    keychain::remember("home@example.org", &Secret::new("contraseña ñ € 🔑")).unwrap();
    assert_eq!(recalled("home@example.org").as_deref(), Some("contraseña ñ € 🔑"), "any text comes back as it was");
    assert_eq!(recalled("work").as_deref(), Some("first password"), "a second account is kept apart from the first");

    keychain::remember("work", &Secret::new("second password")).unwrap();
    assert_eq!(recalled("work").as_deref(), Some("second password"), "remembering again replaces the password");
    assert_eq!(keyring.labels("work").len(), 1, "replaced, not kept beside the old one");

    let shown = format!("{:?}", keychain::recall("work"));
    assert!(!shown.contains("second password"), "a recalled password never shows in debug output: {shown}");

    assert_eq!(keychain::forget("work"), Ok(true));
    assert_eq!(recalled("work"), None, "forgotten");
    assert!(keyring.labels("work").is_empty(), "the item is gone from the keychain");
    assert_eq!(keychain::forget("work"), Ok(false), "forgetting what is not kept says so");
    assert_eq!(recalled("home@example.org").as_deref(), Some("contraseña ñ € 🔑"), "forgetting one account leaves the other");

    // Locked (as after a screen lock with "lock the keyring" set): unlocking needs a prompt,
    // and there is no one to answer it here, so the call is refused, not hung, and says why.
    keyring.bus.ask(&[
        "--dest=org.freedesktop.secrets",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.Lock",
        "array:objpath:/org/freedesktop/secrets/collection/login",
    ]);
    let started = Instant::now();
    missing(keychain::recall("home@example.org"), NoKeychain::Locked);
    missing(keychain::remember("work", &Secret::new("never written")), NoKeychain::Locked);
    assert!(started.elapsed() < Duration::from_secs(10), "a locked keyring is refused without a hang, took {:?}", started.elapsed());
}

fn missing(result: Result<impl std::fmt::Debug, KeychainError>, why: NoKeychain) {
    match result {
        Err(KeychainError::Unavailable { why: found, detail }) => {
            assert_eq!(found, why, "{detail}");
            assert!(!detail.contains("never written"), "a password never appears in an error: {detail}");
        }
        other => panic!("expected no keychain ({why:?}), got {other:?}"),
    }
}

#[test]
fn without_a_secret_service_every_call_refuses_at_once_and_a_silent_bus_within_seconds() {
    let _bus = BUS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let secret = Secret::new("never written");

    // No session bus at all.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", dir.path().join("nobody-here").display()));
    let started = Instant::now();
    missing(keychain::remember("work", &secret), NoKeychain::Missing);
    missing(keychain::recall("work"), NoKeychain::Missing);
    missing(keychain::forget("work"), NoKeychain::Missing);
    assert!(started.elapsed() < Duration::from_secs(1), "no bus is known at once, took {:?}", started.elapsed());

    // A session bus with no Secret Service on it (no keyring daemon, none to start).
    let bus = Bus::start(dir.path());
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let started = Instant::now();
    missing(keychain::remember("work", &secret), NoKeychain::Missing);
    missing(keychain::recall("work"), NoKeychain::Missing);
    assert!(started.elapsed() < Duration::from_secs(2), "no Secret Service is known at once, took {:?}", started.elapsed());
    drop(bus);

    // A bus that accepts the connection and never answers: refused, not hung.
    let socket = dir.path().join("silent");
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        // Holds the connection open without a word, as a hung service would.
        let held: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(Duration::from_secs(10));
        drop(held);
    });
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", socket.display()));
    let started = Instant::now();
    missing(keychain::recall("work"), NoKeychain::Silent);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "a silent bus must not hang a call, took {took:?}");
}
