//! Quantiles of slips fit for a handful of promises: the Harrell–Davis
//! estimator (a weighted mean of every order statistic, smooth where the
//! sample quantile jumps), with the promises still open and late counted as
//! right-censored, weighted as the Kaplan–Meier estimator weighs them.

/// One promise's slip in working days; `censored` when it is still open (or
/// was broken), so the slip is at least `days`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slip {
    pub days: u32,
    pub censored: bool,
}

impl Slip {
    pub fn kept(days: u32) -> Self {
        Slip { days, censored: false }
    }
    pub fn at_least(days: u32) -> Self {
        Slip { days, censored: true }
    }
}

/// The Harrell–Davis estimate of the `p`-quantile of the slips, `None` for none.
///
/// Without censored slips this is the textbook estimator: order statistic i
/// weighs I(i/n) − I((i−1)/n), I the regularized incomplete beta function with
/// a = p(n+1), b = (1−p)(n+1). A censored slip's share goes, as in
/// Kaplan–Meier, to the slips later than it (a promise still late will be
/// kept later than it is now, if ever); a censored slip with none after it
/// keeps its share where it is. `n` stays the number of promises. Open late
/// promises can only make the estimate later: it is never below the estimate
/// of the closed promises alone.
pub fn harrell_davis(slips: &[Slip], p: f64) -> Option<f64> {
    let with_open = weighted(slips, p)?;
    let kept: Vec<Slip> = slips.iter().copied().filter(|s| !s.censored).collect();
    Some(match weighted(&kept, p) {
        Some(closed) if kept.len() < slips.len() => with_open.max(closed),
        _ => with_open,
    })
}

/// The Kaplan–Meier masses of each distinct slip, then Harrell–Davis over them.
fn weighted(slips: &[Slip], p: f64) -> Option<f64> {
    if slips.is_empty() {
        return None;
    }
    let mut sorted = slips.to_vec();
    // At a tie, kept before censored: a promise open at 2 days late was still
    // at risk of being kept on day 2.
    sorted.sort_unstable();
    let n = sorted.len();
    let mut masses: Vec<(f64, f64)> = Vec::new();
    let mut survival = 1.0;
    let mut i = 0;
    while i < n {
        let days = sorted[i].days;
        let at_risk = (n - i) as f64;
        let mut kept = 0usize;
        let mut j = i;
        while j < n && sorted[j].days == days {
            kept += usize::from(!sorted[j].censored);
            j += 1;
        }
        if kept > 0 {
            let mass = survival * kept as f64 / at_risk;
            masses.push((f64::from(days), mass));
            survival -= mass;
        }
        i = j;
    }
    // Censored at the very end: nothing later to give their share to.
    if survival > 1e-12 {
        let last = f64::from(sorted[n - 1].days);
        match masses.last_mut() {
            Some((days, mass)) if *days == last => *mass += survival,
            _ => masses.push((last, survival)),
        }
    }
    let count = n as f64;
    let (a, b) = (p * (count + 1.0), (1.0 - p) * (count + 1.0));
    let mut below = 0.0;
    let mut at = 0.0;
    let mut estimate = 0.0;
    for (days, mass) in masses {
        at += mass;
        let upto = incomplete_beta(at.min(1.0), a, b);
        estimate += days * (upto - below);
        below = upto;
    }
    Some(estimate)
}

/// The regularized incomplete beta function I_x(a, b), by its continued
/// fraction (Lentz's method), accurate to about 1e-12 for the shapes used here.
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * continued_fraction(x, a, b) / a
    } else {
        1.0 - front * continued_fraction(1.0 - x, b, a) / b
    }
}

