//! Phase assignment from the race calendar (rulebook §4.1) and mesocycle deload placement
//! (§4.2, §7 C8). The linter uses it for plans without `[[week]]` labels; the planner builds
//! every plan on it.

use runlift_model::plan::Phase;
use runlift_model::profile::{Distance, Level, Priority};

use crate::time::monday_of;

/// A race as the phase model sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceAnchor {
    pub day: i32,
    pub priority: Priority,
    pub distance: Distance,
}

/// Weeks of taper before the race week: a 10-day taper (≤ 10K) and a 14-day taper (HM, M) both
/// begin in the week before the race week.
pub const TAPER_WEEKS: usize = 1;

/// The phase of each week (`mondays` are consecutive Mondays).
pub fn derive(mondays: &[i32], races: &[RaceAnchor], level: Level) -> Vec<Phase> {
    let n = mondays.len();
    let mut out = vec![Phase::Base; n];
    if n == 0 {
        return out;
    }
    let week_of = |day: i32| -> Option<usize> {
        let i = (monday_of(day) - mondays[0]).div_euclid(7);
        (i >= 0 && (i as usize) < n).then_some(i as usize)
    };
    let mut a_races: Vec<(usize, &RaceAnchor)> = races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .filter_map(|r| week_of(r.day).map(|w| (w, r)))
        .collect();
    a_races.sort_by_key(|(w, _)| *w);
    a_races.dedup_by_key(|(w, _)| *w);

    if a_races.is_empty() {
        // §4.1.5: repeating 4-week base/preparation mesocycles; B/C race weeks are in-season.
        for (w, p) in out.iter_mut().enumerate() {
            *p = if (w / 4) % 2 == 0 {
                Phase::Base
            } else {
                Phase::Preparation
            };
        }
        for r in races {
            if let Some(w) = week_of(r.day) {
                out[w] = Phase::InSeason;
            }
        }
        return out;
    }

    let mut seg_start = 0usize;
    for (k, (rw, race)) in a_races.iter().enumerate() {
        let rw = *rw;
        out[rw] = Phase::Race;
        let taper_start = rw.saturating_sub(TAPER_WEEKS).max(seg_start).min(rw);
        for p in &mut out[taper_start..rw] {
            *p = Phase::Taper;
        }
        let avail = taper_start.saturating_sub(seg_start);
        let (base, prep, peak) = allocate(avail, level);
        if base + prep + peak == 0 && avail > 0 {
            for p in &mut out[seg_start..taper_start] {
                *p = Phase::InSeason;
            }
        } else {
            let mut w = seg_start;
            for (len, ph) in [
                (base, Phase::Base),
                (prep, Phase::Preparation),
                (peak, Phase::Peak),
            ] {
                for p in &mut out[w..w + len] {
                    *p = ph;
                }
                w += len;
            }
        }
        // After this race: recovery before the next A race, transition after the last.
        let is_last = k + 1 == a_races.len();
        let rest = if is_last {
            if race.distance.is_short() { 1 } else { 2 }
        } else {
            1
        };
        let end = (rw + 1 + rest).min(n);
        for p in &mut out[(rw + 1).min(n)..end] {
            *p = Phase::Transition;
        }
        seg_start = end;
        if is_last {
            // Weeks after the season: base again.
            for p in &mut out[end..] {
                *p = Phase::Base;
            }
        }
    }
    out
}

/// Weeks of base, preparation and peak for `avail` weeks before the taper (§4.1.1–2): peak 3,
/// preparation 6–8, base the rest (≥ 4); shorten preparation to 4, then peak to 2, then drop
/// base; under 6 weeks, none (in-season maintenance).
pub fn allocate(avail: usize, _level: Level) -> (usize, usize, usize) {
    match avail {
        0..=5 => (0, 0, 0),
        6..=9 => (avail - 6, 4, 2),
        10 => (4, 4, 2),
        11..=12 => (4, avail - 7, 3),
        _ => {
            let prep = (avail - 7).min(8);
            (avail - 3 - prep, prep, 3)
        }
    }
}

