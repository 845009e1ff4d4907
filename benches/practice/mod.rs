//! The journal of a busy practice, generated the same on every machine: 10,000
//! clients and their history (10 or 100 entries each), about 2 % of the
//! promises and requests still open. Shared by the benches that need it
//! (signals, mail); generated once and kept under target/bench-data/.

// Each bench uses a part of what is here.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Datelike, Days, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Madrid;
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::StepTaken;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::time::{local_date, local_to_utc};
use trato::domain::{
    Cause, Channel, Client, ClientId, ClientPatch, ClientStatus, Details, Direction, Due, Entry, EntryId, Feedback, Incident,
    IncidentSeverity, Interaction, NoticedBy, Promise, RecoveryStep, Request, Score, Stage,
};
use trato::store::migrations::{latest, MIGRATIONS};
use trato::store::{clients, entries, Store, StoreError};
use uuid::Builder;

/// Part of the cached files' names: change it with anything that changes what is generated.
const GENERATOR_VERSION: u32 = 1;
pub const CLIENTS: usize = 10_000;
/// Open promises and requests, the same in both journals: about 2 % of the
/// promise and request rows of the million-entry one.
pub const OPEN_MATTERS: usize = 10_000;
/// Entries per write transaction: the journal commits with synchronous=FULL, and
/// an fsync per entry would take hours for a million of them.
const BATCH: usize = 20_000;
/// Everything that can raise a signal lies in the last 90 days (the slipping
/// window and the feedback interval). Both journals have the same last 90 days,
/// so that they differ in their history only.
const RECENT_DAYS: i64 = 90;
/// An old entry's events (replies, a late delivery, recovery steps) end within this.
const EVENTS_WITHIN_DAYS: i64 = 25;

/// Thursday 2026-03-05, 09:00 in Madrid.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).single().expect("a valid date")
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

// ------------------------------------------------------------------ randomness

/// splitmix64: the same journal on every machine and every run, without a crate.
pub struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What a stream of numbers is for: each client has its own streams, so that its
/// recent months come out the same whatever the length of the history before them.
const CLIENT: u64 = 1;
const OPEN: u64 = 2;
const RECENT: u64 = 3;
const HISTORY: u64 = 4;

impl Rng {
    pub fn stream(purpose: u64, index: usize) -> Rng {
        Rng(mix(mix(purpose).wrapping_add(index as u64)))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// A whole number of seconds in `[lo, hi)`: stored moments keep milliseconds,
    /// and whole seconds need no truncating.
    pub fn between(&mut self, lo: Duration, hi: Duration) -> Duration {
        let (lo, hi) = (lo.num_seconds(), hi.num_seconds());
        Duration::seconds(lo + (self.next() % (hi - lo).max(1) as u64) as i64)
    }

    /// A moment a fraction `lo..hi` of the way from `from` to `to`.
    pub fn part(&mut self, from: DateTime<Utc>, to: DateTime<Utc>, lo: f64, hi: f64) -> DateTime<Utc> {
        let span = (to - from).num_seconds() as f64;
        from + Duration::seconds((span * (lo + (hi - lo) * self.unit())) as i64)
    }

    /// A UUID v7 of `at` with this stream's bits: ids come out the same every run.
    pub fn uuid(&mut self, at: DateTime<Utc>) -> uuid::Uuid {
        let bytes = self.next().to_le_bytes();
        let more = self.next().to_le_bytes();
        let random = [bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], more[0], more[1]];
        Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &random).into_uuid()
    }

    /// A moment of a working day between `from` and `to`: people log their work then.
    pub fn work_time(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
        let t = from + self.between(Duration::zero(), to - from);
        let date = local_date(t, Madrid);
        let date = match date.weekday() {
            Weekday::Sat => date.pred_opt().unwrap_or(date),
            Weekday::Sun => date.succ_opt().unwrap_or(date),
            _ => date,
        };
        let time = NaiveTime::from_hms_opt(8 + self.below(10) as u32, self.below(60) as u32, 0).unwrap_or_default();
        local_to_utc(date.and_time(time), Madrid).unwrap_or(t).clamp(from, to)
    }
}

// ------------------------------------------------------------------ what to say

