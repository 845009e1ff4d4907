//! Signing in to a mail provider with OAuth 2.0 as a native app (RFC 8252),
//! for the providers that no longer take a password over IMAP (Outlook.com,
//! Microsoft 365) and for Gmail without an app password. The system browser
//! shows the provider's own page; the provider sends the browser back to a
//! port on this machine's loopback; the code it carries is exchanged for
//! tokens with PKCE (RFC 7636), so whoever sees the redirect can't use it.
//! IMAP then logs in with XOAUTH2 and the access token.
//!
//! This module only moves bytes and checks them. Which account signs in, and
//! where its refresh token is kept (the keychain, never the journal), is
//! decided above it; what the browser is told afterwards is worded by the face.

mod loopback;
mod pkce;
mod provider;
mod token;

pub use loopback::{Landing, Redirect};
pub use pkce::Pkce;
pub use provider::{Client, Provider};
pub use token::{fresh_until, Token, Tokens};

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::domain::{Code, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("{0} is not an https address")]
    NotHttps(String),
    #[error("no port on the loopback to bring the browser back to: {0}")]
    NoLoopback(std::io::Error),
    #[error("no randomness from the system: {0}")]
    NoRandomness(String),
    #[error("the sign-in was not finished in the browser in time")]
    TimedOut,
    #[error("the sign-in was cancelled")]
    Cancelled,
    #[error("the browser came back from another sign-in than this one")]
    StateMismatch,
    #[error("the provider did not let Trato in: {0}")]
    Denied(String),
    #[error("the provider refused the sign-in: {0}")]
    Refused(String),
    #[error("the sign-in has expired or was withdrawn: sign in again")]
    SignInAgain,
    #[error("the provider can't be reached: {0}")]
    Unreachable(String),
    #[error("the provider's answer could not be read: {0}")]
    BadAnswer(String),
}

impl OAuthError {
    pub fn refusal(&self) -> Refusal {
        match self {
            OAuthError::NotHttps(url) => Refusal::new(Code::SignInNotHttps).value(url),
            OAuthError::NoLoopback(e) => Refusal::new(Code::SignInNoLoopback).detail(e),
            OAuthError::NoRandomness(e) => Refusal::new(Code::SignInNoRandomness).detail(e),
            OAuthError::TimedOut => Refusal::new(Code::SignInTimedOut),
            OAuthError::Cancelled => Refusal::new(Code::SignInCancelled),
            OAuthError::StateMismatch => Refusal::new(Code::SignInStateMismatch),
            OAuthError::Denied(why) => Refusal::new(Code::SignInDenied).value(why),
            OAuthError::Refused(why) => Refusal::new(Code::SignInRefused).value(why),
            OAuthError::SignInAgain => Refusal::new(Code::SignInAgain),
            OAuthError::Unreachable(e) => Refusal::new(Code::SignInUnreachable).detail(e),
            OAuthError::BadAnswer(e) => Refusal::new(Code::SignInBadAnswer).detail(e),
        }
    }
}

pub type Result<T, E = OAuthError> = std::result::Result<T, E>;

/// A sign-in under way: the address to open in the browser, and what is
/// needed to finish it when the browser comes back.
#[derive(Debug)]
pub struct SignIn {
    /// The provider's page, to open in the user's browser.
    pub url: String,
    provider: Provider,
    client: Client,
    redirect: Redirect,
    pkce: Pkce,
    state: String,
}

impl SignIn {
    /// Opens the loopback port and builds the provider's address. `login`
    /// pre-fills the account on the provider's page.
    pub fn start(provider: &Provider, client: &Client, login: Option<&str>) -> Result<SignIn> {
        provider.check()?;
        let redirect = Redirect::open()?;
        let pkce = Pkce::new()?;
        let state = pkce::unguessable()?;
        let url = provider.authorization_url(client, &redirect.uri(), &pkce.challenge, &state, login);
        Ok(SignIn { url, provider: provider.clone(), client: client.clone(), redirect, pkce, state })
    }

    /// Waits (at most `within`, or until `stop` is set) for the browser to
    /// come back, then trades its code for tokens dated from `now`.
    pub fn finish(self, within: Duration, stop: &AtomicBool, landing: &Landing, now: DateTime<Utc>) -> Result<Tokens> {
        let uri = self.redirect.uri();
        let code = self.redirect.wait(&self.state, within, stop, landing)?;
        token::exchange(&self.provider, &self.client, &code, &self.pkce.verifier, &uri, now)
    }
}

/// New tokens for an account signed in before, from its refresh token.
/// A refresh token the provider no longer honours gives `SignInAgain`.
pub fn refresh(provider: &Provider, client: &Client, refresh: &Token, now: DateTime<Utc>) -> Result<Tokens> {
    provider.check()?;
    token::refresh(provider, client, refresh, now)
}

/// The XOAUTH2 initial response (Google's and Microsoft's SASL mechanism),
/// before base64, which the IMAP client adds.
pub fn xoauth2(login: &str, access: &Token) -> String {
    format!("user={login}\x01auth=Bearer {}\x01\x01", access.expose())
}
