//! Importing an mbox into the journal of a busy practice (issue 20): 10,000
//! messages, 1,000 of them to or from 200 of its 10,000 clients, imported by
//! `trato::journal::mailbox::import` as `trato mail import` does, into the
//! 100k-entry journal of benches/practice. Goal: ≤ 10 s, in memory that does
//! not grow with the mbox (it is streamed, one message at a time).
//!
//! The mbox is generated, seeded, the same on every machine: the headers real
//! mail carries (Received, DKIM, Gmail's labels), plain, quoted-printable and
//! HTML bodies, multipart messages, a large attachment now and then, threads
//! by In-Reply-To and References, newsletters, notifications, absence
//! replies, messages without a Message-ID, 8-bit headers and escaped `From `
//! lines. It is written once to target/bench-data/ (with the journal, the
//! user's address added) and reused.
//!
//! `cargo bench --bench mail` measures the import. `TRATO_MBOX_SCALES=1,10
//! cargo bench --bench mail -- prepare-only` writes the files only, for a
//! scale of 1 and of 10 (a 10× mbox: 100,000 messages, 10,000 of them from the
//! same 200 clients), and prints their paths: the peak memory of the `trato`
//! command on them is measured by `.ci/measure-mail-import`.

mod practice;

use std::fs::File;
use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration as Elapsed, Instant};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use practice::{journal_file, now, plans, Plan, Rng};
use trato::journal::mailbox::{self, FileImport};
use trato::journal::Clock;
use trato::store::migrations::{latest, MIGRATIONS};
use trato::store::Store;

/// Part of the generated files' names: change it with anything that changes what is generated.
const GENERATOR_VERSION: u32 = 1;
/// Messages at scale 1, and how many of them are a client's.
const MESSAGES: usize = 10_000;
const CLIENT_MESSAGES: usize = 1_000;
/// The clients that write: every 50th of the practice's 10,000.
const WRITING_CLIENTS: usize = 200;
/// The journal with 10 entries a client (100k entries).
const PER_CLIENT: usize = 10;
/// The journal Today's goal is set on: 100 entries a client (1M entries).
const TODAY_PER_CLIENT: usize = 100;

const ME: (&str, &str) = ("Ana Ruiz", "ana@estudio-ana.es");

// ------------------------------------------------------------------ what mail says

const ASKS: &[&str] = &[
    "Actualizar el menú de la web",
    "Añadir el horario de verano",
    "Presupuesto para la tienda online",
    "El formulario de contacto no envía nada",
    "Fotos nuevas para la galería",
    "Traducir la página de inicio al inglés",
    "Factura de febrero",
    "Cambiar las fotos de los ramos de novia",
    "Publicar el calendario de cursos",
    "¿Podemos hablar el jueves?",
];
const LINES: &[&str] = &[
    "Hola Ana, ¿qué tal?",
    "Te escribo porque necesitamos cambiar algunas cosas de la web antes del fin de semana.",
    "Los precios de la carta han subido un poco y hay dos platos nuevos.",
    "¿Podrías mirarlo esta semana? Nos corre bastante prisa.",
    "Te adjunto lo que me pediste, avísame si falta algo.",
    "Muchas gracias por todo, como siempre.",
    "From the start we said the booking page had to work on mobile phones.",
    "El martes estaremos cerrados por inventario, así que mejor el miércoles.",
    "Un abrazo y buena semana.",
    "Quedo a la espera de tus noticias.",
];
const REPLIES: &[&str] = &[
    "¡Hola! Hecho: ya está publicado, échale un vistazo cuando puedas.",
    "Gracias por avisar. Lo miro mañana a primera hora y te digo algo.",
    "Perfecto, el jueves a las 10:00 me va bien. Te llamo yo.",
    "Te mando el presupuesto esta tarde; son unas 12 horas de trabajo.",
];
const FRIENDS: &[(&str, &str)] = &[
    ("Marta Gil", "marta.gil@gmail.com"),
    ("Jorge Pérez", "jorge.perez@hotmail.com"),
    ("Lucía Fernández", "lucia.fernandez@yahoo.es"),
    ("Pablo", "pablo@outlook.com"),
    ("Carmen Díaz", "carmen@coworking-sur.example"),
    ("Iñaki Etxeberria", "inaki@etxe-design.example"),
];
const TOPICS: &[&str] = &[
    "Cena del viernes",
    "Fotos de la boda",
    "Re: el coworking en agosto",
    "Libro que te dije",
    "¿Quedamos para el pádel?",
    "Facturas del trimestre (gestoría)",
    "Propuesta de colaboración",
];
const SENDERS: &[(&str, &str, &str)] = &[
    ("Boletín Diseño Web", "news@boletin-diseno.example", "<boletin.boletin-diseno.example>"),
    ("Figma", "no-reply@figma.com", "<product-updates.figma.com>"),
    ("La Tienda de Fotografía", "ofertas@tiendafoto.example", "<ofertas.tiendafoto.example>"),
    ("Smashing Magazine", "newsletter@smashingmagazine.com", "<newsletter.smashingmagazine.com>"),
    ("Ayuntamiento", "boletin@ayto.example", "<boletin.ayto.example>"),
];
const ROBOTS: &[(&str, &str, &str)] = &[
    ("GitHub", "notifications@github.com", "[estudio-ana/web] New issue"),
    ("Banco", "alertas@banco.example", "Se ha realizado un cargo en su cuenta"),
    ("Google Calendar", "calendar-notification@google.com", "Recordatorio: reunión de equipo"),
    ("Hosting", "soporte@hosting.example", "Su dominio caduca en 30 días"),
];

