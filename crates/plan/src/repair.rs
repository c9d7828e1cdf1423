//! Lint-and-repair. Between planning passes (`Bans`): for the first error the linter reports,
//! leave out the lowest-priority session it names (§4.4 order; races last) and plan again, so
//! the weeks after it are built on what the plan really holds; a left-out session that does
//! not clear its finding is put back and the next one tried. The final guarantee (`repair`):
//! while the linter still reports an error, drop sessions from the finished plan directly.
//! Every left-out session is recorded with the rule and the linter's fix as the suggestion.

use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::plan::Dropped;
use runlift_rules::time::{date_of, day_number, monday_of};
use runlift_rules::{Finding, Report, RuleConfig, Severity, check};

use crate::GeneratedPlan;
use crate::race_week;
use crate::week::Spec;

/// One session left out of a week: the lowest-priority session of its kind there.
#[derive(Clone, Debug)]
struct Ban {
    /// 0-based week index.
    week: usize,
    kind: Kind,
    rule: String,
    reason: String,
    fix: String,
}

/// The sessions left out so far, and what was tried for each finding.
#[derive(Clone, Debug, Default)]
pub struct Bans {
    bans: Vec<Ban>,
    /// The finding the last ban was made for (rule, week Monday), and the candidates tried.
    pending: Option<(String, i32)>,
    tried: Vec<((String, i32), (usize, Kind))>,
    given_up: Vec<(String, i32)>,
}

fn key(f: &Finding) -> (String, i32) {
    let day = f.dates.first().map_or(0, |d| day_number(*d));
    (f.rule.to_string(), monday_of(day))
}

impl Bans {
    /// Leave the banned sessions of week `week` out of its specs (recorded in `dropped`).
    pub fn apply(
        &self,
        week: usize,
        monday: Date,
        specs: &mut Vec<Spec>,
        dropped: &mut Vec<Dropped>,
    ) {
        for b in self.bans.iter().filter(|b| b.week == week) {
            if let Some(i) = specs
                .iter()
                .rposition(|s| s.session.kind == b.kind && s.demand.rank != 0)
            {
                specs.remove(i);
                dropped.push(Dropped {
                    week: monday,
                    kind: b.kind,
                    rule: b.rule.clone(),
                    reason: format!("left out: {}", b.reason),
                    suggestion: (!b.fix.is_empty()).then(|| b.fix.clone()),
                });
            }
        }
    }

    /// Turn the sessions the last-resort repair dropped from `gp` into bans, so that a new pass
    /// plans the weeks after them on what is really there. False when there are none.
    pub fn adopt_drops(&mut self, gp: &GeneratedPlan) -> bool {
        let mut any = false;
        for d in gp
            .dropped
            .iter()
            .filter(|d| d.reason.starts_with("removed from "))
        {
            let Some(week) = gp.weeks.iter().position(|w| w.monday == d.week) else {
                continue;
            };
            let reason = d
                .reason
                .split_once(": ")
                .map_or(d.reason.clone(), |(_, r)| r.to_string());
            self.bans.push(Ban {
                week,
                kind: d.kind,
                rule: d.rule.clone(),
                reason,
                fix: d.suggestion.clone().unwrap_or_default(),
            });
            any = true;
        }
        any
    }

    /// Drop the last ban when it was never judged (the passes ran out); true when one was.
    pub fn unjudged(&mut self) -> bool {
        if self.pending.take().is_some() {
            self.bans.pop();
            return true;
        }
        false
    }

    /// Decide the next session to leave out for the plan's lint `report`; false when there is
    /// nothing more to try (no error left, or none a left-out session could clear).
    pub fn next(&mut self, gp: &GeneratedPlan, report: &Report, config: &RuleConfig) -> bool {
        let errors: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        // Did the last ban clear its finding? If not, put the session back.
        if let Some(k) = self.pending.take()
            && errors.iter().any(|f| key(f) == k)
        {
            self.bans.pop();
        }
        for f in errors {
            let k = key(f);
            // A missing heavy exposure is not cured by leaving a session out.
            if self.given_up.contains(&k)
                || f.message.contains("no heavy exposure")
                || !cured_by_drops(f)
            {
                continue;
            }
            // (R-RACE-WEEK: a run race week needs is left out only when nothing else clears)
            let mut cands: Vec<(bool, u8, usize, Kind)> = candidates(gp, f)
                .into_iter()
                .map(|i| {
                    let p = &gp.sessions[i];
                    (
                        race_week::needed(gp, config, i),
                        p.rank,
                        p.week - 1,
                        p.session.kind,
                    )
                })
                .filter(|(_, r, w, kd)| {
                    *r != 0 && !self.tried.iter().any(|(tk, c)| *tk == k && *c == (*w, *kd))
                })
                .collect();
            cands.sort_by_key(|(needed, r, w, _)| (*needed, std::cmp::Reverse(*r), *w));
            let Some(&(_, _, w, kd)) = cands.first() else {
                self.given_up.push(k);
                continue;
            };
            self.tried.push((k.clone(), (w, kd)));
            self.bans.push(Ban {
                week: w,
                kind: kd,
                rule: f.rule.to_string(),
                reason: f.message.clone(),
                fix: f.fix.clone(),
            });
            self.pending = Some(k);
            return true;
        }
        false
    }
}

/// False for a finding that asks for a session (R-RACE-WEEK's missing runs): leaving a
/// session out never clears it.
fn cured_by_drops(f: &Finding) -> bool {
    f.rule != runlift_rules::race_week::RULE
}

/// Sessions a finding names, or for a week-level finding the sessions of its days (two dates up
/// to three weeks apart name the span between them).
fn candidates(gp: &GeneratedPlan, f: &Finding) -> Vec<usize> {
    let mut cands: Vec<usize> = f
        .sessions
        .iter()
        .map(|i| *i as usize)
        .filter(|i| *i < gp.sessions.len())
        .collect();
    if cands.iter().all(|i| gp.sessions[*i].rank == 0) {
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
    cands.sort_unstable();
    cands.dedup();
    cands
}

/// Drop sessions until the plan lints without errors. A drop is kept only when it clears the
/// finding it was made for; findings that no drop can clear are left (and reported).
/// Returns true when it dropped anything.
pub fn repair(gp: &mut GeneratedPlan, config: &RuleConfig) -> bool {
    let mut dropped_any = false;
    let mut unfixable: Vec<(String, String)> = Vec::new();
    let limit = gp.sessions.len() + 1;
    for _ in 0..limit {
        let report = check(&gp.to_plan(), Some(&gp.profile), config);
        let Some(f) = report.findings.iter().find(|f| {
            f.severity == Severity::Error
                && cured_by_drops(f)
                && !unfixable.contains(&(f.rule.to_string(), f.message.clone()))
        }) else {
            gp.report = report;
            return dropped_any;
        };
        let key = (f.rule.to_string(), f.message.clone());
        let mut cands = candidates(gp, f);
        // Lowest priority first; races only as the last resort (e.g. a race far longer than
        // the athlete's running, R-RUN-RAMP); a run R-RACE-WEEK needs just before them.
        cands.sort_by_key(|i| {
            let r = gp.sessions[*i].rank;
            (
                r == 0,
                race_week::needed(gp, config, *i),
                std::cmp::Reverse(r),
                *i,
            )
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
                dropped_any = true;
                break;
            }
            gp.sessions.insert(i, s);
        }
        if !fixed {
            unfixable.push(key);
        }
    }
    gp.report = check(&gp.to_plan(), Some(&gp.profile), config);
    dropped_any
}
