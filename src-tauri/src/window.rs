//! The one window: building it (at start, and again after it was closed to the
//! tray), bringing it forward (from the tray, a second launch, a clicked
//! notification), and telling the UI which screen to show.
//!
//! Closed to the tray, the window is destroyed, not hidden: its webview's
//! processes hold most of the app's memory (about 195 MB of 290), and the tray
//! needs none of it to remind. *Open* builds it again from its configuration.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use trato::domain::ClientId;

pub const MAIN: &str = "main";

/// The event the UI listens to: show this client, or Today when there is none
/// (a digest about several clients).
pub const NAVIGATE: &str = "navigate";

/// The page's query parameter that opens a new window on a client (the UI
/// reads it at start: a new page has no listener yet for `NAVIGATE`).
const CLIENT_PARAM: &str = "client";

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Navigate {
    pub client_id: Option<ClientId>,
}

pub fn main_window(app: &AppHandle) -> Option<WebviewWindow> {
    app.get_webview_window(MAIN)
}

/// The page a new window loads: the UI, on the client of `to` if it names one.
fn page(to: Option<&Navigate>) -> String {
    match to.and_then(|n| n.client_id.as_ref()) {
        Some(id) => format!("index.html?{CLIENT_PARAM}={id}"),
        None => "index.html".to_string(),
    }
}

/// Builds the window as tauri.conf.json describes it (hidden until shown),
/// opening on `to`; the window-state plugin gives it back its size and place.
pub fn build(app: &AppHandle, to: Option<&Navigate>) -> Option<WebviewWindow> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == MAIN) else {
        eprintln!("trato: the configuration describes no main window");
        return None;
    };
    let mut config = config.clone();
    config.url = WebviewUrl::App(page(to).into());
    match WebviewWindowBuilder::from_config(app, &config).and_then(|b| b.build()) {
        Ok(window) => Some(window),
        Err(e) => {
            eprintln!("trato: could not open the window: {e}");
            None
        }
    }
}

/// Shows the window, restores it if minimised, and asks for focus. Each step
/// may be refused by the window manager; none of that is worth more than a log line.
fn show(window: &WebviewWindow) {
    for (what, result) in [("show", window.show()), ("unminimize", window.unminimize()), ("focus", window.set_focus())] {
        if let Err(e) = result {
            eprintln!("trato: could not {what} the window: {e}");
        }
    }
}

/// Brings the window forward, building it again if it was closed to the tray.
pub fn bring_forward(app: &AppHandle) {
    if let Some(window) = main_window(app).or_else(|| build(app, None)) {
        show(&window);
    }
}

/// Brings the window forward on `to`: a window already there is told where to
/// go; one built now opens there.
pub fn open(app: &AppHandle, to: Navigate) {
    if let Some(window) = main_window(app) {
        show(&window);
        if let Err(e) = app.emit_to(MAIN, NAVIGATE, to) {
            eprintln!("trato: could not tell the window what to open: {e}");
        }
    } else if let Some(window) = build(app, Some(&to)) {
        show(&window);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_built_for_a_client_opens_on_that_client() {
        let id: ClientId = "0190a000-0000-7000-8000-000000000001".parse().expect("an id");
        assert_eq!(page(Some(&Navigate { client_id: Some(id) })), "index.html?client=0190a000-0000-7000-8000-000000000001");
        assert_eq!(page(Some(&Navigate { client_id: None })), "index.html", "a digest opens on Today");
        assert_eq!(page(None), "index.html");
    }
}
