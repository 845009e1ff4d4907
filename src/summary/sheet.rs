//! The summary worded in one language, ready to lay out: exactly what both the
//! HTML and the PDF print. Every piece of user text is cleaned and clipped here
//! (see `text`), so the two can't differ in what they show.

use chrono::Datelike;
use chrono_tz::Tz;

use super::commitments::CommitmentKind;
use super::story::Happening;
use super::text::{self, FIELD, LONG, NAME};
use super::words::Words;
use super::Summary;
use crate::domain::{Language, Score};

pub struct Sheet {
    pub lang: Language,
    /// The document's title, for the HTML `<title>` and the PDF's metadata.
    pub title: String,
    pub kicker: String,
    pub name: String,
    /// Organisation, status and since when, preferred channel: items of one
    /// line, each kept whole when the line has room.
    pub about: Vec<String>,
    /// E-mail and phone, as items.
    pub contact: Vec<String>,
    pub availability: Option<String>,
    pub period: String,
    pub prepared: String,
    pub figures_title: String,
    pub figures: Vec<Figure>,
    /// None in the client's copy.
    pub trust: Option<Trust>,
    pub sections: Vec<Section>,
    /// The line at the foot of every page, before the page number.
    pub footer: String,
    words: Words,
}

pub struct Figure {
    pub label: String,
    pub value: String,
    pub notes: Vec<String>,
}

pub struct Trust {
    pub title: String,
    /// `None` for a new client: `new_label` is shown instead, and the caption says why.
    pub score: Option<i64>,
    pub new_label: String,
    pub caption: String,
    /// Oldest week first; `None` before the client was known.
    pub trend: Vec<Option<i64>>,
    pub trend_caption: String,
    pub trend_start: String,
    pub trend_end: String,
    /// Points ("+100", "−10") and the reason.
    pub lines: Vec<(String, String)>,
}

/// A titled part of the summary: an optional intro line, groups of rows.
pub struct Section {
    /// A stable name for styling and tests (`open`, `incidents`, `feedback`, `story`).
    pub id: &'static str,
    pub title: String,
    pub intro: Option<String>,
    pub groups: Vec<Group>,
    /// Said when there are no groups.
    pub empty: String,
    /// Said after the groups: what was left out.
    pub note: Option<String>,
    /// How many rows the note says were left out.
    pub note_count: u64,
}

/// Rows under an optional heading (a month, an incident); a heading never
/// ends a page.
pub struct Group {
    pub heading: Option<Heading>,
    pub rows: Vec<Row>,
}

pub struct Heading {
    pub title: String,
    pub aside: String,
    pub tone: Tone,
}

/// One entry: when, what kind (a short label), what happened, and a note.
pub struct Row {
    pub when: String,
    pub label: String,
    pub text: String,
    pub note: Option<String>,
    pub tone: Tone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

impl Tone {
    pub fn name(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
        }
    }
}

fn u(s: &str) -> String {
    text::line(s, FIELD)
}

impl Sheet {
    pub fn new(s: &Summary, lang: Language) -> Sheet {
        let tz: Tz = s.time_zone.parse().unwrap_or(Tz::UTC);
        let w = Words { lang, tz };
        let name = text::line(&s.who.name, NAME);
        let kicker = w.pick("Relationship summary", "Resumen de la relación").to_string();
        let today = w.local_date(s.generated_at);
        let mut sheet = Sheet {
            lang,
            title: format!("{name} — {kicker}"),
            footer: format!("{} · {kicker} · {}", text::line(&s.who.name, 60), w.date(today)),
            kicker,
            name,
            about: about(s, w),
            contact: [&s.who.email, &s.who.phone].into_iter().flatten().map(|v| u(v)).collect(),
            availability: s.who.availability.as_deref().map(|a| text::line(a, LONG)),
            period: period(s, w),
            prepared: match lang {
                Language::En => format!("Prepared on {} ({})", w.plain_moment(s.generated_at), tz.name()),
                Language::Es => format!("Preparado el {} ({})", w.plain_moment(s.generated_at), tz.name()),
            },
            figures_title: w.pick("Key figures", "Cifras clave").to_string(),
            figures: figures(s, w),
            trust: s.trust.as_ref().map(|t| trust(t, w)),
            sections: Vec::new(),
            words: w,
        };
        sheet.sections = vec![open(s, w), incidents(s, w), feedback(s, w), story(s, w)];
        sheet
    }

