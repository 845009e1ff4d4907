//! Trato's desktop shell: opens the journal, registers the commands, gives the
//! window its UI, and keeps reminding from the tray while the window is
//! closed. Everything Trato knows lives in the core library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// A refusal crosses to the UI with its facts (IpcError, about 260 bytes): built
// once per refused call, its size costs nothing a user could notice, and
// boxing it would only move the same bytes behind a pointer.
#![allow(clippy::result_large_err)]

#[macro_use]
mod command_list;

mod badge;
#[cfg(test)]
mod bindings;
mod commands;
mod desktop;
mod dropped_mail;
mod error;
mod journal;
mod mail_sync;
mod notifications;
mod reminders;
mod renderer;
mod summary_page;
mod tray;
mod window;

use std::sync::Arc;

use tauri::{Manager, RunEvent};
use tauri_plugin_window_state::StateFlags;

use crate::desktop::Desktop;

/// Registers the commands of `command_list!` (under `commands::`) with Tauri.
macro_rules! handler {
    ($($module:ident::$command:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

/// The argument the autostart entry starts Trato with: straight to the tray,
/// no window, where there is a tray to come back from.
const IN_TRAY: &str = "--in-tray";

fn main() {
    renderer::prefer_cpu_painting();
    let in_tray = std::env::args().any(|a| a == IN_TRAY);
    let journal: journal::Shared = Arc::new(journal::Journal::open_from_env());
    let syncs = Arc::new(mail_sync::Syncs::default());
    let started = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| window::bring_forward(app)))
        // Size and place come back; visibility does not: a window last hidden
        // in the tray must not stay hidden at the next start.
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(StateFlags::all() - StateFlags::VISIBLE).build())
        .plugin(tauri_plugin_autostart::Builder::new().arg(IN_TRAY).build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(summary_page::SCHEME, |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            tauri::async_runtime::spawn(async move { responder.respond(summary_page::respond(&app, request.uri()).await) });
        })
        .manage(Arc::clone(&journal))
        .manage(Arc::clone(&syncs))
        .manage(commands::contacts::Picked::default())
        .manage(commands::mail_accounts::SigningIn::default())
        .on_window_event(dropped_mail::on_window_event)
        .setup(move |app| {
            start(app, journal, syncs, in_tray);
            Ok(())
        })
        .invoke_handler(command_list!(handler))
        .build(tauri::generate_context!());
    match started {
        // Closed to the tray, the window is gone (window.rs), and Tauri would end
        // with its last window: the app stays, unless it was asked to quit.
        Ok(app) => app.run(|app, event| match event {
            RunEvent::ExitRequested { code: None, api, .. } if app.try_state::<Arc<Desktop>>().is_some_and(|d| d.keep_in_tray()) => {
                api.prevent_exit();
            }
            // Syncs and IDLE connections end with the app, their committed chunks kept.
            RunEvent::Exit => {
                if let Some(syncs) = app.try_state::<Arc<mail_sync::Syncs>>() {
                    syncs.quit();
                }
            }
            _ => {}
        }),
        Err(e) => {
            eprintln!("Trato could not start its window: {e}");
            std::process::exit(1);
        }
    }
}

/// The desktop settings, the window (shown unless started to the tray), the
/// reminders' tick, which makes the tray icon, and the mail accounts' syncs.
/// Nothing here waits on the session bus or the tray library: the window comes first.
fn start(app: &mut tauri::App, journal: journal::Shared, syncs: Arc<mail_sync::Syncs>, in_tray: bool) {
    let handle = app.handle().clone();
    let config = app.path().app_config_dir().ok();
    let desktop = Arc::new(Desktop::load(config, desktop::has_tray_host));
    app.manage(Arc::clone(&desktop));
    if !(in_tray && desktop.keep_in_tray()) {
        if let Some(window) = window::build(&handle, None) {
            if let Err(e) = window.show() {
                eprintln!("trato: could not show the window: {e}");
            }
        }
    }
    // Whether there is a tray is asked of the session bus now, off the main
    // thread, so that closing the window later does not wait for the answer.
    let asked = Arc::clone(&desktop);
    if let Err(e) = std::thread::Builder::new().name("tray-host".into()).spawn(move || asked.tray_available()) {
        eprintln!("trato: could not ask for a system tray yet ({e}); it will be asked when the window closes");
    }
    tauri::async_runtime::spawn(mail_sync::run(handle.clone(), Arc::clone(&journal), syncs));
    tauri::async_runtime::spawn(reminders::run(handle, journal, desktop));
}
