//! Periodization (rulebook §4.1–§4.2): the plan's calendar weeks, each with its phase, deload flag,
//! mesocycle number and the races it holds. Built on `runlift_rules::phases` so the planner and the
//! linter derive phases the same way.

use runlift_model::plan::Phase;
use runlift_model::profile::{Distance, Priority, Profile};
use runlift_rules::phases::{self, RaceAnchor};
use runlift_rules::time::{day_number, monday_of};

/// One race of the profile inside the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceDay {
    pub day: i32,
    pub priority: Priority,
    pub distance: Distance,
    pub name: Option<String>,
    /// Expected race time in minutes at the athlete's VDOT (filled in by the planner).
    pub minutes: u16,
}

/// One calendar week of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekPlan {
    /// 0-based week number.
    pub index: usize,
    pub monday: i32,
    /// First and last day of this week that the plan holds (§7 C3: a short first week).
    pub first_day: i32,
    pub last_day: i32,
    pub phase: Phase,
    pub deload: bool,
    /// Mesocycle number (increments after each deload and at each phase change).
    pub meso: usize,
    /// Loading week number inside the mesocycle (1-based; 0 in a deload).
    pub load_step: usize,
    /// Races in this week.
    pub races: Vec<RaceDay>,
    /// In season (R-INSEASON): labelled so, or between two races at most 8 weeks apart (and
    /// not a peak, taper, race or transition week, nor a race week).
    pub in_season: bool,
    /// The rule that governs the week's targets, as the linter decides it.
    pub gov: runlift_rules::phases::Gov,
}

impl WeekPlan {
    pub fn days_held(&self) -> i32 {
        self.last_day - self.first_day + 1
    }
    /// A loading week (§7 C7): not a deload, taper, race or transition week.
    pub fn loading(&self) -> bool {
        !self.deload && !matches!(self.phase, Phase::Taper | Phase::Race | Phase::Transition)
    }
}

/// The plan's calendar.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub start: i32,
    pub end: i32,
    pub weeks: Vec<WeekPlan>,
    pub races: Vec<RaceDay>,
    /// Races left out of the plan (in another race's taper or cut-back).
    pub left_out: Vec<LeftOut>,
    /// Loading weeks per mesocycle: 3 (3:1), or 2 (2:1) from age 50.
    pub loading: usize,
}

/// Build the calendar from `start` (a day number). `weeks` overrides the length; without it the
/// plan runs to the last A race plus the transition, or 12 weeks when there is no A race.
/// `loading_weeks` is R-DELOAD's (the athlete's override included; 2 from age 50, and the
/// planner never plans R-DELOAD's four, which is a warning outside an advanced athlete's base).
pub fn build(
    profile: &Profile,
    start: i32,
    weeks: Option<usize>,
    windows: Windows,
    loading_weeks: usize,
) -> Calendar {
    let level = profile.level();
    let m0 = monday_of(start);
    let mut races: Vec<RaceDay> = profile
        .races
        .iter()
        .map(|r| RaceDay {
            day: day_number(r.date),
            priority: r.priority,
            distance: r.distance,
            name: r.name.clone(),
            minutes: 0,
        })
        .filter(|r| r.day >= start)
        .collect();
    // Two races on one day: the more important is the one planned (and the linter's).
    races.sort_by_key(|r| (r.day, r.priority));
    races.dedup_by_key(|r| r.day);
    let n = match weeks {
        Some(n) => n.clamp(1, 156),
        None => match races.iter().rev().find(|r| r.priority == Priority::A) {
            Some(last_a) => {
                let race_week = ((monday_of(last_a.day) - m0) / 7) as usize;
                let transition = if last_a.distance.is_short() { 1 } else { 2 };
                (race_week + 1 + transition).min(156)
            }
            None => 12,
        },
    };
    let end = m0 + 7 * n as i32 - 1;
    races.retain(|r| r.day <= end);
    let left_out = leave_out(&mut races, windows);
    let mondays: Vec<i32> = (0..n).map(|w| m0 + 7 * w as i32).collect();
    let anchors: Vec<RaceAnchor> = races
        .iter()
        .map(|r| RaceAnchor {
            day: r.day,
            priority: r.priority,
            distance: r.distance,
        })
        .collect();
    let phases = phases::derive(&mondays, &anchors, level);
    let age = profile.age_in(runlift_rules::time::date_of(start).year());
    let loading = if age.is_some_and(|a| a >= 50) {
        loading_weeks.min(2)
    } else {
        loading_weeks
    }
    .clamp(2, 3);
    let deloads = deloads(&phases, loading);
    let mut out = Vec::with_capacity(n);
    let mut meso = 0usize;
    let mut step = 0usize;
    for w in 0..n {
        let monday = mondays[w];
        if w > 0 && (phases[w] != phases[w - 1] || deloads[w - 1]) {
            meso += 1;
            step = 0;
        }
        if !deloads[w] {
            step += 1;
        }
        out.push(WeekPlan {
            index: w,
            monday,
            first_day: monday.max(start),
            last_day: monday + 6,
            phase: phases[w],
            deload: deloads[w],
            meso,
            load_step: if deloads[w] { 0 } else { step },
            races: races
                .iter()
                .filter(|r| monday_of(r.day) == monday)
                .cloned()
                .collect(),
            in_season: false,
            gov: runlift_rules::phases::Gov::Phase,
        });
    }
    // In-season weeks exactly as the linter's group C decides them (the races it sees: the
    // profile's from the plan's first day to three weeks after its last).
    let mut seen: Vec<(i32, Priority)> = profile
        .races
        .iter()
        .map(|r| (day_number(r.date), r.priority))
        .filter(|(d, _)| *d >= start && *d <= end + 21)
        .filter(|(d, _)| !left_out.iter().any(|x| x.race.day == *d))
        .collect();
    seen.sort_by_key(|r| r.0);
    let mondays: Vec<i32> = out.iter().map(|w| w.monday).collect();
    let phases: Vec<Phase> = out.iter().map(|w| w.phase).collect();
    let gov = runlift_rules::phases::governance(&mondays, &phases, &seen, start, end);
    for (w, g) in out.iter_mut().zip(gov) {
        w.in_season = g == runlift_rules::phases::Gov::InSeason;
        w.gov = g;
    }
    Calendar {
        start,
        end,
        weeks: out,
        races,
        left_out,
        loading,
    }
}

