//! Session kinds (rulebook §1.2–§1.3), their intensity classes, regions and default RPE (§7 C23).

use std::fmt;

use crate::region::{Region, Regions};

/// Intensity class of a session kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Easy,
    Moderate,
    Hard,
}

/// A session kind code of rulebook §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    RunRec,
    RunEasy,
    RunLong,
    RunTempo,
    RunInt,
    RunHill,
    RunStrides,
    RunSprint,
    RunRace,
    RunTt,
    StrHeavy,
    StrHyp,
    StrPlyo,
    StrPap,
    StrIso,
    StrLight,
    StrMicro,
    StrUc,
    Mob,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::RunRec,
        Kind::RunEasy,
        Kind::RunLong,
        Kind::RunTempo,
        Kind::RunInt,
        Kind::RunHill,
        Kind::RunStrides,
        Kind::RunSprint,
        Kind::RunRace,
        Kind::RunTt,
        Kind::StrHeavy,
        Kind::StrHyp,
        Kind::StrPlyo,
        Kind::StrPap,
        Kind::StrIso,
        Kind::StrLight,
        Kind::StrMicro,
        Kind::StrUc,
        Kind::Mob,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::RunRec => "RUN_REC",
            Kind::RunEasy => "RUN_EASY",
            Kind::RunLong => "RUN_LONG",
            Kind::RunTempo => "RUN_TEMPO",
            Kind::RunInt => "RUN_INT",
            Kind::RunHill => "RUN_HILL",
            Kind::RunStrides => "RUN_STRIDES",
            Kind::RunSprint => "RUN_SPRINT",
            Kind::RunRace => "RUN_RACE",
            Kind::RunTt => "RUN_TT",
            Kind::StrHeavy => "STR_HEAVY",
            Kind::StrHyp => "STR_HYP",
            Kind::StrPlyo => "STR_PLYO",
            Kind::StrPap => "STR_PAP",
            Kind::StrIso => "STR_ISO",
            Kind::StrLight => "STR_LIGHT",
            Kind::StrMicro => "STR_MICRO",
            Kind::StrUc => "STR_UC",
            Kind::Mob => "MOB",
        }
    }

    /// A short human name ("intervals", "heavy lift").
    pub fn name(self) -> &'static str {
        match self {
            Kind::RunRec => "recovery run",
            Kind::RunEasy => "easy run",
            Kind::RunLong => "long run",
            Kind::RunTempo => "tempo run",
            Kind::RunInt => "intervals",
            Kind::RunHill => "hill repeats",
            Kind::RunStrides => "strides",
            Kind::RunSprint => "sprints",
            Kind::RunRace => "race",
            Kind::RunTt => "time trial",
            Kind::StrHeavy => "heavy lift",
            Kind::StrHyp => "hypertrophy lift",
            Kind::StrPlyo => "plyometrics",
            Kind::StrPap => "PAP complex",
            Kind::StrIso => "isometrics",
            Kind::StrLight => "light strength",
            Kind::StrMicro => "microdose",
            Kind::StrUc => "upper body + core",
            Kind::Mob => "mobility",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn codes() -> impl Iterator<Item = &'static str> + Clone {
        Kind::ALL.into_iter().map(Kind::code)
    }

    pub fn is_run(self) -> bool {
        (self as u8) <= Kind::RunTt as u8
    }

    /// Strength kinds (STR_*), not MOB.
    pub fn is_strength(self) -> bool {
        (Kind::StrHeavy as u8..=Kind::StrUc as u8).contains(&(self as u8))
    }

    /// `HI_RUN` of §1.4.
    pub fn is_hi_run(self) -> bool {
        matches!(
            self,
            Kind::RunTempo
                | Kind::RunInt
                | Kind::RunHill
                | Kind::RunSprint
                | Kind::RunRace
                | Kind::RunTt
        )
    }

    /// Kinds that can be INT_STR_L (still subject to the lower-body and microdose-intensity tests).
    pub fn is_intense_strength_kind(self) -> bool {
        matches!(
            self,
            Kind::StrHeavy | Kind::StrHyp | Kind::StrPlyo | Kind::StrPap | Kind::StrMicro
        )
    }

    /// Kinds allowed before a same-day HI_RUN (R-LIGHT-FIRST), microdose only when non-intense.
    pub fn is_light_strength_kind(self) -> bool {
        matches!(
            self,
            Kind::StrLight | Kind::StrIso | Kind::StrUc | Kind::Mob | Kind::StrMicro
        )
    }

    /// The class of the kind; STR_HYP is hard only when it works the lower body (decided per
    /// session by the caller), so here it answers Hard.
    pub fn class(self) -> Class {
        match self {
            Kind::RunRec | Kind::RunEasy | Kind::RunStrides | Kind::StrUc | Kind::Mob => {
                Class::Easy
            }
            Kind::RunLong | Kind::StrIso | Kind::StrLight | Kind::StrMicro => Class::Moderate,
            _ => Class::Hard,
        }
    }

    /// Default regions of the kind (strength kinds: their exercises decide when given).
    pub fn default_regions(self) -> Regions {
        use Region::*;
        let lower = Regions::LOWER;
        match self {
            Kind::RunRec => Regions::from_slice(&[Calf, Quad]),
            Kind::RunEasy => lower,
            Kind::RunLong => lower.with(Core),
            Kind::RunTempo | Kind::RunInt | Kind::RunRace | Kind::RunTt => lower,
            Kind::RunHill => Regions::from_slice(&[Calf, Lpc, Hip]),
            Kind::RunStrides => Regions::from_slice(&[Calf, Lpc]),
            Kind::RunSprint => Regions::from_slice(&[Lpc, Calf, Hip]),
            Kind::StrHeavy => lower.with(Core),
            Kind::StrPlyo | Kind::StrPap => lower,
            Kind::StrUc => Regions::from_slice(&[Upper, Core]),
            Kind::StrHyp | Kind::StrIso | Kind::StrLight | Kind::StrMicro | Kind::Mob => {
                Regions::NONE
            }
        }
    }

    /// Default planned CR-10 effort when a session gives none (§7 C23).
    pub fn default_rpe(self) -> f32 {
        match self {
            Kind::RunRec => 2.0,
            Kind::RunEasy => 3.0,
            Kind::RunStrides => 4.0,
            Kind::RunLong => 5.0,
            Kind::RunTempo => 7.0,
            Kind::RunHill | Kind::RunInt | Kind::RunSprint => 8.0,
            Kind::RunTt | Kind::RunRace => 9.0,
            Kind::StrHeavy | Kind::StrHyp | Kind::StrPap => 7.0,
            Kind::StrPlyo => 6.0,
            Kind::StrIso => 5.0,
            Kind::StrLight | Kind::StrMicro => 4.0,
            Kind::StrUc => 3.0,
            Kind::Mob => 1.0,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_classify() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert!(k.is_run() ^ (k.is_strength() || k == Kind::Mob), "{k}");
        }
        let hi: Vec<_> = Kind::ALL.into_iter().filter(|k| k.is_hi_run()).collect();
        assert_eq!(hi.len(), 6);
        assert!(!Kind::RunLong.is_hi_run());
        assert_eq!(Kind::RunLong.class(), Class::Moderate);
        assert!(!Kind::Mob.is_strength());
    }
}