    pub fn page(&self, page: usize, pages: usize) -> String {
        self.words.page(page, pages)
    }

    /// Drops the oldest `n` rows of the story (at least one), saying so: how
    /// the PDF keeps a long relationship to its pages. False when none is left.
    pub fn drop_oldest_story_rows(&mut self, n: usize) -> bool {
        let w = self.words;
        let Some(story) = self.sections.iter_mut().find(|s| s.id == "story") else { return false };
        let mut dropped = 0;
        while dropped < n.max(1) {
            let Some(first) = story.groups.first_mut() else { break };
            if first.rows.is_empty() {
                story.groups.remove(0);
                continue;
            }
            first.rows.remove(0);
            dropped += 1;
            if first.rows.is_empty() {
                story.groups.remove(0);
            }
        }
        if dropped == 0 {
            return false;
        }
        let before = story.note_count + dropped as u64;
        story.note_count = before;
        story.note = Some(left_out_note(before, w));
        true
    }
}

fn about(s: &Summary, w: Words) -> Vec<String> {
    let who = &s.who;
    let mut out = Vec::new();
    if let Some(org) = &who.organisation {
        out.push(u(org));
    }
    let since = w.plain_date(w.local_date(who.since));
    let mut status = match w.lang {
        Language::En => format!("{} since {since}", w.status(who.status)),
        Language::Es => format!("{} desde el {since}", w.status(who.status)),
    };
    if who.archived {
        status += w.pick(" (archived)", " (archivado)");
    }
    out.push(status);
    if let Some(c) = who.preferred_channel {
        out.push(w.prefers(c).to_string());
    }
    out
}

fn period(s: &Summary, w: Words) -> String {
    let to = w.plain_date(w.local_date(s.generated_at));
    match (s.period.months(), s.from, w.lang) {
        (Some(n), Some(from), Language::En) => format!("Last {n} months: {} – {to}", w.plain_date(w.local_date(from))),
        (Some(n), Some(from), Language::Es) => format!("Últimos {n} meses: {} – {to}", w.plain_date(w.local_date(from))),
        (_, _, Language::En) => format!("The whole relationship, since {}", w.plain_date(w.local_date(s.who.since))),
        (_, _, Language::Es) => format!("Toda la relación, desde el {}", w.plain_date(w.local_date(s.who.since))),
    }
}

