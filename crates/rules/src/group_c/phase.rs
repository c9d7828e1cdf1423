//! R-PHASE: every week has a phase, and its counts (hard runs, long runs, strength sessions,
//! plyometric contacts) and main-lift prescriptions stay within rulebook §4.3's row for the
//! athlete's level (§7 C4, C13, C14). More than the row allows is an ERROR; less is a WARN (the
//! reading C10 gives R-STR-FREQ), and the trend targets ("intensity rises", "long run grows",
//! "volume flat", "≥ 80 % easy") are WARN.

use runlift_model::Kind;
use runlift_model::plan::Phase;
use runlift_model::profile::Level;

use super::{Gov, contacts_of, intensity_of, plyo_cap, scaled_min};
use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{day_number, fmt_day};

const RULE: &str = "R-PHASE";

/// A main-lift prescription: sets × reps @ %1RM (fractions), with an RPE ceiling.
#[derive(Clone, Copy, Debug)]
struct Rx {
    sets: (u16, u16),
    reps: (u16, u16),
    pct: Option<(f64, f64)>,
    rpe_max: Option<f64>,
}

const fn rx(sets: (u16, u16), reps: (u16, u16), pct: Option<(f64, f64)>) -> Rx {
    Rx {
        sets,
        reps,
        pct,
        rpe_max: None,
    }
}

/// One row of §4.3 for one level.
#[derive(Clone, Copy, Debug)]
struct Row {
    /// Hard runs a week (the race counts as one); `None`: the row sets no number.
    hi: Option<(u32, u32)>,
    long: (u32, u32),
    /// Strength sessions as §7 C10 counts them.
    strength: (u32, u32),
    /// Runs a week at most (transition).
    runs_max: Option<u32>,
    /// The main-lift prescription; `hyp` for STR_HYP sessions where the row has one.
    rx: Option<Rx>,
    hyp: Option<Rx>,
    /// Plyometric contacts per session, the planner's target (§7 C18).
    contacts: Option<f64>,
    /// Strength kinds the row allows, when it restricts them, and their longest session.
    kinds: Option<(&'static [Kind], Option<u16>)>,
}

const HEAVY_I: Rx = rx((3, 4), (4, 6), Some((0.80, 0.85)));
const HYP_BASE: Rx = rx((3, 3), (8, 12), None);
const TRANSITION_KINDS: &[Kind] = &[Kind::Mob, Kind::StrUc, Kind::StrLight];
const RACE_WEEK_KINDS: &[Kind] = &[Kind::Mob, Kind::StrUc, Kind::StrLight, Kind::StrIso];

/// §4.3's row for a phase and level. A single % there means ±5 points (§7 C4), "about" too.
fn row(phase: Phase, level: Level) -> Row {
    use Level::*;
    let by = |b: (u32, u32), i: (u32, u32), a: (u32, u32)| match level {
        Beginner => b,
        Intermediate => i,
        Advanced => a,
    };
    let base = Row {
        hi: None,
        long: (1, 1),
        strength: (0, 0),
        runs_max: None,
        rx: None,
        hyp: None,
        contacts: None,
        kinds: None,
    };
    match phase {
        Phase::Base => Row {
            hi: Some(by((0, 1), (1, 1), (1, 2))),
            strength: by((2, 2), (2, 3), (2, 3)),
            rx: Some(match level {
                // weeks 1–4: 2–3 × 8–12 at RPE ≤ 7, then 3 × 6–10 (the RPE cap is set per week)
                Beginner => rx((2, 3), (6, 12), None),
                Intermediate => HEAVY_I,
                Advanced => rx((3, 5), (3, 6), Some((0.80, 0.90))),
            }),
            hyp: (level != Beginner).then_some(HYP_BASE),
            // beginners: 0 until R-PLYO-GATE opens, which that rule judges
            contacts: match level {
                Beginner => None,
                Intermediate => Some(80.0),
                Advanced => Some(120.0),
            },
            ..base
        },
        Phase::Preparation => Row {
            hi: Some(by((1, 1), (2, 2), (2, 3))),
            // advanced: 1 HEAVY + 1 PAP/PLYO, and C10 does not count the PLYO
            strength: by((2, 2), (2, 2), (1, 3)),
            rx: Some(match level {
                Beginner => rx((3, 3), (6, 8), Some((0.70, 0.85))),
                Intermediate => rx((3, 3), (3, 6), Some((0.80, 0.90))),
                Advanced => rx((3, 4), (3, 6), Some((0.80, 0.90))),
            }),
            contacts: Some(match level {
                Beginner => 40.0,
                Intermediate => 80.0,
                Advanced => 100.0,
            }),
            ..base
        },
        Phase::Peak => Row {
            hi: Some(by((1, 1), (2, 2), (2, 3))),
            strength: (1, 2),
            rx: Some(match level {
                Beginner => rx((2, 2), (6, 6), None),
                _ => rx((2, 2), (3, 5), Some((0.80, 0.90))),
            }),
            contacts: Some(match level {
                Beginner => 20.0,
                Intermediate => 40.0,
                Advanced => 60.0,
            }),
            ..base
        },
        Phase::Taper => Row {
            long: (0, 1),
            strength: (0, 1),
            rx: Some(rx((2, 2), (5, 5), Some((0.75, 0.85)))),
            contacts: Some(20.0),
            ..base
        },
        Phase::Race => Row {
            long: (0, 1),
            strength: (0, 1),
            contacts: Some(20.0),
            kinds: Some((RACE_WEEK_KINDS, Some(20))),
            ..base
        },
        Phase::InSeason => Row {
            long: (0, 1),
            strength: by((1, 1), (1, 2), (1, 2)),
            rx: Some(match level {
                Beginner => rx((2, 2), (6, 8), None),
                _ => rx((1, 2), (3, 5), Some((0.80, 0.85))),
            }),
            // R-INSEASON caps in-season contacts
            ..base
        },
        Phase::Transition => Row {
            hi: Some((0, 0)),
            long: (0, 0),
            strength: (0, 2),
            runs_max: Some(4),
            contacts: Some(0.0),
            kinds: Some((TRANSITION_KINDS, None)),
            ..base
        },
    }
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Beginner => "a beginner",
        Level::Intermediate => "an intermediate",
        Level::Advanced => "an advanced athlete",
    }
}

