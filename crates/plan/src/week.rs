//! Weekly targets (rulebook §4.2–§4.3 and groups B, C, F): for one calendar week, the sessions the
//! phase, level and state call for (running volume with the ramp, deload and taper cuts; the hard
//! runs, long run and easy runs; strength frequency and prescription; plyometric gate and caps;
//! microdosing; tests), each turned into a placement `Demand` with its allowed slots.

use runlift_model::Kind;
use runlift_model::plan::{Phase, Session, TestKind};
use runlift_model::profile::{Level, Lifting, Priority, Slot};
use runlift_rules::item::{Item, ItemEnv, exercise_facts, flag};
use runlift_rules::time::{date_of, monday_of};

use crate::calendar::{RaceDay, WeekPlan};
use crate::paces::race_seconds;
use crate::place::{Demand, SLOTS};
use crate::runs;
use crate::strength::{self, Dose, Missing, SessionCtx, Variant};
use crate::{Ctx, State};

/// A demand with the session it stands for and the reasons behind it.
#[derive(Clone, Debug)]
pub struct Spec {
    pub demand: Demand,
    pub session: Session,
    pub why: Vec<String>,
}

/// A session the week could not even build (no exercise fits, gate closed by equipment…).
#[derive(Clone, Debug)]
pub struct Unbuilt {
    pub kind: Kind,
    pub missing: Missing,
}

pub fn blank(kind: Kind, minutes: u16) -> Session {
    Session {
        date: date_of(0),
        slot: Slot::Am,
        start: None,
        minutes,
        kind,
        title: None,
        distance_m: None,
        rpe: None,
        structure: None,
        test: None,
        exercises: Vec::new(),
        id: None,
        phase: None,
        week: None,
        why: None,
    }
}

fn run_session(r: &runs::RunRx) -> Session {
    let mut s = blank(r.kind, r.minutes);
    s.title = Some(r.title.clone());
    s.distance_m = Some(r.distance_m);
    s.structure = Some(r.structure.clone());
    s
}

/// Weekly running minutes for a week (before placement).
pub fn run_target(ctx: &Ctx, st: &State, w: &WeekPlan) -> f64 {
    let v0 = ctx.base_minutes;
    let cap = v0
        * if ctx.level == Level::Beginner {
            1.2
        } else {
            1.3
        };
    let block = st.block_level.min(cap);
    let step = [1.0, 1.05, 1.10][(w.load_step.max(1) - 1).min(2)];
    let last_load = st.last_loading_run.unwrap_or(block);
    let held = f64::from(w.days_held());
    let v = match w.phase {
        Phase::Transition => 0.4 * v0,
        Phase::Taper => 0.55 * last_load,
        Phase::Race => 0.40 * last_load,
        _ if w.deload => 0.75 * last_load,
        Phase::Peak => last_load.min(block * 1.05),
        _ => block * step,
    };
    // (a B race's cut-back is the days before it, R-TAPER-B: `ramp_trim` cuts those)
    let mut v = v * held / 7.0;
    // R-RUN-RAMP: training running at most +10 % per day held over the last loading week's
    // (races are not training volume).
    if let Some((last, _)) = st.last_loading_train_day {
        v = v.min(1.10 * last * held);
    }
    v
}

/// A full loading week's training running (races left out): what R-TAPER-A v2 and
/// R-RACE-WEEK measure a taper against.
#[derive(Clone, Copy, Debug)]
pub struct LoadingRun {
    /// The week's Monday and whether it holds an A or B race (such weeks are not "usual").
    pub monday: i32,
    pub a_or_b_race: bool,
    pub runs: f64,
    pub minutes: f64,
    pub km: f64,
}

/// The usual weeks: the last (at most) three full loading weeks without an A or B race that
/// end before the taper, within eight weeks of it (the linter's group G measure).
const PRE_TAPER_WEEKS: usize = 3;
const PRE_TAPER_LOOKBACK_DAYS: i32 = 8 * 7;

/// R-TAPER-A v2's day windows before a race: race week is the 6 days before it (days −6 to
/// −1), week −2 the 7 days before those (−13 to −7).
pub const RACE_WEEK: (i32, i32) = (6, 1);
pub const WEEK2: (i32, i32) = (13, 7);

/// R-TAPER-A v2's shares of the usual week's daily running: week −2 at 70–80 %, race week (race
/// left out) at 40–60 %; the planner aims at these and trims to the caps (below the rule's
/// upper ends, so that the usual week counted over 7 or over 6 days both pass).
pub const WEEK2_SHARE: f64 = 0.75;
pub const WEEK2_CAP: f64 = 0.79;
pub const RACE_WEEK_SHARE: f64 = 0.52;
pub const RACE_WEEK_CAP: f64 = 0.58;

/// A session held to a range of days.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DayLimit {
    pub index: usize,
    pub first: i32,
    pub last: i32,
}

/// The usual week before the run-up that starts on `from` (day number): the mean of the last
/// loading weeks' runs and minutes, or the athlete's current running when the plan has none
/// (a short runway).
pub fn pre_taper_mean(ctx: &Ctx, st: &State, from: i32) -> LoadingRun {
    let last: Vec<&LoadingRun> = st
        .loading_runs
        .iter()
        .rev()
        .filter(|l| l.monday + 6 < from && l.monday + 6 >= from - PRE_TAPER_LOOKBACK_DAYS)
        .filter(|l| !l.a_or_b_race)
        .take(PRE_TAPER_WEEKS)
        .collect();
    if last.is_empty() {
        return LoadingRun {
            monday: from,
            a_or_b_race: false,
            runs: floor_runs(ctx.profile.weekly_km) as f64,
            minutes: ctx.base_minutes,
            km: ctx.profile.weekly_km.max(8.0),
        };
    }
    let n = last.len() as f64;
    let mean = |f: &dyn Fn(&LoadingRun) -> f64| last.iter().map(|l| f(l)).sum::<f64>() / n;
    LoadingRun {
        monday: from,
        a_or_b_race: false,
        runs: mean(&|l| l.runs),
        minutes: mean(&|l| l.minutes),
        km: mean(&|l| l.km),
    }
}

/// First day of a race's run-up, the days the usual week is measured before (the taper or
/// the last 14 days, whichever is longer).
pub fn run_up_start(ctx: &Ctx, r: &RaceDay) -> i32 {
    r.day - a_taper_days(ctx, r).max(14)
}

/// Runs a week by its volume (R-RUN-FLOOR's target when the profile gives none).
pub fn floor_runs(km: f64) -> usize {
    match km {
        k if k < 20.0 => 3,
        k if k < 40.0 => 4,
        k if k < 60.0 => 5,
        _ => 6,
    }
}

/// An A race whose last 13 days touch a week, with the usual week it tapers from.
pub struct RunUp<'a> {
    pub race: &'a RaceDay,
    pub mean: LoadingRun,
}

/// The A race whose week −2 or race week holds at least three days of this week (a week
/// holding fewer is planned as usual and only trimmed).
pub fn run_up<'a>(ctx: &'a Ctx, st: &State, w: &WeekPlan) -> Option<RunUp<'a>> {
    let race = ctx
        .calendar
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .find(|r| {
            let lo = (r.day - WEEK2.0).max(w.first_day);
            let hi = (r.day - RACE_WEEK.1).min(w.last_day);
            hi - lo + 1 >= 3
        })?;
    Some(RunUp {
        race,
        mean: pre_taper_mean(ctx, st, run_up_start(ctx, race)),
    })
}

