//! Group A (separation and day structure) and the same-day parts of R-MICRO and R-PLYO-DAY, as
//! checks on pairs of items and on days. These are the checks the planner runs for every
//! candidate placement, so they take items by reference, report through a callback, and never
//! allocate; the linter turns the same hits into findings with messages.

use runlift_model::profile::Level;

use crate::finding::Severity;
use crate::item::{Item, flag::*};
use crate::registry::RuleConfig;

/// Thresholds of the pair rules in minutes, resolved once from the configuration.
#[derive(Clone, Copy, Debug)]
pub struct PairParams {
    /// R-SEP-24H: gap below this is an error (hours − tolerance).
    pub sep24: i32,
    /// R-SEP-48H: gap below this is a warning or information (hours − tolerance).
    pub sep48: i32,
    pub stack_pref: i32,
    pub stack_floor: i32,
    pub light_gap: i32,
    pub gap_day: i32,
    pub micro_pref: i32,
    pub micro_floor: i32,
    pub beginner: bool,
}

impl PairParams {
    pub fn new(cfg: &RuleConfig, level: Level) -> PairParams {
        let m = |h: f64| (h * 60.0).round() as i32;
        let tol = cfg.get("R-SEP-24H", "tolerance_h");
        PairParams {
            sep24: m(cfg.get("R-SEP-24H", "hours") - tol),
            sep48: m(cfg.get("R-SEP-48H", "hours") - tol),
            stack_pref: m(cfg.get("R-STACK", "hours")),
            stack_floor: 180,
            light_gap: m(cfg.get("R-LIGHT-FIRST", "hours")),
            gap_day: m(cfg.get("R-GAP-DAY", "hours")),
            micro_pref: m(cfg.get("R-MICRO", "hours")),
            micro_floor: 180,
            beginner: level == Level::Beginner,
        }
    }

    /// How far after an item's end a later item can still form a pair hit.
    pub fn window(&self) -> i32 {
        self.sep48.max(self.sep24).max(2 * 1440)
    }
}

/// What a pair hit is about (for the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Overlap,
    TooClose,
    LiftFirst,
    NotLight,
    TooManySets,
    EasyBeforeHeavy,
    LongAfterHeavy,
    LiftAfterLong,
    PlyoWithHeavy,
}

/// A broken pair rule: `a` starts no later than `b`; `gap` = b.start − a.end, `need` the
/// threshold, both in minutes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub rule: &'static str,
    pub severity: Severity,
    pub what: What,
    pub gap: i32,
    pub need: i32,
}

