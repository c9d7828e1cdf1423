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
