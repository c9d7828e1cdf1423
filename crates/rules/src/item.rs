//! `Item`: one session reduced to the integers and flags the rules need (absolute start and end
//! minutes, derived predicates of rulebook §1.4). The linter builds one per plan session; the
//! planner builds them for candidate placements, on the stack, without allocating.

use runlift_model::intensity;
use runlift_model::library::ExKind;
use runlift_model::plan::Session;
use runlift_model::profile::Lifting;
use runlift_model::{Class, Kind, Regions};

/// Flag bits of an [`Item`].
pub mod flag {
    pub const RUN: u32 = 1;
    /// HI_RUN of §1.4.
    pub const HI_RUN: u32 = 1 << 1;
    pub const LONG: u32 = 1 << 2;
    /// Any STR_* kind.
    pub const STRENGTH: u32 = 1 << 3;
    /// INT_STR_L of §1.4.
    pub const INT_STR_L: u32 = 1 << 4;
    /// Hard class (STR_HYP only when it loads the lower body).
    pub const HARD: u32 = 1 << 5;
    /// ADD_ON of §1.4: MOB, strides, STR_UC ≤ 20 min.
    pub const ADD_ON: u32 = 1 << 6;
    /// Allowed before a same-day hard run (R-LIGHT-FIRST kinds).
    pub const LIGHT_KIND: u32 = 1 << 7;
    /// Plyometric work outside a PAP complex (R-PLYO-DAY).
    pub const PLYO: u32 = 1 << 8;
    /// STR_HEAVY, or STR_HYP that loads the lower body.
    pub const HEAVY_LIFT: u32 = 1 << 9;
    /// Allowed the day after a combined day (R-EASY-AFTER).
    pub const EASY_OK: u32 = 1 << 10;
    /// Counts as recovery for "≥ 1 rest or recovery day" (RUN_REC, MOB, STR_UC).
    pub const RECOVERY_OK: u32 = 1 << 11;
    pub const MICRO: u32 = 1 << 12;
    /// R-SEP-48H is a warning, not information (new lifter, block start, eccentric work).
    pub const SENSITIVE: u32 = 1 << 13;
    /// RUN_EASY or RUN_REC of ≤ 45 min (may sit directly before strength).
    pub const SHORT_EASY: u32 = 1 << 14;
    /// Loads a lower-body region.
    pub const LOWER: u32 = 1 << 15;
    /// MOB: a day holding only these is a rest day (C11).
    pub const REST_OK: u32 = 1 << 16;
    pub const RACE: u32 = 1 << 17;
    /// Strength session counted by R-STR-FREQ (§7 C10).
    pub const STR_COUNT: u32 = 1 << 18;
}

/// A session as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Index of the session in the plan, in file order.
    pub idx: u32,
    /// Day number (days since 1970-01-01).
    pub day: i32,
    /// Absolute start and end, minutes since 1970-01-01 00:00 local time.
    pub start: i32,
    pub end: i32,
    pub kind: Kind,
    pub flags: u32,
    pub regions: Regions,
    /// Lower-body working sets (plyometric and PAP sets included).
    pub lower_sets: u16,
    /// Lower-body working sets at RIR < 4 (or of unknown intensity).
    pub hard_lower_sets: u16,
    /// Plyometric contacts.
    pub contacts: u16,
    /// Planned session-RPE load (CR-10 × minutes).
    pub load: f32,
}

impl Item {
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    pub fn minutes(&self) -> i32 {
        self.end - self.start
    }
}

/// What the flags depend on beyond the session itself.
#[derive(Clone, Copy, Debug)]
pub struct ItemEnv {
    pub lifting: Lifting,
    /// R-LIGHT-IS-LIGHT's heaviest light set, a fraction of e1RM (`pct` ÷ 100): a STR_LIGHT
    /// session with a set above it (and at RIR < 4) is judged as STR_HEAVY.
    pub light_pct: f64,
}

impl ItemEnv {
    /// The environment with R-LIGHT-IS-LIGHT's limit from `config` (athlete overrides included).
    pub fn new(lifting: Lifting, config: &crate::RuleConfig) -> ItemEnv {
        ItemEnv {
            lifting,
            light_pct: config.get(crate::group_g::LIGHT_RULE, "pct") / 100.0,
        }
    }
}

/// Facts of a session's exercises.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExerciseFacts {
    pub regions: Regions,
    pub lower_sets: u16,
    pub hard_lower_sets: u16,
    pub contacts: u16,
    pub any_plyo: bool,
    pub any_eccentric: bool,
    /// A lower-body set at ≥ 80 % 1RM or RIR ≤ 2 (intense microdose).
    pub intense_lower: bool,
    /// The lightest R-LIGHT-IS-LIGHT limit (fraction of e1RM) every strength set of the session
    /// keeps: the heaviest set below RIR 4 (0 when all are at RIR ≥ 4 or of unknown load).
    pub light_needs: f64,
}