// ------------------------------------------------------------------ a message, before its bytes

#[derive(Clone, Copy, PartialEq, Eq)]
enum Made {
    Person,
    /// A newsletter: List-Id, List-Unsubscribe, Precedence: bulk.
    Newsletter,
    /// Auto-Submitted: auto-generated.
    Notification,
    /// An absence reply (Auto-Submitted: auto-replied, X-Autoreply).
    AbsenceReply,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Plain,
    QuotedPrintable,
    /// multipart/alternative: text and HTML.
    Alternative,
    /// A newsletter's HTML (and its text), of about this many bytes.
    Html(usize),
    /// multipart/mixed with an attachment of about this many bytes.
    Attachment(usize),
}

struct Mail {
    at: DateTime<Utc>,
    /// `None`: the message has no Message-ID (Trato derives one).
    id: Option<String>,
    from: (String, String),
    to: Vec<(String, String)>,
    cc: Vec<(String, String)>,
    subject: String,
    /// The messages it answers, oldest first; the last is In-Reply-To.
    references: Vec<String>,
    made: Made,
    body: Body,
    list_id: Option<&'static str>,
    seed: u64,
}

fn person(name: &str, address: &str) -> (String, String) {
    (name.to_string(), address.to_string())
}

fn me() -> (String, String) {
    person(ME.0, ME.1)
}

/// An attachment now and then: one message in 20 has one (30–300 kB), one in 200 a large one (2–8 MB).
fn body(rng: &mut Rng, usual: Body) -> Body {
    match rng.below(1000) {
        0..=4 => Body::Attachment(2_000_000 + rng.below(6_000_000)),
        5..=54 => Body::Attachment(30_000 + rng.below(270_000)),
        _ => usual,
    }
}

/// Generates the messages of a mailbox of `MESSAGES × scale`, in the order of their dates.
struct Mailbox {
    rng: Rng,
    out: Vec<Mail>,
    serial: u64,
}

impl Mailbox {
    fn id(&mut self, domain: &str) -> String {
        self.serial += 1;
        format!("{:016x}.{}@{domain}", self.rng.next(), self.serial)
    }

    fn push(&mut self, mut mail: Mail) -> (String, Vec<String>) {
        mail.seed = self.rng.next();
        let id = mail.id.clone().unwrap_or_default();
        let mut refs = mail.references.clone();
        refs.push(id.clone());
        self.out.push(mail);
        (id, refs)
    }

