//! From a file's bytes to clean text: whichever encoding the exporting program
//! chose, the readers see the same Unicode, NFC-normalised.

use encoding_rs::{Encoding, UTF_8};
use unicode_normalization::UnicodeNormalization;

use super::ContactsError;

/// The file's text. A BOM decides; without one, UTF-8 if the bytes are valid
/// UTF-8, else the code page chardetng finds most likely (desktop Outlook and
/// Excel write the system's, Windows-1252 in Western Europe).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, ContactsError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok(text.nfc().collect()),
            Err(_) => {
                if let Some(text) = join_split_characters(bytes).and_then(|b| String::from_utf8(b).ok()) {
                    return Ok(text.nfc().collect());
                }
                let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                (detector.guess(None, chardetng::Utf8Detection::Deny), bytes)
            }
        },
    };
    // Replacement characters would be mojibake in a client's name: refuse instead.
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let what = if encoding == UTF_8 { "invalid UTF-8".to_string() } else { format!("invalid {}", encoding.name()) };
        return Err(ContactsError::Encoding { detail: what });
    }
    Ok(text.nfc().collect())
}

/// A vCard folded at 75 octets by a writer that didn't mind characters, one
/// split in two across the fold ("Luc\xC3\r\n \xADa"), put back together as
/// RFC 6350 §3.2 asks readers to; `None` when there is no such fold. Only folds
/// between a non-ASCII byte and a UTF-8 continuation byte are joined: valid
/// text has none, so nothing else changes, and a Windows-1252 file goes on to
/// chardetng as before.
fn join_split_characters(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.windows(11).any(|w| w.eq_ignore_ascii_case(b"BEGIN:VCARD")) {
        return None;
    }
    let continuation = |b: &u8| (0x80..0xC0).contains(b);
    let (mut out, mut i, mut joined) = (Vec::with_capacity(bytes.len()), 0, false);
    while let Some(&b) = bytes.get(i) {
        let fold = match &bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', next, ..] if continuation(next) => 3,
            [b'\n', b' ' | b'\t', next, ..] if continuation(next) => 2,
            _ => 0,
        };
        if fold > 0 && out.last().is_some_and(|last: &u8| *last >= 0x80) {
            i += fold;
            joined = true;
        } else {
            out.push(b);
            i += 1;
        }
    }
    joined.then_some(out)
}

/// A field's text as a record keeps it: trimmed, NFC. Line breaks inside stay
/// (notes), but Windows' CRLF becomes LF so notes compare equal across files.
pub(crate) fn clean(s: &str) -> String {
    let s: String = s.trim().nfc().collect();
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

/// `Some(cleaned)` unless the field is blank.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = clean(s);
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_le_and_be_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Lucía ñ 🍞".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "Lucía ñ 🍞");
        assert_eq!(decode(&be).unwrap(), "Lucía ñ 🍞");
    }

    #[test]
    fn utf8_bom_is_dropped_and_text_is_nfc() {
        let bytes = b"\xEF\xBB\xBFLuci\xCC\x81a";
        assert_eq!(decode(bytes).unwrap(), "Lucía");
    }

    #[test]
    fn windows_1252_without_bom_is_guessed() {
        let bytes = b"Nombre,Apellidos\r\nLuc\xEDa,Fern\xE1ndez Mu\xF1oz\r\nJos\xE9,Pe\xF1a\r\n";
        assert_eq!(decode(bytes).unwrap(), "Nombre,Apellidos\r\nLucía,Fernández Muñoz\r\nJosé,Peña\r\n");
    }

    #[test]
    fn a_vcard_folded_inside_a_character_is_put_back_together() {
        let bytes = b"BEGIN:VCARD\r\nFN:Luc\xC3\r\n \xADa Fern\xC3\n\t\xA1ndez\r\n \xF0\x9F\r\n \x8C\x9F\r\nEND:VCARD\r\n";
        assert_eq!(decode(bytes).unwrap(), "BEGIN:VCARD\r\nFN:Lucía Fernández\r\n 🌟\r\nEND:VCARD\r\n");
        // Not a vCard: the same bytes are Windows-1252 text, left to chardetng.
        assert_eq!(join_split_characters(b"Nombre\r\nJos\xC3\r\n \xADa"), None);
    }

    #[test]
    fn clean_trims_and_unifies_line_breaks() {
        assert_eq!(clean("  a\r\nb\rc "), "a\nb\nc");
        assert_eq!(non_empty("   "), None);
    }
}
