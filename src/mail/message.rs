//! One message read into a plain struct: ids for threading, the parties
//! case-folded, a date no later than the reading, a short clean excerpt, and
//! whether a machine sent it. Anything in a message is hostile: every field is
//! bounded and stripped of what could deceive a terminal or a screen.

use chrono::{DateTime, Utc};
use mail_parser::{Address, HeaderValue, MessageParser};
use serde::{Deserialize, Serialize};

/// How much of one message is read: headers and the first text part fit in
/// it, a 50 MB attachment after them does not (see [`read`]).
pub const MAX_READ: usize = 1024 * 1024;
/// The excerpt kept of the body, in characters.
pub const MAX_EXCERPT: usize = 280;
pub const MAX_SUBJECT: usize = 200;
/// More ids or addresses than this in one header are not a person's mail.
const MAX_LIST: usize = 100;
const MAX_ID: usize = 250;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The Message-ID without its angle brackets; derived from the headers
    /// when the message has none (see [`derived_id`]).
    pub id: String,
    pub id_derived: bool,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// Case-folded addresses (see [`crate::mail::fold`]).
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// When it was sent, never after the moment it was read.
    pub date: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<DateNote>,
    pub subject: String,
    pub excerpt: String,
    /// Why a machine sent it, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<Machine>,
    pub out_of_office: bool,
}

/// Why a message's date is the reading's moment rather than its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateNote {
    /// It said it was sent later than it was read: a sender's clock that is
    /// wrong. The mail is real, so it is kept, dated when it was read (no
    /// entry may lie in the future, and a future date would hold an answer-by
    /// clock that never starts).
    Future,
    /// It had no date Trato could read.
    Missing,
}

/// The header that says a machine sent the message (never activity, never a reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Machine {
    /// RFC 3834 `Auto-Submitted:` with anything but `no`.
    AutoSubmitted,
    /// `X-Autoreply` or `X-Autorespond`.
    AutoReply,
    /// `Precedence: bulk`, `list` or `junk`.
    Bulk,
    /// `List-Id` or `List-Unsubscribe`: a mailing list or a newsletter.
    List,
    /// `X-Loop`.
    Loop,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("not a mail message: no header could be read")]
    NoHeaders,
}

/// Reads one message as received (`raw`), as of `now`. Only the first
/// [`MAX_READ`] bytes are parsed: what the journal keeps is in the headers and
/// the first text, and a huge attachment must cost neither time nor memory.
/// A cut part is malformed MIME, which the parser reads as far as it goes.
pub fn read(raw: &[u8], now: DateTime<Utc>) -> Result<Message, Unreadable> {
    let raw = &raw[..raw.len().min(MAX_READ)];
    let parsed = MessageParser::default().parse(raw).ok_or(Unreadable::NoHeaders)?;
    if parsed.headers().is_empty() {
        return Err(Unreadable::NoHeaders);
    }
    let raw_header = |name: &str| -> Option<String> {
        parsed.headers_raw().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string())
    };
    let has = |name: &str| parsed.headers_raw().any(|(n, _)| n.eq_ignore_ascii_case(name));

    let machine = machine(
        &raw_header("Auto-Submitted"),
        has("X-Autoreply") || has("X-Autorespond"),
        &raw_header("Precedence"),
        || has("List-Id") || has("List-Unsubscribe"),
        has("X-Loop"),
    );
    let subject = clean(parsed.subject().unwrap_or_default(), MAX_SUBJECT);
    let out_of_office = is_out_of_office(machine, &raw_header("Auto-Submitted"), &subject);

    let (date, date_note) = match parsed.date().and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)) {
        Some(d) if d > now => (now, Some(DateNote::Future)),
        Some(d) => (d, None),
        None => (now, Some(DateNote::Missing)),
    };
    let from = addresses(parsed.from());
    let to = addresses(parsed.to());
    let cc = addresses(parsed.cc());
    let own_id = parsed.message_id().map(clean_id).filter(|id| !id.is_empty());
    let id_derived = own_id.is_none();
    let id = own_id.unwrap_or_else(|| derived_id(&from, &to, raw_header("Date").as_deref().unwrap_or(""), &subject));
    Ok(Message {
        id,
        id_derived,
        in_reply_to: ids(parsed.in_reply_to()),
        references: ids(parsed.references()),
        from,
        to,
        cc,
        date,
        date_note,
        subject,
        excerpt: excerpt(parsed.body_text(0).as_deref().unwrap_or("")),
        machine,
        out_of_office,
    })
}

