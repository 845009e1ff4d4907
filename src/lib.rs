//! Trato's core: the journal of client relationships, its storage and its rules.
//! It knows nothing of the desktop shell; the CLI and the app are both its users.
//! Its rooms, bottom up, as ARCHITECTURE.md draws them: each uses only those below.

// The domain: plain types, time, text, settings, refusals.
pub mod domain;

// The rules: pure functions over domain values, with `now` passed in.
pub mod calibration;
pub mod contacts;
pub mod data_file;
pub mod mail;
pub mod recovery;
pub mod reminders;
pub mod signals;
pub mod summary;
pub mod trust;

// The store: SQL, migrations, the one SQLite file; and the outside the core
// talks to: an IMAP server read only, a mail provider's sign-in.
pub mod imap;
pub mod oauth;
pub mod store;

// The use cases: what a person does with a journal, each one transaction.
pub mod journal;

// What the system says (its zone, its language, its keychain): read by the faces only.
pub mod system;