fn range(r: (u32, u32)) -> String {
    if r.0 == r.1 {
        r.0.to_string()
    } else {
        format!("{}–{}", r.0, r.1)
    }
}

pub(super) fn check(ctx: &Ctx, gov: &[Gov], out: &mut Out) {
    missing_labels(ctx, out);
    let level = ctx.athlete.level;
    let mut base_ordinal = 0u32;
    for (w, week) in ctx.weeks.iter().enumerate() {
        let g = gov[w];
        if matches!(g, Gov::TaperA | Gov::TaperB) {
            continue;
        }
        let phase = if g == Gov::InSeason {
            Phase::InSeason
        } else {
            week.phase
        };
        let mut r = row(phase, level);
        if phase == Phase::Base {
            if level == Level::Beginner
                && base_ordinal < 4
                && let Some(x) = r.rx.as_mut()
            {
                x.rpe_max = Some(7.0);
            }
            base_ordinal += 1;
        }
        let items = ctx.week_items(week);
        counts(ctx, week, phase, &r, items, out);
        kinds(ctx, week, phase, &r, items, out);
        if g != Gov::InSeason {
            contacts(ctx, week, phase, &r, items, out);
        }
        prescriptions(ctx, week, phase, &r, items, out);
        // a ratio over part of a week (a plan fragment, a short first week) says nothing
        if phase == Phase::Base && week.days_held() == 7 {
            easy_share(ctx, week, items, out);
        }
    }
    trends(ctx, gov, out);
}

fn head(week: &Week, phase: Phase) -> String {
    format!("week of {} ({})", fmt_day(week.monday), phase.word())
}

/// Weeks before the first `[[week]]` label have no phase (labels given, so none is derived).
fn missing_labels(ctx: &Ctx, out: &mut Out) {
    let Some(first) = ctx.plan.weeks.iter().map(|l| day_number(l.start)).min() else {
        return;
    };
    let first_monday = crate::time::monday_of(first);
    for week in ctx.weeks.iter().filter(|w| w.monday < first_monday) {
        let sessions: Vec<u32> = ctx.week_items(week).iter().map(|i| i.idx).collect();
        out.add(
            RULE,
            Severity::Error,
            &[week.first_day],
            &sessions,
            format!(
                "week of {} has no phase: the first [[week]] label starts on {}",
                fmt_day(week.monday),
                fmt_day(first)
            ),
            format!(
                "Add a [[week]] label with start = \"{}\" and its phase (base, preparation, …)",
                crate::time::date_of(week.monday)
            ),
        );
    }
}

