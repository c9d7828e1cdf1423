//! R-OVERLOAD (§7 C7: one progression step per exercise per week against the last loading week;
//! weekly lower-body sets ≤ +25 %; none in deload or taper) and R-DELOAD (§7 C8: at most three
//! loading weeks in a row; a deload cuts running ≥ 20 % and keeps ≤ ceil(0.6 × S) lower-body
//! sets; deeper cuts warn; no new exercises or plyometric progression). Both walk the weeks once,
//! keeping per-exercise summaries of the last loading week.

use runlift_model::library::{ExId, ExKind, Exercise, library};
use runlift_model::plan::Phase;
use runlift_model::profile::Level;

use super::{num, week_name, week_scale, where_};
use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

/// One exercise's prescription summed over a week: total sets, heaviest load, most reps.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ExStat {
    id: ExId,
    sets: u32,
    /// Sessions of the week holding the exercise.
    sessions: u32,
    last_session: u32,
    kg: Option<f64>,
    /// Fraction of 1RM: `pct_1rm`, or `kg` over the athlete's estimated 1RM.
    pct: Option<f64>,
    /// Lowest reps in reserve (`rir`, or 10 − `rpe`).
    rir: Option<f64>,
    reps: Option<u16>,
}

/// What R-OVERLOAD and R-DELOAD need of a week.
#[derive(Clone, Debug, Default)]
struct WeekStats {
    /// Strength exercises (library kind S), in order of first appearance.
    ex: Vec<ExStat>,
    lower_sets: u32,
    str_sessions: u32,
    contacts: u32,
}

