//! Today's planned sessions adapted to the athlete's readiness (rulebook group D: R-READY,
//! R-SORENESS; `runlift today`). Adaptation only ever takes load away (the rulebook's
//! precedence): a rest day leaves out everything but mobility and races; a downgrade takes each
//! hard session one step down (intervals, tempo, hills or a time trial become easy running with
//! strides; a long run with race-pace parts runs them easy; a heavy, hypertrophy, PAP or
//! microdose session becomes light: sets at most 3, the reps kept, at most R-LIGHT-IS-LIGHT's
//! share of 1RM and RIR ≥ 4; plyometrics are left out); R-SORENESS's reduced days cut every
//! strength session's sets too. docs/load/adapt.md.

use runlift_load::Readiness;
use runlift_load::readiness::{Action, SorenessPhase};
use runlift_model::Kind;
use runlift_model::plan::{ExerciseRx, Session};
use runlift_model::profile::Profile;
use runlift_rules::{LIGHT_RIR, LIGHT_RULE, RuleConfig, Severity};

use crate::paces::{paces_of, vdot_of};
use crate::runs;

/// When a light session's load is given in kilograms with no share of 1RM, the share of those
/// kilograms a downgrade keeps (about 20 % lighter, as a coach would say "take a fifth off").
pub const KG_KEPT_WITHOUT_MAX: f64 = 0.8;
/// A light session's most sets (the rulebook's STR_LIGHT: 2–3 sets; the reps stay, at the
/// lighter load).
const LIGHT_SETS: u16 = 3;

/// What happened to one of today's planned sessions.
#[derive(Clone, Debug)]
pub struct Change {
    /// Its position in the planned sessions given to [`adapt`].
    pub index: usize,
    pub before: Session,
    /// None: left out today.
    pub after: Option<Session>,
    pub rule: &'static str,
    pub why: String,
}

/// Today's sessions and what changed.
#[derive(Clone, Debug, Default)]
pub struct Adapted {
    pub sessions: Vec<Session>,
    pub changes: Vec<Change>,
}

/// The reason readiness gives for a change: its first warning of R-READY or R-SORENESS.
fn cause(r: &Readiness) -> (&'static str, String) {
    r.flags
        .iter()
        .find(|f| f.severity == Severity::Warning && matches!(f.rule, "R-READY" | "R-SORENESS"))
        .map_or(("R-READY", "not ready".to_string()), |f| {
            (f.rule, f.message.clone())
        })
}

/// Adapt `planned` (today's sessions of the saved plan) to `r`.
pub fn adapt(
    profile: &Profile,
    config: &RuleConfig,
    planned: &[Session],
    r: &Readiness,
) -> Adapted {
    let paces = paces_of(vdot_of(profile).0);
    let light_pct = config.get(LIGHT_RULE, "pct");
    let cut = match r.soreness {
        Some(SorenessPhase::Reduced { set_cut_pct, .. }) => Some(set_cut_pct),
        _ => None,
    };
    let (rule, reason) = cause(r);
    let mut out = Adapted::default();
    for (index, s) in planned.iter().enumerate() {
        let after = match r.action {
            Action::Train => Some(s.clone()),
            Action::Rest => rest(s),
            Action::Downgrade => downgrade(s, &paces, light_pct),
        };
        let after = after.and_then(|a| match cut {
            Some(pct) if a.kind.is_strength() => cut_sets(&a, pct),
            _ => Some(a),
        });
        if after.as_ref().is_some_and(|a| same(a, s)) {
            out.sessions.extend(after);
            continue;
        }
        out.changes.push(Change {
            index,
            before: s.clone(),
            after: after.clone(),
            rule,
            why: reason.clone(),
        });
        out.sessions.extend(after);
    }
    out
}

/// `s` one step down (R-READY's downgrade), at the athlete's paces and light limit; None when
/// nothing of it is left. The re-planner eases a session with it.
pub fn one_step_down(profile: &Profile, config: &RuleConfig, s: &Session) -> Option<Session> {
    let paces = paces_of(vdot_of(profile).0);
    downgrade(s, &paces, config.get(LIGHT_RULE, "pct"))
}

/// True when two sessions prescribe the same work.
fn same(a: &Session, b: &Session) -> bool {
    a.kind == b.kind
        && a.minutes == b.minutes
        && a.structure == b.structure
        && a.exercises.len() == b.exercises.len()
        && a.exercises.iter().zip(&b.exercises).all(|(x, y)| {
            x.id == y.id
                && x.sets == y.sets
                && x.reps == y.reps
                && x.kg == y.kg
                && x.pct_1rm == y.pct_1rm
                && x.rir == y.rir
        })
}

/// A rest day: mobility and races stay (a race is the athlete's call), the rest is left out.
fn rest(s: &Session) -> Option<Session> {
    matches!(s.kind, Kind::Mob | Kind::RunRace).then(|| s.clone())
}