/// Hard runs, long runs, runs and strength sessions against the row.
fn counts(ctx: &Ctx, week: &Week, phase: Phase, r: &Row, items: &[Item], out: &mut Out) {
    let level = ctx.athlete.level;
    let days = week.days_held();
    let pick =
        |f: &dyn Fn(&Item) -> bool| -> Vec<&Item> { items.iter().filter(|i| f(i)).collect() };
    let mut check =
        |what: &str, n: usize, lim: (u32, u32), sel: &[&Item], more: &str, less: &str| {
            let n = n as u32;
            let what = if n == 1 {
                what.trim_end_matches('s')
            } else {
                what
            };
            let lo = scaled_min(lim.0, days);
            if n > lim.1 {
                let extra = &sel[lim.1 as usize..];
                let names: Vec<String> = extra
                    .iter()
                    .map(|i| format!("the {} on {}", ctx.session(i).kind, fmt_day(i.day)))
                    .collect();
                let ids: Vec<u32> = sel.iter().map(|i| i.idx).collect();
                let ds: Vec<i32> = sel.iter().map(|i| i.day).collect();
                out.add(
                    RULE,
                    Severity::Error,
                    &ds,
                    &ids,
                    format!(
                        "{}: {n} {what}, {} allows {} for {}",
                        head(week, phase),
                        phase.word(),
                        range(lim),
                        level_word(level)
                    ),
                    format!("{} {}", more, names.join(" and ")),
                );
            } else if n < lo {
                out.add(
                    RULE,
                    Severity::Warning,
                    &[week.first_day],
                    &[],
                    format!(
                        "{}: {n} {what}, {} asks for {} for {}",
                        head(week, phase),
                        phase.word(),
                        range((lo, lim.1)),
                        level_word(level)
                    ),
                    less.to_string(),
                );
            }
        };
    // A week's races are the athlete's calendar, not the plan's choice: they alone never make
    // too many hard runs or runs; training sessions beyond the row still do
    // (docs/rules/group-c.md).
    let races = pick(&|i| i.kind == Kind::RunRace).len() as u32;
    if let Some(lim) = r.hi {
        let lim = (lim.0, lim.1.max(races));
        let sel = pick(&|i| i.has(flag::HI_RUN));
        check(
            "hard runs",
            sel.len(),
            lim,
            &sel,
            "Make an easy run (RUN_EASY) of",
            "Turn one easy run into a tempo or interval session (RUN_TEMPO/RUN_INT)",
        );
    }
    let sel = pick(&|i| i.has(flag::LONG));
    check(
        "long runs",
        sel.len(),
        r.long,
        &sel,
        "Make an easy run (RUN_EASY) of",
        "Make the weekend's longest easy run a RUN_LONG",
    );
    if let Some(max) = r.runs_max {
        let sel = pick(&|i| i.has(flag::RUN) && i.kind != Kind::RunStrides);
        check(
            "runs",
            sel.len(),
            (0, max.max(races)),
            &sel,
            "Drop or replace with rest or mobility",
            "",
        );
    }
    let sel = pick(&|i| i.has(flag::STR_COUNT));
    check(
        "strength sessions",
        sel.len(),
        r.strength,
        &sel,
        "Drop or make MOB/STR_UC of",
        "Add a lower-body strength session (STR_HEAVY or STR_LIGHT) on an easy day",
    );
}

/// Transition and race weeks allow only some strength kinds (and race week only short ones).
fn kinds(ctx: &Ctx, week: &Week, phase: Phase, r: &Row, items: &[Item], out: &mut Out) {
    let Some((allowed, max_min)) = r.kinds else {
        return;
    };
    for it in items
        .iter()
        .filter(|i| i.has(flag::STRENGTH) || i.kind == Kind::Mob)
    {
        let s = ctx.session(it);
        let bad_kind = !allowed.contains(&it.kind);
        let too_long = max_min.is_some_and(|m| s.minutes > m);
        if !bad_kind && !too_long {
            continue;
        }
        let names: Vec<&str> = allowed.iter().map(|k| k.code()).collect();
        let (msg, fix) = if bad_kind {
            (
                format!(
                    "{}: {} on {}; {} allows only {}",
                    head(week, phase),
                    s.kind,
                    fmt_day(it.day),
                    phase.word(),
                    names.join("/")
                ),
                format!(
                    "Replace the {} on {} with {}",
                    s.kind,
                    fmt_day(it.day),
                    names.join(" or ")
                ),
            )
        } else {
            let m = max_min.unwrap_or(0);
            (
                format!(
                    "{}: {} on {} lasts {} min, {} allows {} min",
                    head(week, phase),
                    s.kind,
                    fmt_day(it.day),
                    s.minutes,
                    phase.word(),
                    m
                ),
                format!("Cut the {} on {} to {m} min", s.kind, fmt_day(it.day)),
            )
        };
        out.add(RULE, Severity::Error, &[it.day], &[it.idx], msg, fix);
    }
}

