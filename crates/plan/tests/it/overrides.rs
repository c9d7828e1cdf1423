//! One source of rules: the example athletes planned with each rule parameter the planner reads
//! overridden to either end of its range lint without errors under that same override.

use std::collections::BTreeMap;

use runlift_plan::{Options, plan};
use runlift_rules::registry::rule;

use crate::common::*;

/// The parameters the planner reads from the rule table (`RuleConfig::get`).
const READ: [(&str, &str); 12] = [
    ("R-DELOAD", "loading_weeks"),
    ("R-TAPER-A", "taper_days_short"),
    ("R-TAPER-A", "taper_days_long"),
    ("R-TAPER-B", "days"),
    ("R-BEGIN", "weeks"),
    ("R-INSEASON", "sets_pct"),
    ("R-SEP-24H", "hours"),
    ("R-SEP-48H", "hours"),
    ("R-STACK", "hours"),
    ("R-LIGHT-FIRST", "hours"),
    ("R-GAP-DAY", "hours"),
    ("R-MICRO", "hours"),
];

#[test]
fn overrides_at_range_ends_plan_without_errors() {
    let mut failures = Vec::new();
    for (id, name) in READ {
        let def = rule(id).unwrap_or_else(|| panic!("{id} in the rule table"));
        let pd = def
            .params
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{id}.{name} in the rule table"));
        for value in [pd.min, pd.max] {
            for n in NAMES {
                let mut p = profile(n);
                p.rules =
                    BTreeMap::from([(id.to_string(), BTreeMap::from([(name.to_string(), value)]))]);
                let gp = plan(&p, &Options::default()).unwrap_or_else(|e| panic!("{n}: {e}"));
                let errs = errors(&gp);
                if !errs.is_empty() {
                    failures.push(format!("{n} {id}.{name} = {value}: {errs:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// R-DELOAD's override is followed, not only tolerated: at 2 loading weeks no plan holds three
/// loading weeks in a row.
#[test]
fn deload_override_shortens_the_mesocycles() {
    let mut p = profile("intermediate-half.toml");
    p.rules = BTreeMap::from([(
        "R-DELOAD".to_string(),
        BTreeMap::from([("loading_weeks".to_string(), 2.0)]),
    )]);
    let gp = plan(&p, &Options::default()).expect("plans");
    let mut run = 0;
    for w in &gp.weeks {
        let loading = !w.deload
            && !matches!(
                w.phase,
                runlift_model::plan::Phase::Taper
                    | runlift_model::plan::Phase::Race
                    | runlift_model::plan::Phase::Transition
            );
        run = if loading { run + 1 } else { 0 };
        assert!(run <= 2, "three loading weeks in a row up to {}", w.monday);
    }
    let default = planned("intermediate-half.toml");
    let deloads = |g: &runlift_plan::GeneratedPlan| g.weeks.iter().filter(|w| w.deload).count();
    assert!(deloads(&gp) > deloads(&default), "more deloads at 2:1");
}
