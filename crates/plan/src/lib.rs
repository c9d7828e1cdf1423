//! runlift's planner (rulebook §4): from an athlete profile and race calendar to a periodized
//! running + strength plan that keeps every hard rule, places each week's sessions optimally for
//! the soft rules' penalties, prescribes every session and says why each one sits where it does.
//! Pure: values in, values out (no files, clock or IO; the CLI picks the start date).

pub mod adapt;
pub mod calendar;
pub mod explain;
pub mod output;
pub mod paces;
pub mod place;
mod post_race;
mod race_week;
mod repair;
pub mod replan;
pub mod runs;
pub mod strength;
mod taper_window;
pub mod week;

use std::collections::HashMap;

use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::bounds;
use runlift_model::library::ExId;
use runlift_model::plan::{Dropped, Phase, Plan, Session, WeekLabel};
use runlift_model::profile::{Level, Priority, Profile, Slot};
use runlift_model::structure::Paces;
use runlift_rules::item::{Item, flag};
use runlift_rules::pair::{DayFacts, PairParams};
use runlift_rules::time::{DAY_NAMES, date_of, day_number, monday_of};
use runlift_rules::{Report, RuleConfig};

use crate::calendar::{Calendar, WeekPlan};
use crate::paces::VdotSource;
use crate::place::{Block, Demand, Placement, SLOTS, WeekEnv};
use crate::strength::Chooser;

/// How to plan.
#[derive(Clone, Debug)]
pub struct Options {
    /// First day of the plan (the CLI defaults it to next Monday; the profile's `plan_start`
    /// is used when this is None).
    pub start: Option<Date>,
    /// Number of weeks (default: to the last A race plus transition, or 12).
    pub weeks: Option<usize>,
    /// Branch-and-bound node budget per week (BENCHMARKS.md: 10,000 keeps the example plans
    /// and the total penalty of 100,000 within 0.1 %, in about half the time).
    pub node_limit: u64,
    /// Keep each week's placement problem in the result (benchmarks, greedy comparison).
    pub record: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            start: None,
            weeks: None,
            node_limit: 10_000,
            record: false,
        }
    }
}

/// Why a plan cannot be made at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("profile field `{field}`: {message}")]
    Profile { field: String, message: String },
    #[error("no start date: give `plan_start` in the profile or --start")]
    NoStart,
}

/// Everything fixed for the whole plan.
pub struct Ctx<'a> {
    pub profile: &'a Profile,
    pub level: Level,
    pub config: RuleConfig,
    pub params: PairParams,
    pub vdot: f64,
    pub vdot_source: VdotSource,
    pub paces: Paces,
    /// Running minutes a week matching the profile's `weekly_km` at easy pace.
    pub base_minutes: f64,
    pub calendar: Calendar,
    /// R-HIGHMILE applies: the profile's weekly_km ≥ 80, or the plan runs ≥ 80 km in a week.
    pub high_mileage: bool,
    /// R-HARD-SEQ: beginners and athletes of 50 or more keep hard runs apart (its `hours`).
    pub hard_spacing: bool,
    one_rm: HashMap<ExId, f64>,
}

impl Ctx<'_> {
    pub fn one_rm(&self, id: ExId) -> Option<f64> {
        self.one_rm.get(&id).copied()
    }
}

/// What carries from one week to the next.
pub struct State {
    pub chooser: Chooser,
    /// Mesocycle base level of running minutes (grows 5 % per mesocycle, §4.2).
    pub block_level: f64,
    pub last_loading_run: Option<f64>,
    /// The last loading week's running per day held, races included, in minutes and km (what
    /// R-RUN-RAMP compares with), and its placed strength sessions (deload and taper weeks
    /// repeat them with fewer sets: no new exercise, no progression).
    pub last_loading_min_day: Option<f64>,
    pub last_loading_km_day: Option<f64>,
    /// The same without races (R-RUN-RAMP compares training running).
    pub last_loading_train_day: Option<(f64, f64)>,
    /// Kilometres run per weekday of the full loading weeks without an A or B race (Monday's day
    /// number first): the baselines R-TAPER-B measures a cut-back against.
    pub baseline_km: Vec<(i32, [f64; 7])>,
    pub last_loading_strength: Vec<(u8, Session, Vec<String>)>,
    /// Index and phase of the last loading week (a block change resets the rep scheme).
    pub last_loading_week: Option<(usize, Phase)>,
    pub last_loading_lower_sets: Option<u16>,
    /// Weeks with ≥ 2 strength sessions (R-PLYO-GATE, §7 C17) and with plyometrics.
    pub strength_weeks: usize,
    pub plyo_weeks: usize,
    pub weeks_since_test: usize,
    /// Day of the first strength session placed (R-BEGIN's window starts there).
    pub first_strength_day: Option<i32>,
    /// Lower-body sets of the full loading preparation weeks so far (sum, weeks), what
    /// R-INSEASON measures in-season weeks against.
    pub prep_lower: (f64, u32),
    /// The whole plan's mean of those weeks, from an earlier pass.
    pub prep_hint: Option<f64>,
    pub noted_iso_fallback: bool,
    /// Training running of the full loading weeks so far (R-TAPER-A v2 measures a taper against
    /// the mean of the last ones before it).
    pub loading_runs: Vec<week::LoadingRun>,
    /// Running planned so far inside each A race's taper window (`taper_window`).
    pub taper_used: Vec<taper_window::WindowUse>,
    prev_items: Vec<Item>,
    prev_days: [DayFacts; 2],
    last_meso: usize,
}

