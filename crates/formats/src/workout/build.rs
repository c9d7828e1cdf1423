//! Builders that turn runlift prescriptions into [`Workout`]s: a run `structure` with the athlete's
//! paces, or a list of strength exercises with sets, reps, load and rest.

use runlift_model::structure::{Amount, Paces, RecoveryMode, Segment, Structure, Zone};

use super::{Action, Duration, FitExercise, Intensity, Sport, Step, Target, Workout};

/// A run workout from a structure.
///
/// With two segments or more, a first single easy segment (E or no zone, no repeat, no
/// recovery) becomes the warm-up and a last one the cool-down. A segment with a zone targets that
/// zone's pace range; one without runs by feel (open target). `N x` work with a recovery becomes
/// the steps *work, recovery* repeated N times (Garmin's usual layout: the last recovery runs
/// into what follows); without a recovery the work step alone is repeated.
pub fn from_run(structure: &Structure, paces: &Paces, name: &str) -> Workout {
    let mut steps = Vec::new();
    let n = structure.segments.len();
    for (i, seg) in structure.segments.iter().enumerate() {
        let plain_easy =
            seg.repeat == 1 && seg.recovery.is_none() && matches!(seg.zone, None | Some(Zone::E));
        let intensity = match i {
            0 if n > 1 && plain_easy => Intensity::Warmup,
            _ if n > 1 && i == n - 1 && plain_easy => Intensity::Cooldown,
            _ => Intensity::Active,
        };
        let label = Segment {
            repeat: 1,
            recovery: None,
            ..*seg
        }
        .to_string();
        let target = match seg.zone {
            None => Target::Open,
            Some(z) => {
                let p = paces.zone(z);
                Target::Pace {
                    slow_s_per_km: p.slow_s_per_km,
                    fast_s_per_km: p.fast_s_per_km,
                }
            }
        };
        let first = steps.len();
        steps.push(Step::Action(Action {
            name: Some(label),
            ..Action::new(intensity, duration(seg.amount), target)
        }));
        if let Some(r) = seg.recovery {
            let intensity = match r.mode {
                RecoveryMode::Jog | RecoveryMode::Walk => Intensity::Recovery,
                RecoveryMode::Rest => Intensity::Rest,
            };
            steps.push(Step::Action(Action {
                name: Some(r.to_string()),
                ..Action::new(intensity, duration(r.amount), Target::Open)
            }));
        }
        if seg.repeat > 1 {
            steps.push(Step::Repeat {
                from_step: u16::try_from(first).unwrap_or(u16::MAX),
                count: u32::from(seg.repeat),
            });
        }
    }
    Workout {
        name: name.to_string(),
        sport: Sport::Running,
        steps,
        created_unix_s: None,
    }
}

fn duration(a: Amount) -> Duration {
    match a {
        Amount::Metres(metres) => Duration::Distance { metres },
        Amount::Seconds(seconds) => Duration::Time { seconds },
    }
}

/// One exercise of a strength workout.
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthItem {
    /// Shown on the watch, e.g. "Back squat".
    pub name: String,
    pub exercise: Option<FitExercise>,
    pub sets: u16,
    /// One set: `Duration::Reps(n)` for repetitions, `Duration::Time` for holds.
    pub work: Duration,
    pub kg: Option<f64>,
    /// Rest after each set; `None` rests until the lap button is pressed.
    pub rest_s: Option<u32>,
    /// Free text for the set (load as %1RM or RIR, tempo, contacts...).
    pub notes: Option<String>,
}

/// A strength workout: for each exercise a work step and a rest step, repeated once per set.
pub fn from_strength(name: &str, items: &[StrengthItem]) -> Workout {
    let mut steps = Vec::new();
    for item in items {
        let first = steps.len();
        steps.push(Step::Action(Action {
            name: Some(item.name.clone()),
            notes: item.notes.clone(),
            exercise: item.exercise,
            weight_kg: item.kg,
            ..Action::new(Intensity::Active, item.work, Target::Open)
        }));
        let rest = match item.rest_s {
            Some(seconds) if seconds > 0 => Duration::Time { seconds },
            _ => Duration::Open,
        };
        steps.push(Step::Action(Action {
            name: Some("Rest".to_string()),
            ..Action::new(Intensity::Rest, rest, Target::Open)
        }));
        if item.sets > 1 {
            steps.push(Step::Repeat {
                from_step: u16::try_from(first).unwrap_or(u16::MAX),
                count: u32::from(item.sets),
            });
        }
    }
    Workout {
        name: name.to_string(),
        sport: Sport::Training,
        steps,
        created_unix_s: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::structure::{PaceRange, parse};

    fn paces() -> Paces {
        Paces {
            e: PaceRange {
                slow_s_per_km: 363,
                fast_s_per_km: 323,
            },
            m: PaceRange::around(297, 5),
            t: PaceRange::around(278, 5),
            i: PaceRange::around(256, 5),
            r: PaceRange::around(235, 5),
        }
    }

    #[test]
    fn intervals_get_warm_up_repeat_and_cool_down() {
        let s = parse("2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E").unwrap();
        let w = from_run(&s, &paces(), "Intervals");
        let kinds: Vec<String> = w
            .steps
            .iter()
            .map(|s| match s {
                Step::Action(a) => format!("{:?} {:?} {:?}", a.intensity, a.duration, a.target),
                Step::Repeat { from_step, count } => format!("repeat from {from_step} x{count}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "Warmup Distance { metres: 2000 } Pace { slow_s_per_km: 363, fast_s_per_km: 323 }",
                "Active Distance { metres: 1000 } Pace { slow_s_per_km: 261, fast_s_per_km: 251 }",
                "Recovery Time { seconds: 180 } Open",
                "repeat from 1 x5",
                "Cooldown Distance { metres: 2000 } Pace { slow_s_per_km: 363, fast_s_per_km: 323 }",
            ]
        );
    }

    #[test]
    fn single_segment_is_active_and_rest_recovery_is_rest() {
        let w = from_run(&parse("40 min E").unwrap(), &paces(), "Easy");
        assert!(matches!(&w.steps[..], [Step::Action(a)] if a.intensity == Intensity::Active));
        let w = from_run(
            &parse("6 x 200 m @ R (90 s rest)").unwrap(),
            &paces(),
            "Reps",
        );
        assert!(matches!(&w.steps[1], Step::Action(a) if a.intensity == Intensity::Rest));
        assert!(matches!(
            w.steps[2],
            Step::Repeat {
                from_step: 0,
                count: 6
            }
        ));
    }

    #[test]
    fn strength_sets_become_repeats() {
        let items = [
            StrengthItem {
                name: "Back squat".into(),
                exercise: Some(FitExercise {
                    category: 28,
                    name: Some(6),
                }),
                sets: 4,
                work: Duration::Reps(5),
                kg: Some(80.0),
                rest_s: Some(180),
                notes: None,
            },
            StrengthItem {
                name: "Front plank".into(),
                exercise: None,
                sets: 1,
                work: Duration::Time { seconds: 30 },
                kg: None,
                rest_s: None,
                notes: None,
            },
        ];
        let w = from_strength("Heavy", &items);
        assert_eq!(w.sport, Sport::Training);
        assert_eq!(w.steps.len(), 5);
        assert!(matches!(
            w.steps[2],
            Step::Repeat {
                from_step: 0,
                count: 4
            }
        ));
        assert!(matches!(&w.steps[4], Step::Action(a) if a.duration == Duration::Open));
    }
}
