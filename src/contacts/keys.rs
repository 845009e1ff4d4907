//! Keys that tell when two records are the same person, whatever way each
//! file wrote the phone, the e-mail or the name.

use std::cell::RefCell;
use std::collections::HashMap;

use phonenumber::{country, Mode};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The phone as E.164 ("+34600123456"), reading numbers without a country
/// code as in `default_region` (an ISO code such as "ES"). `None` when it
/// isn't a valid number there, so junk never matches junk.
pub fn phone_key(raw: &str, default_region: &str) -> Option<String> {
    // Parsing a phone number is the costliest step of an import's preview, and
    // the same number is keyed several times (the record's fingerprint, the
    // match, the index of the clients it merges into): remember the answers.
    thread_local! {
        static KNOWN: RefCell<HashMap<(String, String), Option<String>>> = RefCell::new(HashMap::new());
    }
    let key = (raw.to_string(), default_region.to_string());
    if let Some(known) = KNOWN.with(|k| k.borrow().get(&key).cloned()) {
        return known;
    }
    let parsed = parse_phone(raw, default_region);
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        // Bounded: a long-running app imports many files.
        if k.len() >= 200_000 {
            k.clear();
        }
        k.insert(key, parsed.clone());
    });
    parsed
}

fn parse_phone(raw: &str, default_region: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("tel:").unwrap_or(raw);
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    let region = default_region.trim().to_ascii_uppercase().parse::<country::Id>().ok();
    let number = phonenumber::parse(region, raw).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    Some(number.format().mode(Mode::E164).to_string())
}

/// The e-mail as a key: trimmed and lowercased (providers treat the local part
/// case-insensitively in practice, and people type it both ways).
pub fn email_key(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// The name as a key for "possible duplicate": "Lucía  FERNÁNDEZ" and
/// "lucia fernandez" match. Accents go, case folds, whitespace collapses.
pub fn name_key(s: &str) -> String {
    let folded: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a written e-mail is one: a local part, one `@`, a dotted domain,
/// nothing that can't be in an address. Deliberately loose: a strict RFC 5322
/// check would reject addresses people really use.
pub(crate) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, ',' | ';' | '<' | '>' | '(' | ')' | '[' | ']' | '\\' | '"');
    !local.is_empty()
        && !local.chars().any(bad)
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.chars().any(|c| bad(c) || c == '@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_written_differently_share_a_key() {
        assert_eq!(phone_key("+34 600 123 456", "ES").as_deref(), Some("+34600123456"));
        assert_eq!(phone_key("600123456", "es").as_deref(), Some("+34600123456"));
        assert_eq!(phone_key("0034 600-123-456", "ES").as_deref(), Some("+34600123456"));
        assert_eq!(phone_key("tel:+34-600-123-456", "ES").as_deref(), Some("+34600123456"));
        assert_eq!(phone_key("(415) 555-2671", "US").as_deref(), Some("+14155552671"));
    }

    #[test]
    fn junk_is_no_phone() {
        assert_eq!(phone_key("123", "ES"), None);
        assert_eq!(phone_key("llamar por la tarde", "ES"), None);
        assert_eq!(phone_key("600123456", "not a region"), None);
        assert_eq!(phone_key("", "ES"), None);
    }

    #[test]
    fn emails_fold_case_and_space() {
        assert_eq!(email_key("  Lucia@PanaderiaSol.es "), "lucia@panaderiasol.es");
    }

    #[test]
    fn names_fold_accents_case_and_space() {
        assert_eq!(name_key("  Lucía   FERNÁNDEZ\tMuñoz "), "lucia fernandez munoz");
        assert_eq!(name_key("Luci\u{301}a"), name_key("Lucía"));
    }

    #[test]
    fn what_counts_as_an_email() {
        assert!(looks_like_email("lucia@panaderiasol.es"));
        assert!(looks_like_email("o'brien+tag@mail.example.co.uk"));
        for bad in ["", "lucia", "lucia@", "@x.es", "lucia@localhost", "a b@x.es", "a@b@x.es", "a@x..es", "llamar@"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
