//! The summary as a PDF written here, with no browser: the same sheet the HTML
//! prints, laid out on A4 or US Letter with the font embedded (subset), the
//! trend drawn as vector lines, entries never split across pages, and on every
//! page a footer with the date and "page N of M". At most two pages: a long
//! relationship loses its oldest story rows first, and says so.

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::Document;
use serde::{Deserialize, Serialize};

use super::face::{Face, Weight};
use super::layout::{fit, paginate, wrap, Block, Op, Placed, Rgb};
use super::sheet::{Group, Row, Section, Sheet, Tone, Trust};
use super::{Summary, SummaryError};
use crate::domain::Language;

/// The most pages a summary takes.
pub const MAX_PAGES: usize = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    /// US Letter.
    Letter,
}

impl Paper {
    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

const MARGIN_X: f32 = 40.0;
const MARGIN_TOP: f32 = 40.0;
/// Room below the text for the footer.
const MARGIN_BOTTOM: f32 = 56.0;

const INK: Rgb = Rgb(31, 35, 40);
const MUTED: Rgb = Rgb(87, 96, 106);
const ACCENT: Rgb = Rgb(47, 111, 115);
const RULE: Rgb = Rgb(208, 215, 222);
const BAD: Rgb = Rgb(164, 14, 38);
const WARN: Rgb = Rgb(154, 103, 0);
const GOOD: Rgb = Rgb(26, 127, 55);
const FOOT: Rgb = Rgb(110, 119, 129);

#[derive(Clone, Copy)]
struct Style {
    size: f32,
    lead: f32,
    bold: bool,
    color: Rgb,
}

const BODY: Style = Style { size: 8.5, lead: 11.4, bold: false, color: INK };
const SMALL: Style = Style { size: 7.3, lead: 9.6, bold: false, color: MUTED };

impl Style {
    fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
    fn sized(self, size: f32, lead: f32) -> Style {
        Style { size, lead, ..self }
    }
}

/// Where a text goes: its top left corner and the width it wraps to.
#[derive(Clone, Copy)]
struct At {
    x: f32,
    y: f32,
    width: f32,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

fn tone(t: Tone) -> Rgb {
    match t {
        Tone::Plain => INK,
        Tone::Good => GOOD,
        Tone::Warn => WARN,
        Tone::Bad => BAD,
    }
}

/// The summary as a PDF in `lang` on `paper`, printed in `face`.
pub fn pdf(summary: &Summary, lang: Language, paper: Paper, face: &Face) -> Result<Vec<u8>, SummaryError> {
    let (w, h) = paper.size();
    let (width, height) = (w - 2.0 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM);
    let mut sheet = Sheet::new(summary, lang);
    let mut pages = paginate(Flow { face, width }.blocks(&sheet), height);
    while pages.len() > MAX_PAGES {
        let rows: usize = sheet.sections.iter().filter(|s| s.id == "story").flat_map(|s| &s.groups).map(|g| g.rows.len()).sum();
        if !sheet.drop_oldest_story_rows((rows / 8).max(1)) {
            break;
        }
        pages = paginate(Flow { face, width }.blocks(&sheet), height);
    }
    // Unreachable with every text clipped as it is; a guard all the same.
    pages.truncate(MAX_PAGES);
    draw(&sheet, face, pages, (w, h), summary.generated_at)
}

/// Builds the blocks of the sheet for a text area `width` points wide.
struct Flow<'a> {
    face: &'a Face,
    width: f32,
}

impl Flow<'_> {
    fn weight(&self, s: Style) -> &Weight {
        self.face.weight(s.bold)
    }

    /// Wrapped text from `at.y` down, within `at.width` from `at.x`; returns the height used.
    fn text(&self, b: &mut Block, at: At, text: &str, s: Style, align: Align) -> f32 {
        let At { x, y, width } = at;
        if text.is_empty() {
            return 0.0;
        }
        let weight = self.weight(s);
        let lines = wrap(weight, text, s.size, width);
        for (i, line) in lines.iter().enumerate() {
            let lx = match align {
                Align::Left => x,
                Align::Right => x + width - weight.width(line, s.size),
            };
            let baseline = y + i as f32 * s.lead + s.lead * 0.5 + s.size * 0.36;
            b.ops.push(Op::Text { x: lx, y: baseline, size: s.size, bold: s.bold, color: s.color, text: line.clone() });
        }
        lines.len() as f32 * s.lead
    }