fn machine(
    auto_submitted: &Option<String>,
    auto_reply: bool,
    precedence: &Option<String>,
    list: impl FnOnce() -> bool,
    looped: bool,
) -> Option<Machine> {
    let first_word = |v: &str| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if auto_submitted.as_deref().is_some_and(|v| first_word(v) != "no") {
        Some(Machine::AutoSubmitted)
    } else if auto_reply {
        Some(Machine::AutoReply)
    } else if precedence.as_deref().is_some_and(|v| matches!(first_word(v).as_str(), "bulk" | "list" | "junk")) {
        Some(Machine::Bulk)
    } else if list() {
        Some(Machine::List)
    } else if looped {
        Some(Machine::Loop)
    } else {
        None
    }
}

/// The subjects mail programs give their absence replies, in the languages
/// Trato speaks. Only a machine's message is read this way: a person writing
/// "out of office" is still a person.
const ABSENCE_SUBJECTS: &[&str] =
    &["out of office", "automatic reply", "auto:", "autoreply", "away from", "respuesta automática", "fuera de la oficina", "ausente"];

/// An automatic reply (RFC 3834 `auto-replied`, `X-Autoreply`) or a machine's
/// message headed like one: it says when the client is away.
fn is_out_of_office(machine: Option<Machine>, auto_submitted: &Option<String>, subject: &str) -> bool {
    let subject = subject.to_lowercase();
    match machine {
        Some(Machine::AutoReply) => true,
        Some(Machine::AutoSubmitted) => {
            auto_submitted.as_deref().is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"))
                || ABSENCE_SUBJECTS.iter().any(|s| subject.starts_with(s))
        }
        _ => false,
    }
}

fn addresses(found: Option<&Address<'_>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in found.into_iter().flat_map(|a| a.iter()).take(MAX_LIST) {
        if let Some(address) = a.address.as_deref() {
            let folded = super::parties::fold(&clean(address, MAX_ID));
            if folded.contains('@') && !out.contains(&folded) {
                out.push(folded);
            }
        }
    }
    out
}

