//! Plyometric rules: R-PAP (the heavy set, rest and explosive analogue of each complex; rounds by
//! level; none in taper), R-PLYO-GATE (§7 C17: strength weeks before plyometrics, low intensity
//! first, high intensity last, library levels) and R-PLYO-VOL (§7 C16, C18: contacts a session by
//! level and phase, ≤ 2 exposures a week, ≥ 48 h apart, primers only in taper).

use runlift_model::Kind;
use runlift_model::intensity::intensity;
use runlift_model::library::{ExId, Tier};
use runlift_model::plan::{ExerciseRx, Phase, Session};
use runlift_model::profile::Level;

use super::{Env, contacts, counted_plyo, join_and, rx, strength, tier};
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{fmt_day, fmt_hours};

/// Exposures of one week at most, and their least spacing (hours).
const EXPOSURES_A_WEEK: usize = 2;
const EXPOSURE_GAP_H: i32 = 48;
/// Tolerance on the 48 h spacing, as R-SEP-24H's: a PM session to a PM session two days later
/// passes.
const EXPOSURE_TOLERANCE_H: i32 = 2;
/// Taper primers: at most this many low-tier contacts (R-TAPER-A).
const PRIMER_CONTACTS: u32 = 20;
/// Weeks holding low-tier work before high-tier plyometrics (intermediate and advanced).
const LOW_WEEKS_BEFORE_HIGH: u32 = 4;
/// Weeks of low-tier-only plyometrics for athletes lifting < 6 months.
const LOW_ONLY_WEEKS: u32 = 3;

pub fn check(ctx: &Ctx, env: &Env, out: &mut Out) {
    for it in &ctx.items {
        let s = ctx.session(it);
        if it.kind == Kind::StrPap || s.exercises.iter().any(|x| x.pair.is_some()) {
            pap(ctx, env, s, it, out);
        }
        if exposure(it, s) {
            volume(ctx, env, s, it, out);
        }
    }
    spacing(ctx, out);
    gate(ctx, out);
}

/// A plyometric or PAP exposure: STR_PLYO, STR_PAP, or a session holding counted plyometrics.
fn exposure(it: &Item, s: &Session) -> bool {
    matches!(it.kind, Kind::StrPlyo | Kind::StrPap) || s.exercises.iter().any(counted_plyo)
}

// ---------------------------------------------------------------------------------------- PAP

/// The complexes of a session as (heavy, explosive) exercise indexes: each exercise naming a
/// `pair`; in a STR_PAP session without `pair`, each strength exercise with the next plyometric
/// exercise after it.
fn complexes(s: &Session) -> Vec<(usize, Option<usize>)> {
    let ex = &s.exercises;
    let named: Vec<(usize, Option<usize>)> = ex
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.pair.map(|p| (i, ex.iter().position(|y| y.id == p))))
        .collect();
    if !named.is_empty() || s.kind != Kind::StrPap {
        return named;
    }
    ex.iter()
        .enumerate()
        .filter(|(_, x)| strength(x.id.get()) && x.id.get().main_lift)
        .filter_map(|(i, _)| {
            let p = ex[i + 1..].iter().position(|y| y.id.get().is_plyo())?;
            Some((i, Some(i + 1 + p)))
        })
        .collect()
}

fn rounds_cap(level: Level) -> u32 {
    match level {
        Level::Beginner => 0,
        Level::Intermediate => 4,
        Level::Advanced => 6,
    }
}

