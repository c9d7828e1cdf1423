//! Planned versus done (issue 13): each session done matched to the saved plan's session, and
//! compliance per session and per week in TrainingPeaks' convention.
//!
//! - **Matching.** A done session the athlete linked to a planned one (`planned`) keeps that link.
//!   Then, day by day, done and planned sessions of the same kind family (run, strength, mobility)
//!   pair up by nearest start (a tie goes to the same kind). Then a run done on another day of
//!   the same Monday–Sunday week takes a planned run left over, the same kind first, then the
//!   nearest day: it was moved. Planned sessions left over are missed (or upcoming, from
//!   `today` on); done sessions left over are unplanned.
//! - **Per session.** Runs and mobility compare duration (TrainingPeaks compares the planned
//!   duration first). Strength compares the sets done with the sets planned and, where the plan
//!   gives reps and kg, the volume load `Σ reps × kg`; the worse of the two decides. A strength
//!   session logged without sets falls back to its duration. The ratio, rounded to a whole
//!   percent, is green at 80–120 %, yellow at 50–79 % or 121–150 %, red otherwise.
//! - **Per week.** Minutes done (matched, moved and unplanned) over minutes planned, leaving out
//!   the sessions still upcoming (planned for `today` or later and not done yet), on the same
//!   scale.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::log::{DoneSession, Family, Id};
use runlift_model::planned::PlannedSession;
use runlift_rules::time::{date_of, day_number, monday_of};
use serde::Serialize;

/// How a done session met its planned one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// The athlete linked it.
    Linked,
    /// Same day, same family.
    SameDay,
    /// A run done on another day of the planned session's week.
    Moved,
}

/// One done session matched to one planned session (indices into the slices given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub done: usize,
    pub planned: usize,
    pub how: How,
}

/// What [`match_sessions`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching {
    pub matches: Vec<Match>,
    /// For each done session, its planned session's index.
    pub planned_of: Vec<Option<usize>>,
}

/// Minutes after midnight a done session started, when known.
fn done_start(d: &DoneSession) -> Option<i32> {
    d.start.map(|s| i32::from(s.minute))
}

/// A candidate pair's rank: lower pairs first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    other_kind: bool,
    days_apart: i32,
    minutes_apart: i32,
    done: usize,
    planned: usize,
}

/// Match done sessions to planned ones (see the module's documentation).
pub fn match_sessions(planned: &[PlannedSession], done: &[DoneSession]) -> Matching {
    let mut m = Matching {
        matches: Vec::new(),
        planned_of: vec![None; done.len()],
    };
    let mut taken = vec![false; planned.len()];
    link_explicit(planned, done, &mut m, &mut taken);
    let by_day = |day_key: fn(Date) -> i32| {
        let mut groups: HashMap<(i32, Family), (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, d) in done.iter().enumerate() {
            let f = Family::of(d.effective_kind());
            groups.entry((day_key(d.date), f)).or_default().0.push(i);
        }
        for (j, p) in planned.iter().enumerate() {
            let f = Family::of(p.kind);
            if let Some(g) = groups.get_mut(&(day_key(p.date), f)) {
                g.1.push(j);
            }
        }
        groups
    };
    for ((_, _), (ds, ps)) in sorted(by_day(day_number)) {
        pair_greedy(planned, done, &ds, &ps, How::SameDay, &mut m, &mut taken);
    }
    for ((_, family), (ds, ps)) in sorted(by_day(|d| monday_of(day_number(d)))) {
        if family == Family::Run {
            pair_greedy(planned, done, &ds, &ps, How::Moved, &mut m, &mut taken);
        }
    }
    m.matches.sort_by_key(|x| x.done);
    m
}

fn sorted<K: Ord, V>(h: HashMap<K, V>) -> BTreeMap<K, V> {
    h.into_iter().collect()
}

fn link_explicit(
    planned: &[PlannedSession],
    done: &[DoneSession],
    m: &mut Matching,
    taken: &mut [bool],
) {
    let index: HashMap<&str, usize> = planned
        .iter()
        .enumerate()
        .map(|(j, p)| (p.id.as_str(), j))
        .collect();
    for (i, d) in done.iter().enumerate() {
        let Some(j) = d.planned.as_deref().and_then(|id| index.get(id).copied()) else {
            continue;
        };
        if !taken[j] {
            taken[j] = true;
            m.planned_of[i] = Some(j);
            m.matches.push(Match {
                done: i,
                planned: j,
                how: How::Linked,
            });
        }
    }
}

