//! R-RACE-WEEK (rulebook v2 §8.2): the 7 days before an A or B race keep running — at least
//! max(2, usual runs − 1) runs (beginners 2), the last run ≤ `last_run_days` before the race
//! (ERROR beyond 3 d), a shakeout (15–30 min E + 4–6 strides) on day −1 or −2 and, for A races, a
//! sharpener 3–5 days out. The measure the planner shares (`RaceWeekNeed`, `needs_run`) is here,
//! so that a run the planner would remove asks this rule first.

use runlift_model::Kind;
use runlift_model::profile::{Priority, Slot};
use runlift_model::structure::{self, Amount, Zone};

use crate::ctx::{Ctx, RaceInfo};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::registry::RuleConfig;
use crate::time::{fmt_day, weekday};

pub const RULE: &str = "R-RACE-WEEK";

/// Days before a race that race week covers (days −7 to −1).
pub const WINDOW_DAYS: i32 = 7;

/// The last run is an ERROR when it comes more than this many days before the race.
pub const HARD_LAST_RUN_DAYS: i32 = 3;

/// What race week must hold for one athlete (the rule's parameters with their overrides).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceWeekNeed {
    /// Runs in the 7 days before the race.
    pub min_runs: usize,
    /// The last run at most this many days before the race (a WARN beyond, an ERROR beyond 3).
    pub last_run_days: i32,
}

impl RaceWeekNeed {
    /// max(2, usual runs − 1); beginners 2; never more than the usual week's runs (at least
    /// one). `usual_runs` is the usual week's runs (None: unknown, the floor holds).
    pub fn new(config: &RuleConfig, beginner: bool, usual_runs: Option<f64>) -> RaceWeekNeed {
        let floor = config.get(RULE, "min_runs") as usize;
        let usual = usual_runs.map(|u| u.round().max(1.0) as usize);
        let mut min_runs = if beginner {
            floor
        } else {
            floor.max(usual.unwrap_or(0).saturating_sub(1))
        };
        if let Some(u) = usual {
            min_runs = min_runs.min(u);
        }
        RaceWeekNeed {
            min_runs,
            last_run_days: config.get(RULE, "last_run_days") as i32,
        }
    }
}

/// True when the priority's races have a race week (A and B races; C races are run as training).
pub fn applies(priority: Priority) -> bool {
    matches!(priority, Priority::A | Priority::B)
}

/// True when the run on `day` is one R-RACE-WEEK needs before the race on `race_day`: removing
/// it from `run_days` (the days of the runs in race week, races included, one entry a run) would
/// leave fewer than `need.min_runs` runs, or no run in the last `need.last_run_days` days.
pub fn needs_run(need: RaceWeekNeed, race_day: i32, run_days: &[i32], day: i32) -> bool {
    let inside = |d: i32| d >= race_day - WINDOW_DAYS && d < race_day;
    if !inside(day) {
        return false;
    }
    let n = run_days.iter().filter(|d| inside(**d)).count();
    if n <= need.min_runs {
        return true;
    }
    let close = |d: &i32| inside(*d) && race_day - *d <= need.last_run_days;
    close(&day) && run_days.iter().filter(|d| close(d)).count() <= 1
}

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    for r in ctx.races.iter().filter(|r| applies(r.priority)) {
        if r.day < ctx.first_day || r.day > ctx.last_day {
            continue;
        }
        let week = RaceWeek::of(ctx, r);
        last_run(ctx, r, &week, out);
        run_count(ctx, r, &week, out);
        shakeout(ctx, r, &week, out);
        if r.priority == Priority::A {
            sharpener(ctx, r, &week, out);
        }
    }
}

/// The runs of the 7 days before one race (other races count as runs: they are running).
struct RaceWeek<'c> {
    runs: Vec<&'c Item>,
    /// The first day of the window the plan holds.
    first_held: i32,
    /// Another race lies in the 7 days (the athlete's calendar, raced or left out: its taper and
    /// recovery take the days, so the last run is a WARN and the run count, shakeout and
    /// sharpener are not judged).
    other_race: bool,
    label: String,
}