fn pap(ctx: &Ctx, env: &Env, s: &Session, it: &Item, out: &mut Out) {
    let day = || fmt_day(it.day);
    let cx = complexes(s);
    // A STR_PAP listed without exercises cannot be judged as a complex (only the taper clause).
    if cx.is_empty() && !s.exercises.is_empty() {
        let day = day();
        out.add(
            "R-PAP",
            Severity::Error,
            &[it.day],
            &[it.idx],
            format!(
                "STR_PAP on {day} has no heavy lift followed by an explosive exercise: not a PAP complex"
            ),
            format!(
                "List the heavy lift with `pair = \"<jump>\"` and the jump after it (e.g. rfe-split-squat 4 × 6 @ RIR 2, rest_s = 240, then jumping-lunge 4 × 3), or make the {day} session STR_HEAVY"
            ),
        );
    }
    let rest_min = ctx.config.get("R-PAP", "rest_min");
    let mut rounds = 0u32;
    for (h, p) in &cx {
        let hx = &s.exercises[*h];
        rounds += u32::from(hx.sets);
        let (problems, fixes, unknown) =
            complex_problems(ctx, hx, p.map(|p| &s.exercises[p]), rest_min);
        let pair_name = p
            .map(|p| s.exercises[p].id.code())
            .or(hx.pair.map(ExId::code))
            .unwrap_or("?");
        if !problems.is_empty() {
            let day = day();
            out.add(
                "R-PAP",
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "PAP {} → {pair_name} on {day}: {}",
                    hx.id.code(),
                    problems.join("; ")
                ),
                fixes.join("; "),
            );
        }
        if !unknown.is_empty() {
            let day = day();
            out.add(
                "R-PAP",
                Severity::Info,
                &[it.day],
                &[it.idx],
                format!(
                    "PAP {} → {pair_name} on {day}: {} not given, so the complex cannot be checked fully",
                    hx.id.code(),
                    join_and(&unknown)
                ),
                format!(
                    "Give {} {} (heavy set RIR 1–3, 3–6 reps, rest ≥ {rest_min} min)",
                    hx.id.code(),
                    join_and(&unknown)
                ),
            );
        }
    }
    let cap = rounds_cap(ctx.athlete.level);
    if !cx.is_empty() && rounds > cap {
        let day = day();
        out.add(
            "R-PAP",
            Severity::Error,
            &[it.day],
            &[it.idx],
            format!(
                "PAP on {day}: {rounds} rounds, {} allows {cap}",
                ctx.athlete.level
            ),
            if cap == 0 {
                format!("Replace the PAP complex on {day} with STR_HEAVY (no jumps) or STR_ISO")
            } else {
                format!("Cut the heavy sets on {day} to {cap} in total")
            },
        );
    }
    if env.taper_day(ctx, it.day) {
        let day = day();
        out.add(
            "R-PAP",
            Severity::Error,
            &[it.day],
            &[it.idx],
            format!("PAP on {day} falls in the taper or race week: no PAP in taper"),
            format!(
                "Drop the PAP on {day}, or make it STR_LIGHT/STR_ISO of ≤ 20 min ≥ 48 h before the race"
            ),
        );
    }
}

