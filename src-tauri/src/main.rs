//! Trato's desktop shell: opens the journal, registers the commands, and
//! gives the window its UI. Everything Trato knows lives in the core library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod error;
mod journal;
mod renderer;

use std::sync::Arc;

use tauri::Manager;

fn main() {
    renderer::prefer_cpu_painting();
    let journal: journal::Shared = Arc::new(journal::Journal::open_from_env());
    let started = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(journal)
        .invoke_handler(tauri::generate_handler![
            commands::journal::journal_info,
            commands::journal::load_sample,
            commands::today::today,
            commands::clients::client_lines,
            commands::clients::client_page,
            commands::clients::add_client,
            commands::clients::edit_client,
            commands::clients::archive_client,
            commands::entries::add_entry,
            commands::entries::act,
            commands::settings::settings,
            commands::settings::set_setting,
            commands::settings::add_holiday,
            commands::settings::remove_holiday,
            commands::search::search,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = started {
        eprintln!("Trato could not start its window: {e}");
        std::process::exit(1);
    }
}
