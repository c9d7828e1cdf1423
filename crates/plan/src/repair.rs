//! The final guarantee: lint the generated plan with `runlift_rules::check` and, while the linter
//! reports an error, drop the lowest-priority session it names (§4.4 order; races are never
//! dropped), recording each drop with the rule and the linter's fix as the suggestion.

use runlift_model::plan::Dropped;
use runlift_rules::time::{date_of, day_number, monday_of};
use runlift_rules::{RuleConfig, Severity, check};

use crate::GeneratedPlan;

/// Drop sessions until the plan lints without errors (bounded by the number of sessions).
pub fn repair(gp: &mut GeneratedPlan, config: &RuleConfig) {
    let limit = gp.sessions.len() + 1;
    for _ in 0..limit {
        let plan = gp.to_plan();
        let report = check(&plan, Some(&gp.profile), config);
        let Some(f) = report
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
        else {
            gp.report = report;
            return;
        };
        let mut cands: Vec<usize> = f
            .sessions
            .iter()
            .map(|i| *i as usize)
            .filter(|i| *i < gp.sessions.len())
            .collect();
        if cands.iter().all(|i| gp.sessions[*i].rank == 0) {
            // Name the sessions on the finding's dates (week-level findings name no session).
            let days: Vec<i32> = f.dates.iter().map(|d| day_number(*d)).collect();
            cands = (0..gp.sessions.len())
                .filter(|i| days.contains(&day_number(gp.sessions[*i].session.date)))
                .collect();
            if cands.iter().all(|i| gp.sessions[*i].rank == 0) && !days.is_empty() {
                // whole weeks named by the dates
                let weeks: Vec<i32> = days.iter().map(|d| monday_of(*d)).collect();
                cands = (0..gp.sessions.len())
                    .filter(|i| {
                        weeks.contains(&monday_of(day_number(gp.sessions[*i].session.date)))
                    })
                    .collect();
            }
        }
        // Races go last of all: only when the finding names nothing else (e.g. a race far
        // longer than the athlete's running, R-RUN-RAMP).
        let pick = cands
            .iter()
            .copied()
            .filter(|i| gp.sessions[*i].rank > 0)
            .max_by_key(|i| (gp.sessions[*i].rank, gp.sessions[*i].session.date))
            .or_else(|| cands.first().copied());
        let Some(i) = pick else {
            gp.report = report;
            return;
        };
        let s = gp.sessions.remove(i);
        gp.dropped.push(Dropped {
            week: date_of(monday_of(day_number(s.session.date))),
            kind: s.session.kind,
            rule: f.rule.to_string(),
            reason: format!("removed from {}: {}", s.session.date, f.message),
            suggestion: (!f.fix.is_empty()).then(|| f.fix.clone()),
        });
    }
    gp.report = check(&gp.to_plan(), Some(&gp.profile), config);
}
