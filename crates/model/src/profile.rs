//! The athlete profile (rulebook §2, formats.md `athlete.toml`).

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use crate::region::{Equipment, EquipmentSet, Region};
use crate::serde_util;

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($var:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn word(self) -> &'static str { match self { $($name::$var => $word),+ } }
            pub fn from_word(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.word() == s)
            }
            pub fn words() -> impl Iterator<Item = &'static str> + Clone {
                $name::ALL.iter().map(|v| v.word())
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.word()) }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde_util::word(d, $what, $name::from_word, $name::words())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// Training level (rulebook §2).
    Level, "level" { Beginner = "beginner", Intermediate = "intermediate", Advanced = "advanced" }
);
word_enum!(
    /// Lifting experience.
    Lifting, "lifting experience" {
        None = "none", Lt3mo = "lt3mo", Lt6mo = "lt6mo", M6to24 = "6-24mo", Gt24mo = "gt24mo"
    }
);
word_enum!(
    /// Race priority.
    Priority, "race priority" { A = "A", B = "B", C = "C" }
);
word_enum!(
    /// A day slot.
    Slot, "slot" { Am = "am", Pm = "pm" }
);
word_enum!(
    /// Injury status.
    InjuryStatus, "injury status" { Active = "active", Recovering = "recovering" }
);
word_enum!(
    /// Kind of running-technique change (R-TECH-RAMP).
    TechniqueKind, "technique change" { Arm = "arm", Hip = "hip", HeelLift = "heel-lift", Other = "other" }
);

impl Lifting {
    /// At least six months of lifting (R-PLYO-GATE, R-SEP-48H).
    pub fn at_least_6mo(self) -> bool {
        matches!(self, Lifting::M6to24 | Lifting::Gt24mo)
    }
}

/// A race or goal distance: a named distance or metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Distance {
    M800,
    M1500,
    Mile,
    K5,
    K10,
    Half,
    Marathon,
    Ultra,
    Metres(f64),
}

impl Distance {
    const NAMED: [(Distance, &'static str); 8] = [
        (Distance::M800, "800m"),
        (Distance::M1500, "1500m"),
        (Distance::Mile, "mile"),
        (Distance::K5, "5k"),
        (Distance::K10, "10k"),
        (Distance::Half, "half"),
        (Distance::Marathon, "marathon"),
        (Distance::Ultra, "ultra"),
    ];

    pub fn from_word(s: &str) -> Option<Distance> {
        Distance::NAMED
            .iter()
            .find(|(_, w)| *w == s)
            .map(|(d, _)| *d)
    }

    pub fn metres(self) -> f64 {
        match self {
            Distance::M800 => 800.0,
            Distance::M1500 => 1500.0,
            Distance::Mile => 1609.344,
            Distance::K5 => 5000.0,
            Distance::K10 => 10000.0,
            Distance::Half => 21097.5,
            Distance::Marathon => 42195.0,
            Distance::Ultra => 50000.0,
            Distance::Metres(m) => m,
        }
    }

    /// Races up to 10 km (taper length, transition length).
    pub fn is_short(self) -> bool {
        self.metres() <= 10_000.0
    }
}

impl fmt::Display for Distance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Distance::Metres(m) => write!(f, "{m} m"),
            d => f.write_str(
                Distance::NAMED
                    .iter()
                    .find(|(x, _)| x == d)
                    .map_or("?", |(_, w)| w),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Distance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(f64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(m) if m > 0.0 && m <= 1_000_000.0 => Ok(Distance::Metres(m)),
            Raw::N(m) => Err(serde::de::Error::custom(format!(
                "race distance must be between 0 and 1000000 metres, got {m}"
            ))),
            Raw::S(s) => Distance::from_word(&s).ok_or_else(|| {
                serde::de::Error::custom(crate::suggest::unknown_word(
                    "distance",
                    &s,
                    Distance::NAMED.iter().map(|(_, w)| *w),
                ))
            }),
        }
    }
}

/// A race on the calendar.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Race {
    #[serde(deserialize_with = "serde_util::date")]
    pub date: Date,
    pub distance: Distance,
    pub priority: Priority,
    #[serde(default)]
    pub name: Option<String>,
}

