//! Strength prescriptions (rulebook §1.3, §4.3, group E/F): exercises chosen from the library by
//! equipment, level, injuries and phase, ordered as R-EX-ORDER says (warm-up → plyo → heavy
//! compound → unilateral/accessory → calves → core → mobility), with sets × reps × %1RM or RIR,
//! kilograms when a rep max is known, rest and contacts; week-to-week progression (R-OVERLOAD),
//! accessory rotation per mesocycle (R-ROTATE) and the deload/taper cuts (R-DELOAD, R-TAPER-A).

use std::collections::{HashMap, HashSet};

use runlift_model::Kind;
use runlift_model::library::{ExId, ExKind, Exercise, Tier, library};
use runlift_model::plan::{ExerciseRx, Phase};
use runlift_model::profile::{InjuryStatus, Level, Lifting, Profile};
use runlift_model::{EquipmentSet, Region, Regions};

/// What a strength session is for, beyond its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// First session of the week (anti-rotation core, straight-knee calves).
    A,
    /// Second session (anti-extension core, bent-knee calves, unilateral hinge).
    B,
}

/// The prescription knobs of a strength session, before progression.
#[derive(Clone, Copy, Debug)]
pub struct Dose {
    pub sets: u16,
    pub reps: u16,
    /// Target %1RM of main lifts (fraction), or None for RIR-only work.
    pub pct: Option<f64>,
    pub rir: f64,
    pub rest_s: u32,
    /// Plyometric contacts for the session (STR_PLYO) or PAP rounds (STR_PAP).
    pub contacts: u16,
    pub rounds: u16,
}

/// Per-exercise progression state: the last loading week's prescription.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prog {
    pub sets: u16,
    pub reps: u16,
    pub pct: f64,
}

/// Athlete facts for exercise choice, resolved once per plan.
#[derive(Clone, Debug)]
pub struct Chooser {
    pub level: Level,
    pub lifting: Lifting,
    pub equipment: EquipmentSet,
    pub active: Regions,
    pub recovering: Regions,
    pub high_mileage: bool,
    /// e1RM (Epley) by exercise, from the profile's rep maxes.
    pub one_rm: HashMap<ExId, f64>,
    /// Exercises the athlete knows (profile lifts, earlier weeks of the plan; §7 C21).
    pub familiar: HashSet<ExId>,
    /// Progression state per exercise.
    pub prog: HashMap<ExId, Prog>,
}

/// Why a session could not be built.
#[derive(Clone, Debug, PartialEq)]
pub struct Missing {
    pub rule: &'static str,
    pub reason: String,
    pub suggestion: String,
}

fn id(s: &str) -> Option<ExId> {
    library().id(s)
}

impl Chooser {
    pub fn new(p: &Profile) -> Chooser {
        let mut active = Regions::NONE;
        let mut recovering = Regions::NONE;
        for i in &p.injuries {
            match i.status {
                InjuryStatus::Active => active = active.with(i.region),
                InjuryStatus::Recovering => recovering = recovering.with(i.region),
            }
        }
        let mut one_rm = HashMap::new();
        let mut familiar = HashSet::new();
        for l in &p.lifts {
            one_rm.insert(
                l.exercise,
                runlift_model::intensity::e1rm_epley(l.kg, f64::from(l.reps)),
            );
            familiar.insert(l.exercise);
        }
        Chooser {
            level: p.level(),
            lifting: p.lifting,
            equipment: p.equipment,
            active,
            recovering,
            high_mileage: p.high_mileage(),
            one_rm,
            familiar,
            prog: HashMap::new(),
        }
    }

    /// Can the athlete do `x` at all (equipment, level, injuries)?
    pub fn can_do(&self, x: ExId) -> bool {
        self.ok(x.get(), x, false, false)
    }

    /// Can the athlete do `e` now? `stable`: R-BEGIN's stable/supported (level B) only;
    /// `familiar_only`: R-ROTATE's "no new exercise in peak, taper or race week".
    fn ok(&self, e: &Exercise, x: ExId, stable: bool, familiar_only: bool) -> bool {
        if !e.available_with(self.equipment) || e.level > self.level {
            return false;
        }
        if stable && e.level != Level::Beginner {
            return false;
        }
        let mob = e.is(ExKind::Mobility);
        // (R-INPUTS: nothing, not even mobility, loads an actively injured region)
        if e.regions.intersects(self.active) {
            return false;
        }
        // R-INPUTS: a recovering region takes regressions only (level B, no plyometric or
        // eccentric work).
        if !mob
            && e.regions.intersects(self.recovering)
            && (e.level != Level::Beginner || e.is_plyo() || e.eccentric())
        {
            return false;
        }
        if familiar_only && !self.familiar.contains(&x) {
            return false;
        }
        true
    }

