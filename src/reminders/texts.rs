//! A reminder's words, in Spanish or English: the client's name in the title,
//! what is at stake in the body. Only wording lives here, never a rule.

use super::kind::ReminderKind;
use super::plan::{Notification, Reminder};
use super::states::{Candidate, What};
use crate::domain::Language::{self, En, Es};
use crate::signals::words::{business_hours, due, moment, quote, severity, span};
use crate::signals::Context;

fn title(kind: ReminderKind, client: &str, lang: Language) -> String {
    let what = match (lang, kind) {
        (En, ReminderKind::PromiseDueSoon) => "promise due soon",
        (En, ReminderKind::PromiseOverdue) => "promise overdue",
        (En, ReminderKind::RequestAnswerSoon) => "answer due soon",
        (En, ReminderKind::RequestUnanswered) => "request waiting for an answer",
        (En, ReminderKind::IncidentUnacknowledged) => "incident not acknowledged",
        (Es, ReminderKind::PromiseDueSoon) => "promesa a punto de vencer",
        (Es, ReminderKind::PromiseOverdue) => "promesa vencida",
        (Es, ReminderKind::RequestAnswerSoon) => "respuesta a punto de vencer",
        (Es, ReminderKind::RequestUnanswered) => "solicitud sin respuesta",
        (Es, ReminderKind::IncidentUnacknowledged) => "incidente sin reconocer",
    };
    format!("{client}: {what}")
}

fn body(c: &Candidate<'_>, ctx: &Context<'_>) -> String {
    let (lang, tz, now) = (ctx.lang, ctx.tz(), ctx.now);
    let s = quote(&c.entry.summary, lang);
    match (c.what, lang) {
        (What::Promise { due: d, deadline }, _) if c.kind == ReminderKind::PromiseDueSoon => {
            let (d, left) = (due(d, tz, lang), span(deadline - now, lang));
            match lang {
                En => format!("{s} is due {d}, in {left}."),
                Es => format!("{s} vence el {d}, dentro de {left}."),
            }
        }
        (What::Promise { due: d, deadline }, En) => format!("{s} was due {} and is {} late.", due(d, tz, En), span(now - deadline, En)),
        (What::Promise { due: d, deadline }, Es) => {
            format!("{s} vencía el {} y lleva {} de retraso.", due(d, tz, Es), span(now - deadline, Es))
        }
        (What::Request { by, .. }, _) if c.kind == ReminderKind::RequestAnswerSoon => {
            let (at, left) = (moment(by, tz, lang), business_hours(ctx.calendar.business_time_between(now, by), lang));
            match lang {
                En => format!("{s} is to be answered by {at}, in {left}."),
                Es => format!("{s} debe responderse antes del {at}, dentro de {left}."),
            }
        }
        (What::Request { since, by }, _) => {
            let (at, waited) = (moment(by, tz, lang), business_hours(ctx.calendar.business_time_between(since, now), lang));
            match lang {
                En => format!("{s} was to be answered by {at}; the client has waited {waited}."),
                Es => format!("{s} debía responderse antes del {at}; el cliente lleva esperando {waited}."),
            }
        }
        (What::Incident { severity: sev, noticed }, _) => {
            let (sev, ago) = (severity(sev, lang), span(now - noticed, lang));
            match lang {
                En => format!(
                    "The client has heard nothing from you about the {sev} incident {s}, noticed {ago} ago: contact the client first."
                ),
                Es => {
                    format!("El cliente no ha sabido nada de ti sobre el incidente {sev} {s}, detectado hace {ago}: escríbele tú primero.")
                }
            }
        }
    }
}

pub(crate) fn reminder(c: &Candidate<'_>, ctx: &Context<'_>) -> Reminder {
    Reminder {
        key: c.key.clone(),
        kind: c.kind,
        client_id: c.client.id,
        client: c.client.name.clone(),
        entry_id: c.entry.id,
        summary: c.entry.summary.clone(),
        about: c.about,
        due_at: c.due_at,
        repeat: c.repeat,
        after_snooze: c.after_snooze,
        title: title(c.kind, &c.client.name, ctx.lang),
        body: body(c, ctx),
    }
}

