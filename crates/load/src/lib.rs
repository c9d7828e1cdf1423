//! runlift's load models and readiness (issue 14): session RPE, TRIMP, strength and impact load,
//! fitness/fatigue/form per system, ACWR, monotony and strain, HRV and resting-HR baselines,
//! e1RM trends, race prediction, and the daily readiness of rulebook group D. Pure: plain values
//! in, values out; no IO, no clock. Each model's formula, constants and source: docs/load/.

pub mod acwr;
pub mod baseline;
pub mod compliance;
pub mod daily;
pub mod impact;
pub mod input;
pub mod maxes;
pub mod pmc;
pub mod race;
pub mod readiness;
pub mod session;
pub mod strength;
pub mod trimp;

pub use daily::{Athlete, DailyLoad, DaySummary, System, Systems, daily_loads, models, summarise};
pub use input::{DayLog, HeartRate, HeartRateProfile, HrSample, LiftSet, Session, Sex, Wellness};
pub use pmc::{Form, Weighting};
pub use readiness::{Action, Readiness, ReadinessParams, readiness_days};
