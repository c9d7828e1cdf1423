//! R-RACE-WEEK in the planner (rulebook v2 §8.2): race week keeps running. Every A or B race gets
//! a shakeout on day −1 or −2 (A races in their run-up get it, with the sharpener, from the
//! taper's runs in `week`), and the trims that would remove a run ask the rule first
//! (`runlift_rules::race_week::needs_run`), so race week is shortened, not emptied.

use runlift_model::Kind;
use runlift_model::plan::Session;
use runlift_model::profile::{Level, Slot};
use runlift_rules::RuleConfig;
use runlift_rules::item::{Item, flag};
use runlift_rules::race_week::{self, RaceWeekNeed, WINDOW_DAYS};
use runlift_rules::time::{day_number, fmt_day, weekday};

use crate::calendar::{RaceDay, WeekPlan};
use crate::{Ctx, GeneratedPlan, Planned, State, runs};

/// The A and B races, whose race weeks the rule governs.
fn governed<'c>(ctx: &'c Ctx) -> impl Iterator<Item = &'c RaceDay> + 'c {
    ctx.calendar
        .races
        .iter()
        .filter(|r| race_week::applies(r.priority))
}

/// True when `day` is day −1 or −2 of an A or B race: the shakeout's days.
fn shakeout_day(ctx: &Ctx, day: i32) -> bool {
    governed(ctx).any(|r| day >= r.day - 2 && day < r.day)
}

/// True for a race's shakeout (an easy run of at most the rule's longest shakeout on day −1 or
/// −2): the trims and the easy refill leave it as it is.
pub fn is_shakeout(ctx: &Ctx, p: &Planned) -> bool {
    p.session.kind == Kind::RunEasy
        && f64::from(p.session.minutes) <= ctx.config.get(race_week::RULE, "shakeout_max")
        && shakeout_day(ctx, day_number(p.session.date))
}

/// A shakeout the week must add for an A or B race: the days it may go on.
pub struct ShakeoutNeed<'c> {
    pub race: &'c RaceDay,
    pub first: i32,
    pub last: i32,
}

/// The shakeout's day for a race: day −1, else day −2 when the athlete has no slot for it on day
/// −1, else day −3 (R-RACE-WEEK's hard part: a run within 3 days); None when no day can hold it.
fn shakeout_target(ctx: &Ctx, r: &RaceDay) -> Option<i32> {
    let least = runs::shakeout(20, &ctx.paces).minutes;
    (1..=race_week::HARD_LAST_RUN_DAYS)
        .map(|k| r.day - k)
        .find(|&d| {
            d >= ctx.calendar.start
                && d <= ctx.calendar.end
                && [Slot::Am, Slot::Pm].iter().any(|s| {
                    ctx.profile
                        .availability
                        .minutes(weekday(d), *s)
                        .is_some_and(|m| m >= least)
                })
        })
}

/// The races whose shakeout day this week holds: each needs a shakeout on day −1 or −2 (the
/// days of the two this week holds).
pub fn shakeouts_due<'c>(ctx: &'c Ctx, w: &WeekPlan) -> Vec<ShakeoutNeed<'c>> {
    governed(ctx)
        .filter(|r| !crowded(ctx, r))
        .filter_map(|r| {
            let d = shakeout_target(ctx, r)?;
            (d >= w.first_day && d <= w.last_day).then(|| ShakeoutNeed {
                race: r,
                first: d.min(r.day - 2).max(w.first_day),
                last: (r.day - 1).min(w.last_day),
            })
        })
        .collect()
}

/// True when the athlete's calendar holds another race in the 7 days before `r` (one the plan
/// keeps or one it left out): that race's taper and recovery own the days, and R-RACE-WEEK asks
/// for no shakeout.
fn crowded(ctx: &Ctx, r: &RaceDay) -> bool {
    let inside = |d: i32| d >= r.day - WINDOW_DAYS && d < r.day;
    ctx.calendar.races.iter().any(|o| inside(o.day))
        || ctx.profile.races.iter().any(|o| inside(day_number(o.date)))
}

