//! Group E of rulebook §3: exercise selection and prescription (R-EX-PATTERNS, R-EX-ORDER,
//! R-SUPERSET, R-ROTATE, R-PAP, R-PLYO-GATE, R-PLYO-VOL). This file holds what the group's rules
//! share (exercise sets, mesocycles, taper days, plyometric contacts); the rules live in the
//! submodules. Decisions where the rulebook is silent: `docs/rules/group-e.md`.

mod order;
mod patterns;
mod plyo;
mod rotate;

use std::ops::Range;

use runlift_model::library::{ExId, ExKind, Exercise, Tier, Unilateral};
use runlift_model::plan::{ExerciseRx, Phase, Session};
use runlift_model::profile::Priority;

use crate::ctx::Ctx;
use crate::finding::Out;
use crate::time::monday_of;

pub fn check(ctx: &Ctx, out: &mut Out) {
    let env = Env::new(ctx);
    patterns::check(ctx, &env, out);
    order::check(ctx, out);
    rotate::check(ctx, &env, out);
    plyo::check(ctx, &env, out);
}

/// Facts shared by the group's rules, computed once per plan.
pub(crate) struct Env {
    /// Mesocycles as ranges of `Ctx::weeks`.
    pub mesos: Vec<Range<usize>>,
    /// Day ranges (inclusive) where "none in taper" applies: each A race's taper window
    /// (R-TAPER-A's 10/14 days) through the end of its race week.
    pub taper: Vec<(i32, i32)>,
}

/// A mesocycle ends after a deload week, at a phase change, or after six weeks without a deload
/// (the rulebook's 3–6 weeks).
pub(crate) const MAX_MESO_WEEKS: usize = 6;

impl Env {
    fn new(ctx: &Ctx) -> Env {
        let mut taper = Vec::new();
        for r in ctx.races.iter().filter(|r| r.priority == Priority::A) {
            let days = if r.distance.is_short() {
                ctx.config.get("R-TAPER-A", "taper_days_short")
            } else {
                ctx.config.get("R-TAPER-A", "taper_days_long")
            };
            taper.push((r.day - days as i32, monday_of(r.day) + 6));
        }
        Env {
            mesos: mesocycles(ctx),
            taper,
        }
    }

    /// Is `day` (in week `w`) a taper or race day: a week labelled or derived as taper/race, or a
    /// day inside an A race's taper window or race week (§7 C13).
    pub fn taper_day(&self, ctx: &Ctx, day: i32) -> bool {
        let by_phase = ctx
            .week_of(day)
            .is_some_and(|w| matches!(ctx.weeks[w].phase, Phase::Taper | Phase::Race));
        by_phase || self.taper.iter().any(|(lo, hi)| (*lo..=*hi).contains(&day))
    }
}

fn mesocycles(ctx: &Ctx) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for w in 1..ctx.weeks.len() {
        let prev = &ctx.weeks[w - 1];
        if prev.deload || prev.phase != ctx.weeks[w].phase || w - start >= MAX_MESO_WEEKS {
            out.push(start..w);
            start = w;
        }
    }
    if !ctx.weeks.is_empty() {
        out.push(start..ctx.weeks.len());
    }
    out
}

/// A small set of exercises (the library has 46; ids past 255 are ignored, which the library's
/// own test would notice long before).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct ExSet([u64; 4]);

impl ExSet {
    pub fn insert(&mut self, id: ExId) {
        let i = id.0 as usize;
        if i < 256 {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }
    pub fn contains(&self, id: ExId) -> bool {
        let i = id.0 as usize;
        i < 256 && self.0[i / 64] & (1 << (i % 64)) != 0
    }
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
    pub fn union(&self, o: &ExSet) -> ExSet {
        let mut r = *self;
        for (a, b) in r.0.iter_mut().zip(o.0) {
            *a |= b;
        }
        r
    }
    pub fn minus(&self, o: &ExSet) -> ExSet {
        let mut r = *self;
        for (a, b) in r.0.iter_mut().zip(o.0) {
            *a &= !b;
        }
        r
    }
    /// Exercise codes, for messages.
    pub fn codes(&self) -> Vec<&'static str> {
        (0..256u16)
            .map(ExId)
            .filter(|i| {
                self.contains(*i)
                    && (i.0 as usize) < runlift_model::library::library().exercises.len()
            })
            .map(ExId::code)
            .collect()
    }
}

/// `a, b and c`.
pub(crate) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Is the exercise a kind-S (strength) exercise?
pub(crate) fn strength(e: &Exercise) -> bool {
    e.is(ExKind::Strength)
}

/// The leading warm-up of a session: the exercises before the first one that is not a warm-up
/// kind (§ R-EX-PATTERNS "glute activation in warm-ups": a plan shows a warm-up as warm-up-kind
/// exercises first in the session).
pub(crate) fn warmup_len(s: &Session) -> usize {
    s.exercises
        .iter()
        .take_while(|x| x.id.get().is(ExKind::Warmup))
        .count()
}

/// Library facts that the rules would otherwise read by substring search, per exercise id.
pub(crate) const CALF: u8 = 1;
pub(crate) const ANTI_ROT: u8 = 1 << 1;
pub(crate) const ANTI_EXT: u8 = 1 << 2;
pub(crate) const GLUTE: u8 = 1 << 3;