const TRADES: &[&str] = &[
    "Panadería",
    "Estudio",
    "Clínica Dental",
    "Hotel",
    "Librería",
    "Café",
    "Gimnasio",
    "Inmobiliaria",
    "Taller",
    "Floristería",
    "Asesoría",
    "Academia",
    "Bodega",
    "Óptica",
    "Farmacia",
    "Peluquería",
    "Restaurante",
    "Galería",
    "Imprenta",
    "Escuela de Música",
];
const NAMES: &[&str] = &[
    "Sol", "Norte", "Ruiz", "Miramar", "Alba", "Tostado", "Pulso", "Costa", "Díaz", "Lila", "Mar", "Babel", "Luna", "Olivo", "Brisa",
    "Roble",
];
const TAGS: &[&str] = &["web", "shop", "social", "health", "hospitality", "education", "real-estate", "lead"];
const TALKS: &[&str] = &[
    "Sent this week's prices",
    "Prices updated on the website",
    "Monthly call: portfolio updates",
    "Room photos and rates for the season",
    "Monthly report sent",
    "Talked about the autumn campaign",
    "Quick call about the invoice",
    "Went through the analytics of the month",
    "Asked how the new booking page is going",
];
const ASKS: &[&str] = &[
    "Update the menu on the website",
    "Add a 'new releases' section to the home page",
    "Show our Instagram feed on the home page",
    "Change the photos of the wedding bouquets",
    "Publish the summer course calendar",
    "Add the new opening hours",
    "A quote for an online shop",
    "The contact form sends nothing",
    "Translate the home page into English",
];
const PROMISES: &[&str] = &[
    "Send the website proposal",
    "New menu online",
    "Publish the new projects",
    "Instagram feed on the home page",
    "Send a quote",
    "Client portal login",
    "Fix the contact form",
    "New photos in the gallery",
    "Newsletter template",
    "Booking page in English",
];
const REASONS: &[&str] = &["Waiting for the hosting provider", "Security review took longer", "Photos arrived late", "Ill for two days"];
const NOTES: &[&str] = &[
    "Ask about the autumn campaign in September",
    "Prefers calls after midday",
    "Closed in August",
    "New manager from March: Laura",
    "Invoices go to the accounting address",
];
const PRAISE: &[&str] = &["Love the new design", "Reliable, always on time", "Quick and honest", "Customers ask who made the site"];
const MEH: &[&str] = &["Fine, a bit slow to answer", "Does the job"];
const COMPLAINTS: &[&str] = &["The photos are not the ones I meant", "Two missed dates", "Too slow to answer", "Not what we agreed"];
const MISTAKES: &[&str] = &[
    "Booking page down for two hours after the update",
    "Booking confirmations went to the wrong address",
    "Wrong prices on the course calendar",
    "Contact form lost a week of messages",
    "Newsletter sent twice",
];
const CHANNELS: &[Channel] = &[Channel::Call, Channel::Meeting, Channel::Email, Channel::Message, Channel::Visit];

// ------------------------------------------------------------------ clients

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Life {
    /// Active and in touch: recent contacts, feedback, and the open matters.
    Busy,
    /// Active, but nothing heard for 60 days or more.
    Silent,
    /// Paused, former or a prospect: a history only.
    Dormant,
}

pub struct Plan {
    pub index: usize,
    pub client: Client,
    pub life: Life,
    /// The latest moment an entry of its history occurs.
    pub history_end: DateTime<Utc>,
    /// Its open promises and requests.
    pub open: usize,
}

/// The clients, the same in every journal, with the open matters dealt among those in touch.
pub fn plans() -> Vec<Plan> {
    let mut plans: Vec<Plan> = (0..CLIENTS).map(plan).collect();
    let busy: Vec<usize> = plans.iter().filter(|p| p.life == Life::Busy).map(|p| p.index).collect();
    let mut rng = Rng::stream(OPEN, 0);
    for _ in 0..OPEN_MATTERS {
        plans[busy[rng.below(busy.len())]].open += 1;
    }
    plans
}