/// One planned session with the planner's additions (formats.md: `id`, `phase`, `week`, `why`).
#[derive(Clone, Debug)]
pub struct Planned {
    pub session: Session,
    pub id: String,
    pub phase: Phase,
    /// 1-based week number.
    pub week: usize,
    pub why: Vec<String>,
    /// §4.4 placement rank (0 = race … 7 = add-on); repairs drop the highest first.
    pub rank: u8,
}

/// A week's label and totals.
#[derive(Clone, Debug)]
pub struct WeekSummary {
    pub monday: Date,
    pub start: Date,
    pub phase: Phase,
    pub deload: bool,
    /// Loading week number in its mesocycle (0 in a deload).
    pub load_step: usize,
    pub loading_weeks: usize,
    pub run_minutes: u32,
    pub run_km: f64,
    pub strength_sessions: usize,
    pub contacts: u32,
    /// The placement's penalty and whether the search proved it optimal.
    pub penalty: f64,
    pub exact: bool,
    pub nodes: u64,
    /// In season as the linter governs it (R-INSEASON).
    pub in_season: bool,
    /// A full loading preparation week that R-INSEASON measures in-season weeks against.
    pub prep_measure: bool,
}

/// A generated plan.
#[derive(Clone, Debug)]
pub struct GeneratedPlan {
    pub profile: Profile,
    pub vdot: f64,
    pub vdot_source: VdotSource,
    pub paces: Paces,
    pub weeks: Vec<WeekSummary>,
    pub sessions: Vec<Planned>,
    pub dropped: Vec<Dropped>,
    /// The linter's report on the final plan (zero errors by construction).
    pub report: Report,
    /// Each week's placement problem, when `Options::record` is set.
    pub problems: Vec<(WeekEnv, Vec<Demand>)>,
}

impl GeneratedPlan {
    /// The plan as the linter reads it (labels, sessions, dropped; the athlete inline).
    pub fn to_plan(&self) -> Plan {
        Plan {
            athlete: Some(runlift_model::plan::AthleteRef::Inline(Box::new(
                self.profile.clone(),
            ))),
            weeks: self
                .weeks
                .iter()
                .map(|w| WeekLabel {
                    start: w.start,
                    phase: w.phase,
                    deload: w.deload,
                })
                .collect(),
            sessions: self.sessions.iter().map(|p| p.session.clone()).collect(),
            dropped: self.dropped.clone(),
        }
    }
}

/// Plan for a profile.
pub fn plan(profile: &Profile, opts: &Options) -> Result<GeneratedPlan, PlanError> {
    plan_with(profile, opts, place::place)
}

/// Refuse a start, a length or a profile date outside `runlift_model::bounds` before any
/// calendar arithmetic.
fn check_bounds(profile: &Profile, opts: &Options, start: Date) -> Result<(), PlanError> {
    let issue = |field: &str, message: String| PlanError::Profile {
        field: field.to_string(),
        message,
    };
    if let Some(w) = opts.weeks {
        bounds::check_weeks(w).map_err(|m| issue("weeks", m))?;
    }
    match bounds::profile_dates(profile, start)
        .errors
        .into_iter()
        .next()
    {
        Some(i) => Err(issue(&i.field, i.message)),
        None => Ok(()),
    }
}

/// Plan with a given weekly placement function (the optimiser, or `place::greedy` to compare).
pub fn plan_with(
    profile: &Profile,
    opts: &Options,
    placer: fn(&WeekEnv, &[Demand]) -> Placement,
) -> Result<GeneratedPlan, PlanError> {
    if let Some(i) = profile.validate().into_iter().next() {
        return Err(PlanError::Profile {
            field: i.field,
            message: i.message,
        });
    }
    let config = RuleConfig::from_overrides(&profile.rules).map_err(|e| {
        let first = e.into_iter().next();
        PlanError::Profile {
            field: first.as_ref().map_or("rules".into(), |e| e.field.clone()),
            message: first.map_or_else(String::new, |e| e.message),
        }
    })?;
    let start = opts
        .start
        .or(profile.plan_start)
        .ok_or(PlanError::NoStart)?;
    check_bounds(profile, opts, start)?;
    // A plan whose running reaches 80 km a week is high-mileage for R-HIGHMILE even when the
    // profile's weekly_km is lower; R-INSEASON measures in-season weeks against the mean of the
    // plan's preparation weeks, some of which come later. Plan again with what a pass found.
    // Then lint: for a finding the targets missed, leave out the lowest-priority session it
    // names and plan again, so that the weeks after it build on what is really there
    // (`repair::next_ban`). What that cannot clear, the last repair pass drops directly.
    let mut hints = Hints {
        high_mileage: profile.high_mileage(),
        prep_sets: None,
    };
    let mut bans = repair::Bans::default();
    let placer = place::Cached::new(placer);
    let mut gp = plan_once(profile, opts, &placer, &config, start, hints, &bans);
    // Whether the last pass linted clean (then the last resort has nothing to do).
    let mut clean = false;
    for _ in 0..MAX_PASSES {
        let mut again = false;
        if !hints.high_mileage && gp.weeks.iter().any(|w| w.run_km >= 80.0 - 1e-9) {
            hints.high_mileage = true;
            again = true;
        }
        if gp.weeks.iter().any(|w| w.in_season)
            && let Some(mean) = prep_mean(&gp)
            // (only ever lowered: the cap only has to hold, and in-season weeks feed the
            // R-OVERLOAD steps of the preparation weeks after them, so following the mean both
            // ways can go round in a cycle: 9, 36, 18, 9, … sets)
            && hints.prep_sets.is_none_or(|h| mean < h - 0.5)
        {
            hints.prep_sets = Some(mean);
            again = true;
        }
        if !again {
            let report = runlift_rules::check(&gp.to_plan(), Some(profile), &config);
            again = bans.next(&gp, &report, &config);
            if !again {
                clean = report.summary.errors == 0;
                gp.report = report;
                break;
            }
        }
        gp = plan_once(profile, opts, &placer, &config, start, hints, &bans);
    }
    // Out of passes with a left-out session not yet judged: put it back.
    if bans.unjudged() {
        gp = plan_once(profile, opts, &placer, &config, start, hints, &bans);
        clean = false;
    }
    // The last resort drops sessions from the finished plan; the weeks after a drop were planned
    // with it. Plan once more with those sessions left out, then repair what is still left.
    // A repair can change a week that later weeks were measured against (a loading week's
    // running, R-RUN-RAMP), so this goes round until a repair drops nothing.
    if !clean {
        let mut rounds = 0;
        while repair::repair(&mut gp, &config) && rounds < FINAL_ROUNDS && bans.adopt_drops(&gp) {
            gp = plan_once(profile, opts, &placer, &config, start, hints, &bans);
            rounds += 1;
        }
    }
    Ok(gp)
}

