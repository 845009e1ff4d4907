//! What the system says: its zone and its language, read from the environment,
//! its fonts, and its keychain (`keychain`: the passwords of mail accounts).
//! Only the faces call these (the CLI's `run`, the app's start and its calls),
//! and hand what they read to the core in a `Clock`: nothing below them reads
//! the environment, so every rule can be replayed in any zone and language.

pub mod keychain;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::time::Clock;
use crate::domain::Language;
use crate::summary::{Face, SummaryError};

/// The system's zone: `TZ` when it names an IANA zone (as the C library
/// honours it, `:Europe/Madrid` included), else the machine's configured zone;
/// UTC when it can't be told.
pub fn time_zone() -> Tz {
    let from_env = std::env::var("TZ").ok().and_then(|z| z.trim_start_matches(':').parse().ok());
    from_env.or_else(|| iana_time_zone::get_timezone().ok().and_then(|z| z.parse().ok())).unwrap_or(Tz::UTC)
}

/// Spanish when the system's locale is Spanish, English otherwise.
pub fn language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty())).unwrap_or_default();
    if locale.to_lowercase().starts_with("es") {
        Language::Es
    } else {
        Language::En
    }
}

/// The system's clock at `now`: its zone, and its language. Read afresh on
/// each call, as a laptop may cross zones while Trato runs in its tray.
pub fn clock(now: DateTime<Utc>) -> Clock {
    Clock::new(now, time_zone()).speaking(language())
}

/// DejaVu Sans, the typeface summaries are printed in, from the system's
/// fonts, read once per process. Debian's fonts-dejavu-core puts it in
/// `<data folder>/fonts/truetype/dejavu`; the data folders are the system's
/// (`XDG_DATA_DIRS`), then /usr/local/share and /usr/share, which a desktop
/// session's own list may leave out.
pub fn typeface() -> Result<&'static Face, SummaryError> {
    static FACE: OnceLock<Face> = OnceLock::new();
    if let Some(face) = FACE.get() {
        return Ok(face);
    }
    let listed = std::env::var_os("XDG_DATA_DIRS").unwrap_or_default();
    let mut data: Vec<PathBuf> = std::env::split_paths(&listed).filter(|d| d.is_absolute()).collect();
    data.extend(["/usr/local/share", "/usr/share"].map(PathBuf::from));
    let face = typeface_in(&data.iter().map(|d| d.join("fonts/truetype/dejavu")).collect::<Vec<_>>())?;
    // Two first calls at once each load it; one is kept, the other's bytes stay unused.
    Ok(FACE.get_or_init(|| face))
}

/// DejaVu Sans from the first of `folders` that holds both weights.
fn typeface_in(folders: &[PathBuf]) -> Result<Face, SummaryError> {
    // DejaVu Sans is under 1 MB a weight; anything far larger is not it.
    const MOST: u64 = 16 << 20;
    let read = |path: &Path| -> Option<&'static [u8]> {
        let mut bytes = Vec::new();
        std::fs::File::open(path).ok()?.take(MOST + 1).read_to_end(&mut bytes).ok()?;
        // Leaked on purpose: the face borrows them for the rest of the program.
        (bytes.len() as u64 <= MOST).then(|| &*Box::leak(bytes.into_boxed_slice()))
    };
    folders
        .iter()
        .find_map(|folder| Face::new(read(&folder.join("DejaVuSans.ttf"))?, read(&folder.join("DejaVuSans-Bold.ttf"))?))
        .ok_or_else(|| SummaryError::Font(folders.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typeface_is_read_from_the_system_and_its_absence_is_refused_naming_where_it_was_looked_for() {
        assert!(typeface().is_ok(), "DejaVu Sans (fonts-dejavu-core) is installed on every machine that builds Trato");
        let empty = std::env::temp_dir().join(format!("trato-no-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::write(empty.join("DejaVuSans.ttf"), b"not a font").unwrap();
        std::fs::write(empty.join("DejaVuSans-Bold.ttf"), b"not a font").unwrap();
        let refused = typeface_in(&[empty.join("missing"), empty.clone()]).err().expect("no font there");
        let refusal = refused.refusal();
        assert_eq!(refusal.code, crate::domain::Code::SummaryFont);
        assert!(refusal.detail.as_deref().is_some_and(|d| d.contains("missing") && d.contains(&*empty.to_string_lossy())), "{refusal:?}");
        std::fs::remove_dir_all(&empty).unwrap();
    }
}
