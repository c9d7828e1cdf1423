//! R-EX-ORDER (warm-up → plyo/power → heavy compound → unilateral/accessory → calves → core →
//! mobility, one WARN per session at the first exercise out of place) and R-SUPERSET (at most
//! `max` supersets a session outside warm-up circuits and PAP complexes; never two heavy
//! lower-body lifts together).

use runlift_model::Kind;
use runlift_model::intensity::intensity;
use runlift_model::library::{ExKind, Exercise};
use runlift_model::plan::{ExerciseRx, Session};

use super::strength;
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::Item;
use crate::time::fmt_day;

const RANKS: [&str; 7] = [
    "warm-up/activation",
    "plyo/power",
    "heavy compound",
    "unilateral/accessory",
    "calves",
    "core",
    "mobility",
];

pub fn check(ctx: &Ctx, out: &mut Out) {
    for it in &ctx.items {
        let s = ctx.session(it);
        if s.exercises.len() >= 2 {
            order(s, it, out);
            if s.exercises.iter().any(|x| x.superset.is_some()) {
                supersets(ctx, s, it, out);
            }
        }
    }
}

/// The places an exercise may take in the order, as a bit mask over `RANKS`. Exercises with
/// several uses (a glute bridge is a warm-up or an accessory; a dead bug a warm-up or core) may
/// take any of theirs; a single-leg main lift may lead the session or follow the heavy lift.
fn ranks(id: runlift_model::library::ExId) -> u8 {
    static T: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let t = T.get_or_init(|| {
        runlift_model::library::library()
            .exercises
            .iter()
            .map(ranks_of)
            .collect()
    });
    t.get(id.0 as usize).copied().unwrap_or(1 << 3)
}

fn ranks_of(e: &Exercise) -> u8 {
    let mut m = 0u8;
    if e.is(ExKind::Warmup) {
        m |= 1;
    }
    if e.is_plyo() {
        m |= 1 << 1;
    }
    if e.calf() {
        m |= 1 << 4;
    } else {
        if strength(e) && e.main_lift {
            m |= 1 << 2;
            if e.unilateral() {
                m |= 1 << 3;
            }
        } else if strength(e) || e.is(ExKind::Iso) || e.is(ExKind::Test) {
            m |= 1 << 3;
        }
        if e.is(ExKind::Core) {
            m |= 1 << 5;
        }
    }
    if e.is(ExKind::Mobility) {
        m |= 1 << 6;
    }
    if m == 0 {
        m = 1 << 3;
    }
    m
}

/// Index of the first exercise of a superset group whose letter is `letter`.
fn group_head(s: &Session, letter: &str) -> usize {
    s.exercises
        .iter()
        .position(|x| x.superset.as_deref() == Some(letter))
        .unwrap_or(0)
}

fn order(s: &Session, it: &Item, out: &mut Out) {
    let mut cur = 0u32;
    // The first exercise placed at each rank (for the fix).
    let mut first_at: [Option<usize>; 7] = [None; 7];
    for (i, x) in s.exercises.iter().enumerate() {
        // The explosive half of a PAP complex goes with its heavy lift.
        if s.exercises[..i].iter().any(|h| h.pair == Some(x.id)) {
            continue;
        }
        let mut mask = ranks(x.id);
        if let Some(l) = x.superset.as_deref() {
            // A superset is placed as one unit, at its first exercise.
            if group_head(s, l) != i {
                continue;
            }
            for y in s
                .exercises
                .iter()
                .filter(|y| y.superset.as_deref() == Some(l))
            {
                mask |= ranks(y.id);
            }
        }
        let fits = mask >> cur;
        if fits == 0 {
            // The highest place the exercise may take, and the first exercise placed above it.
            let top = (7 - mask.leading_zeros() as usize).min(6);
            let before = first_at[(top + 1)..]
                .iter()
                .flatten()
                .copied()
                .min()
                .unwrap_or(0);
            let b = &s.exercises[before];
            let b_rank = (0..7)
                .find(|r| first_at[*r] == Some(before))
                .unwrap_or(cur as usize);
            out.add(
                "R-EX-ORDER",
                Severity::Warning,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {}: {} ({}) comes after {} ({}); order warm-up → plyo/power → heavy compound → unilateral/accessory → calves → core → mobility",
                    s.kind,
                    fmt_day(it.day),
                    x.id.code(),
                    RANKS[top],
                    b.id.code(),
                    RANKS[b_rank]
                ),
                format!("Move {} before {} in the {} on {}", x.id.code(), b.id.code(), s.kind, fmt_day(it.day)),
            );
            return;
        }
        let r = cur + fits.trailing_zeros();
        if first_at[r as usize].is_none() {
            first_at[r as usize] = Some(i);
        }
        cur = r;
    }
}

