//! The linter side of group A: runs the pair, item and day checks of `pair` over the whole plan
//! (a sliding window over time-sorted items, never all pairs) and words each hit as a finding.

use runlift_model::Kind;
use runlift_model::profile::Level;

use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::pair::{DayFacts, Hit, PairParams, What, check_item, check_pair};
use crate::time::{DAY_NAMES, fmt_abs, fmt_day, fmt_hours, weekday};

pub fn check(ctx: &Ctx, out: &mut Out) {
    let p = PairParams::new(ctx.config, ctx.athlete.level);
    let window = p.window();
    let items = &ctx.items;
    for (i, a) in items.iter().enumerate() {
        check_item(a, &mut |h| {
            out.add(h.rule, h.severity, &[a.day], &[a.idx], item_message(ctx, a), "Move the plyometrics to a day without heavy lifting, or make the session a PAP complex")
        });
        for b in &items[i + 1..] {
            if b.start - a.end >= window {
                break;
            }
            check_pair(a, b, &p, &mut |h| {
                let (msg, fix) = describe(ctx, a, b, &h);
                out.add(
                    h.rule,
                    h.severity,
                    &[a.day, b.day],
                    &[a.idx, b.idx],
                    msg,
                    fix,
                );
            });
        }
    }
    days(ctx, out);
}

fn name(ctx: &Ctx, it: &Item) -> String {
    let s = ctx.session(it);
    format!("{} ({})", s.kind, it.kind.name())
}

fn item_message(ctx: &Ctx, a: &Item) -> String {
    format!(
        "{} on {} holds plyometric exercises: plyometrics on a heavy-lifting day",
        name(ctx, a),
        fmt_day(a.day)
    )
}