/// Problems (ERROR), their fixes, and missing facts (INFO) of one complex.
fn complex_problems(
    ctx: &Ctx,
    hx: &ExerciseRx,
    px: Option<&ExerciseRx>,
    rest_min: f64,
) -> (Vec<String>, Vec<String>, Vec<&'static str>) {
    let (mut problems, mut fixes, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    let code = hx.id.code();
    let he = hx.id.get();
    if !strength(he) {
        problems.push(format!("{code} is not a strength lift"));
        fixes.push(format!(
            "Lead the complex with a heavy lift (back-squat, rfe-split-squat) instead of {code}"
        ));
    }
    match px {
        None => {
            problems.push(format!(
                "its pair {} is not listed in the session",
                hx.pair.map_or("?", ExId::code)
            ));
            fixes.push(format!(
                "List {} after {code} with its sets, reps and contacts",
                hx.pair.map_or("the jump", ExId::code)
            ));
        }
        Some(p) if !p.id.get().is_plyo() => {
            problems.push(format!("{} is not an explosive exercise", p.id.code()));
            fixes.push(format!(
                "Pair {code} with its explosive analogue (jump-squat, jumping-lunge, box-jump)"
            ));
        }
        Some(_) => {}
    }
    let rfe = code == "rfe-split-squat";
    let (lo, hi) = if rfe { (5, 10) } else { (3, 6) };
    match hx.reps {
        Some(r) if !(lo..=hi).contains(&r) => {
            problems.push(format!("heavy set of {r} reps (needs {lo}–{hi})"));
            fixes.push(format!("Make {code} {} × {}", hx.sets, r.clamp(lo, hi)));
        }
        Some(_) => {}
        None => unknown.push("reps"),
    }
    let given_rir = hx.rir.or(hx.rpe.map(|r| 10.0 - r));
    let i = intensity(hx, ctx.athlete.one_rm(hx.id));
    // A RIR read off the RTS chart from %1RM is good to half a rep.
    let tol = if given_rir.is_some() { 1e-9 } else { 0.5 };
    match i.rir {
        Some(r) if r < 1.0 - tol || r > 3.0 + tol => {
            let what = if given_rir.is_some() {
                format!("RIR {r}")
            } else {
                format!("about RIR {r:.1} ({})", load_word(hx))
            };
            problems.push(format!("heavy set at {what} (needs RIR 1–3)"));
            fixes.push(format!("Load {code} for RIR 2 (`rir = 2`)"));
        }
        Some(_) => {}
        None => unknown.push("load"),
    }
    let need = rest_min * 60.0;
    match hx.rest_s {
        Some(r) if f64::from(r) < need => {
            problems.push(format!("PAP rest {} (min {rest_min} min)", fmt_rest(r)));
            fixes.push(format!(
                "Rest {} s after each {code} set (`rest_s = {}`)",
                need.max(240.0),
                need.max(240.0)
            ));
        }
        Some(_) => {}
        None => unknown.push("rest_s"),
    }
    if let (Some(p), Some(r)) = (px, hx.reps)
        && let Some(pr) = p.reps
        && pr > r / 2
    {
        problems.push(format!(
            "{} × {pr} jumps after {r} heavy reps (floor({r} ÷ 2) = {})",
            p.id.code(),
            r / 2
        ));
        fixes.push(format!(
            "Cut {} to {} reps a set",
            p.id.code(),
            (r / 2).max(1)
        ));
    }
    (problems, fixes, unknown)
}

fn load_word(x: &ExerciseRx) -> String {
    match (x.kg, x.pct_1rm, x.reps) {
        (Some(kg), _, Some(r)) => format!("{kg} kg × {r}"),
        (_, Some(p), Some(r)) => format!("{p} % × {r}"),
        _ => rx(x),
    }
}

fn fmt_rest(s: u32) -> String {
    if s.is_multiple_of(60) {
        format!("{} min", s / 60)
    } else {
        format!("{s} s")
    }
}

// ------------------------------------------------------------------------------------- Volume

/// Contacts and tiers of a session's counted plyometrics.
struct Contacts {
    total: u32,
    estimated: bool,
    above_low: bool,
}

fn session_contacts(s: &Session) -> Contacts {
    let mut c = Contacts {
        total: 0,
        estimated: false,
        above_low: false,
    };
    for x in &s.exercises {
        if counted_plyo(x) {
            let (n, est) = contacts(x);
            c.total += n;
            c.estimated |= est;
            if tier(x) > Tier::Low {
                c.above_low = true;
            }
        } else if let Some(p) = x.pair
            && !s.exercises.iter().any(|y| y.id == p)
        {
            // A complex whose jumps are not listed: floor(reps ÷ 2) a set.
            let per = u32::from(x.reps.unwrap_or(6) / 2).max(1);
            c.total += u32::from(x.sets) * per;
            c.estimated = true;
        }
    }
    c
}

fn base_cap(level: Level) -> f64 {
    match level {
        Level::Beginner => 40.0,
        Level::Intermediate => 80.0,
        Level::Advanced => 120.0,
    }
}

fn cap(ctx: &Ctx, phase: Phase) -> u32 {
    let mut c = base_cap(ctx.athlete.level);
    if matches!(phase, Phase::Peak | Phase::InSeason) {
        c *= 0.5;
    }
    if ctx.athlete.high_mileage {
        c *= 0.75;
    }
    c.floor() as u32
}

/// How the cap was reached, for the message.
fn cap_why(ctx: &Ctx, phase: Phase) -> String {
    let mut why = format!("{} {}", ctx.athlete.level, base_cap(ctx.athlete.level));
    if matches!(phase, Phase::Peak | Phase::InSeason) {
        why = format!("{why} × 0.5 ({})", phase.word());
    }
    if ctx.athlete.high_mileage {
        why.push_str(" × 0.75 (high mileage)");
    }
    why
}

fn volume(ctx: &Ctx, env: &Env, s: &Session, it: &Item, out: &mut Out) {
    if s.exercises.is_empty() {
        return;
    }
    let c = session_contacts(s);
    let day = || fmt_day(it.day);
    let est = if c.estimated {
        " (estimated from sets × reps where `contacts` is not given)"
    } else {
        ""
    };
    if env.taper_day(ctx, it.day) {
        if c.total > PRIMER_CONTACTS || c.above_low {
            let day = day();
            let mut what = Vec::new();
            if c.total > PRIMER_CONTACTS {
                what.push(format!("{} contacts{est}", c.total));
            }
            if c.above_low {
                let names: Vec<&str> = s
                    .exercises
                    .iter()
                    .filter(|x| counted_plyo(x) && tier(x) > Tier::Low)
                    .map(|x| x.id.code())
                    .collect();
                what.push(format!("{} above low intensity", join_and(&names)));
            }
            out.add(
                "R-PLYO-VOL",
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {day} in taper/race week: {}; taper allows primers only (≤ {PRIMER_CONTACTS} low-intensity contacts)",
                    s.kind,
                    what.join(", ")
                ),
                format!(
                    "Keep at most {PRIMER_CONTACTS} contacts of pogo-hops or a-skip on {day}, or drop the plyometrics"
                ),
            );
        }
        return;
    }
    let phase = ctx
        .week_of(it.day)
        .map_or(Phase::Base, |w| ctx.weeks[w].phase);
    let cap = cap(ctx, phase);
    if c.total > cap {
        let day = day();
        let why = cap_why(ctx, phase);
        out.add(
            "R-PLYO-VOL",
            Severity::Error,
            &[it.day],
            &[it.idx],
            format!(
                "{} on {day}: {} contacts{est} > cap {cap} ({why})",
                s.kind, c.total
            ),
            format!(
                "Cut {} contacts from the {} on {day} (fewer sets or reps)",
                c.total - cap,
                s.kind
            ),
        );
    }
}

