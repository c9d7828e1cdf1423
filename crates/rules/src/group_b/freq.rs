//! R-STR-FREQ (strength sessions a week within the phase's range; 3×/week only after 4 weeks at
//! 2) and R-NO-GAP (never more than 14 days, 21 in transition, without lower-body strength).

use runlift_model::Kind;
use runlift_model::plan::Phase;
use runlift_model::profile::{InjuryStatus, Level, Lifting};

use super::{week_name, where_};
use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

/// Strength sessions a week (§7 C10 counting) by phase and level: rulebook R-STR-FREQ and
/// §4.3, the stricter where they differ. Deload weeks keep the frequency (R-DELOAD).
pub fn range(phase: Phase, level: Level) -> (u32, u32) {
    match (phase, level) {
        (Phase::Base, Level::Beginner) => (2, 2),
        (Phase::Base, _) => (2, 3),
        (Phase::Preparation, Level::Advanced) => (2, 3),
        (Phase::Preparation, _) => (2, 2),
        (Phase::Peak, _) => (1, 2),
        (Phase::InSeason, Level::Beginner) => (1, 1),
        (Phase::InSeason, _) => (1, 2),
        // R-TAPER-A: week −2 holds one session; race week at most a short light one.
        (Phase::Taper, _) => (1, 1),
        (Phase::Race, _) => (0, 1),
        (Phase::Transition, _) => (0, 2),
    }
}

/// A weekly range scaled to the days a short week holds (§7 C3): the floor of the minimum and
/// the ceiling of the maximum, so a short week is never held to more than its share.
fn scaled(r: (u32, u32), w: &Week) -> (u32, u32) {
    let d = w.days_held().clamp(1, 7) as u32;
    (r.0 * d / 7, (r.1 * d).div_ceil(7))
}

pub fn str_freq(ctx: &Ctx, out: &mut Out) {
    let level = ctx.athlete.level;
    // Lifters of more than two years made the 2 → 3 step before the plan.
    let step_checked = ctx.athlete.lifting != Lifting::Gt24mo;
    let mut weeks_at_two = 0u32;
    let mut counted: Vec<&Item> = Vec::new();
    for w in &ctx.weeks {
        counted.clear();
        let mut plyo = 0u32;
        for it in ctx.week_items(w) {
            if it.has(flag::STR_COUNT) {
                counted.push(it);
            } else if it.kind == Kind::StrPlyo {
                plyo += 1;
            }
        }
        let n = counted.len() as u32;
        let (lo, hi) = scaled(range(w.phase, level), w);
        // §4.3's advanced preparation week is 1 HEAVY + 1 PAP/PLYO: a plyometric session fills
        // a slot toward the minimum (never toward the maximum, §7 C10).
        let toward_min = if level == Level::Advanced && w.phase == Phase::Preparation {
            n + plyo
        } else {
            n
        };
        let at_two_before = weeks_at_two;
        let too_early = n >= 3 && step_checked && at_two_before < 4;
        // A week "at 2": at least two sessions, or its share in a short week.
        if n * 7 >= 2 * w.days_held().clamp(1, 7) as u32 {
            weeks_at_two += 1;
        }
        if n <= hi && toward_min >= lo && !too_early {
            continue;
        }
        let who = format!("{} athlete in {}", level_words(level), phase_words(w));
        let (days, idx) = where_(w, &counted);
        if n > hi {
            let drop = lightest(&counted);
            out.add(
                "R-STR-FREQ",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "{n} strength sessions in the {}; {who} does {}",
                    week_name(w),
                    range_words(lo, hi)
                ),
                match drop {
                    Some(it) => format!(
                        "Drop the {} on {} (or make it upper-body/core or mobility work), keeping {hi} lower-body session(s)",
                        it.kind,
                        fmt_day(it.day)
                    ),
                    None => format!("Keep {hi} lower-body strength session(s) this week"),
                },
            );
        } else if toward_min < lo {
            let add = match free_day(ctx, w) {
                Some(d) => format!(" on {}", fmt_day(d)),
                None => String::new(),
            };
            out.add(
                "R-STR-FREQ",
                Severity::Warning,
                &days,
                &idx,
                format!(
                    "{n} lower-body strength session(s) in the {}; {who} does {}",
                    week_name(w),
                    range_words(lo, hi)
                ),
                format!(
                    "Add {} lower-body strength session(s){add}: a 20–30 min STR_LIGHT or STR_ISO fits an easy day",
                    lo - toward_min
                ),
            );
        } else {
            let drop = lightest(&counted);
            out.add(
                "R-STR-FREQ",
                Severity::Warning,
                &days,
                &idx,
                format!(
                    "3×/week too early: {n} strength sessions in the {} after {at_two_before} week(s) at 2 (needs 4 weeks at 2 first)",
                    week_name(w)
                ),
                match drop {
                    Some(it) => format!(
                        "Keep 2 sessions this week: drop the {} on {} (or make it mobility), and step up to 3 after 4 weeks at 2",
                        it.kind,
                        fmt_day(it.day)
                    ),
                    None => "Keep 2 sessions a week for 4 weeks before stepping up to 3".into(),
                },
            );
        }
    }
}

fn level_words(l: Level) -> &'static str {
    match l {
        Level::Beginner => "a beginner",
        Level::Intermediate => "an intermediate",
        Level::Advanced => "an advanced",
    }
}

fn phase_words(w: &Week) -> String {
    if w.deload {
        format!("a {} deload week", w.phase)
    } else {
        format!("a {} week", w.phase)
    }
}

fn range_words(lo: u32, hi: u32) -> String {
    if lo == hi {
        format!("{lo} a week")
    } else {
        format!("{lo}–{hi} a week")
    }
}

