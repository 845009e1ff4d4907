//! Calibration on fixed histories, as of a fixed moment, in Madrid.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;

use super::*;
use crate::domain::entry::EventTime;
use crate::domain::promise::{RescheduleCause, SetBy};
use crate::domain::settings::{Holiday, Settings};
use crate::domain::Promise;

fn madrid(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}
fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}
fn cal() -> Calendar {
    Calendar::new(&Settings::default(), Madrid)
}
/// Thursday 2026-06-04 09:00: after every promise below.
fn now() -> DateTime<Utc> {
    madrid(6, 4, 9)
}

/// A promise made on a Monday at 10:00, due that Wednesday, kept `late` working days after it (Mon–Fri).
fn kept_late(week: u32, late: u32) -> Facts {
    let monday = day(3, 2) + chrono::Days::new(u64::from(7 * week));
    let due = monday + chrono::Days::new(2);
    let kept_on = cal().add_working_days(due, late);
    Facts {
        made_at: Madrid.from_local_datetime(&monday.and_hms_opt(10, 0, 0).unwrap()).unwrap().with_timezone(&Utc),
        due: Due::Date(due),
        client_moved: None,
        end: Some((Madrid.from_local_datetime(&kept_on.and_hms_opt(12, 0, 0).unwrap()).unwrap().with_timezone(&Utc), End::Kept)),
    }
}
fn history(slips: &[u32]) -> Vec<Facts> {
    slips.iter().enumerate().map(|(i, s)| kept_late(i as u32 % 12, *s)).collect()
}
fn chain(client_kind: Vec<Facts>, kind: Vec<Facts>, all: Vec<Facts>) -> Vec<ClassFacts> {
    vec![
        ClassFacts { class: Class::ClientKind { kind: "entrega".into() }, promises: client_kind },
        ClassFacts { class: Class::Kind { kind: "entrega".into() }, promises: kind },
        ClassFacts { class: Class::All, promises: all },
    ]
}
fn suggested(c: &Calibration) -> &Suggestion {
    match c {
        Calibration::Suggested(s) => s,
        other => panic!("expected a suggestion, got {other:?}"),
    }
}
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn four_promises_kept_0_1_2_and_5_days_late_suggest_four_working_days_more() {
    // One history in every class, so the blend is that history's own estimate.
    // p80, n = 4 (a = 4, b = 1, I(x) = x⁴): 0·1/256 + 1·15/256 + 2·65/256 + 5·175/256 = 1020/256 = 3.984375.
    let h = history(&[0, 1, 2, 5]);
    let c = suggest(&chain(h.clone(), h.clone(), h), Due::Date(day(6, 10)), now(), &cal());
    let s = suggested(&c);
    assert!(close(s.p80, 1020.0 / 256.0), "p80 {}", s.p80);
    assert_eq!(s.shift_days, 4, "3.98 working days rounded up");
    assert_eq!(s.suggested, Due::Date(day(6, 16)), "Wed 10 Jun + 4 working days = Tue 16 Jun");
    assert_eq!(s.classes.iter().map(|c| c.promises).collect::<Vec<_>>(), [4, 4, 4]);
}

#[test]
fn the_median_of_three_promises_is_harrell_davis_exactly() {
    // p50, n = 3 (a = b = 2): 0·7/27 + 1·13/27 + 4·7/27 = 41/27 working days.
    let h = history(&[4, 0, 1]);
    let s = suggest(&chain(h.clone(), h.clone(), h), Due::Date(day(6, 10)), now(), &cal());
    assert!(close(suggested(&s).p50, 41.0 / 27.0));
}

#[test]
fn fewer_than_three_promises_in_the_chain_suggest_nothing_and_say_so() {
    let h = history(&[1, 2]);
    let c = suggest(&chain(h.clone(), h.clone(), h), Due::Date(day(6, 10)), now(), &cal());
    assert_eq!(c, Calibration::TooFew { promises: 2, needed: 3 });
    assert_eq!(
        explain(&c, "Panadería Sol", Some("entrega"), Language::En, &cal()),
        "No suggestion yet: 2 promises with a date you set, 3 needed"
    );
    assert_eq!(
        explain(&c, "Panadería Sol", Some("entrega"), Language::Es, &cal()),
        "Aún no hay sugerencia: 2 promesas con una fecha que pusiste tú, hacen falta 3"
    );
}

