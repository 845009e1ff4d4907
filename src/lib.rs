//! Trato's core: the journal of client relationships, its storage and its rules.
//! It knows nothing of the desktop shell; the CLI and the app are both its users.

pub mod backup;
pub mod contacts;
pub mod data_file;
pub mod demo;
pub mod domain;
pub mod export;
pub mod importing;
pub mod insights;
pub mod interchange;
pub mod journal;
pub mod mail;
pub mod mailbox;
pub mod reminders;
pub mod reminding;
pub mod search;
pub mod session;
pub mod signals;
pub mod store;
pub mod summary;
pub mod system;
pub mod trust;
