//! Every command the webview may call, named once. `main.rs` registers them
//! (`generate_handler!`); `build.rs` declares them to Tauri's ACL, so that each
//! gets an `allow-<name>` permission and a window may call only those its
//! capability lists; the bindings test writes their names for the UI, whose
//! tests hold it to calling only these. A command registered but not declared,
//! or declared but not registered, can't happen: there is one list.

/// Calls the macro `$then` with the commands as `module::function` paths
/// under `crate::commands`.
macro_rules! command_list {
    ($then:ident) => {
        $then![
            journal::journal_info,
            journal::load_sample,
            today::today,
            clients::client_lines,
            clients::client_page,
            clients::add_client,
            clients::edit_client,
            clients::archive_client,
            entries::add_entry,
            entries::promise_check,
            entries::act,
            recovery::recovery_draft,
            recovery::recovery_check,
            recovery::open_recovery_mail,
            recovery::recovery_sent,
            corrections::edit_entry,
            corrections::edit_event,
            corrections::remove_event,
            corrections::undo,
            corrections::history,
            trash::trash,
            trash::move_to_trash,
            trash::restore,
            forms::date_shortcuts,
            forms::read_when,
            forms::time_zones,
            settings::settings,
            settings::set_setting,
            settings::add_holiday,
            settings::remove_holiday,
            settings::choose_folder,
            settings::clear_folder,
            search::search,
            summary::summary_address,
            summary::save_summary,
            summary::print_summary,
            reminders::sent_reminders,
            reminders::reminder_plan,
            reminders::snooze_reminder,
            desktop::desktop_settings,
            desktop::set_keep_in_tray,
            desktop::set_start_at_login,
            contacts::pick_contacts,
            contacts::preview_import,
            contacts::commit_import,
            contacts::undo_import,
            contacts::import_batches,
            backups::backups,
            backups::back_up_now,
            backups::restore_backup,
            backups::restore_backup_file,
            export::export_file,
            mail::mail_addresses,
            mail::add_mail_address,
            mail::remove_mail_address,
            mail::client_domains,
            mail::mark_client_domain,
            mail::unmark_client_domain,
            mail::import_mail_files,
            mail::mail_review,
            mail::mail_pending,
            mail::open_requests,
            mail::review_mail,
            mail::take_back_mail_review,
            mail::accept_all_mail,
            mail::open_in_mail_app,
            mail_accounts::mail_accounts,
            mail_accounts::add_mail_account,
            mail_accounts::add_oauth_mail_account,
            mail_accounts::cancel_mail_sign_in,
            mail_accounts::sign_in_mail_account_again,
            mail_accounts::remove_mail_account,
            mail_accounts::sync_mail_account,
        ]
    };
}

/// The commands' names as the webview calls them (`&["journal_info", ...]`),
/// for `command_list!(command_names)`: in build.rs and the bindings test.
#[allow(unused_macros)]
macro_rules! command_names {
    ($($module:ident::$command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    /// Each capability file by its identifier: (windows, permissions).
    fn capabilities() -> BTreeMap<String, (Vec<String>, Vec<String>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
        let strings =
            |v: &Value| -> Vec<String> { v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect() };
        std::fs::read_dir(&dir)
            .expect("the capabilities folder")
            .map(|entry| {
                let text = std::fs::read_to_string(entry.expect("a capability file").path()).expect("a readable capability");
                let json: Value = serde_json::from_str(&text).expect("a capability in JSON");
                (json["identifier"].as_str().unwrap_or_default().to_string(), (strings(&json["windows"]), strings(&json["permissions"])))
            })
            .collect()
    }

    #[test]
    fn the_main_window_may_call_every_command_and_the_print_windows_none() {
        let names: &[&str] = command_list!(command_names);
        let mut allowed: Vec<String> = vec!["core:event:allow-listen".into(), "core:event:allow-unlisten".into()];
        allowed.extend(names.iter().map(|n| format!("allow-{}", n.replace('_', "-"))));
        let print_windows = format!("{}*", crate::commands::summary::PRINT_WINDOW);
        let want = BTreeMap::from([
            ("main".to_string(), (vec![crate::window::MAIN.to_string()], allowed)),
            ("summary".to_string(), (vec![print_windows], vec![])),
        ]);
        let have = capabilities();
        assert_eq!(
            have, want,
            "capabilities/ must give the main window the commands its UI calls (all of them) and the print windows nothing"
        );
    }
}