/// The running of a week in an A race's run-up (R-TAPER-A v2, R-RACE-WEEK): frequency kept,
/// runs shortened — week −2 at about 75 % of the pre-taper mean with a shorter long run and one
/// quality session of half the reps, race week at about 50 % with a race-pace sharpener 3–5
/// days out and a shakeout on one of the two days before the race.
fn taper_runs(
    ctx: &Ctx,
    w: &WeekPlan,
    ru: &RunUp,
    out: &mut Vec<(u8, Session, Vec<String>, u8)>,
    limits: &mut Vec<DayLimit>,
) {
    let r = ru.race;
    let mean = ru.mean;
    let holds = |d: i32| d >= w.first_day && d <= w.last_day && d <= ctx.calendar.end;
    let days = |lo: i32, hi: i32| (lo..=hi).filter(|d| holds(*d)).count() as f64;
    let d_before = days(w.monday, r.day - WEEK2.0 - 1);
    let d2 = days(r.day - WEEK2.0, r.day - WEEK2.1);
    let d1 = days(r.day - RACE_WEEK.0, r.day - RACE_WEEK.1);
    let d_after = days(r.day + 1, w.monday + 6);
    let rate = mean.minutes / 7.0;
    let usual = mean.runs.round().max(1.0);
    // R-RACE-WEEK: race week keeps max(2, usual − 1) runs over its 6 days
    let race_week_runs = (usual.max(3.0) - 1.0) * 7.0 / 6.0;
    let mut volume = rate * (d_before + WEEK2_SHARE * d2 + RACE_WEEK_SHARE * d1 + 0.4 * d_after);
    let runs =
        (usual * (d_before + d2) / 7.0 + race_week_runs * d1 / 7.0 + 0.4 * usual * d_after / 7.0
            - 0.15)
            .ceil()
            .max(1.0) as usize;
    let race = format!(
        "the {} race on {}",
        r.distance,
        runlift_rules::time::fmt_day(r.day)
    );
    let mut placed = 0usize;
    let mut longest = 90.0f64;
    // week −2: a shorter long run and one quality session with half the reps
    if d2 + d_before >= 3.0 {
        let m = round5((rate * 7.0 * WEEK2_SHARE * 0.3).clamp(30.0, long_cap(ctx)));
        let lr = runs::long(m, Phase::Taper, ctx.profile.goal, false, &ctx.paces);
        volume -= f64::from(lr.minutes);
        longest = f64::from(lr.minutes) - 10.0;
        limits.push(DayLimit {
            index: out.len(),
            first: w.first_day,
            last: r.day - WEEK2.1,
        });
        out.push((
            1,
            run_session(&lr),
            vec![format!(
                "R-TAPER-A: two weeks before {race} the long run is shorter, not gone (runs shortened, frequency kept)"
            )],
            0,
        ));
        placed += 1;
        if let Some(q) = runs::quality(
            1,
            Phase::Taper,
            ctx.level,
            ctx.profile.goal,
            true,
            &ctx.paces,
        )
        .into_iter()
        .next()
        {
            volume -= f64::from(q.minutes);
            limits.push(DayLimit {
                index: out.len(),
                first: w.first_day,
                last: r.day - 6,
            });
            out.push((
                2,
                run_session(&q),
                vec![format!(
                    "R-TAPER-A: intensity kept before {race}, about half the reps"
                )],
                0,
            ));
            placed += 1;
        }
    }
    // race week: the sharpener 3–5 days out, the shakeout on day −1 or −2
    if holds(r.day - 4) {
        let q = runs::sharpener(ctx.profile.goal, &ctx.paces);
        volume -= f64::from(q.minutes);
        limits.push(DayLimit {
            index: out.len(),
            first: r.day - 5,
            last: r.day - 3,
        });
        out.push((
            2,
            run_session(&q),
            vec![format!(
                "R-RACE-WEEK: a sharpener 3–5 days before {race}: short reps at race effort, about half a normal session"
            )],
            0,
        ));
        placed += 1;
    }
    // the shakeout (day −1 or −2) is R-RACE-WEEK's, added to the week by `race_week_shakeouts`
    // in place of one of the easy runs below
    let n = runs.saturating_sub(placed);
    if n == 0 {
        return;
    }
    let m = round5((volume / n as f64).min(longest)).max(20);
    for _ in 0..n {
        let e = runs::easy(Kind::RunEasy, m, false, &ctx.paces);
        out.push((
            6,
            run_session(&e),
            vec![format!(
                "R-TAPER-A: the taper before {race} keeps the usual number of runs and makes them shorter"
            )],
            2,
        ));
    }
}

/// R-RACE-WEEK: a shakeout on day −1 or −2 of every A or B race whose day −1 this week holds,
/// unless the taper's runs already hold one: an easy run of the week becomes the shakeout, or
/// one is added.
fn race_week_shakeouts(
    ctx: &Ctx,
    w: &WeekPlan,
    out: &mut Vec<(u8, Session, Vec<String>, u8)>,
    limits: &mut Vec<DayLimit>,
) {
    for need in crate::race_week::shakeouts_due(ctx, w) {
        if limits
            .iter()
            .any(|l| l.first >= need.race.day - 2 && l.last == need.last)
        {
            continue;
        }
        let (s, why) = crate::race_week::shakeout(ctx, need.race);
        let free_easy = |out: &[(u8, Session, Vec<String>, u8)], skip: Option<usize>| {
            (0..out.len()).find(|&k| {
                out[k].0 == 6
                    && out[k].1.kind == Kind::RunEasy
                    && Some(k) != skip
                    && limits.iter().all(|l| l.index != k)
            })
        };
        // A race late in the week takes an easy run's place; one earlier in it keeps the easy
        // runs for the days after it (recovery running) and adds the shakeout.
        let convert = need.race.day >= w.last_day - 1;
        let index = match free_easy(out, None).filter(|_| convert) {
            Some(k) => {
                // the easy run's other minutes go to the next easy run, if there is one
                let rest = out[k].1.minutes.saturating_sub(s.minutes) / 5 * 5;
                let moved = out[k].2.clone();
                out[k] = (1, s, why, 0);
                match free_easy(out, Some(k)) {
                    Some(j) => {
                        let m = out[j].1.minutes + rest;
                        let strides = out[j]
                            .1
                            .structure
                            .as_deref()
                            .is_some_and(|t| t.contains("@ R"));
                        let e = runs::easy(Kind::RunEasy, m, strides, &ctx.paces);
                        out[j].1 = run_session(&e);
                    }
                    // (a week whose only easy run became the shakeout keeps its other minutes)
                    None if rest >= 20 => {
                        let e = runs::easy(Kind::RunEasy, rest, false, &ctx.paces);
                        out.push((6, run_session(&e), moved, 2));
                    }
                    None => {}
                }
                k
            }
            None => {
                out.push((1, s, why, 0));
                out.len() - 1
            }
        };
        limits.push(DayLimit {
            index,
            first: need.first,
            last: need.last,
        });
    }
}

/// Hard runs a week calls for (§4.3).
fn hard_runs(ctx: &Ctx, w: &WeekPlan) -> usize {
    let lvl = ctx.level;
    let n: usize = match w.phase {
        Phase::Transition => 0,
        Phase::Base => match lvl {
            Level::Beginner => usize::from(w.index >= 4),
            Level::Intermediate => 1,
            Level::Advanced => 2,
        },
        Phase::Race => 1,
        _ => match lvl {
            Level::Beginner => 1,
            _ => 2,
        },
    };
    // Races replace hard runs (R-TAPER-C); an A race week keeps one sharpener.
    let races = w.races.len();
    if w.phase == Phase::Race {
        n
    } else {
        n.saturating_sub(races)
    }
}

fn long_cap(ctx: &Ctx) -> f64 {
    let m = ctx.profile.goal.metres();
    let base: f64 = if m <= 5_000.0 {
        75.0
    } else if m <= 10_000.0 {
        90.0
    } else if m <= 21_100.0 {
        120.0
    } else if m <= 42_200.0 {
        150.0
    } else {
        180.0
    };
    match ctx.level {
        Level::Beginner => base.min(90.0),
        Level::Intermediate => base,
        Level::Advanced => base + 15.0,
    }
}

fn round5(x: f64) -> u16 {
    ((x / 5.0).round() * 5.0).clamp(0.0, 600.0) as u16
}

/// Absolute start minute of a race (AM slot time).
fn race_start(ctx: &Ctx, r: &RaceDay) -> i32 {
    r.day * 1440 + i32::from(ctx.profile.times.am)
}

/// Expected minutes of a race at a VDOT (computed once per race when the plan starts).
pub fn race_minutes_at(vdot: f64, r: &RaceDay) -> u16 {
    (race_seconds(vdot, r.distance.metres()) / 60.0)
        .ceil()
        .clamp(2.0, 1440.0) as u16
}

/// R-POST-RACE v2 (rulebook §8.2): may a session starting `after` minutes after the race's end,
/// on `day`, go there? No hard run and no intense lower lift in the race's easy days (in season, where
/// R-INSEASON needs a heavy exposure every week, an intense lift after a race shorter than a
/// half marathon, a WARN, may come back after half the days and at most three); the day after a
/// marathon or longer holds no run but a short RUN_REC.
fn post_race_allows(
    ctx: &Ctx,
    w: &WeekPlan,
    r: &RaceDay,
    it: &Item,
    day: i32,
    after: i32,
    minutes: u16,
) -> bool {
    use runlift_rules::post_race::{Band, after_cap, easy_days};
    let days = easy_days(&ctx.config, r.priority, r.distance);
    let lift_days = if w.in_season && !Band::of(r.distance).hard() {
        ((days + 1) / 2).min(3)
    } else {
        days
    };
    // (by calendar day, as the linter counts them: day +N is the last easy day)
    let easy = |n: i32| after >= 0 && day <= r.day + n;
    if it.has(flag::HI_RUN) && easy(days) || it.has(flag::INT_STR_L) && easy(lift_days) {
        return false;
    }
    let day1_rec = after_cap(&ctx.config, r.distance).and_then(|c| c.day1_rec);
    match day1_rec {
        Some(rec) if day == r.day + 1 && it.has(flag::RUN) => {
            it.kind == Kind::RunRec && minutes <= rec
        }
        _ => true,
    }
}

