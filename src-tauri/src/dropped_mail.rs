//! Mail files dropped on the main window: the `.eml` and mbox files among
//! them are imported as if picked in Settings → Mail, and what they gave goes
//! to the page as a `mail-dropped` event. The paths come from the window
//! system, never from the page; other files dropped are left alone.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::{DragDropEvent, Emitter, Manager, Window, WindowEvent};
use trato::journal::mailbox::FileImport;

use crate::error::IpcError;
use crate::journal::Shared;

pub const MAIL_DROPPED: &str = "mail-dropped";

/// What importing the dropped files gave, or why it was refused.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct MailDropped {
    pub imported: Vec<FileImport>,
    pub refused: Option<IpcError>,
}

/// A file a mail program writes: a message (`.eml`) or a mailbox (`.mbox`, `.mbx`).
fn is_mail_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["eml", "mbox", "mbx"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The window events Trato acts on: a drop of files on the main window.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event else { return };
    if window.label() != crate::window::MAIN {
        return;
    }
    let mail: Vec<PathBuf> = paths.iter().filter(|p| is_mail_file(p)).cloned().collect();
    if mail.is_empty() {
        return;
    }
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        let Some(journal) = app.try_state::<Shared>().map(|j| j.inner().clone()) else { return };
        let dropped = match crate::commands::mail::import_telling(app.clone(), &journal, mail).await {
            Ok(imported) => MailDropped { imported, refused: None },
            Err(e) => MailDropped { imported: Vec::new(), refused: Some(e) },
        };
        if let Err(e) = app.emit_to(crate::window::MAIN, MAIL_DROPPED, dropped) {
            eprintln!("trato: could not tell the window what the dropped mail gave: {e}");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::is_mail_file;
    use std::path::Path;

    #[test]
    fn only_messages_and_mailboxes_dropped_are_read_as_mail() {
        for mail in ["a.eml", "Inbox.MBOX", "/home/ana/Sent.mbx"] {
            assert!(is_mail_file(Path::new(mail)), "{mail}");
        }
        for other in ["clientes.csv", "ana.vcf", "Inbox", "trato.db", "eml"] {
            assert!(!is_mail_file(Path::new(other)), "{other} is no mail file by its name");
        }
    }
}
