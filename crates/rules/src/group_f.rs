//! Group F (special populations, modes, tests, inputs): R-BEGIN, R-NEW-STR-RACE, R-HIGHMILE,
//! R-STR-SHARE, R-MICRO (all but the same-day run gap, which `pair` checks), R-TECH-RAMP, R-TEST
//! and R-INPUTS. Decisions where the rulebook is silent are in `docs/rules/group-f.md`.

mod begin;
mod inputs;
mod technique;
mod testing;

use runlift_model::Kind;
use runlift_model::library::{ExKind, Exercise};
use runlift_model::plan::{ExerciseRx, Phase};
use runlift_model::profile::Lifting;

use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{DAY_NAMES, fmt_day, weekday};

pub fn check(ctx: &Ctx, out: &mut Out) {
    begin::check(ctx, out);
    high_mileage(ctx, out);
    strength_share(ctx, out);
    micro(ctx, out);
    technique::check(ctx, out);
    testing::check(ctx, out);
    inputs::check(ctx, out);
}

/// `lifting = "none"` or `"lt3mo"` (§7 C22).
fn new_lifter(l: Lifting) -> bool {
    matches!(l, Lifting::None | Lifting::Lt3mo)
}

/// An exercise that is working sets (not only a warm-up or mobility drill).
fn working(e: &Exercise) -> bool {
    e.kinds.iter().any(|k| {
        matches!(
            k,
            ExKind::Strength | ExKind::Plyo | ExKind::Iso | ExKind::Core | ExKind::Test
        )
    })
}

/// A warm-up drill that C17 does not count as plyometric work (`a-skip`, `high-knees`, ≤ 30 s).
fn warmup_drill(ex: &ExerciseRx) -> bool {
    let e = ex.id.get();
    e.is(ExKind::Warmup) && ex.hold_s.is_none_or(|s| s <= 30)
}

/// Plyometric work that counts as such (warm-up drills excepted).
fn real_plyo(ex: &ExerciseRx) -> bool {
    ex.id.get().is_plyo() && !warmup_drill(ex)
}

/// A weekly minutes cap scaled to the days a short week holds (§7 C3), rounded up to 0.1.
fn scaled_cap(cap: f64, w: &Week) -> f64 {
    (cap * f64::from(w.days_held()) / 7.0 * 10.0).ceil() / 10.0
}

/// A weekly count cap scaled to the days a short week holds (§7 C3), rounded up.
fn scaled_count(cap: i32, w: &Week) -> i32 {
    (cap * w.days_held() + 6) / 7
}

/// Strength time for R-STR-SHARE and R-HIGHMILE: every STR_* session but upper-body/core work
/// (STR_UC), which does not compete with running for the legs.
fn counts_as_strength(it: &Item) -> bool {
    it.has(flag::STRENGTH) && it.kind != Kind::StrUc
}

fn strength_minutes(ctx: &Ctx, w: &Week) -> u32 {
    ctx.week_items(w)
        .iter()
        .filter(|i| counts_as_strength(i))
        .map(|i| i.minutes() as u32)
        .sum()
}

fn label(ctx: &Ctx, it: &Item) -> String {
    format!("{} on {}", ctx.session(it).kind, fmt_day(it.day))
}

// ---------------------------------------------------------------------------------------------
// R-HIGHMILE