/// Contacts per session above the row's target but within R-PLYO-VOL's cap (which reports
/// anything above itself): a WARN (§7 C18).
fn contacts(ctx: &Ctx, week: &Week, phase: Phase, r: &Row, items: &[Item], out: &mut Out) {
    let Some(target) = r.contacts else {
        return;
    };
    let cap = match phase {
        Phase::Base | Phase::Preparation => plyo_cap(ctx),
        Phase::Peak | Phase::InSeason => plyo_cap(ctx) * 0.5,
        _ => target,
    };
    for it in items.iter().filter(|i| i.has(flag::STRENGTH)) {
        let c: u32 = ctx.session(it).exercises.iter().map(contacts_of).sum();
        let c = f64::from(c);
        if c > target && (c <= cap || target >= cap) {
            out.add(
                RULE,
                Severity::Warning,
                &[it.day],
                &[it.idx],
                format!(
                    "{}: {c} plyometric contacts in the {} on {}, {} targets ≤ {target} for {}",
                    head(week, phase),
                    it.kind,
                    fmt_day(it.day),
                    phase.word(),
                    level_word(ctx.athlete.level)
                ),
                format!(
                    "Cut the plyometric sets on {} to {target} contacts or fewer",
                    fmt_day(it.day)
                ),
            );
        }
    }
}

/// What is wrong with one main lift: field, too much (true) or too little, the value.
#[derive(Clone, Copy)]
struct Miss {
    field: usize,
    above: bool,
    value: f64,
}

/// Misses of one (field, above) kind: where (day, session) and what.
type Found = (usize, bool, Vec<(i32, u32)>, Vec<String>);

const FIELDS: [&str; 4] = ["sets", "reps", "%1RM", "RPE"];

