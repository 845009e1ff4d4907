//! The printable client relationship summary: who the client is, the key
//! figures of a period, the trust score with its explanation and trend, what is
//! still owed, how incidents were repaired, what the client thought, and the
//! story of the period. `build` gathers it from a client's entries as of
//! `ctx.now`; `html` and `pdf` print it, in Spanish or English.

mod commitments;
mod face;
mod figures;
mod html;
mod incidents;
mod layout;
mod pdf;
mod period;
mod sheet;
mod standing;
mod story;
mod text;
mod who;
mod words;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Client, ClientId, Entry};
use crate::signals::Context;

pub use commitments::{Commitment, CommitmentKind};
pub use face::Face;
pub use figures::{CauseCount, FeedbackFigures, FeedbackLine, Figures};
pub use html::html;
pub use incidents::IncidentStory;
pub use pdf::{pdf, Paper, MAX_PAGES};
pub use period::Period;
pub use standing::{Others, Standing};
pub use story::{Event, Happening, Month, Story};
pub use who::Who;

/// Who a summary is for. The provider's copy has everything; the client's
/// leaves out the provider's own reading of the relationship: the trust score
/// with its reasons and trend, and the causes the provider gave to the
/// client's feedback (a diagnosis, which would read as a judgement of them).
/// What both sides lived (figures, open commitments, incidents and their
/// repair, the client's own ratings and words, the story) is in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Provider,
    Client,
}

/// Everything a summary prints, in no language yet: the app may show it as it
/// likes, and `html` and `pdf` word it. Lists are already cut to what a page
/// holds; each says how many it left out.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Summary {
    pub client_id: ClientId,
    pub audience: Audience,
    /// The moment the summary is as of.
    pub generated_at: DateTime<Utc>,
    /// The zone its dates are shown in (IANA name).
    pub time_zone: String,
    pub period: Period,
    /// Where the period starts; `None` for the whole relationship.
    pub from: Option<DateTime<Utc>>,
    pub who: Who,
    /// What happened within the period.
    pub figures: Figures,
    /// The trust score now, whatever the period: it is how the relationship
    /// stands. Not in the client's copy.
    pub trust: Option<Standing>,
    /// Promises and requests still open now, the most pressing first.
    pub open: Vec<Commitment>,
    pub open_left_out: u64,
    /// Incidents of the period with each recovery step, oldest first.
    pub incidents: Vec<IncidentStory>,
    pub incidents_left_out: u64,
    pub feedback: FeedbackFigures,
    pub story: Story,
}

/// The summary of a client's relationship over `period`, as of `ctx.now`,
/// from all of its entries (what is dated after `now` is ignored), for `audience`.
pub fn build(client: &Client, entries: &[Entry], ctx: &Context<'_>, period: Period, audience: Audience) -> Summary {
    let now = ctx.now;
    let tz = ctx.tz();
    let from = period.start(now, tz);
    let known: Vec<&Entry> = entries.iter().filter(|e| e.occurred_at <= now).collect();
    let in_period: Vec<&Entry> = known.iter().copied().filter(|e| from.is_none_or(|f| e.occurred_at >= f)).collect();
    let (open, open_left_out) = commitments::open(client, &known, ctx);
    let (incidents, incidents_left_out) = incidents::of(&in_period, now);
    let for_provider = audience == Audience::Provider;
    let mut feedback = figures::feedback(&in_period, now);
    let mut story = story::of(&known, from, ctx);
    if !for_provider {
        feedback.causes.clear();
        feedback.latest.iter_mut().for_each(|l| l.cause = None);
        for event in story.months.iter_mut().flat_map(|m| m.events.iter_mut()) {
            if let Happening::Feedback { cause, .. } = &mut event.what {
                *cause = None;
            }
        }
    }
    Summary {
        client_id: client.id,
        audience,
        generated_at: now,
        time_zone: tz.name().to_string(),
        period,
        from,
        who: who::of(client, &known),
        figures: figures::of(&in_period, ctx),
        trust: for_provider.then(|| standing::of(client, entries, ctx)),
        open,
        open_left_out,
        incidents,
        incidents_left_out,
        feedback,
        story,
    }
}

/// The file a summary is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One self-contained page: open it in a browser, print it or save it as PDF from there
    Html,
    /// A PDF with its font embedded
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// The summary as the bytes of a file of `format`, made whole in memory so that
/// a failure leaves no half-written file behind. `typeface` is asked for only
/// when a PDF is (an HTML page is printed in the browser's fonts).
pub fn document(
    summary: &Summary,
    lang: crate::domain::Language,
    format: Format,
    paper: Paper,
    typeface: impl FnOnce() -> Result<&'static Face, SummaryError>,
) -> Result<Vec<u8>, SummaryError> {
    Ok(match format {
        Format::Html => html(summary, lang).into_bytes(),
        Format::Pdf => pdf(summary, lang, paper, typeface()?)?,
    })
}

/// What can go wrong while printing a summary. Building one can't fail.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// DejaVu Sans is not in the system's font folders (those looked in), or is not a font there.
    #[error("DejaVu Sans, the font the summary is printed in, is missing from the system or unreadable (looked in {0}): install the fonts-dejavu-core package")]
    Font(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

impl SummaryError {
    /// A stable identifier for scripts and the UI.
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> crate::domain::Refusal {
        use crate::domain::{Code, Refusal};
        match self {
            SummaryError::Font(looked_in) => Refusal::new(Code::SummaryFont).detail(looked_in),
            SummaryError::Pdf(detail) => Refusal::new(Code::PdfFailed).detail(detail),
        }
    }
}
