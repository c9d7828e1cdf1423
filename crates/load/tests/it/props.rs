//! Properties of the models: constant loads converge, averages stay within their inputs, form is
//! fitness minus fatigue, the coupled/uncoupled identity, monotony's scale invariance, and
//! readiness only ever gets stricter as wellness gets worse.

use proptest::prelude::*;
use runlift_load::acwr::{monotony, rolling_acwr};
use runlift_load::input::Wellness;
use runlift_load::pmc::{Weighting, form_series};
use runlift_load::race::time_off_factor;
use runlift_load::{Action, DaySummary, ReadinessParams, models, readiness_days};
use runlift_rules::load::ewma_ratios;

fn weighting() -> impl Strategy<Value = Weighting> {
    prop_oneof![Just(Weighting::Exponential), Just(Weighting::Linear)]
}

proptest! {
    #[test]
    fn ctl_and_atl_of_a_constant_load_converge_to_it(load in 1.0f64..2000.0, w in weighting()) {
        let f = form_series(&vec![load; 1000], w);
        let last = f[999];
        prop_assert!((last.ctl - load).abs() < 1e-6 * load);
        prop_assert!((last.atl - load).abs() < 1e-9 * load);
        // Rising from 0, never overshooting, fatigue ahead of fitness.
        for x in &f {
            prop_assert!(x.ctl <= load + 1e-9 && x.atl <= load + 1e-9 && x.atl >= x.ctl - 1e-9);
            prop_assert!((x.tsb - (x.ctl - x.atl)).abs() < 1e-9);
        }
    }

    #[test]
    fn averages_stay_within_the_loads(loads in prop::collection::vec(0.0f64..1500.0, 1..200), w in weighting()) {
        let hi = loads.iter().copied().fold(0.0, f64::max);
        for f in form_series(&loads, w) {
            prop_assert!(f.ctl >= 0.0 && f.ctl <= hi + 1e-9);
            prop_assert!(f.atl >= 0.0 && f.atl <= hi + 1e-9);
        }
        // The EWMA starts at the first week's mean, itself within [0, max].
        for e in ewma_ratios(&loads) {
            prop_assert!(e.acute >= 0.0 && e.acute <= hi + 1e-9);
            prop_assert!(e.chronic >= 0.0 && e.chronic <= hi + 1e-9);
        }
    }

    #[test]
    fn coupled_acwr_is_4r_over_r_plus_3(loads in prop::collection::vec(1.0f64..1000.0, 28..60)) {
        let r = rolling_acwr(&loads).expect("28 days");
        let u = r.uncoupled;
        prop_assert!((r.coupled - 4.0 * u / (u + 3.0)).abs() < 1e-9);
    }

    #[test]
    fn monotony_ignores_the_scale(week in prop::collection::vec(0.0f64..900.0, 7), k in 0.1f64..10.0) {
        let a = monotony(&week);
        let scaled: Vec<f64> = week.iter().map(|x| x * k).collect();
        let b = monotony(&scaled);
        match (a, b) {
            (Some(a), Some(b)) if a.monotony.is_finite() => {
                prop_assert!((a.monotony - b.monotony).abs() < 1e-6 * a.monotony.max(1.0));
                prop_assert!((b.strain - k * a.strain).abs() < 1e-6 * b.strain.max(1.0));
            }
            (None, None) => {}
            (Some(a), Some(b)) => prop_assert_eq!(a.monotony, b.monotony),
            _ => prop_assert!(false, "{a:?} {b:?}"),
        }
    }

    #[test]
    fn time_off_only_ever_lowers_vdot(d in 0i32..400, cross in any::<bool>()) {
        let f = time_off_factor(d, cross);
        prop_assert!((0.8..=1.0).contains(&f));
        prop_assert!(time_off_factor(d + 1, cross) <= f);
        prop_assert!(time_off_factor(d, true) >= time_off_factor(d, false));
    }

    #[test]
    fn worse_wellness_never_asks_for_more(items in prop::array::uniform5(1u8..=5), which in 0usize..5) {
        // Lowering one item by one point can only keep or tighten the day's action.
        let row = |it: [u8; 5]| Wellness {
            day: 0,
            fatigue: it[0],
            sleep: it[1],
            soreness: it[2],
            stress: it[3],
            mood: it[4],
            sleep_s: None,
            rmssd_ms: None,
            rest_hr_bpm: None,
        };
        let p = ReadinessParams::default();
        let before = readiness_days(&[row(items)], &[], &p).expect("valid")[0].action;
        let mut worse = items;
        worse[which] = worse[which].saturating_sub(1).max(1);
        let after = readiness_days(&[row(worse)], &[], &p).expect("valid")[0].action;
        prop_assert!(after >= before, "{items:?} {before:?} → {worse:?} {after:?}");
        if items.iter().map(|&x| u32::from(x)).sum::<u32>() <= 10 {
            prop_assert_eq!(before, Action::Rest);
        }
    }
}

#[test]
fn models_line_up_with_the_days() {
    let days: Vec<DaySummary> = (0..60)
        .map(|d| DaySummary {
            srpe: f64::from(d % 7) * 50.0,
            ..DaySummary::rest(d)
        })
        .collect();
    let t = models(&days, Weighting::Exponential);
    assert_eq!(t.len(), 60);
    assert!(t.iter().zip(&days).all(|(l, d)| l.day() == d.day));
    assert!(t[26].rolling.is_none() && t[27].rolling.is_some());
    assert!(t[5].monotony.is_none() && t[6].monotony.is_some());
}
