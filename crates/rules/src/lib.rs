//! runlift's rule engine: every rule of rulebook §3 that a plan and a profile can judge, shared by
//! the linter (`check`) and the planner (`pair`, `item`, `phases`). Pure: values in, findings out.

pub mod ctx;
pub mod finding;
mod group_a;
mod group_b;
mod group_c;
mod group_e;
mod group_f;
mod group_g;
pub mod item;
pub mod load;
pub mod pair;
pub mod phases;
pub mod registry;
pub mod time;

use runlift_model::plan::Plan;
use runlift_model::profile::Profile;

pub use ctx::Ctx;
pub use finding::{Finding, Report, Severity, Summary};
pub use group_e::estimated_contacts;
pub use group_g::race::hard_seq::spaced as hard_runs_spaced;
pub use group_g::race::{post_race, race_week};
pub use group_g::{LIGHT_RIR, LIGHT_RULE, light_window_days};
pub use registry::{RULES, RuleConfig, RuleDef, RuleType, rule};

/// Lint a plan. `profile` is the plan's athlete (inline, by path, or given on the command line);
/// `config` holds the athlete's validated rule overrides.
pub fn check(plan: &Plan, profile: Option<&Profile>, config: &RuleConfig) -> Report {
    let ctx = Ctx::new(plan, profile, config);
    let mut out = finding::Out::default();
    group_a::check(&ctx, &mut out);
    group_b::check(&ctx, &mut out);
    group_c::check(&ctx, &mut out);
    group_e::check(&ctx, &mut out);
    group_f::check(&ctx, &mut out);
    group_g::check(&ctx, &mut out);
    load::check(&ctx, &mut out);
    // What the planner had to leave out is reported as information (formats.md).
    for d in &plan.dropped {
        let id = rule(&d.rule).map_or("DROPPED", |r| r.id);
        out.add(
            id,
            Severity::Info,
            &[time::day_number(d.week)],
            &[],
            format!("Dropped {} in the week of {}: {}", d.kind, d.week, d.reason),
            d.suggestion.clone().unwrap_or_default(),
        );
    }
    let mut findings = out.findings;
    for f in &mut findings {
        if let Some(def) = rule(f.rule) {
            f.params = config.params_of(def);
        }
    }
    findings.sort_by(|a, b| {
        (a.dates.first(), a.severity, a.rule, &a.sessions).cmp(&(
            b.dates.first(),
            b.severity,
            b.rule,
            &b.sessions,
        ))
    });
    let mut summary = Summary::default();
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Report { findings, summary }
}