fn high_mileage(ctx: &Ctx, out: &mut Out) {
    for w in &ctx.weeks {
        let planned_high = w.runs_have_distance && w.run_metres >= 80_000.0;
        if !(ctx.athlete.high_mileage || planned_high) {
            continue;
        }
        let why = if ctx.athlete.high_mileage {
            "the profile's weekly_km ≥ 80".to_string()
        } else {
            format!("{:.0} km of running planned", w.run_metres / 1000.0)
        };
        let items = ctx.week_items(w);
        let mut counted: Vec<&Item> = Vec::new();
        for it in items {
            if it.has(flag::STR_COUNT) || it.kind == Kind::StrPlyo {
                counted.push(it);
            }
            if !it.has(flag::STRENGTH) || it.kind == Kind::StrUc {
                continue;
            }
            let s = ctx.session(it);
            if it.kind == Kind::StrHyp && it.has(flag::LOWER) {
                out.add(
                    "R-HIGHMILE",
                    Severity::Error,
                    &[it.day],
                    &[it.idx],
                    format!(
                        "Lower-body STR_HYP on {} at high mileage ({why}): heavy work, not hypertrophy",
                        fmt_day(it.day)
                    ),
                    format!(
                        "Make the {} session STR_HEAVY: 2–4 × 3–6 at 80–90% 1RM, fewer sets, long rests",
                        fmt_day(it.day)
                    ),
                );
            }
            let n_ex = s.exercises.iter().filter(|x| working(x.id.get())).count();
            if n_ex > 4 {
                out.add(
                    "R-HIGHMILE",
                    Severity::Error,
                    &[it.day],
                    &[it.idx],
                    format!(
                        "{} has {n_ex} exercises; at high mileage ({why}) the cap is 4",
                        label(ctx, it)
                    ),
                    format!(
                        "Drop {} accessory exercise(s) from the {} session on {}",
                        n_ex - 4,
                        s.kind,
                        fmt_day(it.day)
                    ),
                );
            }
            if it.lower_sets > 10 {
                out.add(
                    "R-HIGHMILE",
                    Severity::Error,
                    &[it.day],
                    &[it.idx],
                    format!(
                        "{} has {} lower-body working sets; at high mileage ({why}) the cap is 10",
                        label(ctx, it),
                        it.lower_sets
                    ),
                    format!(
                        "Cut {} lower-body set(s) from the {} session on {} (e.g. one set fewer per exercise)",
                        it.lower_sets - 10,
                        s.kind,
                        fmt_day(it.day)
                    ),
                );
            }
        }
        let cap = scaled_count(2, w);
        if counted.len() as i32 > cap {
            let days: Vec<i32> = counted.iter().map(|i| i.day).collect();
            let idx: Vec<u32> = counted.iter().map(|i| i.idx).collect();
            let last = counted[counted.len() - 1];
            out.add(
                "R-HIGHMILE",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "{} strength sessions in the week of {}; at high mileage ({why}) the cap is {}",
                    counted.len(),
                    fmt_day(w.monday),
                    cap
                ),
                format!(
                    "Drop the {} on {} or merge it into another session (2 a week at most)",
                    ctx.session(last).kind,
                    fmt_day(last.day)
                ),
            );
        }
        let min_cap = scaled_cap(90.0, w);
        let minutes = strength_minutes(ctx, w);
        if f64::from(minutes) > min_cap {
            let str_items: Vec<&Item> = items.iter().filter(|i| counts_as_strength(i)).collect();
            let days: Vec<i32> = str_items.iter().map(|i| i.day).collect();
            let idx: Vec<u32> = str_items.iter().map(|i| i.idx).collect();
            out.add(
                "R-HIGHMILE",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "{minutes} min of strength in the week of {}; at high mileage ({why}) the cap is {} min",
                    fmt_day(w.monday),
                    fmt_num(min_cap)
                ),
                format!(
                    "Cut {} min of strength this week (shorten sessions or drop accessories)",
                    (f64::from(minutes) - min_cap).ceil()
                ),
            );
        }
    }
}

fn fmt_num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    }
}

// ---------------------------------------------------------------------------------------------
// R-STR-SHARE

