//! An IMAP account the journal reads client mail from: where the server is,
//! how the connection is protected, whose login it is, which folders are read,
//! and how its last sync went. Never its password: that lives in the system's
//! keychain or is asked each time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How the connection to the server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// TLS from the first byte (IMAPS, port 993): what Gmail and most providers offer.
    Tls,
    /// A plain connection upgraded with STARTTLS before logging in (port 143).
    Starttls,
    /// No encryption: only to a server on this machine (loopback), where nothing crosses a network.
    Plain,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::Plain => "plain",
        }
    }

    pub fn parse(s: &str) -> Option<Security> {
        [Security::Tls, Security::Starttls, Security::Plain].into_iter().find(|x| x.as_str() == s)
    }

    /// The port a server listens on for this security when none is given.
    pub fn default_port(self) -> u16 {
        match self {
            Security::Tls => 993,
            Security::Starttls | Security::Plain => 143,
        }
    }
}

/// An account as kept in the journal.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct MailAccount {
    /// The user's name for it, unique in the journal.
    pub name: String,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub login: String,
    /// The folders read; empty: the inbox and the folder the server marks as Sent.
    pub folders: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_sync_at: Option<DateTime<Utc>>,
    /// How the last sync ended: `ok`, or the code of the refusal it met.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_outcome: Option<String>,
}

/// The longest account name, host, login or folder name kept.
pub const MAX_ACCOUNT_TEXT: usize = 255;
