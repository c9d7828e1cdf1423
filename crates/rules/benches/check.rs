//! Benchmarks of `runlift check`'s rule engine: a 52-week plan (~600 sessions) and a 520-week plan,
//! built by repeating the rulebook's example week block (examples/plans/example-week-12.toml).
//! Run: `cargo bench -p runlift-rules --bench check`.

use std::path::Path;

use runlift_model::plan::Plan;
use runlift_model::profile::Profile;
use runlift_rules::time::{date_of, day_number};
use runlift_rules::{RuleConfig, check};

fn main() {
    divan::main();
}

/// The example block repeated to `weeks` weeks (dates shifted by whole blocks).
pub fn long_plan(weeks: usize) -> (Plan, Option<Profile>) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/plans/example-week-12.toml");
    let loaded = match runlift_planfile::read_plan_file(&path) {
        Ok(l) => l,
        Err(e) => panic!("the bench needs the example plan: {e}"),
    };
    let block = loaded.plan.clone();
    let mut plan = Plan {
        athlete: None,
        weeks: Vec::new(),
        sessions: Vec::new(),
        dropped: Vec::new(),
    };
    let blocks = weeks.div_ceil(12);
    for b in 0..blocks {
        let shift = (b * 84) as i32;
        let mv = |d: jiff::civil::Date| date_of(day_number(d) + shift);
        for w in &block.weeks {
            let mut w = w.clone();
            w.start = mv(w.start);
            plan.weeks.push(w);
        }
        for s in &block.sessions {
            let mut s = s.clone();
            s.date = mv(s.date);
            plan.sessions.push(s);
        }
    }
    let last = day_number(plan.weeks[0].start) + 7 * weeks as i32;
    plan.sessions.retain(|s| day_number(s.date) < last);
    plan.weeks.retain(|w| day_number(w.start) < last);
    (plan, loaded.profile)
}

#[divan::bench(args = [52, 520])]
fn check_plan(bencher: divan::Bencher, weeks: usize) {
    let (plan, profile) = long_plan(weeks);
    let config = RuleConfig::default();
    bencher
        .counter(divan::counter::ItemsCount::new(plan.sessions.len()))
        .bench(|| check(divan::black_box(&plan), profile.as_ref(), &config));
}