/// "2 promises overdue", "1 solicitud esperando respuesta".
fn count(n: usize, lang: Language, group: Group) -> String {
    let one = n == 1;
    let words = match (lang, group, one) {
        (En, Group::Overdue, true) => "promise overdue",
        (En, Group::Overdue, false) => "promises overdue",
        (En, Group::DueSoon, true) => "promise due soon",
        (En, Group::DueSoon, false) => "promises due soon",
        (En, Group::Waiting, true) => "request waiting for an answer",
        (En, Group::Waiting, false) => "requests waiting for an answer",
        (En, Group::Incident, true) => "incident not acknowledged",
        (En, Group::Incident, false) => "incidents not acknowledged",
        (Es, Group::Overdue, true) => "promesa vencida",
        (Es, Group::Overdue, false) => "promesas vencidas",
        (Es, Group::DueSoon, true) => "promesa a punto de vencer",
        (Es, Group::DueSoon, false) => "promesas a punto de vencer",
        (Es, Group::Waiting, true) => "solicitud esperando respuesta",
        (Es, Group::Waiting, false) => "solicitudes esperando respuesta",
        (Es, Group::Incident, true) => "incidente sin reconocer",
        (Es, Group::Incident, false) => "incidentes sin reconocer",
    };
    format!("{n} {words}")
}

/// How a digest counts: both reminders of a request are one "waiting".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Overdue,
    DueSoon,
    Waiting,
    Incident,
}

fn group(kind: ReminderKind) -> Group {
    match kind {
        ReminderKind::PromiseOverdue => Group::Overdue,
        ReminderKind::PromiseDueSoon => Group::DueSoon,
        ReminderKind::RequestAnswerSoon | ReminderKind::RequestUnanswered => Group::Waiting,
        ReminderKind::IncidentUnacknowledged => Group::Incident,
    }
}

/// At most this many clients are named in a digest; the rest are counted.
const NAMED_CLIENTS: usize = 3;

/// One notification for many reminders: how many of each, and whose.
pub(crate) fn digest(reminders: Vec<Reminder>, lang: Language) -> Notification {
    let counts: Vec<String> = [Group::Overdue, Group::DueSoon, Group::Waiting, Group::Incident]
        .into_iter()
        .filter_map(|g| {
            let n = reminders.iter().filter(|r| group(r.kind) == g).count();
            (n > 0).then(|| count(n, lang, g))
        })
        .collect();
    let mut names: Vec<&str> = Vec::new();
    for r in &reminders {
        if !names.contains(&r.client.as_str()) {
            names.push(&r.client);
        }
    }
    let shown = names.iter().take(NAMED_CLIENTS).copied().collect::<Vec<_>>();
    let more = names.len().saturating_sub(NAMED_CLIENTS);
    let (and, more_words) = match lang {
        En => ("and", format!("{more} more")),
        Es => ("y", format!("{more} más")),
    };
    let who = match (shown.as_slice(), more) {
        ([], _) => String::new(),
        ([only], 0) => only.to_string(),
        (list, 0) => format!("{} {and} {}", list[..list.len() - 1].join(", "), list[list.len() - 1]),
        (list, _) => format!("{} {and} {more_words}", list.join(", ")),
    };
    let title = match lang {
        En => format!("Trato: {} reminders", reminders.len()),
        Es => format!("Trato: {} recordatorios", reminders.len()),
    };
    let single_client = reminders.first().map(|r| r.client_id).filter(|id| reminders.iter().all(|r| r.client_id == *id));
    Notification { title, body: format!("{} — {who}.", counts.join(", ")), client_id: single_client, digest: true, reminders }
}
