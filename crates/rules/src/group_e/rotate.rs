//! R-ROTATE (§7 C21): keep each pattern's main lift through a phase (WARN when it changes
//! mid-phase); change at least one accessory per pattern at each mesocycle boundary in base and
//! preparation (WARN); no exercise new to the athlete in peak, taper or race weeks (ERROR).

use runlift_model::Kind;
use runlift_model::library::{ExId, ExKind, Exercise};
use runlift_model::plan::{ExerciseRx, Phase};
use runlift_model::profile::Lifting;

use super::{Env, ExSet, join_and, strength, warmup_drill, warmup_len};
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

const ID: &str = "R-ROTATE";

/// Movement patterns whose exercises rotate.
#[derive(Clone, Copy)]
enum Family {
    Knee,
    Hinge,
    /// Bridges, hip thrusts, Nordic curls: lower-body accessories that are neither (§7 C20).
    Posterior,
}

const FAMILIES: [Family; 3] = [Family::Knee, Family::Hinge, Family::Posterior];

impl Family {
    fn of_exercise(self, e: &Exercise) -> bool {
        if !strength(e) {
            return false;
        }
        match self {
            Family::Knee => e.knee_dominant,
            Family::Hinge => e.hinge,
            Family::Posterior => e.lower_body() && !e.knee_dominant && !e.hinge && !e.calf(),
        }
    }
    /// Is the exercise of this family (a table built once from the library).
    fn of(self, id: ExId) -> bool {
        static T: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let t = T.get_or_init(|| {
            runlift_model::library::library()
                .exercises
                .iter()
                .map(|e| {
                    FAMILIES
                        .iter()
                        .enumerate()
                        .fold(0u8, |m, (i, f)| m | u8::from(f.of_exercise(e)) << i)
                })
                .collect()
        });
        t.get(id.0 as usize).copied().unwrap_or(0) & (1 << self as u8) != 0
    }
    fn name(self) -> &'static str {
        match self {
            Family::Knee => "knee-dominant",
            Family::Hinge => "hinge",
            Family::Posterior => "bridge/hamstring",
        }
    }
}

/// Session kinds whose first knee-dominant and first hinge exercise are the pattern's main lift;
/// each kind keeps its own (a hypertrophy block's goblet squat may become a heavy block's back
/// squat within base).
const SOURCES: [Kind; 4] = [Kind::StrHeavy, Kind::StrHyp, Kind::StrLight, Kind::StrPap];

/// Main lifts of a session: its first exercise of each of the knee and hinge families.
fn session_mains(ctx: &Ctx, it: &Item) -> [Option<ExId>; 2] {
    let mut m = [None, None];
    if !SOURCES.contains(&it.kind) {
        return m;
    }
    for x in &ctx.session(it).exercises {
        for (f, slot) in [Family::Knee, Family::Hinge].iter().zip(m.iter_mut()) {
            if slot.is_none() && f.of(x.id) {
                *slot = Some(x.id);
            }
        }
    }
    m
}

pub fn check(ctx: &Ctx, env: &Env, out: &mut Out) {
    main_lifts(ctx, out);
    accessories(ctx, env, out);
    new_exercises(ctx, env, out);
}

fn main_lifts(ctx: &Ctx, out: &mut Out) {
    // est[family][source]: main lifts established in the current phase; settled once a full week
    // has shown them.
    let mut est = [[ExSet::default(); 4]; 2];
    let mut settled = [[false; 4]; 2];
    for (wi, w) in ctx.weeks.iter().enumerate() {
        if wi == 0 || w.phase != ctx.weeks[wi - 1].phase {
            est = Default::default();
            settled = Default::default();
        }
        let mut cur = [[ExSet::default(); 4]; 2];
        for it in ctx.week_items(w) {
            let Some(k) = SOURCES.iter().position(|s| *s == it.kind) else {
                continue;
            };
            for (f, id) in session_mains(ctx, it).iter().enumerate() {
                if let Some(id) = id {
                    cur[f][k].insert(*id);
                }
            }
        }
        for f in 0..2 {
            for k in 0..4 {
                if cur[f][k].is_empty() {
                    continue;
                }
                let new = cur[f][k].minus(&est[f][k]);
                if settled[f][k] && !new.is_empty() {
                    report_main(ctx, w, f, k, &new, &est[f][k], out);
                }
                est[f][k] = est[f][k].union(&cur[f][k]);
                settled[f][k] |= w.days_held() == 7;
            }
        }
    }
}

fn report_main(
    ctx: &Ctx,
    w: &crate::ctx::Week,
    f: usize,
    k: usize,
    new: &ExSet,
    old: &ExSet,
    out: &mut Out,
) {
    let its: Vec<&Item> = ctx
        .week_items(w)
        .iter()
        .filter(|it| it.kind == SOURCES[k])
        .filter(|it| session_mains(ctx, it)[f].is_some_and(|id| new.contains(id)))
        .collect();
    let days: Vec<i32> = its.iter().map(|i| i.day).collect();
    let idxs: Vec<u32> = its.iter().map(|i| i.idx).collect();
    let (new, old) = (new.codes(), old.codes());
    let end = ctx
        .weeks
        .iter()
        .skip_while(|x| x.monday < w.monday)
        .take_while(|x| x.phase == w.phase)
        .last()
        .map_or(w.last_day, |x| x.last_day);
    out.add(
        ID,
        Severity::Warning,
        &days,
        &idxs,
        format!(
            "{} main lift of the {} sessions changes mid-{} in the week of {}: {} instead of {}",
            FAMILIES[f].name(),
            SOURCES[k],
            w.phase.word(),
            fmt_day(w.monday),
            join_and(&new),
            join_and(&old)
        ),
        format!(
            "Keep {} as the first {} lift until the {} phase ends ({}); change it at the next phase",
            join_and(&old),
            FAMILIES[f].name(),
            w.phase.word(),
            fmt_day(end)
        ),
    );
}

