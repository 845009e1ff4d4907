//! The desktop's own settings, kept on this computer rather than in the
//! journal: hiding to the tray on close, and starting at login.

use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

use crate::desktop::{Desktop, DesktopError};
use crate::error::IpcError;

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct DesktopSettings {
    /// Closing the window leaves Trato running in the tray, reminding.
    pub keep_in_tray: bool,
    /// A tray was found when the app started (without one, a hidden window
    /// comes back only by starting Trato again).
    pub tray_available: bool,
    /// The system starts Trato, in the tray, when the user logs in.
    pub start_at_login: bool,
}

fn current(app: &AppHandle, desktop: &Desktop) -> Result<DesktopSettings, IpcError> {
    let start_at_login = app.autolaunch().is_enabled().map_err(|e| IpcError::from(DesktopError::Autostart(e.to_string())))?;
    Ok(DesktopSettings { keep_in_tray: desktop.keep_in_tray(), tray_available: desktop.tray_available(), start_at_login })
}

#[tauri::command]
pub async fn desktop_settings(app: AppHandle, desktop: State<'_, Arc<Desktop>>) -> Result<DesktopSettings, IpcError> {
    current(&app, &desktop)
}

#[tauri::command]
pub async fn set_keep_in_tray(app: AppHandle, desktop: State<'_, Arc<Desktop>>, on: bool) -> Result<DesktopSettings, IpcError> {
    desktop.set_keep_in_tray(on).map_err(IpcError::from)?;
    current(&app, &desktop)
}

/// Adds or removes the system's autostart entry (on Linux
/// `~/.config/autostart/Trato.desktop`), which starts Trato in the tray.
#[tauri::command]
pub async fn set_start_at_login(app: AppHandle, desktop: State<'_, Arc<Desktop>>, on: bool) -> Result<DesktopSettings, IpcError> {
    let autostart = app.autolaunch();
    let changed = if on { autostart.enable() } else { autostart.disable() };
    changed.map_err(|e| IpcError::from(DesktopError::Autostart(e.to_string())))?;
    current(&app, &desktop)
}