/// A recent race result that sets the VDOT.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecentRace {
    pub distance: Distance,
    /// `h:mm:ss` or `m:ss`.
    pub time: String,
    #[serde(default, deserialize_with = "serde_util::opt_date")]
    pub date: Option<Date>,
}

/// A rep-max estimate for one exercise.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftRm {
    pub exercise: crate::library::ExId,
    pub kg: f64,
    pub reps: u8,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Injury {
    pub region: Region,
    #[serde(default = "active")]
    pub status: InjuryStatus,
    /// The day it began (formats.md; checked against the plan's start).
    #[serde(default, deserialize_with = "serde_util::opt_date")]
    pub since: Option<Date>,
    /// Shown in the plan.
    #[serde(default)]
    pub note: Option<String>,
}

fn active() -> InjuryStatus {
    InjuryStatus::Active
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechniqueChange {
    #[serde(rename = "type")]
    pub kind: TechniqueKind,
    #[serde(deserialize_with = "serde_util::date")]
    pub start_date: Date,
}

/// Minutes free in each slot of one weekday.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DayAvailability {
    pub am: Option<u16>,
    pub pm: Option<u16>,
}

impl DayAvailability {
    pub fn slot(&self, s: Slot) -> Option<u16> {
        match s {
            Slot::Am => self.am,
            Slot::Pm => self.pm,
        }
    }
}

/// Availability Monday..Sunday.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    pub mon: Option<DayAvailability>,
    pub tue: Option<DayAvailability>,
    pub wed: Option<DayAvailability>,
    pub thu: Option<DayAvailability>,
    pub fri: Option<DayAvailability>,
    pub sat: Option<DayAvailability>,
    pub sun: Option<DayAvailability>,
}

impl Availability {
    /// Weekday index 0 = Monday.
    pub fn day(&self, weekday0: usize) -> DayAvailability {
        let d = [
            self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun,
        ];
        d.get(weekday0).copied().flatten().unwrap_or_default()
    }
    /// Minutes free in a slot, `None` when unavailable.
    pub fn minutes(&self, weekday0: usize, slot: Slot) -> Option<u16> {
        self.day(weekday0).slot(slot).filter(|m| *m > 0)
    }
    pub fn is_empty(&self) -> bool {
        (0..7).all(|d| self.minutes(d, Slot::Am).is_none() && self.minutes(d, Slot::Pm).is_none())
    }
}

/// Default start times of the slots, minutes after midnight.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SlotTimes {
    #[serde(default = "am_default", deserialize_with = "time")]
    pub am: u16,
    #[serde(default = "pm_default", deserialize_with = "time")]
    pub pm: u16,
}

fn time<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    serde_util::opt_time(d).map(|t| t.unwrap_or(0))
}
fn am_default() -> u16 {
    7 * 60
}
fn pm_default() -> u16 {
    18 * 60
}

impl Default for SlotTimes {
    fn default() -> Self {
        SlotTimes {
            am: am_default(),
            pm: pm_default(),
        }
    }
}

impl SlotTimes {
    pub fn of(&self, s: Slot) -> u16 {
        match s {
            Slot::Am => self.am,
            Slot::Pm => self.pm,
        }
    }
}

fn equipment<'de, D: Deserializer<'de>>(d: D) -> Result<EquipmentSet, D::Error> {
    struct W(Equipment);
    impl<'de> Deserialize<'de> for W {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            serde_util::word(d, "equipment", Equipment::from_word, Equipment::words()).map(W)
        }
    }
    let v: Vec<W> = Vec::deserialize(d)?;
    Ok(v.into_iter().fold(EquipmentSet::ALWAYS, |s, w| s.with(w.0)))
}

fn default_equipment() -> EquipmentSet {
    EquipmentSet::ALWAYS
}

/// Parameter overrides per rule: `[rules.R-SEP-24H] hours = 30`.
pub type RuleOverrides = BTreeMap<String, BTreeMap<String, f64>>;

