//! Guided recovery: the draft to the client after a mistake, the wording
//! check of what the person edited, the message opened in their mail
//! program, and the incident's checklist ticked once it was sent.

use tauri::{AppHandle, State};
use trato::domain::{Code, EntryId, Language, RecoveryStep};
use trato::journal::recovery::{self, FieldChoices, RecoveryDraft, Sent};
use trato::recovery::Finding;

use crate::error::IpcError;
use crate::journal::Shared;

/// The draft about an entry, with the person's choices over the fields offered.
#[tauri::command]
pub async fn recovery_draft(journal: State<'_, Shared>, entry: EntryId, choices: FieldChoices) -> Result<RecoveryDraft, IpcError> {
    journal.run(move |store, clock| recovery::draft(store, clock, entry, &choices)).await
}

/// What the check notices in a text the person edited, written in `language`.
#[tauri::command]
pub async fn recovery_check(journal: State<'_, Shared>, text: String, language: Language) -> Result<Vec<Finding>, IpcError> {
    journal.run(move |store, clock| recovery::check(store, clock, &text, language)).await
}

/// Opens the message, as edited, in the person's mail program, addressed to
/// the entry's client (the address is the journal's, never the page's).
/// `false` when the client has no address.
#[tauri::command]
pub async fn open_recovery_mail(
    app: AppHandle,
    journal: State<'_, Shared>,
    entry: EntryId,
    subject: String,
    body: String,
) -> Result<bool, IpcError> {
    use tauri_plugin_opener::OpenerExt;
    let Some(url) = journal.run(move |store, _| recovery::mailto_for(store, entry, &subject, &body)).await? else {
        return Ok(false);
    };
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| IpcError::new(Code::MailCantOpenApp, format!("the mail program could not be opened: {e}")))?;
    Ok(true)
}

/// The message about an incident was sent: ticks the steps asked for that were not yet taken; the answer takes them back.
#[tauri::command]
pub async fn recovery_sent(journal: State<'_, Shared>, entry: EntryId, steps: Vec<RecoveryStep>) -> Result<Sent, IpcError> {
    journal.write(move |store, clock| recovery::sent(store, clock, entry, &steps)).await
}