    fn first(&self, ids: &[&str], stable: bool, familiar_only: bool) -> Option<ExId> {
        self.pick(ids, 0, stable, familiar_only)
    }

    /// The `rot`-th usable exercise of a list (cyclic), for accessory rotation.
    fn pick(&self, ids: &[&str], rot: usize, stable: bool, familiar_only: bool) -> Option<ExId> {
        let ok: Vec<ExId> = ids
            .iter()
            .filter_map(|s| id(s))
            .filter(|x| self.ok(x.get(), *x, stable, familiar_only))
            .collect();
        (!ok.is_empty()).then(|| ok[rot % ok.len()])
    }

    fn kg(&self, x: ExId, pct: f64) -> Option<f64> {
        // Floor to 0.5 kg so that rounding never adds to a week's load step.
        self.one_rm
            .get(&x)
            .map(|rm| (rm * pct * 2.0).floor() / 2.0)
            .filter(|k| *k > 0.0)
    }
}

/// Context of one session's prescription.
#[derive(Clone, Copy, Debug)]
pub struct SessionCtx {
    pub phase: Phase,
    pub deload: bool,
    /// A loading week (progression allowed).
    pub loading: bool,
    /// The first loading week after a non-loading week or in a new phase: a new rep scheme
    /// (reps more than 2 from last time) takes its own load (R-OVERLOAD, as the linter reads it).
    pub block_change: bool,
    /// R-BEGIN window: stable variations, 2–3 × 8–12 at RPE ≤ 7, slow lowering.
    pub stable: bool,
    pub familiar_only: bool,
    /// Accessory rotation index (the mesocycle number).
    pub rot: usize,
    pub variant: Variant,
    /// Plyometrics limited to low-intensity tiers (R-PLYO-GATE's first three weeks).
    pub low_plyo_only: bool,
}

pub fn rx(id: ExId, sets: u16, reps: Option<u16>) -> ExerciseRx {
    ExerciseRx {
        id,
        sets,
        reps,
        kg: None,
        pct_1rm: None,
        rir: None,
        rpe: None,
        rest_s: None,
        contacts: None,
        hold_s: None,
        pair: None,
        tempo: None,
        superset: None,
    }
}

const KNEE_A: &[&str] = &[
    "back-squat",
    "half-squat",
    "goblet-squat",
    "rfe-split-squat",
    "single-leg-press",
    "split-squat",
    "reverse-lunge",
    "step-up",
];
const KNEE_B: &[&str] = &[
    "rfe-split-squat",
    "single-leg-press",
    "goblet-squat",
    "split-squat",
    "step-up",
    "reverse-lunge",
    "back-squat",
];
const HINGE_A: &[&str] = &[
    "deadlift",
    "romanian-deadlift",
    "single-leg-rdl",
    "offset-deadlift",
];
const HINGE_B: &[&str] = &[
    "single-leg-rdl",
    "romanian-deadlift",
    "offset-deadlift",
    "deadlift",
];
const ACCESSORY: &[&str] = &[
    "split-squat",
    "step-up",
    "reverse-lunge",
    "hip-thrust",
    "single-leg-rdl",
    "glute-bridge",
];
const CALF_A: &[&str] = &["straight-knee-calf-raise", "bent-knee-calf-raise"];
const CALF_B: &[&str] = &["bent-knee-calf-raise", "straight-knee-calf-raise"];
const CORE_A: &[&str] = &["pallof-press", "side-plank", "suitcase-carry", "dead-bug"];
const CORE_B: &[&str] = &["dead-bug", "front-plank", "side-plank"];
const WARMUP: &[&str] = &[
    "clamshell",
    "lateral-band-walk",
    "single-leg-bridge",
    "glute-bridge",
];
const MOBILITY: &[&str] = &["ankle-dorsiflexion", "hip-flexor-thoracic-mobility"];

/// Holds (seconds) for exercises done as holds rather than reps.
fn hold_of(x: ExId) -> Option<u32> {
    let e = x.get();
    if e.is(ExKind::Iso) || e.pattern.contains("plank") || e.id.contains("plank") {
        Some(30)
    } else if e.is(ExKind::Mobility) {
        Some(45)
    } else if e.pattern.contains("carry") {
        Some(40)
    } else {
        None
    }
}

