//! R-LIGHT-IS-LIGHT (rulebook v2 §8.2): STR_LIGHT, and every strength session in a race's light
//! window, keeps each strength set at ≤ `pct` % of e1RM (65 [50–70]) or RIR ≥ 4 (RPE ≤ 6). The
//! window (docs/rules/group-g.md): an A race's race week, the race day and the six days before
//! it (which hold the last five days of its taper; R-TAPER-A's last heavy session, ≥ 7 days
//! out, is not in it); a B race's last `no_lift_h` hours of R-TAPER-B (72 h: days −3 to 0),
//! where R-TAPER-B already allows no intense lift, so a lift a B race's week keeps 4–6 days out
//! stays the training it is.
//! The linter judges loads, not labels: a STR_LIGHT session heavier than that is STR_HEAVY for
//! every rule (`item::judged_kind`); this rule names its heavy sets.

use runlift_model::Kind;
use runlift_model::library::ExKind;
use runlift_model::plan::ExerciseRx;
use runlift_model::profile::Priority;

use crate::ctx::{Ctx, RaceInfo};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag, light_needs};
use crate::time::fmt_day;

pub const RULE: &str = "R-LIGHT-IS-LIGHT";

/// Reps in reserve from which a set is light whatever its load's reading (RPE ≤ 6).
pub const LIGHT_RIR: f64 = 4.0;

/// Days before an A race that are its race week (the race day is in it too).
pub const RACE_WEEK_DAYS: i32 = 6;

/// Days before a race whose strength must be light (the race day too), by priority: an A race's
/// race week, a B race's R-TAPER-B no-lift hours in whole days; none for C races.
pub fn light_window_days(config: &crate::RuleConfig, priority: Priority) -> Option<i32> {
    match priority {
        Priority::A => Some(RACE_WEEK_DAYS),
        Priority::B => Some((config.get("R-TAPER-B", "no_lift_h") / 24.0).ceil() as i32),
        Priority::C => None,
    }
}

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    let limit = ctx.config.get(RULE, "pct") / 100.0;
    for it in ctx.items.iter().filter(|i| i.has(flag::STRENGTH)) {
        let labelled = ctx.session(it).kind;
        let race = race_week_of(ctx, it.day);
        if labelled != Kind::StrLight && race.is_none() {
            continue;
        }
        let heavy = heavy_sets(ctx, it, limit);
        if heavy.is_empty() {
            continue;
        }
        report(out, it, labelled, race, &heavy, limit);
    }
}

/// The race whose light window holds `day`, the nearest first.
fn race_week_of<'c>(ctx: &'c Ctx, day: i32) -> Option<&'c RaceInfo> {
    ctx.races
        .iter()
        .filter(|r| {
            light_window_days(ctx.config, r.priority)
                .is_some_and(|n| day <= r.day && day >= r.day - n)
        })
        .min_by_key(|r| r.day - day)
}

/// A strength set heavier than light, and what it carries.
struct HeavySet<'s> {
    rx: &'s ExerciseRx,
    /// Its load as a fraction of e1RM.
    pct: f64,
    /// The athlete's e1RM of the exercise, when known (to say the kilograms that are light).
    one_rm: Option<f64>,
}

fn heavy_sets<'c>(ctx: &'c Ctx, it: &Item, limit: f64) -> Vec<HeavySet<'c>> {
    ctx.session(it)
        .exercises
        .iter()
        .filter(|rx| rx.id.get().is(ExKind::Strength))
        .filter_map(|rx| {
            let one_rm = ctx.athlete.one_rm(rx.id);
            let pct = light_needs(rx, one_rm);
            (pct > limit + 1e-9).then_some(HeavySet { rx, pct, one_rm })
        })
        .collect()
}

/// `back-squat 1 × 4 @ 85% 1RM` (`@ 100 kg ≈ 85% e1RM` when given in kilograms).
fn describe(h: &HeavySet) -> String {
    let dose = match h.rx.reps {
        Some(r) => format!("{} × {r}", h.rx.sets),
        None => format!("{} sets", h.rx.sets),
    };
    // (rounded up: a set just over the limit never reads as at it)
    let pct = (h.pct * 100.0).ceil();
    let load = match h.rx.kg {
        Some(kg) if h.one_rm.is_some() => format!("{kg} kg ≈ {pct}% e1RM"),
        _ if h.rx.pct_1rm.is_some() => format!("{pct}% 1RM"),
        _ => {
            let rir = h.rx.rir.or(h.rx.rpe.map(|r| 10.0 - r)).unwrap_or(0.0);
            format!("RIR {rir} ≈ {pct}% e1RM")
        }
    };
    format!("{} {dose} @ {load}", h.rx.id)
}

fn report(
    out: &mut Out,
    it: &Item,
    labelled: Kind,
    race: Option<&RaceInfo>,
    heavy: &[HeavySet],
    limit: f64,
) {
    let sets: Vec<String> = heavy.iter().map(describe).collect();
    let lim = (limit * 100.0).round();
    let light = format!("≤ {lim}% e1RM or RIR ≥ {LIGHT_RIR}");
    let kg_caps: Vec<String> = heavy
        .iter()
        .filter_map(|h| {
            let rm = h.one_rm?;
            Some(format!(
                "{} ≤ {} kg",
                h.rx.id,
                ((rm * limit) * 2.0).floor() / 2.0
            ))
        })
        .collect();
    let caps = if kg_caps.is_empty() {
        String::new()
    } else {
        format!(" ({})", kg_caps.join(", "))
    };
    let when = fmt_day(it.day);
    let (message, fix) = match race {
        Some(r) => (
            format!(
                "{} on {when}, {} day(s) before the {:?} race ({}): {}; strength this close to a race is light ({light})",
                labelled.code(),
                r.day - it.day,
                r.priority,
                r.distance,
                sets.join(", ")
            ),
            format!("Lighten every set to {light}{caps}, or move the heavy work earlier"),
        ),
        None => (
            format!(
                "STR_LIGHT on {when}: {} heavier than light ({light}); it counts as STR_HEAVY for every rule",
                sets.join(", ")
            ),
            format!("Lighten every set to {light}{caps}, or plan it as the STR_HEAVY it is"),
        ),
    };
    out.add(RULE, Severity::Error, &[it.day], &[it.idx], message, fix);
}