pub(crate) fn traits(id: ExId) -> u8 {
    static T: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let t = T.get_or_init(|| {
        runlift_model::library::library()
            .exercises
            .iter()
            .map(|e| {
                let mut t = 0;
                for (yes, bit) in [
                    (e.calf(), CALF),
                    (e.anti_rotation(), ANTI_ROT),
                    (e.anti_extension(), ANTI_EXT),
                    (glute_activation(e), GLUTE),
                ] {
                    if yes {
                        t |= bit;
                    }
                }
                t
            })
            .collect()
    });
    t.get(id.0 as usize).copied().unwrap_or(0)
}

/// Glute activation: a warm-up bridge or hip-abduction exercise (glute bridge, single-leg bridge,
/// clamshell, lateral band walk).
pub(crate) fn glute_activation(e: &Exercise) -> bool {
    e.is(ExKind::Warmup) && (e.pattern.contains("bridge") || e.pattern.contains("abduction"))
}

/// A warm-up drill R-PLYO-VOL does not count (§7 C17): `a-skip` or `high-knees` of ≤ 30 s a set;
/// a drill given without `hold_s` counts only when it gives `contacts`.
pub(crate) fn warmup_drill(x: &ExerciseRx) -> bool {
    let code = x.id.code();
    (code == "a-skip" || code == "high-knees") && x.hold_s.map_or(x.contacts.is_none(), |h| h <= 30)
}

/// Plyometric work that counts for R-PLYO-GATE and R-PLYO-VOL: a plyo-kind or tiered exercise
/// that is not an uncounted warm-up drill.
pub(crate) fn counted_plyo(x: &ExerciseRx) -> bool {
    let e = x.id.get();
    (e.is_plyo() || e.tier.is_some()) && !warmup_drill(x)
}

/// Tier of a counted plyometric exercise (untiered plyometrics are taken as moderate).
pub(crate) fn tier(x: &ExerciseRx) -> Tier {
    x.id.get().tier.unwrap_or(Tier::Moderate)
}

/// Reps are per leg for unilateral and alternating exercises (formats.md's example: jumping lunge
/// 4 × 3 = 24 contacts).
fn per_leg(e: &Exercise) -> bool {
    matches!(e.unilateral, Unilateral::Yes | Unilateral::Alternating)
}

/// Contacts of one exercise: `contacts` when given, else estimated (sets × reps, doubled when
/// reps are per leg; else sets × `hold_s` × 2 contacts a second; else 10 a set, the top of the
/// "sets of 5–10 contacts" prescription). The flag says whether it was estimated.
pub(crate) fn contacts(x: &ExerciseRx) -> (u32, bool) {
    if let Some(c) = x.contacts {
        return (c, false);
    }
    let reps = x.reps.map(u32::from);
    (
        estimated_contacts(x.id.get(), u32::from(x.sets), reps, x.hold_s),
        true,
    )
}

/// Estimated plyometric contacts of `sets` of an exercise when none were counted: sets × reps
/// (doubled when reps are per leg), else sets × `hold_s` × 2 contacts a second, else 10 a set.
/// The one definition, shared with the load models (`runlift-load`'s impact load).
pub fn estimated_contacts(e: &Exercise, sets: u32, reps: Option<u32>, hold_s: Option<u32>) -> u32 {
    let legs = if per_leg(e) { 2 } else { 1 };
    match (reps, hold_s) {
        (Some(r), _) => sets * r * legs,
        (None, Some(h)) => sets * h * 2,
        (None, None) => sets * 10,
    }
}

/// `3 × 6` of an exercise, for messages.
pub(crate) fn rx(x: &ExerciseRx) -> String {
    match x.reps {
        Some(r) => format!("{} {} × {r}", x.id.code(), x.sets),
        None => format!("{} × {} sets", x.id.code(), x.sets),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::library::library;

    fn ex(id: &str) -> ExerciseRx {
        ExerciseRx {
            id: library().id(id).expect("id"),
            sets: 3,
            reps: None,
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

    #[test]
    fn contacts_are_given_or_estimated() {
        let mut x = ex("jumping-lunge");
        x.reps = Some(3);
        assert_eq!(contacts(&x), (18, true), "alternating: reps per leg");
        x.contacts = Some(24);
        assert_eq!(contacts(&x), (24, false));
        let mut p = ex("pogo-hops");
        p.reps = Some(10);
        assert_eq!(contacts(&p), (30, true));
        p.reps = None;
        p.hold_s = Some(10);
        assert_eq!(contacts(&p), (60, true));
        p.hold_s = None;
        assert_eq!(contacts(&p), (30, true));
    }

    #[test]
    fn warmup_drills_are_not_counted() {
        let mut a = ex("a-skip");
        assert!(warmup_drill(&a) && !counted_plyo(&a));
        a.hold_s = Some(30);
        assert!(!counted_plyo(&a));
        a.hold_s = Some(40);
        assert!(counted_plyo(&a));
        let mut h = ex("high-knees");
        h.contacts = Some(30);
        assert!(counted_plyo(&h), "a drill with contacts counts");
        h.hold_s = Some(20);
        assert!(!counted_plyo(&h));
        assert!(counted_plyo(&ex("box-jump")));
        assert!(!counted_plyo(&ex("back-squat")));
    }

    #[test]
    fn exset_ops() {
        let lib = library();
        let (a, b) = (lib.id("back-squat").unwrap(), lib.id("deadlift").unwrap());
        let mut s = ExSet::default();
        assert!(s.is_empty());
        s.insert(a);
        let mut t = ExSet::default();
        t.insert(b);
        let u = s.union(&t);
        assert!(u.contains(a) && u.contains(b));
        assert_eq!(u.minus(&s), t);
        assert_eq!(u.codes(), vec!["back-squat", "deadlift"]);
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}
