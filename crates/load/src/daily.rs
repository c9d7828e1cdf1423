//! The daily load table: each day's loads by model and by system, and the time-series models
//! over them (fitness/fatigue/form per system and combined, ACWR, monotony and strain).
//!
//! Systems and their loads (formats.md's `systems`):
//! - **combined**: session RPE of every session (Foster 2001), AU — the one unit every session has;
//! - **cardio**: Banister TRIMP (sessions without heart rate add none and are counted);
//! - **muscular**: session RPE of the strength sessions (formats.md's `strength`);
//! - **impact**: running metres plus plyometric contacts as metres ([`crate::impact`]).
//!
//! [`summarise`] turns a log into one [`DaySummary`] per calendar day (rest days included);
//! [`models`] runs the time series over the summaries in one pass.

use runlift_model::Kind;
use runlift_rules::load::{Ewma, FuelClass, ewma_seed, fuel_class};
use serde::{Deserialize, Serialize};

use crate::acwr::{CHRONIC, Monotony, RollingAcwr, monotony, rolling_acwr};
use crate::impact::{Impact, session_impact};
use crate::input::{DayLog, HeartRateProfile, InputError, LiftSet, day_span};
use crate::pmc::{Form, Pmc, Weighting};
use crate::session::{session_rating, srpe};
use crate::strength::{RelativeVolume, StrengthTracker};
use crate::trimp::{self, TrimpMethod};

/// A physiological system whose load runlift tracks apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Cardio,
    Muscular,
    Impact,
}

impl System {
    pub const ALL: [System; 3] = [System::Cardio, System::Muscular, System::Impact];

    pub fn word(self) -> &'static str {
        match self {
            System::Cardio => "cardio",
            System::Muscular => "muscular",
            System::Impact => "impact",
        }
    }

    /// The model that measures the system (formats.md's `systems` map).
    pub fn model(self) -> &'static str {
        match self {
            System::Cardio => "trimp",
            System::Muscular => "strength",
            System::Impact => "impact",
        }
    }
}

/// One value per system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Systems<T> {
    pub cardio: T,
    pub muscular: T,
    pub impact: T,
}

impl<T: Copy> Systems<T> {
    pub fn get(&self, s: System) -> T {
        match s {
            System::Cardio => self.cardio,
            System::Muscular => self.muscular,
            System::Impact => self.impact,
        }
    }

    pub fn map<U>(&self, mut f: impl FnMut(System, T) -> U) -> Systems<U> {
        Systems {
            cardio: f(System::Cardio, self.cardio),
            muscular: f(System::Muscular, self.muscular),
            impact: f(System::Impact, self.impact),
        }
    }
}

/// What the models need to know about the athlete.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Athlete {
    /// Resting and maximum heart rate and sex, for TRIMP; None gives no cardio load.
    pub heart_rate: Option<HeartRateProfile>,
    pub weighting: Weighting,
}

/// How many of a day's sessions had each kind of heart-rate record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrimpSources {
    pub stream: u32,
    pub average: u32,
    pub none: u32,
}

/// One day's loads by model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DaySummary {
    pub day: i32,
    /// Session RPE of every session, AU.
    pub srpe: f64,
    /// Banister TRIMP.
    pub trimp: f64,
    pub edwards: f64,
    pub trimp_sources: TrimpSources,
    /// Session RPE of the strength sessions, AU.
    pub strength: f64,
    pub strength_volume: RelativeVolume,
    pub impact: Impact,
    /// Training minutes (mobility excluded) and the highest session rating, for R-FUEL.
    pub minutes: f64,
    pub max_rpe: f64,
}

impl DaySummary {
    /// A rest day.
    pub fn rest(day: i32) -> DaySummary {
        DaySummary {
            day,
            ..DaySummary::default()
        }
    }

    /// R-FUEL's carbohydrate class of the day as done, by the rules crate's one definition.
    pub fn fuel(&self) -> FuelClass {
        fuel_class(self.minutes.round() as u32, self.max_rpe as f32)
    }

    /// The day's load of a system.
    pub fn system(&self, s: System) -> f64 {
        match s {
            System::Cardio => self.trimp,
            System::Muscular => self.strength,
            System::Impact => self.impact.load(),
        }
    }
}

/// One row of the daily table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DailyLoad {
    pub summary: DaySummary,
    /// Fitness, fatigue and form of the combined load.
    pub combined: Form,
    pub systems: Systems<Form>,
    /// Williams' EWMA of the combined load.
    pub ewma: Ewma,
    /// EWMA ACWR of each system (None while its chronic average is zero).
    pub system_acwr: Systems<Option<f64>>,
    /// Gabbett's rolling ACWR (from the 28th day).
    pub rolling: Option<RollingAcwr>,
    /// Monotony and strain of the last 7 days' combined load.
    pub monotony: Option<Monotony>,
    /// Days of history up to and including this one.
    pub history_days: u32,
}