/// The session one step down, or None when nothing of it is left (a plyometric session).
fn downgrade(
    s: &Session,
    paces: &runlift_model::structure::Paces,
    light_pct: f64,
) -> Option<Session> {
    match s.kind {
        Kind::RunInt | Kind::RunTempo | Kind::RunHill | Kind::RunSprint | Kind::RunTt => {
            Some(easy_instead(s, Kind::RunEasy, true, paces))
        }
        Kind::RunLong if s.structure.as_deref().is_some_and(|t| t.contains('@')) => {
            Some(easy_instead(s, Kind::RunLong, false, paces))
        }
        Kind::StrHeavy | Kind::StrHyp | Kind::StrPap | Kind::StrPlyo | Kind::StrMicro => {
            lighten(s, light_pct)
        }
        // (a light or isometric session keeps its work, without plyometrics)
        k if k.is_strength() => without_plyo(s),
        _ => Some(s.clone()),
    }
}

/// An easy run in place of `s`: its minutes, fewer when the easy pace would cover more ground
/// than the session did (a sprint session is mostly walking).
fn easy_instead(
    s: &Session,
    kind: Kind,
    strides: bool,
    paces: &runlift_model::structure::Paces,
) -> Session {
    let mut minutes = s.minutes;
    let mut rx = runs::easy(kind, minutes, strides, paces);
    for _ in 0..8 {
        let Some(d) = s.distance_m.filter(|d| rx.distance_m > *d && minutes > 15) else {
            break;
        };
        minutes = ((f64::from(minutes) * d / rx.distance_m).floor() as u16).clamp(15, minutes - 1);
        rx = runs::easy(kind, minutes, strides, paces);
    }
    let mut out = s.clone();
    out.kind = rx.kind;
    out.minutes = rx.minutes.min(s.minutes);
    out.distance_m = Some(rx.distance_m);
    out.structure = Some(rx.structure);
    out.title = Some(rx.title);
    out.test = None;
    out
}

/// The session as STR_LIGHT (a microdose stays a microdose, lighter): no plyometric exercise,
/// each exercise lightened; None when only plyometrics were in it.
fn lighten(s: &Session, light_pct: f64) -> Option<Session> {
    let exercises: Vec<ExerciseRx> = s
        .exercises
        .iter()
        .filter(|e| !e.id.get().is_plyo())
        .map(|e| light_exercise(e, light_pct))
        .collect();
    if exercises.is_empty() {
        return None;
    }
    let mut out = s.clone();
    if s.kind != Kind::StrMicro {
        out.kind = Kind::StrLight;
    }
    out.title = None;
    out.test = None;
    out.exercises = exercises;
    Some(out)
}

fn light_exercise(e: &ExerciseRx, light_pct: f64) -> ExerciseRx {
    let mut x = e.clone();
    x.pair = None;
    x.contacts = None;
    x.sets = x.sets.min(LIGHT_SETS);
    match (x.pct_1rm, x.kg) {
        (Some(p), kg) if p > light_pct => {
            x.pct_1rm = Some(light_pct);
            x.kg = kg.map(|k| round_kg(k * light_pct / p));
        }
        (None, Some(k)) => x.kg = Some(round_kg(k * KG_KEPT_WITHOUT_MAX)),
        _ => {}
    }
    x.rir = Some(x.rir.map_or(LIGHT_RIR, |r| r.max(LIGHT_RIR)));
    x.rpe = x.rpe.map(|r| r.min(10.0 - LIGHT_RIR));
    x
}

/// The session without its plyometric exercises; None when nothing else was in it.
fn without_plyo(s: &Session) -> Option<Session> {
    let mut out = s.clone();
    out.exercises.retain(|e| !e.id.get().is_plyo());
    (out.exercises.len() == s.exercises.len() || !out.exercises.is_empty()).then_some(out)
}

/// Kilograms to the nearest 0.5 kg, never up.
fn round_kg(k: f64) -> f64 {
    (k * 2.0).floor() / 2.0
}

/// R-SORENESS's reduced days: every exercise's sets cut by `pct` % (at least one set kept), no
/// plyometrics; None when only plyometrics were in it.
fn cut_sets(s: &Session, pct: f64) -> Option<Session> {
    let keep = 1.0 - pct / 100.0;
    let exercises: Vec<ExerciseRx> = s
        .exercises
        .iter()
        .filter(|e| !e.id.get().is_plyo())
        .map(|e| {
            let mut x = e.clone();
            x.pair = None;
            x.contacts = None;
            x.sets = ((f64::from(e.sets) * keep).floor() as u16).clamp(1, e.sets);
            x
        })
        .collect();
    if exercises.is_empty() && !s.exercises.is_empty() {
        return None;
    }
    let mut out = s.clone();
    out.exercises = exercises;
    Some(out)
}
