//! The file an import reads, before it is parsed as JSON: read only up to
//! [`MAX_BYTES`], and looked over for what JSON's own errors would put badly
//! (an empty file, lists and objects nested deeper than any export nests them).

use std::io::Read;
use std::path::Path;

use super::InterchangeError;

/// The largest file `trato import` reads: 256 MiB. An export of a busy
/// practice's ten years (a few thousand entries a year, each with its history)
/// is a few tens of MiB; reading goes through memory whole (the import is one
/// transaction, checked before anything is written), at a few times its size.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How deep lists and objects may nest: an export nests them about 10 deep
/// (the document, its entries, an entry, its history, a change, its snapshot,
/// the details, their events, an event, its due date). A file nested deeper is
/// no export, and JSON's own reader would stop at 128 with a message about
/// whatever it was reading then.
pub const MAX_DEPTH: usize = 32;

/// The text of the file at `path`, refused before it is read when it is larger than [`MAX_BYTES`].
pub fn read(path: &Path) -> Result<String, InterchangeError> {
    let unreadable = |source| InterchangeError::Unreadable { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(InterchangeError::TooLarge { path: path.to_path_buf(), size });
    }
    // The size a file says it has is not a promise (a pipe, a file still growing): read one byte more at most.
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(InterchangeError::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64 });
    }
    String::from_utf8(bytes).map_err(|e| {
        let place = position(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        InterchangeError::Invalid { place, message: "the file is not UTF-8 text: a Trato export always is".into() }
    })
}

/// Refuses, before JSON is parsed, a text with nothing in it and one nested
/// deeper than [`MAX_DEPTH`].
pub fn look_over(text: &str) -> Result<(), InterchangeError> {
    if text.trim().is_empty() {
        return Err(InterchangeError::Empty);
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            _ if in_string => {}
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(InterchangeError::TooDeep { place: position(&text.as_bytes()[..i]) });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// `line L, column C` of the byte after `before`, counted the way JSON's errors count them.
fn position(before: &[u8]) -> String {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    format!("line {line}, column {column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_only() {
        assert!(look_over(&format!("{{\"summary\": \"{}\"}}", "[{".repeat(100))).is_ok(), "brackets in text are text");
        assert!(look_over(&format!("{{\"summary\": \"\\\"{}\"}}", "[".repeat(100))).is_ok(), "an escaped quote does not end the text");
        let err = look_over(&format!("{{\"a\":\n{}", "[".repeat(MAX_DEPTH))).expect_err("one level too deep");
        assert!(matches!(&err, InterchangeError::TooDeep { place } if place == "line 2, column 32"), "{err}");
    }
}
