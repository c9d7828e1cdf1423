//! R-EX-PATTERNS: every lower-body heavy, hypertrophy or light session holds a hinge and a
//! knee-dominant lift (ERROR); each loading week holds calf work, anti-rotation and
//! anti-extension core, glute activation in the warm-ups of hard lower-body sessions, enough
//! compound and unilateral work (WARN); each mesocycle holds straight- and bent-knee calf raises
//! (WARN).

use runlift_model::Kind;

use super::{ANTI_EXT, ANTI_ROT, CALF, Env, GLUTE, join_and, strength, traits, warmup_len};
use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

const ID: &str = "R-EX-PATTERNS";
const CALF_SETS: f64 = 2.0;
const COMPOUND_SHARE: f64 = 0.70;
const UNILATERAL_SHARE: f64 = 0.50;
const UNILATERAL_SHARE_BEGINNER: f64 = 0.30;

pub fn check(ctx: &Ctx, env: &Env, out: &mut Out) {
    for it in &ctx.items {
        session(ctx, it, out);
    }
    for w in &ctx.weeks {
        if w.loading() {
            week(ctx, w, out);
        }
    }
    for (k, m) in env.mesos.iter().enumerate() {
        // The plan's last mesocycle is judged only when it is complete (ends with a deload);
        // otherwise the missing variant may still come after the plan's end.
        // One-week fragments (a phase label changing after a week) are not mesocycles.
        let closed = k + 1 < env.mesos.len() || ctx.weeks[m.end - 1].deload;
        if closed && m.len() >= 2 {
            meso(ctx, m.clone(), out);
        }
    }
}

/// A session that lifts with the lower body (the weekly clauses apply to weeks holding one).
fn lifting(it: &Item) -> bool {
    it.has(flag::STR_COUNT) || (it.kind == Kind::StrMicro && it.has(flag::LOWER))
}

fn session(ctx: &Ctx, it: &Item, out: &mut Out) {
    if !matches!(it.kind, Kind::StrHeavy | Kind::StrHyp | Kind::StrLight) || !it.has(flag::LOWER) {
        return;
    }
    let s = ctx.session(it);
    if s.exercises.is_empty() {
        return;
    }
    let (mut hinge, mut knee) = (false, false);
    for x in &s.exercises {
        let e = x.id.get();
        hinge |= strength(e) && e.hinge;
        knee |= strength(e) && e.knee_dominant;
    }
    let mut missing = Vec::new();
    let mut add = Vec::new();
    if !hinge {
        missing.push("hinge");
        add.push("a hinge (romanian-deadlift or single-leg-rdl, 3 × 6)");
    }
    if !knee {
        missing.push("knee-dominant lift");
        add.push("a knee-dominant lift (split-squat or goblet-squat, 3 × 6)");
    }
    if missing.is_empty() {
        return;
    }
    out.add(
        ID,
        Severity::Error,
        &[it.day],
        &[it.idx],
        format!(
            "{} on {} has no {}: a lower-body session needs at least one hinge and one knee-dominant lift",
            s.kind,
            fmt_day(it.day),
            join_and(&missing)
        ),
        format!(
            "Add {} to the {} on {}",
            join_and(&add),
            s.kind,
            fmt_day(it.day)
        ),
    );
}

/// A weekly target scaled to the days a short week holds (§7 C3), rounded to whole units.
fn scaled(target: f64, w: &Week) -> f64 {
    (target * f64::from(w.days_held()) / 7.0).round()
}

