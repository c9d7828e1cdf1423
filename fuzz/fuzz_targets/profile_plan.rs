//! Fuzz target: profile parser → planner → linter. Whatever the text, reading it never panics; a
//! profile the reader accepts is planned without a panic, and the plan the planner returns lints
//! without errors when checked again from its own file form (or the planner explains why not).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(profile) = runlift_planfile::parse_profile(text, Path::new("fuzz.toml")) else {
        return;
    };
    let opts = runlift_plan::Options {
        start: profile
            .plan_start
            .or(Some(jiff::civil::date(2026, 11, 23))),
        ..runlift_plan::Options::default()
    };
    let Ok(gp) = runlift_plan::plan(&profile, &opts) else {
        return;
    };
    assert_eq!(gp.report.summary.errors, 0, "the planner returned a plan with lint errors");
    let config = runlift_rules::RuleConfig::from_overrides(&gp.profile.rules)
        .expect("the planner accepted these overrides");
    let again = runlift_rules::check(&gp.to_plan(), Some(&gp.profile), &config);
    assert_eq!(again.summary.errors, 0, "the plan's file form lints with errors");
});
