//! The Export menu: asks where, then writes the whole file there.

use tauri::{AppHandle, State};
use trato::journal::export::ExportKind;

use crate::error::IpcError;
use crate::journal::Shared;

/// `None` when the user cancelled the dialog; the path written otherwise.
#[tauri::command]
pub async fn export_file(app: AppHandle, journal: State<'_, Shared>, kind: ExportKind) -> Result<Option<String>, IpcError> {
    // Made before asking, so that a file that can't be made never costs a dialog.
    let text = journal
        .run(move |store, clock| trato::journal::export::document(store, clock, kind).map_err(|e| IpcError::refused(e.refusal(), &e)))
        .await?;
    let name = kind.file_name();
    let extension = name.rsplit('.').next().unwrap_or("txt");
    super::save_as(&app, name, extension, text.into_bytes()).await
}