/// Pair the free sessions of one group, best-ranked pairs first.
fn pair_greedy(
    planned: &[PlannedSession],
    done: &[DoneSession],
    ds: &[usize],
    ps: &[usize],
    how: How,
    m: &mut Matching,
    taken: &mut [bool],
) {
    let mut ranks = Vec::new();
    for &i in ds.iter().filter(|&&i| m.planned_of[i].is_none()) {
        let d = &done[i];
        for &j in ps.iter().filter(|&&j| !taken[j]) {
            let p = &planned[j];
            let days_apart = (day_number(d.date) - day_number(p.date)).abs();
            if how == How::SameDay && days_apart != 0 {
                continue;
            }
            ranks.push(Rank {
                other_kind: d.effective_kind() != p.kind,
                days_apart,
                minutes_apart: done_start(d).map_or(0, |s| (s - i32::from(p.start_min)).abs()),
                done: i,
                planned: j,
            });
        }
    }
    // On the same day the start decides first, the kind breaks ties; a moved run looks for its
    // own kind first, then the nearest day.
    match how {
        How::SameDay => ranks.sort_by_key(|r| (r.minutes_apart, r.other_kind, r.done, r.planned)),
        _ => ranks.sort(),
    }
    for r in ranks {
        if m.planned_of[r.done].is_none() && !taken[r.planned] {
            taken[r.planned] = true;
            m.planned_of[r.done] = Some(r.planned);
            m.matches.push(Match {
                done: r.done,
                planned: r.planned,
                how,
            });
        }
    }
}

/// TrainingPeaks' colours, and the two states without a ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Green,
    Yellow,
    Red,
    /// Planned before `today`, not done.
    Missed,
    /// Done, not planned.
    Unplanned,
    /// Planned for `today` or later, not done yet.
    Upcoming,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Green => "green",
            Status::Yellow => "yellow",
            Status::Red => "red",
            Status::Missed => "missed",
            Status::Unplanned => "unplanned",
            Status::Upcoming => "upcoming",
        }
    }
}

/// Green within ±20 %, yellow at 50–79 % or 121–150 %, red otherwise (the ratio rounded to a
/// whole percent first, as the bands are written).
pub fn status_of(ratio: f64) -> Status {
    let pct = (ratio * 100.0).round();
    if (80.0..=120.0).contains(&pct) {
        Status::Green
    } else if (50.0..=150.0).contains(&pct) {
        Status::Yellow
    } else {
        Status::Red
    }
}

/// What a session's compliance compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Duration,
    /// Sets (and volume load where planned).
    Sets,
}

/// Sets and volume load, planned and done.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SetsCompliance {
    pub planned_sets: u32,
    pub done_sets: u32,
    pub planned_kg: Option<f64>,
    pub done_kg: f64,
}

/// One row of the comparison: a planned session with what was done for it, or a session done
/// without a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionCompliance {
    /// The day it was done, else the day it was planned.
    pub date: Date,
    pub planned: Option<String>,
    pub planned_date: Option<Date>,
    pub planned_kind: Option<Kind>,
    pub planned_minutes: Option<f64>,
    pub done: Option<Id>,
    pub done_kind: Option<Kind>,
    pub done_minutes: Option<f64>,
    pub how: Option<How>,
    pub measure: Option<Measure>,
    /// Done ÷ planned on the measure.
    pub ratio: Option<f64>,
    pub sets: Option<SetsCompliance>,
    pub status: Status,
}

/// Counts of each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub green: u32,
    pub yellow: u32,
    pub red: u32,
    pub missed: u32,
    pub unplanned: u32,
    pub upcoming: u32,
    pub moved: u32,
}

impl Counts {
    fn add(&mut self, s: &SessionCompliance) {
        let n = match s.status {
            Status::Green => &mut self.green,
            Status::Yellow => &mut self.yellow,
            Status::Red => &mut self.red,
            Status::Missed => &mut self.missed,
            Status::Unplanned => &mut self.unplanned,
            Status::Upcoming => &mut self.upcoming,
        };
        *n += 1;
        self.moved += u32::from(s.how == Some(How::Moved));
    }
}

/// One Monday–Sunday week's compliance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekCompliance {
    pub monday: Date,
    /// Minutes planned, upcoming sessions left out (a moved run's in the week it was done).
    pub planned_minutes: f64,
    pub done_minutes: f64,
    pub ratio: Option<f64>,
    /// The week's colour; None when nothing was planned up to `today`.
    pub status: Option<Status>,
    pub counts: Counts,
    pub sessions: Vec<SessionCompliance>,
}

fn sets_compliance(p: &PlannedSession, d: &DoneSession) -> Option<SetsCompliance> {
    if !(Family::of(p.kind) == Family::Strength && p.sets > 0 && !d.sets.is_empty()) {
        return None;
    }
    Some(SetsCompliance {
        planned_sets: p.sets,
        done_sets: d.sets.len() as u32,
        planned_kg: p.volume_kg,
        done_kg: d
            .sets
            .iter()
            .map(|s| f64::from(s.reps) * s.load.kg().unwrap_or(0.0))
            .sum(),
    })
}