/// Days before a race that another race may not take (0 for a C race).
#[derive(Clone, Copy, Debug)]
pub struct Windows {
    /// R-TAPER-A's taper before a short (≤ 10K) and a long race.
    pub a_short: i32,
    pub a_long: i32,
    /// R-TAPER-B's cut-back.
    pub b: i32,
}

impl Windows {
    fn of(&self, r: &RaceDay) -> i32 {
        match r.priority {
            Priority::A if r.distance.is_short() => self.a_short,
            Priority::A => self.a_long,
            Priority::B => self.b,
            Priority::C => 0,
        }
    }
}

/// A race the plan leaves out: it falls in the taper or cut-back of `kept`.
#[derive(Clone, Debug)]
pub struct LeftOut {
    pub race: RaceDay,
    pub kept: RaceDay,
    /// The window the two races fell in: the left-out race needs more days than this between
    /// it and the kept one.
    pub days: i32,
}

/// Leave out the races that fall in the taper (A) or cut-back (B) of a race at least as
/// important, or whose own taper or cut-back holds such a race: they would spend the freshness
/// the taper is for, and R-TAPER-A/B could not both be kept. The more important race stays; of
/// two B races, the earlier; two A races are both kept (§4.1's mini-taper). docs/planner.md.
fn leave_out(races: &mut Vec<RaceDay>, windows: Windows) -> Vec<LeftOut> {
    let mut order: Vec<usize> = (0..races.len()).collect();
    order.sort_by_key(|&i| (races[i].priority, races[i].day));
    let mut kept: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for i in order {
        let r = &races[i];
        let clash = kept.iter().find_map(|&k| {
            let o = &races[k];
            if o.priority == Priority::A && r.priority == Priority::A {
                return None;
            }
            if (1..=windows.of(o)).contains(&(o.day - r.day)) {
                Some((k, windows.of(o)))
            } else if (1..=windows.of(r)).contains(&(r.day - o.day)) {
                Some((k, windows.of(r)))
            } else {
                None
            }
        });
        match clash {
            Some((k, days)) => out.push(LeftOut {
                race: r.clone(),
                kept: races[k].clone(),
                days,
            }),
            None => kept.push(i),
        }
    }
    // (races are one a day, deduplicated above)
    races.retain(|r| !out.iter().any(|x| x.race.day == r.day));
    out.sort_by_key(|x| x.race.day);
    out
}

/// Deload flags: `mesocycle_deloads` over each run of base or preparation weeks (§4.2), then a scan
/// that turns the week after `loading` consecutive loading weeks into a deload wherever the phases
/// left a longer run (peak, in-season, §7 C8).
fn deloads(phases: &[Phase], loading: usize) -> Vec<bool> {
    let n = phases.len();
    let mut out = vec![false; n];
    let mut w = 0;
    while w < n {
        let ph = phases[w];
        let mut e = w;
        while e < n && phases[e] == ph {
            e += 1;
        }
        if matches!(ph, Phase::Base | Phase::Preparation) {
            let d = phases::mesocycle_deloads(e - w, loading);
            out[w..e].copy_from_slice(&d);
        }
        w = e;
    }
    let is_loading = |w: usize, d: &[bool]| {
        !d[w] && !matches!(phases[w], Phase::Taper | Phase::Race | Phase::Transition)
    };
    let mut run = 0;
    for w in 0..n {
        if is_loading(w, &out) {
            run += 1;
            if run > loading {
                out[w] = true;
                run = 0;
            }
        } else {
            run = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_long_loading_runs() {
        let ph = [Phase::InSeason; 9];
        let d = deloads(&ph, 3);
        assert_eq!(
            d,
            [false, false, false, true, false, false, false, true, false]
        );
        let ph = [
            Phase::Preparation,
            Phase::Preparation,
            Phase::Peak,
            Phase::Peak,
            Phase::Peak,
            Phase::Taper,
        ];
        let d = deloads(&ph, 2);
        assert!(d[1], "{d:?}");
        assert_eq!(d.iter().filter(|x| **x).count(), 2, "{d:?}");
    }
}
