//! The exercise library of rulebook §5, loaded once from `data/exercises.toml` (embedded), with the
//! pattern predicates of §7 C4 and C20 precomputed so the rules can ask them cheaply.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer};

use crate::profile::Level;
use crate::region::{Equipment, EquipmentSet, Region, Regions};

/// The library file, as written in the repository.
pub const LIBRARY_TOML: &str = include_str!("../data/exercises.toml");

/// An exercise's index in the library (cheap to copy and compare).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExId(pub u16);

impl ExId {
    pub fn get(self) -> &'static Exercise {
        &library().exercises[self.0 as usize]
    }
    pub fn code(self) -> &'static str {
        &self.get().id
    }
}

impl fmt::Display for ExId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ExId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        library().id(&s).ok_or_else(|| {
            serde::de::Error::custom(crate::suggest::unknown_word(
                "exercise id",
                &s,
                library().exercises.iter().map(|e| e.id.as_str()),
            ))
        })
    }
}

impl serde::Serialize for ExId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// What an exercise is used as (the library's Kind column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExKind {
    Strength,
    Plyo,
    Iso,
    Core,
    Mobility,
    Warmup,
    Test,
}

/// Plyometric intensity tier (§7 C16).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Low,
    Moderate,
    High,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unilateral {
    Yes,
    No,
    Either,
    Alternating,
    Offset,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: String,
    name: String,
    pattern: String,
    regions: Vec<String>,
    unilateral: Unilateral,
    equipment: Vec<String>,
    kinds: Vec<ExKind>,
    level: Level,
    #[serde(default)]
    gated: bool,
    #[serde(default)]
    tier: Option<Tier>,
    #[serde(default)]
    regression: Option<String>,
    #[serde(default)]
    progression: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

/// One exercise of the library.
#[derive(Clone, Debug)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub pattern: String,
    pub regions: Regions,
    pub unilateral: Unilateral,
    /// Alternatives: any one set suffices.
    pub equipment: Vec<EquipmentSet>,
    pub kinds: Vec<ExKind>,
    pub level: Level,
    pub gated: bool,
    pub tier: Option<Tier>,
    pub regression: Option<String>,
    pub progression: Option<String>,
    pub sources: Vec<String>,
    /// Squat, single-leg squat, lunge, step or knee-dominant press (§7 C20).
    pub knee_dominant: bool,
    /// Any pattern containing "hinge" (§7 C20).
    pub hinge: bool,
    /// Kind S with a knee-dominant, hinge, push, pull or carry pattern (§7 C20).
    pub compound: bool,
    /// Kind S with a knee-dominant or hinge pattern: the main lifts of §7 C4.
    pub main_lift: bool,
}

impl Exercise {
    pub fn is(&self, k: ExKind) -> bool {
        self.kinds.contains(&k)
    }
    pub fn is_plyo(&self) -> bool {
        self.is(ExKind::Plyo)
    }
    pub fn lower_body(&self) -> bool {
        self.regions.has_lower()
    }
    /// Calf/Achilles work: plantarflexion exercises (R-EX-PATTERNS).
    pub fn calf(&self) -> bool {
        self.pattern.contains("plantarflexion")
    }
    pub fn anti_rotation(&self) -> bool {
        self.pattern.contains("anti-rotation")
    }
    pub fn anti_extension(&self) -> bool {
        self.pattern.contains("anti-extension")
    }
    /// Eccentric-emphasis work (Nordic curl), which makes R-SEP-48H a warning.
    pub fn eccentric(&self) -> bool {
        self.pattern.contains("eccentric")
    }
    pub fn unilateral(&self) -> bool {
        matches!(self.unilateral, Unilateral::Yes | Unilateral::Alternating)
    }
    /// Can an athlete with `have` do this exercise?
    pub fn available_with(&self, have: EquipmentSet) -> bool {
        self.equipment.iter().any(|need| have.contains_all(*need))
    }
}

/// The whole library with an id index.
#[derive(Debug)]
pub struct Library {
    pub exercises: Vec<Exercise>,
    index: HashMap<String, ExId>,
}