/// Planning passes at most after the first (hints, then one left-out session per pass).
const MAX_PASSES: usize = 12;

/// Last-resort rounds at most: repair, then plan again with what it dropped left out.
const FINAL_ROUNDS: usize = 3;

/// What a first pass over the plan tells the next one.
#[derive(Clone, Copy, Debug)]
struct Hints {
    /// R-HIGHMILE applies (the profile's weekly_km, or a week of the plan, reaches 80 km).
    high_mileage: bool,
    /// Mean lower-body sets of the plan's measured preparation weeks (R-INSEASON).
    prep_sets: Option<f64>,
}

/// Mean lower-body sets of the weeks R-INSEASON measures against, as planned.
fn prep_mean(gp: &GeneratedPlan) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u32);
    for (k, _) in gp.weeks.iter().enumerate().filter(|(_, w)| w.prep_measure) {
        sum += gp
            .sessions
            .iter()
            .filter(|p| p.week == k + 1)
            .map(|p| f64::from(strength::lower_sets(&p.session.exercises)))
            .sum::<f64>();
        n += 1;
    }
    (n > 0 && sum > 0.0).then(|| sum / f64::from(n))
}

fn plan_once(
    profile: &Profile,
    opts: &Options,
    placer: &place::Cached,
    config: &RuleConfig,
    start: Date,
    hints: Hints,
    bans: &repair::Bans,
) -> GeneratedPlan {
    let high_mileage = hints.high_mileage;
    let start = day_number(start);
    let level = profile.level();
    let (vdot, vdot_source) = paces::vdot_of(profile);
    let pc = paces::paces_of(vdot);
    let e_mid = pc.e.mid_s_per_km();
    let base_minutes = (profile.weekly_km.max(8.0) * e_mid / 60.0).max(60.0);
    let windows = calendar::Windows {
        a_short: config.get("R-TAPER-A", "taper_days_short") as i32,
        a_long: config.get("R-TAPER-A", "taper_days_long") as i32,
        b: config.get("R-TAPER-B", "days") as i32,
    };
    let loading_weeks = config.get("R-DELOAD", "loading_weeks") as usize;
    let mut calendar = calendar::build(profile, start, opts.weeks, windows, loading_weeks);
    for r in calendar
        .races
        .iter_mut()
        .chain(calendar.weeks.iter_mut().flat_map(|w| w.races.iter_mut()))
    {
        r.minutes = week::race_minutes_at(vdot, r);
    }
    let mut chooser = Chooser::new(profile);
    chooser.high_mileage = high_mileage;
    let one_rm = chooser.one_rm.clone();
    let ctx = Ctx {
        profile,
        level,
        params: PairParams::new(config, level),
        config: config.clone(),
        vdot,
        vdot_source,
        paces: pc,
        base_minutes,
        calendar,
        high_mileage,
        hard_spacing: runlift_rules::hard_runs_spaced(
            level == Level::Beginner,
            profile.age_in(date_of(start).year()),
        ),
        one_rm,
    };
    let mut st = State {
        chooser,
        block_level: base_minutes,
        last_loading_run: None,
        last_loading_min_day: None,
        last_loading_km_day: None,
        last_loading_train_day: None,
        baseline_km: Vec::new(),
        last_loading_strength: Vec::new(),
        last_loading_week: None,
        last_loading_lower_sets: None,
        strength_weeks: 0,
        plyo_weeks: 0,
        weeks_since_test: 0,
        first_strength_day: None,
        prep_lower: (0.0, 0),
        prep_hint: hints.prep_sets,
        noted_iso_fallback: false,
        loading_runs: Vec::new(),
        taper_used: Vec::new(),
        prev_items: Vec::new(),
        prev_days: [DayFacts::default(); 2],
        last_meso: 0,
    };
    let mut sessions: Vec<Planned> = Vec::new();
    let mut dropped: Vec<Dropped> = ctx.calendar.left_out.iter().map(left_out_race).collect();
    let mut weeks: Vec<WeekSummary> = Vec::new();
    let mut problems = Vec::new();
    let cal_weeks = ctx.calendar.weeks.clone();
    for w in &cal_weeks {
        let summary = plan_week(
            &ctx,
            &mut st,
            w,
            opts,
            placer,
            &mut sessions,
            &mut dropped,
            &mut problems,
            bans,
        );
        weeks.push(summary);
    }
    let mut gp = GeneratedPlan {
        profile: profile.clone(),
        vdot,
        vdot_source,
        paces: pc,
        weeks,
        sessions,
        dropped,
        report: Report::default(),
        problems,
    };
    explain::annotate(&mut gp, &ctx);
    gp
}