/// Slots (bit mask) where a session of this item may go, given every race of the plan (taper
/// windows of R-TAPER-A/B, R-POST-RACE, nothing else on race day).
fn allowed(ctx: &Ctx, w: &WeekPlan, it: &Item, minutes: u16) -> u16 {
    let mut mask = 0u16;
    for slot in 0..SLOTS {
        let day = w.monday + (slot / 2) as i32;
        if day < w.first_day || day > w.last_day || day > ctx.calendar.end {
            continue;
        }
        let s = if slot.is_multiple_of(2) {
            Slot::Am
        } else {
            Slot::Pm
        };
        let start = day * 1440 + i32::from(ctx.profile.times.of(s));
        let end = start + i32::from(minutes);
        let mut ok = true;
        for r in &ctx.calendar.races {
            let rs = race_start(ctx, r);
            let re = rs + i32::from(r.minutes);
            if day == r.day {
                ok = false;
                break;
            }
            // R-TAPER-A, R-LIGHT-IS-LIGHT: a microdose (RIR 3) is not light work, so none in
            // an A race's week or a B race's last days.
            if it.kind == Kind::StrMicro
                && runlift_rules::light_window_days(&ctx.config, r.priority)
                    .is_some_and(|n| day >= r.day - n)
            {
                ok = false;
                break;
            }
            // R-TAPER-B: one lower-body strength session in the 7 days up to a B race, the race
            // week's own (the planner keeps the days before that week free of them).
            if r.priority == Priority::B
                && (it.has(flag::STR_COUNT) || it.has(flag::INT_STR_L))
                && day >= r.day - 6
                && day < monday_of(r.day)
            {
                ok = false;
                break;
            }
            // R-PLYO-VOL: no plyometric session from an A race's taper window to the end of
            // its race week (primers only; the planner places none).
            if (it.has(flag::PLYO) || it.kind == Kind::StrPap)
                && r.priority == Priority::A
                && day >= r.day - a_taper_days(ctx, r)
                && day <= monday_of(r.day) + 6
            {
                ok = false;
                break;
            }
            let before = rs - end; // minutes from this session's end to the race
            if before > 0 {
                let int_gap = match r.priority {
                    Priority::A => 7 * 1440,
                    _ => 72 * 60,
                };
                if it.has(flag::INT_STR_L) && before < int_gap {
                    ok = false;
                }
                // Lower-body strength and hard runs stay off the days just before a race; A and
                // B races keep hard runs ≥ 3 days away (R-TAPER-B; planner choice for A).
                if it.has(flag::STRENGTH) && it.has(flag::LOWER) && before < 2 * 1440 {
                    ok = false;
                }
                // The day before a race holds nothing hard (and no long run).
                if it.has(flag::HARD | flag::LONG) && !it.has(flag::RACE) && r.day - day == 1 {
                    ok = false;
                }
                if it.has(flag::PLYO) && r.priority == Priority::A && before < 5 * 1440 {
                    ok = false;
                }
                if it.has(flag::HI_RUN) && !it.has(flag::RACE) {
                    let need = if r.priority == Priority::C {
                        1440
                    } else {
                        3 * 1440
                    };
                    if before < need {
                        ok = false;
                    }
                }
            } else if start >= re && !post_race_allows(ctx, w, r, it, day, start - re, minutes) {
                ok = false;
            }
            if !ok {
                break;
            }
        }
        if ok {
            mask |= 1 << slot;
        }
    }
    mask
}

fn drop_cost(rank: u8, minutes: u16) -> f64 {
    match rank {
        0 => f64::INFINITY,
        1 => 60.0,
        2 => 50.0,
        3 => 40.0,
        4 => 25.0,
        5 => 15.0,
        6 => 10.0 + f64::from(minutes) / 10.0,
        _ => 3.0,
    }
}

