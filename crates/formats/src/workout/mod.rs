//! Structured workouts for watches: the [`Workout`] value, builders from a run structure or a
//! strength prescription ([`from_run`], [`from_strength`]), and the FIT workout-file encoder
//! ([`encode`], [`to_bytes`]). Pure: values in, bytes out.
//!
//! Units follow the rest of runlift (metres, seconds, seconds per kilometre, kilograms); the
//! encoder converts to FIT's units (ms, cm, mm/s, kg × 100) and checks that every value fits.

mod build;
mod encode;
mod exercises;

pub use build::{StrengthItem, from_run, from_strength};
pub use encode::{EncodeError, encode, to_bytes};
pub use exercises::{FIT_EXERCISES, fit_exercise};

/// A workout: a name, a sport and its steps in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Workout {
    /// Shown on the watch (`wkt_name`); at most 254 bytes are written.
    pub name: String,
    pub sport: Sport,
    pub steps: Vec<Step>,
    /// `file_id.time_created` as Unix seconds; `None` leaves it out, so the same workout always
    /// gives the same bytes.
    pub created_unix_s: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sport {
    /// FIT sport `running`.
    Running,
    /// FIT sport `training`, sub-sport `strength_training`.
    Training,
}

/// One workout step: something to do, or a jump back to repeat earlier steps.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Action(Action),
    /// Repeat the steps from index `from_step` up to this one, `count` times in all.
    Repeat {
        from_step: u16,
        count: u32,
    },
}

/// A step that is run, lifted or rested.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Shown on the watch (`wkt_step_name`); at most 254 bytes are written.
    pub name: Option<String>,
    pub intensity: Intensity,
    pub duration: Duration,
    pub target: Target,
    /// Free text (`notes`); at most 254 bytes are written.
    pub notes: Option<String>,
    /// The exercise in Garmin's exercise tables, for strength steps.
    pub exercise: Option<FitExercise>,
    /// Load for strength steps, kilograms (0.01 kg resolution, at most 655.34 kg).
    pub weight_kg: Option<f64>,
}

impl Action {
    /// A step with no name, notes, exercise or weight.
    pub fn new(intensity: Intensity, duration: Duration, target: Target) -> Action {
        Action {
            name: None,
            intensity,
            duration,
            target,
            notes: None,
            exercise: None,
            weight_kg: None,
        }
    }
}

/// FIT `intensity` of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intensity {
    Active,
    Rest,
    Warmup,
    Cooldown,
    Recovery,
}

/// When a step ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    Time {
        seconds: u32,
    },
    Distance {
        metres: u32,
    },
    /// Until the lap button is pressed.
    Open,
    Reps(u32),
}

/// What the watch guides the athlete to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Open,
    /// A pace range; `slow_s_per_km >= fast_s_per_km > 0`.
    Pace {
        slow_s_per_km: u32,
        fast_s_per_km: u32,
    },
    /// A heart-rate range in beats per minute.
    HeartRate {
        lo_bpm: u8,
        hi_bpm: u8,
    },
}

/// An exercise as Garmin's profile numbers it: `exercise_category` and, within it,
/// `<category>_exercise_name` (absent when only the category fits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FitExercise {
    pub category: u16,
    pub name: Option<u16>,
}
