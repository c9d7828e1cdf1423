//! Fuzz target: plan parser (structure language included) → linter. Whatever the text, reading a
//! plan, parsing its run structures and linting it never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use runlift_model::plan::AthleteRef;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The structure language on its own, so short inputs reach it directly.
    if let Ok(s) = runlift_model::structure::parse(text) {
        let _ = s.has_quality();
    }
    let Ok(plan) = runlift_planfile::parse_plan(text, Path::new("fuzz.toml")) else {
        return;
    };
    for s in plan.sessions.iter().filter_map(|s| s.structure.as_deref()) {
        let _ = runlift_model::structure::parse(s);
    }
    let profile = match &plan.athlete {
        Some(AthleteRef::Inline(p)) if p.validate().is_empty() => Some(&**p),
        _ => None,
    };
    let config = profile
        .and_then(|p| runlift_rules::RuleConfig::from_overrides(&p.rules).ok())
        .unwrap_or_default();
    let report = runlift_rules::check(&plan, profile, &config);
    assert_eq!(
        report.summary.errors,
        report.findings.iter().filter(|f| f.severity == runlift_rules::Severity::Error).count()
    );
});