    /// Items joined by " · ", a line broken between items while each fits
    /// on one; returns the height used.
    fn items<S: AsRef<str>>(&self, b: &mut Block, at: At, items: &[S], s: Style) -> f32 {
        let At { x, y, width } = at;
        let weight = self.weight(s);
        let mut lines: Vec<String> = Vec::new();
        for item in items.iter().map(AsRef::as_ref) {
            let joined = lines.last().map(|l| format!("{l} · {item}"));
            match joined {
                Some(j) if weight.width(&j, s.size) <= width => {
                    if let Some(last) = lines.last_mut() {
                        *last = j;
                    }
                }
                _ => lines.extend(wrap(weight, item, s.size, width)),
            }
        }
        let mut h = 0.0;
        for line in lines {
            h += self.text(b, At { x, y: y + h, width }, &line, s, Align::Left);
        }
        h
    }

    fn paragraph(&self, text: &str, s: Style, space_before: f32) -> Block {
        let mut b = Block { space_before, ..Block::default() };
        b.height = self.text(&mut b, At { x: 0.0, y: 0.0, width: self.width }, text, s, Align::Left);
        b
    }

    fn blocks(&self, sheet: &Sheet) -> Vec<Block> {
        let mut out = vec![self.header(sheet), self.heading(&sheet.figures_title), self.figures(sheet)];
        if let Some(trust) = &sheet.trust {
            out.push(self.heading(&trust.title));
            out.push(self.trust(trust));
        }
        for s in &sheet.sections {
            self.section(s, &mut out);
        }
        out
    }

    fn header(&self, sheet: &Sheet) -> Block {
        let right_w = 200.0;
        let left_w = self.width - right_w - 16.0;
        let mut left = Block::default();
        let mut y = self.text(
            &mut left,
            At { x: 0.0, y: 0.0, width: left_w },
            &sheet.kicker.to_uppercase(),
            SMALL.bold().color(ACCENT),
            Align::Left,
        );
        y += 1.0;
        y += self.text(&mut left, At { x: 0.0, y, width: left_w }, &sheet.name, BODY.bold().sized(17.0, 20.5), Align::Left);
        y += 1.0;
        y += self.items(&mut left, At { x: 0.0, y, width: left_w }, &sheet.about, BODY);
        y += self.items(&mut left, At { x: 0.0, y, width: left_w }, &sheet.contact, SMALL);
        if let Some(a) = &sheet.availability {
            y += self.text(&mut left, At { x: 0.0, y, width: left_w }, a, SMALL, Align::Left);
        }
        left.height = y;
        let mut right = Block::default();
        let mut ry = self.text(&mut right, At { x: 0.0, y: 0.0, width: right_w }, &sheet.period, SMALL.bold().color(INK), Align::Right);
        ry += self.text(&mut right, At { x: 0.0, y: ry, width: right_w }, &sheet.prepared, SMALL, Align::Right);
        right.height = ry;
        let mut b = Block::default();
        let (lh, rh) = (left.height, right.height);
        b.put(left, 0.0, 0.0);
        // Bottom-aligned with the client's details, as the HTML's header is.
        b.put(right, self.width - right_w, (lh - rh).max(0.0));
        let rule = b.height + 5.0;
        b.ops.push(Op::Line { x1: 0.0, y1: rule, x2: self.width, y2: rule, width: 1.2, color: INK });
        b.height = rule + 1.0;
        b
    }

    /// A section's title: small capitals in the accent colour over a hairline.
    fn heading(&self, title: &str) -> Block {
        let mut b = Block { space_before: 12.0, keep_with_next: true, ..Block::default() };
        let h = self.text(
            &mut b,
            At { x: 0.0, y: 0.0, width: self.width },
            &title.to_uppercase(),
            SMALL.bold().color(ACCENT).sized(7.0, 9.0),
            Align::Left,
        );
        b.ops.push(Op::Line { x1: 0.0, y1: h + 1.5, x2: self.width, y2: h + 1.5, width: 0.6, color: RULE });
        b.height = h + 4.5;
        b
    }

