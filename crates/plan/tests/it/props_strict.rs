//! The strict property: the plan of every random valid profile lints with zero errors. The
//! profiles are drawn by `props::profile()` from proptest's fixed-seed runner, so CI judges the
//! same 1,000 random profiles every time (a failure is a regression, not a new draw); other
//! seeds and larger samples are one environment variable away:
//! `STRICT_SEED=7 STRICT_CASES=6000 cargo test -p runlift-plan --test it props_strict -- --nocapture`
//! (and `STRICT_ONLY=12,345` to plan only those cases of the sample again).
//! The profiles run on two threads; a failure lists every failing profile with its errors.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use runlift_plan::{Options, plan};

use crate::props::{date, profile};

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

#[test]
fn every_plan_lints_without_errors() {
    let cases = env("STRICT_CASES").unwrap_or(1000) as usize;
    let mut runner = match env("STRICT_SEED") {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRunner::new_with_rng(
                Config::default(),
                TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
            )
        }
        None => TestRunner::deterministic(),
    };
    let strategy = (
        profile(),
        0i64..7,
        proptest::prop_oneof![proptest::strategy::Just(None), (1usize..40).prop_map(Some)],
    );
    let drawn: Vec<_> = (0..cases)
        .map(|_| strategy.new_tree(&mut runner).expect("a profile").current())
        .collect();
    // STRICT_ONLY=3143,3817: only those cases of the sample (to look at a failure again)
    let only: Option<Vec<usize>> = std::env::var("STRICT_ONLY")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect());
    let drawn: Vec<_> = drawn
        .into_iter()
        .enumerate()
        .filter(|(i, _)| only.as_ref().is_none_or(|o| o.contains(i)))
        .collect();
    let half = drawn.len().div_ceil(2).max(1);
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = drawn
            .chunks(half)
            .map(|chunk| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for (case, (p, offset, weeks)) in chunk.iter() {
                        let opts = Options {
                            start: Some(date(*offset)),
                            weeks: *weeks,
                            ..Options::default()
                        };
                        let gp = plan(p, &opts).expect("a valid profile plans");
                        let errors: Vec<String> = gp
                            .report
                            .findings
                            .iter()
                            .filter(|f| f.severity == runlift_rules::Severity::Error)
                            .map(|f| format!("  {} {:?} {}", f.rule, f.dates, f.message))
                            .collect();
                        if !errors.is_empty() {
                            out.push(format!(
                                "case {case} (start +{offset} d, weeks {weeks:?}): {p:?}\n{}",
                                errors.join("\n")
                            ));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {cases} profiles plan with errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