/// The session to drop first: the lightest kind, the latest on ties.
fn lightest<'a>(items: &[&'a Item]) -> Option<&'a Item> {
    let rank = |k: Kind| match k {
        Kind::StrIso => 0,
        Kind::StrLight => 1,
        Kind::StrHyp => 2,
        Kind::StrPap => 3,
        _ => 4,
    };
    items
        .iter()
        .copied()
        .min_by_key(|i| (rank(i.kind), std::cmp::Reverse(i.start)))
}

/// A day of the week without hard work whose next day holds no hard run or long run: a place for
/// an added strength session.
fn free_day(ctx: &Ctx, w: &Week) -> Option<i32> {
    (w.first_day..=w.last_day).find(|&d| {
        let today = ctx.day_items(d);
        let tomorrow = ctx.day_items(d + 1);
        !today
            .iter()
            .any(|i| i.has(flag::HARD | flag::LONG | flag::STRENGTH))
            && !tomorrow.iter().any(|i| i.has(flag::HI_RUN | flag::LONG))
    })
}

/// A session that keeps the lower body trained for R-NO-GAP.
fn lower_lift(it: &Item) -> bool {
    it.has(flag::STR_COUNT | flag::INT_STR_L)
}

pub fn no_gap(ctx: &Ctx, out: &mut Out) {
    if ctx.weeks.is_empty() {
        return;
    }
    let limit = ctx.config.get("R-NO-GAP", "days") as i32;
    let limit_transition = limit.max(21);
    // An active lower-body injury excuses the gap (rulebook R-NO-GAP): information only.
    let injured = ctx.athlete.profile.as_ref().is_some_and(|p| {
        p.injuries.iter().any(|i| {
            i.status == InjuryStatus::Active && runlift_model::Regions::of(i.region).has_lower()
        })
    });
    let mut prev: Option<&Item> = None;
    let mut check = |prev: Option<&Item>, next: Option<&Item>| {
        // Days without: strictly between the two lifts; the plan's edges count as lift days.
        let from = prev.map_or(ctx.first_day - 1, |i| i.day);
        let to = next.map_or(ctx.last_day + 1, |i| i.day);
        let gap = to - from - 1;
        if gap <= limit {
            return;
        }
        let transition = touches_transition(ctx, from + 1, to - 1);
        let lim = if transition { limit_transition } else { limit };
        if gap <= lim {
            return;
        }
        let first = prev.map_or(ctx.first_day, |i| i.day);
        let last = next.map_or(ctx.last_day, |i| i.day);
        let idx: Vec<u32> = prev.iter().chain(next.iter()).map(|i| i.idx).collect();
        let start = match prev {
            Some(i) => format!("after the {} on {}", i.kind, fmt_day(i.day)),
            None => format!("from the plan's start on {}", fmt_day(ctx.first_day)),
        };
        let end = match next {
            Some(i) => format!("until the {} on {}", i.kind, fmt_day(i.day)),
            None => format!("to the plan's end on {}", fmt_day(ctx.last_day)),
        };
        let excuse = if injured {
            " (excused: a lower-body injury is active)"
        } else {
            ""
        };
        out.add(
            "R-NO-GAP",
            if injured {
                Severity::Info
            } else {
                Severity::Warning
            },
            &[first, last],
            &idx,
            format!(
                "{gap} days without lower-body strength {start} {end}; the limit is {lim}{}{excuse}",
                if transition { " in transition" } else { "" }
            ),
            if injured {
                "When the injury allows, resume with a short STR_ISO or STR_LIGHT session that spares the injured region".to_string()
            } else {
                format!(
                    "Add a short lower-body STR_LIGHT or STR_ISO session (20–30 min) on or before {}",
                    fmt_day(from + lim + 1)
                )
            },
        );
    };
    for it in ctx.items.iter().filter(|i| lower_lift(i)) {
        check(prev, Some(it));
        prev = Some(it);
    }
    check(prev, None);
}

/// Does any day in `[a, b]` fall in a transition week?
fn touches_transition(ctx: &Ctx, a: i32, b: i32) -> bool {
    if a > b {
        return false;
    }
    let (Some(wa), Some(wb)) = (
        ctx.week_of(a.max(ctx.first_day)),
        ctx.week_of(b.min(ctx.last_day)),
    ) else {
        return false;
    };
    ctx.weeks[wa..=wb]
        .iter()
        .any(|w| w.phase == Phase::Transition)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(first: i32, last: i32) -> Week {
        Week {
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
        }
    }

    #[test]
    fn ranges_scale_down_for_short_weeks() {
        assert_eq!(scaled((2, 3), &week(0, 6)), (2, 3));
        // 3 days of 7: min 2 × 3/7 = 0.86 → 0; max 3 × 3/7 = 1.29 → 2
        assert_eq!(scaled((2, 3), &week(4, 6)), (0, 2));
        // 4 days: min 8/7 → 1, max 12/7 → 2
        assert_eq!(scaled((2, 3), &week(3, 6)), (1, 2));
        assert_eq!(scaled((1, 1), &week(6, 6)), (0, 1));
    }

    #[test]
    fn ranges_follow_the_rulebook() {
        assert_eq!(range(Phase::Base, Level::Beginner), (2, 2));
        assert_eq!(range(Phase::Base, Level::Advanced), (2, 3));
        assert_eq!(range(Phase::Preparation, Level::Intermediate), (2, 2));
        assert_eq!(range(Phase::Preparation, Level::Advanced), (2, 3));
        assert_eq!(range(Phase::InSeason, Level::Beginner), (1, 1));
        assert_eq!(range(Phase::Transition, Level::Beginner), (0, 2));
    }
}
