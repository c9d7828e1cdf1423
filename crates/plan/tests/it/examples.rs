//! The example athletes: every plan lints clean and reads back through the plan readers.

use crate::common::*;

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

/// Rulebook v2 §8.3: a generated plan leaves no group G warning on the example profiles.
#[test]
fn example_plans_have_no_group_g_warnings() {
    let mut found = Vec::new();
    for n in NAMES {
        let gp = planned(n);
        for f in &gp.report.findings {
            let group_g = runlift_rules::rule(f.rule).is_some_and(|r| r.group == 'G');
            if group_g && f.severity == runlift_rules::Severity::Warning {
                found.push(format!("{n}: {} {:?} {}", f.rule, f.dates, f.message));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// R-TEST: the intermediate's first test week (a deload six weeks in) holds the battery: a
/// flying sprint, the wall sit inside a strength session, and the time trial, all in that
/// deload week; tests come at least five weeks apart.
#[test]
fn test_weeks_hold_sprint_wall_sit_and_time_trial() {
    use runlift_model::plan::TestKind;
    let gp = planned("intermediate-half.toml");
    let tests: Vec<&runlift_plan::Planned> = gp
        .sessions
        .iter()
        .filter(|p| p.session.test.is_some())
        .collect();
    assert!(!tests.is_empty());
    let first_week = tests[0].week;
    let week = &gp.weeks[first_week - 1];
    assert!(week.deload, "tests come in a deload week");
    let kinds: Vec<TestKind> = tests
        .iter()
        .filter(|p| p.week == first_week)
        .filter_map(|p| p.session.test)
        .collect();
    for t in [TestKind::Sprint, TestKind::WallSit, TestKind::TimeTrial] {
        assert!(kinds.contains(&t), "{t:?} missing from {kinds:?}");
    }
    for p in &tests {
        let s = &p.session;
        match s.test {
            Some(TestKind::WallSit) => {
                assert!(s.kind.is_strength());
                assert!(s.exercises.iter().any(|x| s.tests_exercise(x)));
            }
            Some(TestKind::Sprint) => assert_eq!(s.kind, runlift_model::Kind::RunSprint),
            Some(TestKind::TimeTrial) => assert_eq!(s.kind, runlift_model::Kind::RunTt),
            other => panic!("unexpected test {other:?}"),
        }
        assert!(p.why.iter().any(|w| w.starts_with("R-TEST")), "{:?}", p.why);
    }
    let mut weeks: Vec<usize> = tests.iter().map(|p| p.week).collect();
    weeks.dedup();
    assert!(weeks.windows(2).all(|w| w[1] - w[0] >= 5), "{weeks:?}");
}
