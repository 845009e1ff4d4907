//! An mbox read as a stream of messages, one at a time and each bounded: a
//! mailbox of any size costs the memory of one message's first megabyte. The
//! last message of a cut file (a copy that stopped, a full disk) is told apart
//! from the whole ones before it.

use std::io::{self, BufRead};

use super::message::MAX_READ;

/// One message of an mbox, as far as it is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Its first [`MAX_READ`] bytes, `>From ` lines unescaped.
    pub bytes: Vec<u8>,
    /// Its whole size in bytes.
    pub size: u64,
    /// The file ended inside it: its end is missing.
    pub cut: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum MboxError {
    #[error("not an mbox: it does not start with a 'From ' line")]
    NotAnMbox,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The messages of an mbox, in order.
pub struct Mbox<R> {
    reader: R,
    /// The separator line that starts the next message has been read.
    next_started: bool,
    first: bool,
    done: bool,
}

impl<R: BufRead> Mbox<R> {
    pub fn new(reader: R) -> Self {
        Mbox { reader, next_started: false, first: true, done: false }
    }
}

/// How much of one line is kept: a header line or a line of base64 is far shorter;
/// a longer one is cut, the rest of it read past.
const MAX_LINE: usize = 64 * 1024;

/// One line into `line` (its first [`MAX_LINE`] bytes), its whole length,
/// and whether it ended with a line break; `None` at the end of the file.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<(u64, bool)>> {
    line.clear();
    let mut total = 0u64;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((total > 0).then_some((total, false)));
        }
        let (take, ended) = match buf.iter().position(|b| *b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_LINE.saturating_sub(line.len()).min(take);
        line.extend_from_slice(&buf[..room]);
        reader.consume(take);
        total += take as u64;
        if ended {
            return Ok(Some((total, true)));
        }
    }
}

fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ")
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b'\r' | b'\n'))
}

/// `>From `, `>>From `…: a body line that was escaped so as not to look like a separator.
fn unescaped(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|b| **b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

/// The multipart boundary the headers declare, if any: its closing line proves the end arrived.
fn boundary(headers: &[u8]) -> Option<Vec<u8>> {
    // Bytes, not text: a lossy decoding of 8-bit headers would move the offsets.
    let key = b"boundary=";
    let at = headers.windows(key.len()).position(|w| w.eq_ignore_ascii_case(key))? + key.len();
    let original = &headers[at..];
    let value: Vec<u8> = if original.first() == Some(&b'"') {
        original[1..].iter().take_while(|b| **b != b'"').copied().collect()
    } else {
        original.iter().take_while(|b| !matches!(b, b';' | b'\r' | b'\n' | b' ' | b'\t')).copied().collect()
    };
    (!value.is_empty()).then_some(value)
}

impl<R: BufRead> Iterator for Mbox<R> {
    type Item = Result<Piece, MboxError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        if self.first {
            self.first = false;
            // Blank lines before the first separator are harmless; anything else is not an mbox.
            loop {
                match read_line(&mut self.reader, &mut line) {
                    Err(e) => return self.fail(e.into()),
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(_)) if is_blank(&line) => continue,
                    Ok(Some(_)) if is_separator(&line) => break,
                    Ok(Some(_)) => return self.fail(MboxError::NotAnMbox),
                }
            }
        } else if !self.next_started {
            self.done = true;
            return None;
        }
        self.next_started = false;
        let mut piece = Piece { bytes: Vec::new(), size: 0, cut: false };
        let (mut in_headers, mut closing, mut closed) = (true, None::<Vec<u8>>, false);
        let mut previous_blank = false;
        let mut last_ended = true;
        loop {
            let (len, ended) = match read_line(&mut self.reader, &mut line) {
                Err(e) => return self.fail(e.into()),
                Ok(None) => {
                    self.done = true;
                    // Cut: the last line stopped mid-way, the headers never ended,
                    // or a multipart message never closed its parts.
                    piece.cut = !last_ended || in_headers || (closing.is_some() && !closed);
                    return Some(Ok(piece));
                }
                Ok(Some(found)) => found,
            };
            last_ended = ended;
            if previous_blank && is_separator(&line) {
                self.next_started = true;
                return Some(Ok(piece));
            }
            piece.size += len;
            // The blank line before a separator belongs to the mbox, not the message: held back
            // until the next line shows which it is.
            if previous_blank {
                push(&mut piece.bytes, b"\n");
            }
            previous_blank = is_blank(&line);
            if previous_blank {
                if in_headers {
                    in_headers = false;
                    closing = boundary(&piece.bytes).map(|b| [b"--".as_slice(), &b, b"--"].concat());
                }
                continue;
            }
            if let Some(end) = &closing {
                closed |= line.trim_ascii_end() == end.as_slice();
            }
            push(&mut piece.bytes, unescaped(&line));
        }
    }
}