/// Build the exercises of a strength session of `kind`, or say why it cannot be built.
pub fn build(
    ch: &Chooser,
    kind: Kind,
    dose: &Dose,
    cx: &SessionCtx,
) -> Result<Vec<ExerciseRx>, Missing> {
    let (st, fam) = (cx.stable, cx.familiar_only);
    let v = cx.variant;
    let mut out: Vec<ExerciseRx> = Vec::new();
    let core_list = if v == Variant::A { CORE_A } else { CORE_B };
    let calf_list = if (v == Variant::A) ^ (cx.rot % 2 == 1) {
        CALF_A
    } else {
        CALF_B
    };
    let hm = ch.high_mileage;
    match kind {
        Kind::StrHeavy | Kind::StrHyp | Kind::StrLight => {
            let knee_list = if v == Variant::A { KNEE_A } else { KNEE_B };
            let hinge_list = if v == Variant::A { HINGE_A } else { HINGE_B };
            let knee = ch.first(knee_list, st, fam);
            let hinge = ch.first(hinge_list, st, fam);
            let (Some(knee), Some(hinge)) = (knee, hinge) else {
                return Err(Missing {
                    rule: "R-EX-PATTERNS",
                    reason: format!(
                        "no {} exercise fits the equipment, level and injuries",
                        if knee.is_none() {
                            "knee-dominant"
                        } else {
                            "hinge"
                        }
                    ),
                    suggestion: "add dumbbells or a kettlebell to `equipment`".to_string(),
                });
            };
            if !hm
                && !cx.deload
                && kind != Kind::StrLight
                && let Some(w) = ch
                    .first(WARMUP, st, fam)
                    .filter(|w| w.get().is(ExKind::Warmup) && !w.get().is(ExKind::Strength))
            {
                let mut r = rx(w, 1, Some(12));
                r.rir = Some(5.0);
                out.push(r);
            }
            let main = |ch: &Chooser, x: ExId, out: &mut Vec<ExerciseRx>| {
                // Outside loading weeks nothing may progress: reps and sets at most last
                // loading week's (R-OVERLOAD).
                let (sets, reps) = match ch.prog.get(&x) {
                    Some(p) if !cx.loading => {
                        (dose.sets.min(p.sets.max(1)), dose.reps.min(p.reps.max(1)))
                    }
                    _ => (dose.sets, dose.reps),
                };
                let mut r = rx(x, sets, Some(reps));
                r.rest_s = Some(dose.rest_s);
                // (a light session is light whatever the last loading week lifted:
                // R-LIGHT-IS-LIGHT judges its loads)
                let p = dose.pct.map(|t| {
                    let stepped = step_pct(ch, x, t, cx, reps);
                    if kind == Kind::StrLight {
                        stepped.min(t)
                    } else {
                        stepped
                    }
                });
                match p {
                    Some(p) => {
                        r.pct_1rm = Some((p * 1000.0).round() / 10.0);
                        r.kg = ch.kg(x, p);
                        if kind == Kind::StrLight {
                            r.rir = Some(dose.rir);
                        }
                    }
                    None => r.rir = Some(dose.rir),
                }
                if cx.stable {
                    r.tempo = Some("3-1-1".to_string());
                }
                out.push(r);
            };
            main(ch, knee, &mut out);
            main(ch, hinge, &mut out);
            if !hm && kind != Kind::StrLight && !cx.deload {
                let used: Vec<ExId> = out.iter().map(|r| r.id).collect();
                let acc = ACCESSORY
                    .iter()
                    .filter_map(|s| id(s))
                    .filter(|x| !used.contains(x) && ch.ok(x.get(), *x, st, fam))
                    .collect::<Vec<_>>();
                if !acc.is_empty() {
                    let a = acc[(cx.rot + usize::from(v == Variant::B)) % acc.len()];
                    // A knee-dominant accessory is a main lift for R-PHASE (§7 C4): same reps.
                    let reps = if a.get().main_lift {
                        dose.reps
                    } else {
                        dose.reps.max(8)
                    };
                    let mut r = rx(a, dose.sets.min(3), Some(reps));
                    r.rir = Some(if cx.stable || dose.reps >= 8 {
                        3.0
                    } else {
                        2.0
                    });
                    r.rest_s = Some(90);
                    out.push(r);
                }
            }
            if let Some(c) = ch.pick(calf_list, 0, st, fam) {
                let mut r = rx(c, if kind == Kind::StrLight { 2 } else { 3 }, Some(12));
                r.rir = Some(if kind == Kind::StrLight { 4.0 } else { 3.0 });
                r.rest_s = Some(60);
                out.push(r);
            }
            if let Some(c) = ch.first(core_list, st, fam) {
                let mut r = rx(c, 2, None);
                match hold_of(c) {
                    Some(h) => r.hold_s = Some(h),
                    None => r.reps = Some(10),
                }
                r.rir = Some(4.0);
                out.push(r);
            }
            if hm {
                out.truncate(4);
            } else if let Some(m) = ch.pick(MOBILITY, cx.rot, st, fam) {
                let mut r = rx(m, 1, None);
                r.hold_s = hold_of(m);
                out.push(r);
            }
        }
        Kind::StrIso => {
            for s in ["wall-sit", "iso-split-squat", "iso-calf-hold"] {
                if let Some(x) = id(s).filter(|x| ch.ok(x.get(), *x, st, fam)) {
                    let mut r = rx(x, dose.sets.min(3), None);
                    r.hold_s = Some(if s == "wall-sit" { 45 } else { 30 });
                    r.rir = Some(dose.rir);
                    r.rest_s = Some(60);
                    out.push(r);
                }
            }
            if out.is_empty() {
                return Err(Missing {
                    rule: "R-INPUTS",
                    reason: "no isometric exercise avoids the injured regions".to_string(),
                    suggestion: "mark the injury `recovering` once it allows loading".to_string(),
                });
            }
            if let Some(c) = ch.first(CORE_B, st, fam) {
                let mut r = rx(c, 2, None);
                r.hold_s = Some(30);
                r.rir = Some(4.0);
                out.push(r);
            }
        }
        Kind::StrPlyo => {
            let lists: &[&str] = if cx.low_plyo_only {
                &["pogo-hops", "box-jump", "mini-hurdle-hops"]
            } else {
                &[
                    "jump-squat",
                    "pogo-hops",
                    "jumping-lunge",
                    "box-jump",
                    "frog-jumps",
                    "mini-hurdle-hops",
                    "explosive-step-up",
                ]
            };
            let ok: Vec<ExId> = lists
                .iter()
                .filter_map(|s| id(s))
                .filter(|x| ch.ok(x.get(), *x, st, fam))
                .filter(|x| x.get().tier.is_some_and(|t| t < Tier::High))
                .collect();
            if ok.is_empty() || dose.contacts == 0 {
                return Err(Missing {
                    rule: "R-PLYO-GATE",
                    reason: "no plyometric exercise fits the level, equipment and injuries"
                        .to_string(),
                    suggestion: "add a box, or wait until the plyometric gate opens".to_string(),
                });
            }
            let n = ok.len().min(2);
            let per = (dose.contacts / n as u16).max(5);
            for k in 0..n {
                let x = ok[(cx.rot + k) % ok.len()];
                let sets = per.div_ceil(10).max(1);
                let reps = (per / sets).max(1);
                let mut r = rx(x, sets, Some(reps));
                r.contacts = Some(u32::from(sets * reps));
                r.rest_s = Some(90);
                out.push(r);
            }
        }
        Kind::StrPap => {
            let pairs = [
                ("back-squat", "jump-squat"),
                ("rfe-split-squat", "jumping-lunge"),
            ];
            let pair = pairs.iter().find_map(|(h, e)| {
                let h = id(h).filter(|x| ch.ok(x.get(), *x, st, fam))?;
                let e = id(e).filter(|x| ch.ok(x.get(), *x, st, fam))?;
                Some((h, e))
            });
            let Some((h, e)) = pair else {
                return Err(Missing {
                    rule: "R-PAP",
                    reason: "no heavy/explosive pair fits the equipment and injuries".to_string(),
                    suggestion: "add a barbell and rack".to_string(),
                });
            };
            let rounds = dose.rounds.max(1);
            let reps = if h.get().unilateral() { 6 } else { 4 };
            let mut r = rx(h, rounds, Some(reps));
            r.rest_s = Some(240);
            r.pair = Some(e);
            match dose.pct.map(|t| step_pct(ch, h, t, cx, dose.reps)) {
                Some(p) if !h.get().unilateral() => {
                    r.pct_1rm = Some((p * 1000.0).round() / 10.0);
                    r.kg = ch.kg(h, p);
                }
                _ => r.rir = Some(2.0),
            }
            out.push(r);
            let er = reps / 2;
            let mut r = rx(e, rounds, Some(er));
            let legs = if e.get().unilateral() { 2 } else { 1 };
            r.contacts = Some(u32::from(rounds * er * legs));
            r.rest_s = Some(240);
            out.push(r);
            if let Some(hinge) = ch.first(HINGE_A, st, fam) {
                let mut r = rx(hinge, 3, Some(4));
                r.rest_s = Some(150);
                match dose.pct.map(|t| step_pct(ch, hinge, t, cx, dose.reps)) {
                    Some(p) => {
                        r.pct_1rm = Some((p * 1000.0).round() / 10.0);
                        r.kg = ch.kg(hinge, p);
                    }
                    None => r.rir = Some(2.0),
                }
                out.push(r);
            }
            if let Some(c) = ch.first(core_list, st, fam) {
                let mut r = rx(c, 2, None);
                match hold_of(c) {
                    Some(h) => r.hold_s = Some(h),
                    None => r.reps = Some(10),
                }
                r.rir = Some(4.0);
                out.push(r);
            }
        }
        Kind::StrMicro => {
            let knee = ch.pick(
                if v == Variant::A { KNEE_A } else { KNEE_B },
                cx.rot,
                st,
                fam,
            );
            let hinge = ch.pick(
                if v == Variant::A { HINGE_A } else { HINGE_B },
                cx.rot,
                st,
                fam,
            );
            let calf = ch.pick(calf_list, 0, st, fam);
            let core = ch.first(core_list, st, fam);
            let picked: Vec<ExId> = [knee, hinge, calf, core]
                .into_iter()
                .flatten()
                .take(3)
                .collect();
            // R-MICRO: about nine working sets a day (6–12), however few exercises fit.
            let sets = match picked.len() {
                1 => 8,
                2 => 4,
                _ => 3,
            };
            // (R-BEGIN's first weeks: 2–3 sets an exercise)
            let sets = if cx.stable { sets.min(3) } else { sets };
            for (k, x) in picked.into_iter().enumerate() {
                // R-BEGIN's first weeks: 8–12 reps.
                let reps = if k < 2 && !cx.stable { 6 } else { 10 };
                let mut r = rx(x, sets, Some(reps));
                r.rir = Some(3.0);
                r.rest_s = Some(60);
                if let Some(h) = hold_of(x) {
                    r.reps = None;
                    r.hold_s = Some(h);
                }
                out.push(r);
            }
            if out.is_empty() {
                return Err(Missing {
                    rule: "R-INPUTS",
                    reason: "no exercise fits the equipment and injuries".to_string(),
                    suggestion: "add dumbbells or a band to `equipment`".to_string(),
                });
            }
        }
        Kind::StrUc => {
            for s in ["push-up", "row", "dead-bug", "front-plank"] {
                if let Some(x) = id(s).filter(|x| ch.ok(x.get(), *x, st, fam)) {
                    let mut r = rx(x, 2, Some(10));
                    r.rir = Some(3.0);
                    r.rest_s = Some(60);
                    if let Some(h) = hold_of(x) {
                        r.reps = None;
                        r.hold_s = Some(h);
                    }
                    out.push(r);
                }
                if out.len() == 3 {
                    break;
                }
            }
            if out.is_empty() {
                return Err(Missing {
                    rule: "R-INPUTS",
                    reason: "no upper-body or core exercise avoids the injured regions".to_string(),
                    suggestion: String::new(),
                });
            }
        }
        Kind::Mob => {
            for x in MOBILITY
                .iter()
                .filter_map(|s| id(s))
                .filter(|x| ch.ok(x.get(), *x, false, false))
            {
                let mut r = rx(x, 2, None);
                r.hold_s = hold_of(x);
                out.push(r);
            }
        }
        _ => {}
    }
    Ok(out)
}

