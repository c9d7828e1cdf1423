//! The checking context: a plan normalised once (session start times per §7 C1, items sorted by
//! time, calendar weeks with their phases and deloads, races with priorities), shared by every
//! rule so that no rule re-derives it.

use std::collections::HashMap;
use std::ops::Range;

use runlift_model::Kind;
use runlift_model::library::ExId;
use runlift_model::plan::{Phase, Plan, Session, WeekLabel};
use runlift_model::profile::{Distance, Level, Lifting, Priority, Profile, Slot, SlotTimes};

use crate::item::{Item, ItemEnv, exercise_facts, flag};
use crate::phases::{self, RaceAnchor};
use crate::registry::RuleConfig;
use crate::time::{day_number, monday_of};

/// A race the rules know of: from the profile (with its priority) or a RUN_RACE session.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaceInfo {
    pub day: i32,
    pub priority: Priority,
    pub distance: Distance,
    /// The RUN_RACE session on that day, if the plan has one.
    pub session: Option<u32>,
}

/// One calendar week (Monday–Sunday) of the plan.
#[derive(Clone, Debug)]
pub struct Week {
    pub monday: i32,
    /// Days of this week that the plan holds (a short first or last week holds fewer than 7).
    pub first_day: i32,
    pub last_day: i32,
    pub phase: Phase,
    pub deload: bool,
    /// True when the phase came from a `[[week]]` label.
    pub labelled: bool,
    /// Indexes into `Ctx::items` (which is sorted by time, so a week is a range).
    pub items: Range<usize>,
    pub run_minutes: u32,
    pub run_metres: f64,
    /// The share of `run_minutes` and `run_metres` that is racing (RUN_RACE sessions).
    pub race_minutes: u32,
    pub race_metres: f64,
    /// Every run of the week gives `distance_m`.
    pub runs_have_distance: bool,
    pub strength_minutes: u32,
    pub total_minutes: u32,
}

impl Week {
    pub fn days_held(&self) -> i32 {
        self.last_day - self.first_day + 1
    }
    /// A loading week: not a deload, and not taper, race or transition (§7 C7).
    pub fn loading(&self) -> bool {
        !self.deload && !matches!(self.phase, Phase::Taper | Phase::Race | Phase::Transition)
    }
}

/// The athlete facts the rules use, with defaults when a plan comes without a profile.
#[derive(Clone, Debug)]
pub struct Athlete {
    pub level: Level,
    pub lifting: Lifting,
    pub high_mileage: bool,
    pub age: Option<i16>,
    pub microdose: bool,
    /// The profile, when the plan has one.
    pub profile: Option<Profile>,
}

impl Athlete {
    pub fn from_profile(p: Option<&Profile>, year: i16) -> Athlete {
        match p {
            Some(p) => Athlete {
                level: p.level(),
                lifting: p.lifting,
                high_mileage: p.high_mileage(),
                age: p.age_in(year),
                microdose: p.microdose,
                profile: Some(p.clone()),
            },
            // Without a profile the linter assumes an intermediate runner who has lifted for
            // 6–24 months: the middle of every table (docs/rules.md).
            None => Athlete {
                level: Level::Intermediate,
                lifting: Lifting::M6to24,
                high_mileage: false,
                age: None,
                microdose: false,
                profile: None,
            },
        }
    }
    pub fn beginner(&self) -> bool {
        self.level == Level::Beginner
    }
    /// 1RM estimate (Epley) of an exercise from the profile's rep maxes.
    pub fn one_rm(&self, id: ExId) -> Option<f64> {
        let p = self.profile.as_ref()?;
        let l = p.lifts.iter().find(|l| l.exercise == id)?;
        Some(runlift_model::intensity::e1rm_epley(
            l.kg,
            f64::from(l.reps),
        ))
    }
}

/// Everything a rule may read.
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    pub athlete: Athlete,
    pub config: &'a RuleConfig,
    /// One per session, sorted by (start, file index).
    pub items: Vec<Item>,
    /// `pos[file index]` = position in `items`.
    pub pos: Vec<usize>,
    pub weeks: Vec<Week>,
    pub races: Vec<RaceInfo>,
    /// Which rule governs each of `weeks` (§7 C14, `phases::governance`; shared by groups B and C).
    pub gov: Vec<crate::phases::Gov>,
    /// Day numbers of the plan's first and last day.
    pub first_day: i32,
    pub last_day: i32,
}