impl Library {
    pub fn id(&self, id: &str) -> Option<ExId> {
        self.index.get(id).copied()
    }
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.id(id).map(|i| &self.exercises[i.0 as usize])
    }
    pub fn ids(&self) -> impl Iterator<Item = ExId> + '_ {
        (0..self.exercises.len() as u16).map(ExId)
    }

    /// Parse a library file; errors name the exercise and field.
    pub fn parse(text: &str) -> Result<Library, String> {
        #[derive(Deserialize)]
        struct File {
            exercise: Vec<RawExercise>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut exercises = Vec::with_capacity(file.exercise.len());
        let mut index = HashMap::new();
        for raw in file.exercise {
            let mut regions = Regions::NONE;
            for r in &raw.regions {
                let r = Region::from_code(r)
                    .ok_or_else(|| format!("exercise {}: unknown region {r}", raw.id))?;
                regions = regions.with(r);
            }
            let mut equipment = Vec::new();
            for alt in &raw.equipment {
                let mut set = EquipmentSet::ALWAYS;
                for w in alt.split('+') {
                    let e = Equipment::from_word(w)
                        .ok_or_else(|| format!("exercise {}: unknown equipment {w}", raw.id))?;
                    set = set.with(e);
                }
                equipment.push(set);
            }
            let p = raw.pattern.as_str();
            let is_s = raw.kinds.contains(&ExKind::Strength);
            let knee_dominant = ["squat", "lunge", "step", "knee-dominant press"]
                .iter()
                .any(|w| p.contains(w));
            let hinge = p.contains("hinge");
            let compound = is_s
                && (knee_dominant
                    || hinge
                    || ["push", "pull", "carry"].iter().any(|w| p.contains(w)));
            let id = ExId(exercises.len() as u16);
            if index.insert(raw.id.clone(), id).is_some() {
                return Err(format!("exercise {} is listed twice", raw.id));
            }
            exercises.push(Exercise {
                main_lift: is_s && (knee_dominant || hinge),
                knee_dominant,
                hinge,
                compound,
                id: raw.id,
                name: raw.name,
                pattern: raw.pattern,
                regions,
                unilateral: raw.unilateral,
                equipment,
                kinds: raw.kinds,
                level: raw.level,
                gated: raw.gated,
                tier: raw.tier,
                regression: raw.regression,
                progression: raw.progression,
                sources: raw.sources,
            });
        }
        Ok(Library { exercises, index })
    }
}

/// The library embedded in the binary. The file is checked by this crate's tests, so a parse
/// failure here is a build defect, not bad user input.
pub fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| match Library::parse(LIBRARY_TOML) {
        Ok(l) => l,
        Err(e) => panic!("embedded exercise library is invalid: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_has_all_46_with_predicates() {
        let lib = Library::parse(LIBRARY_TOML).expect("parses");
        assert_eq!(lib.exercises.len(), 46);
        let g = |id: &str| lib.get(id).unwrap_or_else(|| panic!("{id}"));
        assert!(g("back-squat").main_lift && g("back-squat").knee_dominant);
        assert!(g("romanian-deadlift").hinge && g("romanian-deadlift").compound);
        assert!(g("offset-deadlift").hinge);
        assert!(!g("nordic-curl").hinge && !g("nordic-curl").knee_dominant);
        assert!(!g("hip-thrust").hinge && !g("hip-thrust").knee_dominant);
        assert!(g("single-leg-press").knee_dominant);
        assert!(g("step-up").main_lift && !g("explosive-step-up").main_lift);
        assert!(g("row").compound && !g("row").main_lift);
        assert_eq!(g("bounding").tier, Some(Tier::High));
        assert_eq!(g("pogo-hops").tier, Some(Tier::Low));
        assert!(g("pogo-hops").gated);
        assert!(g("straight-knee-calf-raise").calf());
        assert!(g("pallof-press").anti_rotation() && g("dead-bug").anti_extension());
        assert!(g("nordic-curl").eccentric());
        // C19 equipment mapping
        let none = EquipmentSet::ALWAYS;
        assert!(g("rfe-split-squat").available_with(none));
        assert!(g("straight-knee-calf-raise").available_with(none));
        assert!(!g("back-squat").available_with(none.with(Equipment::Barbell)));
        assert!(
            g("back-squat").available_with(none.with(Equipment::Barbell).with(Equipment::Rack))
        );
        assert!(!g("step-up").available_with(none.with(Equipment::Box)));
        assert!(g("step-up").available_with(none.with(Equipment::Box).with(Equipment::Kettlebell)));
        // every tier listed in C16 is a plyo or warm-up drill
        for e in &lib.exercises {
            if e.tier.is_some() {
                assert!(e.is_plyo() || e.is(ExKind::Warmup), "{}", e.id);
            }
        }
    }
}
