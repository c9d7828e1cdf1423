//! The placement search is exact: on every week of the example plans, and of variations of
//! them with weekdays taken away, the tight lower bound never cuts off an optimum. Its penalty
//! equals that of the same search pruning only with the cheap bound and, on weeks small enough,
//! of an exhaustive search.

use runlift_plan::place::{Bounds, Demand, WeekEnv, place_bounded};
use runlift_plan::{Options, plan};

use crate::common::{NAMES, profile};

/// Every week's placement problem of the example plans (52 weeks), of each with one weekday
/// (Monday to Friday) unavailable, and of each at 25, 55 and 85 km a week (level derived).
fn problems() -> Vec<(String, WeekEnv, Vec<Demand>)> {
    let opts = Options {
        weeks: Some(52),
        record: true,
        ..Options::default()
    };
    let mut out = Vec::new();
    for name in NAMES {
        let variants = (0..6)
            .map(|d| (d, None))
            .chain([25.0, 55.0, 85.0].map(|k| (0, Some(k))));
        for (day, km) in variants {
            let mut p = profile(name);
            if let Some(km) = km {
                p.weekly_km = km;
                p.level = None;
            }
            let a = &mut p.availability;
            match day {
                1 => a.mon = None,
                2 => a.tue = None,
                3 => a.wed = None,
                4 => a.thu = None,
                5 => a.fri = None,
                _ => {}
            }
            let gp = plan(&p, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
            for (i, (env, d)) in gp.problems.into_iter().enumerate() {
                out.push((
                    format!("{name} without day {day} at {km:?} km, problem {i}"),
                    env,
                    d,
                ));
            }
        }
    }
    out
}

#[test]
fn tight_bound_keeps_every_optimum() {
    let all = problems();
    let (mut small, mut max_nodes) = (0, 0);
    for (what, mut env, d) in all.iter().cloned() {
        env.node_limit = 3_000_000;
        let tight = place_bounded(&env, &d, Bounds::Tight);
        assert!(tight.exact, "{what}: the tight search did not finish");
        let simple = place_bounded(&env, &d, Bounds::Simple);
        assert!(
            simple.exact,
            "{what}: the cheap-bound search did not finish"
        );
        assert_eq!(tight.penalty, simple.penalty, "{what}");
        max_nodes = max_nodes.max(simple.nodes);
        if d.len() <= 7 {
            let off = place_bounded(&env, &d, Bounds::Off);
            assert!(off.exact, "{what}: the exhaustive search did not finish");
            small += 1;
            assert_eq!(tight.penalty, off.penalty, "{what}: exhaustive");
        }
    }
    // The sample holds weeks that are hard for the cheap bound, and enough small ones.
    assert!(
        max_nodes >= 100_000,
        "the hardest week took {max_nodes} nodes"
    );
    assert!(small >= 100, "{small} small weeks");
}