/// A loaded single-leg squat at RIR 2 × 5 (≈ 81 % 1RM by the RTS chart): the in-season heavy
/// exposure (R-INSEASON) for athletes whose equipment allows no hinge (loaded with a backpack).
pub fn heavy_single_leg(ch: &Chooser, cx: &SessionCtx) -> Option<ExerciseRx> {
    if cx.stable {
        return None; // R-BEGIN's first weeks hold nothing at RIR 2
    }
    // A split squat, else any lower-body strength exercise the athlete can load (R-INSEASON).
    let x = ch
        .first(
            &["rfe-split-squat", "split-squat", "reverse-lunge"],
            cx.stable,
            cx.familiar_only,
        )
        .or_else(|| {
            library().ids().find(|x| {
                let e = x.get();
                e.lower_body()
                    && e.is(ExKind::Strength)
                    && !e.is_plyo()
                    && ch.ok(e, *x, cx.stable, cx.familiar_only)
            })
        })?;
    let mut r = rx(x, 2, Some(5));
    r.rir = Some(2.0);
    r.rest_s = Some(120);
    Some(r)
}

/// Lower-body working sets of a list of exercises (plyometric and PAP sets included), as the
/// rules count them.
pub fn lower_sets(exs: &[ExerciseRx]) -> u16 {
    exs.iter()
        .filter(|r| {
            let e = r.id.get();
            e.lower_body()
                && e.kinds.iter().any(|k| {
                    matches!(
                        k,
                        ExKind::Strength | ExKind::Plyo | ExKind::Iso | ExKind::Core | ExKind::Test
                    )
                })
        })
        .map(|r| r.sets)
        .sum()
}