fn figures(s: &Summary, w: Words) -> Vec<Figure> {
    let f = &s.figures;
    let r = &f.record;
    let es = w.lang == Language::Es;
    let mut requests = vec![match (r.median_reply_hours, es) {
        (Some(h), false) => format!("first reply in {} (median)", w.business_hours(h)),
        (Some(h), true) => format!("primera respuesta en {} (mediana)", w.business_hours(h)),
        (None, false) => "no reply yet".to_string(),
        (None, true) => "aún sin respuestas".to_string(),
    }];
    if f.requests_repeated > 0 {
        requests.push(match es {
            false => format!("{} asked again", f.requests_repeated),
            true => format!("{} con insistencia del cliente", f.requests_repeated),
        });
    }
    let mut promises = vec![
        match es {
            false => format!("{} on time · {} late", r.kept_on_time, r.kept_late),
            true => format!("{} a tiempo · {} tarde", r.kept_on_time, r.kept_late),
        },
        match es {
            false => format!("{} broken · {} open", r.broken, r.open),
            true => format!("{} incumplidas · {} abiertas", r.broken, r.open),
        },
    ];
    if let Some(k) = f.keeping {
        let days = |n: u32| w.count(u64::from(n), ("working day", "working days"), ("día laborable", "días laborables"));
        let lead = days(k.lead_days);
        promises.push(match (k.late_days, es) {
            (0, false) => format!("usually on time · dates given {lead} ahead"),
            (0, true) => format!("normalmente a tiempo · fechas con {lead} de antelación"),
            (n, false) => format!("usually {} late · dates given {lead} ahead", days(n)),
            (n, true) => format!("normalmente {} tarde · fechas con {lead} de antelación", days(n)),
        });
    }
    if r.released > 0 {
        promises.push(match es {
            false => format!("{} released by the client", r.released),
            true => format!("{} liberadas por el cliente", r.released),
        });
    }
    let incidents = match (f.incidents, f.incidents_open, es) {
        (0, _, false) => "none in this period".to_string(),
        (0, _, true) => "ninguno en este periodo".to_string(),
        (_, 0, false) => "all closed".to_string(),
        (_, 0, true) => "todos cerrados".to_string(),
        (_, open, false) => format!("{open} still open"),
        (_, open, true) => format!("{open} aún abiertos"),
    };
    let fb = &s.feedback;
    let average_of = |what: String| match w.lang {
        Language::En => format!("average of {what}"),
        Language::Es => format!("media de {what}"),
    };
    let (value, mut notes) = match (fb.average_rating, fb.average_nps) {
        (Some(avg), _) => {
            (format!("{}/5", w.decimal(avg)), vec![average_of(w.count(fb.ratings, ("rating", "ratings"), ("valoración", "valoraciones")))])
        }
        (None, Some(avg)) => (
            format!("NPS {}", w.decimal(avg)),
            vec![average_of(w.count(fb.nps_answers, ("answer", "answers"), ("respuesta", "respuestas")))],
        ),
        (None, None) => ("—".to_string(), vec![w.pick("none in this period", "ninguna en este periodo").to_string()]),
    };
    if let Some(c) = fb.causes.first() {
        notes.push(match es {
            false => format!("cause: {}", w.cause(c.cause)),
            true => format!("causa: {}", w.cause(c.cause)),
        });
    }
    vec![
        Figure {
            label: w.pick("Interactions", "Interacciones").into(),
            value: w.number(f.interactions),
            notes: vec![w.pick("calls, emails, meetings", "llamadas, correos, reuniones").into()],
        },
        Figure { label: w.pick("Requests", "Peticiones").into(), value: w.number(f.requests), notes: requests },
        Figure { label: w.pick("Promises made", "Promesas").into(), value: w.number(r.made), notes: promises },
        Figure { label: w.pick("Incidents", "Incidentes").into(), value: w.number(f.incidents), notes: vec![incidents] },
        Figure { label: w.pick("Feedback", "Opiniones").into(), value, notes },
    ]
}

/// "+4", "−10" (a true minus sign, as a printed page has it).
fn points(p: i64) -> String {
    if p < 0 {
        format!("−{}", p.unsigned_abs())
    } else {
        format!("+{p}")
    }
}

fn trust(t: &super::Standing, w: Words) -> Trust {
    let mut lines: Vec<(String, String)> = t.explanation(w.lang).iter().map(|c| (points(c.points), u(&c.reason))).collect();
    if let Some(o) = t.others {
        let text = match w.lang {
            Language::En => format!("Other reasons ({})", o.count),
            Language::Es => format!("Otros motivos ({})", o.count),
        };
        // Before the 0–100 limit, which is always the last line when present.
        let last_is_limit = t.explanation(w.lang).last().is_some_and(|c| c.entry_ids.is_empty()) && lines.len() > 1;
        let at = if last_is_limit { lines.len() - 1 } else { lines.len() };
        lines.insert(at, (points(o.points), text));
    }
    let start = t.trend.first().map(|p| w.plain_date(p.week_start)).unwrap_or_default();
    Trust {
        title: w.pick("Trust", "Confianza").into(),
        score: t.score,
        new_label: w.pick("New", "Nuevo").into(),
        caption: match t.score {
            Some(_) => w.pick("trust score now, out of 100", "confianza actual, sobre 100").into(),
            None => format!(
                "{} {}",
                w.pick("Not enough history yet.", "Aún no hay historial suficiente."),
                crate::trust::not_enough(t.history, w.lang)
            ),
        },
        trend: t.trend.iter().map(|p| p.score).collect(),
        trend_caption: w
            .pick("Score at the end of each of the last 12 weeks", "Puntuación al final de cada una de las últimas 12 semanas")
            .into(),
        trend_start: start,
        trend_end: w.pick("this week", "esta semana").into(),
        lines,
    }
}

fn left_out(n: u64, w: Words) -> Option<String> {
    (n > 0).then(|| match w.lang {
        Language::En => format!("And {n} more."),
        Language::Es => format!("Y {n} más."),
    })
}

