//! The system tray: Trato's icon with the number of overdue promises drawn on
//! it (badge.rs), a tooltip saying so where the desktop shows tooltips, and a
//! menu to open the window or quit.

use std::sync::Mutex;

use tauri::image::Image;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Wry};
use trato::domain::settings::Language;

use crate::badge::{self, Picture};
use crate::window;

/// The picture the count is drawn on: large enough that the badge's digits
/// survive the panel's scaling down to 16–24 px.
const ICON: &[u8] = include_bytes!("../icons/128x128.png");

pub struct Tray {
    icon: TrayIcon,
    open: MenuItem<Wry>,
    quit: MenuItem<Wry>,
    base: Picture,
    /// What the tray shows now, so that an unchanged tick redraws nothing.
    shown: Mutex<Option<(u32, Language)>>,
}

struct Words {
    open: &'static str,
    quit: &'static str,
}

fn words(lang: Language) -> Words {
    match lang {
        Language::En => Words { open: "Open Trato", quit: "Quit Trato" },
        Language::Es => Words { open: "Abrir Trato", quit: "Salir de Trato" },
    }
}

/// "Trato: 1 overdue promise", "Trato: nada vencido".
pub fn tooltip(overdue: u32, lang: Language) -> String {
    let what = match (lang, overdue) {
        (Language::En, 0) => "nothing overdue".to_string(),
        (Language::En, 1) => "1 overdue promise".to_string(),
        (Language::En, n) => format!("{n} overdue promises"),
        (Language::Es, 0) => "nada vencido".to_string(),
        (Language::Es, 1) => "1 promesa vencida".to_string(),
        (Language::Es, n) => format!("{n} promesas vencidas"),
    };
    format!("Trato: {what}")
}

#[derive(Debug, thiserror::Error)]
enum PictureError {
    #[error(transparent)]
    Png(#[from] png::DecodingError),
    #[error("the icon is not 8-bit RGBA")]
    NotRgba,
}

fn base_picture() -> Result<Picture, PictureError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON));
    decoder.set_transformations(png::Transformations::normalize_to_color8() | png::Transformations::ALPHA);
    let mut reader = decoder.read_info()?;
    let mut rgba = vec![0; reader.output_buffer_size().ok_or(PictureError::NotRgba)?];
    let frame = reader.next_frame(&mut rgba)?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return Err(PictureError::NotRgba);
    }
    rgba.truncate(frame.buffer_size());
    Ok(Picture { rgba, width: frame.width, height: frame.height })
}

fn image(p: Picture) -> Image<'static> {
    Image::new_owned(p.rgba, p.width, p.height)
}

impl Tray {
    /// The tray icon, or why there is none (logged): no tray library on this
    /// system (Linux loads libayatana-appindicator when the icon is made, and
    /// panics without it) or a desktop that refuses it. Trato then runs without.
    pub fn create(app: &AppHandle, lang: Language) -> Option<Tray> {
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Tray::build(app, lang)));
        match made {
            Ok(Ok(tray)) => Some(tray),
            Ok(Err(e)) => {
                eprintln!("trato: no tray icon: {e}");
                None
            }
            Err(_) => {
                eprintln!("trato: no tray icon: the system's tray library could not be loaded");
                None
            }
        }
    }

    fn build(app: &AppHandle, lang: Language) -> Result<Tray, Box<dyn std::error::Error>> {
        let base = base_picture()?;
        let w = words(lang);
        let open = MenuItem::with_id(app, "open", w.open, true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", w.quit, true, None::<&str>)?;
        let menu = Menu::with_items(app, &[&open, &quit])?;
        let icon = TrayIconBuilder::with_id("trato")
            .icon(image(base.clone()))
            .tooltip(tooltip(0, lang))
            .menu(&menu)
            // Linux trays only ever show the menu; elsewhere a left click opens the window.
            .show_menu_on_left_click(false)
            .on_menu_event(|app, event| match event.id().as_ref() {
                "open" => window::bring_forward(app),
                "quit" => app.exit(0),
                _ => {}
            })
            .on_tray_icon_event(|icon, event| {
                if let TrayIconEvent::Click { button: MouseButton::Left, button_state: MouseButtonState::Up, .. } = event {
                    window::bring_forward(icon.app_handle());
                }
            })
            .build(app)?;
        Ok(Tray { icon, open, quit, base, shown: Mutex::new(Some((0, lang))) })
    }

    /// Shows `overdue` on the icon and in the tooltip, in `lang`; nothing is
    /// redrawn when neither changed (on Linux each new picture is a file the
    /// tray host reads again).
    pub fn show(&self, overdue: u32, lang: Language) {
        let mut shown = self.shown.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let before = *shown;
        if before == Some((overdue, lang)) {
            return;
        }
        if before.map(|(n, _)| n) != Some(overdue) {
            let picture = badge::with_count(&self.base, overdue);
            if let Err(e) = self.icon.set_icon(Some(image(picture))) {
                eprintln!("trato: the tray icon could not be redrawn: {e}");
            }
        }
        if let Err(e) = self.icon.set_tooltip(Some(tooltip(overdue, lang))) {
            eprintln!("trato: the tray's tooltip could not be set: {e}");
        }
        if before.map(|(_, l)| l) != Some(lang) {
            let w = words(lang);
            for (item, text) in [(&self.open, w.open), (&self.quit, w.quit)] {
                if let Err(e) = item.set_text(text) {
                    eprintln!("trato: the tray menu could not be translated: {e}");
                }
            }
        }
        *shown = Some((overdue, lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tooltip_counts_overdue_promises_in_the_users_language() {
        assert_eq!(tooltip(0, Language::En), "Trato: nothing overdue");
        assert_eq!(tooltip(1, Language::En), "Trato: 1 overdue promise");
        assert_eq!(tooltip(4, Language::Es), "Trato: 4 promesas vencidas");
    }

    #[test]
    fn the_app_icon_reads_as_a_picture_to_draw_on() {
        let base = base_picture().expect("icons/128x128.png decodes");
        assert_eq!((base.width, base.height, base.rgba.len()), (128, 128, 128 * 128 * 4));
    }
}
