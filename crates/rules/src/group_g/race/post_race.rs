//! R-POST-RACE v2 (rulebook v2 §8.2, replacing group C's heuristic): after a race, easy-only days
//! (no HI_RUN, no intense lower-body lift) by distance and priority, and the running of the 3 days
//! after a half marathon (≤ 90 min) or a marathon and longer (≤ 60 min, day +1 rest or ≤ 30 min
//! RUN_REC). HM and longer: ERROR; shorter races: WARN. The days are shared with the planner
//! (`easy_days`).

use runlift_model::Kind;
use runlift_model::profile::{Distance, Priority};

use crate::ctx::{Ctx, RaceInfo};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::registry::RuleConfig;
use crate::time::fmt_day;

pub const RULE: &str = "R-POST-RACE";

/// The distance bands the rule names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// Up to 3 km (track races): one easy day at any priority (Daniels: a day per 3 km raced).
    Short,
    K5,
    K10,
    Half,
    Marathon,
    Ultra,
}

impl Band {
    pub fn of(d: Distance) -> Band {
        match d.metres() {
            m if m <= 3_000.0 => Band::Short,
            m if m <= 5_000.0 => Band::K5,
            m if m <= 10_000.0 => Band::K10,
            m if m <= 21_100.0 => Band::Half,
            m if m <= 42_200.0 => Band::Marathon,
            _ => Band::Ultra,
        }
    }

    /// Half marathon and longer: the rule's hard part.
    pub fn hard(self) -> bool {
        matches!(self, Band::Half | Band::Marathon | Band::Ultra)
    }
}

/// Easy-only days after a race (days +1 to +N): A 5K 2, 10K 3, HM `a_half_days`, M
/// `a_marathon_days`, ultra 21; B half of A (rounded up); C 5K/10K 1, HM 3, M 7, ultra 10.
pub fn easy_days(config: &RuleConfig, priority: Priority, distance: Distance) -> i32 {
    let band = Band::of(distance);
    let a = match band {
        Band::Short => 1,
        Band::K5 => 2,
        Band::K10 => 3,
        Band::Half => config.get(RULE, "a_half_days") as i32,
        Band::Marathon => config.get(RULE, "a_marathon_days") as i32,
        Band::Ultra => 21,
    };
    match priority {
        Priority::A => a,
        Priority::B => (a + 1) / 2,
        Priority::C => match band {
            Band::Short | Band::K5 | Band::K10 => 1,
            Band::Half => 3,
            Band::Marathon => 7,
            Band::Ultra => 10,
        },
    }
}

/// The running allowed in the 3 days after a race: (most minutes, day +1's limit), or None for
/// races shorter than a half marathon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AfterCap {
    /// Running minutes in days +1 to +3.
    pub minutes: u16,
    /// Day +1: rest, or at most this many minutes of RUN_REC (None: no limit of its own).
    pub day1_rec: Option<u16>,
}

pub fn after_cap(config: &RuleConfig, distance: Distance) -> Option<AfterCap> {
    match Band::of(distance) {
        Band::Half => Some(AfterCap {
            minutes: config.get(RULE, "half_run_min") as u16,
            day1_rec: None,
        }),
        Band::Marathon | Band::Ultra => Some(AfterCap {
            minutes: config.get(RULE, "marathon_run_min") as u16,
            day1_rec: Some(config.get(RULE, "marathon_day1_rec_min") as u16),
        }),
        _ => None,
    }
}

/// Days after a race the 3-day running cap covers.
pub const CAP_DAYS: i32 = 3;

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    for r in &ctx.races {
        if r.day < ctx.first_day || r.day > ctx.last_day {
            continue;
        }
        easy_only(ctx, r, out);
        running_after(ctx, r, out);
        if r.priority == Priority::A && matches!(Band::of(r.distance), Band::Marathon | Band::Ultra)
        {
            reverse_taper(ctx, r, out);
        }
    }
}

fn severity(r: &RaceInfo) -> Severity {
    if Band::of(r.distance).hard() {
        Severity::Error
    } else {
        Severity::Warning
    }
}

fn label(r: &RaceInfo) -> String {
    let p = match r.priority {
        Priority::A => "A",
        Priority::B => "B",
        Priority::C => "C",
    };
    format!("the {p} race ({}) on {}", r.distance, fmt_day(r.day))
}

/// Items of days `r.day + 1 ..= r.day + n`, not races.
fn after<'c>(ctx: &'c Ctx, r: &RaceInfo, n: i32) -> impl Iterator<Item = &'c Item> + 'c {
    let (lo, hi) = (r.day + 1, r.day + n);
    ctx.items
        .iter()
        .filter(move |i| i.day >= lo && i.day <= hi && i.kind != Kind::RunRace)
}

