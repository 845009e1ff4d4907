//! The printable client summary, read as the person it is handed to would read
//! it: the public example's story in order with its figures, in HTML and in the
//! PDF's own text (`pdftotext`, from Debian's poppler-utils), in both
//! languages; hostile text that stays text; a long relationship on two pages;
//! and the `trato summary` command.

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../../tests/summary_history/mod.rs"]
mod summary_history;

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Madrid;
use common::{at, journal, march, new_entry, public_example, Journal};
use trato::domain::incident::RecoveryStep;
use trato::domain::{Cause, Channel, ClientId, ClientPatch, Due, IncidentSeverity, Language, NoticedBy, Score, Settings, Stage};
use trato::journal::insights;
use trato::journal::{self, Clock, NewFeedback};
use trato::signals::Context;
use trato::summary::{self, Audience, Paper, Period, Summary};

/// The system's DejaVu Sans, which every machine that builds Trato has (fonts-dejavu-core).
fn face() -> &'static summary::Face {
    trato::system::typeface().expect("DejaVu Sans, from fonts-dejavu-core")
}

fn day(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).expect("a March day"))
}

/// PRODUCT.md's public example, with the bakery's whole profile.
fn panaderia_sol(j: &mut Journal) -> ClientId {
    let profile = ClientPatch {
        organisation: Some("Panadería Sol S.L.".into()),
        email: Some("hola@panaderiasol.es".into()),
        phone: Some("+34 912 345 678".into()),
        preferred_channel: Some(Some(Channel::Email)),
        availability: Some("Hornea por la mañana: llamar después del mediodía".into()),
        ..ClientPatch::default()
    };
    public_example(&mut j.store, profile, "Update the menu on the website").sol
}

/// The public example's summary as of Tuesday 10 March, 12:00.
fn sol_summary() -> (Journal, ClientId, Summary) {
    let mut j = journal();
    let sol = panaderia_sol(&mut j);
    let s = insights::summary(&mut j.store, at(10, 12, 0), sol, Period::All, Audience::Provider).unwrap();
    (j, sol, s)
}

/// Where each of `needles` is found, each after the one before; the first
/// missing one is the error.
fn in_order(haystack: &str, needles: &[&str]) -> Result<(), String> {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => return Err(format!("{n:?} is missing after position {from} (or out of order)")),
        }
    }
    Ok(())
}

/// The text of a PDF as `pdftotext` extracts it, and its number of pages.
fn pdf_text(pdf: &[u8]) -> (String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = poppler(&["-enc", "UTF-8"], &path);
    let pages = text.matches('\u{c}').count();
    (text, pages)
}