/// Sets × reps × %1RM (and RPE) of the main lifts of STR_HEAVY and STR_HYP sessions.
fn prescriptions(ctx: &Ctx, week: &Week, phase: Phase, r: &Row, items: &[Item], out: &mut Out) {
    if r.rx.is_none() {
        return;
    }
    // (field, above) → (sessions, descriptions)
    let mut found: Vec<Found> = Vec::new();
    // R-BEGIN's introductory weeks prescribe their own 2–3 × 8–12 at RPE ≤ 7 (a safety rule,
    // docs/rules/group-c.md): the phase's main-lift rows start after them.
    let begin_end = super::begin_end(ctx);
    for it in items
        .iter()
        .filter(|i| matches!(i.kind, Kind::StrHeavy | Kind::StrHyp))
        .filter(|i| begin_end.is_none_or(|e| i.day >= e))
    {
        let rx = match (it.kind, r.hyp) {
            (Kind::StrHyp, Some(h)) => h,
            _ => match r.rx {
                Some(x) => x,
                None => continue,
            },
        };
        let rx = Rx {
            rpe_max: r.rx.and_then(|x| x.rpe_max).or(rx.rpe_max),
            ..rx
        };
        for ex in ctx
            .session(it)
            .exercises
            .iter()
            .filter(|e| e.id.get().main_lift)
        {
            let mut misses: [Option<Miss>; 4] = [None; 4];
            if !week.deload {
                let s = ex.sets;
                if s > rx.sets.1 || s < rx.sets.0 {
                    misses[0] = Some(Miss {
                        field: 0,
                        above: s > rx.sets.1,
                        value: f64::from(s),
                    });
                }
            }
            if let Some(n) = ex.reps
                && (n > rx.reps.1 || n < rx.reps.0)
            {
                misses[1] = Some(Miss {
                    field: 1,
                    above: n > rx.reps.1,
                    value: f64::from(n),
                });
            }
            let i = intensity_of(ctx, ex);
            if let (Some((lo, hi)), Some(p)) = (rx.pct, i.pct) {
                // a % read off the RPE chart from reps and RIR is an estimate: 2.5 points slack
                let given = ex.pct_1rm.is_some() || ex.kg.is_some();
                let slack = if given { 1e-9 } else { 0.025 };
                // deloads may drop the load by 10 % (R-DELOAD)
                let above = p > hi + slack;
                if above || (p < lo - slack && !week.deload) {
                    misses[2] = Some(Miss {
                        field: 2,
                        above,
                        value: (p * 100.0).round(),
                    });
                }
            }
            if let (Some(max), Some(rir)) = (rx.rpe_max, i.rir)
                && 10.0 - rir > max + 1e-9
            {
                misses[3] = Some(Miss {
                    field: 3,
                    above: true,
                    value: 10.0 - rir,
                });
            }
            for m in misses.into_iter().flatten() {
                let text = match m.field {
                    0 => format!("{} {} sets on {}", ex.id.code(), m.value, fmt_day(it.day)),
                    1 => format!("{} {} reps on {}", ex.id.code(), m.value, fmt_day(it.day)),
                    2 => format!("{} at {} % on {}", ex.id.code(), m.value, fmt_day(it.day)),
                    _ => format!("{} at RPE {} on {}", ex.id.code(), m.value, fmt_day(it.day)),
                };
                match found.iter_mut().find(|f| f.0 == m.field && f.1 == m.above) {
                    Some(f) => {
                        f.2.push((it.day, it.idx));
                        f.3.push(text);
                    }
                    None => found.push((m.field, m.above, vec![(it.day, it.idx)], vec![text])),
                }
            }
        }
    }
    for (field, above, at, texts) in found {
        let rx = r.rx.unwrap_or(HYP_BASE);
        let allowed = match field {
            0 => format!(
                "{} sets",
                range((u32::from(rx.sets.0), u32::from(rx.sets.1)))
            ),
            1 => format!(
                "{} reps",
                range((u32::from(rx.reps.0), u32::from(rx.reps.1)))
            ),
            2 => rx.pct.map_or(String::new(), |(lo, hi)| {
                format!("{:.0}–{:.0} %", lo * 100.0, hi * 100.0)
            }),
            _ => format!("RPE ≤ {}", rx.rpe_max.unwrap_or(10.0)),
        };
        let days: Vec<i32> = at.iter().map(|a| a.0).collect();
        let ids: Vec<u32> = at.iter().map(|a| a.1).collect();
        let verb = if above { "Cut" } else { "Raise" };
        out.add(
            RULE,
            if above {
                Severity::Error
            } else {
                Severity::Warning
            },
            &days,
            &ids,
            format!(
                "{}: {}; {} allows {allowed} on main lifts for {}",
                head(week, phase),
                texts.join(", "),
                phase.word(),
                level_word(ctx.athlete.level)
            ),
            format!(
                "{verb} the {} of {} to {allowed} (§4.3 {} row)",
                FIELDS[field],
                texts.join(", "),
                phase.word()
            ),
        );
    }
}

/// Base weeks: ≥ 80 % of running time easy (§7 C5: RUN_REC, RUN_EASY, RUN_STRIDES, RUN_LONG).
fn easy_share(ctx: &Ctx, week: &Week, items: &[Item], out: &mut Out) {
    let (mut easy, mut all) = (0u32, 0u32);
    for it in items.iter().filter(|i| i.has(flag::RUN)) {
        let m = u32::from(ctx.session(it).minutes);
        all += m;
        if matches!(
            it.kind,
            Kind::RunRec | Kind::RunEasy | Kind::RunStrides | Kind::RunLong
        ) {
            easy += m;
        }
    }
    if all == 0 || f64::from(easy) >= 0.8 * f64::from(all) - 1e-9 {
        return;
    }
    let pct = (f64::from(easy) * 100.0 / f64::from(all)).round();
    let need = (0.8 * f64::from(all)).ceil() as u32;
    let hard: Vec<u32> = items
        .iter()
        .filter(|i| i.has(flag::RUN) && !i.has(flag::LONG) && i.has(flag::HI_RUN))
        .map(|i| i.idx)
        .collect();
    out.add(
        RULE,
        Severity::Warning,
        &[week.first_day],
        &hard,
        format!(
            "{}: {easy} of {all} running minutes easy ({pct} %), base asks for ≥ 80 %",
            head(week, Phase::Base)
        ),
        format!(
            "Shorten the hard runs or lengthen the easy ones so that at least {need} of {all} min are easy"
        ),
    );
}