fn week(ctx: &Ctx, w: &Week, out: &mut Out) {
    let items = ctx.week_items(w);
    if !items.iter().any(lifting) {
        return;
    }
    let mut calf_sets = 0u32;
    let (mut anti_rot, mut anti_ext) = (false, false);
    let (mut compound, mut working) = (0u32, 0u32);
    let (mut uni, mut lower_ex) = (0u32, 0u32);
    let mut no_glute: Vec<&Item> = Vec::new();
    for it in items {
        let s = ctx.session(it);
        if s.exercises.is_empty() {
            continue;
        }
        let lead = warmup_len(s);
        if it.has(flag::HEAVY_LIFT | flag::INT_STR_L)
            && it.kind != Kind::StrPlyo
            && it.kind != Kind::StrMicro
            && !s.exercises[..lead]
                .iter()
                .any(|x| traits(x.id) & GLUTE != 0)
        {
            no_glute.push(it);
        }
        for (i, x) in s.exercises.iter().enumerate() {
            let e = x.id.get();
            let sets = u32::from(x.sets);
            let t = traits(x.id);
            if t & CALF != 0 {
                calf_sets += sets;
            }
            anti_rot |= t & ANTI_ROT != 0;
            anti_ext |= t & ANTI_EXT != 0;
            if i < lead || !strength(e) {
                continue;
            }
            if t & CALF == 0 {
                working += sets;
                if e.compound {
                    compound += sets;
                }
            }
            if e.lower_body() && e.unilateral != runlift_model::library::Unilateral::Either {
                lower_ex += 1;
                if e.unilateral() {
                    uni += 1;
                }
            }
        }
    }
    let need_calf = scaled(CALF_SETS, w);
    let need_core = scaled(1.0, w) >= 1.0 && (!anti_rot || !anti_ext);
    let share = if ctx.athlete.beginner() {
        UNILATERAL_SHARE_BEGINNER
    } else {
        UNILATERAL_SHARE
    };
    let low_compound = working > 0 && f64::from(compound) < COMPOUND_SHARE * f64::from(working);
    let low_uni = lower_ex > 0 && f64::from(uni) < share * f64::from(lower_ex);
    if f64::from(calf_sets) >= need_calf
        && !need_core
        && no_glute.is_empty()
        && !low_compound
        && !low_uni
    {
        return;
    }
    // Only now, with a finding to word: the week's lifting sessions, its name.
    let lifts: Vec<&Item> = items.iter().filter(|i| lifting(i)).collect();
    let days: Vec<i32> = lifts.iter().map(|i| i.day).collect();
    let idxs: Vec<u32> = lifts.iter().map(|i| i.idx).collect();
    let first = lifts.first().map_or(w.first_day, |i| i.day);
    let wk = format!("week of {}", fmt_day(w.monday));
    if f64::from(calf_sets) < need_calf {
        out.add(
            ID,
            Severity::Warning,
            &days,
            &idxs,
            format!("{wk}: {calf_sets} calf/Achilles sets (needs ≥ {need_calf})"),
            format!(
                "Add {} of straight-knee-calf-raise or bent-knee-calf-raise to the session on {}",
                sets_word(need_calf as u32 - calf_sets.min(need_calf as u32)),
                fmt_day(first)
            ),
        );
    }
    if need_core {
        let mut miss = Vec::new();
        let mut add = Vec::new();
        if !anti_rot {
            miss.push("anti-rotation");
            add.push("pallof-press 2 × 10");
        }
        if !anti_ext {
            miss.push("anti-extension");
            add.push("dead-bug or front-plank 2 × 30 s");
        }
        out.add(
            ID,
            Severity::Warning,
            &days,
            &idxs,
            format!(
                "{wk} has no {} core exercise (needs ≥ 1 of each)",
                join_and(&miss)
            ),
            format!(
                "Add {} to the session on {}",
                join_and(&add),
                fmt_day(first)
            ),
        );
    }
    if !no_glute.is_empty() {
        let d: Vec<i32> = no_glute.iter().map(|i| i.day).collect();
        let s: Vec<u32> = no_glute.iter().map(|i| i.idx).collect();
        let names: Vec<String> = no_glute
            .iter()
            .map(|i| format!("{} on {}", i.kind, fmt_day(i.day)))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        out.add(
            ID,
            Severity::Warning,
            &d,
            &s,
            format!(
                "{wk}: {} warm up without glute activation",
                join_and(&names)
            ),
            "Start each with glute-bridge, single-leg-bridge, clamshell or lateral-band-walk (2 × 10) before the first lift",
        );
    }
    if low_compound {
        let pct = 100.0 * f64::from(compound) / f64::from(working);
        out.add(
            ID,
            Severity::Warning,
            &days,
            &idxs,
            format!(
                "{wk}: compound lifts are {compound} of {working} working sets ({pct:.0} %, needs ≥ 70 %)"
            ),
            format!(
                "Swap an isolation exercise (bridge, hip thrust, Nordic curl) for a squat, lunge, step-up or hinge, or add {} of compound work",
                sets_word(compound_sets_needed(compound, working))
            ),
        );
    }
    if low_uni {
        out.add(
            ID,
            Severity::Warning,
            &days,
            &idxs,
            format!(
                "{wk}: {uni} of {lower_ex} lower-body exercises are single-leg (needs ≥ {:.0} %)",
                share * 100.0
            ),
            "Replace a bilateral lift with split-squat, rfe-split-squat, reverse-lunge, step-up or single-leg-rdl",
        );
    }
}