fn fmax(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn fmin(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Working exercises (not warm-up or mobility drills): what "new exercise" looks at.
fn working(e: &Exercise) -> bool {
    e.kinds.iter().any(|k| {
        matches!(
            k,
            ExKind::Strength | ExKind::Plyo | ExKind::Iso | ExKind::Core
        )
    })
}

fn collect(ctx: &Ctx, w: &Week, st: &mut WeekStats) {
    st.ex.clear();
    st.lower_sets = 0;
    st.str_sessions = 0;
    st.contacts = 0;
    for it in ctx.week_items(w) {
        if !it.has(flag::STRENGTH) {
            continue;
        }
        st.lower_sets += u32::from(it.lower_sets);
        st.contacts += u32::from(it.contacts);
        if it.has(flag::STR_COUNT) {
            st.str_sessions += 1;
        }
        for rx in &ctx.session(it).exercises {
            if !rx.id.get().is(ExKind::Strength) {
                continue;
            }
            let pct = match (rx.kg, ctx.athlete.one_rm(rx.id)) {
                (Some(kg), Some(rm)) if rm > 0.0 => Some(kg / rm),
                _ => rx.pct_1rm.map(|p| p / 100.0),
            };
            let rir = rx.rir.or(rx.rpe.map(|r| 10.0 - r));
            let i = match st.ex.iter().position(|e| e.id == rx.id) {
                Some(i) => i,
                None => {
                    st.ex.push(ExStat {
                        id: rx.id,
                        sets: 0,
                        sessions: 0,
                        last_session: u32::MAX,
                        kg: None,
                        pct: None,
                        rir: None,
                        reps: None,
                    });
                    st.ex.len() - 1
                }
            };
            let e = &mut st.ex[i];
            e.sets += u32::from(rx.sets);
            if e.last_session != it.idx {
                e.sessions += 1;
                e.last_session = it.idx;
            }
            e.kg = fmax(e.kg, rx.kg);
            e.pct = fmax(e.pct, pct);
            e.rir = fmin(e.rir, rir);
            e.reps = match (e.reps, rx.reps) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
}

/// The load measure two weeks share (C6 precedence, as far as both weeks give it).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Load {
    Kg {
        a: f64,
        b: f64,
        cap: f64,
    },
    /// Fractions of 1RM.
    Pct {
        a: f64,
        b: f64,
        cap: f64,
    },
    Rir {
        a: f64,
        b: f64,
    },
}

/// How one exercise changed between the last loading week and this one (numbers only: the words
/// are built by [`Change::parts`] when a finding is made).
#[derive(Debug, Default, PartialEq)]
struct Change {
    load: Option<Load>,
    load_up: bool,
    load_over: bool,
    prev_sets: f64,
    cur_sets: u32,
    sessions: u32,
    sets_up: bool,
    sets_over: bool,
    reps: Option<(u16, u16)>,
    reps_up: bool,
    reps_over: bool,
    load_pct: f64,
}

impl Change {
    fn ups(&self) -> usize {
        usize::from(self.load_up) + usize::from(self.sets_up) + usize::from(self.reps_up)
    }

    /// Heaviest load fell by more than 10 % (deload: deeper than the rule's range), in %.
    fn load_cut_pct(&self) -> Option<f64> {
        match self.load? {
            Load::Kg { a, b, .. } | Load::Pct { a, b, .. } if b < a * 0.9 - 1e-6 => {
                Some((1.0 - b / a) * 100.0)
            }
            _ => None,
        }
    }

    /// The largest load allowed this week, in words ("84 kg", "84% 1RM", "RIR 2").
    fn load_cap(&self) -> Option<String> {
        Some(match self.load? {
            Load::Kg { cap, .. } => format!("{} kg", num((cap * 2.0).floor() / 2.0)),
            Load::Pct { cap, .. } => format!("{}% 1RM", num((cap * 1000.0).floor() / 10.0)),
            Load::Rir { a, .. } => format!("RIR {}", num(a - 1.0)),
        })
    }

    /// Phrases for the message, e.g. "+8% load (80 → 86.5 kg; max 5%)".
    fn parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.load_up {
            match self.load {
                Some(Load::Kg { a, b, .. }) => parts.push(format!(
                    "+{}% load ({} → {} kg; max {}% or 2.5 kg)",
                    num((b / a - 1.0) * 100.0),
                    num(a),
                    num(b),
                    num(self.load_pct)
                )),
                Some(Load::Pct { a, b, .. }) => parts.push(format!(
                    "+{}% load ({} → {}% 1RM; max {}%)",
                    num((b / a - 1.0) * 100.0),
                    num(a * 100.0),
                    num(b * 100.0),
                    num(self.load_pct)
                )),
                Some(Load::Rir { a, b }) => parts.push(format!(
                    "heavier: RIR {} → {} (more than 1 RIR ≈ more than +5% load)",
                    num(a),
                    num(b)
                )),
                None => {}
            }
        }
        if self.sets_up {
            parts.push(format!(
                "+{} set(s) a week ({} → {}{})",
                num(f64::from(self.cur_sets) - self.prev_sets),
                num(self.prev_sets),
                self.cur_sets,
                if self.sets_over {
                    format!("; max +1 per session, {} here", self.sessions)
                } else {
                    String::new()
                }
            ));
        }
        if let Some((a, b)) = self.reps
            && self.reps_up
        {
            parts.push(format!(
                "+{} rep(s) ({a} → {b}{})",
                b - a,
                if self.reps_over { "; max +2" } else { "" }
            ));
        }
        parts
    }
}

/// Compare an exercise's week `c` with the last loading week `p` (`p_scale` turns a short
/// earlier week's sets into a weekly rate). `load_pct` is R-OVERLOAD's largest load step.
fn compare(p: &ExStat, c: &ExStat, p_scale: f64, load_pct: f64) -> Change {
    let mut ch = Change {
        load_pct,
        ..Change::default()
    };
    let lim = load_pct / 100.0;
    if let (Some(a), Some(b)) = (p.kg, c.kg)
        && a > 0.0
    {
        // The smallest plate step is 2.5 kg: it is never more than one step.
        let cap = (a * (1.0 + lim)).max(a + 2.5);
        ch.load = Some(Load::Kg { a, b, cap });
        ch.load_up = b > a + 1e-6;
        ch.load_over = b > cap + 1e-6;
    } else if let (Some(a), Some(b)) = (p.pct, c.pct)
        && a > 0.0
    {
        let cap = a * (1.0 + lim);
        ch.load = Some(Load::Pct { a, b, cap });
        ch.load_up = b > a + 1e-6;
        ch.load_over = b > cap + 1e-6;
    } else if let (Some(a), Some(b)) = (p.rir, c.rir) {
        // −1 RIR ≈ +2.5–4 % load (RTS chart), so a drop of more than 1 RIR exceeds +5 %.
        ch.load = Some(Load::Rir { a, b });
        ch.load_up = b < a - 0.25;
        ch.load_over = b < a - 1.0 - 1e-6;
    }
    ch.prev_sets = f64::from(p.sets) * p_scale;
    ch.cur_sets = c.sets;
    ch.sessions = c.sessions;
    let more_sets = f64::from(c.sets) - ch.prev_sets;
    ch.sets_up = more_sets > 0.01;
    // +1 set in each session that holds the exercise.
    ch.sets_over = more_sets > f64::from(c.sessions) + 0.01;
    if let (Some(a), Some(b)) = (p.reps, c.reps) {
        ch.reps = Some((a, b));
        ch.reps_up = b > a;
        ch.reps_over = b > a + 2;
    }
    ch
}

/// A rep scheme changed by more than the +1–2 reps of a progression: a new prescription.
fn new_rep_scheme(p: &ExStat, c: &ExStat) -> bool {
    matches!((p.reps, c.reps), (Some(a), Some(b)) if a.abs_diff(b) > 2)
}

/// `4 sets × 5 @ 80 kg`.
fn prescription(e: &ExStat) -> String {
    let reps = e.reps.map_or(String::new(), |r| format!(" × {r}"));
    let load = if let Some(kg) = e.kg {
        format!(" @ {} kg", num(kg))
    } else if let Some(p) = e.pct {
        format!(" @ {}% 1RM", num(p * 100.0))
    } else if let Some(r) = e.rir {
        format!(" @ RIR {}", num(r))
    } else {
        String::new()
    };
    format!("{} sets{reps}{load}", e.sets)
}

/// Items of a week holding an exercise.
fn holding<'a>(ctx: &'a Ctx, w: &Week, id: ExId) -> Vec<&'a Item> {
    ctx.week_items(w)
        .iter()
        .filter(|it| ctx.session(it).exercises.iter().any(|x| x.id == id))
        .collect()
}