impl<'a> Ctx<'a> {
    pub fn new(plan: &'a Plan, profile: Option<&Profile>, config: &'a RuleConfig) -> Ctx<'a> {
        let year = plan.sessions.first().map_or(2026, |s| s.date.year());
        let athlete = Athlete::from_profile(profile, year);
        let times = profile.map(|p| p.times).unwrap_or_default();
        let env = ItemEnv::new(athlete.lifting, config);
        let mut items = build_items(&plan.sessions, &times, env, &|id| athlete.one_rm(id));
        items.sort_by_key(|i| (i.start, i.idx));
        let mut pos = vec![0; items.len()];
        for (p, it) in items.iter().enumerate() {
            pos[it.idx as usize] = p;
        }
        let label_days: Vec<i32> = plan.weeks.iter().map(|w| day_number(w.start)).collect();
        let first_day = items
            .iter()
            .map(|i| i.day)
            .chain(label_days.iter().copied())
            .min()
            .unwrap_or(0);
        // A plan runs to the Sunday of its last week (a plan whose last session is on Saturday
        // rests on Sunday); only the first week may be short (§7 C3).
        let last_day = items
            .iter()
            .map(|i| i.day)
            .chain(label_days.iter().copied())
            .max()
            .map_or(0, |d| monday_of(d) + 6);
        let races = collect_races(plan, profile, &items, first_day, last_day);
        let weeks = build_weeks(plan, &items, &races, first_day, last_day, &athlete);
        let gov = {
            let mondays: Vec<i32> = weeks.iter().map(|w| w.monday).collect();
            let phases: Vec<Phase> = weeks.iter().map(|w| w.phase).collect();
            let rs: Vec<(i32, Priority)> = races.iter().map(|r| (r.day, r.priority)).collect();
            crate::phases::governance(&mondays, &phases, &rs, first_day, last_day)
        };
        let mut ctx = Ctx {
            plan,
            athlete,
            config,
            items,
            pos,
            weeks,
            races,
            gov,
            first_day,
            last_day,
        };
        ctx.mark_block_starts();
        ctx
    }

    pub fn session(&self, it: &Item) -> &'a Session {
        &self.plan.sessions[it.idx as usize]
    }

    pub fn week_items(&self, w: &Week) -> &[Item] {
        &self.items[w.items.clone()]
    }

    /// The week holding a day, if the plan covers it.
    pub fn week_of(&self, day: i32) -> Option<usize> {
        let first = self.weeks.first()?.monday;
        let i = (monday_of(day) - first).div_euclid(7);
        (i >= 0 && (i as usize) < self.weeks.len()).then_some(i as usize)
    }

    /// Items of one day (a slice of the time-sorted items).
    pub fn day_items(&self, day: i32) -> &[Item] {
        let lo = self.items.partition_point(|i| i.day < day);
        let hi = self.items.partition_point(|i| i.day <= day);
        &self.items[lo..hi]
    }

    /// R-SEP-48H is a warning in the first two weeks of a block (phase start).
    fn mark_block_starts(&mut self) {
        let mut since_change = 0;
        for w in 0..self.weeks.len() {
            if w > 0 && self.weeks[w].phase != self.weeks[w - 1].phase {
                since_change = 0;
            }
            if since_change < 2 {
                let r = self.weeks[w].items.clone();
                for it in &mut self.items[r] {
                    if it.has(flag::INT_STR_L) {
                        it.flags |= flag::SENSITIVE;
                    }
                }
            }
            since_change += 1;
        }
    }
}

/// Items for the sessions, with start times per §7 C1: a session without `start` begins at its
/// slot's default time, or when the previous session of the same slot (in file order) ends.
pub fn build_items(
    sessions: &[Session],
    times: &SlotTimes,
    env: ItemEnv,
    one_rm: &dyn Fn(ExId) -> Option<f64>,
) -> Vec<Item> {
    let mut out = Vec::with_capacity(sessions.len());
    // (day, slot) → end of the last session placed there without an explicit start.
    let mut cursor: HashMap<(i32, Slot), i32> = HashMap::new();
    for (idx, s) in sessions.iter().enumerate() {
        let day = day_number(s.date);
        let start = match s.start {
            Some(t) => day * 1440 + i32::from(t),
            None => {
                let next = cursor
                    .entry((day, s.slot))
                    .or_insert(day * 1440 + i32::from(times.of(s.slot)));
                let st = *next;
                *next = st + i32::from(s.minutes);
                st
            }
        };
        let facts = exercise_facts(s, one_rm);
        out.push(Item::new(idx as u32, day, start, s, &facts, env));
    }
    out
}

/// Whether the plan's `[[dropped]]` lists a race in the week of `day`.
fn left_out(plan: &Plan, day: i32) -> bool {
    plan.dropped
        .iter()
        .any(|d| d.kind == Kind::RunRace && monday_of(day_number(d.week)) == monday_of(day))
}

