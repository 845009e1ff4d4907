//! What the app keeps about this computer's desktop rather than in the journal
//! (the journal file may move to another computer): whether closing the window
//! leaves Trato running in the system tray, and whether there is a tray at all.
//! Start at login is kept by the system itself (an autostart entry), through
//! tauri-plugin-autostart.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use trato::domain::{Code, Refusal};

/// The file in the app's config folder (`~/.config/app.trato.journal/desktop.json`).
const FILE: &str = "desktop.json";

/// As the file stores it: only what the user chose; nothing means "as the desktop allows".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Stored {
    keep_in_tray: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    #[error("Trato could not save this choice in {path}: {source}")]
    Save { path: String, source: std::io::Error },
    #[error("This system has no folder for application settings, so the choice cannot be kept.")]
    NoConfigFolder,
    #[error("Start at login could not be changed: {0}")]
    Autostart(String),
}

impl DesktopError {
    /// The refusal as data, for the UI to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            DesktopError::Save { path, source } => Refusal::new(Code::DesktopSettings).value(path).detail(source),
            DesktopError::NoConfigFolder => Refusal::new(Code::DesktopSettings).detail("no folder for application settings"),
            DesktopError::Autostart(detail) => Refusal::new(Code::Autostart).detail(detail),
        }
    }
}

pub struct Desktop {
    file: Option<PathBuf>,
    stored: Mutex<Stored>,
    /// Whether a tray host is on the session bus: asked once, when first needed
    /// (the app asks it off the main thread at start, so that the window does not wait).
    host: OnceLock<bool>,
    ask_host: fn() -> bool,
    /// The tray icon could not be made (no tray library on this system).
    no_icon: AtomicBool,
}

impl Desktop {
    /// Reads the choices kept in `folder`; a missing or unreadable file is no
    /// choice made. `ask_host` says whether the desktop has a tray.
    pub fn load(folder: Option<PathBuf>, ask_host: fn() -> bool) -> Desktop {
        let file = folder.map(|f| f.join(FILE));
        let stored = file.as_deref().map(read).unwrap_or_default();
        Desktop { file, stored: Mutex::new(stored), host: OnceLock::new(), ask_host, no_icon: AtomicBool::new(false) }
    }

    /// A tray shows Trato's icon: the desktop has a tray, and the icon was made.
    pub fn tray_available(&self) -> bool {
        !self.no_icon.load(Ordering::Relaxed) && *self.host.get_or_init(self.ask_host)
    }

    pub fn icon_failed(&self) {
        self.no_icon.store(true, Ordering::Relaxed);
    }

    /// Whether closing the window hides it to the tray: as the user chose, or,
    /// until they choose, only where a tray shows the icon to come back by.
    pub fn keep_in_tray(&self) -> bool {
        let chosen = self.lock().keep_in_tray;
        chosen.unwrap_or_else(|| self.tray_available())
    }

    pub fn set_keep_in_tray(&self, on: bool) -> Result<(), DesktopError> {
        let path = self.file.as_deref().ok_or(DesktopError::NoConfigFolder)?;
        let mut stored = self.lock();
        let next = Stored { keep_in_tray: Some(on) };
        write(path, &next).map_err(|source| DesktopError::Save { path: path.display().to_string(), source })?;
        *stored = next;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stored> {
        self.stored.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn read(path: &Path) -> Stored {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            eprintln!("trato: {} is not readable ({e}); the desktop choices are back to their defaults", path.display());
            Stored::default()
        }),
        Err(_) => Stored::default(),
    }
}

/// Written whole to a temporary file and renamed over the old one, so that a
/// crash never leaves half a file.
fn write(path: &Path, stored: &Stored) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec_pretty(stored).map_err(std::io::Error::other)?;
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, path)
}

/// Whether the desktop shows tray icons: on Linux, a StatusNotifierWatcher on
/// the session bus (KDE, GNOME with the AppIndicator extension as Ubuntu ships
/// it, Xfce, Cinnamon…). Plain GNOME has none, and a window hidden there could
/// only come back by launching Trato again.
#[cfg(target_os = "linux")]
pub fn has_tray_host() -> bool {
    let has_watcher = || -> zbus::Result<bool> {
        let bus = zbus::blocking::Connection::session()?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        zbus::blocking::fdo::DBusProxy::new(&bus)?.name_has_owner(name).map_err(zbus::Error::from)
    };
    has_watcher().unwrap_or_else(|e| {
        eprintln!("trato: could not ask the session bus for a system tray ({e}); assuming there is none");
        false
    })
}

/// Windows and macOS always have a notification area / menu bar.
#[cfg(not(target_os = "linux"))]
pub fn has_tray_host() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_the_user_chooses_the_window_hides_to_the_tray_only_where_there_is_one() {
        let dir = tempfile::tempdir().expect("a folder");
        assert!(Desktop::load(Some(dir.path().into()), || true).keep_in_tray());
        assert!(!Desktop::load(Some(dir.path().into()), || false).keep_in_tray());
        let no_icon = Desktop::load(Some(dir.path().into()), || true);
        no_icon.icon_failed();
        assert!(!no_icon.keep_in_tray(), "a tray without Trato's icon is no way back to the window");
    }

    #[test]
    fn the_users_choice_is_kept_across_starts() {
        let dir = tempfile::tempdir().expect("a folder");
        let folder = dir.path().join("app.trato.journal");
        Desktop::load(Some(folder.clone()), || true).set_keep_in_tray(false).expect("saved");
        assert!(!Desktop::load(Some(folder.clone()), || true).keep_in_tray(), "off stays off where a tray exists");
        Desktop::load(Some(folder.clone()), || false).set_keep_in_tray(true).expect("saved");
        assert!(Desktop::load(Some(folder), || false).keep_in_tray(), "on stays on, tray or not: the user asked for it");
    }

    #[test]
    fn an_unreadable_file_is_no_choice_and_is_replaced_on_the_next_one() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join(FILE), "{not json").expect("written");
        let desktop = Desktop::load(Some(dir.path().into()), || true);
        assert!(desktop.keep_in_tray());
        desktop.set_keep_in_tray(false).expect("saved");
        assert!(!Desktop::load(Some(dir.path().into()), || true).keep_in_tray());
    }

    #[test]
    fn without_a_config_folder_the_choice_is_refused_with_a_reason() {
        let desktop = Desktop::load(None, || true);
        let refused = desktop.set_keep_in_tray(false).expect_err("nowhere to keep it");
        assert_eq!(refused.refusal().code, Code::DesktopSettings);
        assert!(desktop.keep_in_tray(), "nothing changed");
    }
}