fn ids(found: &HeaderValue<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in found.as_text_list().unwrap_or_default().iter().take(MAX_LIST) {
        let id = clean_id(id);
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn clean_id(id: &str) -> String {
    clean(id.trim().trim_start_matches('<').trim_end_matches('>'), MAX_ID).replace(char::is_whitespace, "")
}

/// A stable id for a message without a Message-ID, from the headers that name
/// it: the same message read twice (from two folders, or two imports) gets
/// the same id. FNV-1a, written here because its output never changes between
/// Rust releases (std's hasher may); two 64-bit passes with different seeds.
pub fn derived_id(from: &[String], to: &[String], date: &str, subject: &str) -> String {
    let text = format!("{}\n{}\n{}\n{}", from.join(","), to.join(","), date.trim(), subject);
    let fnv = |seed: u64| text.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{:016x}{:016x}@derived.trato.invalid", fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142))
}

/// Characters that must not reach a terminal or a screen from someone else's
/// text: controls (escape sequences) and the bidirectional overrides and
/// isolates that make text read differently from how it is stored.
fn is_deceptive(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of at most `max` characters, whitespace runs as one space,
/// without deceptive characters.
fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in s.split(|c: char| c.is_whitespace() || is_deceptive(c)).filter(|w| !w.is_empty()) {
        for c in (!out.is_empty()).then_some(' ').into_iter().chain(word.chars()) {
            if count == max {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// The start of what the sender wrote: quoted lines (`>`) and what follows a
/// signature marker are someone else's words or boilerplate.
pub fn excerpt(body: &str) -> String {
    let own: Vec<&str> = body.lines().take_while(|l| l.trim_end() != "--").filter(|l| !l.trim_start().starts_with('>')).take(200).collect();
    clean(&own.join("\n"), MAX_EXCERPT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()
    }

    const PLAIN: &str = "From: Rosa Sol <Rosa@Panaderia-Sol.ES>\r\n\
To: ana@studio.example, \"Other\" <Other@Example.com>\r\n\
Cc: Luis <LUIS@panaderia-sol.es>\r\n\
Subject: =?UTF-8?Q?Men=C3=BA?= de marzo\r\n\
Date: Tue, 3 Mar 2026 10:00:00 +0100\r\n\
Message-ID: <abc.123@panaderia-sol.es>\r\n\
In-Reply-To: <prev@studio.example>\r\n\
References: <root@studio.example> <prev@studio.example>\r\n\
\r\n\
Hola Ana,\r\n\
\r\n\
  can you update the menu?\r\n\
> quoted from before\r\n\
-- \r\n\
Rosa, Panaderia Sol\r\n";

    #[test]
    fn a_person_s_message_is_read_into_ids_parties_date_subject_and_excerpt() {
        let m = read(PLAIN.as_bytes(), now()).unwrap();
        assert_eq!(m.id, "abc.123@panaderia-sol.es");
        assert!(!m.id_derived);
        assert_eq!(m.in_reply_to, ["prev@studio.example"]);
        assert_eq!(m.references, ["root@studio.example", "prev@studio.example"]);
        assert_eq!(m.from, ["rosa@panaderia-sol.es"], "addresses are case-folded");
        assert_eq!(m.to, ["ana@studio.example", "other@example.com"]);
        assert_eq!(m.cc, ["luis@panaderia-sol.es"]);
        assert_eq!(m.date, Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap());
        assert_eq!(m.date_note, None);
        assert_eq!(m.subject, "Menú de marzo", "an encoded word is decoded");
        assert_eq!(m.excerpt, "Hola Ana, can you update the menu?", "no quote, no signature, one line");
        assert_eq!(m.machine, None);
        assert!(!m.out_of_office);
    }

    fn with_header(h: &str) -> Message {
        read(format!("{h}\r\n{PLAIN}").as_bytes(), now()).unwrap()
    }

    #[test]
    fn each_machine_header_marks_the_message_as_machine_made() {
        for (h, why) in [
            ("Auto-Submitted: auto-generated", Machine::AutoSubmitted),
            ("Auto-Submitted: auto-replied", Machine::AutoSubmitted),
            ("X-Autoreply: yes", Machine::AutoReply),
            ("X-Autorespond: on", Machine::AutoReply),
            ("Precedence: bulk", Machine::Bulk),
            ("Precedence: List", Machine::Bulk),
            ("Precedence: junk", Machine::Bulk),
            ("List-Id: News <news.example.com>", Machine::List),
            ("List-Unsubscribe: <mailto:leave@example.com>", Machine::List),
            ("X-Loop: robot@example.com", Machine::Loop),
        ] {
            assert_eq!(with_header(h).machine, Some(why), "{h}");
        }
    }

    #[test]
    fn a_person_s_headers_that_look_automatic_do_not_mark_it() {
        for h in ["Auto-Submitted: no", "Auto-Submitted: No ; comment", "Precedence: first-class", "X-Auto-Response-Suppress: All"] {
            assert_eq!(with_header(h).machine, None, "{h}");
        }
    }

    #[test]
    fn an_absence_reply_is_told_from_other_machine_mail() {
        assert!(with_header("Auto-Submitted: auto-replied").out_of_office);
        assert!(with_header("X-Autoreply: yes").out_of_office);
        let exchange = read(
            PLAIN
                .replace("Subject: =?UTF-8?Q?Men=C3=BA?= de marzo", "Auto-Submitted: auto-generated\r\nSubject: Automatic reply: Menu")
                .as_bytes(),
            now(),
        )
        .unwrap();
        assert!(exchange.out_of_office, "Exchange says auto-generated and heads it 'Automatic reply'");
        assert!(!with_header("List-Id: <news.example.com>").out_of_office, "a newsletter is no absence");
        let person = read(PLAIN.replace("=?UTF-8?Q?Men=C3=BA?= de marzo", "Out of office next week").as_bytes(), now()).unwrap();
        assert!(!person.out_of_office, "a person saying they will be away is still a person writing");
    }

    #[test]
    fn a_date_in_the_future_is_the_moment_of_reading_and_says_so() {
        let m = read(PLAIN.replace("Tue, 3 Mar 2026", "Thu, 3 Mar 2039").as_bytes(), now()).unwrap();
        assert_eq!((m.date, m.date_note), (now(), Some(DateNote::Future)));
        let m = read(PLAIN.replace("Date: Tue, 3 Mar 2026 10:00:00 +0100\r\n", "").as_bytes(), now()).unwrap();
        assert_eq!((m.date, m.date_note), (now(), Some(DateNote::Missing)));
    }

    #[test]
    fn a_message_without_message_id_gets_the_same_derived_id_each_time() {
        let without = PLAIN.replace("Message-ID: <abc.123@panaderia-sol.es>\r\n", "");
        let a = read(without.as_bytes(), now()).unwrap();
        let b = read(without.as_bytes(), now() + chrono::Duration::days(3)).unwrap();
        assert!(a.id_derived);
        assert_eq!(a.id, b.id, "read again later, the same message is the same message");
        let other = read(without.replace("de marzo", "de abril").as_bytes(), now()).unwrap();
        assert_ne!(a.id, other.id);
        assert!(a.id.ends_with("@derived.trato.invalid"), "a derived id can never be someone's real Message-ID: {}", a.id);
    }

    #[test]
    fn deceptive_characters_never_reach_the_subject_or_the_excerpt() {
        let m = read(
            PLAIN
                .replace("=?UTF-8?Q?Men=C3=BA?= de marzo", "=?UTF-8?Q?Pay_=E2=80=AEgpj.exe?= \u{1b}[31mnow")
                .replace("can you update", "can \u{1b}]0;title\u{7} you \u{2067}update")
                .as_bytes(),
            now(),
        )
        .unwrap();
        assert!(!m.subject.chars().any(is_deceptive), "{:?}", m.subject);
        assert!(!m.excerpt.chars().any(is_deceptive), "{:?}", m.excerpt);
        assert!(m.subject.starts_with("Pay gpj.exe"), "{:?}", m.subject);
    }

    #[test]
    fn the_excerpt_is_bounded() {
        let long = PLAIN.replace("can you update the menu?", &"palabra ".repeat(2000));
        let m = read(long.as_bytes(), now()).unwrap();
        assert_eq!(m.excerpt.chars().count(), MAX_EXCERPT + 1, "cut with an ellipsis");
    }

    #[test]
    fn eight_bit_headers_and_unknown_charsets_are_read_not_refused() {
        let raw = b"From: Jos\xe9 <jose@cliente.es>\r\nSubject: Caf\xe9\r\nContent-Type: text/plain; charset=x-unknown-42\r\n\r\nHola \xff\xfe\r\n".to_vec();
        let m = read(&raw, now()).unwrap();
        assert_eq!(m.from, ["jose@cliente.es"]);
        assert!(!m.subject.is_empty());
        assert_eq!(read(b"", now()), Err(Unreadable::NoHeaders));
    }

    #[test]
    fn a_50_mb_attachment_is_not_read_past_the_first_megabyte() {
        let mut raw = PLAIN
            .replace(
                "\r\n\r\nHola Ana",
                "\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHola Ana",
            )
            .into_bytes();
        raw.extend_from_slice(b"\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        raw.extend(
            std::iter::repeat_n(
                b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n".as_slice(),
                50 * 1024 * 1024 / 78,
            )
            .flatten(),
        );
        raw.extend_from_slice(b"--b--\r\n");
        let started = std::time::Instant::now();
        let m = read(&raw, now()).unwrap();
        assert_eq!(m.excerpt, "Hola Ana, can you update the menu?");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "reading the headers must not decode 50 MB");
    }

    mod mutated {
        use super::*;
        use proptest::prelude::*;

        /// Bytes that make MIME and headers go wrong: boundaries, encodings, line breaks, 8-bit.
        const NASTY: &[&[u8]] = &[
            b"\r\n",
            b"\n",
            b"\r\n\r\n",
            b"=?",
            b"?=",
            b"=?utf-8?B?",
            b"=?x-unknown?Q?",
            b"--b",
            b"--b--",
            b"boundary=\"b\"",
            b"Content-Type: multipart/mixed; boundary=b\r\n",
            b"Content-Transfer-Encoding: base64\r\n",
            b"charset=\"koi8-r\"",
            b"<",
            b">",
            b"\xff\xfe",
            b"\xc3",
            b"\x00",
            b"\x1b[2J",
            b"\xe2\x80\xae",
            b":",
            b";",
            b"\"",
        ];

        fn mutated() -> impl Strategy<Value = Vec<u8>> {
            let edit = (any::<prop::sample::Index>(), 0usize..NASTY.len(), any::<u8>(), 0u8..4);
            prop::collection::vec(edit, 0..40).prop_map(|edits| {
                let mut raw = PLAIN.as_bytes().to_vec();
                for (at, nasty, byte, how) in edits {
                    let i = at.index(raw.len() + 1);
                    match how {
                        0 => raw.splice(i..i, NASTY[nasty].iter().copied()).for_each(drop),
                        1 if i < raw.len() => raw[i] = byte,
                        2 => raw.truncate(i),
                        _ if i < raw.len() => drop(raw.remove(i)),
                        _ => {}
                    }
                }
                raw
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            #[test]
            fn a_mutated_message_never_panics_and_stays_bounded(raw in mutated()) {
                if let Ok(m) = read(&raw, now()) {
                    prop_assert!(m.excerpt.chars().count() <= MAX_EXCERPT + 1);
                    prop_assert!(m.subject.chars().count() <= MAX_SUBJECT + 1);
                    prop_assert!(!m.subject.chars().chain(m.excerpt.chars()).any(is_deceptive));
                    prop_assert!(m.date <= now());
                    prop_assert!(!m.id.is_empty());
                }
            }

            #[test]
            fn a_mutated_mbox_never_panics(raw in mutated()) {
                let mut mbox = b"From a@x 2026\n".to_vec();
                mbox.extend_from_slice(&raw);
                for piece in crate::mail::mbox::Mbox::new(mbox.as_slice()).flatten() {
                    let _ = read(&piece.bytes, now());
                }
            }
        }
    }
}
