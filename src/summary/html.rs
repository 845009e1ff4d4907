//! The summary as one self-contained HTML document: inline CSS with a print
//! stylesheet (A4 or US Letter, whichever the printer has), the trend as inline
//! SVG, no scripts and nothing fetched. Every piece of text goes through
//! `text::html`, so user text can only ever be text.

use std::fmt::Write;

use super::sheet::{Group, Row, Section, Sheet, Trust};
use super::text;
use super::Summary;
use crate::domain::Language;

/// The summary as an HTML document in `lang`.
pub fn html(summary: &Summary, lang: Language) -> String {
    let sheet = Sheet::new(summary, lang);
    let mut out = String::with_capacity(24 * 1024);
    let e = text::html;
    let lang_code = match lang {
        Language::En => "en",
        Language::Es => "es",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang_code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"Trato\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        e(&sheet.title),
        style(&sheet)
    );

    out.push_str("<header class=\"top\">\n<div class=\"who\">\n");
    let _ = writeln!(out, "<p class=\"kicker\">{}</p>", e(&sheet.kicker));
    let _ = writeln!(out, "<h1 data-testid=\"client-name\">{}</h1>", e(&sheet.name));
    items(&mut out, "about", &sheet.about);
    items(&mut out, "contact", &sheet.contact);
    if let Some(a) = &sheet.availability {
        let _ = writeln!(out, "<p class=\"contact\">{}</p>", e(a));
    }
    out.push_str("</div>\n<div class=\"dates\">\n");
    let _ = writeln!(out, "<p class=\"period\">{}</p>", e(&sheet.period));
    let _ = writeln!(out, "<p class=\"prepared\">{}</p>", e(&sheet.prepared));
    out.push_str("</div>\n</header>\n");

    let _ = writeln!(out, "<section class=\"figures-part\" id=\"figures\">\n<h2>{}</h2>\n<div class=\"figures\">", e(&sheet.figures_title));
    for f in &sheet.figures {
        let _ = write!(out, "<div class=\"figure\"><p class=\"label\">{}</p><p class=\"value\">{}</p>", e(&f.label), e(&f.value));
        for n in &f.notes {
            let parts: Vec<String> = n.split(" · ").map(String::from).collect();
            items(&mut out, "fnote", &parts);
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</section>\n");

    if let Some(t) = &sheet.trust {
        trust(&mut out, t);
    }
    for s in &sheet.sections {
        section(&mut out, s);
    }
    let _ = writeln!(out, "<footer class=\"foot\">{}</footer>", e(&sheet.footer));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Items of one line, " · " between them, that wrap between items rather
/// than within one. The separator is text, so a copy of the page reads right.
fn items(out: &mut String, class: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "<p class=\"{class} items\">");
    for (n, i) in items.iter().enumerate() {
        let sep = if n + 1 < items.len() { " ·</span> " } else { "</span>" };
        let _ = write!(out, "<span>{}{sep}", text::html(i));
    }
    out.push_str("</p>\n");
}

fn trust(out: &mut String, t: &Trust) {
    let e = text::html;
    let _ = writeln!(
        out,
        "<section class=\"trust\" id=\"trust\">\n<h2>{}</h2>\n<div class=\"trust-body\">\n<div class=\"score-box\">",
        e(&t.title)
    );
    let (big, of) = t.score.map_or_else(|| (e(&t.new_label), ""), |s| (s.to_string(), "/100"));
    let _ = writeln!(
        out,
        "<p class=\"score\"><span class=\"big\" data-testid=\"score\">{big}</span><span class=\"of\">{of}</span></p>\n<p class=\"caption\">{}</p>",
        e(&t.caption)
    );
    out.push_str(&trend_svg(&t.trend, &t.trend_caption));
    let _ = writeln!(
        out,
        "<p class=\"axis\"><span>{}</span><span>{}</span></p>\n<p class=\"caption\">{}</p>\n</div>",
        e(&t.trend_start),
        e(&t.trend_end),
        e(&t.trend_caption)
    );
    out.push_str("<table class=\"reasons\">\n");
    for (points, reason) in &t.lines {
        let tone = if points.starts_with('−') { "minus" } else { "plus" };
        let _ = writeln!(out, "<tr class=\"{tone}\"><td class=\"pts\">{}</td><td>{}</td></tr>", e(points), e(reason));
    }
    out.push_str("</table>\n</div>\n</section>\n");
}

/// The 12 weekly scores as a line on a 0–100 scale (from 50 when every score
/// is at least 50, so that a small drop still shows). Weeks before the client
/// was known leave a gap.
fn trend_svg(points: &[Option<i64>], caption: &str) -> String {
    let (w, h, left, top, bottom) = (200.0_f64, 60.0_f64, 16.0, 5.0, 5.0);
    let lowest = points.iter().flatten().min().copied().unwrap_or(100);
    let lo = if lowest >= 50 { 50.0 } else { 0.0 };
    let step = if points.len() > 1 { (w - left - 6.0) / (points.len() - 1) as f64 } else { 0.0 };
    let y = |v: i64| top + (100.0 - v as f64) / (100.0 - lo) * (h - top - bottom);
    let mut svg = format!(
        "<svg class=\"trend\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        text::html(caption)
    );
    for (v, label) in [(100, "100"), (lo as i64, if lo == 0.0 { "0" } else { "50" })] {
        let _ = writeln!(
            svg,
            "<line x1=\"{left}\" x2=\"{w}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{label}</text>",
            left - 2.0,
            y(v) + 2.5,
            y = y(v)
        );
    }
    let mut run: Vec<String> = Vec::new();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match p {
            Some(v) => run.push(format!("{:.1},{:.1}", left + step * i as f64, y(*v))),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    runs.push(run);
    for r in runs.iter().filter(|r| !r.is_empty()) {
        let _ = writeln!(svg, "<polyline points=\"{}\" class=\"line\"/>", r.join(" "));
    }
    if let Some((i, Some(v))) = points.iter().enumerate().next_back() {
        let _ = writeln!(svg, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.4\" class=\"dot\"/>", left + step * i as f64, y(*v));
    }
    svg.push_str("</svg>\n");
    svg
}

fn section(out: &mut String, s: &Section) {
    let e = text::html;
    let _ = writeln!(out, "<section class=\"list\" id=\"{}\">\n<h2>{}</h2>", s.id, e(&s.title));
    if let Some(intro) = &s.intro {
        let _ = writeln!(out, "<p class=\"intro\">{}</p>", e(intro));
    }
    if s.groups.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", e(&s.empty));
    }
    for g in &s.groups {
        group(out, g, s.id == "incidents");
    }
    if let Some(note) = &s.note {
        let _ = writeln!(out, "<p class=\"more\">{}</p>", e(note));
    }
    out.push_str("</section>\n");
}

fn group(out: &mut String, g: &Group, keep_whole: bool) {
    let e = text::html;
    let _ = writeln!(out, "<div class=\"group{}\">", if keep_whole { " keep" } else { "" });
    if let Some(h) = &g.heading {
        let _ = writeln!(
            out,
            "<div class=\"group-head tone-{}\"><span class=\"title\">{}</span><span class=\"aside\">{}</span></div>",
            h.tone.name(),
            e(&h.title),
            e(&h.aside)
        );
    }
    for r in &g.rows {
        row(out, r);
    }
    out.push_str("</div>\n");
}

fn row(out: &mut String, r: &Row) {
    let e = text::html;
    let _ = write!(
        out,
        "<div class=\"row tone-{}\"><span class=\"when\">{}</span><span class=\"label\">{}</span><span class=\"what\">{}",
        r.tone.name(),
        e(&r.when),
        e(&r.label),
        e(&r.text)
    );
    if let Some(n) = &r.note {
        let _ = write!(out, "<span class=\"note\">{}</span>", e(n));
    }
    out.push_str("</span></div>\n");
}

/// The stylesheet. The footer and page numbers go in the page's margin boxes,
/// which print engines that support them (Chromium) repeat on every page; the
/// date also heads the first page, so a printout without them still has it.
fn style(sheet: &Sheet) -> String {
    let (page, of) = match sheet.lang {
        Language::En => ("Page ", " of "),
        Language::Es => ("Página ", " de "),
    };
    let footer = text::css(&sheet.footer);
    let mut css = String::from(CSS);
    let _ = write!(
        css,
        "@page {{\n  size: auto;\n  margin: 14mm 14mm 16mm;\n  \
         @bottom-left {{ content: \"{footer}\"; font: 7pt {FONTS}; color: #6e7781; }}\n  \
         @bottom-right {{ content: \"{page}\" counter(page) \"{of}\" counter(pages); font: 7pt {FONTS}; color: #6e7781; }}\n}}\n"
    );
    css
}

const FONTS: &str = "\"DejaVu Sans\", \"Segoe UI\", \"Helvetica Neue\", Arial, sans-serif";

/// Calm on purpose: one accent colour, grey for what is secondary, colour on
/// the labels only where something went wrong (or well).
const CSS: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #eef0f3; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 8.5pt; line-height: 1.34; color: #1f2328; }
p { margin: 0; }
.sheet { max-width: 200mm; margin: 24px auto; padding: 14mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); overflow-wrap: anywhere; }
.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm; padding-bottom: 3mm; border-bottom: 1.2pt solid #1f2328; }
.who { flex: 1 1 auto; min-width: 0; }
.dates { flex: 0 0 76mm; text-align: right; color: #57606a; font-size: 8pt; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 7pt; color: #2f6f73; font-weight: 700; }
h1 { font-size: 17pt; line-height: 1.2; margin: 1pt 0 2pt; }
.about { font-size: 8.5pt; }
.contact { font-size: 8pt; color: #57606a; }
.items span { display: inline-block; max-width: 100%; }
.period { color: #1f2328; font-weight: 700; }
h2 { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .07em; color: #2f6f73; margin: 0 0 3pt; padding-bottom: 1.5pt; border-bottom: .6pt solid #d0d7de; break-after: avoid; page-break-after: avoid; }
section { margin-top: 4mm; }
.figures { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 2.5mm; }
.figure { border: .6pt solid #d0d7de; border-radius: 3pt; padding: 2mm 2.5mm; break-inside: avoid; }
.figure .label { font-size: 7pt; text-transform: uppercase; letter-spacing: .05em; color: #57606a; }
.figure .value { font-size: 14pt; font-weight: 700; line-height: 1.25; }
.fnote { font-size: 7.5pt; color: #57606a; }
.trust-body { display: grid; grid-template-columns: 58mm minmax(0, 1fr); gap: 6mm; break-inside: avoid; page-break-inside: avoid; }
.score { line-height: 1; }
.score .big { font-size: 24pt; font-weight: 700; }
.score .of { font-size: 10pt; color: #57606a; margin-left: 1pt; }
.caption { font-size: 7pt; color: #57606a; }
.trend { display: block; width: 100%; height: auto; margin-top: 2mm; }
.trend .grid { stroke: #d0d7de; stroke-width: .6; }
.trend .tick { font-size: 6px; fill: #8c959f; text-anchor: end; font-family: inherit; }
.trend .line { fill: none; stroke: #2f6f73; stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
.trend .dot { fill: #2f6f73; }
.axis { display: flex; justify-content: space-between; font-size: 7pt; color: #57606a; padding-left: 8%; }
.reasons { align-self: start; border-collapse: collapse; width: 100%; font-size: 8.5pt; }
.reasons td { padding: .6pt 0; vertical-align: top; }
.reasons .pts { width: 11mm; text-align: right; padding-right: 3mm; font-variant-numeric: tabular-nums; white-space: nowrap; }
.reasons .minus .pts { color: #a40e26; }
.reasons .plus .pts { color: #1a7f37; }
.reasons tr:first-child .pts { color: #1f2328; }
.intro, .empty, .more { color: #57606a; font-size: 8.5pt; margin: 1pt 0 2pt; }
.group { margin-bottom: 1mm; }
.group.keep { break-inside: avoid; page-break-inside: avoid; }
.group-head { display: flex; flex-wrap: wrap; gap: 0 3mm; align-items: baseline; font-weight: 700; margin-top: 1.5mm; break-after: avoid; page-break-after: avoid; }
.group-head .aside { font-weight: 400; color: #57606a; font-size: 8pt; }
.row { display: grid; grid-template-columns: 32mm 29mm minmax(0, 1fr); column-gap: 3mm; padding: .6pt 0; break-inside: avoid; page-break-inside: avoid; }
.row .when { color: #57606a; font-variant-numeric: tabular-nums; }
.row .label { font-weight: 700; }
.row .note { display: block; color: #57606a; }
.tone-bad .label, .group-head.tone-bad .aside { color: #a40e26; }
.tone-warn .label, .group-head.tone-warn .aside { color: #9a6700; }
.tone-good .label, .group-head.tone-good .aside { color: #1a7f37; }
.foot { margin-top: 6mm; padding-top: 2mm; border-top: .6pt solid #d0d7de; font-size: 7pt; color: #6e7781; }
@media print {
  html { background: none; }
  .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .foot { display: none; }
}
"#;