/// Runs `pdftotext` with `args` on a file; the tests need Debian's poppler-utils.
fn poppler(args: &[&str], path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install Debian's poppler-utils: apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext could not read the PDF: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The text a reader sees in the HTML: its tags removed (user text in it is
/// escaped, so every `<` starts a tag).
fn visible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// What the HTML's body says, in lower case (the stylesheet left out).
fn body(html: &str) -> String {
    visible(&html[html.find("<body").expect("a body")..]).to_lowercase()
}

/// The story part of the HTML: after its section's opening tag.
fn story_part(html: &str) -> &str {
    let start = html.find("id=\"story\"").expect("the summary has a story section");
    &html[start..]
}

const STORY_EN: &[&str] = &[
    "Request",
    "Update the menu on the website",
    "Promise",
    "New menu online",
    "Overdue",
    "Follow-up",
    "Rescheduled",
    "waiting for photos",
    "Rescheduled",
    "photos arrived late",
    "Kept late",
    "Feedback 3/5",
    "expectations",
];

#[test]
fn the_public_example_tells_its_story_in_order() {
    let (_j, _, s) = sol_summary();
    let html = summary::html(&s, Language::En);
    in_order(story_part(&html), STORY_EN).unwrap_or_else(|e| panic!("the story must read request → … → feedback: {e}"));
    assert!(story_part(&html).contains("March 2026"), "the story is grouped by month");
    assert!(html.contains("Thu 5 Mar 00:00"), "the promise was overdue from the end of its due day");
    assert_eq!(s.story.left_out, 0, "a story this short is told whole");
}

#[test]
fn the_public_example_shows_its_figures_and_why_trust_fell() {
    let (mut j, sol, s) = sol_summary();
    let html = summary::html(&s, Language::En);
    for figure in ["0 on time · 1 late", "0 broken · 0 open", "first reply in 2 business hours (median)", "1 asked again", "3/5"] {
        assert!(visible(&html).contains(figure), "the key figures must say {figure:?}");
    }
    assert_eq!((s.figures.record.made, s.figures.record.kept_late), (1, 1), "1 promise made, kept late");
    assert_eq!(s.figures.requests, 1);
    // On Mar 1 the bakery had no history to judge by: new, not a perfect 100.
    assert_eq!(insights::score(&mut j.store, at(1, 12, 0), sol).unwrap().score, None);
    let trust = s.trust.as_ref().expect("the provider's copy has the trust score");
    let score = trust.score.expect("a score by Tuesday");
    assert!(score < 100, "trust fell ({score})");
    assert!(html.contains(&format!("data-testid=\"score\">{score}<")), "the score is printed");
    assert!(html.contains("You missed the date you gave for “New menu online” (Wed 4 Mar)"), "the explanation names the missed date");
    assert!(html.contains("The client had to ask again about “Update the menu on the website”"), "…and the repeated request");
    assert!(html.contains("The client rated the work 3/5 (Tue 10 Mar): expectations not met"), "…and the lukewarm rating's cause");
    assert!(html.contains("Nothing is owed to the client now."), "the menu is online: nothing is open");
    let sum: i64 = trust.explanation_en.iter().map(|c| c.points).sum::<i64>() + trust.others.map_or(0, |o| o.points);
    assert_eq!(sum, score, "the printed explanation adds up to the score");
}

#[test]
fn with_three_promises_of_its_own_date_the_summary_says_how_they_are_usually_kept_and_how_far_ahead() {
    let mut j = journal();
    let sol = panaderia_sol(&mut j);
    // With the example's menu (due Wed 4, kept Mon 9: 3 working days late, given 2 ahead), two more:
    // due Thu 5 and kept Fri 6 (1 late), due Tue 10 and kept that day (on time), each given 2 working days ahead.
    for (made, due, kept) in [(at(3, 9, 0), day(5), march(6, 10, 0)), (at(6, 9, 0), day(10), march(10, 11, 0))] {
        let id = journal::add_promise(&mut j.store, made, new_entry(sol, made, "Photos for the menu"), due, None).unwrap();
        journal::keep_promise(&mut j.store, at(10, 12, 0), id, Some(kept)).unwrap();
    }
    // A date the client set says nothing of the provider's estimates.
    let theirs = journal::PromiseTerms { kind: None, set_by: trato::domain::promise::SetBy::Client };
    let made = at(2, 9, 0);
    let id = journal::add_promise_with(&mut j.store, made, new_entry(sol, made, "Cake"), day(3), None, theirs).unwrap();
    journal::keep_promise(&mut j.store, at(10, 12, 0), id, Some(march(10, 9, 0))).unwrap();

    let s = insights::summary(&mut j.store, at(10, 12, 0), sol, Period::All, Audience::Provider).unwrap();
    let k = s.figures.keeping.expect("three promises of the provider's own date: enough to say");
    // Slips 0, 1 and 3 working days: Harrell–Davis's median is 0.26·0 + 0.48·1 + 0.26·3 ≈ 1.26.
    assert_eq!((k.promises, k.late_days, k.lead_days), (3, 1, 2));
    let page = insights::client_page(&mut j.store, at(10, 12, 0), sol).unwrap();
    assert_eq!(page.keeping, Some(k), "the client page's record says the same");
    assert!(visible(&summary::html(&s, Language::En)).contains("usually 1 working day late · dates given 2 working days ahead"));
    let es = visible(&summary::html(&s, Language::Es));
    assert!(es.contains("normalmente 1 día laborable tarde · fechas con 2 días laborables de antelación"), "{es}");

    // The public example alone has one promise: too few to speak of a habit.
    let (_j, _, alone) = sol_summary();
    assert_eq!(alone.figures.keeping, None);
    assert!(!visible(&summary::html(&alone, Language::En)).contains("usually"));
}

#[test]
fn the_clients_copy_tells_the_same_story_without_the_trust_score_or_the_causes_given_to_their_feedback() {
    let mut j = journal();
    let sol = panaderia_sol(&mut j);
    let theirs = insights::summary(&mut j.store, at(10, 12, 0), sol, Period::All, Audience::Client).unwrap();
    let ours = insights::summary(&mut j.store, at(10, 12, 0), sol, Period::All, Audience::Provider).unwrap();
    assert!(theirs.trust.is_none() && theirs.feedback.causes.is_empty());
    for (lang, trust, cause, story) in [
        (Language::En, "trust", "expectations", STORY_EN[..12].to_vec()),
        (Language::Es, "confianza", "expectativas", vec!["Petición", "Vencida", "Aplazada", "Cumplida tarde", "Opinión 3/5"]),
    ] {
        let html = body(&summary::html(&theirs, lang));
        let (pdf, pages) = pdf_text(&summary::pdf(&theirs, lang, Paper::A4, face()).unwrap());
        assert_eq!(pages, 1);
        for (what, shown) in [("HTML", html), ("PDF", pdf.to_lowercase())] {
            assert!(!shown.contains(trust), "the client's {what} has no trust score nor its reasons ({lang:?}):\n{shown}");
            assert!(!shown.contains(cause), "…nor the cause the provider gave to their feedback ({lang:?}):\n{shown}");
            let story: Vec<String> = story.iter().map(|w| w.to_lowercase()).collect();
            in_order(&shown, &story.iter().map(String::as_str).collect::<Vec<_>>())
                .unwrap_or_else(|e| panic!("the same story ({what}, {lang:?}): {e}"));
        }
        let ours = body(&summary::html(&ours, lang));
        assert!(ours.contains(trust) && ours.contains(cause), "the provider's copy keeps both ({lang:?})");
    }
}

#[test]
fn the_public_example_pdf_tells_the_same_story_on_one_page_with_its_date_and_page_number() {
    let (_j, _, s) = sol_summary();
    let pdf = summary::pdf(&s, Language::En, Paper::A4, face()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a real PDF");
    let (text, pages) = pdf_text(&pdf);
    assert_eq!(pages, 1, "the public example fits one page:\n{text}");
    let story = &text[text.find("WHAT HAPPENED").expect("the story's heading")..];
    in_order(story, STORY_EN).unwrap_or_else(|e| panic!("the PDF's story: {e}\n{text}"));
    for figure in ["0 on time · 1 late", "0 broken · 0 open", "1 asked again", "Panadería Sol", "Page 1 of 1", "Tue 10 Mar 2026"] {
        assert!(text.contains(figure), "the PDF must say {figure:?}:\n{text}");
    }
    let letter = summary::pdf(&s, Language::En, Paper::Letter, face()).unwrap();
    assert_eq!(pdf_text(&letter).1, 1, "on US Letter too");
}

#[test]
fn the_summary_speaks_spanish_with_its_accents_and_enes_in_html_and_pdf() {
    let (_j, _, s) = sol_summary();
    let story_es = [
        "Petición",
        "Promesa",
        "Vencida",
        "Insistencia",
        "Aplazada",
        "waiting for photos",
        "Aplazada",
        "photos arrived late",
        "Cumplida tarde",
        "Opinión 3/5",
        "expectativas",
    ];
    let html = summary::html(&s, Language::Es);
    assert!(html.contains("<html lang=\"es\">"));
    in_order(story_part(&html), &story_es).unwrap_or_else(|e| panic!("la historia: {e}"));
    assert!(html.contains("marzo de 2026") && html.contains("Resumen de la relación"));
    let (text, pages) = pdf_text(&summary::pdf(&s, Language::Es, Paper::A4, face()).unwrap());
    assert_eq!(pages, 1);
    for words in ["Panadería Sol", "Hornea por la mañana", "después del mediodía", "Página 1 de 1", "Cumplida tarde", "Opinión 3/5"] {
        assert!(text.contains(words), "the embedded font must print {words:?} as written:\n{text}");
    }
}

#[test]
fn hostile_text_prints_as_text_and_keeps_to_the_page() {
    let mut j = journal();
    let s = &mut j.store;
    let script = "<script>alert(1)</script>";
    let name = format!("{script}\u{202E}evil{}", "A".repeat(10_000));
    let client = journal::add_client(s, at(1, 9, 0), &name, ClientPatch::default()).unwrap();
    // Arabic, a loaf emoji and Chinese: letters the font lacks print as boxes, never as an error.
    let summary_text = format!("<img src=x onerror=alert(2)>\u{202E}gnp.exe 🍞 面包 {}", "ب".repeat(3_000));
    let req = journal::add_request(s, at(2, 10, 0), new_entry(client, at(2, 10, 0), &summary_text), None).unwrap();
    let p = journal::add_promise(s, at(2, 12, 0), new_entry(client, at(2, 12, 0), "</style><b>bold?</b>"), day(4), Some(req)).unwrap();
    journal::reschedule_promise(s, at(3, 9, 0), p, None, day(6), &format!("\u{2066}{}\u{2069} \"quoted\" & 'single'", "x".repeat(9_000)))
        .unwrap();
    let long_comment = NewFeedback {
        score: Score::Rating(1),
        stage: Stage::Mid,
        cause: Some(Cause::Other),
        comment: Some(format!("{}\n\n{}", "word ".repeat(2_000), script)),
    };
    journal::add_feedback(s, at(3, 10, 0), new_entry(client, at(3, 10, 0), ""), long_comment).unwrap();
    let sum = insights::summary(s, at(4, 12, 0), client, Period::All, Audience::Provider).unwrap();

    let html = summary::html(&sum, Language::En);
    assert!(!html.contains("<script"), "no script element, ever");
    assert!(!html.contains("<img") && !html.contains("<b>"), "user markup is not markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown as the text it is");
    assert_eq!(html.matches("</style>").count(), 1, "only the stylesheet's own end");
    assert!(!html.contains('\u{202E}') && !html.contains('\u{2066}'), "no direction override reaches the page");
    assert!(!html.contains(&"A".repeat(200)), "a 10 KB name is clipped to a line");
    assert!(html.contains("AAAA…"), "…and says it was clipped");

    let pdf = summary::pdf(&sum, Language::En, Paper::A4, face()).unwrap();
    let (text, pages) = pdf_text(&pdf);
    assert!(pages <= 2, "hostile text keeps the summary to two pages, got {pages}");
    assert!(text.contains(script), "the PDF prints the name as text");
    assert!(!text.contains('\u{202E}'), "no override in the PDF's text");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let boxes = poppler(&["-bbox"], &path);
    let width: f64 = attribute(&boxes, "<page width=\"").expect("a page width");
    for x_max in boxes.split("<word ").skip(1).filter_map(|w| attribute(w, "xMax=\"")) {
        assert!(x_max <= width - 39.0, "a word ends at x = {x_max}, past the right margin of a {width}-point page");
    }
}

/// The number in `attr…"` at the first place it appears in `s`.
fn attribute(s: &str, attr: &str) -> Option<f64> {
    let rest = &s[s.find(attr)? + attr.len()..];
    rest[..rest.find('"')?].parse().ok()
}

#[test]
fn a_new_clients_summary_says_it_has_no_score_yet_and_what_counts() {
    let mut j = journal();
    let luna = journal::add_client(&mut j.store, at(1, 9, 0), "Café Luna", ClientPatch::default()).unwrap();
    journal::add_request(&mut j.store, at(2, 10, 0), new_entry(luna, at(2, 10, 0), "Opening hours"), None).unwrap();
    let s = insights::summary(&mut j.store, at(2, 12, 0), luna, Period::All, Audience::Provider).unwrap();
    assert_eq!(s.trust.as_ref().expect("the provider's copy has the trust section").score, None);
    let html = summary::html(&s, Language::En);
    assert!(html.contains("data-testid=\"score\">New<"), "{html}");
    assert!(!html.contains("/100"), "no number, so nothing out of 100");
    assert!(
        html.contains("Not enough history yet. A score needs at least 2 promises, requests, incidents or feedback; there is 1 so far."),
        "the caption says why and what counts"
    );
    let (text, _) = pdf_text(&summary::pdf(&s, Language::Es, Paper::A4, face()).unwrap());
    for words in ["Nuevo", "Aún no hay historial suficiente."] {
        assert!(text.contains(words), "the PDF must say {words:?}:\n{text}");
    }
}

#[test]
fn an_open_promise_shows_with_its_due_date_and_overdue_when_it_is() {
    let mut j = journal();
    let sol = panaderia_sol(&mut j);
    let thursday = insights::summary(&mut j.store, at(5, 9, 0), sol, Period::All, Audience::Provider).unwrap();
    assert_eq!(thursday.open.len(), 1, "as of Thursday 09:00 the menu is still owed");
    assert!(thursday.open[0].overdue);
    let html = summary::html(&thursday, Language::En);
    let open = &html[html.find("id=\"open\"").unwrap()..html.find("id=\"incidents\"").unwrap()];
    assert!(open.contains("due Wed 4 Mar") && open.contains("overdue"), "{open}");
    assert!(!html.contains("Kept late"), "what happens after now is not told");
}

#[test]
fn an_incident_is_told_with_each_recovery_step_in_order() {
    let mut j = journal();
    let s = &mut j.store;
    let c = journal::add_client(s, at(1, 9, 0), "Clínica Dental Ruiz", ClientPatch::default()).unwrap();
    let i = journal::add_incident(s, at(2, 9, 30), new_entry(c, at(2, 9, 30), "Booking page down"), NoticedBy::Us, IncidentSeverity::Major)
        .unwrap();
    for (h, step, note) in [
        (10, RecoveryStep::Acknowledged, None),
        (11, RecoveryStep::Apologized, Some("Called Dr Ruiz")),
        (12, RecoveryStep::Fixed, None),
        (13, RecoveryStep::Compensated, Some("One month of hosting free")),
        (14, RecoveryStep::Closed, None),
    ] {
        journal::incident_step(s, at(2, h, 0), i, step, None, note.map(String::from)).unwrap();
    }
    let sum = insights::summary(s, at(3, 9, 0), c, Period::All, Audience::Provider).unwrap();
    let html = summary::html(&sum, Language::En);
    let part = &html[html.find("id=\"incidents\"").unwrap()..html.find("id=\"feedback\"").unwrap()];
    in_order(
        part,
        &[
            "Booking page down",
            "major, noticed by us · repaired",
            "Acknowledged",
            "Apologised",
            "Called Dr Ruiz",
            "Fixed",
            "Compensated",
            "One month of hosting free",
            "Closed",
        ],
    )
    .unwrap_or_else(|e| panic!("the repair, step by step: {e}\n{part}"));
    let (text, _) = pdf_text(&summary::pdf(&sum, Language::En, Paper::A4, face()).unwrap());
    in_order(&text, &["Acknowledged", "Apologised", "Fixed", "Compensated", "Closed"]).unwrap_or_else(|e| panic!("in the PDF: {e}"));
}

#[test]
fn a_three_month_summary_counts_only_what_happened_in_those_months() {
    let mut j = journal();
    let s = &mut j.store;
    let last_year = Clock::new(march(2, 10, 0) - Duration::days(365), Madrid);
    let c = journal::add_client(s, last_year, "Librería Alba", ClientPatch::default()).unwrap();
    journal::add_request(s, last_year, new_entry(c, last_year, "Old request about the shop"), None).unwrap();
    journal::add_request(s, at(2, 10, 0), new_entry(c, at(2, 10, 0), "New releases section"), None).unwrap();
    let recent = insights::summary(s, at(10, 12, 0), c, Period::Months3, Audience::Provider).unwrap();
    assert_eq!(recent.figures.requests, 1, "last year's request is outside the last 3 months");
    let html = summary::html(&recent, Language::En);
    assert!(html.contains("Last 3 months: 10 Dec 2025 – 10 Mar 2026"), "the period is named with its dates");
    assert!(!story_part(&html).contains("Old request"), "the story keeps to the period");
    let all = insights::summary(s, at(10, 12, 0), c, Period::All, Audience::Provider).unwrap();
    assert_eq!(all.figures.requests, 2);
    assert!(summary::html(&all, Language::En).contains("Old request about the shop"));
}

#[test]
fn five_years_and_five_thousand_entries_fit_on_two_pages() {
    let (client, entries) = summary_history::five_years("Horno Central");
    let settings = Settings { time_zone: Some("Europe/Madrid".into()), ..Settings::default() };
    let ctx = Context::new(&settings, Madrid, Language::En, summary_history::now());
    let sum = summary::build(&client, &entries, &ctx, Period::All, Audience::Provider);
    assert!(sum.figures.interactions > 1_000, "the figures count the whole history");
    assert!(sum.story.left_out > 0, "the story tells its turning points, not thousands of events");
    for lang in [Language::En, Language::Es] {
        for paper in [Paper::A4, Paper::Letter] {
            let (text, pages) = pdf_text(&summary::pdf(&sum, lang, paper, face()).unwrap());
            assert!(pages <= summary::MAX_PAGES, "{pages} pages on {paper:?} in {lang:?}");
            assert!(text.contains(if lang == Language::En { "Page 2 of 2" } else { "Página 2 de 2" }) || pages == 1);
        }
    }
    assert!(summary::html(&sum, Language::En).len() < 100_000, "the HTML stays a page's worth, not a dump");
}

#[test]
fn the_cli_writes_the_summary_as_pdf_or_html_for_a_client_named_in_any_case() {
    let mut j = journal();
    panaderia_sol(&mut j);
    let db = j.path();
    let now = "2026-03-10T12:00:00+01:00";
    let pdf = j.dir.path().join("sol.pdf");
    let printed = common::ok(&db, now, &["summary", "panadería sol", "--format", "pdf", "--lang", "es", "--out", pdf.to_str().unwrap()]);
    assert_eq!(printed, "", "nothing on standard output: the file is the result");
    let (text, pages) = pdf_text(&std::fs::read(&pdf).unwrap());
    assert_eq!(pages, 1);
    assert!(text.contains("Resumen de la relación") && text.contains("Cumplida tarde"));
    let html = j.dir.path().join("sol.html");
    common::ok(
        &db,
        now,
        &["summary", "Panadería Sol", "--period", "3m", "--format", "html", "--lang", "en", "--out", html.to_str().unwrap()],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Last 3 months"));
    let names: Vec<String> =
        std::fs::read_dir(j.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "no temporary file is left: {names:?}");
}

#[test]
fn a_summary_that_cannot_be_written_leaves_no_file_behind() {
    let mut j = journal();
    panaderia_sol(&mut j);
    let db = j.path();
    let now = "2026-03-10T12:00:00+01:00";
    let missing = j.dir.path().join("no such folder").join("sol.pdf");
    let err = common::refused(&db, now, &["summary", "Panadería Sol", "--format", "pdf", "--out", missing.to_str().unwrap()]);
    assert!(err.contains("sol"), "the error names the file: {err}");
    let unknown = j.dir.path().join("nobody.pdf");
    common::refused(&db, now, &["summary", "Nobody", "--format", "pdf", "--out", unknown.to_str().unwrap()]);
    assert!(!unknown.exists(), "an unknown client writes nothing");
    // A folder where the file should go: the rename fails, and the partial file goes.
    let folder = j.dir.path().join("taken.pdf");
    std::fs::create_dir(&folder).unwrap();
    common::refused(&db, now, &["summary", "Panadería Sol", "--format", "pdf", "--out", folder.to_str().unwrap()]);
    assert!(!j.dir.path().join("taken.partial").exists(), "no half-written file is left next to it");
}