fn strength_share(ctx: &Ctx, out: &mut Out) {
    let pct = ctx.config.get("R-STR-SHARE", "pct");
    let p = pct / 100.0;
    for w in &ctx.weeks {
        // Transition weeks are unstructured; a partial week of ≤ 3 days says little about a share.
        let minutes = strength_minutes(ctx, w);
        if w.phase == Phase::Transition || w.days_held() < 4 || minutes == 0 {
            continue;
        }
        let (s, t) = (f64::from(minutes), f64::from(w.total_minutes));
        if s <= p * t + 1e-9 {
            continue;
        }
        let items: Vec<&Item> = ctx
            .week_items(w)
            .iter()
            .filter(|i| counts_as_strength(i))
            .collect();
        let days: Vec<i32> = items.iter().map(|i| i.day).collect();
        let idx: Vec<u32> = items.iter().map(|i| i.idx).collect();
        let cut = ((s - p * t) / (1.0 - p)).ceil();
        let add_run = (s / p - t).ceil();
        let longest = items.iter().max_by_key(|i| (i.minutes(), -i.start));
        let what = longest.map_or_else(String::new, |i| {
            format!(" (e.g. shorten the {})", label(ctx, i))
        });
        out.add(
            "R-STR-SHARE",
            Severity::Warning,
            &days,
            &idx,
            format!(
                "Strength is {:.0}% of training time in the week of {} ({} of {} min; limit {}%)",
                100.0 * s / t,
                fmt_day(w.monday),
                minutes,
                w.total_minutes,
                fmt_num(pct)
            ),
            format!("Cut strength by {cut} min{what}, or add {add_run} min of easy running"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// R-MICRO (the same-day gap to a run is checked in `pair`)

fn micro(ctx: &Ctx, out: &mut Out) {
    for it in ctx.items.iter().filter(|i| i.kind == Kind::StrMicro) {
        let s = ctx.session(it);
        let sets: u32 = s
            .exercises
            .iter()
            .filter(|x| working(x.id.get()))
            .map(|x| u32::from(x.sets))
            .sum();
        if !s.exercises.is_empty() && !(6..=12).contains(&sets) {
            let fix = if sets < 6 {
                format!(
                    "Add {} set(s) to the microdose on {} (about 9 sets, 6–12), or fold it into another day",
                    6 - sets,
                    fmt_day(it.day)
                )
            } else {
                format!(
                    "Cut {} set(s) from the microdose on {} and spread them over other days",
                    sets - 12,
                    fmt_day(it.day)
                )
            };
            out.add(
                "R-MICRO",
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "Microdose on {} has {sets} working sets (6–12, about 9)",
                    fmt_day(it.day)
                ),
                fix,
            );
        }
        if s.minutes > 20 {
            out.add(
                "R-MICRO",
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "Microdose on {} lasts {} min (at most 20)",
                    fmt_day(it.day),
                    s.minutes
                ),
                format!(
                    "Shorten it to 20 min (cut {} min), or make it a regular strength session",
                    s.minutes - 20
                ),
            );
        }
    }
    if !ctx.athlete.microdose {
        return;
    }
    for w in &ctx.weeks {
        if matches!(w.phase, Phase::Taper | Phase::Race | Phase::Transition) {
            continue;
        }
        let items = ctx.week_items(w);
        if !items
            .iter()
            .any(|i| i.has(flag::STRENGTH) && i.kind != Kind::StrUc)
        {
            continue;
        }
        let mut days: Vec<i32> = Vec::new();
        for it in items.iter().filter(|i| i.kind == Kind::StrMicro) {
            if days.last() != Some(&it.day) {
                days.push(it.day);
            }
        }
        let need = scaled_count(5, w);
        if (days.len() as i32) < need {
            let others: Vec<&Item> = items
                .iter()
                .filter(|i| i.has(flag::STRENGTH) && i.kind != Kind::StrMicro)
                .collect();
            let mut all_days = days.clone();
            all_days.extend(others.iter().map(|i| i.day));
            let mut idx: Vec<u32> = items
                .iter()
                .filter(|i| i.kind == Kind::StrMicro)
                .map(|i| i.idx)
                .collect();
            idx.extend(others.iter().map(|i| i.idx));
            let free: Vec<&str> = (w.first_day..=w.last_day)
                .filter(|d| !days.contains(d))
                .map(|d| DAY_NAMES[weekday(d)])
                .take((need as usize).saturating_sub(days.len()))
                .collect();
            out.add(
                "R-MICRO",
                Severity::Warning,
                &all_days,
                &idx,
                format!(
                    "Microdose mode: the week of {} spreads strength over {} day(s) of microdoses (needs {need}–7)",
                    fmt_day(w.monday),
                    days.len()
                ),
                format!(
                    "Split the week's strength sets into ~9-set microdoses (≤ 20 min) and add them on {}",
                    free.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_caps_scale_with_days_held() {
        let w = |first: i32, last: i32| Week {
            monday: 0,
            first_day: first,
            last_day: last,
            phase: Phase::Base,
            deload: false,
            labelled: false,
            items: 0..0,
            run_minutes: 0,
            run_metres: 0.0,
            race_minutes: 0,
            race_metres: 0.0,
            runs_have_distance: true,
            strength_minutes: 0,
            total_minutes: 0,
        };
        assert_eq!(scaled_count(2, &w(0, 6)), 2);
        assert_eq!(scaled_cap(90.0, &w(0, 6)), 90.0);
        // 3 days of 7: 2 × 3/7 = 0.857… → 1 session, 90 × 3/7 = 38.57… → 38.6 min,
        // 5 microdose days × 3/7 = 2.14… → 3 days
        assert_eq!(scaled_count(2, &w(4, 6)), 1);
        assert_eq!(scaled_cap(90.0, &w(4, 6)), 38.6);
        assert_eq!(scaled_count(5, &w(4, 6)), 3);
        assert_eq!(scaled_count(5, &w(6, 6)), 1);
    }
}
