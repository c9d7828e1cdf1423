//! Group C of rulebook §3 (phases, races, taper): R-PHASE, R-INSEASON, R-TAPER-A, R-TAPER-B,
//! and R-TAPER-C (R-POST-RACE is group G's v2, `group_g/race/post_race.rs`), each over the weeks it governs (`Ctx::gov`, §7 C14's precedence).
//! This file holds the measurements the rules share; the decisions taken where the rulebook is
//! silent are in docs/rules/group-c.md.

mod phase;
mod season;
mod taper;

use runlift_model::Kind;
use runlift_model::plan::ExerciseRx;
use runlift_model::profile::{Level, Priority};

use crate::ctx::{Ctx, RaceInfo};
use crate::finding::Out;
use crate::item::{Item, flag};
use crate::phases::Gov;

pub fn check(ctx: &Ctx, out: &mut Out) {
    phase::check(ctx, &ctx.gov, out);
    season::check(ctx, &ctx.gov, out);
    taper::check(ctx, out);
    taper::check_c(ctx, &ctx.gov, out);
}

/// The day R-BEGIN's introductory weeks end for a new lifter or a beginner (counted from the
/// plan's first strength session), or None when R-BEGIN does not apply.
fn begin_end(ctx: &Ctx) -> Option<i32> {
    (matches!(
        ctx.athlete.lifting,
        runlift_model::profile::Lifting::None | runlift_model::profile::Lifting::Lt3mo
    ) || ctx.athlete.beginner())
    .then(|| ctx.items.iter().find(|i| i.has(flag::STRENGTH)))
    .flatten()
    .map(|first| first.day + (ctx.config.get("R-BEGIN", "weeks") * 7.0).round() as i32)
}

/// Items whose day lies in `lo..=hi` (a slice of the time-sorted items).
pub(crate) fn items_between<'c>(ctx: &'c Ctx, lo: i32, hi: i32) -> &'c [Item] {
    let a = ctx.items.partition_point(|i| i.day < lo);
    let b = ctx.items.partition_point(|i| i.day <= hi);
    &ctx.items[a..b.max(a)]
}

/// Running volume of some items.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Vol {
    minutes: u32,
    metres: f64,
    /// Every run gives `distance_m`.
    all_dist: bool,
    runs: u32,
    hi: u32,
}

/// Running volume of `items`, leaving out the session `skip` (a race being measured around).
pub(crate) fn run_volume(ctx: &Ctx, items: &[Item], skip: Option<u32>) -> Vol {
    let mut v = Vol {
        all_dist: true,
        ..Vol::default()
    };
    for it in items
        .iter()
        .filter(|i| i.has(flag::RUN) && Some(i.idx) != skip)
    {
        // Races are not training volume (as for R-RUN-RAMP and R-DELOAD): another race inside a
        // taper or cut-back counts as a run and a hard one, not as running time or distance
        // (docs/rules/group-c.md).
        if it.kind == Kind::RunRace {
            v.runs += 1;
            v.hi += 1;
            continue;
        }
        let s = ctx.session(it);
        v.minutes += u32::from(s.minutes);
        match s.distance_m {
            Some(d) => v.metres += d,
            None => v.all_dist = false,
        }
        if it.kind != Kind::RunStrides {
            v.runs += 1;
        }
        if it.has(flag::HI_RUN) {
            v.hi += 1;
        }
    }
    v
}

/// The two volumes on one scale (§7 C9: minutes unless every run gives a distance), with the
/// unit's name.
pub(crate) fn volumes(a: &Vol, b: &Vol) -> (f64, f64, &'static str) {
    if a.all_dist && b.all_dist && a.runs > 0 && b.runs > 0 {
        (a.metres / 1000.0, b.metres / 1000.0, "km")
    } else {
        (f64::from(a.minutes), f64::from(b.minutes), "min")
    }
}

/// Absolute start minute of a race: its RUN_RACE session, or the day's AM slot.
fn race_start(ctx: &Ctx, r: &RaceInfo) -> i32 {
    match r.session {
        Some(idx) => ctx.items[ctx.pos[idx as usize]].start,
        None => {
            let am = ctx.athlete.profile.as_ref().map_or(7 * 60, |p| p.times.am);
            r.day * 1440 + i32::from(am)
        }
    }
}

/// "the A race (half) on Sun 11 Apr".
fn race_label(r: &RaceInfo) -> String {
    let p = match r.priority {
        Priority::A => "A",
        Priority::B => "B",
        Priority::C => "C",
    };
    format!(
        "the {p} race ({}) on {}",
        r.distance,
        crate::time::fmt_day(r.day)
    )
}

/// A lower-body strength session as R-STR-FREQ counts it (§7 C10), or any intense lower lift.
fn counted_strength(it: &Item) -> bool {
    it.has(flag::STR_COUNT) || it.has(flag::INT_STR_L)
}

/// The last full loading week that ends before `day` and holds no A or B race: the "normal"
/// week that tapers and cut-backs are measured against.
pub(crate) fn baseline_week(ctx: &Ctx, day: i32) -> Option<usize> {
    let last = ctx.week_of(day - 1)?;
    (0..=last).rev().take(8).find(|&w| {
        let wk = &ctx.weeks[w];
        wk.last_day < day
            && wk.loading()
            && wk.days_held() == 7
            && !ctx
                .races
                .iter()
                .any(|r| r.priority != Priority::C && r.day >= wk.first_day && r.day <= wk.last_day)
    })
}

/// Plyometric contacts of one exercise (§7 C16): `contacts`, else one per rep, else 5 a set (the
/// low end of a plyometric set); `a-skip` and `high-knees` drills of ≤ 30 s are warm-up (C17).
fn contacts_of(ex: &ExerciseRx) -> u32 {
    let e = ex.id.get();
    if !e.is_plyo() {
        return 0;
    }
    if matches!(e.id.as_str(), "a-skip" | "high-knees") && ex.hold_s.is_some_and(|h| h <= 30) {
        return 0;
    }
    match (ex.contacts, ex.reps) {
        (Some(c), _) => c,
        (None, Some(r)) => u32::from(ex.sets) * u32::from(r),
        (None, None) => u32::from(ex.sets) * 5,
    }
}

/// R-PLYO-VOL's per-session cap in base and preparation (40/80/120, × 0.75 at high mileage):
/// the "preparation cap" of R-INSEASON and the ceiling of R-PHASE's contact targets (§7 C18).
fn plyo_cap(ctx: &Ctx) -> f64 {
    let c = match ctx.athlete.level {
        Level::Beginner => 40.0,
        Level::Intermediate => 80.0,
        Level::Advanced => 120.0,
    };
    if ctx.athlete.high_mileage {
        c * 0.75
    } else {
        c
    }
}

/// Fraction of 1RM and reps in reserve of one exercise (§7 C6).
fn intensity_of(ctx: &Ctx, ex: &ExerciseRx) -> runlift_model::intensity::Intensity {
    runlift_model::intensity::intensity(ex, ctx.athlete.one_rm(ex.id))
}

/// `lo × days/7` rounded: a short week's share of a weekly minimum (§7 C3).
fn scaled_min(lo: u32, days: i32) -> u32 {
    (f64::from(lo) * f64::from(days) / 7.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_weeks_scale_minimums() {
        assert_eq!(scaled_min(1, 7), 1);
        assert_eq!(scaled_min(1, 4), 1);
        assert_eq!(scaled_min(1, 3), 0);
        assert_eq!(scaled_min(2, 3), 1);
        assert_eq!(scaled_min(2, 1), 0);
    }
}