impl DailyLoad {
    pub fn day(&self) -> i32 {
        self.summary.day
    }

    /// EWMA ACWR of the combined load.
    pub fn acwr(&self) -> Option<f64> {
        self.ewma.ratio()
    }
}

/// One summary per calendar day from the log's first to its last day (rest days filled in;
/// several entries for one day merged). Refuses an impossible heart-rate profile and a log
/// longer than [`crate::input::MAX_SPAN_DAYS`].
pub fn summarise(log: &[DayLog], athlete: &Athlete) -> Result<Vec<DaySummary>, InputError> {
    if let Some(hr) = &athlete.heart_rate {
        hr.validate()?;
    }
    let Some((first, last)) = day_span(log.iter().map(|d| d.day))? else {
        return Ok(Vec::new());
    };
    let mut order: Vec<&DayLog> = log.iter().collect();
    order.sort_by_key(|d| d.day);
    let mut out: Vec<DaySummary> = (first..=last).map(DaySummary::rest).collect();
    let mut strength = StrengthTracker::default();
    let mut i = 0;
    while i < order.len() {
        let day = order[i].day;
        let j = i + order[i..].iter().take_while(|d| d.day == day).count();
        let slot = &mut out[(day - first) as usize];
        add_sessions(slot, &order[i..j], athlete, &mut strength);
        i = j;
    }
    Ok(out)
}

fn add_sessions(
    slot: &mut DaySummary,
    entries: &[&DayLog],
    athlete: &Athlete,
    strength: &mut StrengthTracker,
) {
    let hr = athlete.heart_rate.as_ref();
    let mut sets: Vec<&LiftSet> = Vec::new();
    for s in entries.iter().flat_map(|d| &d.sessions) {
        let load = srpe(s);
        slot.srpe += load;
        if s.kind != Kind::Mob && load > 0.0 {
            slot.minutes += s.minutes();
            slot.max_rpe = slot.max_rpe.max(session_rating(s));
        }
        if s.kind.is_strength() {
            slot.strength += load;
        }
        let t = trimp::banister(s, hr);
        slot.trimp += t.value;
        slot.edwards += trimp::edwards(s, hr).value;
        match t.method {
            TrimpMethod::Stream => slot.trimp_sources.stream += 1,
            TrimpMethod::Average => slot.trimp_sources.average += 1,
            TrimpMethod::None => slot.trimp_sources.none += 1,
        }
        slot.impact.add(session_impact(s));
        sets.extend(&s.sets);
    }
    slot.strength_volume = strength.add_day(slot.day, &sets);
}

/// The time-series models over consecutive daily summaries.
pub fn models(days: &[DaySummary], weighting: Weighting) -> Vec<DailyLoad> {
    let srpe: Vec<f64> = days.iter().map(|d| d.srpe).collect();
    let seed_of = |s: System| {
        let head: Vec<f64> = days.iter().take(CHRONIC).map(|d| d.system(s)).collect();
        ewma_seed(&head)
    };
    let mut combined = Pmc::new(weighting);
    let mut pmc = Systems::<()>::default().map(|_, _| Pmc::new(weighting));
    let mut ewma = Ewma::seeded(ewma_seed(&srpe[..srpe.len().min(CHRONIC)]));
    let mut sys_ewma = Systems::<()>::default().map(|s, _| Ewma::seeded(seed_of(s)));
    let mut out = Vec::with_capacity(days.len());
    for (i, d) in days.iter().enumerate() {
        ewma = ewma.step(d.srpe);
        sys_ewma = sys_ewma.map(|s, e| e.step(d.system(s)));
        let window = &srpe[..=i];
        out.push(DailyLoad {
            summary: *d,
            combined: combined.step(d.srpe),
            systems: Systems {
                cardio: pmc.cardio.step(d.trimp),
                muscular: pmc.muscular.step(d.strength),
                impact: pmc.impact.step(d.impact.load()),
            },
            ewma,
            system_acwr: sys_ewma.map(|_, e| e.ratio()),
            rolling: rolling_acwr(window),
            monotony: monotony(window),
            history_days: i as u32 + 1,
        });
    }
    out
}

/// The daily table of a log.
pub fn daily_loads(log: &[DayLog], athlete: &Athlete) -> Result<Vec<DailyLoad>, InputError> {
    Ok(models(&summarise(log, athlete)?, athlete.weighting))
}