fn continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let series = G[1..].iter().enumerate().fold(G[0], |acc, (i, g)| acc + g / (x + i as f64 + 1.0));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(days: &[u32]) -> Vec<Slip> {
        days.iter().map(|d| Slip::kept(*d)).collect()
    }
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_incomplete_beta_matches_its_closed_forms() {
        // I_x(2,2) = 3x² − 2x³; I_x(4,1) = x⁴; I_x(8,2) = 9x⁸ − 8x⁹; I_x(1,1) = x.
        for x in [0.05, 0.25, 1.0 / 3.0, 0.5, 0.7, 0.95] {
            assert!(close(incomplete_beta(x, 2.0, 2.0), 3.0 * x * x - 2.0 * x * x * x), "x = {x}");
            assert!(close(incomplete_beta(x, 4.0, 1.0), x.powi(4)), "x = {x}");
            assert!(close(incomplete_beta(x, 8.0, 2.0), 9.0 * x.powi(8) - 8.0 * x.powi(9)), "x = {x}");
            assert!(close(incomplete_beta(x, 1.0, 1.0), x), "x = {x}");
        }
    }

    #[test]
    fn the_median_of_three_slips_weighs_the_middle_one_most() {
        // n = 3, p = 0.5: a = b = 2, I(x) = 3x² − 2x³.
        // Weights: I(1/3) = 7/27, I(2/3) − I(1/3) = 20/27 − 7/27 = 13/27, 1 − I(2/3) = 7/27.
        // 0·7/27 + 1·13/27 + 4·7/27 = 41/27.
        assert!(close(harrell_davis(&kept(&[4, 0, 1]), 0.5).unwrap(), 41.0 / 27.0));
    }

    #[test]
    fn four_in_five_of_four_slips_leans_on_the_latest() {
        // n = 4, p = 0.8: a = 4, b = 1, I(x) = x⁴. Weights 1/256, 15/256, 65/256, 175/256.
        // 0·1 + 1·15 + 2·65 + 5·175 = 1020, over 256 = 3.984375.
        assert!(close(harrell_davis(&kept(&[0, 1, 2, 5]), 0.8).unwrap(), 1020.0 / 256.0));
        // n = 9, p = 0.8: a = 8, b = 2, I(x) = 9x⁸ − 8x⁹: eight promises on time and one 9 days late
        // weigh the late one by 1 − I(8/9) = 1 − (9·(8/9)⁸ − 8·(8/9)⁹) = 1 − (8/9)⁸·(9 − 64/9).
        let late = 1.0 - (8.0f64 / 9.0).powi(8) * (9.0 - 64.0 / 9.0);
        assert!(close(harrell_davis(&kept(&[0, 0, 0, 0, 0, 0, 0, 0, 9]), 0.8).unwrap(), 9.0 * late));
    }

    #[test]
    fn an_open_late_promise_weighs_on_the_later_slips_as_kaplan_meier_does() {
        // 0, 1, 1 (still open), 3. Kaplan–Meier: 0 takes 1/4; at 1, three at risk, one kept: 3/4·1/3 = 1/4;
        // the open one leaves; at 3, one at risk: the remaining 1/2. Positions 1/4, 1/2, 1 with n = 4,
        // p = 0.8 (I(x) = x⁴): 1·(1/16 − 1/256) + 3·(1 − 1/16) = 15/256 + 720/256 = 735/256.
        let slips = [Slip::kept(0), Slip::kept(1), Slip::at_least(1), Slip::kept(3)];
        assert!(close(harrell_davis(&slips, 0.8).unwrap(), 735.0 / 256.0));
        // Counted as if kept at 1 it would be 605/256: dropping what is still open flatters.
        assert!(close(harrell_davis(&kept(&[0, 1, 1, 3]), 0.8).unwrap(), 605.0 / 256.0));
    }

    #[test]
    fn an_open_promise_later_than_every_kept_one_keeps_its_share_at_its_slip() {
        // 0, 1, at least 6: the last share, 1/3, stays at 6.
        let slips = [Slip::kept(0), Slip::kept(1), Slip::at_least(6)];
        assert!(close(harrell_davis(&slips, 0.5).unwrap(), 13.0 / 27.0 + 6.0 * 7.0 / 27.0));
    }

    #[test]
    fn open_late_promises_only_ever_raise_the_estimate() {
        // Every history of up to five kept slips (0..4 days) and one open promise late by 0..6 days:
        // never below the closed ones alone, and later the longer it stays open.
        let mut histories = vec![vec![]];
        for _ in 0..5 {
            histories = histories.into_iter().flat_map(|h: Vec<u32>| (0..5).map(move |d| [h.clone(), vec![d]].concat())).collect();
            for h in histories.clone() {
                let closed = kept(&h);
                for p in [0.5, 0.8] {
                    let alone = harrell_davis(&closed, p).unwrap_or(0.0);
                    let mut before = alone;
                    for open in 0..7 {
                        let with = harrell_davis(&[closed.clone(), vec![Slip::at_least(open)]].concat(), p).unwrap();
                        assert!(with >= alone - 1e-12, "{h:?} + open at {open}: {with} < {alone}");
                        assert!(with >= before - 1e-12, "{h:?}: open at {open} gives {with}, less than a day earlier ({before})");
                        before = with;
                    }
                }
            }
        }
    }

    #[test]
    fn no_slips_no_estimate() {
        assert_eq!(harrell_davis(&[], 0.5), None);
    }
}
