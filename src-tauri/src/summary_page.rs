//! The `summary:` scheme: the printable summary as a document of its own, so
//! that the Summary screen can show it in a frame and a print window can print
//! it, each under the document's own strict CSP (no script at all, only its
//! inline styles), while the app's CSP stays without 'unsafe-inline'.
//!
//! `summary://localhost/CLIENT_ID?period=all|3m|6m|12m&lang=en|es&for=provider|client`

use serde::de::DeserializeOwned;
use tauri::http::{header, Response, StatusCode, Uri};
use tauri::{AppHandle, Manager, Runtime};
use trato::domain::{ClientId, Code, Language};
use trato::summary::{Audience, Period};

use crate::error::IpcError;
use crate::journal::Shared;

pub const SCHEME: &str = "summary";

/// What a summary URL asks for.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub client: ClientId,
    pub period: Period,
    pub lang: Option<Language>,
    pub audience: Audience,
}

/// The URL of a client's summary, as the frame and the print window load it.
pub fn url(request: &Request) -> String {
    let mut url = format!("{SCHEME}://localhost/{}?period={}", request.client, request.period.as_str());
    if let Some(lang) = request.lang {
        url.push_str(match lang {
            Language::Es => "&lang=es",
            Language::En => "&lang=en",
        });
    }
    if request.audience == Audience::Client {
        url.push_str("&for=client");
    }
    url
}

/// A word of the URL as the enum it names, spelled as in JSON.
fn word<T: DeserializeOwned>(name: &str, value: &str) -> Result<T, IpcError> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| IpcError::new(Code::BadSummaryUrl, format!("a summary's {name} can't be {value:?}")).on(name))
}

pub fn parse(uri: &Uri) -> Result<Request, IpcError> {
    let id = uri.path().trim_start_matches('/');
    let client = word::<ClientId>("client", id)?;
    let mut request = Request { client, period: Period::All, lang: None, audience: Audience::Provider };
    for pair in uri.query().unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "period" => request.period = word("period", value)?,
            "lang" => request.lang = Some(word("language", value)?),
            "for" => request.audience = word("reader", value)?,
            // Other keys (a cache-buster) change nothing.
            _ => {}
        }
    }
    Ok(request)
}

/// The document for `request`, worded in the journal's language unless the URL names one.
pub async fn html(journal: &Shared, request: Request) -> Result<String, IpcError> {
    journal
        .run(move |store, clock| {
            let lang = match request.lang {
                Some(lang) => lang,
                None => clock.lang,
            };
            let summary = trato::journal::insights::summary(store, clock, request.client, request.period, request.audience)?;
            Ok::<_, trato::journal::JournalError>(trato::summary::html(&summary, lang))
        })
        .await
}

/// Answers one request of the scheme: the document, or a short page saying why not.
pub async fn respond<R: Runtime>(app: &AppHandle<R>, uri: &Uri) -> Response<Vec<u8>> {
    let Some(journal) = app.try_state::<Shared>() else {
        return page(StatusCode::SERVICE_UNAVAILABLE, "The journal is not open.".into());
    };
    let journal = Shared::clone(&journal);
    match parse(uri) {
        Ok(request) => match html(&journal, request).await {
            Ok(document) => page(StatusCode::OK, document),
            Err(e) => page(StatusCode::NOT_FOUND, error_page(&e.message)),
        },
        Err(e) => page(StatusCode::BAD_REQUEST, error_page(&e.message)),
    }
}

fn error_page(message: &str) -> String {
    let escaped = message.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!("<!doctype html><meta charset=utf-8><p style=\"font-family:sans-serif\">{escaped}</p>")
}

fn page(status: StatusCode, body: String) -> Response<Vec<u8>> {
    let built = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        // The document's own meta CSP says the same; the header holds even before it is parsed.
        .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .body(body.into_bytes());
    built.unwrap_or_else(|_| Response::new(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOL: &str = "01900000-0000-7000-8000-000000000001";

    #[test]
    fn a_summary_url_names_the_client_the_period_and_the_language_and_reads_back() {
        let uri: Uri = format!("summary://localhost/{SOL}?period=3m&lang=es").parse().expect("a URI");
        let request = parse(&uri).expect("a summary URL");
        assert_eq!(request.period, Period::Months3);
        assert_eq!(request.lang, Some(Language::Es));
        assert_eq!(request.audience, Audience::Provider, "without `for`, the provider's copy");
        assert_eq!(url(&request), format!("summary://localhost/{SOL}?period=3m&lang=es"));
        let theirs: Uri = format!("summary://localhost/{SOL}?period=all&lang=en&for=client").parse().expect("a URI");
        let request = parse(&theirs).expect("a summary URL");
        assert_eq!(request.audience, Audience::Client);
        assert_eq!(url(&request), format!("summary://localhost/{SOL}?period=all&lang=en&for=client"));
    }

    #[test]
    fn a_summary_url_for_no_client_or_an_unknown_period_is_refused_with_a_reason() {
        let bad_client: Uri = "summary://localhost/not-an-id".parse().expect("a URI");
        assert_eq!(parse(&bad_client).map_err(|e| e.code()), Err(Code::BadSummaryUrl));
        let bad_period: Uri = format!("summary://localhost/{SOL}?period=5y").parse().expect("a URI");
        let refused = parse(&bad_period).expect_err("5y is not a period");
        assert!(refused.message.contains("period"), "the reason names what was wrong: {}", refused.message);
    }

    #[test]
    fn an_error_page_shows_the_message_as_text() {
        assert!(!error_page("<script>alert(1)</script>").contains("<script>"));
    }
}