fn plan(index: usize) -> Plan {
    let (now, mut rng) = (now(), Rng::stream(CLIENT, index));
    let created = rng.work_time(now - days(3 * 365), now - days(150));
    let status = match rng.unit() {
        u if u < 0.84 => ClientStatus::Active,
        u if u < 0.92 => ClientStatus::Paused,
        u if u < 0.97 => ClientStatus::Former,
        _ => ClientStatus::Prospect,
    };
    let life = match status {
        ClientStatus::Active if rng.chance(0.03) => Life::Silent,
        ClientStatus::Active => Life::Busy,
        _ => Life::Dormant,
    };
    // Those not in touch stopped between 100 and 230 days ago: their last contact
    // is at least 75 days old, past any event of their last entry.
    let history_end = match life {
        Life::Busy => now - days(RECENT_DAYS + EVENTS_WITHIN_DAYS),
        _ => (now - days(100) - rng.between(days(0), days(130))).max(created + days(10)),
    };
    let (trade, name) = (rng.pick(TRADES), rng.pick(NAMES));
    let patch = ClientPatch {
        organisation: Some(format!("{trade} {name} S.L.")),
        email: Some(format!("hola@cliente{}.es", index + 1)),
        phone: rng.chance(0.6).then(|| format!("+34 6{:02} {:03} {:03}", rng.below(100), rng.below(1000), rng.below(1000))),
        preferred_channel: Some(Some(rng.pick(CHANNELS))),
        status: Some(status),
        add_tags: vec![rng.pick(TAGS).to_string()],
        ..ClientPatch::default()
    };
    let id = ClientId(rng.uuid(created));
    let client = Client::new(id, &format!("{trade} {name} {}", index + 1), created, patch).expect("a valid client");
    Plan { index, client, life, history_end, open: 0 }
}

// ------------------------------------------------------------------ entries

/// Writes one client's entries: how each kind of matter usually goes.
struct Maker {
    rng: Rng,
    client: ClientId,
    /// Nothing happens after now.
    cap: DateTime<Utc>,
    out: Vec<Entry>,
}

#[derive(Clone, Copy)]
enum Kept {
    OnTime,
    Late,
    Rescheduled,
    Broken,
    Released,
}

impl Maker {
    fn new(client: ClientId, rng: Rng) -> Maker {
        Maker { rng, client, cap: now() - minutes(1), out: Vec::new() }
    }

    fn push(&mut self, at: DateTime<Utc>, channel: Channel, summary: &str, details: Details) {
        let id = EntryId(self.rng.uuid(at));
        let entry = Entry { id, client_id: self.client, occurred_at: at, recorded_at: at, channel, summary: summary.to_string(), details };
        if let Err(e) = entry.validate() {
            panic!("the generator made an invalid entry ({e}): {entry:?}");
        }
        self.out.push(entry);
    }

    /// An old entry of any kind, in the proportions of a working journal.
    fn past(&mut self, at: DateTime<Utc>) {
        match self.rng.unit() {
            u if u < 0.40 => self.interaction(at),
            u if u < 0.65 => self.closed_request(at),
            u if u < 0.85 => {
                let kept = match self.rng.unit() {
                    u if u < 0.72 => Kept::OnTime,
                    u if u < 0.85 => Kept::Late,
                    u if u < 0.93 => Kept::Rescheduled,
                    u if u < 0.98 => Kept::Broken,
                    _ => Kept::Released,
                };
                self.closed_promise(at, kept)
            }
            u if u < 0.93 => {
                let note = self.rng.pick(NOTES);
                self.push(at, Channel::Other, note, Details::Note)
            }
            u if u < 0.98 => self.feedback(at, false),
            _ => self.incident(at, true),
        }
    }

    fn interaction(&mut self, at: DateTime<Utc>) {
        let (channel, talk) = (self.rng.pick(CHANNELS), self.rng.pick(TALKS));
        let direction = if self.rng.chance(0.5) { Direction::In } else { Direction::Out };
        self.push(at, channel, talk, Details::Interaction(Interaction { direction }))
    }

    /// Mostly answered within hours and done within days; a few asked twice, declined or withdrawn.
    fn closed_request(&mut self, at: DateTime<Utc>) {
        let r = &mut self.rng;
        let mut events = Vec::new();
        match r.unit() {
            u if u < 0.04 => {
                events.push(RequestEvent::Declined { at: at + r.between(hours(2), days(2)), note: Some("Out of scope".into()) })
            }
            u if u < 0.07 => events.push(RequestEvent::Withdrawn { at: at + r.between(days(1), days(5)), note: None }),
            u => {
                let mut t = at;
                if u < 0.17 {
                    t += r.between(days(1), days(3));
                    events.push(RequestEvent::FollowUp { at: t, channel: r.pick(CHANNELS), note: Some("Any news?".into()) });
                }
                t += r.between(minutes(20), hours(8));
                events.push(RequestEvent::Reply { at: t, note: Some("On it".into()), promise: None });
                t += r.between(days(1), days(10));
                events.push(RequestEvent::Done { at: t, promise: None });
            }
        }
        let cap = self.cap;
        events.iter_mut().for_each(|e| clamp_request_event(e, cap));
        let (channel, ask) = (self.rng.pick(CHANNELS), self.rng.pick(ASKS));
        self.push(at, channel, ask, Details::Request(Request { answer_by: None, events }))
    }

