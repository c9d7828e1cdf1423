//! R-INSEASON: in-season weeks (labelled, derived, or between two races ≤ 8 weeks apart; not
//! peak, taper, race or transition weeks, not weeks that R-TAPER-A/B/C govern) keep strength
//! sets ≤ 60 % of the preparation weeks', hold ≥ 1 heavy exposure, never go to failure, and keep
//! plyometric contacts ≤ 50 % of the preparation cap.

use runlift_model::Kind;
use runlift_model::Regions;
use runlift_model::library::ExKind;
use runlift_model::library::library;
use runlift_model::plan::Phase;
use runlift_model::profile::{InjuryStatus, Level};

use super::{Gov, contacts_of, counted_strength, intensity_of, plyo_cap, scaled_min};
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{day_number, fmt_day, monday_of};

const RULE: &str = "R-INSEASON";

/// Weekly lower-body working sets of a preparation week when the plan has none to measure:
/// two STR_HEAVY sessions of about four lower-body exercises × 3 sets (§4.3), advanced adding
/// PAP rounds.
fn default_prep_sets(level: Level) -> f64 {
    match level {
        Level::Beginner | Level::Intermediate => 24.0,
        Level::Advanced => 28.0,
    }
}

/// Mean lower-body working sets of the plan's full loading preparation weeks.
fn prep_sets(ctx: &Ctx, gov: &[Gov]) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u32);
    for (w, week) in ctx.weeks.iter().enumerate() {
        if week.phase == Phase::Preparation
            && gov[w] == Gov::Phase
            && week.loading()
            && week.days_held() == 7
        {
            sum += ctx
                .week_items(week)
                .iter()
                .map(|i| f64::from(i.lower_sets))
                .sum::<f64>();
            n += 1;
        }
    }
    // Preparation weeks without lower-body work measure nothing (a cap of 0 would forbid the
    // heavy exposure this rule asks for): the typical week stands in, as when there are none.
    (n > 0 && sum > 0.0).then(|| sum / f64::from(n))
}

/// Does a session hold a heavy exposure: a lower-body set at ≥ 80 % 1RM (given or derived from
/// reps and RIR, §7 C6), or at RIR ≤ 3 when the reps are unknown; a STR_HEAVY or STR_PAP whose
/// loads are not given counts (missing loads are INFO elsewhere, C6).
fn heavy_exposure(ctx: &Ctx, it: &Item) -> bool {
    if !it.has(flag::LOWER) || !it.has(flag::STRENGTH) {
        return false;
    }
    let s = ctx.session(it);
    let heavy_kind = matches!(it.kind, Kind::StrHeavy | Kind::StrPap);
    if s.exercises.is_empty() {
        return heavy_kind;
    }
    s.exercises.iter().any(|ex| {
        let e = ex.id.get();
        if !e.lower_body() || !e.is(ExKind::Strength) {
            return false;
        }
        let i = intensity_of(ctx, ex);
        match (i.pct, i.rir) {
            (Some(p), _) => p >= 0.795,
            (None, Some(r)) => r <= 3.0,
            (None, None) => heavy_kind,
        }
    })
}

/// Can the athlete do a heavy exposure at all: does the library hold the lower-body strength
/// exercises for it at their level, with their equipment, not on an actively injured region,
/// and only level-B work on a recovering one (R-INPUTS)? In microdose mode one such lift will
/// do (a heavy dose); otherwise a STR_HEAVY needs a hinge and a knee-dominant lift
/// (R-EX-PATTERNS). Without a profile, assume so.
fn heavy_possible(ctx: &Ctx) -> bool {
    let Some(p) = &ctx.athlete.profile else {
        return true;
    };
    let (mut active, mut recovering) = (Regions::NONE, Regions::NONE);
    for i in &p.injuries {
        match i.status {
            InjuryStatus::Active => active = active.with(i.region),
            InjuryStatus::Recovering => recovering = recovering.with(i.region),
        }
    }
    let level = ctx.athlete.level;
    let usable = |e: &&runlift_model::library::Exercise| {
        e.lower_body()
            && e.is(ExKind::Strength)
            && !e.is_plyo()
            && e.level <= level
            && e.available_with(p.equipment)
            && !e.regions.intersects(active)
            && (!e.regions.intersects(recovering) || e.level == Level::Beginner)
    };
    let mut usable = library().exercises.iter().filter(usable);
    if p.microdose {
        // a heavy microdose needs one such lift
        usable.next().is_some()
    } else {
        // a STR_HEAVY needs a hinge and a knee-dominant lift (R-EX-PATTERNS)
        let (mut hinge, mut knee) = (false, false);
        for e in usable {
            hinge |= e.hinge;
            knee |= e.knee_dominant;
        }
        hinge && knee
    }
}

