//! A saved plan's sessions as the log compares them with what was done: each with its id
//! (`p_2026-12-01_am_0`: date, slot, place in the slot), start, kind and targets (minutes,
//! distance, sets and volume load). Pure values, built from a [`Plan`].

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::kind::Kind;
use crate::plan::{Plan, Session};
use crate::profile::{Slot, SlotTimes};

/// One planned session, as the log sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub id: String,
    pub date: Date,
    /// Minutes after midnight: the session's `start`, else its slot's time.
    pub start_min: u16,
    pub kind: Kind,
    pub minutes: f64,
    pub distance_m: Option<f64>,
    /// Sets over all exercises.
    pub sets: u32,
    /// `Σ sets × reps × kg` over the exercises that give reps and kg.
    pub volume_kg: Option<f64>,
}

/// The id of the `n`th session (from 0, in file order) of a date's slot.
pub fn planned_id(date: Date, slot: Slot, n: usize) -> String {
    format!("p_{date}_{slot}_{n}")
}

impl PlannedSession {
    fn of(s: &Session, id: String, times: &SlotTimes) -> PlannedSession {
        let sets = s.exercises.iter().map(|e| u32::from(e.sets)).sum();
        let volume: f64 = s
            .exercises
            .iter()
            .filter_map(|e| Some(f64::from(e.sets) * f64::from(e.reps?) * e.kg?))
            .sum();
        PlannedSession {
            id,
            date: s.date,
            start_min: s.start.unwrap_or_else(|| times.of(s.slot)),
            kind: s.kind,
            minutes: f64::from(s.minutes),
            distance_m: s.distance_m,
            sets,
            volume_kg: (volume > 0.0).then_some(volume),
        }
    }
}

/// Every session of `plan` with its id; `times` gives the start of a session without one.
pub fn planned_sessions(plan: &Plan, times: &SlotTimes) -> Vec<PlannedSession> {
    let mut in_slot: HashMap<(Date, Slot), usize> = HashMap::new();
    plan.sessions
        .iter()
        .map(|s| {
            let count = in_slot.entry((s.date, s.slot)).or_default();
            let n = *count;
            *count += 1;
            PlannedSession::of(s, planned_id(s.date, s.slot, n), times)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_count_sessions_within_a_slot_and_targets_add_up() {
        let plan: Plan = toml::from_str(
            r#"
[[session]]
date = "2026-12-01"
slot = "am"
minutes = 45
kind = "RUN_EASY"
[[session]]
date = "2026-12-01"
slot = "pm"
start = "19:30"
minutes = 40
kind = "STR_HEAVY"
exercises = [{ id = "back-squat", sets = 3, reps = 5, kg = 80 }, { id = "push-up", sets = 2, reps = 10 }]
[[session]]
date = "2026-12-01"
slot = "am"
minutes = 10
kind = "MOB"
"#,
        )
        .expect("plan");
        let p = planned_sessions(&plan, &SlotTimes::default());
        let ids: Vec<&str> = p.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "p_2026-12-01_am_0",
                "p_2026-12-01_pm_0",
                "p_2026-12-01_am_1"
            ]
        );
        assert_eq!((p[0].start_min, p[1].start_min), (7 * 60, 19 * 60 + 30));
        assert_eq!((p[1].sets, p[1].volume_kg), (5, Some(1200.0)));
        assert_eq!((p[0].sets, p[0].volume_kg), (0, None));
    }
}