/// No hard run and no intense lower-body lift in the easy days (another race is the calendar's).
fn easy_only(ctx: &Ctx, r: &RaceInfo, out: &mut Out) {
    let n = easy_days(ctx.config, r.priority, r.distance);
    for it in after(ctx, r, n).filter(|i| i.has(flag::HI_RUN) || i.has(flag::INT_STR_L)) {
        let gap = it.day - r.day;
        let mut ids = vec![it.idx];
        ids.extend(r.session);
        out.add(
            RULE,
            severity(r),
            &[it.day, r.day],
            &ids,
            format!(
                "{} {gap} d after {}, inside its {n} easy days",
                it.kind,
                label(r)
            ),
            format!(
                "Keep {}–{} easy (easy runs, STR_LIGHT); the next hard run or heavy lift from {}",
                fmt_day(r.day + 1),
                fmt_day(r.day + n),
                fmt_day(r.day + n + 1)
            ),
        );
    }
}

/// The running of the 3 days after a half marathon or longer.
fn running_after(ctx: &Ctx, r: &RaceInfo, out: &mut Out) {
    let Some(cap) = after_cap(ctx.config, r.distance) else {
        return;
    };
    let runs: Vec<&Item> = after(ctx, r, CAP_DAYS)
        .filter(|i| i.has(flag::RUN))
        .collect();
    let minutes: u32 = runs.iter().map(|i| u32::from(ctx.session(i).minutes)).sum();
    let mut ids: Vec<u32> = runs.iter().map(|i| i.idx).collect();
    ids.extend(r.session);
    if minutes > u32::from(cap.minutes) {
        out.add(
            RULE,
            severity(r),
            &[r.day, r.day + CAP_DAYS],
            &ids,
            format!(
                "{minutes} min of running in the {CAP_DAYS} days after {} (max {})",
                label(r),
                cap.minutes
            ),
            "Run less in those days: recovery runs, or rest".to_string(),
        );
    }
    let Some(rec) = cap.day1_rec else {
        return;
    };
    let day1: Vec<&&Item> = runs.iter().filter(|i| i.day == r.day + 1).collect();
    let day1_min: u32 = day1.iter().map(|i| u32::from(ctx.session(i).minutes)).sum();
    let all_rec = day1.iter().all(|i| i.kind == Kind::RunRec);
    if day1.is_empty() || (all_rec && day1_min <= u32::from(rec)) {
        return;
    }
    let mut ids: Vec<u32> = day1.iter().map(|i| i.idx).collect();
    ids.extend(r.session);
    out.add(
        RULE,
        severity(r),
        &[r.day, r.day + 1],
        &ids,
        format!(
            "{day1_min} min of running the day after {} (rest, or ≤ {rec} min RUN_REC)",
            label(r)
        ),
        format!(
            "Make {} a rest day or a short recovery run",
            fmt_day(r.day + 1)
        ),
    );
}

/// The 2 weeks after an A marathon (or longer): days +1 to +7 at most `week1_pct`, days +8 to +14
/// at most `week2_pct` of the pre-taper week's running (R-TAPER-A's baseline week: the last full
/// loading week before the taper without an A or B race), on §7 C9's scale. A week the plan does
/// not hold in full is not judged. WARN.
fn reverse_taper(ctx: &Ctx, r: &RaceInfo, out: &mut Out) {
    use crate::group_c::{baseline_week, items_between, run_volume, volumes};
    let taper = ctx.config.get("R-TAPER-A", "taper_days_long") as i32;
    let Some(bw) = baseline_week(ctx, r.day - taper) else {
        return;
    };
    let base = run_volume(ctx, ctx.week_items(&ctx.weeks[bw]), None);
    for (k, pct) in [(0, "week1_pct"), (1, "week2_pct")] {
        let (lo, hi) = (r.day + 1 + 7 * k, r.day + 7 + 7 * k);
        if hi > ctx.last_day {
            return;
        }
        let after = run_volume(ctx, items_between(ctx, lo, hi), None);
        let (b, v, unit) = volumes(&base, &after);
        let share = ctx.config.get(RULE, pct);
        if b <= 0.0 || v <= b * share / 100.0 + 1e-6 {
            continue;
        }
        out.add(
            RULE,
            Severity::Warning,
            &[r.day, lo, hi],
            &r.session.into_iter().collect::<Vec<u32>>(),
            format!(
                "{v:.0} {unit} of running {}–{} after {}: {:.0} % of the pre-taper week's {b:.0} (max {share:.0} %)",
                fmt_day(lo),
                fmt_day(hi),
                label(r),
                100.0 * v / b
            ),
            "Build back gradually after a marathon (reverse taper): shorten the runs of those days"
                .to_string(),
        );
    }
}
