//! Re-planning the rest of a week from what happened (`runlift replan`): the days before `from`
//! are the past and never change. A key session missed this week (the long run, a hard run, an
//! intense lift) moves to a free slot later in the week where the linter finds no new error in
//! the weeks around it, the nearest day first, else it is let go with the reason; an easy run
//! missed is let go (easy minutes are not made up). A hard session done that the plan did not
//! hold (an extra race, an unplanned hard run, a lift at RPE ≥ 8) in the two days before `from`
//! eases the next hard session of the next two days one step down (R-READY's downgrade).
//! docs/load/adapt.md.

use jiff::civil::Date;
use runlift_load::compliance::match_sessions;
use runlift_model::Kind;
use runlift_model::log::DoneSession;
use runlift_model::plan::{Plan, Session};
use runlift_model::planned::planned_sessions;
use runlift_model::profile::{Profile, Slot};
use runlift_rules::time::{date_of, day_number, weekday};
use runlift_rules::{RuleConfig, Severity};

use crate::adapt::one_step_down;

/// Days after an extra hard session whose hard sessions it eases.
const EASE_DAYS: i32 = 2;
/// Session RPE from which an unplanned session counts as hard.
const HARD_RPE: f64 = 8.0;

/// What happened to one planned session.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// Moved from its day to the session's new date and slot.
    Moved { from: Date },
    /// Let go (missed, and no later day this week keeps the rules).
    LetGo,
    /// One step down after an extra hard session.
    Eased,
}

/// One change, with the position of the session in the `sessions` of the plan given to
/// [`replan`].
#[derive(Clone, Debug)]
pub struct Change {
    pub index: usize,
    pub what: What,
    pub before: Session,
    /// The session as it is now (None: let go).
    pub after: Option<Session>,
    pub why: String,
}

/// The re-planned plan (a let-go session stays where it was: it is in the past) and what
/// changed.
#[derive(Clone, Debug)]
pub struct Replanned {
    pub plan: Plan,
    pub changes: Vec<Change>,
}

/// Monday and Sunday of `d`'s week, as day numbers.
fn week_of(d: Date) -> (i32, i32) {
    let n = day_number(d);
    let mon = n - weekday(n) as i32;
    (mon, mon + 6)
}

/// A session worth moving when it is missed.
fn key(kind: Kind) -> bool {
    kind == Kind::RunLong
        || (kind.is_hi_run() && kind != Kind::RunRace)
        || matches!(kind, Kind::StrHeavy | Kind::StrPap | Kind::StrPlyo)
}

/// Order in which missed sessions claim the free slots: the long run, hard runs, intense lifts.
fn claim_order(kind: Kind) -> u8 {
    match kind {
        Kind::RunLong => 0,
        k if k.is_run() => 1,
        _ => 2,
    }
}

/// A hard session as the easing reads it: a hard run or race, an intense lift, or RPE ≥ 8.
fn hard_done(d: &DoneSession) -> bool {
    let k = d.effective_kind();
    k.is_hi_run()
        || matches!(k, Kind::StrHeavy | Kind::StrPap | Kind::StrPlyo)
        || d.effective_rpe().is_some_and(|r| r >= HARD_RPE)
}

/// The plan's sessions and week labels from `lo` to `hi` (day numbers), as the linter reads
/// a stretch of the plan.
fn window(plan: &Plan, lo: i32, hi: i32) -> Plan {
    let inside = |d: Date| (lo..=hi).contains(&day_number(d));
    Plan {
        athlete: None,
        weeks: plan
            .weeks
            .iter()
            .filter(|w| inside(w.start))
            .cloned()
            .collect(),
        sessions: plan
            .sessions
            .iter()
            .filter(|s| inside(s.date))
            .cloned()
            .collect(),
        dropped: Vec::new(),
    }
}

/// Errors and warnings the linter finds in the weeks around `from`'s week.
fn findings(plan: &Plan, profile: &Profile, config: &RuleConfig, mon: i32) -> (usize, usize) {
    let r = runlift_rules::check(&window(plan, mon - 7, mon + 13), Some(profile), config);
    let n = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning))
}

/// Re-plan `plan`'s days from `from` to the end of its week, from `done` (the sessions done this
/// week, as the log has them).
pub fn replan(
    profile: &Profile,
    config: &RuleConfig,
    plan: &Plan,
    done: &[DoneSession],
    from: Date,
) -> Replanned {
    let (mon, sun) = week_of(from);
    let start = day_number(from);
    let mut out = Replanned {
        plan: plan.clone(),
        changes: Vec::new(),
    };
    // this week's planned sessions before `from` and what was done against them
    let past: Vec<usize> = (0..plan.sessions.len())
        .filter(|&i| (mon..start).contains(&day_number(plan.sessions[i].date)))
        .collect();
    let past_plan = Plan {
        sessions: past.iter().map(|&i| plan.sessions[i].clone()).collect(),
        ..Plan::default()
    };
    let planned = planned_sessions(&past_plan, &profile.times);
    let done_week: Vec<DoneSession> = done
        .iter()
        .filter(|d| (mon..start).contains(&day_number(d.date)))
        .cloned()
        .collect();
    let m = match_sessions(&planned, &done_week);
    let matched: Vec<bool> = (0..past.len())
        .map(|k| m.matches.iter().any(|x| x.planned == k))
        .collect();
    let mut missed: Vec<usize> = (0..past.len())
        .filter(|&k| !matched[k])
        .map(|k| past[k])
        .collect();
    missed.sort_by_key(|&i| (claim_order(plan.sessions[i].kind), plan.sessions[i].date));
    for i in missed {
        let s = &plan.sessions[i];
        if !key(s.kind) {
            out.changes.push(Change {
                index: i,
                what: What::LetGo,
                before: s.clone(),
                after: None,
                why: "missed; an easy or light session is not made up: the week goes on as planned"
                    .into(),
            });
            continue;
        }
        move_or_let_go(profile, config, &mut out, i, (start, sun), mon);
    }
    ease_after_extras(
        profile,
        config,
        &mut out,
        start,
        sun,
        &m.planned_of,
        &done_week,
    );
    // an eased session with nothing left (plyometrics only) leaves the plan; the indices of the
    // changes stay those of `plan`
    let gone: Vec<usize> = out
        .changes
        .iter()
        .filter(|c| c.what == What::Eased && c.after.is_none())
        .map(|c| c.index)
        .collect();
    let mut k = 0;
    out.plan.sessions.retain(|_| {
        k += 1;
        !gone.contains(&(k - 1))
    });
    out
}

