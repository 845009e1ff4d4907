//! Desktop notifications: showing what the core's reminder plan says to show,
//! and answering a click by bringing the window forward on the client (or on
//! Today for a digest about several).
//!
//! On Linux a notification goes to the freedesktop notification server over
//! the session bus (notify-rust), with a "default" action: what servers invoke
//! when the notification's body is clicked. The server answers with an
//! `ActionInvoked` signal on the connection that sent the notification (GNOME
//! sends it to that connection only), so each notification keeps its handle,
//! and a task waits on it for the click or the close, for a day at most.
// Elsewhere (built and tested on Linux only) there is no click to answer.
#![cfg_attr(not(all(unix, not(target_os = "macos"))), allow(dead_code, unused_imports))]

use std::time::Duration;

use tauri::AppHandle;
use trato::domain::settings::Language;
use trato::reminders::Notification;

use crate::window::{self, Navigate};

/// How long a click on a notification still opens Trato. A reminder left a day
/// on screen is stale (the next day's brings it back if it still matters), and
/// each one waiting holds a D-Bus connection.
#[cfg(all(unix, not(target_os = "macos")))]
const CLICK_PATIENCE: Duration = Duration::from_secs(24 * 60 * 60);

fn open_label(lang: Language) -> &'static str {
    match lang {
        Language::En => "Open",
        Language::Es => "Abrir",
    }
}

/// The body as servers that read markup (`body-markup`) need it: `&`, `<` and
/// `>` as entities, so that a client named "Smith & Sons" or "<b>" reads as written.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Shows each notification in turn; one that cannot be shown is logged and the
/// others still go. Returns how many the server took.
#[cfg(all(unix, not(target_os = "macos")))]
pub async fn show(app: &AppHandle, list: &[Notification], lang: Language) -> usize {
    use notify_rust::NotificationResponse;

    if list.is_empty() {
        return 0;
    }
    let capabilities = tauri::async_runtime::spawn_blocking(notify_rust::get_capabilities).await;
    let markup = matches!(&capabilities, Ok(Ok(caps)) if caps.iter().any(|c| c == "body-markup"));
    let mut shown = 0;
    for n in list {
        let body = if markup { escape_markup(&n.body) } else { n.body.clone() };
        let mut note = notify_rust::Notification::new();
        note.appname("Trato").summary(&n.title).body(&body).action("default", open_label(lang));
        let handle = match note.show_async().await {
            Ok(handle) => handle,
            Err(e) => {
                eprintln!("trato: the notification {:?} could not be shown: {e}", n.title);
                continue;
            }
        };
        shown += 1;
        let target = Navigate { client_id: n.client_id };
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let mut clicked = false;
            let waited = handle.wait_for_action_async(|response| clicked = matches!(response, NotificationResponse::Default));
            // Past the patience the handle is dropped, and its connection with it.
            let _ = tokio::time::timeout(CLICK_PATIENCE, waited).await;
            if clicked {
                window::open(&app, target);
            }
        });
    }
    shown
}

/// Elsewhere the notification is shown without a click action: notify-rust
/// reports no click there through this path. (Built and tested on Linux only.)
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub async fn show(_app: &AppHandle, list: &[Notification], _lang: Language) -> usize {
    let mut shown = 0;
    for n in list {
        let (title, body) = (n.title.clone(), n.body.clone());
        let sent = tauri::async_runtime::spawn_blocking(move || {
            notify_rust::Notification::new().appname("Trato").summary(&title).body(&body).show().map(drop)
        })
        .await;
        match sent {
            Ok(Ok(())) => shown += 1,
            Ok(Err(e)) => eprintln!("trato: the notification {:?} could not be shown: {e}", n.title),
            Err(e) => eprintln!("trato: the notification {:?} could not be shown: {e}", n.title),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_escaped_so_that_markup_servers_show_it_as_written() {
        assert_eq!(escape_markup("“Menu” for Smith & Sons <b>"), "“Menu” for Smith &amp; Sons &lt;b&gt;");
        assert_eq!(escape_markup("Panadería Sol"), "Panadería Sol");
    }

    #[test]
    fn the_click_action_is_named_in_the_users_language() {
        assert_eq!(open_label(Language::En), "Open");
        assert_eq!(open_label(Language::Es), "Abrir");
    }
}