fn open(s: &Summary, w: Words) -> Section {
    let this_year = w.local_date(s.generated_at).year();
    let rows = s
        .open
        .iter()
        .map(|c| {
            let mut notes: Vec<String> = Vec::new();
            if c.overdue {
                notes.push(w.pick("overdue", "vencida").into());
            }
            if c.reschedules > 0 {
                notes.push(match w.lang {
                    Language::En => format!("rescheduled {}", w.times(c.reschedules as usize)),
                    Language::Es => format!("aplazada {}", w.times(c.reschedules as usize)),
                });
            }
            if c.follow_ups > 0 {
                notes.push(match w.lang {
                    Language::En => format!("the client asked again {}", w.times(c.follow_ups as usize)),
                    Language::Es => format!("el cliente insistió {}", w.times(c.follow_ups as usize)),
                });
            }
            let (when, label) = match (c.kind, c.due, c.answer_by) {
                (CommitmentKind::Promise, Some(due), _) => {
                    let d = w.due(due, this_year);
                    (if w.lang == Language::Es { format!("vence el {d}") } else { format!("due {d}") }, w.pick("Promise", "Promesa"))
                }
                (_, _, Some(by)) => {
                    let by = w.moment_in(by, this_year);
                    notes.insert(0, w.pick("awaiting a reply", "pendiente de respuesta").into());
                    (
                        if w.lang == Language::Es { format!("responder antes del {by}") } else { format!("answer by {by}") },
                        w.pick("Request", "Petición"),
                    )
                }
                _ => {
                    notes.insert(0, w.pick("answered, not delivered yet", "respondida, aún sin entregar").into());
                    let asked = w.date_in(w.local_date(c.since), this_year);
                    (
                        if w.lang == Language::Es { format!("pedida el {asked}") } else { format!("asked {asked}") },
                        w.pick("Request", "Petición"),
                    )
                }
            };
            let tone = if c.overdue {
                Tone::Bad
            } else if c.reschedules > 0 || c.follow_ups > 0 {
                Tone::Warn
            } else {
                Tone::Plain
            };
            Row { when, label: label.into(), text: w.quote(&u(&c.summary)), note: (!notes.is_empty()).then(|| notes.join(" · ")), tone }
        })
        .collect();
    Section {
        id: "open",
        title: w.pick("Open commitments", "Compromisos abiertos").into(),
        intro: None,
        groups: vec![Group { heading: None, rows }].into_iter().filter(|g| !g.rows.is_empty()).collect(),
        empty: w.pick("Nothing is owed to the client now.", "No hay nada pendiente con el cliente.").into(),
        note: left_out(s.open_left_out, w),
        note_count: 0,
    }
}

fn incidents(s: &Summary, w: Words) -> Section {
    let groups = s
        .incidents
        .iter()
        .map(|i| {
            let title = format!("{} · {}", w.quote(&u(&i.summary)), w.moment_with_year(i.at));
            let aside = format!(
                "{}, {} · {}",
                w.severity(i.severity),
                w.noticed_by(i.noticed_by),
                match (i.repaired, i.closed) {
                    (true, _) => w.pick("repaired", "reparado"),
                    (false, true) => w.pick("closed without a full repair", "cerrado sin reparación completa"),
                    (false, false) => w.pick("still open", "aún abierto"),
                }
            );
            let tone = if i.repaired {
                Tone::Good
            } else if i.closed {
                Tone::Warn
            } else {
                Tone::Bad
            };
            let rows = i
                .steps
                .iter()
                .map(|st| Row {
                    when: w.moment(st.at),
                    label: w.step(st.step).into(),
                    text: st.note.as_deref().map(u).unwrap_or_default(),
                    note: None,
                    tone: Tone::Plain,
                })
                .collect();
            Group { heading: Some(Heading { title, aside, tone }), rows }
        })
        .collect();
    Section {
        id: "incidents",
        title: w.pick("Incidents and how they were repaired", "Incidentes y cómo se repararon").into(),
        intro: None,
        groups,
        empty: w.pick("No incidents in this period.", "Ningún incidente en este periodo.").into(),
        note: left_out(s.incidents_left_out, w),
        note_count: 0,
    }
}