/// The `[[dropped]]` entry of a race left out of the plan (`calendar::leave_out`).
fn left_out_race(x: &calendar::LeftOut) -> Dropped {
    let (r, k) = (&x.race, &x.kept);
    let (rule, window) = match (r.day < k.day, k.priority) {
        (true, Priority::A) => ("R-TAPER-A", "the A race's taper"),
        (true, _) => ("R-TAPER-B", "the B race's cut-back"),
        (false, _) => ("R-TAPER-B", "its own cut-back"),
    };
    let when = if r.day < k.day { "before" } else { "after" };
    let fmt_day = runlift_rules::time::fmt_day;
    Dropped {
        week: date_of(monday_of(r.day)),
        kind: Kind::RunRace,
        rule: rule.to_string(),
        reason: format!(
            "the {} race ({}) on {} comes {} d {when} the {} race ({}) on {}, inside {window}: racing both spends the freshness the taper is for, so the plan keeps the {} race",
            r.priority,
            r.distance,
            fmt_day(r.day),
            (k.day - r.day).abs(),
            k.priority,
            k.distance,
            fmt_day(k.day),
            k.priority,
        ),
        suggestion: Some(format!(
            "run the {} race on {} as a training run, or choose one more than {} days {when} the {} race",
            r.priority,
            fmt_day(r.day),
            x.days,
            k.priority,
        )),
    }
}

fn held_mask(w: &WeekPlan, end: i32) -> u8 {
    let mut m = 0u8;
    for d in 0..7 {
        let day = w.monday + d;
        if day >= w.first_day && day <= w.last_day && day <= end {
            m |= 1 << d;
        }
    }
    m
}