impl<'c> RaceWeek<'c> {
    fn of(ctx: &'c Ctx, r: &RaceInfo) -> RaceWeek<'c> {
        let lo = r.day - WINDOW_DAYS;
        let runs = ctx
            .items
            .iter()
            .filter(|i| i.day >= lo && i.day < r.day && is_run(i))
            .collect();
        RaceWeek {
            runs,
            first_held: lo.max(ctx.first_day),
            other_race: other_race(ctx, lo, r.day),
            label: label(r),
        }
    }

    fn holds_all(&self, r: &RaceInfo) -> bool {
        self.first_held <= r.day - WINDOW_DAYS
    }
}

/// True when the athlete's calendar has another race in `lo..day`: one the plan holds, or one of
/// the profile's races the plan left out (a crowded calendar, not a plan that forgot to run).
fn other_race(ctx: &Ctx, lo: i32, day: i32) -> bool {
    let inside = |d: i32| d >= lo && d < day;
    ctx.races.iter().any(|o| inside(o.day))
        || ctx.athlete.profile.as_ref().is_some_and(|p| {
            p.races
                .iter()
                .any(|o| inside(crate::time::day_number(o.date)))
        })
}

/// A run as race week counts it: any run but a strides add-on.
fn is_run(it: &Item) -> bool {
    it.has(flag::RUN) && it.kind != Kind::RunStrides
}

fn label(r: &RaceInfo) -> String {
    let p = if r.priority == Priority::A { "A" } else { "B" };
    format!("the {p} race ({}) on {}", r.distance, fmt_day(r.day))
}

/// The usual runs a week: the runs of the last full loading week before race week that holds no
/// A or B race (R-TAPER-A's baseline week), or None when the plan has none.
fn usual_runs(ctx: &Ctx, r: &RaceInfo) -> Option<f64> {
    let w = crate::group_c::baseline_week(ctx, r.day - WINDOW_DAYS)?;
    let n = ctx
        .week_items(&ctx.weeks[w])
        .iter()
        .filter(|i| is_run(i))
        .count();
    Some(n as f64)
}

/// True when the athlete can run on `day` (a slot of at least the shakeout's minutes; without a
/// profile every day can).
fn can_run(ctx: &Ctx, day: i32) -> bool {
    let least = ctx.config.get(RULE, "shakeout_min") as u16;
    ctx.athlete.profile.as_ref().is_none_or(|p| {
        [Slot::Am, Slot::Pm]
            .iter()
            .any(|s| p.availability.minutes(weekday(day), *s).unwrap_or(0) >= least)
    })
}

/// The hard part: a run within 3 days of the race (when availability gives a day there), and
/// within `last_run_days` as a WARN.
fn last_run(ctx: &Ctx, r: &RaceInfo, week: &RaceWeek, out: &mut Out) {
    let need = RaceWeekNeed::new(ctx.config, ctx.athlete.beginner(), None);
    let last = week.runs.last().map(|i| i.day);
    let gap = last.map_or(r.day - week.first_held + 1, |d| r.day - d);
    if gap <= need.last_run_days {
        return;
    }
    // days the plan holds before the race that the athlete could run on, nearest first
    let open: Vec<i32> = (week.first_held.max(r.day - HARD_LAST_RUN_DAYS)..r.day)
        .filter(|d| can_run(ctx, *d))
        .collect();
    if open.is_empty() && last.is_none() {
        return;
    }
    let held_back = held_back(ctx, r);
    let sev = if gap > HARD_LAST_RUN_DAYS
        && !open.is_empty()
        && held_back.is_none()
        && !week.other_race
    {
        Severity::Error
    } else {
        Severity::Warning
    };
    let (days, ids, what) = match week.runs.last() {
        Some(i) => (
            vec![i.day, r.day],
            race_ids(r, &[i.idx]),
            format!("last run {gap} d before"),
        ),
        None => (
            vec![r.day],
            race_ids(r, &[]),
            "no run in the 7 days before".to_string(),
        ),
    };
    let max = if sev == Severity::Error {
        HARD_LAST_RUN_DAYS
    } else {
        need.last_run_days
    };
    let note = held_back.map_or(String::new(), |rule| {
        format!("; the plan held a run back for {rule} and says so")
    });
    let message = format!("{}: {what} (max {max}){note}", week.label);
    let fix = format!(
        "Run a shakeout (15–30 min easy with 4–6 strides) on {} or {}",
        fmt_day(r.day - 2),
        fmt_day(r.day - 1)
    );
    out.add(RULE, sev, &days, &ids, message, fix);
}

/// Rules that only reduce load (§8: they win over the rules that ask for running).
const LOAD_REDUCING: &[&str] = &[
    "R-TAPER-A",
    "R-TAPER-B",
    "R-RUN-RAMP",
    "R-DELOAD",
    "R-INJURY",
];

/// The load-reducing rule for which the plan left a run of the race's 7 days out and said so
/// (a `dropped` run in a week that overlaps them), if any.
fn held_back(ctx: &Ctx, r: &RaceInfo) -> Option<&'static str> {
    ctx.plan.dropped.iter().find_map(|d| {
        let monday = crate::time::day_number(d.week);
        let overlaps = monday < r.day && monday + 6 >= r.day - WINDOW_DAYS;
        let rule = LOAD_REDUCING.iter().find(|id| **id == d.rule)?;
        (overlaps && d.kind.is_run() && d.kind != Kind::RunRace).then_some(*rule)
    })
}

