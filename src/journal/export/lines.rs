//! Content lines as vCard (RFC 6350 §3.2) and iCalendar (RFC 5545 §3.1) write
//! them: text escaped, CRLF after every line, folded at 75 octets without ever
//! cutting a UTF-8 sequence in two (a cut character shows as garbage in every reader).

/// The longest line a reader must accept, in octets, without its CRLF.
pub const MAX_OCTETS: usize = 75;

/// A TEXT value with `\`, `,`, `;` and line breaks escaped. A CR (of a CRLF
/// written on Windows) goes: the escaped `\n` already carries the break.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded: a line longer than 75 octets goes on in
/// lines that start with a space, each at most 75 octets with that space.
pub fn push(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > MAX_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_and_windows_breaks_become_one() {
        assert_eq!(escape("a\\b, c; d\r\ne\nf"), "a\\\\b\\, c\\; d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("NOTE:{}", "ñ😀".repeat(40));
        push(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_OCTETS, "a line of {} octets: {l}", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), line, "unfolding gives the line back");
    }
}