/// Move the missed session `i` to the best free slot from `days.0` to `days.1`, or let it go.
fn move_or_let_go(
    profile: &Profile,
    config: &RuleConfig,
    out: &mut Replanned,
    i: usize,
    days: (i32, i32),
    mon: i32,
) {
    let before = out.plan.sessions[i].clone();
    let base = findings(&out.plan, profile, config, mon);
    let mut best: Option<((usize, usize, i32), Date, Slot)> = None;
    for d in days.0..=days.1 {
        for slot in [Slot::Am, Slot::Pm] {
            let free = profile
                .availability
                .minutes(weekday(d), slot)
                .is_some_and(|m| m >= before.minutes);
            let taken = out
                .plan
                .sessions
                .iter()
                .any(|s| day_number(s.date) == d && s.slot == slot);
            if !free || taken {
                continue;
            }
            let mut trial = out.plan.clone();
            trial.sessions[i].date = date_of(d);
            trial.sessions[i].slot = slot;
            trial.sessions[i].start = None;
            let (e, w) = findings(&trial, profile, config, mon);
            if e > base.0 {
                continue;
            }
            let score = (e, w.saturating_sub(base.1), d - days.0);
            if best.as_ref().is_none_or(|(b, _, _)| score < *b) {
                best = Some((score, date_of(d), slot));
            }
        }
    }
    match best {
        Some((_, d, slot)) => {
            let s = &mut out.plan.sessions[i];
            s.date = d;
            s.slot = slot;
            s.start = None;
            out.changes.push(Change {
                index: i,
                what: What::Moved { from: before.date },
                before: before.clone(),
                after: Some(s.clone()),
                why: format!(
                    "missed on {}: moved to the first free slot of the week that keeps every rule",
                    runlift_rules::time::fmt_day(day_number(before.date))
                ),
            });
        }
        None => out.changes.push(Change {
            index: i,
            what: What::LetGo,
            before,
            after: None,
            why: "missed, and no free slot left this week keeps the rules (availability, spacing of hard days): let go".into(),
        }),
    }
}

/// After a hard session the plan did not hold (done this week, in the [`EASE_DAYS`] days before
/// `start`), the next hard session of the [`EASE_DAYS`] days after it (from `start` on, this
/// week) one step down.
#[allow(clippy::too_many_arguments)]
fn ease_after_extras(
    profile: &Profile,
    config: &RuleConfig,
    out: &mut Replanned,
    start: i32,
    sun: i32,
    planned_of: &[Option<usize>],
    done_week: &[DoneSession],
) {
    // unplanned: done this week, in the days before `start`, and matched to no planned session
    let extras: Vec<&DoneSession> = done_week
        .iter()
        .enumerate()
        .filter(|(k, d)| {
            (start - EASE_DAYS..start).contains(&day_number(d.date))
                && hard_done(d)
                && planned_of.get(*k).copied().flatten().is_none()
        })
        .map(|(_, d)| d)
        .collect();
    for x in extras {
        let until = (day_number(x.date) + EASE_DAYS).min(sun);
        let next = (0..out.plan.sessions.len())
            .filter(|&i| {
                let s = &out.plan.sessions[i];
                let d = day_number(s.date);
                d >= start
                    && d <= until
                    && (key(s.kind) && s.kind != Kind::RunLong)
                    && !out.changes.iter().any(|c| c.index == i)
            })
            .min_by_key(|&i| (out.plan.sessions[i].date, out.plan.sessions[i].slot));
        let Some(i) = next else { continue };
        let before = out.plan.sessions[i].clone();
        let after = one_step_down(profile, config, &before);
        let why = format!(
            "an extra {} ({}) on {} that the plan did not hold: the next hard session is eased",
            x.effective_kind().name(),
            x.effective_rpe()
                .map_or_else(|| "no RPE".to_string(), |r| format!("RPE {r}")),
            runlift_rules::time::fmt_day(day_number(x.date))
        );
        if let Some(a) = &after {
            out.plan.sessions[i] = a.clone();
        }
        out.changes.push(Change {
            index: i,
            what: What::Eased,
            before,
            after,
            why,
        });
    }
}