    /// A moment of the year before now.
    fn when(&mut self) -> DateTime<Utc> {
        let now = now();
        self.rng.work_time(now - Duration::days(365), now - Duration::days(3))
    }

    fn later(&mut self, at: DateTime<Utc>, hours: i64) -> DateTime<Utc> {
        (at + Duration::minutes(30 + self.rng.below(hours as usize * 60) as i64)).min(now() - Duration::hours(1))
    }

    /// Five messages with one client: a request asked twice and answered, a short exchange,
    /// the client's newsletter, an absence reply to the user's message: in one of four mixes.
    fn client(&mut self, plan: &Plan) {
        let name = plan.client.name.clone();
        let address = plan.client.email.clone().unwrap_or_default();
        let domain = address.split_once('@').map_or("cliente.es", |(_, d)| d).to_string();
        let client = person(&name, &address);
        let mix = match self.rng.below(4) {
            0 => "AB",
            1 => "AD",
            2 => "BCD",
            _ => "ACC",
        };
        for part in mix.bytes() {
            let ask = self.rng.pick(ASKS).to_string();
            let at = self.when();
            match part {
                b'A' => {
                    let from_them = Body::QuotedPrintable;
                    let first = Mail {
                        at,
                        id: Some(self.id(&domain)),
                        from: client.clone(),
                        to: vec![me()],
                        cc: Vec::new(),
                        subject: ask.clone(),
                        references: Vec::new(),
                        made: Made::Person,
                        body: body(&mut self.rng, from_them),
                        list_id: None,
                        seed: 0,
                    };
                    let (_, refs) = self.push(first);
                    let again = self.later(at, 48);
                    let second = Mail {
                        at: again,
                        id: Some(self.id(&domain)),
                        from: client.clone(),
                        to: vec![me()],
                        cc: Vec::new(),
                        subject: format!("Re: {ask}"),
                        references: refs,
                        made: Made::Person,
                        body: Body::Plain,
                        list_id: None,
                        seed: 0,
                    };
                    let (_, refs) = self.push(second);
                    let reply = Mail {
                        at: self.later(again, 24),
                        id: Some(self.id("estudio-ana.es")),
                        from: me(),
                        to: vec![client.clone()],
                        cc: Vec::new(),
                        subject: format!("Re: {ask}"),
                        references: refs,
                        made: Made::Person,
                        body: Body::Alternative,
                        list_id: None,
                        seed: 0,
                    };
                    self.push(reply);
                }
                b'B' => {
                    let first = Mail {
                        at,
                        id: Some(self.id(&domain)),
                        from: client.clone(),
                        to: vec![me()],
                        cc: Vec::new(),
                        subject: ask.clone(),
                        references: Vec::new(),
                        made: Made::Person,
                        body: body(&mut self.rng, Body::Alternative),
                        list_id: None,
                        seed: 0,
                    };
                    let (_, refs) = self.push(first);
                    let reply = Mail {
                        at: self.later(at, 8),
                        id: Some(self.id("estudio-ana.es")),
                        from: me(),
                        to: vec![client.clone()],
                        cc: Vec::new(),
                        subject: format!("Re: {ask}"),
                        references: refs,
                        made: Made::Person,
                        body: Body::Plain,
                        list_id: None,
                        seed: 0,
                    };
                    self.push(reply);
                }
                b'C' => {
                    let news = Mail {
                        at,
                        id: Some(self.id(&domain)),
                        from: client.clone(),
                        to: vec![me()],
                        cc: Vec::new(),
                        subject: format!("Novedades de {name}"),
                        references: Vec::new(),
                        made: Made::Newsletter,
                        body: Body::Html(8_000 + self.rng.below(30_000)),
                        list_id: None,
                        seed: 0,
                    };
                    self.push(news);
                }
                _ => {
                    let mine = Mail {
                        at,
                        id: Some(self.id("estudio-ana.es")),
                        from: me(),
                        to: vec![client.clone()],
                        cc: Vec::new(),
                        subject: "Propuesta para la nueva web".to_string(),
                        references: Vec::new(),
                        made: Made::Person,
                        body: body(&mut self.rng, Body::Plain),
                        list_id: None,
                        seed: 0,
                    };
                    let (_, refs) = self.push(mine);
                    let away = Mail {
                        at: self.later(at, 1),
                        id: Some(self.id(&domain)),
                        from: client.clone(),
                        to: vec![me()],
                        cc: Vec::new(),
                        subject: "Fuera de la oficina: Re: Propuesta para la nueva web".to_string(),
                        references: refs,
                        made: Made::AbsenceReply,
                        body: Body::Plain,
                        list_id: None,
                        seed: 0,
                    };
                    self.push(away);
                }
            }
        }
    }

