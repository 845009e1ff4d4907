//! The one window: bringing it forward (from the tray, a second launch, a
//! clicked notification), hiding it to the tray on close, and telling the UI
//! which screen to show.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, WebviewWindow};
use trato::domain::ClientId;

pub const MAIN: &str = "main";

/// The event the UI listens to: show this client, or Today when there is none
/// (a digest about several clients).
pub const NAVIGATE: &str = "navigate";

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Navigate {
    pub client_id: Option<ClientId>,
}

pub fn main_window(app: &AppHandle) -> Option<WebviewWindow> {
    app.get_webview_window(MAIN)
}

/// Shows the window, restores it if minimised, and asks for focus. Each step
/// may be refused by the window manager; none of that is worth more than a log line.
pub fn bring_forward(app: &AppHandle) {
    let Some(window) = main_window(app) else { return };
    for (what, result) in [("show", window.show()), ("unminimize", window.unminimize()), ("focus", window.set_focus())] {
        if let Err(e) = result {
            eprintln!("trato: could not {what} the window: {e}");
        }
    }
}

/// Brings the window forward on `to`.
pub fn open(app: &AppHandle, to: Navigate) {
    bring_forward(app);
    if let Err(e) = app.emit_to(MAIN, NAVIGATE, to) {
        eprintln!("trato: could not tell the window what to open: {e}");
    }
}