/// The athlete profile as written in `athlete.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default, deserialize_with = "serde_util::opt_birth_year")]
    pub birth_year: Option<i16>,
    pub weekly_km: f64,
    #[serde(default = "no_lifting")]
    pub lifting: Lifting,
    #[serde(default)]
    pub running_years: Option<f64>,
    #[serde(default)]
    pub tz: Option<String>,
    pub goal: Distance,
    #[serde(default, deserialize_with = "serde_util::opt_date")]
    pub plan_start: Option<Date>,
    #[serde(default)]
    pub microdose: bool,
    #[serde(default = "default_equipment", deserialize_with = "equipment")]
    pub equipment: EquipmentSet,
    #[serde(default)]
    pub vdot: Option<f64>,
    #[serde(default)]
    pub recent_race: Option<RecentRace>,
    #[serde(default)]
    pub lifts: Vec<LiftRm>,
    #[serde(default)]
    pub availability: Availability,
    #[serde(default)]
    pub times: SlotTimes,
    #[serde(default, rename = "race")]
    pub races: Vec<Race>,
    #[serde(default, rename = "injury")]
    pub injuries: Vec<Injury>,
    #[serde(default)]
    pub technique_change: Option<TechniqueChange>,
    #[serde(default)]
    pub rules: RuleOverrides,
    /// Display units (`"mi"`, `"lb"`, `"mi,lb"`, `["mi", "lb"]`); storage stays metric.
    #[serde(default, deserialize_with = "crate::units::deserialize")]
    pub units: crate::units::Units,
}

fn no_lifting() -> Lifting {
    Lifting::None
}

/// A problem with a profile's values that the type system does not catch.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileIssue {
    pub field: String,
    pub message: String,
}

impl Profile {
    /// The level: as given, or derived (rulebook §2): beginner under 12 months of running or
    /// under 25 km/week; advanced at ≥ 3 years and ≥ 60 km/week; else intermediate. Without
    /// `running_years` only the volume decides.
    pub fn level(&self) -> Level {
        if let Some(l) = self.level {
            return l;
        }
        let years = self.running_years;
        if self.weekly_km < 25.0 || years.is_some_and(|y| y < 1.0) {
            Level::Beginner
        } else if self.weekly_km >= 60.0 && years.is_none_or(|y| y >= 3.0) {
            Level::Advanced
        } else {
            Level::Intermediate
        }
    }

    pub fn high_mileage(&self) -> bool {
        self.weekly_km >= 80.0
    }

    /// Age in the given year.
    pub fn age_in(&self, year: i16) -> Option<i16> {
        self.birth_year.map(|b| year - b)
    }

    pub fn injured(&self, r: Region) -> Option<InjuryStatus> {
        self.injuries
            .iter()
            .find(|i| i.region == r)
            .map(|i| i.status)
    }

    /// Value checks beyond the types: positive volume, some availability, sane VDOT.
    pub fn validate(&self) -> Vec<ProfileIssue> {
        let mut out = Vec::new();
        let mut bad = |field: &str, message: String| {
            out.push(ProfileIssue {
                field: field.to_string(),
                message,
            })
        };
        if !(0.0..=400.0).contains(&self.weekly_km) {
            bad(
                "weekly_km",
                format!("must be between 0 and 400 km, got {}", self.weekly_km),
            );
        }
        if self.availability.is_empty() {
            bad(
                "availability",
                "no slot is available: give minutes for at least one day, e.g. `mon = { am = 60 }`"
                    .to_string(),
            );
        }
        if self.times.am >= self.times.pm {
            bad(
                "times",
                format!(
                    "am ({}) must be earlier than pm ({})",
                    clock(self.times.am),
                    clock(self.times.pm)
                ),
            );
        }
        if let Some(v) = self.vdot
            && !(20.0..=90.0).contains(&v)
        {
            bad("vdot", format!("must be between 20 and 90, got {v}"));
        }
        if let Some(r) = &self.recent_race
            && let Err(e) = crate::paces::recent_race_vdot(r.distance.metres(), &r.time)
        {
            bad("recent_race.time", e);
        }
        for (i, l) in self.lifts.iter().enumerate() {
            if l.kg.is_nan() || l.kg <= 0.0 || l.kg >= 1000.0 || l.reps == 0 || l.reps > 20 {
                bad(
                    &format!("lifts[{i}]"),
                    format!(
                        "needs kg in (0, 1000) and reps in 1..=20, got {} kg × {}",
                        l.kg, l.reps
                    ),
                );
            }
        }
        if let Some(start) = self.plan_start {
            out.extend(crate::bounds::profile_dates(self, start).errors);
        }
        out
    }
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