/// Build the week's specs. Returns the specs sorted by rank, and the sessions that could not be
/// built at all.
pub fn specs(ctx: &Ctx, st: &mut State, w: &WeekPlan) -> (Vec<Spec>, Vec<Unbuilt>) {
    let mut out: Vec<(u8, Session, Vec<String>, u8)> = Vec::new();
    // Sessions held to a range of days (index in `out`, first and last day): race week's
    // sharpener and shakeout, the taper's long run.
    let mut day_limits: Vec<DayLimit> = Vec::new();
    let mut unbuilt = Vec::new();
    let phase = w.phase;
    let lvl = ctx.level;
    let deload_note = if w.deload { " (deload: R-DELOAD)" } else { "" };
    // ---- races
    for r in &w.races {
        let mut s = blank(Kind::RunRace, r.minutes);
        s.distance_m = Some(r.distance.metres());
        s.title = Some(match &r.name {
            Some(n) => format!("{n} ({} race, {})", r.priority, r.distance),
            None => format!("{} race: {}", r.priority, r.distance),
        });
        let why = vec![format!(
            "Race day ({} race){}",
            r.priority,
            match r.priority {
                Priority::A => ": the plan is built backward from it (§4.1), R-TAPER-A",
                Priority::B => ": R-TAPER-B 4-day cut-back before it",
                Priority::C => ": R-TAPER-C train through, it replaces a hard run",
            }
        )];
        out.push((0, s, why, 0));
    }
    // ---- running
    // R-TEST: a deload six weeks or more after the last test, with no race, ends with tests.
    let test_due = w.deload && st.weeks_since_test >= 5 && w.races.is_empty();
    let v = run_target(ctx, st, w);
    let race_min: f64 = 0.0;
    let mut left = (v - race_min).max(0.0);
    let taperish = matches!(phase, Phase::Taper | Phase::Race) || w.deload;
    if phase == Phase::Transition {
        let n = ((left / 30.0).round() as usize).clamp(1, 3);
        for _ in 0..n {
            let r = runs::easy(
                Kind::RunEasy,
                round5(left / n as f64).max(20),
                false,
                &ctx.paces,
            );
            out.push((
                6,
                run_session(&r),
                vec!["Transition (§4.1.4): unstructured easy running".into()],
                1,
            ));
        }
    } else if let Some(ru) = run_up(ctx, st, w) {
        taper_runs(ctx, w, &ru, &mut out, &mut day_limits);
    } else {
        let a_race_week = w.races.iter().any(|r| r.priority == Priority::A);
        let b_race_week = w.races.iter().any(|r| r.priority == Priority::B);
        if !a_race_week && !b_race_week && phase != Phase::Race {
            let share = if lvl == Level::Beginner { 0.30 } else { 0.28 };
            let m = (left * share).clamp(30.0, long_cap(ctx));
            let m = round5(m.min(left.max(30.0)));
            let r = runs::long(m, phase, ctx.profile.goal, w.deload, &ctx.paces);
            left -= f64::from(r.minutes);
            out.push((
                1,
                run_session(&r),
                vec![format!(
                    "§4.3 {phase}: one long run, the week's longest{deload_note}"
                )],
                0,
            ));
        }
        let mut n_hi = hard_runs(ctx, w);
        let mut q = runs::quality(n_hi, phase, lvl, ctx.profile.goal, taperish, &ctx.paces);
        // R-RUN-RAMP: hard runs have set lengths; a week too small for them has fewer.
        while q.iter().map(|r| f64::from(r.minutes)).sum::<f64>() > left.max(0.0) && !q.is_empty() {
            q.pop();
            n_hi -= 1;
        }
        // R-TEST's running tests (not for beginners): the last hard run of a test week becomes
        // the time trial and, when the week has two, the first one the flying sprint.
        let test_week = test_due && lvl != Level::Beginner;
        if test_week && let Some(last) = q.last_mut() {
            *last = runs::time_trial(&ctx.paces);
        }
        let sprint_test = test_week && q.len() >= 2;
        if sprint_test {
            q[0] = runs::sprint_test(&ctx.paces);
        }
        for (k, r) in q.iter().enumerate() {
            left -= f64::from(r.minutes);
            let mut s = run_session(r);
            let mut why = vec![format!(
                "§4.3 {phase} ({lvl}): {n_hi} hard run{} this week{deload_note}",
                if n_hi == 1 { "" } else { "s" }
            )];
            if r.kind == Kind::RunTt {
                s.test = Some(TestKind::TimeTrial);
                why.push(
                    "R-TEST: a time trial at the end of a deload, six weeks after the last test"
                        .into(),
                );
            } else if sprint_test && k == 0 {
                s.test = Some(TestKind::Sprint);
                why.push(
                    "R-TEST: a flying 30 m sprint at the end of a deload, six weeks after the last test (it takes the place of a hard run)"
                        .into(),
                );
            }
            out.push((2, s, why, 0));
        }
        // easy runs
        let per: f64 = match lvl {
            Level::Beginner => 35.0,
            Level::Intermediate => 45.0,
            Level::Advanced => 55.0,
        };
        if left >= 20.0 {
            // Easy runs stay shorter than the long run.
            let longest = out
                .iter()
                .find(|(_, s, _, _)| s.kind == Kind::RunLong)
                .map_or(90.0, |(_, s, _, _)| f64::from(s.minutes) - 10.0)
                .max(20.0);
            let per = per.min(longest);
            let n = ((left / per).round() as usize).clamp(1, 6);
            let m = round5((left / n as f64).min(longest)).max(20);
            let strides_n = match phase {
                Phase::Base | Phase::Preparation if !(lvl == Level::Beginner && w.index < 2) => 2,
                Phase::Peak | Phase::InSeason => 1,
                _ => 0,
            };
            for k in 0..n {
                let strides = k < strides_n;
                let r = runs::easy(Kind::RunEasy, m, strides, &ctx.paces);
                let why = vec![format!(
                    "Easy running fills the week's volume (about {} min; R-RUN-RAMP ≤ +10 %){}",
                    v.round(),
                    if strides {
                        "; strides keep leg speed (§4.3)"
                    } else {
                        ""
                    }
                )];
                out.push((6, run_session(&r), why, 2));
            }
        }
    }
    race_week_shakeouts(ctx, w, &mut out, &mut day_limits);
    // ---- strength
    // R-BEGIN's window: its first weeks counted from the first strength session. In the week
    // it ends, the window's sessions stay on its days (`begin_end`).
    let begin_end = st
        .first_strength_day
        .map(|f| f + (ctx.config.get("R-BEGIN", "weeks") * 7.0).round() as i32);
    let begin = (lvl == Level::Beginner
        || matches!(ctx.profile.lifting, Lifting::None | Lifting::Lt3mo))
        && begin_end.is_none_or(|e| w.monday < e);
    let begin_end = begin_end.filter(|_| begin);
    let gate_weeks = match lvl {
        Level::Beginner => 6,
        Level::Intermediate if ctx.profile.lifting.at_least_6mo() => 0,
        Level::Intermediate => 3,
        Level::Advanced => 0,
    };
    // Plyometrics start in a loading week, never in a deload (no new work in a deload).
    let gate_open = !begin && st.strength_weeks >= gate_weeks && (!w.deload || st.plyo_weeks > 0);
    let low_only = !ctx.profile.lifting.at_least_6mo() && st.plyo_weeks < 3;
    let mut kinds: Vec<(Kind, Dose)> = Vec::new();
    let heavy = |sets: u16, reps: u16, pct: f64| Dose {
        sets,
        reps,
        pct: Some(pct),
        rir: 2.0,
        rest_s: 180,
        contacts: 0,
        rounds: 0,
    };
    let hyp = Dose {
        sets: if begin { 2 } else { 3 },
        reps: 10,
        // A beginner's hypertrophy work is by effort (RIR 3 = RPE 7, R-PHASE), not %1RM.
        pct: if begin || lvl == Level::Beginner {
            None
        } else {
            Some(0.65)
        },
        rir: 3.0,
        rest_s: 75,
        contacts: 0,
        rounds: 0,
    };
    let light = Dose {
        sets: 2,
        reps: 6,
        pct: Some(0.60),
        rir: 4.0,
        rest_s: 90,
        contacts: 0,
        rounds: 0,
    };
    let iso = Dose {
        sets: 3,
        reps: 1,
        pct: None,
        rir: 4.0,
        rest_s: 60,
        contacts: 0,
        rounds: 0,
    };
    let hm = if ctx.high_mileage { 0.75 } else { 1.0 };
    let plyo = |c: f64| Dose {
        sets: 2,
        reps: 10,
        pct: None,
        rir: 4.0,
        rest_s: 90,
        contacts: (c * hm).round() as u16,
        rounds: 0,
    };
    let pap = |rounds: u16, pct: f64| Dose {
        sets: 3,
        reps: 5,
        pct: Some(pct),
        rir: 2.0,
        rest_s: 240,
        contacts: 0,
        rounds,
    };
    let b_race_week = w.races.iter().any(|r| r.priority == Priority::B);
    match phase {
        Phase::Transition => kinds.push((Kind::Mob, iso)),
        Phase::Race => kinds.push((Kind::StrLight, light)),
        Phase::Taper => kinds.push((Kind::StrHeavy, heavy(2, 5, 0.80))),
        // (a beginner's base caps effort at RPE 7, R-PHASE: hypertrophy work then)
        _ if b_race_week && lvl == Level::Beginner && phase == Phase::Base => {
            kinds.push((Kind::StrHyp, hyp))
        }
        _ if b_race_week => kinds.push((Kind::StrHeavy, heavy(2, 4, 0.82))),
        _ if w.in_season => {
            kinds.push((Kind::StrHeavy, heavy(2, 4, 0.82)));
            if lvl != Level::Beginner && gate_open {
                kinds.push((Kind::StrPlyo, plyo(20.0)));
            }
        }
        Phase::Base => match lvl {
            Level::Beginner => {
                kinds.push((Kind::StrHyp, hyp));
                kinds.push((Kind::StrHyp, hyp));
            }
            Level::Intermediate => {
                // R-PHASE: an intermediate's base is 4–6 reps on main lifts; hypertrophy work
                // only in R-BEGIN's first weeks.
                let k = if begin { Kind::StrHyp } else { Kind::StrHeavy };
                let d = if k == Kind::StrHyp {
                    hyp
                } else {
                    heavy(3, 5, 0.82)
                };
                kinds.push((k, d));
                kinds.push((k, d));
            }
            Level::Advanced => {
                kinds.push((Kind::StrHeavy, heavy(4, 4, 0.85)));
                kinds.push((Kind::StrHeavy, heavy(4, 4, 0.85)));
                if gate_open {
                    kinds.push((Kind::StrPlyo, plyo(60.0)));
                }
            }
        },
        Phase::Preparation => match lvl {
            // 80 %: R-PHASE's 70–85 %, and a heavy exposure should the season start (R-INSEASON)
            Level::Beginner => {
                kinds.push((Kind::StrHeavy, heavy(3, 6, 0.80)));
                kinds.push((Kind::StrHeavy, heavy(3, 6, 0.80)));
                if gate_open {
                    kinds.push((Kind::StrPlyo, plyo(30.0)));
                }
            }
            Level::Intermediate => {
                kinds.push((Kind::StrHeavy, heavy(3, 4, 0.85)));
                kinds.push((Kind::StrHeavy, heavy(3, 4, 0.85)));
                if gate_open {
                    kinds.push((Kind::StrPlyo, plyo(50.0)));
                }
            }
            Level::Advanced => {
                kinds.push((Kind::StrHeavy, heavy(3, 4, 0.87)));
                // PAP's jumps are above low intensity: not in the first plyometric weeks.
                if gate_open && !low_only {
                    kinds.push((Kind::StrPap, pap(4, 0.85)));
                } else {
                    kinds.push((Kind::StrHeavy, heavy(3, 4, 0.87)));
                }
            }
        },
        Phase::Peak => match lvl {
            Level::Beginner => {
                kinds.push((Kind::StrHeavy, heavy(2, 6, 0.77)));
                kinds.push((Kind::StrLight, light));
            }
            Level::Intermediate => {
                kinds.push((Kind::StrHeavy, heavy(2, 4, 0.85)));
                if gate_open {
                    kinds.push((Kind::StrPlyo, plyo(24.0)));
                }
            }
            Level::Advanced => {
                kinds.push((Kind::StrHeavy, heavy(2, 4, 0.85)));
                if gate_open && !low_only {
                    kinds.push((Kind::StrPap, pap(3, 0.85)));
                }
            }
        },
        Phase::InSeason => {
            kinds.push((Kind::StrHeavy, heavy(2, 4, 0.82)));
            if lvl != Level::Beginner && gate_open {
                kinds.push((Kind::StrPlyo, plyo(20.0)));
            }
        }
    }
    if ctx.profile.microdose && !matches!(phase, Phase::Transition | Phase::Race) {
        // R-MICRO: the week's sets redistributed as short daily doses (non-intense, RIR 3).
        kinds.clear();
        let n = if w.deload || phase == Phase::Taper {
            3
        } else {
            5
        };
        for _ in 0..n {
            kinds.push((Kind::StrMicro, iso));
        }
    }
    if !ctx.high_mileage
        && lvl != Level::Beginner
        && matches!(phase, Phase::Base | Phase::Preparation)
        && !w.deload
        && !ctx.profile.microdose
    {
        kinds.push((Kind::StrUc, iso));
    }
    if begin {
        // R-BEGIN's first weeks: every lift at 2 × 8–12, RIR 3 (RPE 7), whatever the phase: a
        // hypertrophy session in base (R-PHASE's base row allows it), a light one elsewhere and
        // at high mileage (R-PHASE's heavy rows and R-HIGHMILE would refuse 8–12 reps).
        // (a light one at RIR 4, RPE 6: R-LIGHT-IS-LIGHT reads 10 reps at RIR 3 as ≈ 68 % e1RM)
        for (k, d) in kinds.iter_mut() {
            if matches!(k, Kind::StrHeavy | Kind::StrHyp | Kind::StrLight) {
                *k = if phase == Phase::Base && !ctx.high_mileage {
                    Kind::StrHyp
                } else {
                    Kind::StrLight
                };
                *d = if *k == Kind::StrLight {
                    Dose { rir: 4.0, ..hyp }
                } else {
                    hyp
                };
            }
        }
    }
    if ctx.high_mileage {
        // R-HIGHMILE: heavy work, not hypertrophy (in R-BEGIN's first weeks, at its dose).
        for (k, d) in kinds.iter_mut() {
            if *k == Kind::StrHyp {
                *k = Kind::StrHeavy;
                if !begin {
                    *d = if lvl == Level::Beginner && phase == Phase::Base {
                        // a beginner's base caps effort at RPE 7 (R-PHASE): 2 × 8 at RIR 3
                        Dose {
                            sets: 2,
                            reps: 8,
                            pct: None,
                            rir: 3.0,
                            rest_s: 120,
                            contacts: 0,
                            rounds: 0,
                        }
                    } else {
                        heavy(3, 5, 0.80)
                    };
                }
            }
        }
    }
    if ctx.high_mileage {
        // R-HIGHMILE: at most two lower-body or plyometric sessions a week (scaled to a short
        // week's days); the later, lower-priority ones (plyometrics) go first.
        let cap = (2 * w.days_held() + 6) / 7;
        let mut n = 0;
        kinds.retain(|(k, _)| {
            let counted = matches!(
                k,
                Kind::StrHeavy
                    | Kind::StrHyp
                    | Kind::StrPap
                    | Kind::StrLight
                    | Kind::StrIso
                    | Kind::StrPlyo
            );
            if counted {
                n += 1;
            }
            !counted || n <= cap
        });
    }
    // R-ROTATE / §7 C21: nothing new in peak, taper or race weeks; in the plan's first week every
    // exercise counts as familiar unless the athlete has never lifted.
    let reuse = (w.deload || phase == Phase::Taper)
        && !st.last_loading_strength.is_empty()
        && !ctx.profile.microdose;
    // R-DELOAD: a deload brings no new exercise; with no loading week to repeat, it has no
    // strength session.
    if reuse || (w.deload && st.last_loading_strength.is_empty()) {
        kinds.clear();
    }
    // (a deload brings nothing new either, R-DELOAD: its fresh sessions take familiar exercises)
    // (and a week that touches an A race's taper window or race week is a taper week for
    // R-ROTATE, whatever its phase)
    let a_taper = ctx.calendar.races.iter().any(|r| {
        let days = a_taper_days(ctx, r);
        r.priority == Priority::A
            && w.monday + 6 >= r.day - days
            && w.monday <= monday_of(r.day) + 6
    });
    // (w.gov covers an A race just after the plan's end too, which the linter sees)
    let a_taper = a_taper || w.gov == runlift_rules::phases::Gov::TaperA;
    let familiar_only =
        (matches!(phase, Phase::Peak | Phase::Taper | Phase::Race) || w.deload || a_taper)
            && !(w.index == 0 && ctx.profile.lifting != Lifting::None);
    let mut strength_sessions: Vec<(u8, Session, Vec<String>, u8)> = Vec::new();
    let mut variant_i = 0;
    let mut micro_heavy = false;
    let mut heavy_dose_done = false;
    for (kind, dose) in kinds {
        let variant = if matches!(
            kind,
            Kind::StrHeavy | Kind::StrHyp | Kind::StrLight | Kind::StrMicro
        ) {
            variant_i += 1;
            if variant_i % 2 == 1 {
                Variant::A
            } else {
                Variant::B
            }
        } else {
            Variant::A
        };
        let cx = SessionCtx {
            phase,
            deload: w.deload,
            loading: w.loading(),
            block_change: st
                .last_loading_week
                .is_none_or(|(i, ph)| i + 1 != w.index || ph != phase),
            stable: begin,
            familiar_only,
            rot: w.meso,
            variant,
            low_plyo_only: low_only,
        };
        let ch = &st.chooser;
        let built = strength::build(ch, kind, &dose, &cx);
        let built = match built {
            Ok(ex) => Ok((kind, ex)),
            // Race week: short isometrics or mobility when no familiar lift fits.
            Err(_) if phase == Phase::Race => strength::build(ch, Kind::StrIso, &iso, &cx)
                .map(|ex| (Kind::StrIso, ex))
                .or_else(|_| strength::build(ch, Kind::Mob, &iso, &cx).map(|ex| (Kind::Mob, ex))),
            // No hinge or knee exercise: isometrics keep the legs loaded (R-NO-GAP).
            Err(m) if matches!(kind, Kind::StrHeavy | Kind::StrHyp | Kind::StrLight) => {
                match strength::build(ch, Kind::StrIso, &iso, &cx) {
                    Ok(mut ex) => {
                        // (not in a deload, which brings no new exercise: R-DELOAD)
                        if w.in_season
                            && !w.deload
                            && let Some(h) = strength::heavy_single_leg(ch, &cx)
                        {
                            ex.insert(0, h);
                        }
                        if ctx.high_mileage {
                            ex.truncate(4); // R-HIGHMILE: ≤ 4 exercises
                        }
                        if !st.noted_iso_fallback {
                            st.noted_iso_fallback = true;
                            unbuilt.push(Unbuilt {
                                kind,
                                missing: m.clone(),
                            });
                        }
                        Ok((Kind::StrIso, ex))
                    }
                    Err(_) => Err(m),
                }
            }
            Err(m) => Err(m),
        };
        let (kind, mut exs) = match built {
            Ok(x) => x,
            Err(m) => {
                unbuilt.push(Unbuilt { kind, missing: m });
                continue;
            }
        };
        // A microdosing deload has fewer doses, not smaller ones (R-MICRO keeps 6–12 sets a day).
        if w.deload && kind != Kind::StrMicro {
            let s = strength::lower_sets(&exs);
            strength::cut_lower_sets(&mut exs, deload_cap(s).max(1));
        }
        // R-INSEASON: one heavy exposure a week; with microdosing, the week's first dose
        // takes its knee lift to 4 reps at RIR 3 (≈ 81 % 1RM on the RTS chart).
        if w.in_season
            && kind == Kind::StrMicro
            && !micro_heavy
            && !begin
            && let Some(e) = exs.iter_mut().find(|e| {
                let x = e.id.get();
                x.lower_body() && x.is(runlift_model::library::ExKind::Strength) && e.reps.is_some()
            })
        {
            e.reps = Some(4);
            e.rir = Some(3.0);
            micro_heavy = true;
        }
        let minutes = strength_minutes(kind, &exs, phase);
        let mut s = blank(kind, minutes);
        s.title = Some(strength_title(kind, &exs));
        s.exercises = exs;
        let rank = match kind {
            Kind::StrPlyo | Kind::StrPap => 4,
            Kind::Mob => 7,
            Kind::StrUc | Kind::StrIso | Kind::StrLight | Kind::StrMicro => 5,
            _ => 3,
        };
        let mut why = vec![strength_reason(ctx, phase, kind, w.deload)];
        if kind == Kind::StrPlyo || kind == Kind::StrPap {
            why.push(format!(
                "R-PLYO-GATE open after {} weeks of strength; R-PLYO-VOL {} contacts{}",
                gate_weeks,
                s.exercises.iter().filter_map(|e| e.contacts).sum::<u32>(),
                if low_only {
                    ", low-intensity only (first three plyometric weeks)"
                } else {
                    ""
                }
            ));
        }
        // The heavy microdose is not interchangeable with the others.
        let heavy_dose = w.in_season && kind == Kind::StrMicro && micro_heavy && !heavy_dose_done;
        heavy_dose_done |= heavy_dose;
        let group = if kind == Kind::StrMicro && !heavy_dose {
            4
        } else {
            0
        };
        // R-INSEASON: the week's one heavy exposure outranks everything but the races.
        let rank = if w.in_season && (kind == Kind::StrHeavy || heavy_dose) {
            1
        } else {
            rank
        };
        strength_sessions.push((rank, s, why, group));
    }
    if reuse {
        // R-DELOAD / R-TAPER-A: the last loading week's sessions, same exercises and loads, about
        // 60 % (deload) or half (taper: one session) of the sets; no warm-up changes, no new work.
        let mut prev: Vec<(u8, Session, Vec<String>)> = st.last_loading_strength.clone();
        if phase == Phase::Taper {
            prev.retain(|(_, s, _)| matches!(s.kind, Kind::StrHeavy | Kind::StrHyp));
            prev.truncate(1);
        }
        for (rank, mut s, _) in prev {
            let sets = strength::lower_sets(&s.exercises);
            let cap = if phase == Phase::Taper {
                sets / 2
            } else {
                deload_cap(sets)
            };
            strength::cut_lower_sets(&mut s.exercises, cap.max(1));
            s.minutes = strength_minutes(s.kind, &s.exercises, phase);
            s.date = date_of(0);
            let why = vec![if phase == Phase::Taper {
                "R-TAPER-A: one session at about half the sets, same load, ≥ 7 days before the race"
                    .to_string()
            } else {
                format!(
                    "R-DELOAD: last loading week's {} with about 60 % of the sets, same loads",
                    s.kind.name()
                )
            }];
            strength_sessions.push((rank, s, why, 0));
        }
    }
    // Each exercise of the last loading week, as R-OVERLOAD reads a week.
    let last_week = ex_weeks(
        st.last_loading_strength
            .iter()
            .flat_map(|(_, s, _)| s.exercises.iter()),
    );
    // Microdoses keep their ~9 sets (R-MICRO 6–12 a day): the week's volume limits are met by
    // the number of doses instead (R-DELOAD ≤ 60 %, R-OVERLOAD ≤ +25 % and no more sets of an
    // exercise than the last loading week).
    if strength_sessions.iter().any(|x| x.1.kind == Kind::StrMicro)
        && let Some(last) = st.last_loading_lower_sets
    {
        let cap = if w.loading() {
            (f64::from(last) * 1.25).floor() as u16
        } else {
            deload_cap(last)
        };
        loop {
            let lower = lower_total(&strength_sessions);
            let now = ex_weeks(strength_sessions.iter().flat_map(|x| x.1.exercises.iter()));
            let more_sets = w.loading()
                && now
                    .iter()
                    .any(|(id, n)| last_week.get(id).is_some_and(|p| n.sets > p.sets));
            if lower <= cap && !more_sets {
                break;
            }
            let micros = strength_sessions
                .iter()
                .filter(|x| x.1.kind == Kind::StrMicro)
                .count();
            match strength_sessions
                .iter()
                .rposition(|x| x.1.kind == Kind::StrMicro)
            {
                // In season the last dose becomes a short heavy lift (R-INSEASON).
                Some(i) if micros == 1 && w.in_season && cap >= 1 => {
                    if !short_heavy(&mut strength_sessions[i], cap, phase) {
                        strength_sessions.remove(i);
                    }
                    break;
                }
                Some(i) => {
                    strength_sessions.remove(i);
                }
                None => break,
            }
        }
    }
    // R-OVERLOAD: no progression outside loading weeks. Every exercise the last loading week
    // held keeps at most its weekly sets, reps, load and effort.
    if !w.loading() && !st.last_loading_strength.is_empty() {
        let mut used: std::collections::HashMap<runlift_model::library::ExId, u16> =
            std::collections::HashMap::new();
        // (a PAP complex keeps its own reps: R-PAP's 5–10 heavy reps and half as many jumps)
        for (_, s, _, _) in strength_sessions
            .iter_mut()
            .filter(|x| x.1.kind != Kind::StrPap)
        {
            for e in s.exercises.iter_mut() {
                let Some(p) = last_week.get(&e.id) else {
                    continue;
                };
                let u = used.entry(e.id).or_insert(0);
                let left = p.sets.saturating_sub(*u).max(1);
                if e.sets > left {
                    if let Some(c) = e.contacts {
                        e.contacts = Some(c * u32::from(left) / u32::from(e.sets));
                    }
                    e.sets = left;
                }
                *u += e.sets;
                if let (Some(a), Some(b)) = (p.reps, e.reps)
                    && b > a
                {
                    e.reps = Some(a);
                }
                p.cap_load(e);
                if let (Some(a), Some(b)) = (p.rir, e.rir)
                    && b < a
                {
                    e.rir = Some(a);
                }
            }
        }
    }
    // R-OVERLOAD / §7 C7: one variable a week per exercise. Load is the one that progresses:
    // sets and reps stay at the last loading week's. A PAP complex keeps its reps (R-PAP's
    // 5–10 heavy reps and half as many jumps), and then its load stays instead.
    if w.loading() && !st.last_loading_strength.is_empty() {
        let count = ex_weeks(strength_sessions.iter().flat_map(|x| x.1.exercises.iter()));
        let block_change = st
            .last_loading_week
            .is_none_or(|(i, ph)| i + 1 != w.index || ph != phase);
        for (id, now) in count {
            let Some(last) = last_week.get(&id) else {
                continue;
            };
            let (total, last_reps) = (now.sets, last.reps.unwrap_or(0));
            let reps_now = strength_sessions
                .iter()
                .flat_map(|(_, s, _, _)| s.exercises.iter())
                .filter(|e| e.id == id)
                .filter_map(|e| e.reps)
                .max()
                .unwrap_or(0);
            // (R-OVERLOAD's test: reps more than 2 apart)
            if block_change && reps_now.abs_diff(last_reps) > 2 {
                continue; // a new rep scheme at a block change is not a progression
            }
            let mut excess = total.saturating_sub(last.sets);
            for (_, s, _, _) in strength_sessions.iter_mut() {
                let pap = s.kind == Kind::StrPap;
                for e in s.exercises.iter_mut().filter(|e| e.id == id) {
                    while excess > 0 && e.sets > 1 {
                        e.sets -= 1;
                        if let Some(c) = e.contacts {
                            e.contacts = Some(c * u32::from(e.sets) / u32::from(e.sets + 1));
                        }
                        excess -= 1;
                    }
                    // (a PAP keeps its reps; its load is held below, with `pap_reps_up`)
                    if !pap && last_reps > 0 && e.reps.is_some_and(|r| r > last_reps) {
                        e.reps = Some(last_reps);
                    }
                }
            }
            // Sets still up with every occurrence at one set (a PAP complex and a heavy session
            // sharing the lift) while the PAP keeps its higher reps: two variables. The lift
            // leaves the other session where a lift of its pattern stays (R-EX-PATTERNS).
            let mut pap_reps_up = last_reps > 0
                && strength_sessions.iter().any(|(_, s, _, _)| {
                    s.kind == Kind::StrPap
                        && s.exercises
                            .iter()
                            .any(|e| e.id == id && e.reps.is_some_and(|r| r > last_reps))
                });
            if excess > 0 && pap_reps_up {
                let ex = id.get();
                for (_, s, _, _) in strength_sessions
                    .iter_mut()
                    .filter(|x| x.1.kind != Kind::StrPap)
                {
                    let same_pattern = s.exercises.iter().any(|e| {
                        let o = e.id.get();
                        e.id != id
                            && o.is(runlift_model::library::ExKind::Strength)
                            && ((ex.knee_dominant && o.knee_dominant) || (ex.hinge && o.hinge))
                    });
                    if excess > 0
                        && same_pattern
                        && let Some(k) = s.exercises.iter().position(|e| e.id == id)
                    {
                        excess = excess.saturating_sub(s.exercises[k].sets);
                        s.exercises.remove(k);
                    }
                }
            }
            // Still a set more with the PAP's higher reps, and no other session can give the
            // lift up (each keeps its hinge and knee-dominant lift, R-EX-PATTERNS): the PAP
            // complex waits for a loading week where it is the only change.
            if excess > 0 && pap_reps_up {
                while let Some(i) = strength_sessions.iter().position(|(_, s, _, _)| {
                    s.kind == Kind::StrPap && s.exercises.iter().any(|e| e.id == id)
                }) {
                    let (_, s, _, _) = strength_sessions.remove(i);
                    let held: u16 = s
                        .exercises
                        .iter()
                        .filter(|e| e.id == id)
                        .map(|e| e.sets)
                        .sum();
                    excess = excess.saturating_sub(held);
                    pap_reps_up = false;
                    let pap_reps = s
                        .exercises
                        .iter()
                        .filter(|e| e.id == id)
                        .filter_map(|e| e.reps)
                        .max()
                        .unwrap_or(0);
                    unbuilt.push(Unbuilt {
                        kind: s.kind,
                        missing: Missing {
                            rule: "R-OVERLOAD",
                            reason: format!(
                                "the PAP complex would add a set of {} to the week and raise its reps ({last_reps} → {pap_reps}): two variables in one week",
                                id.code()
                            ),
                            suggestion: format!(
                                "a second set of {} in the heavy session lets the PAP complex in",
                                id.code()
                            ),
                        },
                    });
                }
            }
            // When the sets (every occurrence already at one) or the PAP's reps are the week's
            // variable, the load stays at the last loading week's everywhere.
            if excess > 0 || pap_reps_up {
                for e in strength_sessions
                    .iter_mut()
                    .flat_map(|x| x.1.exercises.iter_mut())
                    .filter(|e| e.id == id)
                {
                    last.cap_load(e);
                }
            }
        }
    }
    // R-OVERLOAD / §7 C7: weekly lower-body sets at most +25 % over the last loading week.
    if w.loading()
        && let Some(last) = st.last_loading_lower_sets
    {
        // (rounded up to a whole set, as the linter rounds)
        let budget = (f64::from(last) * 1.25 - 1e-9).ceil() as u16;
        fit_lower_sets(&mut strength_sessions, budget);
    }
    // R-TAPER-A: in the taper, and in the seven days before an A race's week (−2), a strength
    // session keeps about half the lower-body sets of a normal session of the last loading week.
    let week_minus_two =
        ctx.calendar.races.iter().any(|r| {
            r.priority == Priority::A && w.monday <= r.day - 7 && w.monday + 6 >= r.day - 13
        });
    if phase == Phase::Taper || week_minus_two {
        let base: Vec<u16> = st
            .last_loading_strength
            .iter()
            .map(|(_, s, _)| strength::lower_sets(&s.exercises))
            .filter(|n| *n > 0)
            .collect();
        let normal =
            (!base.is_empty()).then(|| f64::from(base.iter().sum::<u16>()) / base.len() as f64);
        for (_, s, _, _) in strength_sessions
            .iter_mut()
            .filter(|x| x.1.kind != Kind::StrMicro)
        {
            let own = strength::lower_sets(&s.exercises);
            let cap = (normal.unwrap_or(f64::from(own)) * 0.5).ceil().max(1.0) as u16;
            if own > cap {
                strength::cut_lower_sets(&mut s.exercises, cap);
            }
        }
    }
    // R-PHASE's in-season row: one strength session for a beginner, two for others (the
    // highest-priority ones: the heavy exposure first).
    if w.in_season {
        let max = if lvl == Level::Beginner { 1 } else { 2 };
        let counted = |s: &Session| {
            matches!(
                s.kind,
                Kind::StrHeavy | Kind::StrHyp | Kind::StrPap | Kind::StrLight | Kind::StrIso
            ) && strength::lower_sets(&s.exercises) > 0
        };
        let mut order: Vec<usize> = (0..strength_sessions.len()).collect();
        order.sort_by_key(|&i| strength_sessions[i].0);
        let keep: Vec<usize> = order
            .into_iter()
            .filter(|&i| counted(&strength_sessions[i].1))
            .take(max)
            .collect();
        let mut i = 0;
        strength_sessions.retain(|x| {
            let k = i;
            i += 1;
            !counted(&x.1) || keep.contains(&k)
        });
    }
    // R-INSEASON: an in-season week keeps ≤ 60 % of a preparation week's lower-body sets
    // (the plan's so far, else a typical one); microdoses go whole, others set by set.
    if w.in_season {
        // (the hint is the whole plan's mean from an earlier pass, a little above what the final
        // plan may hold once sessions are left out: 15 % margin; a mean of 0 measures nothing)
        // (the smallest of the estimates at hand: the cap only has to hold)
        let typical = if lvl == Level::Advanced { 28.0 } else { 24.0 };
        let so_far = (st.prep_lower.1 > 0 && st.prep_lower.0 > 0.0)
            .then(|| st.prep_lower.0 / f64::from(st.prep_lower.1));
        let hint = st.prep_hint.filter(|h| *h > 0.0).map(|h| h * 0.85);
        let prep = match (hint, so_far) {
            (Some(h), Some(f)) => h.min(f),
            (Some(h), None) => h,
            (None, Some(f)) => f,
            (None, None) => typical,
        };
        let cap = (prep * ctx.config.get("R-INSEASON", "sets_pct") / 100.0 - 1e-9)
            .ceil()
            .max(0.0) as u16;
        loop {
            let total = lower_total(&strength_sessions);
            if total <= cap {
                break;
            }
            match strength_sessions
                .iter()
                .rposition(|x| x.1.kind == Kind::StrMicro)
            {
                Some(i) if strength_sessions.len() > 1 => {
                    strength_sessions.remove(i);
                }
                Some(i) if cap >= 1 => {
                    // Under one dose's sets: one short heavy lift instead (R-MICRO's sets are
                    // for microdoses; R-INSEASON wants the heavy exposure).
                    if !short_heavy(&mut strength_sessions[i], cap, phase) {
                        fit_lower_sets(&mut strength_sessions, cap);
                    }
                    break;
                }
                _ => {
                    // Cut to the cap, but keep the heavy exposure: if the cut takes the heavy
                    // session, it comes back as one or two sets of its knee lift.
                    let heavy = strength_sessions
                        .iter()
                        .find(|x| matches!(x.1.kind, Kind::StrHeavy | Kind::StrPap))
                        .cloned();
                    fit_lower_sets(&mut strength_sessions, cap);
                    let kept = strength_sessions
                        .iter()
                        .any(|x| matches!(x.1.kind, Kind::StrHeavy | Kind::StrPap));
                    if let Some(mut h) = heavy
                        && !kept
                        && cap >= 1
                    {
                        let total = lower_total(&strength_sessions);
                        let room = cap.saturating_sub(total);
                        if room >= 1 && short_heavy(&mut h, room, phase) {
                            strength_sessions.push(h);
                        }
                    }
                    break;
                }
            }
        }
    }
    // R-DELOAD: a deload keeps at most 60 % of the last loading week's lower-body sets.
    if w.deload
        && let Some(last) = st.last_loading_lower_sets
    {
        fit_lower_sets(&mut strength_sessions, deload_cap(last));
    }
    if ctx.high_mileage {
        // R-HIGHMILE: at most 90 min of strength a week (STR_UC and MOB are not counted, as the
        // linter counts): shorten the counted sessions in proportion, in 5-minute steps.
        let counted = |k: Kind| k.is_strength() && k != Kind::StrUc;
        let total: u32 = strength_sessions
            .iter()
            .filter(|(_, s, _, _)| counted(s.kind))
            .map(|(_, s, _, _)| u32::from(s.minutes))
            .sum();
        // ≤ 10 lower-body working sets a session.
        for (_, s, _, _) in strength_sessions.iter_mut() {
            strength::cut_lower_sets(&mut s.exercises, 10);
        }
        // (90 minutes a full week; a short week's share, as the linter scales it)
        let cap = 90 * (w.days_held().max(0) as u32) / 7;
        if total > cap {
            for (_, s, _, _) in strength_sessions
                .iter_mut()
                .filter(|(_, s, _, _)| counted(s.kind))
            {
                let m = u32::from(s.minutes) * cap / total;
                s.minutes = ((m / 5) * 5).max(15) as u16;
            }
        }
        // A week too short for even one 15-minute session under that share has none.
        while strength_sessions
            .iter()
            .filter(|(_, s, _, _)| counted(s.kind))
            .map(|(_, s, _, _)| u32::from(s.minutes))
            .sum::<u32>()
            * 7
            > 90 * (w.days_held().max(0) as u32)
        {
            let Some(i) = strength_sessions
                .iter()
                .rposition(|(_, s, _, _)| counted(s.kind))
            else {
                break;
            };
            let (_, s, _, _) = strength_sessions.remove(i);
            unbuilt.push(Unbuilt {
                kind: s.kind,
                missing: Missing {
                    rule: "R-HIGHMILE",
                    reason: format!(
                        "at high mileage strength is at most 90 min a week; this week's {} day(s) leave {:.0} min, under one {}-min session",
                        w.days_held(),
                        90.0 * f64::from(w.days_held()) / 7.0,
                        s.minutes
                    ),
                    suggestion: "nothing to change: the next full week lifts as planned".into(),
                },
            });
        }
    }
    if test_due && !begin && w.gov == runlift_rules::phases::Gov::Phase {
        wall_sit_test(ctx, st, &mut strength_sessions);
    }
    out.extend(strength_sessions);
    // ---- demands
    let env = ItemEnv::new(ctx.profile.lifting, &ctx.config);
    let mut specs: Vec<Spec> = out
        .into_iter()
        .enumerate()
        .map(|(k, (rank, s, why, group))| {
            let facts = exercise_facts(&s, &|id| ctx.one_rm(id));
            let item = Item::new(k as u32, 0, 0, &s, &facts, env);
            let mut allowed_mask = allowed(ctx, w, &item, s.minutes);
            if let Some(end) = begin_end
                && s.kind.is_strength()
            {
                for slot in 0..SLOTS {
                    if w.monday + (slot / 2) as i32 >= end {
                        allowed_mask &= !(1 << slot);
                    }
                }
            }
            for l in day_limits.iter().filter(|l| l.index == k) {
                for slot in 0..SLOTS {
                    let day = w.monday + (slot / 2) as i32;
                    if day < l.first || day > l.last {
                        allowed_mask &= !(1 << slot);
                    }
                }
            }
            let mut ignore = false;
            if s.kind == Kind::RunRace {
                let day = s_day_of_race(w, k);
                allowed_mask = day.map_or(0, |d| 1u16 << (2 * (d - w.monday) as usize));
                ignore = true;
            }
            let min_minutes = match s.kind {
                Kind::RunEasy | Kind::RunRec => 20.min(s.minutes),
                Kind::RunLong => (s.minutes * 7 / 10).max(30).min(s.minutes),
                _ => s.minutes,
            };
            Spec {
                demand: Demand {
                    rank,
                    kind: s.kind,
                    minutes: s.minutes,
                    min_minutes,
                    allowed: allowed_mask,
                    ignore_capacity: ignore,
                    item,
                    drop_cost: drop_cost(rank, s.minutes),
                    group,
                    fit_mask: u16::MAX,
                },
                session: s,
                why,
            }
        })
        .collect();
    specs.sort_by_key(|s| s.demand.rank);
    (specs, unbuilt)
}

