//! Who signs the user in: the provider's two addresses and what Trato asks of
//! it, and the client id the user registered with it (a setting: Trato ships
//! none, and a desktop app's "secret" is no secret, RFC 8252 §8.5).

use serde::{Deserialize, Serialize};
use url::Url;

use super::{OAuthError, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// The page the browser opens.
    pub authorize: String,
    /// Where the code and refresh tokens are traded for tokens.
    pub token: String,
    /// What Trato asks for: IMAP access, and a refresh token.
    pub scope: String,
    /// Google gives a refresh token only at the first consent unless asked
    /// again, so an account added back would have none (MAIL-NOTES.md).
    #[serde(default)]
    pub ask_consent: bool,
}

/// The app registered with the provider, as the user configured it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: String,
    /// Google's "desktop app" clients come with one; it is not secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Provider {
    /// Gmail. IMAP has no narrower scope than the whole mailbox; Trato still
    /// only ever EXAMINEs and PEEKs.
    pub fn google() -> Provider {
        Provider {
            authorize: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            token: "https://oauth2.googleapis.com/token".into(),
            scope: "https://mail.google.com/".into(),
            ask_consent: true,
        }
    }

    /// Outlook.com and Microsoft 365 (any tenant).
    pub fn microsoft() -> Provider {
        Provider {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize".into(),
            token: "https://login.microsoftonline.com/common/oauth2/v2.0/token".into(),
            scope: "https://outlook.office.com/IMAP.AccessAsUser.All offline_access".into(),
            ask_consent: false,
        }
    }

    /// Both addresses are https: a code or a token never crosses the network
    /// in the clear. Plain http is let through to this machine's loopback only.
    pub fn check(&self) -> Result<()> {
        for address in [&self.authorize, &self.token] {
            let ok = Url::parse(address).is_ok_and(|u| match u.scheme() {
                "https" => u.host().is_some(),
                "http" => is_loopback(&u),
                _ => false,
            });
            if !ok {
                return Err(OAuthError::NotHttps(address.chars().take(200).collect()));
            }
        }
        Ok(())
    }

    pub(super) fn authorization_url(&self, client: &Client, redirect: &str, challenge: &str, state: &str, login: Option<&str>) -> String {
        let mut url = match Url::parse(&self.authorize) {
            Ok(u) => u,
            // `check` ran first; an address it let through parses.
            Err(_) => return self.authorize.clone(),
        };
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", &client.id)
                .append_pair("redirect_uri", redirect)
                .append_pair("scope", &self.scope)
                .append_pair("state", state)
                .append_pair("code_challenge", challenge)
                .append_pair("code_challenge_method", "S256");
            if self.ask_consent {
                q.append_pair("access_type", "offline").append_pair("prompt", "consent");
            }
            if let Some(login) = login {
                q.append_pair("login_hint", login);
            }
        }
        url.into()
    }
}

fn is_loopback(u: &Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine() {
        assert!(Provider::google().check().is_ok());
        assert!(Provider::microsoft().check().is_ok());
        let with = |token: &str| Provider { token: token.into(), ..Provider::google() };
        assert!(with("http://127.0.0.1:8080/token").check().is_ok());
        assert!(with("http://localhost/token").check().is_ok());
        for bad in ["http://oauth.example/token", "ftp://oauth.example/token", "token", "https://"] {
            assert!(matches!(with(bad).check(), Err(OAuthError::NotHttps(_))), "{bad}");
        }
    }

    #[test]
    fn the_address_asks_for_a_code_with_pkce_and_a_refresh_token() {
        let client = Client { id: "trato-app.example".into(), secret: None };
        let url = Provider::google().authorization_url(&client, "http://127.0.0.1:4000/", "CH", "ST", Some("ana@gmail.example"));
        let url = Url::parse(&url).unwrap();
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "trato-app.example");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:4000/");
        assert_eq!(q["code_challenge"], "CH");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["state"], "ST");
        assert_eq!(q["scope"], "https://mail.google.com/");
        assert_eq!(q["prompt"], "consent");
        assert_eq!(q["access_type"], "offline");
        assert_eq!(q["login_hint"], "ana@gmail.example");
        let ms = Provider::microsoft().authorization_url(&client, "http://127.0.0.1:4000/", "CH", "ST", None);
        assert!(!ms.contains("prompt="), "Microsoft gives refresh tokens with offline_access: {ms}");
        assert!(ms.contains("offline_access"));
    }
}
