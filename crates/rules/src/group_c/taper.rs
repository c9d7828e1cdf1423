//! R-TAPER-A, R-TAPER-B and R-TAPER-C: what the days before a race hold, measured in day windows
//! counted back from the race date (§7 C13), against the last normal (loading) week before them.

use runlift_model::Kind;
use runlift_model::plan::Phase;
use runlift_model::profile::Priority;

use super::{
    Gov, Vol, baseline_week, contacts_of, counted_strength, intensity_of, items_between,
    race_label, race_start, run_volume, volumes,
};
use crate::ctx::{Ctx, RaceInfo};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{fmt_abs, fmt_day, fmt_hours, weekday};

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    for r in &ctx.races {
        if r.day < ctx.first_day || r.day > ctx.last_day {
            continue;
        }
        match r.priority {
            Priority::A => taper_a(ctx, r, out),
            Priority::B => taper_b(ctx, r, out),
            Priority::C => {}
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

// ---------------------------------------------------------------- R-TAPER-A

const A: &str = "R-TAPER-A";

fn taper_a(ctx: &Ctx, r: &RaceInfo, out: &mut Out) {
    let t = if r.distance.is_short() {
        ctx.config.get(A, "taper_days_short")
    } else {
        ctx.config.get(A, "taper_days_long")
    } as i32;
    let race = race_label(r);
    let start = race_start(ctx, r);
    let taper_lo = r.day - t;
    a_volume(ctx, r, t, &race, out);
    // last intense lower lift
    let min_days = ctx.config.get(A, "last_heavy_days") as i32;
    let mut reported: Vec<u32> = Vec::new();
    for it in items_between(ctx, r.day - min_days + 1, r.day)
        .iter()
        .filter(|i| i.has(flag::INT_STR_L) && i.start < start)
    {
        let d = r.day - it.day;
        reported.push(it.idx);
        out.add(
            A,
            Severity::Error,
            &[it.day, r.day],
            &race_ids(r, it.idx),
            format!(
                "{} on {}: intense lower-body lifting {d} d before {race} (min {min_days})",
                it.kind,
                fmt_day(it.day)
            ),
            format!(
                "Move the {} to {} or earlier, or make it STR_LIGHT/STR_ISO ≤ 20 min (≥ 48 h before the race)",
                it.kind,
                fmt_day(r.day - min_days)
            ),
        );
    }
    week_minus_two(ctx, r, &race, out);
    race_week(ctx, r, &race, start, &reported, out);
    plyo_last_days(ctx, r, &race, start, out);
    // no new technique cues in the taper
    if let Some(tc) = ctx
        .athlete
        .profile
        .as_ref()
        .and_then(|p| p.technique_change.as_ref())
    {
        let d = crate::time::day_number(tc.start_date);
        if (taper_lo..=r.day).contains(&d) {
            out.add(
                A,
                Severity::Error,
                &[d, r.day],
                &[],
                format!(
                    "the technique change ({}) starts on {}, inside the {t}-day taper before {race}",
                    tc.kind,
                    fmt_day(d)
                ),
                format!(
                    "Start the technique change after the race (from {}), or at least 3 weeks before it",
                    fmt_day(r.day + 1)
                ),
            );
        }
    }
}

fn race_ids(r: &RaceInfo, idx: u32) -> Vec<u32> {
    match r.session {
        Some(s) => vec![s, idx],
        None => vec![idx],
    }
}

/// Running volume over the taper days (race day excluded) against the same number of days of
/// the last loading week before the taper: cut 40–60 %, progressively, quality and frequency kept.
fn a_volume(ctx: &Ctx, r: &RaceInfo, t: i32, race: &str, out: &mut Out) {
    let lo = r.day - t;
    // A taper that holds another race is not judged on volume: that race's running is no
    // training volume to cut (docs/rules/group-c.md).
    if ctx.races.iter().any(|o| o.day >= lo && o.day < r.day) {
        return;
    }
    let Some(bw) = baseline_week(ctx, lo) else {
        return;
    };
    let base = &ctx.weeks[bw];
    let base_vol = run_volume(ctx, ctx.week_items(base), None);
    let taper_items = items_between(ctx, lo, r.day - 1);
    let tv = run_volume(ctx, taper_items, r.session);
    let (b, v, unit) = volumes(&base_vol, &tv);
    if b <= 0.0 {
        return;
    }
    let expected = b * f64::from(t) / 7.0;
    let cut = 1.0 - v / expected;
    let head = format!(
        "taper {}–{} before {race}: {v:.0} {unit} of running against {expected:.0} {unit} at the week of {}'s rate",
        fmt_day(lo),
        fmt_day(r.day - 1),
        fmt_day(base.monday)
    );
    if cut < 0.40 - 1e-9 {
        out.add(
            A,
            Severity::Error,
            &[lo, r.day - 1],
            &[],
            format!("{head}: cut {} (40–60 % wanted)", pct(cut)),
            format!(
                "Shorten the easy and long runs of the taper to about {:.0}–{:.0} {unit} in all, keeping the quality sessions",
                expected * 0.4,
                expected * 0.6
            ),
        );
    } else if cut > 0.60 + 1e-9 {
        out.add(
            A,
            Severity::Warning,
            &[lo, r.day - 1],
            &[],
            format!("{head}: cut {} (40–60 % wanted)", pct(cut)),
            format!(
                "Keep about {:.0}–{:.0} {unit} of running in the taper: cutting deeper loses fitness",
                expected * 0.4,
                expected * 0.6
            ),
        );
    }
    // progressive: the second half holds no more running per day than the first
    let mid = lo + t / 2;
    let first = run_volume(ctx, items_between(ctx, lo, mid - 1), r.session);
    let second = run_volume(ctx, items_between(ctx, mid, r.day - 1), r.session);
    let (f, s, unit2) = volumes(&first, &second);
    let (fd, sd) = (f / f64::from(mid - lo), s / f64::from(r.day - mid));
    if sd > fd * 1.05 + 1e-9 && s > 0.0 {
        out.add(
            A,
            Severity::Warning,
            &[lo, r.day - 1],
            &[],
            format!(
                "taper before {race} is not progressive: {s:.0} {unit2} in its last {} days against {f:.0} {unit2} in its first {}",
                r.day - mid,
                mid - lo
            ),
            format!(
                "Run less from {} to the race than from {} to {}",
                fmt_day(mid),
                fmt_day(lo),
                fmt_day(mid - 1)
            ),
        );
    }
    // quality and frequency kept
    let want_runs = ((f64::from(base_vol.runs) - 1.0) * f64::from(t) / 7.0).floor();
    let mut lost = Vec::new();
    if base_vol.hi > 0 && tv.hi == 0 {
        lost.push("no hard run (intensity is kept in a taper)".to_string());
    }
    if f64::from(tv.runs) < want_runs {
        lost.push(format!(
            "{} runs against {} a week before (frequency is kept)",
            tv.runs, base_vol.runs
        ));
    }
    if !lost.is_empty() {
        out.add(
            A,
            Severity::Warning,
            &[lo, r.day - 1],
            &[],
            format!(
                "taper {}–{} before {race}: {}",
                fmt_day(lo),
                fmt_day(r.day - 1),
                lost.join("; ")
            ),
            "Keep the number of runs and one short quality session (e.g. 3 × 1 km at race pace), and cut the length of each run instead",
        );
    }
}

/// The 7 days before race week: ≤ 1 lower-body strength session with about half the sets and the
/// loads of the last loading week (§7 C15).
fn week_minus_two(ctx: &Ctx, r: &RaceInfo, race: &str, out: &mut Out) {
    let (lo, hi) = (r.day - 13, r.day - 7);
    let sessions: Vec<&Item> = items_between(ctx, lo, hi)
        .iter()
        .filter(|i| counted_strength(i))
        .collect();
    if sessions.len() > 1 {
        let ids: Vec<u32> = sessions.iter().map(|i| i.idx).collect();
        let days: Vec<i32> = sessions.iter().map(|i| i.day).collect();
        let last = sessions[sessions.len() - 1];
        out.add(
            A,
            Severity::Error,
            &days,
            &ids,
            format!(
                "{} lower-body strength sessions {}–{} (week −2 before {race}); the taper allows one",
                sessions.len(),
                fmt_day(lo),
                fmt_day(hi)
            ),
            format!(
                "Drop the {} on {} (or make it MOB/STR_UC) and keep one session with about half the sets",
                last.kind,
                fmt_day(last.day)
            ),
        );
    }
    let Some(bw) = baseline_week(ctx, lo) else {
        return;
    };
    let base: Vec<&Item> = ctx
        .week_items(&ctx.weeks[bw])
        .iter()
        .filter(|i| counted_strength(i) && i.lower_sets > 0)
        .collect();
    if base.is_empty() {
        return;
    }
    let mean = base.iter().map(|i| f64::from(i.lower_sets)).sum::<f64>() / base.len() as f64;
    let max_sets = (0.6 * mean - 1e-9).ceil() as u16;
    for it in &sessions {
        if it.lower_sets > max_sets {
            out.add(
                A,
                Severity::Error,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {} (week −2 before {race}) has {} lower-body sets; the taper keeps about half of the {mean:.0} of a normal session (≤ {max_sets})",
                    it.kind,
                    fmt_day(it.day),
                    it.lower_sets
                ),
                format!(
                    "Cut the {} on {} to {max_sets} lower-body sets, same loads",
                    it.kind,
                    fmt_day(it.day)
                ),
            );
        }
        // same load: main lifts no more than 5 points under the baseline week's heaviest
        let mut lighter: Vec<String> = Vec::new();
        for ex in ctx
            .session(it)
            .exercises
            .iter()
            .filter(|e| e.id.get().main_lift)
        {
            let Some(p) = intensity_of(ctx, ex).pct else {
                continue;
            };
            let best = base
                .iter()
                .flat_map(|b| ctx.session(b).exercises.iter())
                .filter(|b| b.id == ex.id)
                .filter_map(|b| intensity_of(ctx, b).pct)
                .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
            if let Some(b) = best
                && p < b - 0.05 - 1e-9
            {
                lighter.push(format!(
                    "{} {:.0} % (was {:.0} %)",
                    ex.id.code(),
                    p * 100.0,
                    b * 100.0
                ));
            }
        }
        if !lighter.is_empty() {
            out.add(
                A,
                Severity::Warning,
                &[it.day],
                &[it.idx],
                format!(
                    "{} on {} (week −2 before {race}) drops the load: {}",
                    it.kind,
                    fmt_day(it.day),
                    lighter.join(", ")
                ),
                "Keep the loads of the last loading week and halve the sets instead (§7 C15)",
            );
        }
    }
}

const RACE_WEEK_KINDS: [Kind; 4] = [Kind::StrLight, Kind::StrIso, Kind::Mob, Kind::StrUc];

/// Race week (the 7 days up to the race): STR_LIGHT/STR_ISO/MOB/STR_UC only, ≤ 20 min, and
/// lower-body work ending ≥ 48 h before the start.
fn race_week(ctx: &Ctx, r: &RaceInfo, race: &str, start: i32, reported: &[u32], out: &mut Out) {
    for it in items_between(ctx, r.day - 6, r.day)
        .iter()
        .filter(|i| (i.has(flag::STRENGTH) || i.kind == Kind::Mob) && i.start < start)
    {
        if reported.contains(&it.idx) {
            continue;
        }
        let s = ctx.session(it);
        let mut why: Vec<String> = Vec::new();
        if !RACE_WEEK_KINDS.contains(&it.kind) {
            why.push(format!("{} is not light work", it.kind));
        }
        if s.minutes > 20 {
            why.push(format!("{} min (max 20)", s.minutes));
        }
        let gap = start - it.end;
        if it.has(flag::LOWER) && it.kind != Kind::Mob && gap < 48 * 60 {
            why.push(format!(
                "ends {}, {} before the start (min 48 h)",
                fmt_abs(it.end),
                fmt_hours(gap)
            ));
        }
        if why.is_empty() {
            continue;
        }
        out.add(
            A,
            Severity::Error,
            &[it.day, r.day],
            &race_ids(r, it.idx),
            format!(
                "race week of {race}: the {} on {}: {}",
                it.kind,
                fmt_day(it.day),
                why.join("; ")
            ),
            format!(
                "Make it STR_LIGHT/STR_ISO of ≤ 20 min ending by {} (48 h before the start), or drop it",
                fmt_abs(start - 48 * 60)
            ),
        );
    }
}

/// No plyometrics in the last 5 days except ≤ 20 low-intensity contacts.
fn plyo_last_days(ctx: &Ctx, r: &RaceInfo, race: &str, start: i32, out: &mut Out) {
    let mut total = 0u32;
    let mut not_low: Vec<&'static str> = Vec::new();
    let mut at: Vec<(i32, u32)> = Vec::new();
    for it in items_between(ctx, r.day - 5, r.day)
        .iter()
        .filter(|i| i.has(flag::STRENGTH) && i.start < start)
    {
        let mut any = false;
        for ex in &ctx.session(it).exercises {
            let c = contacts_of(ex);
            if c == 0 {
                continue;
            }
            any = true;
            total += c;
            let e = ex.id.get();
            if e.tier != Some(runlift_model::library::Tier::Low) && !not_low.contains(&ex.id.code())
            {
                not_low.push(ex.id.code());
            }
        }
        if any {
            at.push((it.day, it.idx));
        }
    }
    if total <= 20 && not_low.is_empty() {
        return;
    }
    let mut why = Vec::new();
    if total > 20 {
        why.push(format!("{total} contacts (max 20)"));
    }
    if !not_low.is_empty() {
        why.push(format!("not low-intensity: {}", not_low.join(", ")));
    }
    let mut days: Vec<i32> = at.iter().map(|a| a.0).collect();
    days.push(r.day);
    let mut ids: Vec<u32> = at.iter().map(|a| a.1).collect();
    ids.extend(r.session);
    out.add(
        A,
        Severity::Error,
        &days,
        &ids,
        format!(
            "plyometrics in the last 5 days before {race}: {}",
            why.join("; ")
        ),
        "Keep at most 20 low-intensity contacts (pogo hops, skips) as a primer, or move the plyometrics before "
            .to_string()
            + &fmt_day(r.day - 5),
    );
}

// ---------------------------------------------------------------- R-TAPER-B

const B: &str = "R-TAPER-B";

fn taper_b(ctx: &Ctx, r: &RaceInfo, out: &mut Out) {
    let race = race_label(r);
    let start = race_start(ctx, r);
    let d = ctx.config.get(B, "days") as i32;
    b_volume(ctx, r, d, &race, out);
    // last hard run ≥ 3 d before
    for it in items_between(ctx, r.day - 2, r.day)
        .iter()
        .filter(|i| i.has(flag::HI_RUN) && Some(i.idx) != r.session && i.start < start)
    {
        out.add(
            B,
            Severity::Error,
            &[it.day, r.day],
            &race_ids(r, it.idx),
            format!(
                "{} on {}, {} d before {race}: the last hard run comes ≥ 3 d before a B race",
                it.kind,
                fmt_day(it.day),
                r.day - it.day
            ),
            format!(
                "Move the {} to {} or earlier, or make it an easy run with strides",
                it.kind,
                fmt_day(r.day - 3)
            ),
        );
    }
    // no intense lower lift within the window
    let h = ctx.config.get(B, "no_lift_h");
    let win = (h * 60.0) as i32;
    for it in items_between(ctx, r.day - (win / 1440) - 1, r.day)
        .iter()
        .filter(|i| i.has(flag::INT_STR_L) && i.start < start && start - i.end < win)
    {
        out.add(
            B,
            Severity::Error,
            &[it.day, r.day],
            &race_ids(r, it.idx),
            format!(
                "{} ends {}, {} before {race} (min {h:.0} h)",
                it.kind,
                fmt_abs(it.end),
                fmt_hours(start - it.end)
            ),
            format!(
                "Move the {} to end by {}, or make it STR_LIGHT/STR_ISO",
                it.kind,
                fmt_abs(start - win)
            ),
        );
    }
    // ≤ 1 strength session in the race's week (the 7 days up to the race)
    let sessions: Vec<&Item> = items_between(ctx, r.day - 6, r.day)
        .iter()
        .filter(|i| counted_strength(i) && i.start < start)
        .collect();
    if sessions.len() > 1 {
        let ids: Vec<u32> = sessions.iter().map(|i| i.idx).collect();
        let days: Vec<i32> = sessions.iter().map(|i| i.day).collect();
        let last = sessions[sessions.len() - 1];
        out.add(
            B,
            Severity::Error,
            &days,
            &ids,
            format!(
                "{} lower-body strength sessions in the 7 days up to {race} (max 1)",
                sessions.len()
            ),
            format!(
                "Drop the {} on {}, or make it MOB/STR_UC",
                last.kind,
                fmt_day(last.day)
            ),
        );
    }
}

/// Running in the `d` days before the race against the same weekdays of the last loading week:
/// −20–30 %.
fn b_volume(ctx: &Ctx, r: &RaceInfo, d: i32, race: &str, out: &mut Out) {
    let lo = r.day - d;
    let Some(bw) = baseline_week(ctx, lo) else {
        return;
    };
    let base = &ctx.weeks[bw];
    // the same weekdays of the baseline week
    let mut base_vol = Vol {
        all_dist: true,
        ..Vol::default()
    };
    for day in lo..r.day {
        let same = base.monday + weekday(day) as i32;
        let v = run_volume(ctx, items_between(ctx, same, same), None);
        base_vol.minutes += v.minutes;
        base_vol.metres += v.metres;
        base_vol.all_dist &= v.all_dist;
        base_vol.runs += v.runs;
    }
    let now = run_volume(ctx, items_between(ctx, lo, r.day - 1), r.session);
    let (b, v, unit) = volumes(&base_vol, &now);
    if b <= 0.0 {
        return;
    }
    let cut = 1.0 - v / b;
    let head = format!(
        "{}–{} before {race}: {v:.0} {unit} of running against {b:.0} {unit} on the same days of the week of {}",
        fmt_day(lo),
        fmt_day(r.day - 1),
        fmt_day(base.monday)
    );
    if cut < 0.20 - 1e-9 {
        out.add(
            B,
            Severity::Error,
            &[lo, r.day - 1],
            &[],
            format!("{head}: cut {} (20–30 % wanted)", pct(cut)),
            format!(
                "Shorten the runs of those {d} days to about {:.0}–{:.0} {unit} in all",
                b * 0.7,
                b * 0.8
            ),
        );
    } else if cut > 0.30 + 1e-9 {
        out.add(
            B,
            Severity::Warning,
            &[lo, r.day - 1],
            &[],
            format!("{head}: cut {} (20–30 % wanted)", pct(cut)),
            format!(
                "A B race needs only a short cut-back: keep about {:.0}–{:.0} {unit} in those {d} days",
                b * 0.7,
                b * 0.8
            ),
        );
    }
}

// ---------------------------------------------------------------- R-TAPER-C

const C: &str = "R-TAPER-C";

/// A C race is trained through: its week keeps the strength, running and hard sessions of the
/// neighbouring normal weeks.
pub(super) fn check_c(ctx: &Ctx, gov: &[Gov], out: &mut Out) {
    for r in ctx.races.iter().filter(|r| r.priority == Priority::C) {
        let Some(w) = ctx.week_of(r.day) else {
            continue;
        };
        let week = &ctx.weeks[w];
        // a labelled deload, taper, race or transition week is not trained through
        // (a deload read from the running drop itself does not excuse: that drop is the taper)
        let excused = if ctx.plan.weeks.is_empty() {
            matches!(week.phase, Phase::Taper | Phase::Race | Phase::Transition)
        } else {
            !week.loading()
        };
        if gov[w] != Gov::TaperC || excused || week.days_held() < 7 {
            continue;
        }
        let normal = |k: usize| {
            let wk = &ctx.weeks[k];
            wk.loading()
                && wk.days_held() == 7
                && matches!(gov[k], Gov::Phase | Gov::InSeason)
                && !ctx.races.iter().any(|o| ctx.week_of(o.day) == Some(k))
        };
        let neighbours: Vec<usize> = [w.checked_sub(1), Some(w + 1)]
            .into_iter()
            .flatten()
            .filter(|&k| k < ctx.weeks.len() && normal(k))
            .collect();
        if neighbours.is_empty() {
            continue;
        }
        let race = race_label(r);
        let facts = |k: usize| -> (u32, u32, u32, u32) {
            let items = ctx.week_items(&ctx.weeks[k]);
            let strength = items.iter().filter(|i| counted_strength(i)).count() as u32;
            let sets = items.iter().map(|i| u32::from(i.lower_sets)).sum();
            let hard = items
                .iter()
                .filter(|i| i.has(flag::HARD) || i.has(flag::INT_STR_L))
                .count() as u32;
            (strength, sets, ctx.weeks[k].run_minutes, hard)
        };
        let (s, sets, run, hard) = facts(w);
        let mins = neighbours
            .iter()
            .map(|&k| facts(k))
            .fold((u32::MAX, u32::MAX, u32::MAX, u32::MAX), |a, b| {
                (a.0.min(b.0), a.1.min(b.1), a.2.min(b.2), a.3.min(b.3))
            });
        let around = neighbours
            .iter()
            .map(|&k| fmt_day(ctx.weeks[k].monday))
            .collect::<Vec<_>>()
            .join(" and the week of ");
        let ids = |f: &dyn Fn(&Item) -> bool| -> Vec<u32> {
            let mut v: Vec<u32> = ctx
                .week_items(week)
                .iter()
                .filter(|i| f(i))
                .map(|i| i.idx)
                .collect();
            v.extend(r.session);
            v
        };
        if s < mins.0 || f64::from(sets) < 0.75 * f64::from(mins.1) {
            out.add(
                C,
                Severity::Warning,
                &[r.day],
                &ids(&|i| counted_strength(i)),
                format!(
                    "{race} is tapered: its week holds {s} strength sessions and {sets} lower-body sets against at least {} and {} in the week of {around}",
                    mins.0, mins.1
                ),
                "Train through a C race: keep the week's strength sessions (lift ≥ 24 h before or after the race, R-SEP-24H), or mark the race B if it matters more",
            );
        }
        if f64::from(run) < 0.8 * f64::from(mins.2) {
            out.add(
                C,
                Severity::Warning,
                &[r.day],
                &ids(&|i| i.has(flag::RUN)),
                format!(
                    "{race} is tapered: its week holds {run} running min (race included) against at least {} in the week of {around}",
                    mins.2
                ),
                format!(
                    "Keep the week's running near {} min: the race replaces one hard run, the easy runs stay",
                    mins.2
                ),
            );
        }
        let before = items_between(ctx, r.day - 3, r.day - 1)
            .iter()
            .any(|i| i.has(flag::HARD) || i.has(flag::INT_STR_L));
        if hard < mins.3 && !before {
            out.add(
                C,
                Severity::Warning,
                &[r.day - 3, r.day],
                &ids(&|i| i.has(flag::HARD)),
                format!(
                    "{race} is tapered: no hard session in the 3 days before, and {hard} hard sessions in its week (race included) against at least {} in the week of {around}",
                    mins.3
                ),
                format!(
                    "Keep the usual hard session between {} and {}: a C race replaces one hard run, not the days before it",
                    fmt_day(r.day - 3),
                    fmt_day(r.day - 1)
                ),
            );
        }
    }
}