/// Message and fix for a pair hit.
pub fn describe(ctx: &Ctx, a: &Item, b: &Item, h: &Hit) -> (String, String) {
    let (ka, kb) = (ctx.session(a).kind, ctx.session(b).kind);
    let gap = fmt_hours(h.gap);
    let need = fmt_hours(h.need);
    let next_day = DAY_NAMES[weekday(b.day + 1)];
    match (h.rule, h.what) {
        (_, What::Overlap) => (
            format!(
                "{ka} {}–{} overlaps {kb} starting {}",
                fmt_abs(a.start),
                fmt_abs(a.end),
                fmt_abs(b.start)
            ),
            format!(
                "Give one of them a later `start`, at least {} after the other ends",
                fmt_hours(p_gap(ctx))
            ),
        ),
        ("R-SEP-24H", _) | ("R-SEP-48H", _) => (
            format!(
                "{ka} ends {}; {kb} starts {}: {gap} apart, needs {}",
                fmt_abs(a.end),
                fmt_abs(b.start),
                // the rule's hours; `need` is the threshold after the tolerance
                fmt_hours(h.need + (ctx.config.get("R-SEP-24H", "tolerance_h") * 60.0) as i32)
            ),
            format!(
                "Move the {} to {} or later, or lift after the {} on {} instead (R-STACK)",
                kb.name(),
                next_day,
                kb.name(),
                DAY_NAMES[weekday(b.day)]
            ),
        ),
        ("R-STACK", What::LiftFirst) => (
            format!(
                "{ka} at {} comes before {kb} at {}: heavy lifting before a hard run",
                fmt_abs(a.start),
                fmt_abs(b.start)
            ),
            format!(
                "Run first and lift at least {} later, or move the lift to another day",
                fmt_hours(p_stack(ctx))
            ),
        ),
        ("R-STACK", _) => (
            format!(
                "{kb} starts {gap} after {ka} ends on {}; needs {need}",
                fmt_day(a.day)
            ),
            format!(
                "Start the {} at {} or later",
                kb.name(),
                fmt_abs(a.end + h.need)
            ),
        ),
        ("R-LIGHT-FIRST", What::NotLight) => (
            format!(
                "{ka} before {kb} on {}: only light/dynamic work may come before a hard run",
                fmt_day(a.day)
            ),
            format!(
                "Do the {} after the run (≥ {} later), or make it STR_LIGHT/STR_ISO",
                ka.name(),
                fmt_hours(p_stack(ctx))
            ),
        ),
        ("R-LIGHT-FIRST", What::TooManySets) => (
            format!(
                "{ka} before {kb} on {}: {} lower-body sets, {} of them below RIR 4 (light work allows ≤ 6 sets, all at RIR ≥ 4)",
                fmt_day(a.day),
                a.lower_sets,
                if a.hard_lower_sets == u16::MAX {
                    a.lower_sets
                } else {
                    a.hard_lower_sets
                }
            ),
            "Cut the lower-body work to 6 sets or fewer at RIR ≥ 4, or move it after the run"
                .to_string(),
        ),
        ("R-LIGHT-FIRST", _) => (
            format!(
                "{ka} ends {}; {kb} starts {}: {gap} apart, needs {need}",
                fmt_abs(a.end),
                fmt_abs(b.start)
            ),
            format!(
                "Start the {} at {} or later",
                kb.name(),
                fmt_abs(a.end + h.need)
            ),
        ),
        ("R-MICRO", _) => (
            format!(
                "Microdose and run {gap} apart on {} (needs {need}: the other end of the day)",
                fmt_day(a.day)
            ),
            "Put the microdose at the other end of the day from the run".to_string(),
        ),
        ("R-PLYO-DAY", _) => (
            format!(
                "Plyometrics on heavy-lifting day {}: {ka} and {kb}",
                fmt_day(a.day)
            ),
            "Move the plyometrics to a hard-run day's PM, or replace both with a STR_PAP complex"
                .to_string(),
        ),
        ("R-LONG-AFTER-HEAVY", What::LiftAfterLong) => (
            format!(
                "{kb} after the long run on {}: beginners should not lift hard on long-run days",
                fmt_day(a.day)
            ),
            "Move the lift to another day, at least 2 days before the next long run".to_string(),
        ),
        ("R-LONG-AFTER-HEAVY", _) => (
            format!(
                "Long run {} is the day after {ka} ({})",
                fmt_day(b.day),
                fmt_abs(a.start)
            ),
            "Lift at least 2 days before the long run, or move the long run".to_string(),
        ),
        ("R-GAP-DAY", What::EasyBeforeHeavy) => (
            format!(
                "{ka} directly before {kb} on {} ({gap} apart): allowed for a short easy run",
                fmt_day(a.day)
            ),
            "Fine as a warm-up; keep the run easy and under 45 min".to_string(),
        ),
        _ => (
            format!(
                "{ka} and {kb} on {} are {gap} apart; a hard session needs {need}",
                fmt_day(a.day)
            ),
            format!(
                "Start the {} at {} or later, or move it to another day",
                kb.name(),
                fmt_abs(a.end + h.need)
            ),
        ),
    }
}

fn p_gap(ctx: &Ctx) -> i32 {
    (ctx.config.get("R-GAP-DAY", "hours") * 60.0) as i32
}
fn p_stack(ctx: &Ctx) -> i32 {
    (ctx.config.get("R-STACK", "hours") * 60.0) as i32
}

