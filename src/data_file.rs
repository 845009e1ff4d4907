//! Where the journal lives by default: the desktop app's data folder, so that the
//! CLI and the app open the same file unless told otherwise.

use std::path::PathBuf;

/// The app's identifier (Tauri's `identifier`); names its folder in the OS data directory.
pub const APP_IDENTIFIER: &str = "app.trato.journal";
pub const FILE_NAME: &str = "trato.db";

/// `~/.local/share/app.trato.journal/trato.db` on Linux,
/// `~/Library/Application Support/app.trato.journal/trato.db` on macOS,
/// `%APPDATA%\app.trato.journal\trato.db` on Windows.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(FILE_NAME))
}