/// Cut sets of the exercises until their lower-body sets are at most `cap` (largest first,
/// never below one set; then drop accessories from the end).
pub fn cut_lower_sets(exs: &mut Vec<ExerciseRx>, cap: u16) {
    while lower_sets(exs) > cap {
        let lower = |r: &ExerciseRx| r.id.get().lower_body();
        let best = exs
            .iter_mut()
            .filter(|r| lower(r) && r.sets > 1)
            .max_by_key(|r| r.sets);
        match best {
            Some(r) => {
                let old = u32::from(r.sets);
                r.sets -= 1;
                if let Some(c) = r.contacts {
                    r.contacts = Some(c * u32::from(r.sets) / old);
                }
            }
            None => {
                // Every lower-body exercise is at one set: drop the last non-main one.
                // With only main lifts left, a third one goes (a knee and a hinge lift stay).
                // (a PAP pair's explosive half stays with its heavy half: R-PAP)
                let paired: Vec<ExId> = exs.iter().filter_map(|r| r.pair).collect();
                let pos = exs
                    .iter()
                    .rposition(|r| lower(r) && !r.id.get().main_lift && !paired.contains(&r.id))
                    .or_else(|| {
                        (exs.iter().filter(|r| lower(r)).count() > 2)
                            .then(|| exs.iter().rposition(lower))
                            .flatten()
                    });
                match pos {
                    Some(p) => {
                        exs.remove(p);
                    }
                    None => return,
                }
            }
        }
    }
}