/// Check one ordered pair (`a.start <= b.start`).
#[inline]
pub fn check_pair(a: &Item, b: &Item, p: &PairParams, emit: &mut impl FnMut(Hit)) {
    let gap = b.start - a.end;
    let mut hit = |rule, severity, what, need| {
        emit(Hit {
            rule,
            severity,
            what,
            gap,
            need,
        })
    };
    if gap < 0 {
        hit("R-GAP-DAY", Severity::Error, What::Overlap, 0);
        return;
    }
    let (fa, fb) = (a.flags, b.flags);
    let either = |f: u32| (fa | fb) & f != 0;
    let both_sides = |x: u32, y: u32| (fa & x != 0 && fb & y != 0) || (fa & y != 0 && fb & x != 0);
    if a.day == b.day {
        let run_and_strength = both_sides(HI_RUN, STRENGTH | REST_OK);
        let micro_pair = both_sides(MICRO, RUN);
        if either(HARD) && !either(ADD_ON) && !run_and_strength && !micro_pair && gap < p.gap_day {
            if fa & SHORT_EASY != 0 && fb & STRENGTH != 0 {
                if fb & INT_STR_L != 0 {
                    hit(
                        "R-GAP-DAY",
                        Severity::Info,
                        What::EasyBeforeHeavy,
                        p.gap_day,
                    );
                }
            } else {
                hit("R-GAP-DAY", Severity::Error, What::TooClose, p.gap_day);
            }
        }
        if both_sides(HI_RUN, INT_STR_L) {
            if fa & INT_STR_L != 0 && fb & HI_RUN != 0 {
                hit("R-STACK", Severity::Error, What::LiftFirst, p.stack_floor);
            } else if gap < p.stack_floor {
                hit("R-STACK", Severity::Error, What::TooClose, p.stack_floor);
            } else if gap < p.stack_pref {
                hit("R-STACK", Severity::Warning, What::TooClose, p.stack_pref);
            }
        } else if fb & HI_RUN != 0 && fa & (STRENGTH | REST_OK) != 0 {
            if fa & LIGHT_KIND == 0 {
                hit(
                    "R-LIGHT-FIRST",
                    Severity::Error,
                    What::NotLight,
                    p.light_gap,
                );
            } else if fa & ADD_ON == 0 && gap < p.light_gap {
                hit(
                    "R-LIGHT-FIRST",
                    Severity::Error,
                    What::TooClose,
                    p.light_gap,
                );
            } else if a.lower_sets > 6 || a.hard_lower_sets > 0 {
                hit(
                    "R-LIGHT-FIRST",
                    Severity::Error,
                    What::TooManySets,
                    p.light_gap,
                );
            }
        }
        if micro_pair {
            if gap < p.micro_floor {
                hit("R-MICRO", Severity::Error, What::TooClose, p.micro_floor);
            } else if gap < p.micro_pref {
                hit("R-MICRO", Severity::Warning, What::TooClose, p.micro_pref);
            }
        }
        if both_sides(PLYO, HEAVY_LIFT) {
            hit("R-PLYO-DAY", Severity::Error, What::PlyoWithHeavy, 0);
        }
        if p.beginner && fa & LONG != 0 && fb & INT_STR_L != 0 {
            hit(
                "R-LONG-AFTER-HEAVY",
                Severity::Warning,
                What::LiftAfterLong,
                0,
            );
        }
    } else if fa & INT_STR_L != 0 && fb & HI_RUN != 0 {
        if gap < p.sep24 {
            hit("R-SEP-24H", Severity::Error, What::TooClose, p.sep24);
        } else if gap < p.sep48 {
            let sev = if fa & SENSITIVE != 0 {
                Severity::Warning
            } else {
                Severity::Info
            };
            hit("R-SEP-48H", sev, What::TooClose, p.sep48);
        }
    }
    if fa & INT_STR_L != 0 && fb & LONG != 0 && (b.day == a.day + 1 || gap < 1440) {
        hit(
            "R-LONG-AFTER-HEAVY",
            Severity::Error,
            What::LongAfterHeavy,
            1440,
        );
    }
}

/// Checks on a single item.
#[inline]
pub fn check_item(a: &Item, emit: &mut impl FnMut(Hit)) {
    if a.has(PLYO) && a.has(HEAVY_LIFT) {
        emit(Hit {
            rule: "R-PLYO-DAY",
            severity: Severity::Error,
            what: What::PlyoWithHeavy,
            gap: 0,
            need: 0,
        });
    }
}

/// What a day holds, for the day-sequence rules (R-EASY-AFTER, R-HARD-DAYS, R-GAP-DAY count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayFacts {
    pub hard: bool,
    pub combined: bool,
    /// No session but MOB (C11).
    pub rest: bool,
    /// Rest, or only RUN_REC / MOB / STR_UC.
    pub recovery: bool,
    /// Sessions that are not add-ons.
    pub main_sessions: u8,
    pub any: bool,
}

impl DayFacts {
    /// Facts of one day's items (sorted by start).
    pub fn of(items: &[Item]) -> DayFacts {
        let mut f = DayFacts {
            rest: true,
            recovery: true,
            ..DayFacts::default()
        };
        let first_hi = items
            .iter()
            .filter(|i| i.has(HI_RUN))
            .map(|i| i.start)
            .min();
        for it in items {
            f.any = true;
            f.hard |= it.has(HARD | LONG);
            f.rest &= it.has(REST_OK);
            f.recovery &= it.has(RECOVERY_OK);
            if !it.has(ADD_ON) {
                f.main_sessions += 1;
            }
            if let Some(hi) = first_hi {
                // A HI_RUN with an INT_STR_L, or with any strength done before it.
                // Upper-body/core work and mobility before the run do not make a combined day.
                let before_hi = it.has(STRENGTH) && it.has(LOWER) && it.start < hi;
                f.combined |= it.has(INT_STR_L) || before_hi;
            }
        }
        f
    }
}
