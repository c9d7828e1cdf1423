//! The rulebook §4.4 example week, run as a 12-week block with 3:1 deloads
//! (examples/plans/example-week-12.toml, written by tools/gen_example_block.py), lints with zero
//! errors; every warning it gives is listed here with the reason it is fair.

use std::path::Path;

use runlift_rules::{RuleConfig, Severity, check};

#[test]
fn example_block_has_no_errors_and_only_fair_warnings() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/plans/example-week-12.toml");
    let loaded = runlift_planfile::read_plan_file(&path).expect("the example plan reads");
    assert_eq!(loaded.plan.sessions.len(), 12 * 12);
    let profile = loaded.profile.as_ref().expect("athlete-sam.toml");
    let config = RuleConfig::from_overrides(&profile.rules).expect("no overrides");
    let report = check(&loaded.plan, Some(profile), &config);

    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {:?}: {}", f.rule, f.dates, f.message))
        .collect();
    assert!(
        errors.is_empty(),
        "errors in the example block:\n{}",
        errors.join("\n")
    );

    let mut warnings: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| {
            let dates: Vec<String> = f.dates.iter().map(|d| d.to_string()).collect();
            format!("{} {}", f.rule, dates.join(" "))
        })
        .collect();
    warnings.sort();
    // Each warning below is fair:
    let expected: Vec<&str> = vec![];
    assert_eq!(
        warnings,
        expected,
        "\n{:#?}",
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
}
