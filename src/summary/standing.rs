//! How the relationship stands: the trust score now, its explanation worded in
//! each language a summary prints in, and the 12-week trend.

use serde::Serialize;

use crate::domain::{Client, Entry, Language};
use crate::signals::Context;
use crate::trust::{self, Contribution, History, TrendPoint};

/// How many reasons a summary lists besides the start (and the 0–100 limit);
/// the rest are summed into one line, so that the lines still add up to the score.
pub const MAX_REASONS: usize = 7;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Standing {
    /// `None` while the client is new: not enough history yet.
    pub score: Option<i64>,
    pub history: History,
    pub trend: Vec<TrendPoint>,
    /// The explanation in English and in Spanish: the trust engine words its
    /// reasons as it computes them, and a summary may be printed in either.
    pub explanation_en: Vec<Contribution>,
    pub explanation_es: Vec<Contribution>,
    /// The lightest reasons, summed.
    pub others: Option<Others>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Others {
    pub count: u64,
    pub points: i64,
}

impl Standing {
    pub fn explanation(&self, lang: Language) -> &[Contribution] {
        match lang {
            Language::En => &self.explanation_en,
            Language::Es => &self.explanation_es,
        }
    }
}

pub fn of(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> Standing {
    let in_lang = |lang| trust::score(client, entries, &Context::new(ctx.settings, ctx.tz(), lang, ctx.now));
    let (score, en) = in_lang(Language::En);
    let (_, es) = in_lang(Language::Es);
    let keep = kept(&en);
    let pick = |all: Vec<Contribution>| all.into_iter().enumerate().filter(|(i, _)| keep.contains(i)).map(|(_, c)| c).collect();
    let left: Vec<&Contribution> = en.iter().enumerate().filter(|(i, _)| !keep.contains(i)).map(|(_, c)| c).collect();
    let others = (!left.is_empty()).then(|| Others { count: left.len() as u64, points: left.iter().map(|c| c.points).sum() });
    Standing {
        score,
        history: trust::history(entries, ctx),
        trend: trust::trend(client, entries, ctx),
        explanation_en: pick(en),
        explanation_es: pick(es),
        others,
    }
}

/// The lines to keep: those about no entry (the start, the limit line, a
/// silence) and the heaviest others, in their order.
fn kept(all: &[Contribution]) -> Vec<usize> {
    let mut about_entries: Vec<usize> = (0..all.len()).filter(|i| !all[*i].entry_ids.is_empty()).collect();
    about_entries.sort_by_key(|i| std::cmp::Reverse(all[*i].points.abs()));
    about_entries.truncate(MAX_REASONS);
    let mut keep: Vec<usize> = (0..all.len()).filter(|i| all[*i].entry_ids.is_empty() || about_entries.contains(i)).collect();
    keep.sort_unstable();
    keep
}