impl<R> Mbox<R> {
    fn fail(&mut self, e: MboxError) -> Option<Result<Piece, MboxError>> {
        self.done = true;
        Some(Err(e))
    }
}

fn push(bytes: &mut Vec<u8>, line: &[u8]) {
    let room = MAX_READ.saturating_sub(bytes.len()).min(line.len());
    bytes.extend_from_slice(&line[..room]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &[u8]) -> Vec<Piece> {
        Mbox::new(text).collect::<Result<Vec<_>, _>>().unwrap()
    }

    const TWO: &str = "From a@x Tue Mar  3 10:00:00 2026\nSubject: one\n\nHello\n>From the start\n\nFrom b@x Tue Mar  3 11:00:00 2026\nSubject: two\n\nBye\n";

    #[test]
    fn messages_are_split_at_separators_after_a_blank_line_and_unescaped() {
        let p = pieces(TWO.as_bytes());
        assert_eq!(p.len(), 2);
        assert_eq!(String::from_utf8_lossy(&p[0].bytes), "Subject: one\n\nHello\nFrom the start\n");
        assert_eq!(String::from_utf8_lossy(&p[1].bytes), "Subject: two\n\nBye\n");
        assert!(!p[0].cut && !p[1].cut);
    }

    #[test]
    fn a_from_line_inside_a_paragraph_is_not_a_separator() {
        let p = pieces(b"From a@x 2026\nSubject: one\n\nHello\nFrom me, Ana\n");
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn a_file_cut_mid_line_or_mid_headers_or_mid_parts_says_its_last_message_is_cut() {
        let cut_line = &TWO.as_bytes()[..TWO.len() - 2];
        assert_eq!(pieces(cut_line).iter().map(|p| p.cut).collect::<Vec<_>>(), [false, true]);
        assert!(pieces(b"From a@x 2026\nSubject: one\nTo: b@x\n")[0].cut, "the headers never ended");
        let parts = "From a@x 2026\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\n\nHello\n--zz\n";
        assert!(pieces(parts.as_bytes())[0].cut, "the parts never closed");
        let whole = format!("{parts}\n--zz--\n");
        assert!(!pieces(whole.as_bytes())[0].cut);
    }

    #[test]
    fn the_boundary_is_found_after_8_bit_headers() {
        // Found by the mutated-message proptest: offsets taken in a lossy decoding of the
        // headers pointed past them (a panic) or at the wrong bytes (a whole message called cut).
        let text = b"From a@x 2026\nSubject: Caf\xe9 \xe9\xe9\xe9\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n\nHola\n--zz--\n";
        assert!(!pieces(text)[0].cut);
    }

    #[test]
    fn a_file_that_is_no_mbox_is_refused_and_an_empty_one_is_empty() {
        assert!(matches!(Mbox::new(b"Subject: hi\n\nbody\n".as_slice()).next(), Some(Err(MboxError::NotAnMbox))));
        assert!(pieces(b"").is_empty());
        assert!(pieces(b"\n\n").is_empty());
    }

    #[test]
    fn a_huge_message_is_kept_to_its_first_megabyte_and_counted_whole() {
        let mut text = b"From a@x 2026\nSubject: big\n\n".to_vec();
        let line = [b'A'; 76];
        for _ in 0..(3 * 1024 * 1024 / 77) {
            text.extend_from_slice(&line);
            text.push(b'\n');
        }
        text.extend_from_slice(b"\nFrom b@x 2026\nSubject: small\n\nhi\n");
        let p = pieces(&text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].bytes.len(), MAX_READ);
        assert!(p[0].size > 3_000_000);
        assert_eq!(String::from_utf8_lossy(&p[1].bytes), "Subject: small\n\nhi\n");
    }
}