/// Summarise a session's exercises. `one_rm` gives an exercise's estimated 1RM in kg.
pub fn exercise_facts(
    s: &Session,
    one_rm: &dyn Fn(runlift_model::library::ExId) -> Option<f64>,
) -> ExerciseFacts {
    let mut f = ExerciseFacts::default();
    for ex in &s.exercises {
        let e = ex.id.get();
        let working = e.kinds.iter().any(|k| {
            matches!(
                k,
                ExKind::Strength | ExKind::Plyo | ExKind::Iso | ExKind::Core | ExKind::Test
            )
        });
        if working {
            f.regions = f.regions.union(e.regions);
        }
        f.contacts = f
            .contacts
            .saturating_add(ex.contacts.unwrap_or(0).min(u16::MAX as u32) as u16);
        // Warm-up drills (a-skip, high-knees, ≤ 30 s a set, no counted contacts) are not
        // plyometric work (§7 C17).
        let drill =
            e.is(ExKind::Warmup) && ex.contacts.is_none() && ex.hold_s.is_none_or(|s| s <= 30);
        f.any_plyo |= e.is_plyo() && !drill;
        f.any_eccentric |= e.eccentric();
        if working && e.lower_body() {
            f.lower_sets = f.lower_sets.saturating_add(ex.sets);
            let i = intensity::intensity(ex, one_rm(ex.id));
            let easy = i.rir.is_some_and(|r| r >= 4.0) || (e.is_plyo() && i.rir.is_none());
            if !easy {
                f.hard_lower_sets = f.hard_lower_sets.saturating_add(ex.sets);
            }
            if i.pct.is_some_and(|p| p >= 0.80) || i.rir.is_some_and(|r| r <= 2.0) {
                f.intense_lower = true;
            }
        }
        if e.is(ExKind::Strength) {
            f.light_needs = f.light_needs.max(light_needs(ex, one_rm(ex.id)));
        }
    }
    f
}

/// The least R-LIGHT-IS-LIGHT limit (fraction of e1RM) a strength set keeps: 0 when it is at
/// RIR ≥ 4 (RPE ≤ 6) or of unknown load, else its load (C6's precedence: kg with a known max,
/// then `pct_1rm`, then the RTS chart's reading of RIR or RPE and reps).
pub fn light_needs(ex: &runlift_model::plan::ExerciseRx, one_rm: Option<f64>) -> f64 {
    let i = intensity::intensity(ex, one_rm);
    let kg_or_pct = (ex.kg.is_some() && one_rm.is_some()) || ex.pct_1rm.is_some();
    match (i.pct, i.rir) {
        // A load the athlete can weigh decides first (C6).
        (Some(p), _) if kg_or_pct => p,
        (_, Some(r)) if r >= crate::group_g::LIGHT_RIR => 0.0,
        (Some(p), _) => p,
        _ => 0.0,
    }
}

/// The kind a session is judged as (R-LIGHT-IS-LIGHT: loads, not labels): a STR_LIGHT session
/// with a set heavier than `env.light_pct` is STR_HEAVY for every rule.
pub fn judged_kind(kind: Kind, facts: &ExerciseFacts, env: ItemEnv) -> Kind {
    if kind == Kind::StrLight && facts.light_needs > env.light_pct + 1e-9 {
        Kind::StrHeavy
    } else {
        kind
    }
}