    /// One message (or a short thread) that is no client's.
    fn other(&mut self) {
        let at = self.when();
        match self.rng.below(100) {
            0..=34 => {
                let (name, address, list) = self.rng.pick(SENDERS);
                let domain = address.split_once('@').map_or("x.example", |(_, d)| d);
                let news = Mail {
                    at,
                    id: Some(self.id(domain)),
                    from: person(name, address),
                    to: vec![me()],
                    cc: Vec::new(),
                    subject: format!("{name}: lo más leído de la semana"),
                    references: Vec::new(),
                    made: Made::Newsletter,
                    body: Body::Html(10_000 + self.rng.below(30_000)),
                    list_id: Some(list),
                    seed: 0,
                };
                self.push(news);
            }
            35..=49 => {
                let (name, address, subject) = self.rng.pick(ROBOTS);
                let domain = address.split_once('@').map_or("x.example", |(_, d)| d);
                let note = Mail {
                    at,
                    id: Some(self.id(domain)),
                    from: person(name, address),
                    to: vec![me()],
                    cc: Vec::new(),
                    subject: subject.to_string(),
                    references: Vec::new(),
                    made: Made::Notification,
                    body: Body::Alternative,
                    list_id: None,
                    seed: 0,
                };
                self.push(note);
            }
            _ => {
                // A friend or a colleague, sometimes with others in copy, sometimes answered.
                let (name, address) = self.rng.pick(FRIENDS);
                let friend = person(name, address);
                let domain = address.split_once('@').map_or("x.example", |(_, d)| d).to_string();
                let cc = if self.rng.chance(0.2) {
                    let (n, a) = self.rng.pick(FRIENDS);
                    vec![person(n, a)]
                } else {
                    Vec::new()
                };
                let subject = self.rng.pick(TOPICS).to_string();
                // One in a hundred has no Message-ID: Trato derives one from its headers.
                let id = (!self.rng.chance(0.01)).then(|| self.id(&domain));
                let usual = if self.rng.chance(0.5) { Body::Alternative } else { Body::QuotedPrintable };
                let usual = body(&mut self.rng, usual);
                let first = Mail {
                    at,
                    id,
                    from: friend.clone(),
                    to: vec![me()],
                    cc,
                    subject: subject.clone(),
                    references: Vec::new(),
                    made: Made::Person,
                    body: usual,
                    list_id: None,
                    seed: 0,
                };
                let (first_id, refs) = self.push(first);
                if !first_id.is_empty() && self.rng.chance(0.25) {
                    let reply = Mail {
                        at: self.later(at, 24),
                        id: Some(self.id("estudio-ana.es")),
                        from: me(),
                        to: vec![friend],
                        cc: Vec::new(),
                        subject: format!("Re: {subject}"),
                        references: refs,
                        made: Made::Person,
                        body: Body::Plain,
                        list_id: None,
                        seed: 0,
                    };
                    self.push(reply);
                }
            }
        }
    }
}