#[allow(clippy::too_many_arguments)]
fn plan_week(
    ctx: &Ctx,
    st: &mut State,
    w: &WeekPlan,
    opts: &Options,
    placer: &place::Cached,
    sessions: &mut Vec<Planned>,
    dropped: &mut Vec<Dropped>,
    problems: &mut Vec<(WeekEnv, Vec<Demand>)>,
    bans: &repair::Bans,
) -> WeekSummary {
    if w.meso != st.last_meso {
        st.last_meso = w.meso;
        if matches!(w.phase, Phase::Base | Phase::Preparation) && w.index > 0 {
            st.block_level *= 1.05;
        }
    }
    let (mut specs, unbuilt) = week::specs(ctx, st, w);
    let monday_date = date_of(w.monday);
    bans.apply(w.index, monday_date, &mut specs, dropped);
    for u in unbuilt {
        dropped.push(Dropped {
            week: monday_date,
            kind: u.kind,
            rule: u.missing.rule.to_string(),
            reason: u.missing.reason,
            suggestion: (!u.missing.suggestion.is_empty()).then_some(u.missing.suggestion),
        });
    }
    let held = held_mask(w, ctx.calendar.end);
    let mut cap = [0u16; SLOTS];
    for (slot, c) in cap.iter_mut().enumerate() {
        let d = slot / 2;
        if held & (1 << d) == 0 {
            continue;
        }
        let s = if slot.is_multiple_of(2) {
            Slot::Am
        } else {
            Slot::Pm
        };
        *c = ctx.profile.availability.minutes(d, s).unwrap_or(0);
    }
    let held_n = i32::from(held.count_ones() as u8);
    let (hc, rn) = match ctx.level {
        Level::Beginner => (3, 2),
        Level::Intermediate => (4, 1),
        Level::Advanced => (5, 1),
    };
    let env = WeekEnv {
        monday: w.monday,
        cap,
        times: ctx.profile.times,
        params: ctx.params,
        level: ctx.level,
        prev: st
            .prev_items
            .iter()
            .filter(|i| i.day >= w.monday - 4)
            .copied()
            .collect(),
        prev_days: st.prev_days,
        hard_cap: ((hc * held_n + 6) / 7) as u8,
        rest_need: (rn * held_n / 7) as u8,
        held,
        // R-HARD-SEQ's gap without its tolerance: the planner keeps the full hours.
        hi_gap: if ctx.hard_spacing {
            (ctx.config.get("R-HARD-SEQ", "hours") * 60.0) as i32
        } else {
            0
        },
        node_limit: opts.node_limit,
    };
    let mut demands: Vec<Demand> = specs.iter().map(|s| s.demand.clone()).collect();
    place::prepare(&env, &mut demands);
    let pl = placer.place(&env, &demands);
    if opts.record {
        problems.push((env.clone(), demands.clone()));
    }
    let mut week_sessions: Vec<Planned> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let week_no = w.index + 1;
    let mut lost_easy = 0u16;
    for (k, spec) in specs.iter().enumerate() {
        match pl.slots[k] {
            Some((slot, minutes)) => {
                let slot = slot as usize;
                let mut s = spec.session.clone();
                s.date = date_of(w.monday + (slot / 2) as i32);
                s.slot = if slot.is_multiple_of(2) {
                    Slot::Am
                } else {
                    Slot::Pm
                };
                if minutes != s.minutes {
                    represcribe(ctx, &mut s, minutes, w);
                }
                items.push(place::item_at(&env, &spec.demand, slot, minutes));
                week_sessions.push(Planned {
                    session: s,
                    id: String::new(),
                    phase: w.phase,
                    week: week_no,
                    why: spec.why.clone(),
                    rank: spec.demand.rank,
                });
            }
            None => {
                if spec.session.kind == Kind::RunEasy {
                    lost_easy += spec.session.minutes;
                }
                let block = place::why_not(&env, &demands, &pl.slots, k);
                let (rule, reason, suggestion) = describe_drop(ctx, &env, &demands, &pl, k, block);
                dropped.push(Dropped {
                    week: monday_date,
                    kind: spec.session.kind,
                    rule,
                    reason,
                    suggestion,
                });
            }
        }
    }
    refill_easy(ctx, &env, w, &mut week_sessions, lost_easy);
    ramp_trim(ctx, st, w, &mut week_sessions, dropped);
    post_race::trim(ctx, st, w, &mut week_sessions, dropped);
    taper_window::record(ctx, st, w, &week_sessions);
    // (a run the trim removed no longer constrains the next week)
    items.retain(|it| {
        week_sessions.iter().any(|p| {
            let slot = 2 * (day_number(p.session.date) - w.monday) as usize
                + usize::from(p.session.slot == Slot::Pm);
            day_number(p.session.date) == it.day && env.slot_start(slot) == it.start
        })
    });
    // state for the next week
    let run_min: f64 = week_sessions
        .iter()
        .filter(|p| p.session.kind.is_run() && p.session.kind != Kind::RunRace)
        .map(|p| f64::from(p.session.minutes))
        .sum();
    let run_km: f64 = week_sessions
        .iter()
        .filter(|p| p.session.kind.is_run())
        .map(|p| p.session.distance_m.unwrap_or(0.0) / 1000.0)
        .sum();
    let strength_n = week_sessions
        .iter()
        .filter(|p| {
            matches!(
                p.session.kind,
                Kind::StrHeavy | Kind::StrHyp | Kind::StrLight | Kind::StrIso | Kind::StrPap
            )
        })
        .count();
    let micro_n = week_sessions
        .iter()
        .filter(|p| p.session.kind == Kind::StrMicro)
        .count();
    let contacts: u32 = week_sessions
        .iter()
        .flat_map(|p| p.session.exercises.iter())
        .filter_map(|e| e.contacts)
        .sum();
    let lower: u16 = week_sessions
        .iter()
        .map(|p| strength::lower_sets(&p.session.exercises))
        .sum();
    if strength_n >= 2 || micro_n >= 3 {
        st.strength_weeks += 1;
    }
    if week_sessions
        .iter()
        .any(|p| matches!(p.session.kind, Kind::StrPlyo | Kind::StrPap))
    {
        st.plyo_weeks += 1;
    }
    let loading = w.loading();
    // Progression state: each exercise at its heaviest of the week (as R-OVERLOAD reads a week).
    let mut week_rx: Vec<runlift_model::plan::ExerciseRx> = Vec::new();
    for e in week_sessions
        .iter()
        .flat_map(|p| p.session.exercises.iter())
    {
        match week_rx.iter_mut().find(|x| x.id == e.id) {
            Some(x) if e.pct_1rm.unwrap_or(0.0) > x.pct_1rm.unwrap_or(0.0) => *x = e.clone(),
            Some(_) => {}
            None => week_rx.push(e.clone()),
        }
    }
    // R-OVERLOAD's baseline for the weeks after: a loading week, but not one of R-TAPER-A's
    // (the progression state, the +25 % step, the per-exercise clamp and the block change all
    // measure from the last loading week before a taper, as the linter does; group-b.md).
    let baseline = loading && w.gov != runlift_rules::phases::Gov::TaperA;
    strength::progress(&mut st.chooser, &week_rx, baseline);
    if loading
        && w.phase == Phase::Preparation
        && w.gov == runlift_rules::phases::Gov::Phase
        && w.days_held() == 7
    {
        st.prep_lower.0 += f64::from(lower);
        st.prep_lower.1 += 1;
    }
    if loading {
        st.last_loading_run = Some(run_min);
        if baseline && lower > 0 {
            st.last_loading_lower_sets = Some(lower);
        }
    }
    if loading {
        let held = f64::from(w.days_held());
        let all_min: f64 = week_sessions
            .iter()
            .filter(|p| p.session.kind.is_run())
            .map(|p| f64::from(p.session.minutes))
            .sum();
        if all_min > 0.0 {
            st.last_loading_min_day = Some(all_min / held);
            st.last_loading_km_day = Some(run_km / held);
        }
        let train = |f: &dyn Fn(&Session) -> f64| -> f64 {
            week_sessions
                .iter()
                .filter(|p| p.session.kind.is_run() && p.session.kind != Kind::RunRace)
                .map(|p| f(&p.session))
                .sum()
        };
        let train_min = train(&|s| f64::from(s.minutes));
        if w.days_held() == 7 && train_min > 0.0 {
            st.loading_runs.push(week::LoadingRun {
                monday: w.monday,
                a_or_b_race: w
                    .races
                    .iter()
                    .any(|r| matches!(r.priority, Priority::A | Priority::B)),
                runs: train(&|_| 1.0),
                minutes: train_min,
                km: train(&|s| s.distance_m.unwrap_or(0.0) / 1000.0),
            });
        }
        if train_min > 0.0 {
            let train_km = train(&|s| s.distance_m.unwrap_or(0.0) / 1000.0);
            st.last_loading_train_day = Some((train_min / held, train_km / held));
        }
        let strength: Vec<(u8, Session, Vec<String>)> = week_sessions
            .iter()
            .filter(|p| p.session.kind.is_strength() && !p.session.exercises.is_empty())
            .map(|p| (p.rank, p.session.clone(), p.why.clone()))
            .collect();
        if baseline {
            if !strength.is_empty() {
                st.last_loading_strength = strength;
            }
            st.last_loading_week = Some((w.index, w.phase));
        }
    }
    if loading
        && w.days_held() == 7
        && !w
            .races
            .iter()
            .any(|r| matches!(r.priority, Priority::A | Priority::B))
    {
        let mut km = [0.0; 7];
        // (training running: races are not volume for R-TAPER-B either)
        for p in week_sessions
            .iter()
            .filter(|p| p.session.kind.is_run() && p.session.kind != Kind::RunRace)
        {
            let d = (day_number(p.session.date) - w.monday) as usize;
            km[d] += p.session.distance_m.unwrap_or(0.0) / 1000.0;
        }
        st.baseline_km.push((w.monday, km));
    }
    if week_sessions.iter().any(|p| p.session.test.is_some()) {
        st.weeks_since_test = 0;
    } else {
        st.weeks_since_test += 1;
    }
    // items of the last days, and the facts of Saturday and Sunday, for the next week
    items.sort_by_key(|i| i.start);
    if st.first_strength_day.is_none() {
        st.first_strength_day = items
            .iter()
            .filter(|i| i.has(flag::STRENGTH))
            .map(|i| i.day)
            .min();
    }
    let facts_of = |day: i32| {
        let v: Vec<Item> = items.iter().filter(|i| i.day == day).copied().collect();
        DayFacts::of(&v)
    };
    st.prev_days = [facts_of(w.monday + 5), facts_of(w.monday + 6)];
    st.prev_items = items;
    week_sessions.sort_by_key(|p| (p.session.date, p.session.slot));
    sessions.extend(week_sessions);
    WeekSummary {
        monday: monday_date,
        start: date_of(w.first_day),
        phase: w.phase,
        deload: w.deload,
        load_step: w.load_step,
        loading_weeks: ctx.calendar.loading,
        run_minutes: run_min as u32,
        run_km,
        strength_sessions: strength_n,
        contacts,
        penalty: pl.penalty,
        exact: pl.exact,
        nodes: pl.nodes,
        in_season: w.in_season,
        prep_measure: loading
            && w.phase == Phase::Preparation
            && w.gov == runlift_rules::phases::Gov::Phase
            && w.days_held() == 7,
    }
}