/// ≤ 2 exposures a week and ≥ 48 h between consecutive exposures.
fn spacing(ctx: &Ctx, out: &mut Out) {
    let mut last: Option<&Item> = None;
    for w in &ctx.weeks {
        let mut n = 0usize;
        for it in ctx.week_items(w) {
            if !exposure(it, ctx.session(it)) {
                continue;
            }
            n += 1;
            if let Some(a) = last {
                let gap = it.start - a.end;
                if gap < (EXPOSURE_GAP_H - EXPOSURE_TOLERANCE_H) * 60 {
                    out.add(
                        "R-PLYO-VOL",
                        Severity::Error,
                        &[a.day, it.day],
                        &[a.idx, it.idx],
                        format!(
                            "{} on {} and {} on {} are {} apart: plyometric/PAP exposures need {EXPOSURE_GAP_H} h",
                            a.kind,
                            fmt_day(a.day),
                            it.kind,
                            fmt_day(it.day),
                            fmt_hours(gap.max(0))
                        ),
                        format!(
                            "Move the {} to {} or later",
                            it.kind,
                            fmt_day(a.day + 2)
                        ),
                    );
                }
            }
            last = Some(it);
        }
        if n > EXPOSURES_A_WEEK {
            let its: Vec<&Item> = ctx
                .week_items(w)
                .iter()
                .filter(|it| exposure(it, ctx.session(it)))
                .collect();
            let days: Vec<i32> = its.iter().map(|i| i.day).collect();
            let idxs: Vec<u32> = its.iter().map(|i| i.idx).collect();
            out.add(
                "R-PLYO-VOL",
                Severity::Error,
                &days,
                &idxs,
                format!(
                    "Week of {}: {n} plyometric/PAP exposures (max {EXPOSURES_A_WEEK})",
                    fmt_day(w.monday)
                ),
                format!(
                    "Keep two plyometric/PAP sessions this week and take the jumps out of the {} on {}",
                    its[its.len() - 1].kind,
                    fmt_day(its[its.len() - 1].day)
                ),
            );
        }
    }
}

// --------------------------------------------------------------------------------------- Gate

/// Strength weeks needed before plyometrics (R-PLYO-GATE).
fn gate_weeks(ctx: &Ctx) -> f64 {
    match ctx.athlete.level {
        Level::Beginner => ctx.config.get("R-PLYO-GATE", "weeks_beginner"),
        Level::Intermediate if ctx.athlete.lifting.at_least_6mo() => 0.0,
        Level::Intermediate => 3.0,
        Level::Advanced => 0.0,
    }
}