/// A heavy lower-body lift: a main lift at ≥ 80 % 1RM (given, or from reps and RIR per §7 C6);
/// when no percentage can be derived, RIR ≤ 3 or no load at all in a STR_HEAVY session.
fn heavy_lower(ctx: &Ctx, s: &Session, x: &ExerciseRx) -> bool {
    let e = x.id.get();
    if !(strength(e) && e.main_lift && e.lower_body()) {
        return false;
    }
    let i = intensity(x, ctx.athlete.one_rm(x.id));
    match (i.pct, i.rir) {
        (Some(p), _) => p >= 0.80 - 1e-9,
        (None, Some(r)) => s.kind == Kind::StrHeavy && r <= 3.0,
        (None, None) => s.kind == Kind::StrHeavy,
    }
}

fn supersets(ctx: &Ctx, s: &Session, it: &Item, out: &mut Out) {
    let max = ctx.config.get("R-SUPERSET", "max") as usize;
    let mut letters: Vec<&str> = s
        .exercises
        .iter()
        .filter_map(|x| x.superset.as_deref())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    let mut counted: Vec<&str> = Vec::new();
    for l in letters {
        let members: Vec<&ExerciseRx> = s
            .exercises
            .iter()
            .filter(|x| x.superset.as_deref() == Some(l))
            .collect();
        if members.len() < 2 {
            continue;
        }
        let heavy: Vec<&str> = members
            .iter()
            .filter(|x| heavy_lower(ctx, s, x))
            .map(|x| x.id.code())
            .collect();
        if heavy.len() >= 2 {
            out.add(
                "R-SUPERSET",
                Severity::Warning,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {}: superset {l} pairs heavy lower-body lifts {}",
                    s.kind,
                    fmt_day(it.day),
                    super::join_and(&heavy)
                ),
                format!(
                    "Do {} as straight sets with full rest; pair one of them with core or upper-body work instead",
                    super::join_and(&heavy)
                ),
            );
        }
        let warmup = members.iter().all(|x| {
            let e = x.id.get();
            e.is(ExKind::Warmup) || e.is(ExKind::Mobility)
        });
        let pap = s.kind == Kind::StrPap
            || members
                .iter()
                .any(|x| x.pair.is_some_and(|p| members.iter().any(|y| y.id == p)));
        if !warmup && !pap {
            counted.push(l);
        }
    }
    if counted.len() > max {
        out.add(
            "R-SUPERSET",
            Severity::Warning,
            &[it.day],
            &[it.idx],
            format!(
                "{} on {} has {} supersets ({}), allowed {max}",
                s.kind,
                fmt_day(it.day),
                counted.len(),
                counted.join(", ")
            ),
            format!(
                "Do superset {} as straight sets",
                super::join_and(&counted[max..])
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::library::library;

    fn r(id: &str) -> u8 {
        ranks(library().id(id).expect("id"))
    }

    #[test]
    fn ranks_follow_the_library() {
        assert_eq!(r("back-squat"), 1 << 2);
        assert_eq!(r("rfe-split-squat"), 1 << 2 | 1 << 3);
        assert_eq!(r("hip-thrust"), 1 << 3);
        assert_eq!(r("glute-bridge"), 1 | 1 << 3);
        assert_eq!(r("straight-knee-calf-raise"), 1 << 4);
        assert_eq!(r("iso-calf-hold"), 1 << 4);
        assert_eq!(r("dead-bug"), 1 | 1 << 5);
        assert_eq!(r("offset-deadlift"), 1 << 2 | 1 << 5);
        assert_eq!(r("a-skip"), 1 | 1 << 1);
        assert_eq!(r("jumping-lunge"), 1 << 1);
        assert_eq!(r("ankle-dorsiflexion"), 1 << 6);
        assert_eq!(r("wall-sit"), 1 << 3);
    }
}
