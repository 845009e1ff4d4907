//! Client mail: the user's own addresses, the domains marked as a client's,
//! importing mail files the user picks in the shell's dialog (the webview
//! never names a path to read), and the review list. Each command calls the
//! core's mail use cases (`trato::journal::mailbox`) and converts its refusal.

use serde::Deserialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use trato::domain::{ClientId, Code, EntryId};
use trato::journal::mailbox::{
    self, ClientDomain, Decision, FileImport, MailError, MailImportProgress, OpenRequest, ProposalView, Reviewed,
};
use trato::mail::Becomes;

use crate::error::IpcError;
use crate::journal::Shared;

/// How far an import of mail files got, as the window hears it.
pub const MAIL_IMPORT_PROGRESS: &str = "mail-import-progress";

/// Imports mail files, telling the window how far it got as it goes (a large mbox takes a while).
pub(crate) async fn import_telling(app: AppHandle, journal: &Shared, paths: Vec<std::path::PathBuf>) -> Result<Vec<FileImport>, IpcError> {
    journal
        .write(move |store, clock| {
            let mut tell = |p: &MailImportProgress| {
                let _ = app.emit_to(crate::window::MAIN, MAIL_IMPORT_PROGRESS, p);
            };
            mailbox::import_with_progress(store, clock, &paths, &mut tell)
        })
        .await
}

impl From<MailError> for IpcError {
    fn from(e: MailError) -> Self {
        match e {
            MailError::Journal(j) => j.into(),
            other => IpcError::refused(other.refusal(), &other),
        }
    }
}

#[tauri::command]
pub async fn mail_addresses(journal: State<'_, Shared>) -> Result<Vec<String>, IpcError> {
    journal.run(|store, _| mailbox::my_addresses(store)).await
}

/// Adds one of the user's own addresses; answers them all.
#[tauri::command]
pub async fn add_mail_address(journal: State<'_, Shared>, address: String) -> Result<Vec<String>, IpcError> {
    journal
        .write(move |store, _| {
            mailbox::add_my_addresses(store, &[address])?;
            mailbox::my_addresses(store)
        })
        .await
}

/// Removes one of the user's own addresses; answers those left.
#[tauri::command]
pub async fn remove_mail_address(journal: State<'_, Shared>, address: String) -> Result<Vec<String>, IpcError> {
    journal
        .write(move |store, _| {
            mailbox::remove_my_address(store, &address)?;
            mailbox::my_addresses(store)
        })
        .await
}

#[tauri::command]
pub async fn client_domains(journal: State<'_, Shared>) -> Result<Vec<ClientDomain>, IpcError> {
    journal.run(|store, _| mailbox::client_domains(store)).await
}

/// Marks a domain as the client's own; answers every marked domain.
#[tauri::command]
pub async fn mark_client_domain(journal: State<'_, Shared>, client: ClientId, domain: String) -> Result<Vec<ClientDomain>, IpcError> {
    journal
        .write(move |store, _| {
            mailbox::mark_domain(store, client, &domain)?;
            mailbox::client_domains(store)
        })
        .await
}

#[tauri::command]
pub async fn unmark_client_domain(journal: State<'_, Shared>, client: ClientId, domain: String) -> Result<Vec<ClientDomain>, IpcError> {
    journal
        .write(move |store, _| {
            mailbox::unmark_domain(store, client, &domain)?;
            mailbox::client_domains(store)
        })
        .await
}

