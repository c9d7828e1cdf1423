//! Data-driven rule tests: every plan under `test_data/rules/<RULE-ID>/` declares, in
//! `# expect: <severity> <dates…> [<sessions>]` comment lines, exactly the findings of that rule
//! it must produce (none for a passing plan). Every rule a plan can show has at least one
//! passing and one failing plan.

use std::path::{Path, PathBuf};

use runlift_rules::{RULES, RuleConfig, check};

/// Rules whose only severity is INFO (rulebook §3 Lint column).
const INFO_ONLY: &[&str] = &["R-FUEL", "R-TEST"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test_data/rules")
}

/// Render a finding the way `# expect:` lines are written.
fn render(f: &runlift_rules::Finding) -> String {
    let dates: Vec<String> = f.dates.iter().map(|d| d.to_string()).collect();
    let sessions: Vec<String> = f.sessions.iter().map(|s| s.to_string()).collect();
    format!(
        "{} {} [{}]",
        f.severity.word(),
        dates.join(" "),
        sessions.join(",")
    )
}

fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("# expect:"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Check one file and return a description of any mismatch.
fn run_file(rule: &str, path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let loaded = runlift_planfile::read_plan_file(path).map_err(|e| format!("unreadable: {e}"))?;
    let config = match &loaded.profile {
        Some(p) => {
            RuleConfig::from_overrides(&p.rules).map_err(|e| format!("bad overrides: {e:?}"))?
        }
        None => RuleConfig::default(),
    };
    let report = check(&loaded.plan, loaded.profile.as_ref(), &config);
    let mut got: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(render)
        .collect();
    let mut want = expectations(&text);
    got.sort();
    want.sort();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("pass") && want.iter().any(|w| !w.starts_with("info")) {
        return Err("a pass-* plan may only expect info findings".into());
    }
    // Advice-only rules (rulebook Lint column: INFO) never warn: their fail-* plans show the advice.
    if name.starts_with("fail") && INFO_ONLY.contains(&rule) && want.is_empty() {
        return Err("a fail-* plan of an advice-only rule must expect at least one finding".into());
    }
    if name.starts_with("fail")
        && !INFO_ONLY.contains(&rule)
        && !want.iter().any(|w| !w.starts_with("info"))
    {
        return Err("a fail-* plan must expect at least one error or warning".into());
    }
    if got != want {
        let detail: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| format!("  {}  {}", render(f), f.message))
            .collect();
        return Err(format!(
            "expected {want:#?}\n got {got:#?}\n{}",
            detail.join("\n")
        ));
    }
    Ok(())
}

#[test]
fn every_rule_plan_gives_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    let mut files = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(root())
        .expect("test_data/rules")
        .flatten()
        .collect();
    dirs.sort_by_key(|d| d.file_name());
    for dir in dirs {
        let rule = dir.file_name().to_string_lossy().to_string();
        if !rule.starts_with("R-") {
            continue;
        }
        let mut entries: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml" || x == "json") {
                files += 1;
                if let Err(msg) = run_file(&rule, &p) {
                    failures.push(format!("{}: {msg}", p.display()));
                }
            }
        }
    }
    assert!(files > 0, "no rule test data found");
    assert!(
        failures.is_empty(),
        "{} of {files} plans failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_checkable_rule_has_a_passing_and_a_failing_plan() {
    let mut missing = Vec::new();
    for r in RULES.iter().filter(|r| r.checked_on_plans) {
        let dir = root().join(r.id);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        for kind in ["pass", "fail"] {
            if !names.iter().any(|n| n.starts_with(kind)) {
                missing.push(format!("{} has no {kind}-* plan", r.id));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