/// Bit set over the exercise library.
struct Seen(Vec<bool>);

impl Seen {
    fn has(&self, id: ExId) -> bool {
        self.0.get(id.0 as usize).copied().unwrap_or(false)
    }
    fn add(&mut self, id: ExId) {
        if let Some(b) = self.0.get_mut(id.0 as usize) {
            *b = true;
        }
    }
}

/// A run of consecutive loading weeks (indexes into `Ctx::weeks`).
struct Run {
    weeks: Vec<usize>,
}

pub fn check(ctx: &Ctx, out: &mut Out) {
    let load_pct = ctx.config.get("R-OVERLOAD", "load_pct");
    let mut limit = ctx.config.get("R-DELOAD", "loading_weeks") as usize;
    if ctx.athlete.age.is_some_and(|a| a >= 50) {
        limit = limit.min(2);
    }
    let mut seen = Seen(vec![false; library().exercises.len()]);
    if let Some(p) = &ctx.athlete.profile {
        for l in &p.lifts {
            seen.add(l.exercise);
        }
    }
    let mut last: Option<usize> = None;
    let mut boundary = false;
    let mut prev = WeekStats::default();
    let mut cur = WeekStats::default();
    let mut run = Run { weeks: Vec::new() };
    for (k, w) in ctx.weeks.iter().enumerate() {
        collect(ctx, w, &mut cur);
        if let Some(pk) = last {
            let p = &ctx.weeks[pk];
            overload(ctx, out, p, &prev, w, &cur, boundary, load_pct);
            if w.deload {
                deload(ctx, out, p, &prev, w, &cur, &seen, k);
            }
        }
        // Consecutive loading weeks. A partial week of ≤ 3 days neither counts nor breaks a
        // run; a full week with no session at all is a rest week and breaks it.
        if w.days_held() > 3 {
            let empty = w.items.is_empty();
            if w.loading() && !empty {
                run.weeks.push(k);
            } else {
                close_run(ctx, out, &run, limit);
                run.weeks.clear();
            }
        }
        for it in ctx.week_items(w) {
            for rx in &ctx.session(it).exercises {
                if working(rx.id.get()) {
                    seen.add(rx.id);
                }
            }
        }
        // R-TAPER-A's weeks (week −2 and race week: one session, about half the sets) are taper
        // weeks for C7, so no later week is measured against them (docs/rules/group-b.md).
        if w.loading() && ctx.gov[k] != crate::phases::Gov::TaperA {
            last = Some(k);
            boundary = false;
            std::mem::swap(&mut prev, &mut cur);
        } else {
            boundary = true;
        }
    }
    close_run(ctx, out, &run, limit);
}