/// The shakeout session: 15–30 min easy with strides (R-RACE-WEEK's shape), and its reason.
pub fn shakeout(ctx: &Ctx, r: &RaceDay) -> (Session, Vec<String>) {
    let rx = runs::shakeout(20, &ctx.paces);
    let mut s = crate::week::blank(rx.kind, rx.minutes);
    s.distance_m = Some(rx.distance_m);
    s.structure = Some(rx.structure);
    s.title = Some(rx.title);
    let why = vec![format!(
        "R-RACE-WEEK: a shakeout the day or two before the {} race on {} keeps the legs awake",
        r.distance,
        fmt_day(r.day)
    )];
    (s, why)
}

/// The usual runs a week before `r`: the last full loading week without an A or B race that
/// ends before race week (the linter's baseline week), or None.
fn usual_runs(st: &State, r: &RaceDay) -> Option<f64> {
    st.loading_runs
        .iter()
        .rev()
        .find(|l| l.monday + 6 < r.day - WINDOW_DAYS && !l.a_or_b_race)
        .map(|l| l.runs)
}

/// True when removing the run `ws[i]` would break R-RACE-WEEK for some A or B race: too few runs
/// left in its 7 days, or none left in its last days. `prev` are the previous week's items.
pub fn keeps(ctx: &Ctx, st: &State, prev: &[Item], ws: &[Planned], i: usize) -> bool {
    let day = day_number(ws[i].session.date);
    let runs: Vec<i32> = prev
        .iter()
        .filter(|it| it.has(flag::RUN) && counted(it.kind))
        .map(|it| it.day)
        .chain(
            ws.iter()
                .filter(|p| counted(p.session.kind))
                .map(|p| day_number(p.session.date)),
        )
        .collect();
    governed(ctx).any(|r| {
        let need = RaceWeekNeed::new(&ctx.config, ctx.level == Level::Beginner, usual_runs(st, r));
        race_week::needs_run(need, r.day, &runs, day)
    })
}

/// A run R-RACE-WEEK counts (any run but a strides add-on).
fn counted(kind: Kind) -> bool {
    kind.is_run() && kind != Kind::RunStrides
}

/// True when the finished plan's session `i` is a run R-RACE-WEEK needs (its floor of runs, or
/// the last run before an A or B race the plan holds): the repair does not leave it out.
pub fn needed(gp: &GeneratedPlan, config: &RuleConfig, i: usize) -> bool {
    let p = &gp.sessions[i];
    if !counted(p.session.kind) || p.session.kind == Kind::RunRace {
        return false;
    }
    let day = day_number(p.session.date);
    let runs: Vec<i32> = gp
        .sessions
        .iter()
        .filter(|q| counted(q.session.kind))
        .map(|q| day_number(q.session.date))
        .collect();
    let need = RaceWeekNeed::new(config, gp.profile.level() == Level::Beginner, None);
    gp.profile
        .races
        .iter()
        .filter(|r| race_week::applies(r.priority))
        .map(|r| day_number(r.date))
        .filter(|d| {
            gp.sessions
                .iter()
                .any(|q| q.session.kind == Kind::RunRace && day_number(q.session.date) == *d)
        })
        .any(|d| race_week::needs_run(need, d, &runs, day))
}

/// Shorten a shakeout to the rule's shortest (a trim that would otherwise remove a run of race
/// week); false when it is not a shakeout or already that short.
pub fn shorten_shakeout(ctx: &Ctx, p: &mut Planned) -> bool {
    let least = ctx.config.get(race_week::RULE, "shakeout_min") as u16;
    if !is_shakeout(ctx, p) {
        return false;
    }
    let rx = runs::shakeout(least, &ctx.paces);
    if rx.minutes >= p.session.minutes {
        return false;
    }
    p.session.minutes = rx.minutes;
    p.session.distance_m = Some(rx.distance_m);
    p.session.structure = Some(rx.structure);
    p.session.title = Some(rx.title);
    true
}