    fn closed_promise(&mut self, at: DateTime<Utc>, kept: Kept) {
        let r = &mut self.rng;
        let due = due_after(at, 2 + r.below(11) as u64);
        let deadline = due.deadline(Madrid);
        let events = match kept {
            Kept::OnTime => vec![PromiseEvent::Kept { at: r.part(at, deadline, 0.3, 0.95) }],
            Kept::Late => vec![PromiseEvent::Kept { at: deadline + r.between(hours(2), days(5)) }],
            Kept::Rescheduled => {
                let moved = r.part(at, deadline, 0.2, 0.7);
                let new_due = due_after(at, days_between(at, deadline) + 2 + r.below(5) as u64);
                let new_deadline = new_due.deadline(Madrid);
                let kept = if r.chance(0.8) { r.part(moved, new_deadline, 0.3, 0.95) } else { new_deadline + r.between(hours(2), days(3)) };
                vec![
                    PromiseEvent::Rescheduled { at: moved, due: new_due, reason: r.pick(REASONS).into(), cause: None },
                    PromiseEvent::Kept { at: kept },
                ]
            }
            Kept::Broken => {
                vec![PromiseEvent::Broken { at: deadline + r.between(hours(1), days(3)), reason: Some("Underestimated the work".into()) }]
            }
            Kept::Released => vec![PromiseEvent::Released { at: r.part(at, deadline, 0.2, 0.8), note: Some("No longer needed".into()) }],
        };
        let cap = self.cap;
        let events = events.into_iter().map(|e| clamp_promise_event(e, cap)).collect();
        let summary = self.rng.pick(PROMISES);
        self.push(
            at,
            Channel::Email,
            summary,
            Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events }),
        )
    }

    /// Mostly happy; an unhappy client is called back within days, unless `ignored`.
    fn feedback(&mut self, at: DateTime<Utc>, ignored: bool) {
        let r = &mut self.rng;
        let nps = r.chance(0.4);
        let mood = if ignored { 1.0 } else { r.unit() };
        let (score, comment) = match mood {
            u if u < 0.75 => (if nps { Score::Nps(9 + r.below(2) as i64) } else { Score::Rating(4 + r.below(2) as i64) }, r.pick(PRAISE)),
            u if u < 0.88 => (if nps { Score::Nps(7 + r.below(2) as i64) } else { Score::Rating(3) }, r.pick(MEH)),
            _ => (if nps { Score::Nps(r.below(7) as i64) } else { Score::Rating(1 + r.below(2) as i64) }, r.pick(COMPLAINTS)),
        };
        let negative = score.is_negative();
        let follow_ups = if negative && !ignored {
            vec![FeedbackFollowUp { at: (at + r.between(hours(2), days(4))).min(self.cap), note: Some("Called to apologise".into()) }]
        } else {
            Vec::new()
        };
        let stage = r.pick(&[Stage::Mid, Stage::End, Stage::Unsolicited]);
        let cause = negative.then(|| r.pick(&[Cause::Expectations, Cause::Misunderstanding, Cause::Rapport, Cause::Deficiency]));
        let details = Details::Feedback(Feedback { score, stage, cause, comment: Some(comment.into()), follow_ups });
        self.push(at, Channel::Email, comment, details)
    }

    /// Closed: every step within days (an apology now and then forgotten).
    /// Open: acknowledged or not, apologised or not, nothing fixed yet.
    fn incident(&mut self, at: DateTime<Utc>, closed: bool) {
        let r = &mut self.rng;
        let severity = match r.unit() {
            u if u < 0.7 => IncidentSeverity::Minor,
            u if u < 0.95 => IncidentSeverity::Major,
            _ => IncidentSeverity::Critical,
        };
        let noticed_by = if r.chance(0.5) { NoticedBy::Us } else { NoticedBy::Client };
        let mut plan: Vec<(RecoveryStep, Duration, Option<&str>)> = Vec::new();
        if closed {
            plan.push((RecoveryStep::Acknowledged, r.between(minutes(10), hours(3)), None));
            if r.chance(0.9) {
                plan.push((RecoveryStep::Apologized, r.between(minutes(5), hours(2)), Some("Phoned to apologise")));
            }
            if r.chance(0.8) {
                plan.push((RecoveryStep::Explained, r.between(minutes(10), hours(4)), Some("A setting in the update")));
            }
            plan.push((RecoveryStep::Fixed, r.between(hours(1), days(2)), None));
            if r.chance(0.3) {
                plan.push((RecoveryStep::Compensated, r.between(hours(1), days(1)), Some("One month of hosting free")));
            }
            plan.push((RecoveryStep::Closed, r.between(hours(1), days(1)), None));
        } else if r.chance(0.6) {
            plan.push((RecoveryStep::Acknowledged, r.between(minutes(10), hours(3)), None));
            if r.chance(0.6) {
                plan.push((RecoveryStep::Apologized, r.between(minutes(5), hours(2)), Some("Phoned to apologise")));
            }
        }
        let mut t = at;
        let mut steps = Vec::new();
        for (step, after, note) in plan {
            t += after;
            if t > self.cap && !closed {
                break;
            }
            steps.push(StepTaken { step, at: t.min(self.cap), note: note.map(str::to_string) });
        }
        let mistake = self.rng.pick(MISTAKES);
        self.push(at, Channel::Email, mistake, Details::Incident(Incident { noticed_by, severity, steps }))
    }

    /// A promise still open: mostly due in the coming days, some overdue, a few moved.
    fn open_promise(&mut self) {
        let (now, cap) = (now(), self.cap);
        let r = &mut self.rng;
        let made = r.work_time(now - days(20), now - hours(1));
        let (made_day, today) = (local_date(made, Madrid), local_date(now, Madrid));
        let late_by = (today - made_day).num_days();
        let due = if late_by > 0 && r.chance(0.15) {
            Due::Date(made_day + Days::new(r.below(late_by as usize) as u64))
        } else {
            Due::Date(today + Days::new(r.below(15) as u64))
        };
        let mut events = Vec::new();
        if r.chance(0.08) {
            let moved = r.part(made, cap, 0.3, 0.9);
            let mut new_due = Due::Date(today + Days::new(1 + r.below(10) as u64));
            if new_due == due {
                new_due = Due::Date(today + Days::new(12));
            }
            events.push(PromiseEvent::Rescheduled { at: moved, due: new_due, reason: r.pick(REASONS).into(), cause: None });
        }
        let summary = self.rng.pick(PROMISES);
        self.push(
            made,
            Channel::Email,
            summary,
            Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events }),
        )
    }

    /// A request still open: mostly answered and in progress; some unanswered, some asked again.
    fn open_request(&mut self) {
        let (now, cap) = (now(), self.cap);
        let r = &mut self.rng;
        let asked = r.work_time(now - days(15), now - hours(1));
        let mut events = Vec::new();
        let mut t = asked;
        let (follow_ups, reply) = match r.unit() {
            u if u < 0.65 => (0, true),
            u if u < 0.80 => (0, false),
            u if u < 0.92 => (1, r.chance(0.5)),
            _ => (2, false),
        };
        for _ in 0..follow_ups {
            t += r.between(days(1), days(3));
            if t <= cap {
                events.push(RequestEvent::FollowUp { at: t, channel: r.pick(CHANNELS), note: Some("Any news?".into()) });
            }
        }
        t += r.between(minutes(20), hours(6));
        if reply && t <= cap {
            events.push(RequestEvent::Reply { at: t, note: Some("On it, by Friday".into()), promise: None });
        }
        let (channel, ask) = (self.rng.pick(CHANNELS), self.rng.pick(ASKS));
        self.push(asked, channel, ask, Details::Request(Request { answer_by: None, events }))
    }

    /// The last 90 days of a client in touch: contacts within the month, often
    /// feedback, a matter or two closed, and its open ones.
    fn recent(&mut self, open: usize) {
        let now = now();
        for _ in 0..1 + self.rng.below(3) {
            let at = self.rng.work_time(now - days(25), now - hours(2));
            self.interaction(at);
        }
        if self.rng.chance(0.5) {
            let at = self.rng.work_time(now - days(85), now - days(30));
            let kept = match self.rng.unit() {
                u if u < 0.8 => Kept::OnTime,
                u if u < 0.92 => Kept::Late,
                _ => Kept::Broken,
            };
            self.closed_promise(at, kept);
        }
        if self.rng.chance(0.5) {
            let at = self.rng.work_time(now - days(80), now - days(20));
            self.closed_request(at);
        }
        if self.rng.chance(0.7) {
            let at = self.rng.work_time(now - days(85), now - days(5));
            self.feedback(at, false);
        } else if self.rng.chance(0.012) {
            let at = self.rng.work_time(now - days(40), now - days(1));
            self.feedback(at, true);
        }
        if self.rng.chance(0.006) {
            let at = self.rng.work_time(now - days(10), now - hours(1));
            self.incident(at, false);
        }
        for _ in 0..open {
            if self.rng.chance(0.45) {
                self.open_promise()
            } else {
                self.open_request()
            }
        }
    }
}

