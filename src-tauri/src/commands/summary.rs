//! The printable summary: print it (the system's print dialog, which also
//! saves as PDF) or save it as an HTML or PDF file the user picks.

use std::sync::atomic::{AtomicU64, Ordering};

use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use trato::domain::{ClientId, Code, Language};
use trato::summary::{Audience, Format, Paper, Period};

use crate::error::IpcError;
use crate::journal::Shared;
use crate::summary_page::{self, Request};

/// The address of the client's summary document, for the Summary screen's frame.
#[tauri::command]
pub fn summary_address(client: ClientId, period: Period, lang: Language, audience: Audience) -> String {
    summary_page::url(&Request { client, period, lang: Some(lang), audience })
}

/// Asks where to save the client's summary, then writes it there whole.
/// `None` when the user cancelled the dialog; the path written otherwise.
#[tauri::command]
// Each argument is one field of the UI's call, named as the UI sends it.
#[allow(clippy::too_many_arguments)]
pub async fn save_summary(
    app: AppHandle,
    journal: State<'_, Shared>,
    client: ClientId,
    period: Period,
    lang: Language,
    format: Format,
    paper: Paper,
    audience: Audience,
) -> Result<Option<String>, IpcError> {
    // Made before asking, so that a summary that can't be made never costs a dialog.
    let (name, bytes) = journal
        .run(move |store, clock| {
            let summary = trato::journal::insights::summary(store, clock, client, period, audience)?;
            let bytes = trato::summary::document(&summary, lang, format, paper, trato::system::typeface)
                .map_err(|e| IpcError::refused(e.refusal(), &e))?;
            Ok::<_, IpcError>((summary.who.name.clone(), bytes))
        })
        .await?;
    super::save_as(&app, &file_name(&name, format), format.extension(), bytes).await
}

/// The labels of the print windows begin so (`summary-0`, `summary-1`, ...):
/// their capability (capabilities/summary.json) allows them nothing.
pub const PRINT_WINDOW: &str = "summary-";

/// Opens the summary in a window of its own and the system's print dialog
/// over it; the window closes with the dialog. It can call no command.
#[tauri::command]
pub async fn print_summary(app: AppHandle, client: ClientId, period: Period, lang: Language, audience: Audience) -> Result<(), IpcError> {
    let url = summary_page::url(&Request { client, period, lang: Some(lang), audience });
    let url = url.parse().map_err(|e| IpcError::new(Code::Internal, format!("the summary's address is wrong: {e}")))?;
    // The end-to-end story of what the print window may call needs the window
    // without the modal dialog, which holds the app's event loop (and so every
    // answer to the window) until it closes, and closes the window with it.
    let without_dialog = std::env::var_os("TRATO_PRINT_WITHOUT_DIALOG").is_some();
    // Each print gets its own window: printing twice never waits for the first.
    static PRINTS: AtomicU64 = AtomicU64::new(0);
    let label = format!("{PRINT_WINDOW}{}", PRINTS.fetch_add(1, Ordering::Relaxed));
    let title = match lang {
        Language::Es => "Trato · Resumen",
        Language::En => "Trato · Summary",
    };
    WebviewWindowBuilder::new(&app, label, WebviewUrl::CustomProtocol(url))
        .title(title)
        .inner_size(860.0, 1000.0)
        .on_page_load(move |window, payload| {
            if payload.event() == PageLoadEvent::Finished && !without_dialog {
                print_then_close(window);
            }
        })
        .build()
        .map(|_| ())
        .map_err(|e| IpcError::new(Code::PrintFailed, e.to_string()))
}

/// The system's print dialog over a summary's window, and the window gone
/// with it: at once when the dialog is cancelled, once the pages are sent when
/// it prints (closing earlier would cut the printing short).
#[cfg(target_os = "linux")]
fn print_then_close(window: WebviewWindow) {
    use webkit2gtk::PrintOperationExt;
    let parent = window.clone();
    let closer = window.clone();
    let opened = window.with_webview(move |webview| {
        // Closed from the runtime's next turn, never from inside GTK's own callback.
        let close = move || {
            let window = closer.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = window.close() {
                    eprintln!("trato: the print window did not close: {e}");
                }
            });
        };
        let operation = webkit2gtk::PrintOperation::new(&webview.inner());
        let finished = close.clone();
        operation.connect_finished(move |_| finished());
        let failed = close.clone();
        operation.connect_failed(move |_, e| {
            eprintln!("trato: printing failed: {e}");
            failed();
        });
        let over = parent.gtk_window().ok();
        if operation.run_dialog(over.as_ref()) == webkit2gtk::PrintOperationResponse::Cancel {
            close();
        }
    });
    if let Err(e) = opened {
        eprintln!("trato: the print dialog did not open: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn print_then_close(window: WebviewWindow) {
    if let Err(e) = window.print() {
        eprintln!("trato: the print dialog did not open: {e}");
    }
}

/// `Panadería Sol – summary.pdf`: the client's name, without what file systems refuse.
fn file_name(client: &str, format: Format) -> String {
    let name: String = client
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { ' ' } else { c })
        .collect();
    let name: String = name.trim().chars().take(80).collect();
    let name = if name.is_empty() { "Trato".to_string() } else { name };
    format!("{name} – summary.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_named_after_the_client_without_characters_file_systems_refuse() {
        assert_eq!(file_name("Panadería Sol", Format::Pdf), "Panadería Sol – summary.pdf");
        assert_eq!(file_name("A/B: \"C\"", Format::Html), "A B   C – summary.html");
        assert_eq!(file_name("///", Format::Pdf), "Trato – summary.pdf");
    }
}