impl Item {
    /// Build an item for a session starting at `start` (absolute minutes).
    pub fn new(
        idx: u32,
        day: i32,
        start: i32,
        s: &Session,
        facts: &ExerciseFacts,
        env: ItemEnv,
    ) -> Item {
        let kind = judged_kind(s.kind, facts, env);
        let regions = if s.exercises.is_empty() || !kind.is_strength() {
            match kind {
                // Without exercises, a hypertrophy session is taken to be a lower-body one.
                Kind::StrHyp => Regions::LOWER,
                k => k.default_regions(),
            }
        } else {
            facts.regions
        };
        let lower = regions.has_lower();
        let mut fl = 0u32;
        use flag::*;
        if kind.is_run() {
            fl |= RUN;
        }
        if kind.is_hi_run() {
            fl |= HI_RUN;
        }
        if kind == Kind::RunLong {
            fl |= LONG;
        }
        if kind == Kind::RunRace {
            fl |= RACE;
        }
        if kind.is_strength() {
            fl |= STRENGTH;
        }
        let micro_intense = kind == Kind::StrMicro && facts.intense_lower;
        if lower && (kind.is_intense_strength_kind() && (kind != Kind::StrMicro || micro_intense)) {
            fl |= INT_STR_L;
        }
        let hard = match kind {
            Kind::StrHyp => lower,
            k => k.class() == Class::Hard,
        };
        if hard {
            fl |= HARD;
        }
        if matches!(kind, Kind::Mob | Kind::RunStrides) || (kind == Kind::StrUc && s.minutes <= 20)
        {
            fl |= ADD_ON;
        }
        if kind.is_light_strength_kind() && !micro_intense {
            fl |= LIGHT_KIND;
        }
        if kind == Kind::StrPlyo || (kind != Kind::StrPap && facts.any_plyo) {
            fl |= PLYO;
        }
        if kind == Kind::StrHeavy || (kind == Kind::StrHyp && lower) {
            fl |= HEAVY_LIFT;
        }
        if matches!(
            kind,
            Kind::RunRec | Kind::RunEasy | Kind::RunStrides | Kind::Mob | Kind::StrUc
        ) {
            fl |= EASY_OK;
        }
        if matches!(kind, Kind::RunRec | Kind::Mob | Kind::StrUc) {
            fl |= RECOVERY_OK;
        }
        if kind == Kind::Mob {
            fl |= REST_OK;
        }
        if kind == Kind::StrMicro {
            fl |= MICRO;
        }
        if matches!(kind, Kind::RunEasy | Kind::RunRec) && s.minutes <= 45 {
            fl |= SHORT_EASY;
        }
        if lower {
            fl |= LOWER;
        }
        let counted = matches!(
            kind,
            Kind::StrHeavy | Kind::StrHyp | Kind::StrPap | Kind::StrLight | Kind::StrIso
        );
        if counted && lower {
            fl |= STR_COUNT;
        }
        if fl & INT_STR_L != 0 && (facts.any_eccentric || !env.lifting.at_least_6mo()) {
            fl |= SENSITIVE;
        }
        let rpe = s.rpe.map_or(kind.default_rpe(), |r| r as f32);
        Item {
            idx,
            day,
            start,
            end: start + i32::from(s.minutes),
            kind,
            flags: fl,
            regions,
            lower_sets: facts.lower_sets,
            hard_lower_sets: if s.exercises.is_empty() && fl & INT_STR_L != 0 {
                u16::MAX
            } else {
                facts.hard_lower_sets
            },
            contacts: facts.contacts,
            load: rpe * f32::from(s.minutes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::plan::Plan;

    fn session(exercises: &str) -> Session {
        let text = format!(
            "[[session]]\ndate = \"2026-11-25\"\nslot = \"am\"\nminutes = 30\nkind = \"STR_LIGHT\"\nexercises = [{exercises}]\n"
        );
        let plan: Plan = toml::from_str(&text).expect("plan");
        plan.sessions[0].clone()
    }

    fn judged(exercises: &str, one_rm: Option<f64>) -> Kind {
        let s = session(exercises);
        let facts = exercise_facts(&s, &|_| one_rm);
        let env = ItemEnv::new(Lifting::Gt24mo, &crate::RuleConfig::default());
        Item::new(0, 0, 0, &s, &facts, env).kind
    }

    #[test]
    fn a_light_label_is_judged_by_its_loads() {
        let heavy = "{ id = \"back-squat\", sets = 2, reps = 4, pct_1rm = 85 }";
        assert_eq!(judged(heavy, None), Kind::StrHeavy);
        // 70 kg of a 120 kg e1RM is 58 %: light; 100 kg is 83 %: heavy.
        let kg = |k: u32| format!("{{ id = \"back-squat\", sets = 2, reps = 5, kg = {k} }}");
        assert_eq!(judged(&kg(70), Some(120.0)), Kind::StrLight);
        assert_eq!(judged(&kg(100), Some(120.0)), Kind::StrHeavy);
        // RIR 4 is light whatever the reps; RIR 3 × 10 reads as about 68 % 1RM: heavy; a plank is
        // not a strength set.
        let rir = |r: u32, n: u32| {
            format!("{{ id = \"goblet-squat\", sets = 2, reps = {n}, rir = {r} }}")
        };
        assert_eq!(judged(&rir(4, 5), None), Kind::StrLight);
        assert_eq!(judged(&rir(3, 10), None), Kind::StrHeavy);
        assert_eq!(
            judged("{ id = \"side-plank\", sets = 3, hold_s = 30 }", None),
            Kind::StrLight
        );
    }
}