fn gate(ctx: &Ctx, out: &mut Out) {
    let need = gate_weeks(ctx);
    let experienced = ctx.athlete.lifting.at_least_6mo();
    // Strength weeks completed before each week: a week with ≥ 2 strength sessions (scaled to the
    // days a short week holds, at least 1) counts as days_held/7 of a week.
    let mut done = 0.0f64;
    let mut done_at: Vec<f64> = Vec::with_capacity(ctx.weeks.len() + 1);
    for w in &ctx.weeks {
        done_at.push(done);
        let n = ctx
            .week_items(w)
            .iter()
            .filter(|i| i.has(flag::STR_COUNT))
            .count() as f64;
        let want = (2.0 * f64::from(w.days_held()) / 7.0).round().max(1.0);
        if n >= want {
            done += f64::from(w.days_held()) / 7.0;
        }
    }
    let mut plyo_weeks = 0u32; // weeks holding STR_PLYO or STR_PAP so far (§7 C17)
    let mut low_weeks = 0u32; // earlier weeks holding counted low-tier work
    for (wi, w) in ctx.weeks.iter().enumerate() {
        let items = ctx.week_items(w);
        let holds_plyo_kind = items
            .iter()
            .any(|i| matches!(i.kind, Kind::StrPlyo | Kind::StrPap));
        if holds_plyo_kind {
            plyo_weeks += 1;
        }
        let low_only = !experienced && holds_plyo_kind && plyo_weeks <= LOW_ONLY_WEEKS;
        let mut low_here = false;
        for it in items {
            let s = ctx.session(it);
            if !exposure(it, s) {
                continue;
            }
            let mut why: Vec<String> = Vec::new();
            let mut fix: Vec<String> = Vec::new();
            if done_at[wi] + 1e-9 < need {
                let ready = done_at
                    .iter()
                    .position(|d| *d + 1e-9 >= need)
                    .map(|k| fmt_day(ctx.weeks[k].monday));
                let done = done_at[wi].floor();
                why.push(format!(
                    "plyometrics after {done:.0} strength week{} ({} needs {need:.0} weeks of ≥ 2 strength sessions)",
                    if done == 1.0 { "" } else { "s" },
                    ctx.athlete.level
                ));
                fix.push(match ready {
                    Some(d) => format!("Start plyometrics in the week of {d}; until then use STR_ISO or STR_LIGHT"),
                    None => "Build twice-weekly strength first; replace the plyometrics with STR_ISO or STR_LIGHT".into(),
                });
            }
            let mut above = Vec::new();
            let mut high = Vec::new();
            let mut level = Vec::new();
            for x in s.exercises.iter().filter(|x| counted_plyo(x)) {
                let t = tier(x);
                low_here |= t == Tier::Low;
                if t > Tier::Low {
                    above.push(x.id.code());
                }
                if t == Tier::High {
                    high.push(x.id.code());
                }
                if x.id.get().level > ctx.athlete.level {
                    level.push(x.id.code());
                }
            }
            if low_only && !above.is_empty() {
                why.push(format!(
                    "{} in plyometric week {plyo_weeks} (the first {LOW_ONLY_WEEKS} are low intensity only)",
                    join_and(&above)
                ));
                fix.push(format!(
                    "Use pogo-hops, box-jump or mini-hurdle-hops instead of {}",
                    join_and(&above)
                ));
            }
            // Beginners meet high-tier work through the library levels below (bounding and
            // drop jumps are intermediate and advanced exercises).
            if !high.is_empty() && !ctx.athlete.beginner() && low_weeks < LOW_WEEKS_BEFORE_HIGH {
                why.push(format!(
                    "{} after {low_weeks} week{} of low-intensity plyometrics (needs {LOW_WEEKS_BEFORE_HIGH})",
                    join_and(&high),
                    if low_weeks == 1 { "" } else { "s" }
                ));
                fix.push(format!(
                    "Replace {} with frog-jumps or box-jump until {LOW_WEEKS_BEFORE_HIGH} weeks of low-intensity work are done",
                    join_and(&high)
                ));
            }
            if !level.is_empty() {
                why.push(format!(
                    "{} is above the {} level in the library",
                    join_and(&level),
                    ctx.athlete.level
                ));
                fix.push(format!(
                    "Use a {}-level exercise (pogo-hops, box-jump) instead of {}",
                    ctx.athlete.level,
                    join_and(&level)
                ));
            }
            if why.is_empty() {
                continue;
            }
            out.add(
                "R-PLYO-GATE",
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!("{} on {}: {}", s.kind, fmt_day(it.day), why.join("; ")),
                fix.join("; "),
            );
        }
        if low_here {
            low_weeks += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_by_level() {
        assert_eq!(rounds_cap(Level::Beginner), 0);
        assert_eq!(rounds_cap(Level::Intermediate), 4);
        assert_eq!(rounds_cap(Level::Advanced), 6);
    }
}
