//! The journal's domain: plain structs and their lifecycle rules. Pure: no I/O, no clock.

pub mod availability;
pub mod calendar;
pub mod calibration;
pub mod client;
pub mod correction;
pub mod difference;
pub mod entry;
pub mod error;
pub mod feedback;
pub mod ids;
pub mod incident;
pub mod mail_account;
pub mod promise;
pub mod refusal;
pub mod request;
pub mod settings;
pub mod signal;
pub mod text;
pub mod time;

pub use client::{Client, ClientPatch, ClientStatus, Register};
pub use correction::{EntryPatch, Event, EventPatch, EventRef};
pub use entry::{Channel, Details, Direction, Entry, Interaction};
pub use error::DomainError;
pub use feedback::{Cause, Feedback, Score, Stage};
pub use ids::{ClientId, EntryId};
pub use incident::{Incident, IncidentSeverity, NoticedBy, RecoveryStep};
pub use mail_account::{MailAccount, OAuthProvider, OAuthSettings, Security, SignInMethod};
pub use promise::{Promise, PromiseStatus, RescheduleCause, SetBy};
pub use refusal::{Code, Refusal};
pub use request::{Closing, Request, RequestStatus};
pub use settings::{Language, Settings};
pub use signal::{Severity, SignalKind};
pub use time::Due;