/// The file dialog for `.eml` and mbox files, then each imported (a file
/// whole or not at all), its progress told as `mail-import-progress` events. `None` when the user cancelled. The dialog's title
/// and its filter's name come worded in the UI's language.
#[tauri::command]
pub async fn import_mail_files(
    app: AppHandle,
    journal: State<'_, Shared>,
    title: String,
    filter: String,
) -> Result<Option<Vec<FileImport>>, IpcError> {
    let words = |s: &str| s.chars().filter(|c| !c.is_control()).take(80).collect::<String>();
    // Thunderbird's mbox files have no extension ("Inbox"): the second filter lets them be chosen.
    let chosen = app
        .dialog()
        .file()
        .set_title(words(&title))
        .add_filter(words(&filter), &["eml", "mbox", "mbx"])
        .add_filter("*", &["*"])
        .blocking_pick_files();
    let Some(chosen) = chosen else { return Ok(None) };
    let paths = chosen
        .into_iter()
        .map(|f| f.into_path().map_err(|e| IpcError::new(Code::BadPath, e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    import_telling(app, &journal, paths).await.map(Some)
}

/// The proposals awaiting review, oldest message first.
#[tauri::command]
pub async fn mail_review(journal: State<'_, Shared>) -> Result<Vec<ProposalView>, IpcError> {
    journal.run(mailbox::review_list).await
}

/// How many proposals await review: the sidebar's count.
#[tauri::command]
pub async fn mail_pending(journal: State<'_, Shared>) -> Result<u64, IpcError> {
    journal.run(|store, _| mailbox::pending_count(store)).await
}

/// The client's open requests, to link a proposal to one.
#[tauri::command]
pub async fn open_requests(journal: State<'_, Shared>, client: ClientId) -> Result<Vec<OpenRequest>, IpcError> {
    journal.run(move |store, _| mailbox::open_requests(store, client)).await
}

/// What the user makes of one proposal, as the review list sends it.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum MailDecision {
    /// As proposed (`kind` none), as another kind, or on the request the user picked.
    Accept {
        id: i64,
        kind: Option<Becomes>,
        request: Option<EntryId>,
    },
    Ignore {
        id: i64,
    },
}

impl MailDecision {
    fn core(&self) -> (i64, Decision) {
        match *self {
            MailDecision::Accept { id, kind, request } => (id, Decision::Accept { kind, request }),
            MailDecision::Ignore { id } => (id, Decision::Ignore),
        }
    }
}

#[tauri::command]
pub async fn review_mail(journal: State<'_, Shared>, decisions: Vec<MailDecision>) -> Result<Vec<Reviewed>, IpcError> {
    let decisions: Vec<(i64, Decision)> = decisions.iter().map(MailDecision::core).collect();
    journal.write(move |store, clock| mailbox::review(store, clock, &decisions)).await
}

/// Takes a review back (the notice's Undo): the proposal awaits review again,
/// and what accepting it wrote is undone.
#[tauri::command]
pub async fn take_back_mail_review(journal: State<'_, Shared>, id: i64) -> Result<(), IpcError> {
    journal.write(move |store, clock| mailbox::take_back_review(store, clock, id)).await
}

/// Accepts every pending proposal as proposed.
#[tauri::command]
pub async fn accept_all_mail(journal: State<'_, Shared>) -> Result<Vec<Reviewed>, IpcError> {
    journal.write(mailbox::accept_all).await
}

/// Opens the mail an entry came from in the user's mail program, by its
/// `mid:` URL (RFC 2392). The page names only the entry: the URL is built
/// here from the Message-ID the journal kept, so the webview can open nothing
/// else. `false` when the entry came from no mail with a Message-ID.
#[tauri::command]
pub async fn open_in_mail_app(app: AppHandle, journal: State<'_, Shared>, entry: EntryId) -> Result<bool, IpcError> {
    use tauri_plugin_opener::OpenerExt;
    let Some(url) = journal.run(move |store, _| mailbox::message_id_of(store, entry)).await?.as_deref().and_then(mid_url) else {
        return Ok(false);
    };
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| IpcError::new(Code::MailCantOpenApp, format!("the mail program could not be opened: {e}")))?;
    Ok(true)
}

/// The `mid:` URL of a Message-ID, everything but letters, digits and
/// `-._~@` percent-encoded: a hostile Message-ID can't turn it into another
/// scheme, a second argument or a path. `None` for an empty or overlong one.
fn mid_url(message_id: &str) -> Option<String> {
    // RFC 5322 lines are at most 998 characters; no real Message-ID is longer.
    if message_id.is_empty() || message_id.len() > 998 {
        return None;
    }
    Some(format!("mid:{}", trato::domain::text::uri_escaped(message_id, b"@")))
}

#[cfg(test)]
mod tests {
    use super::mid_url;

    #[test]
    fn a_message_id_becomes_a_mid_url_that_can_name_nothing_else() {
        assert_eq!(mid_url("menu-1@panaderia-sol.example").as_deref(), Some("mid:menu-1@panaderia-sol.example"));
        assert_eq!(
            mid_url("x\" --help; file:///etc/passwd\n@a").as_deref(),
            Some("mid:x%22%20--help%3B%20file%3A%2F%2F%2Fetc%2Fpasswd%0A@a"),
            "quotes, spaces, colons, slashes and line breaks are encoded"
        );
        assert_eq!(mid_url("añ@b").as_deref(), Some("mid:a%C3%B1@b"), "UTF-8 byte by byte");
        assert_eq!(mid_url(""), None);
        assert_eq!(mid_url(&"a".repeat(999)), None);
    }
}
