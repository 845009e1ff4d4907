//! The commands the UI calls, one module per area. Each takes the shared
//! journal, calls one use case of the core and converts its error.

pub mod backups;
pub mod clients;
pub mod contacts;
pub mod corrections;
pub mod desktop;
pub mod entries;
pub mod export;
pub mod forms;
pub mod journal;
pub mod mail;
pub mod mail_accounts;
pub mod recovery;
pub mod reminders;
pub mod search;
pub mod settings;
pub mod summary;
pub mod today;
pub mod trash;

use chrono::{DateTime, Utc};
use trato::domain::time::moment::{parse_due, parse_moment, MomentError, Reader, Towards};
use trato::domain::{Code, Due, Refusal};

use crate::error::IpcError;

/// Runs `f` off the async runtime (file and database work that blocks); a
/// panic inside becomes an error reply.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, IpcError> + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))?
}

/// Asks where to save `bytes` (offering `name`, filtered to `extension`), then
/// writes them there whole. `None` when the user cancelled; the path written otherwise.
pub(crate) async fn save_as(app: &tauri::AppHandle, name: &str, extension: &str, bytes: Vec<u8>) -> Result<Option<String>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app.dialog().file().set_file_name(name).add_filter(extension.to_uppercase(), &[extension]).blocking_save_file();
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| IpcError::new(Code::BadPath, e.to_string()))?;
    blocking(move || {
        trato::data_file::write_whole(&path, &bytes).map(|()| Some(path.display().to_string())).map_err(|e| {
            IpcError::refused(
                Refusal::new(Code::WriteFailed).path(&path).detail(&e),
                format!("{} could not be written: {e}", path.display()),
            )
        })
    })
    .await
}

/// A moment typed in a form (`2026-03-05T09:30` in the journal's local time,
/// RFC 3339, or a shortcut such as `yesterday 16:00`); empty is none.
fn moment(field: &'static str, value: Option<&str>, reader: &Reader<'_>, towards: Towards) -> Result<Option<DateTime<Utc>>, IpcError> {
    value.filter(|v| !v.trim().is_empty()).map(|v| parse_moment(field, v, reader, towards).map_err(|e| refused(e, field))).transpose()
}

/// A due date typed in a form: a day (or a shortcut such as `friday`), maybe with a local time.
fn due(value: &str, reader: &Reader<'_>) -> Result<Due, IpcError> {
    parse_due(value, reader).map_err(|e| refused(e, "due"))
}

/// A typed moment that was not read, by its code (the UI words it in the user's language) and field.
fn refused(e: MomentError, field: &str) -> IpcError {
    IpcError::refused(e.refusal(), &e).on(field)
}