fn due_after(at: DateTime<Utc>, n: u64) -> Due {
    Due::Date(local_date(at, Madrid) + Days::new(n))
}

fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u64 {
    (local_date(to, Madrid) - local_date(from, Madrid)).num_days().max(0) as u64
}

fn clamp_request_event(e: &mut RequestEvent, cap: DateTime<Utc>) {
    match e {
        RequestEvent::FollowUp { at, .. }
        | RequestEvent::Reply { at, .. }
        | RequestEvent::Done { at, .. }
        | RequestEvent::Declined { at, .. }
        | RequestEvent::Withdrawn { at, .. } => *at = (*at).min(cap),
    }
}

fn clamp_promise_event(mut e: PromiseEvent, cap: DateTime<Utc>) -> PromiseEvent {
    match &mut e {
        PromiseEvent::Rescheduled { at, .. }
        | PromiseEvent::Kept { at }
        | PromiseEvent::Broken { at, .. }
        | PromiseEvent::Released { at, .. } => *at = (*at).min(cap),
    }
    e
}

/// One client's entries: its recent months (the same in every journal), then as
/// much history before them as makes `per_client` in all.
fn client_entries(plan: &Plan, per_client: usize) -> Vec<Entry> {
    let mut recent = Maker::new(plan.client.id, Rng::stream(RECENT, plan.index));
    if plan.life == Life::Busy {
        recent.recent(plan.open);
    }
    let mut history = Maker::new(plan.client.id, Rng::stream(HISTORY + 16 * per_client as u64, plan.index));
    let created = plan.client.created_at;
    let mut times: Vec<DateTime<Utc>> =
        (0..per_client.saturating_sub(recent.out.len())).map(|_| history.rng.work_time(created, plan.history_end)).collect();
    times.sort();
    for at in times {
        history.past(at);
    }
    history.out.append(&mut recent.out);
    history.out
}