pub(super) fn check(ctx: &Ctx, gov: &[Gov], out: &mut Out) {
    if !gov.contains(&Gov::InSeason) {
        return;
    }
    let pct = ctx.config.get(RULE, "sets_pct");
    let (prep, measured) = match prep_sets(ctx, gov) {
        Some(s) => (s, true),
        None => (default_prep_sets(ctx.athlete.level), false),
    };
    let cap = (prep * pct / 100.0 - 1e-9).ceil().max(0.0) as u32;
    let plyo = plyo_cap(ctx) * 0.5;
    // A heavy exposure is asked only when the athlete's equipment and injuries leave a
    // lower-body strength exercise to do it with (docs/rules/group-c.md).
    let possible = heavy_possible(ctx);
    // R-BEGIN's window for a new lifter or a beginner: from the first strength session.
    let begin_end = super::begin_end(ctx);
    for (w, week) in ctx.weeks.iter().enumerate() {
        if gov[w] != Gov::InSeason {
            continue;
        }
        let items = ctx.week_items(week);
        let head = format!("in-season week of {}", fmt_day(week.monday));
        // sets
        let sets: u32 = items.iter().map(|i| u32::from(i.lower_sets)).sum();
        if sets > cap {
            let str_items: Vec<&Item> = items.iter().filter(|i| i.lower_sets > 0).collect();
            let ids: Vec<u32> = str_items.iter().map(|i| i.idx).collect();
            let days: Vec<i32> = str_items.iter().map(|i| i.day).collect();
            let basis = if measured {
                format!("the preparation weeks' mean of {prep:.0}")
            } else {
                format!(
                    "the {prep:.0} of a typical preparation week (the plan has none to measure)"
                )
            };
            out.add(
                RULE,
                Severity::Error,
                &days,
                &ids,
                format!(
                    "{head}: {sets} lower-body working sets, more than {pct:.0} % of {basis} ({cap})"
                ),
                format!(
                    "Cut {} sets from the week's strength sessions (to {cap} or fewer): 1–2 sets per main lift in season",
                    sets - cap
                ),
            );
        }
        // heavy exposure (not in R-BEGIN's introductory weeks, which cap effort at RPE 7:
        // docs/rules/group-c.md)
        let need = scaled_min(1, week.days_held());
        let intro = begin_end.is_some_and(|end| week.first_day < end);
        // A deload keeps the last loading week's loads (R-DELOAD): it owes a heavy exposure
        // only when that week had one.
        let deload_excused = week.deload
            && (0..w)
                .rev()
                .find(|&k| ctx.weeks[k].loading())
                .is_none_or(|k| {
                    !ctx.week_items(&ctx.weeks[k])
                        .iter()
                        .any(|i| heavy_exposure(ctx, i))
                });
        if need > 0
            && !intro
            && possible
            && !deload_excused
            && !items.iter().any(|i| heavy_exposure(ctx, i))
        {
            let lifts: Vec<u32> = items
                .iter()
                .filter(|i| counted_strength(i))
                .map(|i| i.idx)
                .collect();
            // A plan that left the week's lift out and says why in `[[dropped]]` is a reduced
            // plan, not a broken one: a warning (docs/rules/group-c.md).
            let explained = ctx.plan.dropped.iter().find(|d| {
                monday_of(day_number(d.week)) == week.monday
                    && matches!(
                        d.kind,
                        Kind::StrHeavy
                            | Kind::StrPap
                            | Kind::StrMicro
                            | Kind::StrHyp
                            | Kind::StrLight
                            | Kind::StrIso
                    )
            });
            out.add(
                RULE,
                if explained.is_some() {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                &[week.first_day],
                &lifts,
                format!(
                    "{head}: no heavy exposure (a lower-body lift at ≥ 80 % 1RM or RIR 2–3){}",
                    explained.map_or(String::new(), |d| format!(
                        "; the plan left its {} out ({}: {})",
                        d.kind, d.rule, d.reason
                    ))
                ),
                "Keep one STR_HEAVY a week in season: e.g. back-squat 2 × 3–5 @ 80–85 % on an easy day ≥ 48 h before the next hard run",
            );
        }
        // failure
        for it in items.iter().filter(|i| i.has(flag::STRENGTH)) {
            let fails: Vec<&str> = ctx
                .session(it)
                .exercises
                .iter()
                .filter(|ex| {
                    !ex.id.get().is_plyo()
                        && ex.hold_s.is_none()
                        && intensity_of(ctx, ex).rir.is_some_and(|r| r < 0.25)
                })
                .map(|ex| ex.id.code())
                .collect();
            if !fails.is_empty() {
                out.add(
                    RULE,
                    Severity::Error,
                    &[it.day],
                    &[it.idx],
                    format!(
                        "{head}: {} on {} goes to failure (RIR 0 / RPE 10): {}",
                        it.kind,
                        fmt_day(it.day),
                        fails.join(", ")
                    ),
                    format!(
                        "Stop {} at RIR 2–3 (RPE 7–8) on {}",
                        fails.join(", "),
                        fmt_day(it.day)
                    ),
                );
            }
        }
        // plyometrics
        for it in items.iter().filter(|i| i.has(flag::STRENGTH)) {
            let c: u32 = ctx.session(it).exercises.iter().map(contacts_of).sum();
            if f64::from(c) > plyo + 1e-9 {
                out.add(
                    RULE,
                    Severity::Error,
                    &[it.day],
                    &[it.idx],
                    format!(
                        "{head}: {c} plyometric contacts in the {} on {}, in season ≤ {plyo:.0} (50 % of the preparation cap {:.0})",
                        it.kind,
                        fmt_day(it.day),
                        plyo * 2.0
                    ),
                    format!(
                        "Cut the plyometric work on {} to {plyo:.0} contacts or fewer",
                        fmt_day(it.day)
                    ),
                );
            }
        }
    }
}