/// Accessories of each family in a mesocycle: its family's exercises other than main lifts.
fn meso_accessories(ctx: &Ctx, items: &[Item]) -> [ExSet; 3] {
    let mut mains = [ExSet::default(); 2];
    for it in items {
        for (f, id) in session_mains(ctx, it).iter().enumerate() {
            if let Some(id) = id {
                mains[f].insert(*id);
            }
        }
    }
    let mut acc = [ExSet::default(); 3];
    for it in items.iter().filter(|i| i.has(flag::STRENGTH)) {
        let s = ctx.session(it);
        // A warm-up glute bridge is activation, not an accessory.
        for x in &s.exercises[warmup_len(s)..] {
            for (f, fam) in FAMILIES.iter().enumerate() {
                if fam.of(x.id) && !(f < 2 && mains[f].contains(x.id)) {
                    acc[f].insert(x.id);
                }
            }
        }
    }
    acc
}

fn accessories(ctx: &Ctx, env: &Env, out: &mut Out) {
    let rotating = |p: Phase| matches!(p, Phase::Base | Phase::Preparation);
    let mut prev: Option<[ExSet; 3]> = None;
    for m in &env.mesos {
        let (first, last) = (&ctx.weeks[m.start], &ctx.weeks[m.end - 1]);
        let items = &ctx.items[first.items.start..last.items.end];
        let acc = meso_accessories(ctx, items);
        if let Some(p) = prev.filter(|_| rotating(first.phase) && m.start > 0)
            && rotating(ctx.weeks[m.start - 1].phase)
        {
            let same: Vec<usize> = (0..3)
                .filter(|f| !acc[*f].is_empty() && acc[*f] == p[*f])
                .collect();
            if !same.is_empty() {
                let mut kept = ExSet::default();
                for f in &same {
                    kept = kept.union(&acc[*f]);
                }
                let at = items.iter().find(|it| {
                    it.has(flag::STRENGTH)
                        && ctx
                            .session(it)
                            .exercises
                            .iter()
                            .any(|x| kept.contains(x.id))
                });
                let names: Vec<&str> = same.iter().map(|f| FAMILIES[*f].name()).collect();
                let codes = kept.codes();
                if let Some(at) = at {
                    out.add(
                        ID,
                        Severity::Warning,
                        &[at.day],
                        &[at.idx],
                        format!(
                            "Mesocycle from {} keeps the same {} accessories as the last one ({})",
                            fmt_day(first.first_day),
                            join_and(&names),
                            join_and(&codes)
                        ),
                        format!(
                            "From {} on, swap at least one {} accessory for a variation (e.g. split-squat ↔ reverse-lunge, single-leg-rdl ↔ offset-deadlift, hip-thrust ↔ nordic-curl)",
                            fmt_day(at.day),
                            names.join(" / ")
                        ),
                    );
                }
            }
        }
        prev = Some(acc);
    }
}

/// Exercises that matter for familiarity: working exercises (warm-up and mobility drills are
/// not "new" in a sense that costs a race).
fn working(x: &ExerciseRx) -> bool {
    let e = x.id.get();
    !warmup_drill(x)
        && e.kinds.iter().any(|k| {
            matches!(
                k,
                ExKind::Strength | ExKind::Plyo | ExKind::Iso | ExKind::Core | ExKind::Test
            )
        })
}

fn new_exercises(ctx: &Ctx, env: &Env, out: &mut Out) {
    let mut seen = ExSet::default();
    if let Some(p) = &ctx.athlete.profile {
        for l in &p.lifts {
            seen.insert(l.exercise);
        }
    }
    for (wi, w) in ctx.weeks.iter().enumerate() {
        let items = ctx.week_items(w);
        if wi == 0 && ctx.athlete.lifting != Lifting::None {
            for it in items {
                for x in &ctx.session(it).exercises {
                    seen.insert(x.id);
                }
            }
        }
        let locked = matches!(w.phase, Phase::Peak | Phase::Taper | Phase::Race);
        for it in items {
            if !(locked || env.taper_day(ctx, it.day)) {
                continue;
            }
            let s = ctx.session(it);
            let mut new = ExSet::default();
            for x in s
                .exercises
                .iter()
                .filter(|x| working(x) && !s.tests_exercise(x))
            {
                if !seen.contains(x.id) {
                    new.insert(x.id);
                }
            }
            if new.is_empty() {
                continue;
            }
            let codes = new.codes();
            let phase = if env.taper_day(ctx, it.day) && !matches!(w.phase, Phase::Peak) {
                "taper/race"
            } else {
                w.phase.word()
            };
            out.add(
                ID,
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {} ({phase} week) introduces {} new to the athlete (not in earlier weeks or the profile's lifts)",
                    s.kind,
                    fmt_day(it.day),
                    join_and(&codes)
                ),
                format!(
                    "Replace {} with an exercise the athlete has done in earlier weeks, or introduce it in base or preparation",
                    join_and(&codes)
                ),
            );
        }
        for it in items {
            for x in &ctx.session(it).exercises {
                seen.insert(x.id);
            }
        }
    }
}