    fn figures(&self, sheet: &Sheet) -> Block {
        let n = sheet.figures.len().max(1) as f32;
        let gap = 7.0;
        let box_w = (self.width - gap * (n - 1.0)) / n;
        let pad = 6.0;
        let inner = box_w - 2.0 * pad;
        let mut boxes = Vec::new();
        for f in &sheet.figures {
            let mut b = Block::default();
            let mut y = pad - 1.0;
            y += self.text(&mut b, At { x: pad, y, width: inner }, &f.label.to_uppercase(), SMALL.sized(6.6, 8.6), Align::Left);
            y += self.text(&mut b, At { x: pad, y, width: inner }, &f.value, BODY.bold().sized(14.0, 17.0), Align::Left);
            for note in &f.notes {
                let parts: Vec<&str> = note.split(" · ").collect();
                y += self.items(&mut b, At { x: pad, y, width: inner }, &parts, SMALL.sized(7.0, 9.0));
            }
            b.height = y + pad - 1.0;
            boxes.push(b);
        }
        let tallest = boxes.iter().map(|b| b.height).fold(0.0, f32::max);
        let mut out = Block::default();
        for (i, b) in boxes.into_iter().enumerate() {
            let x = i as f32 * (box_w + gap);
            out.ops.push(Op::Frame { x, y: 0.0, w: box_w, h: tallest, width: 0.6, color: RULE });
            out.put(b, x, 0.0);
        }
        out.height = tallest;
        out
    }

    fn trust(&self, t: &Trust) -> Block {
        let left_w = 165.0;
        let mut left = Block::default();
        let big = BODY.bold().sized(24.0, 26.0);
        let score = t.score.map_or_else(|| t.new_label.clone(), |s| s.to_string());
        left.ops.push(Op::Text { x: 0.0, y: 21.0, size: big.size, bold: true, color: INK, text: score.clone() });
        if t.score.is_some() {
            let sw = self.weight(big).width(&score, big.size);
            left.ops.push(Op::Text { x: sw + 1.5, y: 21.0, size: 10.0, bold: false, color: MUTED, text: "/100".into() });
        }
        let mut y = 26.0;
        y += self.text(&mut left, At { x: 0.0, y, width: left_w }, &t.caption, SMALL, Align::Left);
        y += 5.0;
        y += self.chart(&mut left, y, left_w, 46.0, &t.trend);
        y += 2.0;
        let axis = SMALL.sized(6.8, 8.6);
        self.text(&mut left, At { x: 14.0, y, width: left_w - 14.0 }, &t.trend_start, axis, Align::Left);
        y += self.text(&mut left, At { x: 0.0, y, width: left_w }, &t.trend_end, axis, Align::Right);
        y += self.text(&mut left, At { x: 0.0, y, width: left_w }, &t.trend_caption, axis, Align::Left);
        left.height = y;

        let x = left_w + 18.0;
        let pts_w = 28.0;
        let reason_w = self.width - x - pts_w - 8.0;
        let mut right = Block::default();
        let mut ry = 0.0;
        for (i, (points, reason)) in t.lines.iter().enumerate() {
            let color = match (i, points.starts_with('−')) {
                (0, _) => INK,
                (_, true) => BAD,
                (_, false) => GOOD,
            };
            self.text(&mut right, At { x: 0.0, y: ry, width: pts_w }, points, BODY.color(color), Align::Right);
            ry += self.text(&mut right, At { x: pts_w + 8.0, y: ry, width: reason_w }, reason, BODY, Align::Left) + 1.0;
        }
        right.height = ry;
        let mut b = Block::default();
        b.put(left, 0.0, 0.0);
        b.put(right, x, 0.0);
        b
    }

    /// The weekly scores as a line, on the scale the HTML uses (from 50 when
    /// every score is at least 50); returns the height used.
    fn chart(&self, b: &mut Block, top: f32, width: f32, height: f32, trend: &[Option<i64>]) -> f32 {
        let left = 14.0;
        let lowest = trend.iter().flatten().min().copied().unwrap_or(100);
        let lo = if lowest >= 50 { 50.0 } else { 0.0 };
        let y = |v: f32| top + 3.0 + (100.0 - v) / (100.0 - lo) * (height - 6.0);
        let tick = SMALL.sized(5.6, 7.0);
        for (v, label) in [(100.0, "100"), (lo, if lo == 0.0 { "0" } else { "50" })] {
            b.ops.push(Op::Line { x1: left, y1: y(v), x2: width, y2: y(v), width: 0.5, color: RULE });
            let lw = self.weight(tick).width(label, tick.size);
            b.ops.push(Op::Text { x: left - 3.0 - lw, y: y(v) + 2.0, size: tick.size, bold: false, color: FOOT, text: label.into() });
        }
        let step = if trend.len() > 1 { (width - left - 4.0) / (trend.len() - 1) as f32 } else { 0.0 };
        let mut run: Vec<(f32, f32)> = Vec::new();
        for (i, p) in trend.iter().enumerate() {
            match p {
                Some(v) => run.push((left + step * i as f32, y(*v as f32))),
                None if !run.is_empty() => b.ops.push(Op::Polyline { points: std::mem::take(&mut run), width: 1.5, color: ACCENT }),
                None => {}
            }
        }
        if let Some(&(x, last)) = run.last() {
            b.ops.push(Op::Dot { x, y: last, r: 2.2, color: ACCENT });
        }
        if !run.is_empty() {
            b.ops.push(Op::Polyline { points: run, width: 1.5, color: ACCENT });
        }
        height
    }

