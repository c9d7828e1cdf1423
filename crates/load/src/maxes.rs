//! Strength history from the training log (issue 13): per exercise, the best e1RM of each day
//! over the sets done and the rep-max tests (a rep max is a set at RPE 10), by
//! [`crate::strength::set_e1rm`] (the RTS chart with a logged RPE, else Epley); and the maxes the
//! planner takes as the athlete's (`runlift plan --from-log`): each exercise's best of the
//! [`crate::strength::E1RM_WINDOW_DAYS`] before a day.

use jiff::civil::Date;
use runlift_model::library::ExId;
use runlift_model::log::{DoneSession, TestEntry, TestResult};
use runlift_model::profile::LiftRm;
use runlift_rules::time::{date_of, day_number};
use serde::Serialize;

use crate::input::LiftSet;
use crate::strength::{E1rmPoint, StrengthTracker};

/// The load model's set of a logged set (body weight is 0 kg).
pub fn lift_set(s: &runlift_model::log::LiftSet) -> LiftSet {
    LiftSet {
        exercise: s.exercise,
        reps: s.reps,
        kg: s.load.kg().unwrap_or(0.0),
        rpe: s.rpe,
        contacts: None,
    }
}

/// A rep-max test as the set it was: `kg × reps` at RPE 10.
fn rep_max_set(t: &TestEntry) -> Option<LiftSet> {
    match t.result {
        TestResult::RepMax { exercise, kg, reps } => Some(LiftSet {
            exercise,
            reps,
            kg,
            rpe: Some(10.0),
            contacts: None,
        }),
        _ => None,
    }
}

/// Every exercise's day-best e1RMs over the log.
#[derive(Debug, Default)]
pub struct StrengthHistory {
    tracker: StrengthTracker,
    exercises: Vec<ExId>,
}

/// One exercise's best e1RM on one day.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DayBest {
    pub date: Date,
    pub e1rm_kg: f64,
}

impl StrengthHistory {
    /// The history of `sessions` and `tests` (in any order).
    pub fn of(sessions: &[DoneSession], tests: &[TestEntry]) -> StrengthHistory {
        let mut days: Vec<(i32, LiftSet)> = sessions
            .iter()
            .flat_map(|s| s.sets.iter().map(|x| (day_number(s.date), lift_set(x))))
            .chain(
                tests
                    .iter()
                    .filter_map(|t| Some((day_number(t.date), rep_max_set(t)?))),
            )
            .collect();
        days.sort_by_key(|(d, _)| *d);
        let mut h = StrengthHistory::default();
        for chunk in days.chunk_by(|a, b| a.0 == b.0) {
            let sets: Vec<&LiftSet> = chunk.iter().map(|(_, s)| s).collect();
            h.tracker.add_day(chunk[0].0, &sets);
        }
        h.exercises = days.iter().map(|(_, s)| s.exercise).collect();
        h.exercises.sort();
        h.exercises.dedup();
        h
    }

    /// The exercises with at least one set, in library order.
    pub fn exercises(&self) -> &[ExId] {
        &self.exercises
    }

    /// An exercise's day-bests in date order (days whose sets give no e1RM are absent).
    pub fn day_bests(&self, exercise: ExId) -> Vec<DayBest> {
        self.tracker
            .points(exercise)
            .iter()
            .map(|p: &E1rmPoint| DayBest {
                date: date_of(p.day),
                e1rm_kg: p.e1rm_kg,
            })
            .collect()
    }

    /// An exercise's best e1RM of the window ending on `on`.
    pub fn current(&self, exercise: ExId, on: Date) -> Option<f64> {
        self.tracker.current_e1rm(exercise, day_number(on))
    }

    /// The maxes as the profile gives them (`[[lifts]]`, 1 rep at the e1RM rounded down to
    /// 0.5 kg) for every exercise with a current e1RM on `on`.
    pub fn maxes(&self, on: Date) -> Vec<LiftRm> {
        self.exercises
            .iter()
            .filter_map(|&exercise| {
                let kg = self.current(exercise, on)?;
                Some(LiftRm {
                    exercise,
                    kg: (kg * 2.0).floor() / 2.0,
                    reps: 1,
                })
            })
            .collect()
    }
}