fn days(ctx: &Ctx, out: &mut Out) {
    if ctx.items.is_empty() {
        return;
    }
    let level = ctx.athlete.level;
    let mut prev: Option<(i32, DayFacts)> = None;
    let mut run_len = 0; // consecutive hard days so far
    let mut run_start = 0;
    // whether every hard day of the run is hard only by its races, and what it was reported as
    let mut run_races = true;
    let mut reported: Option<Severity> = None;
    for day in ctx.first_day..=ctx.last_day {
        let items = ctx.day_items(day);
        let f = DayFacts::of(items);
        if f.main_sessions > 2 {
            let idx: Vec<u32> = items
                .iter()
                .filter(|i| !i.has(flag::ADD_ON))
                .map(|i| i.idx)
                .collect();
            out.add(
                "R-GAP-DAY",
                Severity::Error,
                &[day],
                &idx,
                format!(
                    "{} main sessions on {} (at most 2; add-ons excepted)",
                    f.main_sessions,
                    fmt_day(day)
                ),
                "Move one session to another day, or attach it to another as a short add-on",
            );
        }
        if let Some((pd, pf)) = prev
            && pf.combined
            && pd + 1 == day
        {
            for it in items.iter().filter(|i| !i.has(flag::EASY_OK)) {
                out.add("R-EASY-AFTER", Severity::Error, &[pd, day], &[it.idx],
                    format!("Day after combined day {} has {}", fmt_day(pd), ctx.session(it).kind),
                    format!("Keep {} easy (rest, recovery or easy run, mobility, upper body); move the {} to {} or later",
                        fmt_day(day), it.kind.name(), DAY_NAMES[weekday(day + 1)]));
            }
        }
        // consecutive hard days
        if f.hard {
            if run_len == 0 {
                run_start = day;
                run_races = true;
                reported = None;
            }
            run_len += 1;
            run_races &= items
                .iter()
                .filter(|i| i.has(flag::HARD | flag::LONG))
                .all(|i| i.kind == Kind::RunRace);
            let limit = if level == Level::Beginner { 1 } else { 2 };
            // A beginner's races on consecutive days are the athlete's calendar, not training:
            // a warning (docs/rules/group-a.md); a hard session next to them stays an error.
            let (sev, who) = match level {
                Level::Beginner if run_races => (
                    Severity::Warning,
                    "beginners: no two in a row; races, so keep the days around them easy",
                ),
                Level::Beginner => (Severity::Error, "beginners: no two in a row"),
                _ => (Severity::Warning, "at most 2 in a row"),
            };
            let worse = reported.is_none_or(|r| r == Severity::Warning && sev == Severity::Error);
            if run_len > limit && worse {
                reported = Some(sev);
                let idx: Vec<u32> = (run_start..=day)
                    .flat_map(|d| {
                        ctx.day_items(d)
                            .iter()
                            .filter(|i| i.has(flag::HARD | flag::LONG))
                            .map(|i| i.idx)
                    })
                    .collect();
                out.add(
                    "R-HARD-DAYS",
                    sev,
                    &(run_start..=day).collect::<Vec<_>>(),
                    &idx,
                    format!(
                        "{} consecutive hard days {}–{} ({who})",
                        run_len,
                        fmt_day(run_start),
                        fmt_day(day)
                    ),
                    format!("Make {} an easy or rest day", fmt_day(day)),
                );
            }
        } else {
            run_len = 0;
        }
        prev = Some((day, f));
    }
    // per-week caps and rest days, scaled to the days a short week holds (§7 C3)
    let (cap, rest_need) = match level {
        Level::Beginner => (3, 2),
        Level::Intermediate => (4, 1),
        Level::Advanced => (5, 1),
    };
    for w in &ctx.weeks {
        let held = w.days_held();
        let cap_w = (cap * held + 6) / 7; // ceil
        let rest_w = rest_need * held / 7; // floor
        let mut hard_days = Vec::new();
        let mut hard_idx = Vec::new();
        let mut rest_days = 0;
        for day in w.first_day..=w.last_day {
            let items = ctx.day_items(day);
            let f = DayFacts::of(items);
            if f.hard {
                hard_days.push(day);
                hard_idx.extend(
                    items
                        .iter()
                        .filter(|i| i.has(flag::HARD | flag::LONG))
                        .map(|i| i.idx),
                );
            }
            let restful = if level == Level::Beginner {
                f.rest
            } else {
                f.recovery
            };
            if restful {
                rest_days += 1;
            }
        }
        if hard_days.len() as i32 > cap_w {
            out.add(
                "R-HARD-DAYS",
                Severity::Error,
                &hard_days,
                &hard_idx,
                format!(
                    "{} hard days in the week of {} (cap {cap_w} for a {level})",
                    hard_days.len(),
                    fmt_day(w.monday)
                ),
                "Stack strength onto hard-run days (run AM, lift PM) or make a day easy",
            );
        }
        if rest_days < rest_w {
            let (sev, what) = if level == Level::Beginner {
                (Severity::Error, "rest days")
            } else {
                (Severity::Warning, "rest or recovery days")
            };
            let days: Vec<i32> = (w.first_day..=w.last_day).collect();
            out.add(
                "R-HARD-DAYS",
                sev,
                &days,
                &[],
                format!(
                    "{rest_days} {what} in the week of {} (needs {rest_w})",
                    fmt_day(w.monday)
                ),
                "Turn the easiest day into a rest day (mobility at most)",
            );
        }
    }
}