/// Every message of the mailbox at `scale`, by date.
fn mailbox(plans: &[Plan], scale: usize) -> Vec<Mail> {
    let mut mailbox = Mailbox { rng: Rng::stream(20, scale), out: Vec::with_capacity(MESSAGES * scale), serial: 0 };
    let step = plans.len() / WRITING_CLIENTS;
    for _ in 0..scale {
        for k in 0..WRITING_CLIENTS {
            mailbox.client(&plans[k * step]);
        }
    }
    assert_eq!(mailbox.out.len(), CLIENT_MESSAGES * scale, "each writing client has five messages per scale");
    while mailbox.out.len() < MESSAGES * scale {
        mailbox.other();
    }
    mailbox.out.truncate(MESSAGES * scale);
    mailbox.out.sort_by_key(|m| m.at);
    mailbox.out
}

// ------------------------------------------------------------------ its bytes

/// RFC 2047 Q-encoding of a header's text, as Outlook writes non-ASCII subjects.
fn encoded_word(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::from("=?UTF-8?Q?");
    for b in text.bytes() {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b',' | b':' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out + "?="
}

fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for b in text.bytes() {
        let piece = match b {
            b'\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            b'=' | 128..=255 => format!("={b:02X}"),
            _ => (b as char).to_string(),
        };
        if column + piece.len() > 75 {
            out.push_str("=\n");
            column = 0;
        }
        column += piece.len();
        out.push_str(&piece);
    }
    out
}

fn addresses(list: &[(String, String)]) -> String {
    list.iter().map(|(n, a)| format!("{} <{a}>", encoded_word(n))).collect::<Vec<_>>().join(", ")
}

/// Base64 lines of random-looking bytes, written from one block so that
/// megabytes of attachment cost no time to make.
struct Blob(Vec<u8>);

impl Blob {
    fn new() -> Blob {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut rng = Rng::stream(21, 0);
        let mut bytes = Vec::with_capacity(1 << 20);
        while bytes.len() < (1 << 20) - 77 {
            bytes.extend((0..76).map(|_| ALPHABET[rng.below(64)]));
            bytes.push(b'\n');
        }
        Blob(bytes)
    }

    fn write(&self, w: &mut impl Write, size: usize, rng: &mut Rng) -> io::Result<()> {
        let lines = self.0.len() / 77;
        let mut left = size;
        while left > 0 {
            let from = rng.below(lines) * 77;
            let take = (self.0.len() - from).min(left.div_ceil(77) * 77);
            w.write_all(&self.0[from..from + take])?;
            left = left.saturating_sub(take);
        }
        Ok(())
    }
}

fn text(rng: &mut Rng, lines: usize) -> String {
    let mut out = String::new();
    for _ in 0..lines {
        out.push_str(rng.pick(LINES));
        out.push('\n');
        if rng.chance(0.3) {
            out.push('\n');
        }
    }
    out
}