/// R-TEST's wall sit: one hold to failure at 90°, measured in the test week's last lower-body
/// strength session, after its main lifts and before calves and core. Left out where it would
/// break a rule: an injured region, R-HIGHMILE's four exercises or 90 minutes, R-MICRO's 12
/// sets a dose, or a deload's set cap that no other set can make room under (R-DELOAD).
fn wall_sit_test(ctx: &Ctx, st: &State, sessions: &mut [(u8, Session, Vec<String>, u8)]) {
    let Some(ws) = TestKind::WallSit.exercise() else {
        return;
    };
    if !st.chooser.can_do(ws) {
        return;
    }
    let hosts = [
        Kind::StrLight,
        Kind::StrIso,
        Kind::StrHyp,
        Kind::StrHeavy,
        Kind::StrMicro,
    ];
    let total = lower_total(sessions);
    let counted_minutes: u32 = sessions
        .iter()
        .filter(|x| x.1.kind.is_strength() && x.1.kind != Kind::StrUc)
        .map(|x| u32::from(x.1.minutes))
        .sum();
    let Some(i) = sessions.iter().rposition(|x| {
        hosts.contains(&x.1.kind) && strength::lower_sets(&x.1.exercises) > 0 && x.1.test.is_none()
    }) else {
        return;
    };
    let fixed = matches!(sessions[i].1.kind, Kind::StrMicro | Kind::StrIso);
    let host_sets = strength::lower_sets(&sessions[i].1.exercises);
    if ctx.high_mileage
        && (sessions[i].1.exercises.len() >= 4
            || host_sets >= 10
            || (!fixed && counted_minutes + 5 > 90))
    {
        return;
    }
    // (R-MICRO: at most 12 sets a dose, all exercises counted)
    if sessions[i].1.kind == Kind::StrMicro
        && sessions[i].1.exercises.iter().map(|e| e.sets).sum::<u16>() >= 12
    {
        return;
    }
    // R-DELOAD: the hold is one more lower-body set; make room by a set of the host's largest
    // lower-body exercise when the week is at its cap.
    if let Some(last) = st.last_loading_lower_sets
        && total + 1 > deload_cap(last)
    {
        let s = &mut sessions[i].1;
        let Some(x) = s
            .exercises
            .iter_mut()
            .filter(|x| x.sets > 1 && x.id.get().regions.intersects(runlift_model::Regions::LOWER))
            .max_by_key(|x| (!x.id.get().main_lift, x.sets))
        else {
            return;
        };
        x.sets -= 1;
    }
    let (_, s, why, _) = &mut sessions[i];
    let at = s
        .exercises
        .iter()
        .position(|x| {
            let e = x.id.get();
            e.calf()
                || e.is(runlift_model::library::ExKind::Core)
                || e.is(runlift_model::library::ExKind::Mobility)
        })
        .unwrap_or(s.exercises.len());
    let mut rx = strength::rx(ws, 1, None);
    rx.rest_s = Some(120);
    s.exercises.insert(at, rx);
    s.test = Some(TestKind::WallSit);
    if !fixed {
        s.minutes += 5;
    }
    s.title = Some(format!(
        "{} + wall-sit test",
        s.title.as_deref().unwrap_or("Strength")
    ));
    why.push(
        "R-TEST: wall sit at 90° held to failure (record the time), at the end of a deload, six weeks after the last test"
            .into(),
    );
}