fn sets_word(n: u32) -> String {
    if n == 1 {
        "1 set".into()
    } else {
        format!("{n} sets")
    }
}

/// Compound sets to add so that compound ≥ 70 % of working sets: c + x ≥ 0.7 (w + x), i.e.
/// 3x ≥ 7w − 10c (integers, so no rounding trouble at the boundary).
fn compound_sets_needed(c: u32, w: u32) -> u32 {
    let deficit = (7 * i64::from(w) - 10 * i64::from(c)).max(1);
    ((deficit + 2) / 3) as u32
}

fn meso(ctx: &Ctx, m: std::ops::Range<usize>, out: &mut Out) {
    let weeks = &ctx.weeks[m];
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return;
    };
    let items = &ctx.items[first.items.start..last.items.end];
    let loads = weeks
        .iter()
        .any(|w| w.loading() && ctx.week_items(w).iter().any(lifting));
    if !loads {
        return;
    }
    let (mut straight, mut bent) = (false, false);
    for it in items {
        for x in &ctx.session(it).exercises {
            match x.id.code() {
                "straight-knee-calf-raise" => straight = true,
                "bent-knee-calf-raise" => bent = true,
                _ => {}
            }
        }
    }
    let mut miss = Vec::new();
    if !straight {
        miss.push("straight-knee-calf-raise");
    }
    if !bent {
        miss.push("bent-knee-calf-raise");
    }
    if miss.is_empty() {
        return;
    }
    out.add(
        ID,
        Severity::Warning,
        &[first.first_day, last.last_day],
        &[],
        format!(
            "Mesocycle {}–{} has no {}: calves need straight- and bent-knee work each mesocycle",
            fmt_day(first.first_day),
            fmt_day(last.last_day),
            join_and(&miss)
        ),
        format!(
            "Add {} (2–3 × 12) to one strength session a week from {}",
            join_and(&miss),
            fmt_day(first.first_day)
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_sets_close_the_gap() {
        // 7 of 13 sets: 3x ≥ 91 − 70 = 21 → x = 7 (14 of 20 = 70 %)
        assert_eq!(compound_sets_needed(7, 13), 7);
        // 6 of 13: 3x ≥ 31 → 11 (17 of 24 = 70.8 %; 10 would give 16 of 23 = 69.6 %)
        assert_eq!(compound_sets_needed(6, 13), 11);
        for (c, w) in [(6u32, 13u32), (0, 5), (5, 9)] {
            let x = compound_sets_needed(c, w);
            assert!(10 * (c + x) >= 7 * (w + x), "{c}/{w} + {x}");
            assert!(
                10 * (c + x - 1) < 7 * (w + x - 1),
                "{c}/{w} + {x} is the least"
            );
        }
    }
}
