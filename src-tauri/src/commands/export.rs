//! The Export menu: asks where, then writes the whole file there.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trato::export::ExportKind;

use crate::error::IpcError;
use crate::journal::Shared;

/// `None` when the user cancelled the dialog; the path written otherwise.
#[tauri::command]
pub async fn export_file(app: AppHandle, journal: State<'_, Shared>, kind: ExportKind) -> Result<Option<String>, IpcError> {
    // Made before asking, so that a file that can't be made never costs a dialog.
    let text = journal
        .run(move |store, clock| trato::export::document(store, clock, kind).map_err(|e| IpcError::new(e.code(), e.to_string())))
        .await?;
    let name = kind.file_name();
    let extension = name.rsplit('.').next().unwrap_or("txt");
    let chosen = app.dialog().file().set_file_name(name).add_filter(extension.to_uppercase(), &[extension]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path: PathBuf = chosen.into_path().map_err(|e| IpcError::new("bad_path", format!("Trato can't write there: {e}")))?;
    tauri::async_runtime::spawn_blocking(move || {
        trato::data_file::write_whole(&path, text.as_bytes())
            .map(|()| Some(path.display().to_string()))
            .map_err(|e| IpcError::new("write_failed", format!("{} could not be written: {e}", path.display())))
    })
    .await
    .map_err(|e| IpcError::new("internal", format!("Trato hit an internal error and did nothing: {e}")))?
}