/// Rewrite a run's prescription for the minutes its slot gave it.
fn represcribe(ctx: &Ctx, s: &mut Session, minutes: u16, w: &WeekPlan) {
    let strides = s.structure.as_deref().is_some_and(|t| t.contains("@ R"));
    let r = match s.kind {
        Kind::RunEasy | Kind::RunRec => runs::easy(s.kind, minutes, strides, &ctx.paces),
        Kind::RunLong => runs::long(minutes, w.phase, ctx.profile.goal, w.deload, &ctx.paces),
        _ => {
            s.minutes = minutes;
            return;
        }
    };
    s.minutes = r.minutes;
    s.distance_m = Some(r.distance_m);
    s.structure = Some(r.structure);
    s.title = Some(r.title);
}

/// §8.1: the minutes of easy runs the week could not place go to the easy runs it did place,
/// 5 minutes at a time to the shortest, as far as their slots hold and the long run stays the
/// week's longest by R-LONG's margin (the ramp and taper trims still apply after).
fn refill_easy(ctx: &Ctx, env: &WeekEnv, w: &WeekPlan, ws: &mut [Planned], mut lost: u16) {
    let long = ws
        .iter()
        .filter(|p| p.session.kind == Kind::RunLong)
        .map(|p| f64::from(p.session.minutes))
        .fold(f64::NAN, f64::max);
    let most = if long.is_nan() {
        90
    } else {
        (long / LONG_MARGIN) as u16
    };
    while lost >= 5 {
        let Some(p) = ws
            .iter_mut()
            .filter(|p| {
                let slot = 2 * (day_number(p.session.date) - w.monday) as usize
                    + usize::from(p.session.slot == Slot::Pm);
                p.session.kind == Kind::RunEasy
                    && p.session.minutes + 5 <= most.min(env.cap[slot])
                    && !race_week::is_shakeout(ctx, p)
            })
            .min_by_key(|p| p.session.minutes)
        else {
            return;
        };
        let m = p.session.minutes + 5;
        represcribe(ctx, &mut p.session, m, w);
        lost -= 5;
    }
}

/// R-LONG: the long run at least this many times the week's next longest run.
const LONG_MARGIN: f64 = 1.15;

