//! User text made safe to print: characters that would reorder or hide the
//! text around them removed, clipped to what a page can hold, and escaped for
//! HTML and CSS.

/// The longest a client's name is printed; past it, it ends with "…".
pub const NAME: usize = 80;
/// The longest an entry's summary, a reason or a note is printed.
pub const FIELD: usize = 160;
/// The longest a comment or the client's availability is printed.
pub const LONG: usize = 320;

/// Direction overrides, embeddings and isolates (a name with U+202E would
/// print the rest of its line backwards), direction marks, and controls.
fn unprintable(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
        || (c.is_control() && !c.is_whitespace())
}

/// One line of user text: unprintable characters dropped, every run of
/// whitespace (line breaks included) made one space, at most `max` characters
/// (the last one "…" when clipped).
pub fn line(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(4)));
    let mut count = 0;
    let mut space = false;
    // One past the limit is enough to know it was clipped; a 10 MB paste is not read whole.
    for c in s.chars().filter(|c| !unprintable(*c)) {
        if count > max {
            break;
        }
        if c.is_whitespace() {
            space = count > 0;
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
            count += 1;
        }
        out.push(c);
        count += 1;
    }
    if count <= max {
        return out;
    }
    let mut clipped: String = out.chars().take(max.saturating_sub(1)).collect();
    clipped.truncate(clipped.trim_end().len());
    clipped.push('…');
    clipped
}

/// Text for an HTML element or a double-quoted attribute.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a double-quoted CSS string inside a `<style>` element: anything
/// that could end the string, the rule or the element is written as an escape.
pub fn css(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || (!c.is_ascii() && !unprintable(c)) || " .,:;·–—-/()+".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_loses_direction_overrides_and_line_breaks() {
        assert_eq!(line("  Panadería\u{202E}Sol \n\n S.L.\u{0007} ", 100), "PanaderíaSol S.L.");
    }

    #[test]
    fn a_long_line_is_clipped_with_an_ellipsis() {
        assert_eq!(line("ñññññ ñññññ", 7), "ñññññ…", "the space before the cut goes too");
        assert_eq!(line(&"x".repeat(10_000), 120).chars().count(), 120);
        assert_eq!(line("abc", 3), "abc", "exactly the limit is not clipped");
    }

    #[test]
    fn html_and_css_escapes_leave_no_markup() {
        assert_eq!(html(r#"<script>alert("x")</script> & 'y'"#), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        let escaped = css("</style>\"x\\");
        assert!(!escaped.contains('<') && !escaped.contains('"') && !escaped.contains("\\\\"), "{escaped}");
    }
}
