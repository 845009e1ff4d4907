//! Client mail, read: one message parsed into what the journal needs, whose
//! it is (by the clients' stored addresses only), whether a person wrote it,
//! and what it becomes in the thread it belongs to. Pure: no files, no clock.

pub mod becomes;
pub mod mbox;
pub mod message;
pub mod parties;
pub mod schedule;

pub use becomes::{becomes, Becomes, ThreadState};
pub use message::{read, DateNote, Machine, Message, Unreadable};
pub use parties::{client_domain, fold, is_free_mail, AddressBook, NotAClientDomain, Sides};
