//! R-TAPER-A's whole window across weeks: the linter judges an A race's taper (10 or 14 days,
//! race day left out) as one span against the last loading week's rate, and that span may start
//! in the week before the run-up's race week. Each week that holds part of it keeps what the
//! weeks before left of the span's budget, minus a reserve for the days still to come, so a
//! lumpy week −2 (its long run and quality session on the window's first days) is trimmed where
//! it is planned instead of emptying race week later.

use runlift_model::Kind;
use runlift_model::plan::{Dropped, Session};
use runlift_model::profile::Priority;
use runlift_rules::time::{date_of, day_number};

use crate::calendar::{RaceDay, WeekPlan};
use crate::{Ctx, Planned, State, race_week, week};

/// The share of the window's usual running the plan keeps at most (the rule's 60 %, with the
/// margin the race-week cap has).
const WINDOW_CAP: f64 = week::RACE_WEEK_CAP;
/// The share each later day of the window keeps in reserve (race week's sharpener and
/// shakeout need about this much; the rule's floor is 40 %).
const LATER_RESERVE: f64 = 0.45;

/// Running already planned inside one A race's taper window by the weeks before this one.
#[derive(Clone, Copy, Debug)]
pub struct WindowUse {
    pub race_day: i32,
    pub minutes: f64,
    pub km: f64,
}

/// An A race's taper window as the linter reads it: its first and last day (race day excluded),
/// and the usual daily running it is measured against.
struct Window {
    first: i32,
    last: i32,
    min_day: f64,
    km_day: f64,
}

impl Window {
    /// The window of `r`, or None when the linter does not judge its volume (another race inside
    /// it, or no full loading week without an A or B race in the eight weeks before it).
    fn of(ctx: &Ctx, st: &State, r: &RaceDay) -> Option<Window> {
        let first = r.day - week::a_taper_days(ctx, r);
        if ctx
            .calendar
            .races
            .iter()
            .any(|o| o.day >= first && o.day < r.day)
        {
            return None;
        }
        let base = st
            .loading_runs
            .iter()
            .rev()
            .filter(|l| l.monday + 6 < first && l.monday >= first - 8 * 7)
            .find(|l| !l.a_or_b_race)?;
        Some(Window {
            first,
            last: r.day - 1,
            min_day: base.minutes / 7.0,
            km_day: base.km / 7.0,
        })
    }
}

fn used(st: &State, race_day: i32) -> (f64, f64) {
    st.taper_used
        .iter()
        .find(|u| u.race_day == race_day)
        .map_or((0.0, 0.0), |u| (u.minutes, u.km))
}

/// Minutes and km of the training runs in `ws` on days `a..=b`.
fn volume(ws: &[Planned], a: i32, b: i32) -> (f64, f64) {
    ws.iter()
        .filter(|p| on(p, a, b))
        .fold((0.0, 0.0), |(m, k), p| {
            (
                m + f64::from(p.session.minutes),
                k + p.session.distance_m.unwrap_or(0.0) / 1000.0,
            )
        })
}

fn on(p: &Planned, a: i32, b: i32) -> bool {
    let d = day_number(p.session.date);
    d >= a && d <= b && p.session.kind.is_run() && p.session.kind != Kind::RunRace
}

/// Trim this week's part of every A race's taper window to what is left of its budget: shorten
/// the easy and long runs (not below 20 min), then leave out runs (easy first, then week −2's
/// quality session, the long run last; never a run R-RACE-WEEK needs).
pub fn trim(
    ctx: &Ctx,
    st: &State,
    w: &WeekPlan,
    ws: &mut Vec<Planned>,
    dropped: &mut Vec<Dropped>,
) {
    for r in ctx
        .calendar
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
    {
        let Some(win) = Window::of(ctx, st, r) else {
            continue;
        };
        let (a, b) = (win.first.max(w.first_day), win.last.min(w.last_day));
        if a > b {
            continue;
        }
        let days = f64::from(win.last - win.first + 1);
        let later = f64::from(win.last - b);
        let (um, uk) = used(st, r.day);
        let cap_min = WINDOW_CAP * win.min_day * days - um - LATER_RESERVE * win.min_day * later;
        let cap_km = WINDOW_CAP * win.km_day * days - uk - LATER_RESERVE * win.km_day * later;
        for _ in 0..80 {
            let (m, k) = volume(ws, a, b);
            if m <= cap_min + 1e-6 && k <= cap_km + 1e-6 {
                break;
            }
            if !crate::shorten_a_run(ctx, w, ws, &|p| on(p, a, b))
                && !leave_out_one(ctx, st, w, r, ws, a, b, dropped)
            {
                break;
            }
        }
    }
}

/// Leave out one run of days `a..=b`: an easy run, then a hard run, the long run last; false
/// when every run left is one R-RACE-WEEK needs.
#[allow(clippy::too_many_arguments)]
fn leave_out_one(
    ctx: &Ctx,
    st: &State,
    w: &WeekPlan,
    r: &RaceDay,
    ws: &mut Vec<Planned>,
    a: i32,
    b: i32,
    dropped: &mut Vec<Dropped>,
) -> bool {
    let removable =
        |i: usize| on(&ws[i], a, b) && !race_week::keeps(ctx, st, &st.prev_items, ws, i);
    let order = |s: &Session| match s.kind {
        Kind::RunEasy | Kind::RunRec | Kind::RunStrides => 0,
        Kind::RunLong => 2,
        _ => 1,
    };
    let Some(i) = (0..ws.len()).filter(|&i| removable(i)).min_by_key(|&i| {
        (
            order(&ws[i].session),
            std::cmp::Reverse(ws[i].session.minutes),
        )
    }) else {
        return false;
    };
    let p = ws.remove(i);
    dropped.push(Dropped {
        week: date_of(w.monday),
        kind: p.session.kind,
        rule: "R-TAPER-A".to_string(),
        reason: format!(
            "the taper before the A race on {} runs 40–60 % less than a normal week over its {} days, and the days before already hold most of it",
            runlift_rules::time::fmt_day(r.day),
            week::a_taper_days(ctx, r)
        ),
        suggestion: Some(
            "spread the runs of the two weeks before the race over more days (availability)"
                .to_string(),
        ),
    });
    true
}

/// Add this week's running inside each A race's taper window to the state (after every trim).
pub fn record(ctx: &Ctx, st: &mut State, w: &WeekPlan, ws: &[Planned]) {
    for r in ctx
        .calendar
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
    {
        let first = r.day - week::a_taper_days(ctx, r);
        let (a, b) = (first.max(w.first_day), (r.day - 1).min(w.last_day));
        if a > b {
            continue;
        }
        let (m, k) = volume(ws, a, b);
        match st.taper_used.iter_mut().find(|u| u.race_day == r.day) {
            Some(u) => {
                u.minutes += m;
                u.km += k;
            }
            None => st.taper_used.push(WindowUse {
                race_day: r.day,
                minutes: m,
                km: k,
            }),
        }
    }
}