/// R-TAPER-A v2: an A race's week −2 (days −14 to −8) and race week (days −7 to −1) run at
/// most `WEEK2_CAP` and `RACE_WEEK_CAP` of the pre-taper mean, per day held, in minutes and in
/// kilometres: the longest easy or long run is shortened 5 minutes at a time (not below 20).
/// Shorten the longest easy run `span` holds by 5 min (not below 20), else the long run (down to
/// its own floor), else a shakeout to R-RACE-WEEK's shortest; false when none is left to
/// shorten. The trims that cut running over some days go through here.
fn shorten_a_run(
    ctx: &Ctx,
    w: &WeekPlan,
    ws: &mut [Planned],
    span: &dyn Fn(&Planned) -> bool,
) -> bool {
    let mut order: Vec<usize> = (0..ws.len())
        .filter(|&i| {
            let p = &ws[i];
            span(p)
                && matches!(p.session.kind, Kind::RunEasy | Kind::RunRec | Kind::RunLong)
                && p.session.minutes > 20
                && !race_week::is_shakeout(ctx, p)
        })
        .collect();
    // easy runs first (the longest of them), the long run last
    order.sort_by_key(|&i| {
        (
            ws[i].session.kind == Kind::RunLong,
            std::cmp::Reverse(ws[i].session.minutes),
        )
    });
    for i in order {
        // (a long run has a floor of its own: it may not get shorter)
        let was = ws[i].session.clone();
        let m = was.minutes.saturating_sub(5).max(20);
        represcribe(ctx, &mut ws[i].session, m, w);
        if ws[i].session.minutes < was.minutes {
            return true;
        }
        ws[i].session = was;
    }
    ws.iter_mut()
        .any(|p| span(p) && race_week::shorten_shakeout(ctx, p))
}

fn taper_trim(ctx: &Ctx, st: &State, w: &WeekPlan, ws: &mut [Planned]) {
    for r in ctx
        .calendar
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
    {
        let mean = week::pre_taper_mean(ctx, st, week::run_up_start(ctx, r));
        for ((lo, hi), share) in [
            (week::WEEK2, week::WEEK2_CAP),
            (week::RACE_WEEK, week::RACE_WEEK_CAP),
        ] {
            let (lo, hi) = (r.day - lo, r.day - hi);
            let (a, b) = (lo.max(w.first_day), hi.min(w.last_day));
            if a > b {
                continue;
            }
            let part = f64::from(b - a + 1) / 7.0;
            let on = |p: &Planned| {
                let d = day_number(p.session.date);
                d >= a && d <= b && p.session.kind.is_run() && p.session.kind != Kind::RunRace
            };
            for _ in 0..80 {
                let (min, km) = ws.iter().filter(|p| on(p)).fold((0.0, 0.0), |(m, k), p| {
                    (
                        m + f64::from(p.session.minutes),
                        k + p.session.distance_m.unwrap_or(0.0) / 1000.0,
                    )
                });
                if min <= share * mean.minutes * part + 1e-6 && km <= share * mean.km * part + 1e-6
                {
                    break;
                }
                if !shorten_a_run(ctx, w, ws, &on) {
                    break;
                }
            }
        }
    }
}

