//! An IMAP account the journal reads client mail from: where the server is,
//! how the connection is protected, whose login it is, which folders are read,
//! how it signs in, and how its last sync went. Never its password nor its
//! OAuth refresh token: those live in the system's keychain or are asked
//! each time.

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
    /// How it signs in: with a password, or through the provider's page (OAuth).
    pub sign_in: SignInMethod,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_sync_at: Option<DateTime<Utc>>,
    /// How the last sync ended: `ok`, or the code of the refusal it met.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_outcome: Option<String>,
}

/// How an account proves who it is to its server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignInMethod {
    /// A password (or an app password), typed or kept in the keychain.
    Password,
    /// The provider's own page in the browser (OAuth 2.0), then XOAUTH2.
    Oauth(OAuthSettings),
}

/// What an OAuth account signs in with; nothing secret (the refresh token and
/// a client secret are the keychain's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct OAuthSettings {
    pub provider: OAuthProvider,
    /// The app the user registered with the provider: Trato ships none.
    pub client_id: String,
}

/// Who signs the user in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OAuthProvider {
    /// Gmail and Google Workspace.
    Google,
    /// Outlook.com and Microsoft 365.
    Microsoft,
    /// Any other provider, by its two addresses and the scope it grants IMAP with.
    Custom { authorize_url: String, token_url: String, scope: String },
}

impl OAuthProvider {
    /// As kept in the journal and typed after `--oauth`.
    pub fn as_str(&self) -> &'static str {
        match self {
            OAuthProvider::Google => "google",
            OAuthProvider::Microsoft => "microsoft",
            OAuthProvider::Custom { .. } => "custom",
        }
    }

    /// The IMAP server of a known provider (TLS on 993).
    pub fn imap_host(&self) -> Option<&'static str> {
        match self {
            OAuthProvider::Google => Some("imap.gmail.com"),
            OAuthProvider::Microsoft => Some("outlook.office365.com"),
            OAuthProvider::Custom { .. } => None,
        }
    }
}

/// The longest account name, host, login or folder name kept.
pub const MAX_ACCOUNT_TEXT: usize = 255;
