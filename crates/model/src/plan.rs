//! A training plan as written in `plan.toml` / `plan.json` (formats.md "Plan"): phase labels,
//! sessions with exercises, and what the planner had to drop.

use std::fmt;

use jiff::civil::Date;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::kind::Kind;
use crate::library::ExId;
use crate::profile::{Profile, Slot, word_enum};
use crate::serde_util;

word_enum!(
    /// A periodization phase (rulebook §4).
    Phase, "phase" {
        Base = "base", Preparation = "preparation", Peak = "peak", Taper = "taper", Race = "race",
        Transition = "transition", InSeason = "in-season"
    }
);

word_enum!(
    /// A test carried out in a session (R-TEST).
    TestKind, "test" {
        WallSit = "wall-sit", TimeTrial = "time-trial", Sprint = "sprint", Cmj = "cmj", RmTest = "rm-test"
    }
);

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_util::word(d, "session kind", Kind::from_code, Kind::codes())
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl TestKind {
    /// The library exercise that is this test's own protocol (the wall sit's `wall-sit`).
    pub fn exercise(self) -> Option<ExId> {
        match self {
            TestKind::WallSit => crate::library::library().id("wall-sit"),
            _ => None,
        }
    }
}

impl Session {
    /// Whether `rx` is the measurement of this session's test rather than training: the
    /// `wall-sit` of a `test = "wall-sit"` session. R-TEST asks for tests at the end of a
    /// deload, so such an exercise is never "new" (R-DELOAD, R-ROTATE; docs/rules/group-f.md).
    pub fn tests_exercise(&self, rx: &ExerciseRx) -> bool {
        self.test.and_then(TestKind::exercise) == Some(rx.id)
    }
}

/// One exercise of a strength session.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseRx {
    pub id: ExId,
    #[serde(default = "one")]
    pub sets: u16,
    #[serde(default)]
    pub reps: Option<u16>,
    #[serde(default, deserialize_with = "serde_util::non_negative")]
    pub kg: Option<f64>,
    #[serde(default)]
    pub pct_1rm: Option<f64>,
    #[serde(default)]
    pub rir: Option<f64>,
    #[serde(default)]
    pub rpe: Option<f64>,
    #[serde(default)]
    pub rest_s: Option<u32>,
    /// Plyometric landings for the whole exercise (§7 C16).
    #[serde(default)]
    pub contacts: Option<u32>,
    /// Duration of a set for holds and drills, seconds (an addition to formats.md).
    #[serde(default)]
    pub hold_s: Option<u32>,
    /// The explosive analogue of a PAP complex.
    #[serde(default)]
    pub pair: Option<ExId>,
    #[serde(default)]
    pub tempo: Option<String>,
    #[serde(default)]
    pub superset: Option<String>,
}

fn one() -> u16 {
    1
}

/// One planned session.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    #[serde(deserialize_with = "serde_util::date")]
    pub date: Date,
    pub slot: Slot,
    #[serde(default, deserialize_with = "serde_util::opt_time")]
    pub start: Option<u16>,
    #[serde(deserialize_with = "serde_util::minutes")]
    pub minutes: u16,
    pub kind: Kind,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "serde_util::non_negative")]
    pub distance_m: Option<f64>,
    #[serde(default)]
    pub rpe: Option<f64>,
    #[serde(default)]
    pub structure: Option<String>,
    #[serde(default)]
    pub test: Option<TestKind>,
    #[serde(default)]
    pub exercises: Vec<ExerciseRx>,
    // Written by the planner; accepted and ignored by the linter.
    #[serde(default)]
    pub id: Option<IgnoredAny>,
    #[serde(default)]
    pub phase: Option<IgnoredAny>,
    #[serde(default)]
    pub week: Option<IgnoredAny>,
    #[serde(default)]
    pub why: Option<IgnoredAny>,
}

/// A `[[week]]` label.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekLabel {
    #[serde(deserialize_with = "serde_util::date")]
    pub start: Date,
    pub phase: Phase,
    #[serde(default)]
    pub deload: bool,
}

/// A session the planner could not place.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    #[serde(deserialize_with = "serde_util::date")]
    pub week: Date,
    pub kind: Kind,
    pub rule: String,
    pub reason: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

/// The plan's athlete: a path to a profile, or the profile inline.
#[derive(Clone, Debug)]
pub enum AthleteRef {
    Path(String),
    Inline(Box<Profile>),
}

impl<'de> Deserialize<'de> for AthleteRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AthleteRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path to a profile file or an inline [athlete] table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AthleteRef, E> {
                Ok(AthleteRef::Path(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AthleteRef, A::Error> {
                Profile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|p| AthleteRef::Inline(Box::new(p)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A plan file. TOML uses `[[week]]`, `[[session]]`, `[[dropped]]`; JSON the plural keys.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub athlete: Option<AthleteRef>,
    #[serde(default, rename = "week", alias = "weeks")]
    pub weeks: Vec<WeekLabel>,
    #[serde(default, rename = "session", alias = "sessions")]
    pub sessions: Vec<Session>,
    #[serde(default, rename = "dropped")]
    pub dropped: Vec<Dropped>,
}
