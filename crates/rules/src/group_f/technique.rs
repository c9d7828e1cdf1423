//! R-TECH-RAMP: a running-technique change from the profile (`technique_change`), its practice
//! ramp as shown by runs whose title mentions "technique", and its timing against A races.

use runlift_model::plan::Session;
use runlift_model::profile::{Priority, TechniqueKind};

use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::flag;
use crate::time::{day_number, fmt_day};

/// Metres a minute of easy running covers when a practice run gives no distance (a slow easy
/// pace, 6:40/km, so the estimate errs low).
const EASY_M_PER_MIN: f64 = 150.0;

pub fn check(ctx: &Ctx, out: &mut Out) {
    let Some(tc) = ctx
        .athlete
        .profile
        .as_ref()
        .and_then(|p| p.technique_change.as_ref())
    else {
        return;
    };
    let start = day_number(tc.start_date);
    // A-race tapers: [race − taper days, race], during which the ramp is paused.
    let tapers: Vec<(i32, i32, u32)> = ctx
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .map(|r| {
            let days = if r.distance.is_short() {
                ctx.config.get("R-TAPER-A", "taper_days_short")
            } else {
                ctx.config.get("R-TAPER-A", "taper_days_long")
            };
            (
                r.day - days.round() as i32,
                r.day,
                r.session.unwrap_or(u32::MAX),
            )
        })
        .collect();
    let race_sessions = |s: u32| -> Vec<u32> { (s != u32::MAX).then_some(s).into_iter().collect() };
    if let Some(&(t0, race, s)) = tapers.iter().find(|(t0, r, _)| start >= *t0 && start <= *r) {
        out.add(
            "R-TECH-RAMP",
            Severity::Warning,
            &[start, race],
            &race_sessions(s),
            format!(
                "The {} technique change starts {}, inside the taper for the A race on {} (taper from {}): no new technique cues in a taper",
                tc.kind,
                fmt_day(start),
                fmt_day(race),
                fmt_day(t0)
            ),
            format!(
                "Move technique_change.start_date to {} or later (after the race)",
                fmt_day(race + 1)
            ),
        );
    } else if tc.kind == TechniqueKind::HeelLift
        && let Some(&(_, race, s)) = tapers
            .iter()
            .find(|(_, r, _)| *r >= start && *r - start < 21)
    {
        out.add(
            "R-TECH-RAMP",
            Severity::Warning,
            &[start, race],
            &race_sessions(s),
            format!(
                "The heel-lift change starts {}, {} days before the A race on {} (hamstring-demanding: at least 21 days)",
                fmt_day(start),
                race - start,
                fmt_day(race)
            ),
            format!(
                "Move technique_change.start_date to {} or earlier, or to after the race",
                fmt_day(race - 21)
            ),
        );
    }
    let weekly = ctx.config.get("R-TECH-RAMP", "weekly_m");
    let low_demand = matches!(tc.kind, TechniqueKind::Arm | TechniqueKind::Hip);
    for it in ctx
        .items
        .iter()
        .filter(|i| i.has(flag::RUN) && i.day >= start)
    {
        let s = ctx.session(it);
        let Some(practice) = practice_metres(s) else {
            continue;
        };
        // Days of A-race taper between the start and this run do not advance the ramp.
        let paused: i32 = tapers
            .iter()
            .map(|(t0, r, _)| (it.day.min(*r + 1) - start.max(*t0)).max(0))
            .sum();
        let week = ((it.day - start - paused).max(0) / 7) as u32;
        let allowed = allowed_metres(week, weekly, low_demand);
        if practice > allowed + 0.5 {
            out.add(
                "R-TECH-RAMP",
                Severity::Warning,
                &[it.day],
                &[it.idx],
                format!(
                    "{} practises the {} technique change for {:.0} m in ramp week {} (at most {:.0} m per run: 400 m, 800 m, then +{:.0} m a week{})",
                    fmt_day(it.day),
                    tc.kind,
                    practice,
                    week + 1,
                    allowed,
                    weekly,
                    if low_demand { ", or doubling" } else { "" }
                ),
                format!(
                    "Practise the new technique for {:.0} m of this run and run the rest as usual",
                    allowed
                ),
            );
        }
    }
}

/// Practice distance allowed per run in ramp week `week` (0 = the first week): 400 m, 800 m,
/// then +`weekly` m a week; low-demand changes (arm, hip drive) may instead double weekly.
pub fn allowed_metres(week: u32, weekly: f64, low_demand: bool) -> f64 {
    let standard = if week == 0 {
        400.0
    } else {
        800.0 + f64::from(week - 1) * weekly
    };
    if low_demand {
        standard.max(400.0 * 2f64.powi(week.min(30) as i32))
    } else {
        standard
    }
}

/// The technique practice of a run: `None` when its title does not mention "technique"; the first
/// distance written after the word (`technique 800 m`, `Technique: 1.2 km`), or else the whole run
/// (`distance_m`, or an estimate from its minutes).
pub fn practice_metres(s: &Session) -> Option<f64> {
    let title = s.title.as_deref()?;
    let at = title
        .as_bytes()
        .windows(9)
        .position(|w| w.eq_ignore_ascii_case(b"technique"))?;
    Some(first_distance(&title[at + 9..]).unwrap_or_else(|| {
        s.distance_m
            .unwrap_or(f64::from(s.minutes) * EASY_M_PER_MIN)
    }))
}

/// The first `<number> m` or `<number> km` in a text, in metres.
fn first_distance(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let n0 = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let Ok(n) = text[n0..i].parse::<f64>() else {
            continue;
        };
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        let word_end = |k: usize| k >= b.len() || !b[k].is_ascii_alphabetic();
        if b.get(j..j + 2) == Some(b"km") && word_end(j + 2) {
            return Some(n * 1000.0);
        }
        if b.get(j) == Some(&b'm') && word_end(j + 1) {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_is_400_800_then_weekly_steps() {
        let a: Vec<f64> = (0..5).map(|w| allowed_metres(w, 800.0, false)).collect();
        assert_eq!(a, [400.0, 800.0, 1600.0, 2400.0, 3200.0]);
        let d: Vec<f64> = (0..5).map(|w| allowed_metres(w, 800.0, true)).collect();
        assert_eq!(d, [400.0, 800.0, 1600.0, 3200.0, 6400.0]);
        assert_eq!(allowed_metres(3, 400.0, false), 1600.0);
    }

    #[test]
    fn distances_are_read_after_the_word() {
        assert_eq!(first_distance(" 800 m"), Some(800.0));
        assert_eq!(first_distance(": 1.2 km, then easy"), Some(1200.0));
        assert_eq!(first_distance(" drills 20 min, 400m"), Some(400.0));
        assert_eq!(first_distance(" 5 mi"), None);
        assert_eq!(first_distance(" x2 400 m"), Some(400.0));
    }
}