/// R-RUN-RAMP: every week's running (minutes and kilometres per day held, races included) at
/// most +10 % over the last loading week: shorten easy runs, then the long run, to fit.
fn ramp_trim(
    ctx: &Ctx,
    st: &State,
    w: &WeekPlan,
    ws: &mut Vec<Planned>,
    dropped: &mut Vec<Dropped>,
) {
    let (Some(last_min), Some(_)) = (st.last_loading_min_day, st.last_loading_km_day) else {
        return;
    };
    let held = f64::from(w.days_held());
    taper_trim(ctx, st, w, ws);
    taper_window::trim(ctx, st, w, ws, dropped);
    // R-TAPER-B: the days before a B race run 20–30 % less than the same weekdays of the last
    // full loading week without an A or B race (this week's share of the window, aiming at 22 %).
    for r in ctx
        .calendar
        .races
        .iter()
        .filter(|r| r.priority == Priority::B)
    {
        let lo = r.day - ctx.config.get("R-TAPER-B", "days") as i32;
        let (a, b) = (lo.max(w.monday), (r.day - 1).min(w.monday + 6));
        if a > b {
            continue;
        }
        let Some((_, base)) = st
            .baseline_km
            .iter()
            .rev()
            .take_while(|(m, _)| *m >= monday_of(lo) - 7 * 8)
            .find(|(m, _)| m + 6 < lo)
        else {
            continue;
        };
        let budget: f64 = (a..=b)
            .map(|d| base[(d - monday_of(d)) as usize])
            .sum::<f64>()
            * 0.78;
        let on = |p: &Planned| {
            let d = day_number(p.session.date);
            d >= a && d <= b && p.session.kind.is_run() && p.session.kind != Kind::RunRace
        };
        for _ in 0..60 {
            let km: f64 = ws
                .iter()
                .filter(|p| on(p))
                .map(|p| p.session.distance_m.unwrap_or(0.0) / 1000.0)
                .sum();
            if km <= budget + 1e-6 {
                break;
            }
            if shorten_a_run(ctx, w, ws, &on) {
                continue;
            }
            let removable =
                |i: usize| on(&ws[i]) && !race_week::keeps(ctx, st, &st.prev_items, ws, i);
            let Some(i) = (0..ws.len())
                .find(|&i| removable(i) && !ws[i].session.kind.is_hi_run())
                .or_else(|| (0..ws.len()).find(|&i| removable(i)))
            else {
                break;
            };
            let p = ws.remove(i);
            dropped.push(Dropped {
                week: date_of(w.monday),
                kind: p.session.kind,
                rule: "R-TAPER-B".to_string(),
                reason: format!(
                    "the days before the B race on {} run 20–30 % less than a normal week",
                    date_of(r.day)
                ),
                suggestion: None,
            });
        }
    }
    for _ in 0..80 {
        let sum = |races: bool, f: &dyn Fn(&Session) -> f64| -> f64 {
            ws.iter()
                .filter(|p| p.session.kind.is_run() && (races || p.session.kind != Kind::RunRace))
                .map(|p| f(&p.session))
                .sum()
        };
        let minutes = |s: &Session| f64::from(s.minutes);
        let kms = |s: &Session| s.distance_m.unwrap_or(0.0) / 1000.0;
        // R-RUN-RAMP: training running (races left out) at most +10 % per day held.
        let ramp_ok = st.last_loading_train_day.is_none_or(|(tm, tk)| {
            sum(false, &minutes) / held <= 1.10 * tm + 1e-6
                && sum(false, &kms) / held <= 1.10 * tk + 1e-6
        });
        // R-DELOAD: a deload cuts all running by 20–30 % (aim at 22 %).
        let deload_ok = !w.deload || sum(true, &minutes) / held <= 0.78 * last_min + 1e-6;
        if ramp_ok && deload_ok {
            return;
        }
        // shorten the longest easy run by 5 min (not below 20), else the long run
        let pick = ws
            .iter_mut()
            .filter(|p| {
                matches!(p.session.kind, Kind::RunEasy | Kind::RunRec)
                    && p.session.minutes > 20
                    && !race_week::is_shakeout(ctx, p)
            })
            .max_by_key(|p| p.session.minutes);
        let pick = match pick {
            Some(p) => Some(p),
            None => ws
                .iter_mut()
                .filter(|p| {
                    p.session.kind == Kind::RunLong
                        && p.session.minutes > if w.deload { 20 } else { 30 }
                })
                .max_by_key(|p| p.session.minutes),
        };
        match pick {
            Some(p) => {
                let m = p.session.minutes.saturating_sub(5).max(20);
                represcribe(ctx, &mut p.session, m, w);
            }
            None => {
                // Nothing left to shorten: the week has one run fewer (an easy run first, then
                // a hard run, the long run last; never a race, nor a run R-RACE-WEEK needs).
                let removable = |i: usize| !race_week::keeps(ctx, st, &st.prev_items, ws, i);
                let pos = ws
                    .iter()
                    .enumerate()
                    .filter(|(i, p)| {
                        matches!(p.session.kind, Kind::RunEasy | Kind::RunRec) && removable(*i)
                    })
                    .max_by_key(|(_, p)| p.session.minutes)
                    .or_else(|| {
                        ws.iter().enumerate().rev().find(|(i, p)| {
                            p.session.kind.is_hi_run()
                                && p.session.kind != Kind::RunRace
                                && removable(*i)
                        })
                    })
                    .or_else(|| {
                        ws.iter()
                            .enumerate()
                            .find(|(i, p)| p.session.kind == Kind::RunLong && removable(*i))
                    })
                    .map(|(i, _)| i);
                let Some(i) = pos else { return };
                let p = ws.remove(i);
                dropped.push(Dropped {
                    week: date_of(w.monday),
                    kind: p.session.kind,
                    rule: "R-RUN-RAMP".to_string(),
                    reason: format!(
                        "the week's running would be more than {} over the last loading week's (per day held)",
                        if w.deload { "78 %" } else { "+10 %" }
                    ),
                    suggestion: Some(
                        "keep the weeks before more even (availability) so that running can build"
                            .to_string(),
                    ),
                });
            }
        }
    }
}

fn slot_name(slot: usize) -> String {
    format!(
        "{} slot on {}",
        if slot.is_multiple_of(2) {
            "an AM"
        } else {
            "a PM"
        },
        DAY_NAMES[slot / 2]
    )
}

fn describe_drop(
    ctx: &Ctx,
    env: &WeekEnv,
    demands: &[Demand],
    pl: &Placement,
    k: usize,
    block: Block,
) -> (String, String, Option<String>) {
    let d = &demands[k];
    let what = d.kind.name();
    // A slot that would take it if it had time.
    let fix_slot = (0..SLOTS).find(|&s| {
        env.held & (1 << (s / 2)) != 0
            && env.cap[s] < d.min_minutes
            && place::would_fit_with_time(env, demands, &pl.slots, k, s)
    });
    let suggestion =
        fix_slot.map(|s| format!("add {} ({} min) to `availability`", slot_name(s), d.minutes));
    let _ = ctx;
    match block {
        Block::Rule(rule) => (
            rule.to_string(),
            format!("no slot for the {what} keeps {rule} with the week's other sessions"),
            suggestion.or_else(|| {
                Some(format!(
                    "free a day for the {what}, or accept fewer sessions"
                ))
            }),
        ),
        Block::Window => (
            "R-TAPER-A".to_string(),
            format!("the {what} falls inside a race's taper or recovery window"),
            suggestion,
        ),
        Block::Capacity | Block::Taken => (
            "R-INPUTS".to_string(),
            format!("no free slot has {} min for the {what}", d.min_minutes),
            suggestion.or_else(|| Some(format!("give a slot at least {} min", d.min_minutes))),
        ),
    }
}

/// Next Monday on or after a day (the CLI's default start).
pub fn next_monday(today: Date) -> Date {
    let n = day_number(today);
    let m = monday_of(n);
    date_of(if m == n { n } else { m + 7 })
}

/// Is an item a hard run? (re-exported for explain)
pub fn is_hard(it: &Item) -> bool {
    it.has(flag::HI_RUN)
}