fn html(text: &str, size: usize) -> String {
    let mut out = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>td{font-family:Arial,sans-serif;color:#333}</style></head><body><table width=\"100%\">\n");
    for line in text.lines().cycle().take(1000) {
        if out.len() >= size {
            break;
        }
        out.push_str(&format!(
            "<tr><td style=\"padding:12px 24px;font-size:15px;line-height:22px\"><p>{line}</p><a href=\"https://example.com/track?u=8f3a2c&amp;id=91\">Leer más</a></td></tr>\n"
        ));
    }
    out + "</table></body></html>\n"
}

/// Writes one message as it would sit in an mbox: its `From ` line, the message, a blank line.
fn write_mail(w: &mut impl Write, m: &Mail, blob: &Blob) -> io::Result<()> {
    let mut rng = Rng::stream(22, m.seed as usize);
    let local = m.at.with_timezone(&Madrid);
    writeln!(w, "From {} {}", m.from.1, m.at.format("%a %b %e %H:%M:%S %Y"))?;
    // What a receiving server and Gmail's export put first.
    writeln!(w, "X-GM-THRID: {}", 1_600_000_000_000_000_000u64 + rng.below(1 << 40) as u64)?;
    writeln!(w, "X-Gmail-Labels: {}", if m.from.1 == ME.1 { "Enviados" } else { "Recibidos,Importante" })?;
    writeln!(w, "Delivered-To: {}", ME.1)?;
    writeln!(w, "Received: by 2002:a05:6402:{:x} with SMTP id {:x};\n        {}", rng.below(65536), rng.next(), local.to_rfc2822())?;
    writeln!(
        w,
        "Received: from mail-{}.example (mail-{}.example [203.0.113.{}])\n        by mx.google.com with ESMTPS id {:x}\n        for <{}>;\n        {}",
        rng.below(99),
        rng.below(99),
        rng.below(255),
        rng.next(),
        ME.1,
        local.to_rfc2822()
    )?;
    writeln!(
        w,
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={}; s=20230601;\n        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject\n         :date:message-id:reply-to;\n        bh={:016x}{:016x}=;\n        b={:016x}{:016x}{:016x}{:016x}\n         {:016x}{:016x}{:016x}{:016x}==",
        m.from.1.split_once('@').map_or("example", |(_, d)| d),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next(),
        rng.next()
    )?;
    writeln!(w, "MIME-Version: 1.0")?;
    writeln!(w, "Date: {}", local.format("%a, %d %b %Y %H:%M:%S %z"))?;
    if let Some(id) = &m.id {
        writeln!(w, "Message-ID: <{id}>")?;
    }
    if let Some(parent) = m.references.last() {
        writeln!(w, "In-Reply-To: <{parent}>")?;
        writeln!(w, "References: {}", m.references.iter().map(|r| format!("<{r}>")).collect::<Vec<_>>().join("\n "))?;
    }
    // Most mail programs encode a subject that is not ASCII; some send it as 8-bit UTF-8.
    let subject = if rng.chance(0.8) { encoded_word(&m.subject) } else { m.subject.clone() };
    writeln!(w, "Subject: {subject}")?;
    writeln!(w, "From: {}", addresses(std::slice::from_ref(&m.from)))?;
    writeln!(w, "To: {}", addresses(&m.to))?;
    if !m.cc.is_empty() {
        writeln!(w, "Cc: {}", addresses(&m.cc))?;
    }
    match m.made {
        Made::Person => {}
        Made::Newsletter => {
            let domain = m.from.1.split_once('@').map_or("example", |(_, d)| d);
            if let Some(list) = m.list_id {
                writeln!(w, "List-Id: {list}")?;
            }
            writeln!(w, "List-Unsubscribe: <mailto:baja@{domain}?subject=unsubscribe>, <https://{domain}/baja?u={:x}>", rng.next())?;
            writeln!(w, "Precedence: bulk")?;
        }
        Made::Notification => writeln!(w, "Auto-Submitted: auto-generated")?,
        Made::AbsenceReply => {
            writeln!(w, "Auto-Submitted: auto-replied")?;
            writeln!(w, "X-Autoreply: yes")?;
        }
    }
    let said = match m.made {
        Made::AbsenceReply => "Estoy fuera de la oficina hasta el lunes 16. Para urgencias, llama al 600 123 456.\n".to_string(),
        _ if m.from.1 == ME.1 => format!("{}\n\n-- \nAna Ruiz\nEstudio Ana · diseño web\n", rng.pick(REPLIES)),
        _ => {
            let lines = 3 + rng.below(8);
            text(&mut rng, lines)
        }
    };
    // A reply quotes what it answers, as mail programs do.
    let quoted = if m.references.is_empty() {
        String::new()
    } else {
        format!("\nEl {}, alguien escribió:\n> {}\n> {}\n", local.format("%d/%m/%Y"), LINES[0], LINES[3])
    };
    let plain = format!("{said}{quoted}");
    let boundary = format!("000000000000{:012x}", rng.next() & 0xffff_ffff_ffff);
    let alternative = |w: &mut dyn Write, boundary: &str, html_size: usize| -> io::Result<()> {
        writeln!(w, "Content-Type: multipart/alternative; boundary=\"{boundary}\"\n")?;
        writeln!(w, "--{boundary}\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n")?;
        write!(w, "{}", escaped(&quoted_printable(&plain)))?;
        writeln!(w, "--{boundary}\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n")?;
        writeln!(w, "{}", quoted_printable(&html(&plain, html_size)))?;
        writeln!(w, "--{boundary}--")
    };
    match m.body {
        Body::Plain => {
            writeln!(w, "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")?;
            write!(w, "{}", escaped(&plain))?;
        }
        Body::QuotedPrintable => {
            writeln!(w, "Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n")?;
            write!(w, "{}", escaped(&quoted_printable(&plain)))?;
        }
        Body::Alternative => alternative(w, &boundary, 1_500)?,
        Body::Html(size) => alternative(w, &boundary, size)?,
        Body::Attachment(size) => {
            let inner = format!("{boundary}a");
            writeln!(w, "Content-Type: multipart/mixed; boundary=\"{boundary}\"\n")?;
            writeln!(w, "--{boundary}")?;
            alternative(w, &inner, 1_500)?;
            let (kind, name) = if rng.chance(0.5) { ("application/pdf", "presupuesto.pdf") } else { ("image/jpeg", "foto-local.jpg") };
            writeln!(
                w,
                "\n--{boundary}\nContent-Type: {kind}; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n"
            )?;
            blob.write(w, size * 4 / 3, &mut rng)?;
            writeln!(w, "--{boundary}--")?;
        }
    }
    writeln!(w)
}

/// A body as it sits in an mbox: a line that starts with `From ` is escaped.
fn escaped(body: &str) -> String {
    body.lines().map(|l| if l.starts_with("From ") { format!(">{l}\n") } else { format!("{l}\n") }).collect()
}

// ------------------------------------------------------------------ files on disk

fn data_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("bench-data")
}

