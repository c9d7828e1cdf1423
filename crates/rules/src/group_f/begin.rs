//! R-BEGIN (a new lifter's or beginner's introductory weeks and one new modality per two weeks)
//! and R-NEW-STR-RACE (no race in the first weeks of lifting).

use runlift_model::Kind;
use runlift_model::intensity;
use runlift_model::library::ExKind;
use runlift_model::profile::{Level, Priority};

use super::{new_lifter, real_plyo};
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

pub fn check(ctx: &Ctx, out: &mut Out) {
    let a = &ctx.athlete;
    let new = new_lifter(a.lifting);
    if new || a.beginner() {
        intro_weeks(ctx, out);
        modalities(ctx, out, new);
    }
    if new {
        race_after_first_lift(ctx, out);
    }
}

/// One problem of an exercise in the introductory weeks: (is it an error, text, fix).
struct Problem {
    error: bool,
    text: String,
    fix: String,
}

fn intro_weeks(ctx: &Ctx, out: &mut Out) {
    let Some(first) = ctx.items.iter().find(|i| i.has(flag::STRENGTH)) else {
        return;
    };
    let weeks = ctx.config.get("R-BEGIN", "weeks");
    let end = first.day + (weeks * 7.0).round() as i32;
    let mut no_load: Vec<&Item> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for it in ctx.items.iter().take_while(|i| i.day < end) {
        if !it.has(flag::STRENGTH) {
            continue;
        }
        let s = ctx.session(it);
        let week_no = (it.day - first.day) / 7 + 1;
        problems.clear();
        if matches!(it.kind, Kind::StrPlyo | Kind::StrPap) {
            problems.push(Problem {
                error: true,
                text: format!("{} is plyometric work", s.kind),
                fix: format!(
                    "replace the {} with STR_HYP or STR_LIGHT (stable exercises)",
                    s.kind
                ),
            });
        }
        let mut missing_load = false;
        for ex in &s.exercises {
            let e = ex.id.get();
            if real_plyo(ex) {
                if !matches!(it.kind, Kind::StrPlyo | Kind::StrPap) {
                    problems.push(Problem {
                        error: true,
                        text: format!("{} is plyometric", e.id),
                        fix: format!("drop {} until week {}", e.id, weeks as i32 + 1),
                    });
                }
                continue;
            }
            if e.eccentric() {
                problems.push(Problem {
                    error: true,
                    text: format!("{} is eccentric (Nordic) work", e.id),
                    fix: format!(
                        "replace {} with a glute bridge or Romanian deadlift at RIR ≥ 3",
                        e.id
                    ),
                });
                continue;
            }
            if e.level != Level::Beginner {
                let alt = e.regression.as_deref().unwrap_or("a level-B variation");
                problems.push(Problem {
                    error: true,
                    text: format!("{} is an {}-level exercise (level B only)", e.id, e.level),
                    fix: format!("use {alt} instead of {}", e.id),
                });
            }
            if !e.is(ExKind::Strength) {
                continue;
            }
            if ex.sets > 3 {
                problems.push(Problem {
                    error: true,
                    text: format!("{} has {} sets (2–3)", e.id, ex.sets),
                    fix: format!("cut {} to 3 sets", e.id),
                });
            } else if ex.sets < 2 {
                problems.push(Problem {
                    error: false,
                    text: format!("{} has {} set (2–3)", e.id, ex.sets),
                    fix: format!("give {} 2 sets", e.id),
                });
            }
            if let Some(r) = ex.reps {
                if r < 8 {
                    problems.push(Problem {
                        error: true,
                        text: format!("{} has {r} reps (8–12)", e.id),
                        fix: format!("use 8–12 reps of {} at a lighter load", e.id),
                    });
                } else if r > 12 {
                    problems.push(Problem {
                        error: false,
                        text: format!("{} has {r} reps (8–12)", e.id),
                        fix: format!("add load to {} and do 8–12 reps", e.id),
                    });
                }
            }
            let i = intensity::intensity(ex, ctx.athlete.one_rm(ex.id));
            match i.rir {
                // The RTS inversion works on a 0.05 grid: allow for it.
                Some(rir) if rir < 2.9 => problems.push(Problem {
                    error: true,
                    text: format!(
                        "{} is at RPE {:.1} (RIR {:.1}); at most RPE 7 (RIR ≥ 3)",
                        e.id,
                        10.0 - rir,
                        rir
                    ),
                    fix: format!("lighten {} to RIR 3 or more", e.id),
                }),
                Some(_) => {}
                None => missing_load |= i.pct.is_none(),
            }
            if let Some(t) = ex.tempo.as_deref()
                && let Some(lower) = t
                    .split('-')
                    .next()
                    .and_then(|x| x.trim().parse::<f64>().ok())
                && lower < 2.0
            {
                problems.push(Problem {
                    error: true,
                    text: format!("{} lowers in {lower} s (2–3 s)", e.id),
                    fix: format!("lower {} over 2–3 s (tempo 3-1-1)", e.id),
                });
            }
        }
        if missing_load {
            no_load.push(it);
        }
        if problems.is_empty() {
            continue;
        }
        let error = problems.iter().any(|p| p.error);
        let text: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
        let fix: Vec<&str> = problems.iter().map(|p| p.fix.as_str()).collect();
        let mut fix = fix.join("; ");
        if let Some(c) = fix.get(..1) {
            fix = c.to_uppercase() + &fix[1..];
        }
        out.add(
            "R-BEGIN",
            if error {
                Severity::Error
            } else {
                Severity::Warning
            },
            &[it.day],
            &[it.idx],
            format!(
                "{} on {}, week {week_no} of lifting (first {} weeks: stable level-B exercises, 2–3 × 8–12 at RPE ≤ 7, no plyometrics or Nordics): {}",
                s.kind,
                fmt_day(it.day),
                weeks as i32,
                text.join("; ")
            ),
            fix,
        );
    }
    if !no_load.is_empty() {
        let days: Vec<i32> = no_load.iter().map(|i| i.day).collect();
        let idx: Vec<u32> = no_load.iter().map(|i| i.idx).collect();
        out.add(
            "R-BEGIN",
            Severity::Info,
            &days,
            &idx,
            format!(
                "{} strength session(s) in the first {} weeks give exercises without a load, so RPE ≤ 7 cannot be checked",
                no_load.len(),
                weeks as i32
            ),
            "Give each exercise `rir = 3` (or `rpe`, `pct_1rm`, `kg`)",
        );
    }
}