/// The day of the k-th session if it is one of the week's races (races come first, in order).
fn s_day_of_race(w: &WeekPlan, k: usize) -> Option<i32> {
    w.races.get(k).map(|r| r.day)
}

fn strength_minutes(kind: Kind, exs: &[runlift_model::plan::ExerciseRx], phase: Phase) -> u16 {
    if phase == Phase::Race {
        return 20;
    }
    match kind {
        Kind::StrMicro | Kind::StrUc | Kind::Mob => 20,
        Kind::StrIso => 20,
        _ => {
            let secs: u32 = exs
                .iter()
                .map(|e| {
                    let work = e.hold_s.unwrap_or(u32::from(e.reps.unwrap_or(8)) * 4);
                    u32::from(e.sets) * (work + e.rest_s.unwrap_or(45))
                })
                .sum();
            let m = (secs / 60 + 10).clamp(25, 75);
            (m.div_ceil(5) * 5) as u16
        }
    }
}

fn strength_title(kind: Kind, exs: &[runlift_model::plan::ExerciseRx]) -> String {
    let names: Vec<&str> = exs
        .iter()
        .filter(|e| e.id.get().main_lift || e.id.get().is_plyo())
        .take(2)
        .map(|e| e.id.code())
        .collect();
    let head = match kind {
        Kind::StrHeavy => "Heavy strength",
        Kind::StrHyp => "Strength (hypertrophy)",
        Kind::StrLight => "Light strength",
        Kind::StrIso => "Isometrics",
        Kind::StrPlyo => "Plyometrics",
        Kind::StrPap => "PAP complex",
        Kind::StrMicro => "Microdose",
        Kind::StrUc => "Upper body + core",
        _ => "Mobility",
    };
    if names.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {}", names.join(", "))
    }
}