/// Deload flags for a run of `n` base or preparation weeks (§4.2, §7 C8): blocks of `loading`
/// loading weeks and one deload filled backward from the phase end, so a deload precedes each
/// phase change; leftover weeks at the start form a short intro block that also ends in a deload.
pub fn mesocycle_deloads(n: usize, loading: usize) -> Vec<bool> {
    let block = loading + 1;
    let mut out = vec![false; n];
    if n < 2 {
        return out;
    }
    // Block sizes from the start: an intro block of the leftover weeks, then full blocks. A
    // leftover of one week borrows one from the first full block (1+1, then a shorter block).
    let (full, rest) = (n / block, n % block);
    let mut sizes = Vec::with_capacity(full + 2);
    match rest {
        0 => {}
        1 if full > 0 => {
            sizes.push(2);
            sizes.push(block - 1);
        }
        1 => sizes.push(1),
        r => sizes.push(r),
    }
    let used: usize = sizes.iter().sum();
    sizes.extend(std::iter::repeat_n(block, (n - used) / block));
    let mut w = 0;
    for s in sizes {
        w += s;
        if s >= 2 {
            out[w - 1] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loading_runs(d: &[bool]) -> usize {
        let mut best = 0;
        let mut run = 0;
        for x in d {
            if *x {
                run = 0
            } else {
                run += 1;
                best = best.max(run)
            }
        }
        best
    }

    #[test]
    fn deloads_never_leave_more_than_the_allowed_loading_run() {
        for loading in [2usize, 3] {
            for n in 2..40 {
                let d = mesocycle_deloads(n, loading);
                assert!(
                    loading_runs(&d) <= loading,
                    "n={n} loading={loading}: {d:?}"
                );
                assert!(d[n - 1], "phase ends in a deload: n={n} {d:?}");
            }
        }
        assert_eq!(
            mesocycle_deloads(8, 3),
            [false, false, false, true, false, false, false, true]
        );
        assert_eq!(
            mesocycle_deloads(6, 3),
            [false, true, false, false, false, true]
        );
    }

    #[test]
    fn backward_planning_from_an_a_race() {
        let mondays: Vec<i32> = (0..20).map(|w| 4 + 7 * w).collect(); // day 4 = Mon 1970-01-05
        let race = RaceAnchor {
            day: mondays[17] + 6,
            priority: Priority::A,
            distance: Distance::Half,
        };
        let ph = derive(&mondays, &[race], Level::Intermediate);
        assert_eq!(ph[17], Phase::Race);
        assert_eq!(ph[16], Phase::Taper);
        assert_eq!(&ph[13..16], &[Phase::Peak; 3]);
        assert_eq!(&ph[5..13], &[Phase::Preparation; 8]);
        assert_eq!(&ph[0..5], &[Phase::Base; 5]);
        assert_eq!(&ph[18..20], &[Phase::Transition; 2]);
        // a short runway: in-season maintenance and taper only
        let race = RaceAnchor {
            day: mondays[4] + 6,
            priority: Priority::A,
            distance: Distance::K5,
        };
        let ph = derive(&mondays[..6], &[race], Level::Beginner);
        assert_eq!(
            ph,
            [
                Phase::InSeason,
                Phase::InSeason,
                Phase::InSeason,
                Phase::Taper,
                Phase::Race,
                Phase::Transition
            ]
        );
    }
}

/// The rule that governs a week's strength and running targets (§7 C14: R-TAPER-A > R-TAPER-B
/// > R-TAPER-C > R-INSEASON > R-PHASE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gov {
    Phase,
    InSeason,
    TaperC,
    TaperB,
    TaperA,
}

/// Days from the race back to the start of "week −2" (R-TAPER-A): race week is the 7 days up to
/// the race, week −2 the 7 days before it.
pub const A_WINDOW_DAYS: i32 = 13;
/// Two races this close (8 weeks) make the weeks between them in-season (R-INSEASON trigger).
pub const INSEASON_TRIGGER_DAYS: i32 = 56;

/// Which rule governs each week (given by its Monday and phase), from the races (day,
/// priority; sorted by day) and the plan's first and last day. The linter's group C and the
/// planner both use this, so an in-season week is the same week for both.
pub fn governance(
    mondays: &[i32],
    phases: &[Phase],
    races: &[(i32, Priority)],
    first_day: i32,
    last_day: i32,
) -> Vec<Gov> {
    let n = mondays.len();
    let mut gov = vec![Gov::Phase; n];
    if n == 0 {
        return gov;
    }
    let first = mondays[0];
    let clamp = |day: i32| -> usize {
        ((monday_of(day) - first).div_euclid(7)).clamp(0, n as i32 - 1) as usize
    };
    let week_of = |day: i32| -> Option<usize> {
        let i = (monday_of(day) - first).div_euclid(7);
        (i >= 0 && (i as usize) < n).then_some(i as usize)
    };
    for (g, p) in gov.iter_mut().zip(phases) {
        if *p == Phase::InSeason {
            *g = Gov::InSeason;
        }
    }
    // The trigger: two races within 8 weeks make the weeks from one to the other in-season,
    // except peak, taper, race and transition weeks, which follow their own rows.
    for pair in races.windows(2) {
        let (a, b) = (pair[0].0, pair[1].0);
        if b - a > INSEASON_TRIGGER_DAYS || a > last_day {
            continue;
        }
        let (lo, hi) = (clamp(a), clamp(b));
        for (g, p) in gov[lo..=hi].iter_mut().zip(&phases[lo..=hi]) {
            if matches!(p, Phase::Base | Phase::Preparation | Phase::InSeason) {
                *g = Gov::InSeason;
            }
        }
    }
    // A week holding a single C race trains through (R-TAPER-C).
    for &(day, pr) in races {
        if pr != Priority::C {
            continue;
        }
        if let Some(w) = week_of(day)
            && races.iter().filter(|o| week_of(o.0) == Some(w)).count() == 1
        {
            gov[w] = Gov::TaperC;
        }
    }
    for &(day, pr) in races {
        if pr == Priority::B
            && let Some(w) = week_of(day)
        {
            gov[w] = Gov::TaperB;
        }
    }
    for &(day, pr) in races {
        if pr != Priority::A || day - A_WINDOW_DAYS > last_day || day < first_day {
            continue;
        }
        for g in &mut gov[clamp(day - A_WINDOW_DAYS)..=clamp(day)] {
            *g = Gov::TaperA;
        }
    }
    gov
}