#[test]
fn the_weight_of_a_class_rises_towards_one_as_its_promises_grow() {
    assert_eq!(credibility(0), 0.0);
    assert_eq!(credibility(5), 0.5, "with k = 5, five promises weigh as much as the rest");
    assert!(close(credibility(7), 7.0 / 12.0));
    let weights: Vec<f64> = [1, 2, 5, 10, 50, 1000].iter().map(|n| credibility(*n)).collect();
    assert!(weights.windows(2).all(|w| w[0] < w[1]), "{weights:?}");
    assert!(credibility(1000) > 0.995 && credibility(1000) < 1.0);
}

#[test]
fn a_client_with_more_promises_pulls_the_blend_towards_its_own_record() {
    // The client is always 3 days late; everyone else on time. The client's share grows with its count.
    let others = history(&[0; 20]);
    let share = |n: usize| {
        let mine = history(&vec![3; n]);
        let all = [mine.clone(), others.clone()].concat();
        let c = suggest(&chain(mine.clone(), all.clone(), all), Due::Date(day(6, 10)), now(), &cal());
        suggested(&c).p50
    };
    let p50s: Vec<f64> = [1, 3, 10, 40].iter().map(|n| share(*n)).collect();
    assert!(p50s.windows(2).all(|w| w[0] < w[1]), "{p50s:?}");
    assert!(p50s[3] > 2.5, "forty promises of its own nearly decide: {p50s:?}");
}

#[test]
fn open_late_promises_are_counted_and_only_ever_raise_the_estimate() {
    let closed = history(&[0, 0, 1, 1, 2]);
    let open = Facts { made_at: madrid(5, 25, 10), due: Due::Date(day(5, 27)), client_moved: None, end: None };
    let base = suggest(&chain(closed.clone(), closed.clone(), closed.clone()), Due::Date(day(6, 10)), now(), &cal());
    let with = [closed.clone(), vec![open.clone()]].concat();
    let more = suggest(&chain(with.clone(), with.clone(), with), Due::Date(day(6, 10)), now(), &cal());
    let (base, more) = (suggested(&base), suggested(&more));
    assert_eq!(more.classes[0].open_late, 1, "the open promise is counted, not dropped");
    assert_eq!(more.classes[0].promises, 6);
    assert!(more.p50 >= base.p50 && more.p80 > base.p80, "{} {} vs {} {}", more.p50, more.p80, base.p50, base.p80);
    // The longer it stays open, the later the estimate; never earlier.
    let mut before = more.p80;
    for d in 5..=12 {
        let later = now() + chrono::Duration::days(d);
        let with = [closed.clone(), vec![open.clone()]].concat();
        let s = suggest(&chain(with.clone(), with.clone(), with), Due::Date(day(6, 30)), later, &cal());
        assert!(suggested(&s).p80 >= before - 1e-12, "{d} days on");
        before = suggested(&s).p80;
    }
}

#[test]
fn an_open_promise_not_yet_due_and_one_released_tell_nothing() {
    let mut h = history(&[1, 1, 1]);
    h.push(Facts { made_at: madrid(6, 1, 10), due: Due::Date(day(6, 5)), client_moved: None, end: None });
    h.push(Facts { made_at: madrid(3, 2, 10), due: Due::Date(day(3, 4)), client_moved: None, end: Some((madrid(3, 9, 9), End::Released)) });
    let c = suggest(&chain(h.clone(), h.clone(), h), Due::Date(day(6, 10)), now(), &cal());
    assert_eq!(suggested(&c).classes[2].promises, 3);
}

#[test]
fn dates_the_client_set_are_left_out_and_a_move_the_client_asked_for_is_not_a_slip() {
    let made = madrid(3, 2, 12);
    let mut theirs = Promise::new(made, Due::Date(day(3, 4)), None, Madrid).unwrap();
    theirs.set_by = SetBy::Client;
    theirs.keep(EventTime::unchecked(madrid(3, 20, 10))).unwrap();
    assert_eq!(Facts::of(&theirs, made), None, "the client's date says nothing of your estimates");

    // Due Wed 4 Mar; the client asks for Mon 9 Mar; kept Tue 10 Mar: 1 working day late, not 4.
    let mut moved = Promise::new(made, Due::Date(day(3, 4)), None, Madrid).unwrap();
    moved
        .reschedule(
            made,
            EventTime::unchecked(madrid(3, 3, 9)),
            Due::Date(day(3, 9)),
            "they are away",
            Some(RescheduleCause::ClientAsked),
            Madrid,
        )
        .unwrap();
    moved.keep(EventTime::unchecked(madrid(3, 10, 10))).unwrap();
    let seen = observe(&Facts::of(&moved, made).unwrap(), now(), &cal()).unwrap();
    assert_eq!(seen.slip, Slip::kept(1));
    // The same move for the provider's own slip counts from the first date: Wed 4 → Tue 10 is 4 working days.
    let mut mine = Promise::new(made, Due::Date(day(3, 4)), None, Madrid).unwrap();
    mine.reschedule(made, EventTime::unchecked(madrid(3, 3, 9)), Due::Date(day(3, 9)), "more work", Some(RescheduleCause::MySlip), Madrid)
        .unwrap();
    mine.keep(EventTime::unchecked(madrid(3, 10, 10))).unwrap();
    assert_eq!(observe(&Facts::of(&mine, made).unwrap(), now(), &cal()).unwrap().slip, Slip::kept(4));
}

