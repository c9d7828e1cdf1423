//! The load models' inputs: plain values (a day's sessions with their minutes, RPE, heart-rate
//! samples and lift sets; wellness rows) that the store and the CLI fill. Metres and seconds;
//! days are day numbers (days since 1970-01-01), as the rules count them.

use runlift_model::Kind;
use runlift_model::library::ExId;
use serde::{Deserialize, Serialize};

/// Sex, for Banister's TRIMP weighting (Morton, Fitz-Clarke & Banister 1990).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

/// The athlete's heart-rate anchors, beats per minute.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeartRateProfile {
    pub rest_bpm: f64,
    pub max_bpm: f64,
    pub sex: Sex,
}

/// One heart-rate sample: seconds from the session's start and beats per minute.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HrSample {
    pub t_s: f64,
    pub bpm: f64,
}

/// Heart rate as recorded for one session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeartRate {
    /// The watch's stream, in time order.
    Stream(Vec<HrSample>),
    /// Only the session's average, bpm.
    Average(f64),
    #[default]
    None,
}

/// One lift set as logged (`EXERCISE:REPSxKG[@RPE]`, formats.md).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiftSet {
    pub exercise: ExId,
    pub reps: u16,
    /// Load in kilograms; 0 for body weight.
    pub kg: f64,
    /// CR-10 RPE of the set (RIR = 10 − RPE), when logged.
    pub rpe: Option<f64>,
    /// Plyometric landings counted for the set, when logged (§7 C16).
    pub contacts: Option<u32>,
}

/// One session done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub kind: Kind,
    pub seconds: f64,
    /// Session RPE (CR-10, Foster), when logged; else §7 C23's default for the kind.
    pub rpe: Option<f64>,
    pub distance_m: Option<f64>,
    #[serde(default)]
    pub heart_rate: HeartRate,
    #[serde(default)]
    pub sets: Vec<LiftSet>,
}

impl Session {
    /// A session with no heart rate, distance or sets.
    pub fn new(kind: Kind, seconds: f64, rpe: Option<f64>) -> Session {
        Session {
            kind,
            seconds,
            rpe,
            distance_m: None,
            heart_rate: HeartRate::None,
            sets: Vec::new(),
        }
    }

    pub fn minutes(&self) -> f64 {
        self.seconds / 60.0
    }
}

/// One day's sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayLog {
    pub day: i32,
    pub sessions: Vec<Session>,
}

/// Lowest and highest rating of a wellness item (McLean et al. 2010; 5 best).
pub const ITEM_MIN: u8 = 1;
pub const ITEM_MAX: u8 = 5;
/// Highest wellness sum (five items).
pub const SUM_MAX: u8 = 5 * ITEM_MAX;

/// One morning's wellness row: McLean et al. 2010's five items, 1–5 each (5 best), and what
/// the athlete measured.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wellness {
    pub day: i32,
    pub fatigue: u8,
    pub sleep: u8,
    pub soreness: u8,
    pub stress: u8,
    pub mood: u8,
    /// Last night's sleep, seconds.
    pub sleep_s: Option<f64>,
    /// Morning rMSSD, milliseconds.
    pub rmssd_ms: Option<f64>,
    /// Morning resting heart rate, bpm.
    pub rest_hr_bpm: Option<f64>,
}

/// A value the models cannot use, named by its field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("wellness {field} = {value} on day {day}: expected 1–5 (5 best)")]
    WellnessItem {
        day: i32,
        field: &'static str,
        value: u8,
    },
    #[error("wellness {field} = {value} on day {day}: expected a positive number")]
    Measurement {
        day: i32,
        field: &'static str,
        value: f64,
    },
    #[error("heart rate: resting {rest_bpm} bpm must be positive and below maximum {max_bpm} bpm")]
    HeartRate { rest_bpm: f64, max_bpm: f64 },
    #[error("the log runs from day {first} to day {last}: more than {MAX_SPAN_DAYS} days")]
    Span { first: i32, last: i32 },
}

/// The longest history the models take at once (100 years): a guard against a mistyped date
/// turning into a huge table.
pub const MAX_SPAN_DAYS: i64 = 36_525;

/// The first and last of some days, checked against [`MAX_SPAN_DAYS`]; None without days.
pub fn day_span(days: impl Iterator<Item = i32> + Clone) -> Result<Option<(i32, i32)>, InputError> {
    let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
        return Ok(None);
    };
    if i64::from(last) - i64::from(first) >= MAX_SPAN_DAYS {
        return Err(InputError::Span { first, last });
    }
    Ok(Some((first, last)))
}

impl Wellness {
    /// The five items in McLean's order: fatigue, sleep, soreness, stress, mood.
    pub fn items(&self) -> [(&'static str, u8); 5] {
        runlift_model::log::wellness_items([
            self.fatigue,
            self.sleep,
            self.soreness,
            self.stress,
            self.mood,
        ])
    }

    /// The wellness sum, 5–25.
    pub fn sum(&self) -> u8 {
        self.items().iter().map(|(_, v)| v).sum()
    }

    /// Every item within 1–5 and every measurement positive and finite.
    pub fn validate(&self) -> Result<(), InputError> {
        for (field, value) in self.items() {
            if !(ITEM_MIN..=ITEM_MAX).contains(&value) {
                return Err(InputError::WellnessItem {
                    day: self.day,
                    field,
                    value,
                });
            }
        }
        let measured = [
            ("sleep_s", self.sleep_s),
            ("rmssd_ms", self.rmssd_ms),
            ("rest_hr_bpm", self.rest_hr_bpm),
        ];
        for (field, value) in measured {
            if let Some(v) = value
                && !(v.is_finite() && v > 0.0)
            {
                return Err(InputError::Measurement {
                    day: self.day,
                    field,
                    value: v,
                });
            }
        }
        Ok(())
    }
}

impl HeartRateProfile {
    /// Resting below maximum, both positive.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.rest_bpm > 0.0 && self.max_bpm > self.rest_bpm && self.max_bpm.is_finite() {
            Ok(())
        } else {
            Err(InputError::HeartRate {
                rest_bpm: self.rest_bpm,
                max_bpm: self.max_bpm,
            })
        }
    }
}