fn strength_reason(ctx: &Ctx, phase: Phase, kind: Kind, deload: bool) -> String {
    let lvl = ctx.level;
    let base = match kind {
        Kind::StrMicro => {
            "R-MICRO: microdosing spreads the week's sets over short daily doses".to_string()
        }
        Kind::StrUc => "Upper body and core, an easy add-on (§4.4 example week)".to_string(),
        Kind::Mob => "Transition: mobility only (§4.3)".to_string(),
        _ if phase == Phase::Race => {
            "R-TAPER-A: race week, ≤ 20 min of light work ≥ 48 h before the race".to_string()
        }
        _ if phase == Phase::Taper => {
            "R-TAPER-A: one session at about half the sets, same load, ≥ 7 days before the race"
                .to_string()
        }
        _ => format!("R-STR-FREQ / §4.3 {phase} ({lvl}): {}", kind.name()),
    };
    if deload {
        format!("{base}; R-DELOAD: sets cut to 60 %, load kept")
    } else {
        base
    }
}

/// Cut the week's lower-body sets to `cap`: one set at a time from the session with the most,
/// then whole non-main exercises, then (last) the lowest-priority session with lower-body work.
fn fit_lower_sets(sessions: &mut Vec<(u8, Session, Vec<String>, u8)>, cap: u16) {
    let mut guard = 0;
    while lower_total(sessions) > cap && guard < 400 {
        guard += 1;
        let Some(i) = (0..sessions.len())
            .filter(|&i| strength::lower_sets(&sessions[i].1.exercises) > 0)
            .max_by_key(|&i| strength::lower_sets(&sessions[i].1.exercises))
        else {
            return;
        };
        let s = &mut sessions[i].1;
        let cur = strength::lower_sets(&s.exercises);
        strength::cut_lower_sets(&mut s.exercises, cur - 1);
        if strength::lower_sets(&s.exercises) < cur {
            continue;
        }
        // Every lower-body exercise is at one set and main: drop the lowest-priority session
        // that holds lower-body work (races and runs are not in this list).
        if let Some(j) = (0..sessions.len())
            .filter(|&j| strength::lower_sets(&sessions[j].1.exercises) > 0)
            .max_by_key(|&j| (sessions[j].0, j))
        {
            sessions.remove(j);
        }
    }
}