/// Written under another name and renamed when complete: an interrupted run leaves nothing to reuse.
fn made(path: PathBuf, make: impl FnOnce(&Path)) -> PathBuf {
    if !path.exists() {
        let part = path.with_extension("part");
        eprintln!("generating {} (once; later runs reuse it)", path.display());
        let started = Instant::now();
        make(&part);
        std::fs::rename(&part, &path).expect("keep the generated file");
        eprintln!("generated in {:.1?}", started.elapsed());
    }
    path
}

/// The mbox at `scale`.
fn mbox_file(plans: &[Plan], scale: usize) -> PathBuf {
    let path = data_dir().join(format!("mail-g{GENERATOR_VERSION}-{}x{}.mbox", MESSAGES * scale, CLIENT_MESSAGES * scale));
    made(path, |part| {
        let blob = Blob::new();
        let mut w = BufWriter::with_capacity(1 << 20, File::create(part).expect("create the mbox"));
        for mail in mailbox(plans, scale) {
            write_mail(&mut w, &mail, &blob).expect("write the mbox");
        }
        w.flush().expect("write the mbox");
    })
}

/// The practice's 100k journal with the user's own address, ready to import into (copied for each import).
fn journal_with_my_address(plans: &[Plan]) -> PathBuf {
    let path = data_dir().join(format!("mail-g{GENERATOR_VERSION}-schema{}-journal.db", latest(MIGRATIONS)));
    made(path, |part| {
        std::fs::copy(journal_file(plans, PER_CLIENT), part).expect("copy the practice's journal");
        let mut store = Store::open(part).expect("open the copy");
        mailbox::add_my_addresses(&mut store, &[ME.1.to_string()]).expect("add my address");
    })
}

fn clock() -> Clock {
    Clock::new(now(), Madrid)
}

/// A fresh copy of the journal, in `dir`.
fn fresh(journal: &Path, dir: &Path) -> PathBuf {
    let copy = dir.join("journal.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    std::fs::copy(journal, &copy).expect("copy the journal");
    copy
}

fn describe(mbox: &Path, done: &FileImport, took: Elapsed) {
    let size = std::fs::metadata(mbox).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "mbox {} ({:.1} MB): {} messages, {} new client messages ({} proposals, {} machine-made), {} not client mail, {} unreadable, {} already seen; first import {:.2?}",
        mbox.display(),
        size as f64 / 1e6,
        done.messages,
        done.new,
        done.proposals,
        done.machine_made,
        done.not_client_mail,
        done.unreadable,
        done.already_seen,
        took,
    );
}

