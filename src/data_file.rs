//! Where the journal lives by default: the desktop app's data folder, so that the
//! CLI and the app open the same file unless told otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The app's identifier (Tauri's `identifier`); names its folder in the OS data directory.
pub const APP_IDENTIFIER: &str = "app.trato.journal";
pub const FILE_NAME: &str = "trato.db";

/// `~/.local/share/app.trato.journal/trato.db` on Linux,
/// `~/Library/Application Support/app.trato.journal/trato.db` on macOS,
/// `%APPDATA%\app.trato.journal\trato.db` on Windows.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(FILE_NAME))
}

/// Writes `bytes` to `path` whole or not at all: into a file beside it, synced,
/// then renamed over it, so a full disk or a crash never leaves half a file
/// where the user expects theirs (an export, a summary).
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("partial");
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
