//! Strength load and e1RM trends.
//!
//! - e1RM of a set: with a logged RPE, load ÷ the RTS chart's fraction of 1RM for its reps and
//!   RIR = 10 − RPE (rulebook §7 C6, `oracle/rpe_chart.json`); without one, Epley
//!   (`w·(1 + r/30)`, the rule the profile's rep maxes use, R-STR-PROG). Both come from
//!   [`runlift_model::intensity`].
//! - Relative volume load of a session: `Σ reps × kg / e1RM` over its loaded sets, the e1RM being
//!   the athlete's best in the last [`E1RM_WINDOW_DAYS`] days (this day included), so each set
//!   counts its reps at their %e1RM. Body-weight sets are counted apart.
//! - The muscular system's daily load is the strength sessions' sRPE (Foster 2001), the unit the
//!   combined load shares (formats.md's `strength` column); relative volume is reported beside it.

use std::collections::HashMap;

use runlift_model::intensity::{e1rm_epley, pct_of_1rm};
use runlift_model::library::ExId;
use serde::{Deserialize, Serialize};

use crate::input::{DayLog, LiftSet};
use crate::session::{CR10_MAX, DAYS_PER_WEEK};

/// How far back the best e1RM of an exercise still counts as the athlete's current e1RM (a
/// runlift decision: about a training block; after a longer layoff the old best is stale).
pub const E1RM_WINDOW_DAYS: i32 = 90;

/// Sets above this many reps give no e1RM (the RTS chart ends at 12; Epley drifts beyond).
pub const E1RM_MAX_REPS: u16 = 12;

/// e1RM of one set in kg, None for body-weight sets, zero reps or more than [`E1RM_MAX_REPS`].
pub fn set_e1rm(set: &LiftSet) -> Option<f64> {
    if !(set.kg.is_finite() && set.kg > 0.0) || set.reps == 0 || set.reps > E1RM_MAX_REPS {
        return None;
    }
    let reps = f64::from(set.reps);
    Some(match set.rpe.filter(|r| r.is_finite()) {
        Some(rpe) => set.kg / pct_of_1rm(reps, CR10_MAX - rpe.clamp(0.0, CR10_MAX)),
        None => e1rm_epley(set.kg, reps),
    })
}

/// One day's best e1RM of an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct E1rmPoint {
    pub day: i32,
    pub exercise: ExId,
    pub e1rm_kg: f64,
}

/// A day's strength work in relative terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RelativeVolume {
    /// `Σ reps × %e1RM` over loaded sets (reps at 100 % e1RM equivalent).
    pub reps_at_e1rm: f64,
    /// Loaded sets counted.
    pub sets: u32,
    /// Body-weight sets (no %e1RM), counted apart.
    pub bodyweight_sets: u32,
}

/// Every exercise's best e1RM per day, and each day's relative volume, in one pass over a log
/// in day order.
#[derive(Debug, Default)]
pub struct StrengthTracker {
    history: HashMap<ExId, Vec<E1rmPoint>>,
}

impl StrengthTracker {
    /// The athlete's current e1RM of an exercise on `day`: the best day-best of the window.
    pub fn current_e1rm(&self, exercise: ExId, day: i32) -> Option<f64> {
        self.history
            .get(&exercise)?
            .iter()
            .rev()
            .take_while(|p| p.day > day - E1RM_WINDOW_DAYS)
            .filter(|p| p.day <= day)
            .map(|p| p.e1rm_kg)
            .reduce(f64::max)
    }

    /// Record a day's sets (days must come in order) and return its relative volume.
    pub fn add_day(&mut self, day: i32, sets: &[&LiftSet]) -> RelativeVolume {
        self.record_bests(day, sets);
        let mut v = RelativeVolume::default();
        for set in sets {
            if !(set.kg.is_finite() && set.kg > 0.0) {
                v.bodyweight_sets += 1;
                continue;
            }
            if let Some(rm) = self.current_e1rm(set.exercise, day) {
                v.reps_at_e1rm += f64::from(set.reps) * (set.kg / rm).min(1.0);
                v.sets += 1;
            }
        }
        v
    }

    fn record_bests(&mut self, day: i32, sets: &[&LiftSet]) {
        for set in sets {
            let Some(e) = set_e1rm(set) else { continue };
            let points = self.history.entry(set.exercise).or_default();
            match points.last_mut() {
                Some(p) if p.day == day => p.e1rm_kg = p.e1rm_kg.max(e),
                _ => points.push(E1rmPoint {
                    day,
                    exercise: set.exercise,
                    e1rm_kg: e,
                }),
            }
        }
    }

    /// Every day-best of an exercise, in day order.
    pub fn points(&self, exercise: ExId) -> &[E1rmPoint] {
        self.history.get(&exercise).map_or(&[], Vec::as_slice)
    }
}

/// Every exercise's day-best e1RMs over a log.
pub fn e1rm_history(log: &[DayLog]) -> StrengthTracker {
    let mut t = StrengthTracker::default();
    for d in log {
        let sets: Vec<&LiftSet> = d.sessions.iter().flat_map(|s| &s.sets).collect();
        t.add_day(d.day, &sets);
    }
    t
}