// ------------------------------------------------------------------ benchmarks

fn mail(c: &mut Criterion) {
    let plans = plans();
    let journal = journal_with_my_address(&plans);
    let scales: Vec<usize> =
        std::env::var("TRATO_MBOX_SCALES").unwrap_or_else(|_| "1".into()).split(',').filter_map(|s| s.trim().parse().ok()).collect();
    for &scale in &scales {
        eprintln!("scale {scale}: {}", mbox_file(&plans, scale).display());
    }
    eprintln!("journal to import into (copy it first): {}", journal.display());
    let mbox = mbox_file(&plans, 1);
    let dir = tempfile::tempdir().expect("temp dir");

    let mut group = c.benchmark_group("mail import");
    // Seconds a run: ten runs, one per sample, each into a fresh copy of the journal (copied untimed).
    group.sample_size(10).measurement_time(Elapsed::from_secs(60)).sampling_mode(SamplingMode::Flat);
    let mut described = false;
    group.bench_function("10k-message mbox into the 10k-client journal", |b| {
        b.iter_custom(|iters| {
            let mut spent = Elapsed::ZERO;
            for _ in 0..iters {
                let copy = fresh(&journal, dir.path());
                let mut store = Store::open(&copy).expect("open the copy");
                let started = Instant::now();
                let done = mailbox::import(&mut store, clock(), std::slice::from_ref(&mbox)).expect("import");
                let took = started.elapsed();
                spent += took;
                if !described {
                    describe(&mbox, &done[0], took);
                    described = true;
                }
                black_box(done);
            }
            spent
        })
    });
    group.finish();
}

/// Today on the million-entry journal, as it is and with a year of mail
/// accepted into it: the 10× mbox (10,000 client messages of 200 clients)
/// imported and every proposal accepted, as the review list's "accept all"
/// does. Both in one run, so that the difference is the mail's and not the
/// machine's. Goal: Today stays ≤ 50 ms at 1M with mail among the entries.
fn today_with_mail(c: &mut Criterion) {
    let plans = plans();
    let plain = journal_file(&plans, TODAY_PER_CLIENT);
    let with_mail = data_dir().join(format!("mail-g{GENERATOR_VERSION}-schema{}-1M-with-mail.db", latest(MIGRATIONS)));
    let with_mail = made(with_mail, |part| {
        std::fs::copy(&plain, part).expect("copy the practice's journal");
        let mut store = Store::open(part).expect("open the copy");
        mailbox::add_my_addresses(&mut store, &[ME.1.to_string()]).expect("add my address");
        let done = mailbox::import(&mut store, clock(), &[mbox_file(&plans, 10)]).expect("import");
        let accepted = mailbox::accept_all(&mut store, clock()).expect("accept every proposal");
        eprintln!("{} new client messages, {} proposals accepted", done[0].new, accepted.len());
    });
    let mut group = c.benchmark_group("today with mail");
    group.sample_size(30);
    for (label, path) in [("1M entries", &plain), ("1M entries with a year of client mail accepted", &with_mail)] {
        let mut store = Store::open(path).expect("open the journal");
        let (entries, from_mail) = store
            .read(|tx| {
                let entries: i64 = tx.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
                let from_mail: i64 = tx.query_row("SELECT count(*) FROM mail_proposals WHERE status = 'accepted'", [], |r| r.get(0))?;
                Ok::<_, trato::store::StoreError>((entries, from_mail))
            })
            .expect("count the journal");
        let matters = trato::journal::insights::today(&mut store, clock()).expect("today").matters.len();
        eprintln!("{label}: {entries} entries, {from_mail} client messages accepted into them; Today shows {matters} matters");
        group.bench_function(label, |b| {
            b.iter(|| black_box(trato::journal::insights::today(&mut store, clock()).expect("today").matters.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, mail, today_with_mail);
criterion_main!(benches);
