//! The token endpoint (RFC 6749 §4.1.3 and §6): a code or a refresh token in,
//! an access token out. The answer is the network's, so it is read bounded
//! and only its expected fields are taken.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;

use super::{Client, OAuthError, Provider, Result};

/// A token answer is a few kilobytes.
const MAX_ANSWER: u64 = 64 * 1024;

/// A bearer credential: never printed, never in an error.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub access: Token,
    /// Kept in the keychain to sign in again without the browser.
    pub refresh: Option<Token>,
    pub expires_at: DateTime<Utc>,
}

impl Tokens {
    /// See [`fresh_until`].
    pub fn fresh_at(&self, now: DateTime<Utc>) -> bool {
        fresh_until(self.expires_at, now)
    }
}

/// Whether an access token that expires at `expires_at` still has a minute
/// to live at `now`: a sync must not start with one that dies halfway
/// through logging in.
pub fn fresh_until(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now + TimeDelta::minutes(1) < expires_at
}

#[derive(Deserialize)]
struct Granted {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
}

#[derive(Deserialize)]
struct Refused {
    error: String,
}

pub(super) fn exchange(
    provider: &Provider,
    client: &Client,
    code: &str,
    verifier: &str,
    redirect: &str,
    now: DateTime<Utc>,
) -> Result<Tokens> {
    let form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier)];
    post(provider, client, &form, now)
}

pub(super) fn refresh(provider: &Provider, client: &Client, refresh: &Token, now: DateTime<Utc>) -> Result<Tokens> {
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh.expose())];
    let mut tokens = post(provider, client, &form, now)?;
    // Providers may keep the refresh token as it was and not send it again.
    tokens.refresh.get_or_insert_with(|| refresh.clone());
    Ok(tokens)
}

fn post(provider: &Provider, client: &Client, form: &[(&str, &str)], now: DateTime<Utc>) -> Result<Tokens> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        // Redirects would carry the code elsewhere; the answer is read whatever its status.
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    fields.push(("client_id", &client.id));
    if let Some(secret) = &client.secret {
        fields.push(("client_secret", secret));
    }
    let mut answer = agent
        .post(&provider.token)
        .header("Accept", "application/json")
        .send_form(fields)
        .map_err(|e| OAuthError::Unreachable(e.to_string()))?;
    let status = answer.status().as_u16();
    let body = answer.body_mut().with_config().limit(MAX_ANSWER).read_to_vec().map_err(|e| OAuthError::Unreachable(e.to_string()))?;
    if (200..300).contains(&status) {
        let granted: Granted = serde_json::from_slice(&body).map_err(|e| OAuthError::BadAnswer(e.to_string()))?;
        if granted.access_token.is_empty() {
            return Err(OAuthError::BadAnswer("no access token".into()));
        }
        // One hour when the provider does not say; never a negative or endless life.
        let life = granted.expires_in.unwrap_or(3600).clamp(0, 366 * 86_400);
        return Ok(Tokens {
            access: Token(granted.access_token),
            refresh: granted.refresh_token.filter(|r| !r.is_empty()).map(Token),
            expires_at: now + TimeDelta::seconds(life),
        });
    }
    match serde_json::from_slice::<Refused>(&body) {
        // The refresh token expired, was revoked, or the password changed (RFC 6749 §5.2).
        Ok(r) if r.error == "invalid_grant" => Err(OAuthError::SignInAgain),
        Ok(r) => Err(OAuthError::Refused(r.error.chars().filter(|c| c.is_ascii_graphic()).take(64).collect())),
        Err(_) => Err(OAuthError::BadAnswer(format!("HTTP {status}"))),
    }
}