/// R-DELOAD's cap on a deload's lower-body sets: ⌈0.6 × the loading week's⌉.
fn deload_cap(sets: u16) -> u16 {
    (f64::from(sets) * 0.6 - 1e-9).ceil() as u16
}

/// Turn a microdose into a short heavy lift of its knee or hinge exercise: at most `cap` (and 2)
/// sets of 4 at RIR 3 (≈ 81 % 1RM). False when it holds no lower-body strength exercise.
fn short_heavy(x: &mut (u8, Session, Vec<String>, u8), cap: u16, phase: Phase) -> bool {
    let (rank, sess, why, group) = x;
    *rank = 1; // the week's one heavy exposure (R-INSEASON) outranks all but the races
    let Some(k) = sess.exercises.iter().position(|e| {
        let x = e.id.get();
        x.lower_body() && x.is(runlift_model::library::ExKind::Strength)
    }) else {
        return false;
    };
    let mut e = sess.exercises[k].clone();
    e.sets = cap.clamp(1, 2);
    e.reps = Some(4);
    e.rir = Some(3.0);
    sess.exercises = vec![e];
    sess.kind = Kind::StrHeavy;
    sess.minutes = strength_minutes(Kind::StrHeavy, &sess.exercises, phase);
    sess.title = Some(strength_title(Kind::StrHeavy, &sess.exercises));
    why.push("R-INSEASON: the week's heavy exposure in a few sets, under one microdose's".into());
    *group = 0;
    true
}

/// Lower-body working sets of a week's strength sessions.
fn lower_total(sessions: &[(u8, Session, Vec<String>, u8)]) -> u16 {
    sessions
        .iter()
        .map(|(_, s, _, _)| strength::lower_sets(&s.exercises))
        .sum()
}

/// One exercise over a week as R-OVERLOAD reads it: total sets, most reps, heaviest load (kg,
/// %1RM), least reserve.
#[derive(Clone, Copy, Debug, Default)]
struct ExWeek {
    sets: u16,
    reps: Option<u16>,
    kg: Option<f64>,
    pct: Option<f64>,
    rir: Option<f64>,
}

impl ExWeek {
    /// Keep `e`'s load (kg, %1RM) at most at this week's heaviest (R-OVERLOAD: the load is not
    /// the variable that moves).
    fn cap_load(&self, e: &mut runlift_model::plan::ExerciseRx) {
        if let (Some(a), Some(b)) = (self.kg, e.kg)
            && b > a
        {
            e.kg = Some(a);
        }
        if let (Some(a), Some(b)) = (self.pct, e.pct_1rm)
            && b > a
        {
            e.pct_1rm = Some(a);
        }
    }
}

fn ex_weeks<'a>(
    exs: impl Iterator<Item = &'a runlift_model::plan::ExerciseRx>,
) -> std::collections::BTreeMap<runlift_model::library::ExId, ExWeek> {
    let both = |a: Option<f64>, b: Option<f64>, f: fn(f64, f64) -> f64| match (a, b) {
        (Some(a), Some(b)) => Some(f(a, b)),
        (a, b) => a.or(b),
    };
    let mut out = std::collections::BTreeMap::new();
    for e in exs {
        let x: &mut ExWeek = out.entry(e.id).or_default();
        x.sets += e.sets;
        x.reps = x.reps.max(e.reps);
        x.kg = both(x.kg, e.kg, f64::max);
        x.pct = both(x.pct, e.pct_1rm, f64::max);
        x.rir = both(x.rir, e.rir, f64::min);
    }
    out
}

/// Days of an A race's taper window (R-TAPER-A: 10 before a short race, 14 before a long one,
/// as configured).
pub fn a_taper_days(ctx: &Ctx, r: &RaceDay) -> i32 {
    let key = if r.distance.is_short() {
        "taper_days_short"
    } else {
        "taper_days_long"
    };
    ctx.config.get("R-TAPER-A", key) as i32
}