fn score_label(score: Score, w: Words) -> String {
    match w.lang {
        Language::En => format!("Feedback {score}"),
        Language::Es => format!("Opinión {score}"),
    }
}

fn score_tone(score: Score) -> Tone {
    if score.is_negative() {
        Tone::Bad
    } else if score.is_positive() {
        Tone::Good
    } else {
        Tone::Plain
    }
}

fn feedback(s: &Summary, w: Words) -> Section {
    let fb = &s.feedback;
    let rows: Vec<Row> = fb
        .latest
        .iter()
        .map(|l| {
            let mut text = w.stage(l.stage).to_string();
            if let Some(c) = l.cause {
                text += &match w.lang {
                    Language::En => format!(" · cause: {}", w.cause(c)),
                    Language::Es => format!(" · causa: {}", w.cause(c)),
                };
            }
            if l.followed_up {
                text += w.pick(" · followed up", " · con seguimiento");
            }
            Row {
                when: w.date(w.local_date(l.at)),
                label: score_label(l.score, w),
                text,
                note: l.comment.as_deref().map(|c| w.quote(&text::line(c, LONG))),
                tone: score_tone(l.score),
            }
        })
        .collect();
    let causes: Vec<String> = fb.causes.iter().map(|c| format!("{} ({})", w.cause(c.cause), c.count)).collect();
    let intro = (!causes.is_empty()).then(|| match w.lang {
        Language::En => format!("Causes given: {}.", causes.join(", ")),
        Language::Es => format!("Causas indicadas: {}.", causes.join(", ")),
    });
    Section {
        id: "feedback",
        title: w.pick("Feedback", "Opiniones").into(),
        intro,
        groups: vec![Group { heading: None, rows }].into_iter().filter(|g| !g.rows.is_empty()).collect(),
        empty: w.pick("No feedback in this period.", "Ninguna opinión en este periodo.").into(),
        note: left_out(fb.left_out, w),
        note_count: 0,
    }
}

fn left_out_note(n: u64, w: Words) -> String {
    match w.lang {
        Language::En => format!("{n} more events of this period, routine or older, count in the figures but are not listed."),
        Language::Es => format!("Otros {n} hechos del periodo, rutinarios o anteriores, cuentan en las cifras pero no se detallan."),
    }
}

fn story(s: &Summary, w: Words) -> Section {
    let this_year = w.local_date(s.generated_at).year();
    let groups = s
        .story
        .months
        .iter()
        .map(|m| {
            let mut counts = Vec::new();
            if m.interactions > 0 {
                counts.push(w.count(m.interactions, ("interaction", "interactions"), ("interacción", "interacciones")));
            }
            if m.requests > 0 {
                counts.push(w.count(m.requests, ("request", "requests"), ("petición", "peticiones")));
            }
            if m.promises > 0 {
                counts.push(w.count(m.promises, ("promise", "promises"), ("promesa", "promesas")));
            }
            let rows = m.events.iter().map(|ev| event(&ev.what, w.moment(ev.at), w, this_year)).collect();
            Group { heading: Some(Heading { title: w.month(m.year, m.month), aside: counts.join(" · "), tone: Tone::Plain }), rows }
        })
        .collect();
    Section {
        id: "story",
        title: w.pick("What happened", "Lo que pasó").into(),
        intro: None,
        groups,
        empty: w.pick("Nothing happened in this period.", "No pasó nada en este periodo.").into(),
        note: (s.story.left_out > 0).then(|| left_out_note(s.story.left_out, w)),
        note_count: s.story.left_out,
    }
}