fn collect_races(
    plan: &Plan,
    profile: Option<&Profile>,
    items: &[Item],
    first: i32,
    last: i32,
) -> Vec<RaceInfo> {
    let mut races: Vec<RaceInfo> = Vec::new();
    if let Some(p) = profile {
        for r in &p.races {
            let day = day_number(r.date);
            if day < first || day > last + 21 {
                continue;
            }
            let session = items
                .iter()
                .find(|i| i.day == day && i.kind == Kind::RunRace)
                .map(|i| i.idx);
            // A race the plan leaves out and says so (a RUN_RACE in `[[dropped]]` for its
            // week) is not on the athlete's calendar: no taper, no in-season weeks, no recovery
            // for it (docs/rules/group-c.md).
            if session.is_none() && left_out(plan, day) {
                continue;
            }
            races.push(RaceInfo {
                day,
                priority: r.priority,
                distance: r.distance,
                session,
            });
        }
    }
    // A RUN_RACE with no race in the profile is taken as a C race (train through).
    for it in items.iter().filter(|i| i.kind == Kind::RunRace) {
        if !races.iter().any(|r| r.day == it.day) {
            let metres = plan.sessions[it.idx as usize]
                .distance_m
                .unwrap_or(10_000.0);
            races.push(RaceInfo {
                day: it.day,
                priority: Priority::C,
                distance: Distance::Metres(metres),
                session: Some(it.idx),
            });
        }
    }
    races.sort_by_key(|r| r.day);
    races
}

fn build_weeks(
    plan: &Plan,
    items: &[Item],
    races: &[RaceInfo],
    first: i32,
    last: i32,
    athlete: &Athlete,
) -> Vec<Week> {
    if items.is_empty() && plan.weeks.is_empty() {
        return Vec::new();
    }
    let m0 = monday_of(first);
    let n = ((monday_of(last) - m0) / 7 + 1) as usize;
    let mut weeks: Vec<Week> = (0..n)
        .map(|w| {
            let monday = m0 + 7 * w as i32;
            Week {
                monday,
                first_day: monday.max(first),
                last_day: (monday + 6).min(last),
                phase: Phase::Base,
                deload: false,
                labelled: false,
                items: 0..0,
                run_minutes: 0,
                race_minutes: 0,
                race_metres: 0.0,
                run_metres: 0.0,
                runs_have_distance: true,
                strength_minutes: 0,
                total_minutes: 0,
            }
        })
        .collect();
    let mut i = 0;
    for (w, week) in weeks.iter_mut().enumerate() {
        let start = i;
        while i < items.len() && monday_of(items[i].day) == m0 + 7 * w as i32 {
            let it = &items[i];
            let s = &plan.sessions[it.idx as usize];
            let min = u32::from(s.minutes);
            week.total_minutes += min;
            if it.has(flag::RUN) {
                week.run_minutes += min;
                if it.kind == Kind::RunRace {
                    week.race_minutes += min;
                    week.race_metres += s.distance_m.unwrap_or(0.0);
                }
                match s.distance_m {
                    Some(d) => week.run_metres += d,
                    None => week.runs_have_distance = false,
                }
            } else if it.has(flag::STRENGTH) {
                week.strength_minutes += min;
            }
            i += 1;
        }
        week.items = start..i;
    }
    // Phases: labels win; otherwise derived from the races (§4.1) with deloads read from a
    // ≥ 20 % drop in running minutes (§7 C13).
    if plan.weeks.is_empty() {
        let anchors: Vec<RaceAnchor> = races
            .iter()
            .map(|r| RaceAnchor {
                day: r.day,
                priority: r.priority,
                distance: r.distance,
            })
            .collect();
        let mondays: Vec<i32> = weeks.iter().map(|w| w.monday).collect();
        let derived = phases::derive(&mondays, &anchors, athlete.level);
        for (w, ph) in weeks.iter_mut().zip(derived) {
            w.phase = ph;
        }
        for k in 1..weeks.len() {
            let (prev, cur) = (weeks[k - 1].run_minutes, weeks[k].run_minutes);
            let full = weeks[k].days_held() == 7 && weeks[k - 1].days_held() == 7;
            if full && prev > 0 && f64::from(cur) <= 0.8 * f64::from(prev) {
                weeks[k].deload = matches!(
                    weeks[k].phase,
                    Phase::Base | Phase::Preparation | Phase::Peak | Phase::InSeason
                );
            }
        }
    } else {
        let mut labels: Vec<(i32, &WeekLabel)> = plan
            .weeks
            .iter()
            .map(|l| (monday_of(day_number(l.start)), l))
            .collect();
        labels.sort_by_key(|(m, _)| *m);
        // Both lists are in week order: walk them together. A week takes its own label, or the
        // last label before it.
        let mut next = 0;
        let mut current: Option<(i32, &WeekLabel)> = None;
        for w in &mut weeks {
            while next < labels.len() && labels[next].0 <= w.monday {
                current = Some(labels[next]);
                next += 1;
            }
            if let Some((monday, l)) = current {
                w.phase = l.phase;
                w.labelled = monday == w.monday;
                w.deload = w.labelled && l.deload;
            }
        }
    }
    weeks
}