/// Trend targets over a phase block: preparation's intensity rises and long run grows, peak's
/// volume stays flat. Blocks are runs of consecutive weeks of one phase governed by R-PHASE.
fn trends(ctx: &Ctx, gov: &[Gov], out: &mut Out) {
    let n = ctx.weeks.len();
    let mut w = 0;
    while w < n {
        let ph = ctx.weeks[w].phase;
        let mut e = w;
        while e < n && ctx.weeks[e].phase == ph && gov[e] == Gov::Phase {
            e += 1;
        }
        if e == w {
            w += 1;
            continue;
        }
        let loading: Vec<usize> = (w..e)
            .filter(|&k| ctx.weeks[k].loading() && ctx.weeks[k].days_held() == 7)
            .collect();
        if loading.len() >= 2 {
            match ph {
                Phase::Preparation => prep_trend(ctx, &loading, out),
                Phase::Peak => peak_flat(ctx, &loading, out),
                _ => {}
            }
        }
        w = e;
    }
}

fn hi_minutes(ctx: &Ctx, week: &Week) -> u32 {
    ctx.week_items(week)
        .iter()
        .filter(|i| i.has(flag::HI_RUN))
        .map(|i| u32::from(ctx.session(i).minutes))
        .sum()
}

fn longest_long<'c>(ctx: &'c Ctx, week: &Week) -> Option<&'c Item> {
    ctx.week_items(week)
        .iter()
        .filter(|i| i.has(flag::LONG))
        .max_by_key(|i| ctx.session(i).minutes)
}

fn prep_trend(ctx: &Ctx, loading: &[usize], out: &mut Out) {
    let (a, b) = (
        &ctx.weeks[loading[0]],
        &ctx.weeks[loading[loading.len() - 1]],
    );
    let (ha, hb) = (hi_minutes(ctx, a), hi_minutes(ctx, b));
    if hb < ha {
        out.add(
            RULE,
            Severity::Warning,
            &[a.first_day, b.first_day],
            &[],
            format!(
                "preparation weeks of {} to {}: hard-run time falls from {ha} to {hb} min; intensity should rise",
                fmt_day(a.monday),
                fmt_day(b.monday)
            ),
            format!(
                "Give the week of {} at least {ha} min of tempo/interval work, or more than the first preparation week",
                fmt_day(b.monday)
            ),
        );
    }
    if let (Some(la), Some(lb)) = (longest_long(ctx, a), longest_long(ctx, b)) {
        let (ma, mb) = (ctx.session(la).minutes, ctx.session(lb).minutes);
        if mb <= ma {
            out.add(
                RULE,
                Severity::Warning,
                &[la.day, lb.day],
                &[la.idx, lb.idx],
                format!(
                    "preparation weeks of {} to {}: the long run goes from {ma} to {mb} min; it should grow",
                    fmt_day(a.monday),
                    fmt_day(b.monday)
                ),
                format!(
                    "Lengthen the long run on {} beyond {ma} min (about 10 % more)",
                    fmt_day(lb.day)
                ),
            );
        }
    }
}

fn peak_flat(ctx: &Ctx, loading: &[usize], out: &mut Out) {
    let first = &ctx.weeks[loading[0]];
    let m0 = f64::from(first.run_minutes);
    if m0 <= 0.0 {
        return;
    }
    for &k in &loading[1..] {
        let wk = &ctx.weeks[k];
        let m = f64::from(wk.run_minutes);
        let change = (m - m0) / m0;
        if change.abs() > 0.10 + 1e-9 {
            out.add(
                RULE,
                Severity::Warning,
                &[wk.first_day],
                &[],
                format!(
                    "{}: {} running min, {:+.0} % on the first peak week ({} min); peak volume should stay flat (±10 %)",
                    head(wk, Phase::Peak),
                    wk.run_minutes,
                    change * 100.0,
                    first.run_minutes
                ),
                format!(
                    "Bring the week of {} to {:.0}–{:.0} running min",
                    fmt_day(wk.monday),
                    m0 * 0.9,
                    m0 * 1.1
                ),
            );
        }
    }
}