#[allow(clippy::too_many_arguments)]
fn overload(
    ctx: &Ctx,
    out: &mut Out,
    p: &Week,
    ps: &WeekStats,
    w: &Week,
    cs: &WeekStats,
    boundary: bool,
    load_pct: f64,
) {
    let p_scale = week_scale(p);
    let loading = w.loading();
    let block_change = boundary || p.phase != w.phase;
    for c in &cs.ex {
        let Some(pe) = ps.ex.iter().find(|e| e.id == c.id) else {
            continue;
        };
        if loading && block_change && new_rep_scheme(pe, c) {
            continue;
        }
        let ch = compare(pe, c, p_scale, load_pct);
        let bad = if loading {
            ch.load_over || ch.sets_over || ch.reps_over || ch.ups() > 1
        } else {
            ch.ups() > 0
        };
        if !bad {
            continue;
        }
        let items = holding(ctx, w, c.id);
        let (days, idx) = where_(w, &items);
        let name = c.id.code();
        let what = ch.parts().join(", ");
        let (message, fix) = if loading {
            let one_var = if ch.ups() > 1 {
                "; more than one variable in a week"
            } else {
                ""
            };
            let mut keep = Vec::new();
            if ch.load_over
                && let Some(cap) = ch.load_cap()
            {
                keep.push(format!("load ≤ {cap}"));
            }
            if ch.sets_over {
                keep.push(format!(
                    "≤ {} sets",
                    num(f64::from(pe.sets) * p_scale + f64::from(c.sessions))
                ));
            }
            if ch.reps_over {
                keep.push(format!("≤ {} reps", pe.reps.unwrap_or(0) + 2));
            }
            let fix = if ch.ups() > 1 {
                format!(
                    "Progress one variable of {name} this week: keep the others as in the week of {} ({}){}",
                    fmt_day(p.monday),
                    prescription(pe),
                    if keep.is_empty() {
                        String::new()
                    } else {
                        format!(", with {}", keep.join(" and "))
                    }
                )
            } else {
                format!(
                    "Keep {name} to {} this week (the week of {} had {})",
                    keep.join(" and "),
                    fmt_day(p.monday),
                    prescription(pe)
                )
            };
            (
                format!(
                    "{name} in the {} vs the {}: {what}{one_var}",
                    week_name(w),
                    week_name(p)
                ),
                fix,
            )
        } else {
            (
                format!(
                    "{name} progresses in the {}: {what} over the {}; no progression in deload, taper, race or transition weeks",
                    week_name(w),
                    week_name(p)
                ),
                format!(
                    "Keep {name} at or below the week of {}'s prescription ({}), with fewer sets",
                    fmt_day(p.monday),
                    prescription(pe)
                ),
            )
        };
        out.add("R-OVERLOAD", Severity::Error, &days, &idx, message, fix);
    }
    // Weekly lower-body sets ≤ +25 % (rounded up to a whole set).
    if loading && ps.lower_sets > 0 {
        let before = f64::from(ps.lower_sets) * p_scale;
        let cap = (before * 1.25 - 1e-9).ceil();
        if f64::from(cs.lower_sets) > cap {
            let items: Vec<&Item> = ctx
                .week_items(w)
                .iter()
                .filter(|i| i.has(flag::STRENGTH) && i.lower_sets > 0)
                .collect();
            let (days, idx) = where_(w, &items);
            let biggest = items.iter().max_by_key(|i| (i.lower_sets, i.start));
            out.add(
                "R-OVERLOAD",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "{} lower-body sets in the {}, {} in the {}: +{}% (max +25%)",
                    cs.lower_sets,
                    week_name(w),
                    num(before),
                    week_name(p),
                    num((f64::from(cs.lower_sets) / before - 1.0) * 100.0)
                ),
                format!(
                    "Cut {} lower-body set(s) this week (to {} or fewer){}",
                    num(f64::from(cs.lower_sets) - cap),
                    num(cap),
                    biggest.map_or(String::new(), |i| format!(
                        ", e.g. from the {} on {}",
                        i.kind,
                        fmt_day(i.day)
                    ))
                ),
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn deload(
    ctx: &Ctx,
    out: &mut Out,
    p: &Week,
    ps: &WeekStats,
    w: &Week,
    cs: &WeekStats,
    seen: &Seen,
    k: usize,
) {
    let p_scale = week_scale(p);
    let w_scale = week_scale(w);
    let vs = format!("the {}", week_name(p));
    // Training running minutes (races left out, as R-RUN-RAMP does): −20 % at least (ERROR),
    // −30 % at most (WARN); per day held. A deload whose only running is a race is not judged.
    let (p_train, w_train) = (
        p.run_minutes - p.race_minutes,
        w.run_minutes - w.race_minutes,
    );
    if p_train > 0 && (w_train > 0 || w.race_minutes == 0) {
        let before = f64::from(p_train) * p_scale;
        let now = f64::from(w_train) * w_scale;
        let cut = 1.0 - now / before;
        let runs = super::runs(ctx, w);
        let (days, idx) = where_(w, &runs);
        let longest = runs.iter().max_by_key(|i| (i.minutes(), i.start));
        if cut < 0.20 - 1e-9 {
            let need = (now - 0.8 * before) / w_scale;
            out.add(
                "R-DELOAD",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "The {} cuts running by {}% ({} → {} min a week vs {vs}); a deload cuts 20–30%",
                    week_name(w),
                    num(cut * 100.0),
                    num(before),
                    num(now)
                ),
                format!(
                    "Cut at least {} min of running this week{}",
                    num(need.ceil()),
                    longest.map_or(String::new(), |i| format!(
                        ", e.g. shorten the {} on {}",
                        i.kind,
                        fmt_day(i.day)
                    ))
                ),
            );
        } else if cut > 0.30 + 1e-9 {
            out.add(
                "R-DELOAD",
                Severity::Warning,
                &days,
                &idx,
                format!(
                    "The {} cuts running by {}% ({} → {} min a week vs {vs}), deeper than 20–30%",
                    week_name(w),
                    num(cut * 100.0),
                    num(before),
                    num(now)
                ),
                format!(
                    "Run about {} min this week (70–80% of the loading week): lengthen the easy runs",
                    num((0.75 * before / w_scale).round())
                ),
            );
        }
    }
    // Lower-body working sets: ≤ ceil(0.6 × S) (ERROR); ≥ floor(0.5 × S) (WARN).
    if ps.lower_sets > 0 {
        let s = f64::from(ps.lower_sets) * p_scale;
        let hi = (0.6 * s - 1e-9).ceil();
        let lo = (0.5 * s + 1e-9).floor();
        let now = f64::from(cs.lower_sets);
        let items: Vec<&Item> = ctx
            .week_items(w)
            .iter()
            .filter(|i| i.has(flag::STRENGTH) && i.lower_sets > 0)
            .collect();
        let (days, idx) = where_(w, &items);
        if now > hi {
            out.add(
                "R-DELOAD",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "The {} keeps {} of {} lower-body sets ({}% of {vs}); at most {} (60%)",
                    week_name(w),
                    cs.lower_sets,
                    num(s),
                    num(now / s * 100.0),
                    num(hi)
                ),
                format!(
                    "Cut {} lower-body set(s) this week, keeping the loads (e.g. one set fewer per exercise)",
                    num(now - hi)
                ),
            );
        } else if now < lo {
            out.add(
                "R-DELOAD",
                Severity::Warning,
                &days,
                &idx,
                format!(
                    "The {} keeps {} of {} lower-body sets ({}% of {vs}), deeper than the 40–50% cut",
                    week_name(w),
                    cs.lower_sets,
                    num(s),
                    num(now / s * 100.0)
                ),
                format!(
                    "Keep {}–{} lower-body sets this week at the same loads",
                    num(lo.max(1.0)),
                    num(hi)
                ),
            );
        }
    }
    // Frequency kept.
    if cs.str_sessions < ps.str_sessions && w.days_held() == 7 {
        out.add(
            "R-DELOAD",
            Severity::Warning,
            &[w.first_day],
            &[],
            format!(
                "The {} has {} strength session(s), {vs} {}; a deload keeps the frequency",
                week_name(w),
                cs.str_sessions,
                ps.str_sessions
            ),
            format!(
                "Keep {} lower-body session(s) this week and cut sets within each instead",
                ps.str_sessions
            ),
        );
    }
    // Loads kept or −10 % at most.
    let mut cut_more: Vec<String> = Vec::new();
    let mut cut_items: Vec<&Item> = Vec::new();
    for c in &cs.ex {
        if let Some(pe) = ps.ex.iter().find(|e| e.id == c.id)
            && let Some(pct) = compare(pe, c, p_scale, 5.0).load_cut_pct()
        {
            cut_more.push(format!("{} −{}%", c.id.code(), num(pct)));
            cut_items.extend(holding(ctx, w, c.id));
        }
    }
    if !cut_more.is_empty() {
        cut_items.sort_by_key(|i| i.idx);
        cut_items.dedup_by_key(|i| i.idx);
        let (days, idx) = where_(w, &cut_items);
        out.add(
            "R-DELOAD",
            Severity::Warning,
            &days,
            &idx,
            format!(
                "The {} lowers loads by more than 10% vs {vs}: {}",
                week_name(w),
                cut_more.join(", ")
            ),
            "Keep the loads (or at most 10% lighter) and cut sets instead".to_string(),
        );
    }
    // No new exercises (C21: absent from the profile's lifts and every earlier week).
    if k > 0 {
        let mut new: Vec<&'static str> = Vec::new();
        let mut new_items: Vec<&Item> = Vec::new();
        for it in ctx.week_items(w) {
            let session = ctx.session(it);
            for rx in &session.exercises {
                if working(rx.id.get()) && !seen.has(rx.id) && !session.tests_exercise(rx) {
                    if !new.contains(&rx.id.code()) {
                        new.push(rx.id.code());
                    }
                    if new_items.last().is_none_or(|l| l.idx != it.idx) {
                        new_items.push(it);
                    }
                }
            }
        }
        if !new.is_empty() {
            let (days, idx) = where_(w, &new_items);
            out.add(
                "R-DELOAD",
                Severity::Error,
                &days,
                &idx,
                format!(
                    "The {} introduces new exercise(s): {}",
                    week_name(w),
                    new.join(", ")
                ),
                format!(
                    "Keep the exercises of {vs} in the deload; start {} in the next loading week",
                    new.join(", ")
                ),
            );
        }
    }
    // No plyometric progression.
    if cs.contacts > ps.contacts && ps.contacts > 0 {
        let items: Vec<&Item> = ctx
            .week_items(w)
            .iter()
            .filter(|i| i.contacts > 0)
            .collect();
        let (days, idx) = where_(w, &items);
        out.add(
            "R-DELOAD",
            Severity::Error,
            &days,
            &idx,
            format!(
                "The {} has {} plyometric contacts, more than the {} of {vs}",
                week_name(w),
                cs.contacts,
                ps.contacts
            ),
            format!(
                "Cut the deload's contacts to {} or fewer (about {} is a deload)",
                ps.contacts,
                ps.contacts * 6 / 10
            ),
        );
    }
}

/// Report a run of loading weeks that is longer than the limit (one finding per run).
fn close_run(ctx: &Ctx, out: &mut Out, run: &Run, limit: usize) {
    let n = run.weeks.len();
    if n <= limit {
        return;
    }
    // 4:1 for advanced athletes in base is a warning (rulebook R-DELOAD).
    let advanced_base = ctx.athlete.level == Level::Advanced
        && run.weeks[..=limit]
            .iter()
            .all(|&k| ctx.weeks[k].phase == Phase::Base);
    let (severity, allowed) = if advanced_base && n == limit + 1 {
        (Severity::Warning, limit)
    } else if advanced_base {
        (Severity::Error, limit + 1)
    } else {
        (Severity::Error, limit)
    };
    let first = &ctx.weeks[run.weeks[0]];
    let due = &ctx.weeks[run.weeks[allowed]];
    out.add(
        "R-DELOAD",
        severity,
        &[due.first_day],
        &[],
        format!(
            "{n} loading weeks in a row from the week of {} (max {limit}{}); the {} should be a deload",
            fmt_day(first.monday),
            if advanced_base {
                ", 4 with a warning for an advanced athlete in base"
            } else {
                ""
            },
            week_name(due)
        ),
        format!(
            "Make the week of {} a deload: running −20–30%, lower-body sets −40–50% at the same loads",
            fmt_day(due.monday)
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(sets: u32, sessions: u32, kg: Option<f64>, rir: Option<f64>, reps: u16) -> ExStat {
        ExStat {
            id: ExId(0),
            sets,
            sessions,
            last_session: 0,
            kg,
            pct: None,
            rir,
            reps: Some(reps),
        }
    }

    #[test]
    fn one_step_is_fine_two_are_not() {
        let p = stat(3, 1, Some(80.0), None, 5);
        // +2.5 kg (3.1 %): one variable.
        let c = compare(&p, &stat(3, 1, Some(82.5), None, 5), 1.0, 5.0);
        assert!(c.load_up && !c.load_over && c.ups() == 1);
        // +5 kg (6.25 %) is over 5 % and over one 2.5 kg step.
        let c = compare(&p, &stat(3, 1, Some(85.0), None, 5), 1.0, 5.0);
        assert!(c.load_over);
        // +1 set and +2.5 kg: two variables.
        let c = compare(&p, &stat(4, 1, Some(82.5), None, 5), 1.0, 5.0);
        assert_eq!(c.ups(), 2);
        // +2 sets over two sessions holding it: allowed as one step.
        let p2 = stat(6, 2, Some(80.0), None, 5);
        let c = compare(&p2, &stat(8, 2, Some(80.0), None, 5), 1.0, 5.0);
        assert!(c.sets_up && !c.sets_over);
        // +3 reps is over.
        let c = compare(&p, &stat(3, 1, Some(80.0), None, 8), 1.0, 5.0);
        assert!(c.reps_over);
    }

    #[test]
    fn light_loads_may_take_one_plate_step_and_rir_drops_count() {
        let p = stat(3, 1, Some(20.0), None, 10);
        let c = compare(&p, &stat(3, 1, Some(22.5), None, 10), 1.0, 5.0);
        assert!(c.load_up && !c.load_over, "2.5 kg is the smallest step");
        let p = stat(3, 1, None, Some(3.0), 5);
        assert!(!compare(&p, &stat(3, 1, None, Some(2.0), 5), 1.0, 5.0).load_over);
        assert!(compare(&p, &stat(3, 1, None, Some(1.5), 5), 1.0, 5.0).load_over);
    }

    #[test]
    fn a_short_earlier_week_is_scaled_to_a_weekly_rate() {
        // 4 sets in a 3-day first week ≈ 9.3 sets a week: 8 sets is no increase.
        let p = stat(4, 1, Some(80.0), None, 5);
        let c = compare(&p, &stat(8, 2, Some(80.0), None, 5), 7.0 / 3.0, 5.0);
        assert!(!c.sets_up);
    }

    #[test]
    fn deload_load_cut_beyond_ten_percent_is_noted() {
        let p = stat(4, 1, Some(100.0), None, 5);
        assert_eq!(
            compare(&p, &stat(2, 1, Some(90.0), None, 5), 1.0, 5.0).load_cut_pct(),
            None
        );
        assert!(
            compare(&p, &stat(2, 1, Some(80.0), None, 5), 1.0, 5.0)
                .load_cut_pct()
                .is_some()
        );
    }
}