// ------------------------------------------------------------------ journals on disk

/// Generated journals are kept between runs; the name says what made them.
fn data_file(per_client: usize) -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("bench-data");
    let schema = latest(MIGRATIONS);
    dir.join(format!("signals-g{GENERATOR_VERSION}-schema{schema}-{CLIENTS}x{per_client}-open{OPEN_MATTERS}.db"))
}

/// The journal file, generated first when missing. Written under another name and
/// renamed when complete, so that an interrupted run leaves no half journal to reuse.
pub fn journal_file(plans: &[Plan], per_client: usize) -> PathBuf {
    let path = data_file(per_client);
    if path.exists() {
        return path;
    }
    let part = path.with_extension("db.part");
    let sidecars = |p: &Path| ["", "-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", p.display())));
    for f in sidecars(&part) {
        let _ = std::fs::remove_file(f);
    }
    eprintln!("generating {} (once; later runs reuse it)", path.display());
    let started = Instant::now();
    generate(&part, plans, per_client).expect("generate a journal");
    // Closing the last connection folds the write-ahead log into the file.
    assert!(!sidecars(&part)[1].exists(), "the write-ahead log of {} outlived its connection", part.display());
    std::fs::rename(&part, &path).expect("keep the generated journal");
    eprintln!("generated in {:.0?}", started.elapsed());
    path
}

fn generate(path: &Path, plans: &[Plan], per_client: usize) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    store.write(|tx| {
        // For this connection only: new ids land all over the primary key's
        // index, which a cache the size of the index keeps off the disk.
        tx.execute_batch("PRAGMA cache_size = -1000000")?;
        plans.iter().try_for_each(|p| clients::put(tx, &p.client, None))
    })?;
    for chunk in plans.chunks((BATCH / per_client).max(1)) {
        store.write(|tx| chunk.iter().flat_map(|p| client_entries(p, per_client)).try_for_each(|e| entries::put(tx, &e, None)))?;
    }
    Ok(())
}