#[test]
fn slips_count_working_days_over_a_holiday_and_a_dst_change() {
    // San José, Thursday 19 March, is a holiday: due Wed 18, kept Fri 20 is 1 working day late.
    let mut s = Settings::default();
    s.holidays.push(Holiday { date: day(3, 19), name: Some("San José".into()) });
    let with_holiday = Calendar::new(&s, Madrid);
    let f = Facts { made_at: madrid(3, 16, 10), due: Due::Date(day(3, 18)), client_moved: None, end: Some((madrid(3, 20, 10), End::Kept)) };
    assert_eq!(observe(&f, now(), &with_holiday).unwrap().slip, Slip::kept(1));
    assert_eq!(observe(&f, now(), &cal()).unwrap().slip, Slip::kept(2), "without the holiday, Thursday counts");
    // Madrid springs forward on Sunday 29 March. Due Fri 27, kept at 00:30 on Monday 30 (Sunday 22:30 UTC):
    // Monday in Madrid, so 1 working day late, though it is still Sunday in UTC.
    let kept = Madrid.with_ymd_and_hms(2026, 3, 30, 0, 30, 0).unwrap().with_timezone(&Utc);
    assert_eq!(kept.date_naive(), day(3, 29));
    let f = Facts { made_at: madrid(3, 23, 10), due: Due::Date(day(3, 27)), client_moved: None, end: Some((kept, End::Kept)) };
    assert_eq!(observe(&f, now(), &cal()).unwrap().slip, Slip::kept(1));
    // And on Sunday 23:30 Madrid time it was still the weekend: on no working day late.
    let sunday = Madrid.with_ymd_and_hms(2026, 3, 29, 23, 30, 0).unwrap().with_timezone(&Utc);
    let f = Facts { end: Some((sunday, End::Kept)), ..f };
    assert_eq!(observe(&f, now(), &cal()).unwrap().slip, Slip::kept(0));
    // A suggestion moved over the change keeps its local hour.
    let at_five = Due::At(madrid(3, 27, 17));
    assert_eq!(shifted(at_five, 1, &cal()), Due::At(madrid(3, 30, 17)));
}

#[test]
fn the_explanation_names_the_middle_case_four_in_five_the_date_and_the_counts() {
    // Panadería Sol's 'entrega' promises: 7, slips 0 1 1 1 2 3 3; 3 more 'entrega' to others (0 0 5);
    // 10 'presupuesto' kept on time: 20 in all. The client's weight is 7/12 = 58 %, the kind's 10/15 = 67 %.
    let sol = history(&[0, 1, 1, 1, 2, 3, 3]);
    let entrega = [sol.clone(), history(&[0, 0, 5])].concat();
    let all = [entrega.clone(), history(&[0; 10])].concat();
    let c = suggest(&chain(sol, entrega, all), Due::Date(day(6, 10)), now(), &cal());
    let s = suggested(&c);
    assert_eq!((s.classes[0].promises, s.classes[1].promises, s.classes[2].promises), (7, 10, 20));
    assert!(close(s.classes[0].weight, 7.0 / 12.0) && close(s.classes[1].weight, 10.0 / 15.0));
    assert!(close(s.classes.iter().map(|c| c.share).sum::<f64>(), 1.0), "the shares add up to the whole");
    // The client's own p50 lies between 1 and 2, the blend near 1; its p80 between 2 and 3.
    assert!((0.5..1.5).contains(&s.p50), "p50 {}", s.p50);
    assert!((2.0..3.0).contains(&s.p80), "p80 {}", s.p80);
    assert_eq!(
        explain(&c, "Panadería Sol", Some("entrega"), Language::En, &cal()),
        "You keep 'entrega' promises to Panadería Sol 1 working day late in the middle case, 4 of 5 within 3 days: \
         suggest Mon 15 Jun (based on 7 promises to this client, weight 58 %, 10 'entrega' promises, weight 67 %, and 20 overall)"
    );
    assert_eq!(
        explain(&c, "Panadería Sol", Some("entrega"), Language::Es, &cal()),
        "Cumples las promesas de tipo «entrega» a Panadería Sol con 1 día laborable de retraso en el caso típico, \
         4 de cada 5 en 3 días: propón el lun 15 jun (según 7 promesas a este cliente, peso 58 %, 10 promesas de tipo «entrega», \
         peso 67 %, y 20 en total)"
    );
    assert_eq!(s.on_time, Some(1.0 / 7.0), "one of the client's seven was on time");
    assert_eq!(s.lead_days, Some(2.0), "made on Monday, due on Wednesday");
}

