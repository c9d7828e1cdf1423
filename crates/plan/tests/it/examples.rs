//! The example athletes: every plan lints clean and reads back through the plan readers.

use crate::common::*;

const NAMES: [&str; 5] = [
    "beginner-5k.toml",
    "intermediate-half.toml",
    "advanced-marathon.toml",
    "microdose-10k.toml",
    "masters-two-a-races.toml",
];

#[test]
fn example_plans_have_no_errors() {
    for n in NAMES {
        let gp = planned(n);
        if std::env::var("SHOW").is_ok() {
            println!("==== {n}\n{}", runlift_plan::output::table(&gp));
            for f in &gp.report.findings {
                println!("{:?} {} {:?} {}", f.severity, f.rule, f.dates, f.message);
            }
        }
        assert!(errors(&gp).is_empty(), "{n}: {:#?}", errors(&gp));
        assert!(gp.sessions.len() > 20, "{n}");
    }
}

#[test]
fn timing_report() {
    if std::env::var("SHOW").is_err() {
        return;
    }
    for n in NAMES {
        let p = profile(n);
        let t = std::time::Instant::now();
        let gp = runlift_plan::plan(&p, &runlift_plan::Options::default()).expect("plan");
        let el = t.elapsed();
        let nodes: Vec<u64> = gp.weeks.iter().map(|w| w.nodes).collect();
        let exact = gp.weeks.iter().filter(|w| w.exact).count();
        println!(
            "{n}: {el:?} nodes {nodes:?} exact {exact}/{} dropped {}",
            gp.weeks.len(),
            gp.dropped.len()
        );
        let t = std::time::Instant::now();
        let _ = runlift_rules::check(
            &gp.to_plan(),
            Some(&p),
            &runlift_rules::RuleConfig::default(),
        );
        println!("  one check: {:?}", t.elapsed());
    }
}