/// An e1RM trend over a window: least-squares slope of the day-bests.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct E1rmTrend {
    pub points: usize,
    pub first_kg: f64,
    pub last_kg: f64,
    /// Fitted change per week, kg.
    pub kg_per_week: f64,
}

/// Fewest day-bests a trend is fitted on.
pub const TREND_MIN_POINTS: usize = 3;

/// The trend of the day-bests from `from_day` to `to_day` (inclusive); None with fewer than
/// [`TREND_MIN_POINTS`] points.
pub fn e1rm_trend(points: &[E1rmPoint], from_day: i32, to_day: i32) -> Option<E1rmTrend> {
    let w: Vec<&E1rmPoint> = points
        .iter()
        .filter(|p| (from_day..=to_day).contains(&p.day))
        .collect();
    if w.len() < TREND_MIN_POINTS {
        return None;
    }
    let n = w.len() as f64;
    let mx = w.iter().map(|p| f64::from(p.day)).sum::<f64>() / n;
    let my = w.iter().map(|p| p.e1rm_kg).sum::<f64>() / n;
    let sxy: f64 = w
        .iter()
        .map(|p| (f64::from(p.day) - mx) * (p.e1rm_kg - my))
        .sum();
    let sxx: f64 = w.iter().map(|p| (f64::from(p.day) - mx).powi(2)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    Some(E1rmTrend {
        points: w.len(),
        first_kg: w[0].e1rm_kg,
        last_kg: w[w.len() - 1].e1rm_kg,
        kg_per_week: slope * f64::from(DAYS_PER_WEEK),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::library::library;

    fn squat() -> ExId {
        library().id("back-squat").expect("back-squat")
    }

    fn set(reps: u16, kg: f64, rpe: Option<f64>) -> LiftSet {
        LiftSet {
            exercise: squat(),
            reps,
            kg,
            rpe,
            contacts: None,
        }
    }

    #[test]
    fn e1rm_from_the_chart_and_from_epley() {
        // oracle/rpe_chart.json e1rm_examples [COMP]: 100 × 5 @ 8 → 123.30; 140 × 3 @ 9 →
        // 156.95; 80 × 8 @ 7 → 113.15; 60 × 12 @ 6.5 → 102.39.
        for (reps, kg, rpe, want) in [
            (5, 100.0, 8.0, 123.30),
            (3, 140.0, 9.0, 156.95),
            (8, 80.0, 7.0, 113.15),
            (12, 60.0, 6.5, 102.39),
        ] {
            let e = set_e1rm(&set(reps, kg, Some(rpe))).expect("e1rm");
            assert!((e - want).abs() < 0.005, "{kg}×{reps}@{rpe}: {e}");
        }
        // science.md §7 [COMP]: Epley 50 kg × 8 = 63.333.
        let e = set_e1rm(&set(8, 50.0, None)).expect("e1rm");
        assert!((e - 63.333).abs() < 0.0005, "{e}");
        assert_eq!(set_e1rm(&set(8, 0.0, None)), None);
        assert_eq!(set_e1rm(&set(15, 50.0, None)), None);
    }

    #[test]
    fn relative_volume_counts_reps_at_their_share_of_e1rm() {
        let mut t = StrengthTracker::default();
        // Day 0: 100 × 5 @ 8 sets e1RM 123.30; 3 × 5 × 100/123.30 = 12.165.
        let s = set(5, 100.0, Some(8.0));
        let v = t.add_day(0, &[&s, &s, &s]);
        assert!((v.reps_at_e1rm - 15.0 * 100.0 / (100.0 / 0.811)).abs() < 1e-9);
        assert_eq!(v.sets, 3);
        // Day 10: a lighter day is measured against the day-0 best.
        let l = set(5, 80.0, None);
        let v = t.add_day(10, &[&l]);
        assert!((v.reps_at_e1rm - 5.0 * 80.0 * 0.811 / 100.0).abs() < 1e-9);
        // After the window the old best is gone: Epley 80 × 5 = 93.33 is the current e1RM.
        let v = t.add_day(10 + E1RM_WINDOW_DAYS, &[&l]);
        assert!((v.reps_at_e1rm - 5.0 * 80.0 / e1rm_epley(80.0, 5.0)).abs() < 1e-9);
        let bw = set(10, 0.0, None);
        assert_eq!(t.add_day(200, &[&bw]).bodyweight_sets, 1);
    }

    #[test]
    fn trend_is_the_least_squares_slope() {
        let pts: Vec<E1rmPoint> = (0..5)
            .map(|i| E1rmPoint {
                day: i * 7,
                exercise: squat(),
                e1rm_kg: 100.0 + 2.5 * f64::from(i),
            })
            .collect();
        let tr = e1rm_trend(&pts, 0, 28).expect("trend");
        assert!((tr.kg_per_week - 2.5).abs() < 1e-9);
        assert_eq!((tr.points, tr.first_kg, tr.last_kg), (5, 100.0, 110.0));
        assert_eq!(e1rm_trend(&pts, 0, 7), None);
    }
}