/// A modality's first appearance: (day, name, session).
type Debut = (i32, &'static str, Option<u32>);

fn modalities(ctx: &Ctx, out: &mut Out, new: bool) {
    // First appearances, found in one pass: strength (new lifters), plyometrics, hill repeats
    // (beginner runners), microdosing.
    let mut firsts: [Option<&Item>; 4] = [None; 4];
    const NAMES: [&str; 4] = ["strength", "plyometrics", "hill repeats", "microdosing"];
    let hills = ctx.athlete.beginner();
    for it in &ctx.items {
        let is_str = it.has(flag::STRENGTH);
        let plyo_kind = matches!(it.kind, Kind::StrPlyo | Kind::StrPap);
        let found = [
            new && is_str && !plyo_kind && it.kind != Kind::StrMicro,
            firsts[1].is_none()
                && (plyo_kind || (is_str && ctx.session(it).exercises.iter().any(real_plyo))),
            hills && it.kind == Kind::RunHill,
            it.kind == Kind::StrMicro,
        ];
        for (slot, hit) in firsts.iter_mut().zip(found) {
            if hit && slot.is_none() {
                *slot = Some(it);
            }
        }
        let wanted = [new, true, hills, true];
        if firsts.iter().zip(wanted).all(|(f, w)| f.is_some() || !w) {
            break;
        }
    }
    let mut debuts: Vec<Debut> = firsts
        .iter()
        .zip(NAMES)
        .filter_map(|(f, name)| f.map(|it| (it.day, name, Some(it.idx))))
        .collect();
    if let Some(tc) = ctx
        .athlete
        .profile
        .as_ref()
        .and_then(|p| p.technique_change.as_ref())
    {
        let d = crate::time::day_number(tc.start_date);
        if d >= ctx.first_day - 13 && d <= ctx.last_day {
            debuts.push((d, "technique change", None));
        }
    }
    debuts.sort_by_key(|(d, _, _)| *d);
    for pair in debuts.windows(2) {
        let ((d0, n0, s0), (d1, n1, s1)) = (pair[0], pair[1]);
        if d1 - d0 >= 14 {
            continue;
        }
        let sessions: Vec<u32> = [s0, s1].into_iter().flatten().collect();
        out.add(
            "R-BEGIN",
            Severity::Error,
            &[d0, d1],
            &sessions,
            format!(
                "Two new modalities within two weeks: {n0} starts {}, {n1} starts {} ({} days apart; one per 2 weeks)",
                fmt_day(d0),
                fmt_day(d1),
                d1 - d0
            ),
            format!(
                "Start the {n1} on {} or later, or start the {n0} earlier",
                fmt_day(d0 + 14)
            ),
        );
    }
}

fn race_after_first_lift(ctx: &Ctx, out: &mut Out) {
    let Some(first) = ctx
        .items
        .iter()
        .find(|i| i.has(flag::STRENGTH) && i.has(flag::LOWER))
    else {
        return;
    };
    let weeks = ctx.config.get("R-NEW-STR-RACE", "weeks");
    let window = (weeks * 7.0).round() as i32;
    for r in &ctx.races {
        let race_item = r.session.map(|i| &ctx.items[ctx.pos[i as usize]]);
        let after = match race_item {
            Some(ri) => ri.start >= first.end,
            None => r.day > first.day,
        };
        if !after || r.day - first.day >= window {
            continue;
        }
        let sev = if r.priority == Priority::C {
            Severity::Info
        } else {
            Severity::Warning
        };
        let sessions: Vec<u32> = std::iter::once(first.idx).chain(r.session).collect();
        out.add(
            "R-NEW-STR-RACE",
            sev,
            &[first.day, r.day],
            &sessions,
            format!(
                "{} race on {} is {} days after the first strength session ({}, {}): new lifters' legs stay heavy for weeks (window {} wk)",
                r.priority,
                fmt_day(r.day),
                r.day - first.day,
                ctx.session(first).kind,
                fmt_day(first.day),
                weeks as i32
            ),
            format!(
                "Start lifting on {} or earlier, or after the race",
                fmt_day(r.day - window)
            ),
        );
    }
}