#[test]
fn a_record_that_is_all_this_client_s_says_so_instead_of_weights_that_mean_nothing() {
    let sol = history(&[0, 1, 2, 5]);
    let c = suggest(&chain(sol.clone(), sol.clone(), sol), Due::Date(day(3, 11)), now(), &cal());
    let said = explain(&c, "Panadería Sol", Some("entrega"), Language::En, &cal());
    assert!(said.ends_with("(based on 4 promises, all to this client)"), "{said}");
    let dicho = explain(&c, "Panadería Sol", Some("entrega"), Language::Es, &cal());
    assert!(dicho.ends_with("(según 4 promesas, todas a este cliente)"), "{dicho}");
}

#[test]
fn the_worked_example_of_docs_calibration_md() {
    // Panadería Sol's four 'entrega' promises slipped 0, 1, 2 and 5 working days; five 'presupuesto'
    // promises to others were on time. Expected values computed apart, with mpmath's regularized
    // incomplete beta at 30 digits: Sol's p50 1.7531699951, p80 3.984375; all nine's p50 0.1795669304,
    // p80 2.2763821250. Shares 4/9, 5/9·4/9 and (5/9)²: p50 1.2674900369, p80 3.4572167052.
    let sol = history(&[0, 1, 2, 5]);
    let all = [sol.clone(), history(&[0; 5])].concat();
    let c = suggest(&chain(sol.clone(), sol, all), Due::Date(day(3, 11)), now(), &cal());
    let s = suggested(&c);
    assert!((s.classes[0].p50.unwrap() - 1.753_169_995_1).abs() < 1e-9);
    assert!((s.classes[2].p50.unwrap() - 0.179_566_930_4).abs() < 1e-9);
    assert!((s.classes[2].p80.unwrap() - 2.276_382_125_0).abs() < 1e-9);
    assert!((s.p50 - 1.267_490_036_9).abs() < 1e-9, "{}", s.p50);
    assert!((s.p80 - 3.457_216_705_2).abs() < 1e-9, "{}", s.p80);
    assert_eq!(s.suggested, Due::Date(day(3, 17)), "Wed 11 Mar + 4 working days");
    assert_eq!(
        explain(&c, "Panadería Sol", Some("entrega"), Language::En, &cal()),
        "You keep 'entrega' promises to Panadería Sol 1 working day late in the middle case, 4 of 5 within 4 days: \
         suggest Tue 17 Mar (based on 4 promises to this client, weight 44 %, and 9 overall)"
    );
    // One more 'entrega' promise, due Wed 3 Jun and still open on Wed 10 Jun: 5 working days late so far,
    // counted as at least that. Independently (mpmath, Kaplan–Meier masses, n = 5 and 10): Sol p50 2.57696,
    // p80 4.6389839398; all ten p50 0.3892768799, p80 3.4313352579; weight 5/10: p50 2.0300392200,
    // p80 4.3370717693, both above the four closed promises' 1.27 and 3.46.
    let open = Facts { made_at: madrid(6, 1, 10), due: Due::Date(day(6, 3)), client_moved: None, end: None };
    let sol = [history(&[0, 1, 2, 5]), vec![open]].concat();
    let all = [sol.clone(), history(&[0; 5])].concat();
    let c = suggest(&chain(sol.clone(), sol, all), Due::Date(day(6, 17)), madrid(6, 10, 9), &cal());
    let s = suggested(&c);
    assert_eq!(s.classes[0].open_late, 1);
    assert!((s.classes[0].p50.unwrap() - 2.576_96).abs() < 1e-9);
    assert!((s.classes[0].p80.unwrap() - 4.638_983_939_8).abs() < 1e-9);
    assert!((s.p50 - 2.030_039_220_0).abs() < 1e-9, "{}", s.p50);
    assert!((s.p80 - 4.337_071_769_3).abs() < 1e-9, "{}", s.p80);
    assert_eq!(s.shift_days, 5);
}