/// At least max(2, usual − 1) runs in the 7 days (beginners 2), when the plan holds all of them.
fn run_count(ctx: &Ctx, r: &RaceInfo, week: &RaceWeek, out: &mut Out) {
    if !week.holds_all(r) || week.other_race {
        return;
    }
    let need = RaceWeekNeed::new(ctx.config, ctx.athlete.beginner(), usual_runs(ctx, r));
    let n = week.runs.len();
    if n >= need.min_runs {
        return;
    }
    let ids: Vec<u32> = week.runs.iter().map(|i| i.idx).collect();
    out.add(
        RULE,
        Severity::Warning,
        &[r.day - WINDOW_DAYS, r.day],
        &race_ids(r, &ids),
        format!(
            "{}: {n} runs in the 7 days before (min {})",
            week.label, need.min_runs
        ),
        "Keep the runs of race week and make them shorter, rather than dropping them".to_string(),
    );
}

/// A shakeout on day −1 or −2: an easy run of 15–30 min with 4–6 strides (in its structure, or
/// a strides add-on the same day). Not judged when the athlete has no slot on either day.
fn shakeout(ctx: &Ctx, r: &RaceInfo, week: &RaceWeek, out: &mut Out) {
    if week.first_held > r.day - 2
        || week.other_race
        || !(r.day - 2..r.day).any(|d| can_run(ctx, d))
    {
        return;
    }
    let (lo, hi) = (
        ctx.config.get(RULE, "shakeout_min") as u16,
        ctx.config.get(RULE, "shakeout_max") as u16,
    );
    let (s_lo, s_hi) = (
        ctx.config.get(RULE, "strides_min") as u32,
        ctx.config.get(RULE, "strides_max") as u32,
    );
    let found = (r.day - 2..r.day).any(|d| {
        let day = ctx.day_items(d);
        let strides: u32 = day.iter().map(|i| strides_of(ctx, i)).sum();
        day.iter().any(|i| {
            matches!(i.kind, Kind::RunEasy | Kind::RunRec)
                && (lo..=hi).contains(&ctx.session(i).minutes)
        }) && (s_lo..=s_hi).contains(&strides)
    });
    if found {
        return;
    }
    out.add(
        RULE,
        Severity::Warning,
        &[r.day - 2, r.day - 1, r.day],
        &race_ids(r, &[]),
        format!(
            "{}: no shakeout ({lo}–{hi} min easy + {s_lo}–{s_hi} strides) on {} or {}",
            week.label,
            fmt_day(r.day - 2),
            fmt_day(r.day - 1)
        ),
        format!(
            "Make a run on {} a short easy run with strides",
            fmt_day(r.day - 1)
        ),
    );
}

/// Strides in one session: repetitions at R of ≤ 40 s or ≤ 200 m; a RUN_STRIDES add-on without
/// a structure counts as 4.
fn strides_of(ctx: &Ctx, it: &Item) -> u32 {
    if !it.has(flag::RUN) {
        return 0;
    }
    let s = ctx.session(it);
    let Some(parsed) = s
        .structure
        .as_deref()
        .and_then(|t| structure::parse(t).ok())
    else {
        return if it.kind == Kind::RunStrides { 4 } else { 0 };
    };
    parsed
        .segments
        .iter()
        .filter(|g| g.zone == Some(Zone::R))
        .filter(|g| match g.amount {
            Amount::Seconds(x) => x <= 40,
            Amount::Metres(x) => x <= 200,
        })
        .map(|g| u32::from(g.repeat))
        .sum()
}

/// An A race's sharpener: a quality run (not a long run, not a race) 3–5 days out. Its paces are
/// R-RACE-PACE's business and its size R-TAPER-A's.
fn sharpener(ctx: &Ctx, r: &RaceInfo, week: &RaceWeek, out: &mut Out) {
    let (near, far) = (
        ctx.config.get(RULE, "sharpener_from") as i32,
        ctx.config.get(RULE, "sharpener_to") as i32,
    );
    if week.first_held > r.day - near || week.other_race {
        return;
    }
    let found = week.runs.iter().any(|i| {
        let d = r.day - i.day;
        d >= near && d <= far && i.has(flag::HI_RUN) && !i.has(flag::RACE)
    });
    if found {
        return;
    }
    out.add(
        RULE,
        Severity::Warning,
        &[r.day - far, r.day - near, r.day],
        &race_ids(r, &[]),
        format!(
            "{}: no sharpener {near}–{far} d before (short reps at race pace)",
            week.label
        ),
        format!(
            "Between {} and {}, run short race-pace reps (5K/10K: 4–6 × 400–1000 m; HM: 2–3 × 8 min; M: 3–5 km at M)",
            fmt_day(r.day - far),
            fmt_day(r.day - near)
        ),
    );
}

fn race_ids(r: &RaceInfo, ids: &[u32]) -> Vec<u32> {
    let mut v = ids.to_vec();
    v.extend(r.session);
    v
}