/// Record a loading week's prescriptions as the progression state (R-OVERLOAD compares with the
/// last loading week) and mark the exercises familiar (R-ROTATE, §7 C21).
pub fn progress(ch: &mut Chooser, exs: &[ExerciseRx], loading: bool) {
    for r in exs.iter().filter(|_| loading) {
        let Some(p) = r.pct_1rm.map(|p| p / 100.0) else {
            continue;
        };
        let entry = ch.prog.entry(r.id).or_insert(Prog {
            sets: r.sets,
            reps: r.reps.unwrap_or(0),
            pct: p,
        });
        entry.sets = r.sets;
        entry.reps = r.reps.unwrap_or(0);
        entry.pct = p;
    }
    for r in exs {
        ch.familiar.insert(r.id);
        if let Some(p) = r.pair {
            ch.familiar.insert(p);
        }
    }
}

/// One week's load step (R-OVERLOAD: +2–5 %; 4 % so a hypertrophy block reaches heavy loads
/// within a mesocycle and a half).
pub const STEP: f64 = 1.04;

/// The %1RM for a main lift this week at `reps` reps: one step from last loading week toward
/// `target`, or the target at once when it is lower (R-OVERLOAD allows ≤ 5 %) or when a block
/// change brings a new rep scheme (which R-OVERLOAD does not compare).
pub fn step_pct(ch: &Chooser, x: ExId, target: f64, cx: &SessionCtx, reps: u16) -> f64 {
    match ch.prog.get(&x) {
        None => target,
        Some(p) if !cx.loading => p.pct,
        Some(p) if target <= p.pct => target,
        Some(p) if cx.block_change && p.reps > 0 && p.reps.abs_diff(reps) > 2 => target,
        Some(p) => (p.pct * STEP).min(target),
    }
}

/// Does this exercise work a region?
pub fn works(x: ExId, r: Region) -> bool {
    x.get().regions.contains(r)
}
