//! The final guarantee: lint the generated plan with `runlift_rules::check` and, while the linter
//! reports an error, drop the lowest-priority session it names (§4.4 order; races are never
//! dropped), recording each drop with the rule and the linter's fix as the suggestion.

use runlift_model::plan::Dropped;
use runlift_rules::time::{date_of, day_number, monday_of};
use runlift_rules::{RuleConfig, Severity, check};

use crate::GeneratedPlan;

/// Drop sessions until the plan lints without errors. A drop is kept only when it clears the
/// finding it was made for; findings that no drop can clear are left (and reported).
pub fn repair(gp: &mut GeneratedPlan, config: &RuleConfig) {
    let mut unfixable: Vec<(String, String)> = Vec::new();
    let limit = gp.sessions.len() + 1;
    for _ in 0..limit {
        let report = check(&gp.to_plan(), Some(&gp.profile), config);
        let Some(f) = report.findings.iter().find(|f| {
            f.severity == Severity::Error
                && !unfixable.contains(&(f.rule.to_string(), f.message.clone()))
        }) else {
            gp.report = report;
            return;
        };
        let key = (f.rule.to_string(), f.message.clone());
        let mut cands: Vec<usize> = f
            .sessions
            .iter()
            .map(|i| *i as usize)
            .filter(|i| *i < gp.sessions.len())
            .collect();
        if cands.iter().all(|i| gp.sessions[*i].rank == 0) {
            // Week-level findings name no session: the sessions of the finding's days.
            // (two dates up to three weeks apart name the span between them).
            let days: Vec<i32> = f.dates.iter().map(|d| day_number(*d)).collect();
            let (lo, hi) = (
                days.iter().copied().min().unwrap_or(0),
                days.iter().copied().max().unwrap_or(0),
            );
            let span = hi - lo <= 21;
            cands.extend((0..gp.sessions.len()).filter(|i| {
                let d = day_number(gp.sessions[*i].session.date);
                days.contains(&d) || (span && d >= lo && d <= hi)
            }));
        }
        // Lowest priority first; races only as the last resort (e.g. a race far longer than
        // the athlete's running, R-RUN-RAMP).
        cands.sort_by_key(|i| {
            let r = gp.sessions[*i].rank;
            (std::cmp::Reverse(if r == 0 { 0 } else { r + 1 }), *i)
        });
        cands.dedup();
        let mut fixed = false;
        for i in cands.into_iter().take(6) {
            let s = gp.sessions.remove(i);
            let after = check(&gp.to_plan(), Some(&gp.profile), config);
            let still = after.findings.iter().any(|g| {
                g.severity == Severity::Error && g.rule == f.rule && g.message == f.message
            });
            let errors_before = report.summary.errors;
            if !still && after.summary.errors <= errors_before {
                gp.dropped.push(Dropped {
                    week: date_of(monday_of(day_number(s.session.date))),
                    kind: s.session.kind,
                    rule: f.rule.to_string(),
                    reason: format!("removed from {}: {}", s.session.date, f.message),
                    suggestion: (!f.fix.is_empty()).then(|| f.fix.clone()),
                });
                fixed = true;
                break;
            }
            gp.sessions.insert(i, s);
        }
        if !fixed {
            unfixable.push(key);
        }
    }
    gp.report = check(&gp.to_plan(), Some(&gp.profile), config);
}