    fn section(&self, s: &Section, out: &mut Vec<Block>) {
        out.push(self.heading(&s.title));
        if let Some(intro) = &s.intro {
            let mut p = self.paragraph(intro, BODY.color(MUTED), 0.0);
            p.height += 2.0;
            out.push(p);
        }
        if s.groups.is_empty() {
            out.push(self.paragraph(&s.empty, BODY.color(MUTED), 0.0));
        }
        for g in &s.groups {
            // An incident and its steps are read together: one block.
            let whole = s.id == "incidents";
            self.group(g, whole, out);
        }
        if let Some(note) = &s.note {
            out.push(self.paragraph(note, BODY.color(MUTED), 3.0));
        }
    }

    fn group(&self, g: &Group, whole: bool, out: &mut Vec<Block>) {
        let mut blocks = Vec::new();
        if let Some(h) = &g.heading {
            let mut b = Block { space_before: 5.0, keep_with_next: !g.rows.is_empty(), ..Block::default() };
            let title = BODY.bold();
            let aside = SMALL.color(if h.tone == Tone::Plain { MUTED } else { tone(h.tone) });
            let tw = self.weight(title).width(&h.title, title.size);
            let aw = self.weight(aside).width(&h.aside, aside.size);
            if tw + 10.0 + aw <= self.width {
                self.text(&mut b, At { x: 0.0, y: 0.0, width: self.width }, &h.title, title, Align::Left);
                b.ops.push(Op::Text {
                    x: tw + 10.0,
                    y: title.lead * 0.5 + title.size * 0.36,
                    size: aside.size,
                    bold: false,
                    color: aside.color,
                    text: h.aside.clone(),
                });
                b.height = title.lead + 1.0;
            } else {
                let y = self.text(&mut b, At { x: 0.0, y: 0.0, width: self.width }, &h.title, title, Align::Left);
                b.height = y + self.text(&mut b, At { x: 0.0, y, width: self.width }, &h.aside, aside, Align::Left) + 1.0;
            }
            blocks.push(b);
        }
        blocks.extend(g.rows.iter().map(|r| self.row(r)));
        if whole && !blocks.is_empty() {
            let mut merged = Block { space_before: blocks[0].space_before, ..Block::default() };
            let mut y = 0.0;
            for b in blocks {
                let h = b.height;
                merged.put(b, 0.0, y);
                y += h;
            }
            merged.height = y;
            out.push(merged);
        } else {
            out.extend(blocks);
        }
    }

    /// One entry: when, a label in the colour of what happened, the text and its note.
    fn row(&self, r: &Row) -> Block {
        let (when_w, label_w, gap) = (92.0, 84.0, 8.0);
        let text_x = when_w + label_w + 2.0 * gap;
        let text_w = self.width - text_x;
        let mut b = Block::default();
        let top = 0.8;
        let a = self.text(&mut b, At { x: 0.0, y: top, width: when_w }, &r.when, BODY.color(MUTED), Align::Left);
        let l = self.text(&mut b, At { x: when_w + gap, y: top, width: label_w }, &r.label, BODY.bold().color(tone(r.tone)), Align::Left);
        let mut t = self.text(&mut b, At { x: text_x, y: top, width: text_w }, &r.text, BODY, Align::Left);
        if let Some(note) = &r.note {
            t += self.text(&mut b, At { x: text_x, y: top + t, width: text_w }, note, BODY.color(MUTED), Align::Left);
        }
        b.height = a.max(l).max(t) + 2.0 * top;
        b
    }
}