fn event(what: &Happening, when: String, w: Words, this_year: i32) -> Row {
    let es = w.lang == Language::Es;
    let q = |s: &str| w.quote(&u(s));
    let by = |c| {
        let by = w.by(c);
        if by.is_empty() {
            String::new()
        } else {
            format!(" {by}")
        }
    };
    let note = |n: &Option<String>| n.as_deref().map(u);
    let row = |label: &str, text: String, note: Option<String>, tone| Row { when: when.clone(), label: label.into(), text, note, tone };
    match what {
        Happening::Asked { summary, channel } => {
            row(w.pick("Request", "Petición"), format!("{}{}", q(summary), by(*channel)), None, Tone::Plain)
        }
        Happening::AskedAgain { summary, channel, note: n, nth } => {
            let again = if *nth > 1 { format!(" ({})", w.times(*nth as usize)) } else { String::new() };
            let text = if es {
                format!("El cliente volvió a preguntar por {}{}{again}", q(summary), by(*channel))
            } else {
                format!("The client asked again about {}{}{again}", q(summary), by(*channel))
            };
            row(w.pick("Follow-up", "Insistencia"), text, n.as_deref().map(|n| w.quote(&u(n))), Tone::Warn)
        }
        Happening::Delivered { summary } => row(w.pick("Delivered", "Entregada"), q(summary), None, Tone::Good),
        Happening::Declined { summary, note: n } => row(w.pick("Declined", "Rechazada"), q(summary), note(n), Tone::Warn),
        Happening::Withdrawn { summary, note: n } => row(w.pick("Withdrawn", "Retirada"), q(summary), note(n), Tone::Plain),
        Happening::Promised { summary, due } => {
            let d = w.due(*due, this_year);
            let text = if es { format!("{}, para el {d}", q(summary)) } else { format!("{}, due {d}", q(summary)) };
            row(w.pick("Promise", "Promesa"), text, None, Tone::Plain)
        }
        Happening::Overdue { summary, due } => {
            let d = w.due(*due, this_year);
            let text = if es { format!("{} vencía el {d}", q(summary)) } else { format!("{} was due {d}", q(summary)) };
            row(w.pick("Overdue", "Vencida"), text, None, Tone::Bad)
        }
        Happening::Rescheduled { summary, due, reason } => {
            let d = w.due(*due, this_year);
            let text = if es { format!("{} pasa al {d}", q(summary)) } else { format!("{} moved to {d}", q(summary)) };
            let reason = if es { format!("Motivo: {}", u(reason)) } else { format!("Reason: {}", u(reason)) };
            row(w.pick("Rescheduled", "Aplazada"), text, Some(reason), Tone::Warn)
        }
        Happening::Kept { summary, late: true, first_due } => {
            let d = w.due(*first_due, this_year);
            let text =
                if es { format!("{}, prometida para el {d}", q(summary)) } else { format!("{}, first promised for {d}", q(summary)) };
            row(w.pick("Kept late", "Cumplida tarde"), text, None, Tone::Warn)
        }
        Happening::Kept { summary, late: false, .. } => row(w.pick("Kept", "Cumplida"), q(summary), None, Tone::Good),
        Happening::Broken { summary, reason } => row(w.pick("Broken", "Incumplida"), q(summary), note(reason), Tone::Bad),
        Happening::Released { summary, note: n } => {
            let text =
                if es { format!("{}: el cliente nos liberó", q(summary)) } else { format!("{}: the client let us off", q(summary)) };
            row(w.pick("Released", "Liberada"), text, note(n), Tone::Plain)
        }
        Happening::Incident { summary, severity, noticed_by } => {
            let text = format!("{}: {}, {}", w.severity(*severity), q(summary), w.noticed_by(*noticed_by));
            row(w.pick("Incident", "Incidente"), text, None, Tone::Bad)
        }
        Happening::IncidentClosed { summary, repaired } => {
            let how = match (repaired, es) {
                (true, false) => ", repaired with an apology and a fix",
                (true, true) => ", reparado con disculpa y arreglo",
                (false, false) => ", without a full repair",
                (false, true) => ", sin reparación completa",
            };
            let tone = if *repaired { Tone::Good } else { Tone::Warn };
            row(w.pick("Incident closed", "Incidente cerrado"), format!("{}{how}", q(summary)), None, tone)
        }
        Happening::Feedback { score, stage, cause, comment } => {
            let mut text = w.stage(*stage).to_string();
            if let Some(c) = cause {
                text += &if es { format!(" · causa: {}", w.cause(*c)) } else { format!(" · cause: {}", w.cause(*c)) };
            }
            let comment = comment.as_deref().map(|c| w.quote(&text::line(c, LONG)));
            Row { when, label: score_label(*score, w), text, note: comment, tone: score_tone(*score) }
        }
        Happening::FeedbackFollowedUp { score, note: n } => {
            let text = if es { format!("de la opinión {score}") } else { format!("on the feedback {score}") };
            row(w.pick("Followed up", "Seguimiento"), text, note(n), Tone::Good)
        }
    }
}