/// How far from 1 a ratio is, in the direction that matters for its colour.
fn worse(a: f64, b: f64) -> f64 {
    if (status_of(a), (a - 1.0).abs()) >= (status_of(b), (b - 1.0).abs()) {
        a
    } else {
        b
    }
}

fn matched_row(p: &PlannedSession, d: &DoneSession, how: How) -> SessionCompliance {
    let sets = sets_compliance(p, d);
    let (measure, ratio) = match sets {
        Some(s) => {
            let by_sets = f64::from(s.done_sets) / f64::from(s.planned_sets);
            let ratio = match s.planned_kg {
                Some(kg) => worse(by_sets, s.done_kg / kg),
                None => by_sets,
            };
            (Measure::Sets, ratio)
        }
        None => (Measure::Duration, d.minutes() / p.minutes.max(1.0)),
    };
    SessionCompliance {
        date: d.date,
        planned: Some(p.id.clone()),
        planned_date: Some(p.date),
        planned_kind: Some(p.kind),
        planned_minutes: Some(p.minutes),
        done: Some(d.id.clone()),
        done_kind: Some(d.effective_kind()),
        done_minutes: Some(d.minutes()),
        how: Some(how),
        measure: Some(measure),
        ratio: Some(ratio),
        sets,
        status: status_of(ratio),
    }
}

fn planned_row(p: &PlannedSession, today: Date) -> SessionCompliance {
    SessionCompliance {
        date: p.date,
        planned: Some(p.id.clone()),
        planned_date: Some(p.date),
        planned_kind: Some(p.kind),
        planned_minutes: Some(p.minutes),
        done: None,
        done_kind: None,
        done_minutes: None,
        how: None,
        measure: None,
        ratio: None,
        sets: None,
        status: if p.date >= today {
            Status::Upcoming
        } else {
            Status::Missed
        },
    }
}

fn unplanned_row(d: &DoneSession) -> SessionCompliance {
    SessionCompliance {
        date: d.date,
        planned: None,
        planned_date: None,
        planned_kind: None,
        planned_minutes: None,
        done: Some(d.id.clone()),
        done_kind: Some(d.effective_kind()),
        done_minutes: Some(d.minutes()),
        how: None,
        measure: None,
        ratio: None,
        sets: None,
        status: Status::Unplanned,
    }
}

/// Compliance of every week that has a planned or a done session, in week order; each week's
/// rows by date, then planned start.
pub fn compliance(
    planned: &[PlannedSession],
    done: &[DoneSession],
    today: Date,
) -> Vec<WeekCompliance> {
    let m = match_sessions(planned, done);
    let mut rows: Vec<(i32, i32, SessionCompliance)> =
        Vec::with_capacity(planned.len() + done.len());
    let mut done_for = vec![None; planned.len()];
    for x in &m.matches {
        done_for[x.planned] = Some(*x);
    }
    for (j, p) in planned.iter().enumerate() {
        let row = match done_for[j] {
            Some(x) => matched_row(p, &done[x.done], x.how),
            None => planned_row(p, today),
        };
        rows.push((day_number(row.date), i32::from(p.start_min), row));
    }
    for (i, d) in done.iter().enumerate() {
        if m.planned_of[i].is_none() {
            let start = done_start(d).unwrap_or(0);
            rows.push((day_number(d.date), start, unplanned_row(d)));
        }
    }
    rows.sort_by_key(|(day, start, _)| (*day, *start));
    weeks(rows)
}

fn weeks(rows: Vec<(i32, i32, SessionCompliance)>) -> Vec<WeekCompliance> {
    let mut out: Vec<WeekCompliance> = Vec::new();
    for (day, _, row) in rows {
        let monday = date_of(monday_of(day));
        if out.last().is_none_or(|w| w.monday != monday) {
            out.push(WeekCompliance {
                monday,
                planned_minutes: 0.0,
                done_minutes: 0.0,
                ratio: None,
                status: None,
                counts: Counts::default(),
                sessions: Vec::new(),
            });
        }
        let Some(w) = out.last_mut() else { continue };
        w.counts.add(&row);
        w.done_minutes += row.done_minutes.unwrap_or(0.0);
        if row.status != Status::Upcoming {
            w.planned_minutes += row.planned_minutes.unwrap_or(0.0);
        }
        w.sessions.push(row);
    }
    for w in &mut out {
        if w.planned_minutes > 0.0 {
            let r = w.done_minutes / w.planned_minutes;
            w.ratio = Some(r);
            w.status = Some(status_of(r));
        }
    }
    out
}