fn paint(c: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

fn draw(sheet: &Sheet, face: &Face, pages: Vec<Vec<Placed>>, (w, h): (f32, f32), at: DateTime<Utc>) -> Result<Vec<u8>, SummaryError> {
    let mut doc = Document::new();
    let lang = match sheet.lang {
        Language::En => "en",
        Language::Es => "es",
    };
    let created = krilla::metadata::DateTime::new(u16::try_from(at.year()).unwrap_or(1970))
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    doc.set_metadata(Metadata::new().title(sheet.title.clone()).language(lang.into()).creator("Trato".into()).creation_date(created));
    let count = pages.len();
    let settings = PageSettings::from_wh(w, h).ok_or_else(|| SummaryError::Pdf(format!("a page of {w}×{h} points")))?;
    for (n, page) in pages.into_iter().enumerate() {
        let mut p = doc.start_page_with(settings.clone());
        let mut surface = p.surface();
        for placed in page {
            for op in placed.block.ops {
                draw_op(&mut surface, face, op, MARGIN_X, MARGIN_TOP + placed.y);
            }
        }
        footer(&mut surface, face, sheet, n + 1, count, (w, h));
        surface.finish();
        p.finish();
    }
    doc.finish().map_err(|e| SummaryError::Pdf(format!("{e:?}")))
}

/// The date and the page number, over a hairline, at the foot of every page.
fn footer(surface: &mut Surface<'_>, face: &Face, sheet: &Sheet, page: usize, pages: usize, (w, h): (f32, f32)) {
    let y = h - MARGIN_BOTTOM + 22.0;
    let size = 7.0;
    let label = sheet.page(page, pages);
    let label_w = face.regular.width(&label, size);
    let text = fit(&face.regular, &sheet.footer, size, w - 2.0 * MARGIN_X - label_w - 24.0);
    let ops = [
        Op::Line { x1: MARGIN_X, y1: y - 10.0, x2: w - MARGIN_X, y2: y - 10.0, width: 0.5, color: RULE },
        Op::Text { x: MARGIN_X, y, size, bold: false, color: FOOT, text },
        Op::Text { x: w - MARGIN_X - label_w, y, size, bold: false, color: FOOT, text: label },
    ];
    for op in ops {
        draw_op(surface, face, op, 0.0, 0.0);
    }
}

fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke { paint: paint(c), width, line_cap: LineCap::Round, line_join: LineJoin::Round, ..Stroke::default() }
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: paint(c), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

fn draw_op(s: &mut Surface<'_>, face: &Face, op: Op, dx: f32, dy: f32) {
    match op {
        Op::Text { x, y, size, bold, color, text } => {
            let weight = face.weight(bold);
            s.set_stroke(None);
            s.set_fill(Some(fill(color)));
            s.draw_glyphs(Point::from_xy(x + dx, y + dy), &weight.glyphs(&text), weight.font.clone(), &text, size, false);
        }
        Op::Line { x1, y1, x2, y2, width, color } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x1 + dx, y1 + dy);
            pb.line_to(x2 + dx, y2 + dy);
            stroked(s, pb, color, width);
        }
        Op::Frame { x, y, w, h, width, color } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x + dx, y + dy);
            pb.line_to(x + w + dx, y + dy);
            pb.line_to(x + w + dx, y + h + dy);
            pb.line_to(x + dx, y + h + dy);
            pb.close();
            stroked(s, pb, color, width);
        }
        Op::Polyline { points, width, color } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.into_iter().enumerate() {
                if i == 0 {
                    pb.move_to(x + dx, y + dy);
                } else {
                    pb.line_to(x + dx, y + dy);
                }
            }
            stroked(s, pb, color, width);
        }
        Op::Dot { x, y, r, color } => {
            // A circle from four cubic arcs (0.5523 puts the control points on the tangents).
            let (cx, cy, k) = (x + dx, y + dy, r * 0.5523);
            let mut pb = PathBuilder::new();
            pb.move_to(cx + r, cy);
            pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
            pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
            pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
            pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
            pb.close();
            if let Some(path) = pb.finish() {
                s.set_stroke(None);
                s.set_fill(Some(fill(color)));
                s.draw_path(&path);
            }
        }
    }
}

fn stroked(s: &mut Surface<'_>, pb: PathBuilder, color: Rgb, width: f32) {
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(stroke(color, width)));
        s.draw_path(&path);
    }
}
