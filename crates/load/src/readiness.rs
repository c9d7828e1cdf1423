//! Readiness: a day's status from wellness, sleep, HRV, resting heart rate, soreness and load,
//! naming the tired system and the rule that fired (rulebook group D and R-SLEEP).
//!
//! - **R-READY** (McLean et al. 2010): wellness sum ≤ `downgrade_sum` or any item ≤ `low_item`
//!   → downgrade today's hard session one step; sum ≤ `rest_sum` → rest or recovery.
//! - **R-SLEEP**: sleep under `hours` on `short_nights` of the last `window_nights` nights →
//!   information, and it feeds R-READY: the sleep item counts at most 2 in the sum.
//! - **R-SORENESS**: soreness ≤ `sore_item` on `sore_days` of the last `window_days` days →
//!   `reduced_days` days (the flag day first) with strength sets −`set_cut_pct` % and no
//!   plyometrics or PAP, then `rebuild_weeks` weeks of rebuild.
//! - **R-LOAD** (information only): EWMA ACWR above 1.5 or below 0.8, weekly monotony above 2.0,
//!   from the rules crate's constants; warnings only after 28 days of history.
//! - HRV below, or resting heart rate above, the normal range names the cardio system
//!   (information under R-READY; it never changes the plan by itself).
//!
//! Parameters come from the rules crate's registry ([`ReadinessParams::from_config`]).
//! Readiness only ever reduces load: [`Action`] is ordered Train < Downgrade < Rest.

use std::fmt::Write as _;

use runlift_rules::RuleConfig;
use runlift_rules::Severity;
use runlift_rules::load::{ACWR_HIGH, ACWR_LOW, HISTORY_DAYS, MONOTONY_MAX};
use runlift_rules::time::fmt_day;
use serde::Serialize;

use crate::baseline::{Baseline, NormalRange, Status, baselines, ln_rmssd};
use crate::daily::{DailyLoad, System};
use crate::input::{ITEM_MAX, InputError, SUM_MAX, Wellness, day_span};
use crate::session::{DAYS_PER_WEEK, SECONDS_PER_HOUR};

/// The sleep item's highest value on a day R-SLEEP flags ("poor" on McLean's 1–5 scale): the
/// way R-SLEEP feeds R-READY (docs/load/readiness.md).
pub const SHORT_SLEEP_ITEM: u8 = 2;

/// The parameters of R-READY, R-SORENESS, R-SLEEP (registry) and R-LOAD (rules constants).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadinessParams {
    pub downgrade_sum: f64,
    pub rest_sum: f64,
    pub low_item: f64,
    pub sore_item: f64,
    pub sore_days: f64,
    pub window_days: f64,
    pub set_cut_pct: f64,
    pub reduced_days: f64,
    pub rebuild_weeks: f64,
    pub sleep_hours: f64,
    pub short_nights: f64,
    pub window_nights: f64,
    pub monotony_max: f64,
    pub acwr_high: f64,
    pub acwr_low: f64,
    pub history_days: u32,
}

impl ReadinessParams {
    /// The athlete's effective values (defaults with overrides) from the rule table.
    pub fn from_config(cfg: &RuleConfig) -> ReadinessParams {
        ReadinessParams {
            downgrade_sum: cfg.get("R-READY", "downgrade_sum"),
            rest_sum: cfg.get("R-READY", "rest_sum"),
            low_item: cfg.get("R-READY", "low_item"),
            sore_item: cfg.get("R-SORENESS", "sore_item"),
            sore_days: cfg.get("R-SORENESS", "sore_days"),
            window_days: cfg.get("R-SORENESS", "window_days"),
            set_cut_pct: cfg.get("R-SORENESS", "set_cut_pct"),
            reduced_days: cfg.get("R-SORENESS", "reduced_days"),
            rebuild_weeks: cfg.get("R-SORENESS", "rebuild_weeks"),
            sleep_hours: cfg.get("R-SLEEP", "hours"),
            short_nights: cfg.get("R-SLEEP", "short_nights"),
            window_nights: cfg.get("R-SLEEP", "window_nights"),
            monotony_max: MONOTONY_MAX,
            acwr_high: ACWR_HIGH,
            acwr_low: ACWR_LOW,
            history_days: HISTORY_DAYS as u32,
        }
    }
}

impl Default for ReadinessParams {
    fn default() -> Self {
        ReadinessParams::from_config(&RuleConfig::default())
    }
}

/// What the day can hold. Ordered: a later rule may only move it right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// As planned.
    Train,
    /// Today's hard session one step down (HEAVY→LIGHT; PLYO/PAP→ISO or skip;
    /// INT/TEMPO→EASY + strides).
    Downgrade,
    /// Rest or recovery.
    Rest,
}

/// Where the day sits in an R-SORENESS block.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "phase")]
pub enum SorenessPhase {
    /// Strength sets cut by `set_cut_pct` %, no plyometrics or PAP, through `until`.
    Reduced {
        flag_day: i32,
        until: i32,
        set_cut_pct: f64,
    },
    /// One R-OVERLOAD step a week back to the plan, through `until`.
    Rebuild { flag_day: i32, until: i32 },
}

/// One rule's finding on the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub rule: &'static str,
    pub severity: Severity,
    /// The system the finding concerns, when it names one.
    pub system: Option<System>,
    pub message: String,
}

/// A day's readiness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readiness {
    pub day: i32,
    /// The wellness sum as logged (None without a row).
    pub wellness_sum: Option<u8>,
    /// The sum R-READY judged (R-SLEEP may lower the sleep item).
    pub counted_sum: Option<u8>,
    pub action: Action,
    /// The systems the evidence names as tired, in [`System`] order.
    pub tired: Vec<System>,
    pub flags: Vec<Flag>,
    pub soreness: Option<SorenessPhase>,
}

/// Readiness of every day from the first to the last day of `wellness` and `loads` (`loads` as
/// [`crate::daily::models`] gives them, one per consecutive day; a later wellness row for the
/// same day replaces an earlier one). Refuses a row with an item outside 1–5 or a non-positive
/// measurement, naming the day and field.
pub fn readiness_days(
    wellness: &[Wellness],
    loads: &[DailyLoad],
    p: &ReadinessParams,
) -> Result<Vec<Readiness>, InputError> {
    for w in wellness {
        w.validate()?;
    }
    let days = wellness
        .iter()
        .map(|w| w.day)
        .chain(loads.iter().map(DailyLoad::day));
    let Some((first, last)) = day_span(days)? else {
        return Ok(Vec::new());
    };
    let n = (last - first + 1) as usize;
    let mut rows: Vec<Option<&Wellness>> = vec![None; n];
    for w in wellness {
        rows[(w.day - first) as usize] = Some(w);
    }
    let hrv = baselines(&column(&rows, |w| w.rmssd_ms.map(ln_rmssd)));
    let rhr = baselines(&column(&rows, |w| w.rest_hr_bpm));
    let mut flag_day: Option<i32> = None;
    let out = (0..n)
        .map(|i| {
            let day = first + i as i32;
            if sore_flag(&rows, i, p) {
                flag_day = Some(day);
            }
            let load = loads
                .first()
                .and_then(|l0| usize::try_from(day - l0.day()).ok())
                .and_then(|k| loads.get(k))
                .filter(|l| l.day() == day);
            let ctx = Day {
                day,
                rows: &rows[..=i],
                hrv: hrv[i],
                rhr: rhr[i],
                load,
                flag_day,
            };
            ctx.judge(p)
        })
        .collect();
    Ok(out)
}

fn column(rows: &[Option<&Wellness>], f: impl Fn(&Wellness) -> Option<f64>) -> Vec<Option<f64>> {
    rows.iter().map(|w| w.and_then(&f)).collect()
}

/// R-SORENESS's flag on row `i`: sore today and on enough of the window's days. A flag is
/// raised again (and the reduced days restart) only by a new sore day, not by old ones still in
/// the window.
fn sore_flag(rows: &[Option<&Wellness>], i: usize, p: &ReadinessParams) -> bool {
    if !rows[i].is_some_and(|w| f64::from(w.soreness) <= p.sore_item) {
        return false;
    }
    let from = (i + 1).saturating_sub(p.window_days as usize);
    let sore = rows[from..=i]
        .iter()
        .flatten()
        .filter(|w| f64::from(w.soreness) <= p.sore_item)
        .count();
    sore as f64 >= p.sore_days
}

/// The baseline's weekly mean and normal range when it sits on the `bad` side of the range.
fn outside(b: Option<Baseline>, bad: Status) -> Option<(f64, NormalRange)> {
    let b = b?;
    (b.status() == Some(bad)).then_some((b.week_mean, b.normal?))
}

/// One day's evidence.
struct Day<'a> {
    day: i32,
    /// Wellness rows up to and including the day.
    rows: &'a [Option<&'a Wellness>],
    hrv: Option<Baseline>,
    rhr: Option<Baseline>,
    load: Option<&'a DailyLoad>,
    flag_day: Option<i32>,
}

/// The day's status as it is built up.
struct Verdict {
    out: Readiness,
}

impl Verdict {
    fn flag(
        &mut self,
        rule: &'static str,
        severity: Severity,
        system: Option<System>,
        message: String,
    ) {
        if let Some(s) = system
            && !self.out.tired.contains(&s)
        {
            self.out.tired.push(s);
            self.out.tired.sort();
        }
        self.out.flags.push(Flag {
            rule,
            severity,
            system,
            message,
        });
    }
    fn at_least(&mut self, a: Action) {
        self.out.action = self.out.action.max(a);
    }
}

impl Day<'_> {
    fn today(&self) -> Option<&Wellness> {
        self.rows.last().copied().flatten()
    }

    fn judge(&self, p: &ReadinessParams) -> Readiness {
        let mut st = Verdict {
            out: Readiness {
                day: self.day,
                wellness_sum: self.today().map(Wellness::sum),
                counted_sum: None,
                action: Action::Train,
                tired: Vec::new(),
                flags: Vec::new(),
                soreness: None,
            },
        };
        let short_sleep = self.sleep(p, &mut st);
        self.wellness(p, short_sleep, &mut st);
        self.soreness(p, &mut st);
        self.heart(&mut st);
        self.load(p, &mut st);
        st.out
    }

    /// R-SLEEP; true when it flags.
    fn sleep(&self, p: &ReadinessParams, st: &mut Verdict) -> bool {
        let from = self.rows.len().saturating_sub(p.window_nights as usize);
        let hours: Vec<f64> = self.rows[from..]
            .iter()
            .flatten()
            .filter_map(|w| w.sleep_s)
            .map(|s| s / SECONDS_PER_HOUR)
            .collect();
        let short: Vec<f64> = hours
            .iter()
            .copied()
            .filter(|h| *h < p.sleep_hours)
            .collect();
        if (short.len() as f64) < p.short_nights {
            return false;
        }
        let mut list = String::new();
        for (k, h) in short.iter().enumerate() {
            let _ = write!(list, "{}{h:.1} h", if k > 0 { ", " } else { "" });
        }
        let feeds = if self.today().is_some() {
            ": sleep counts as poor in today's wellness"
        } else {
            ""
        };
        st.flag(
            "R-SLEEP",
            Severity::Info,
            None,
            format!(
                "under {} h of sleep on {} of the last {} nights ({list}){feeds}",
                p.sleep_hours,
                short.len(),
                p.window_nights
            ),
        );
        true
    }

    /// R-READY on the wellness row.
    fn wellness(&self, p: &ReadinessParams, short_sleep: bool, st: &mut Verdict) {
        let Some(w) = self.today() else { return };
        let sleep = if short_sleep {
            w.sleep.min(SHORT_SLEEP_ITEM)
        } else {
            w.sleep
        };
        let sum = w.sum() - w.sleep + sleep;
        st.out.counted_sum = Some(sum);
        let counted = if sleep < w.sleep {
            format!(" with sleep counted as {sleep}, {} as rated", w.sum())
        } else {
            String::new()
        };
        let low: Vec<&str> = w
            .items()
            .iter()
            .filter(|(name, v)| {
                let v = if *name == "sleep" { sleep } else { *v };
                f64::from(v) <= p.low_item
            })
            .map(|(name, _)| *name)
            .collect();
        let sore = f64::from(w.soreness) <= p.sore_item;
        let system = sore.then_some(System::Muscular);
        if f64::from(sum) <= p.rest_sum {
            st.at_least(Action::Rest);
            st.flag(
                "R-READY",
                Severity::Warning,
                system,
                format!(
                    "wellness {sum}/{SUM_MAX}{counted} (≤ {}): rest or recovery only today",
                    p.rest_sum
                ),
            );
        } else if f64::from(sum) <= p.downgrade_sum || !low.is_empty() {
            st.at_least(Action::Downgrade);
            let why = if f64::from(sum) <= p.downgrade_sum {
                format!("wellness {sum}/{SUM_MAX}{counted} (≤ {})", p.downgrade_sum)
            } else {
                format!("{} at {} of {ITEM_MAX}", low.join(" and "), p.low_item)
            };
            st.flag(
                "R-READY",
                Severity::Warning,
                system,
                format!(
                    "{why}: today's hard session one step down (heavy lift → light, plyometrics → isometrics, intervals or tempo → easy running with strides)"
                ),
            );
        } else if sore {
            st.flag(
                "R-READY",
                Severity::Info,
                Some(System::Muscular),
                format!(
                    "soreness {} of {ITEM_MAX}: the muscles are tired",
                    w.soreness
                ),
            );
        }
    }

    /// R-SORENESS's block.
    fn soreness(&self, p: &ReadinessParams, st: &mut Verdict) {
        let Some(flag_day) = self.flag_day else {
            return;
        };
        let until = flag_day + p.reduced_days as i32 - 1;
        let rebuild_until = until + DAYS_PER_WEEK * p.rebuild_weeks as i32;
        if self.day <= until {
            st.out.soreness = Some(SorenessPhase::Reduced {
                flag_day,
                until,
                set_cut_pct: p.set_cut_pct,
            });
            st.at_least(Action::Downgrade);
            st.flag(
                "R-SORENESS",
                Severity::Warning,
                Some(System::Muscular),
                format!(
                    "sore on {} of the {} days up to {}: strength sets −{}% and no plyometrics or PAP through {}, then rebuild",
                    p.sore_days,
                    p.window_days,
                    fmt_day(flag_day),
                    p.set_cut_pct,
                    fmt_day(until)
                ),
            );
        } else if self.day <= rebuild_until {
            st.out.soreness = Some(SorenessPhase::Rebuild {
                flag_day,
                until: rebuild_until,
            });
            st.flag(
                "R-SORENESS",
                Severity::Info,
                None,
                format!(
                    "rebuilding after the soreness flag of {}: one progression step a week until {}",
                    fmt_day(flag_day),
                    fmt_day(rebuild_until)
                ),
            );
        }
    }

    /// HRV and resting heart rate against their normal ranges.
    fn heart(&self, st: &mut Verdict) {
        if let Some((week, n)) = outside(self.hrv, Status::Below) {
            let (lo, hi) = (n.low, n.high);
            let msg = format!(
                "HRV baseline (7-day ln rMSSD {week:.2}) below your normal range {lo:.2}–{hi:.2}"
            );
            st.flag("R-READY", Severity::Info, Some(System::Cardio), msg);
        }
        if let Some((week, n)) = outside(self.rhr, Status::Above) {
            let (lo, hi) = (n.low, n.high);
            let msg = format!(
                "resting heart rate (7-day mean {week:.0} bpm) above your normal range {lo:.0}–{hi:.0}"
            );
            st.flag("R-READY", Severity::Info, Some(System::Cardio), msg);
        }
    }

    /// R-LOAD: information on the combined load, and the systems whose ACWR is high.
    fn load(&self, p: &ReadinessParams, st: &mut Verdict) {
        let Some(l) = self.load else { return };
        let warm = l.history_days >= p.history_days;
        let severity = if warm {
            Severity::Warning
        } else {
            Severity::Info
        };
        let note = if warm {
            ""
        } else {
            " (under 28 days of history: information only)"
        };
        if let Some(r) = l.acwr() {
            if r > p.acwr_high {
                st.flag(
                    "R-LOAD",
                    severity,
                    None,
                    format!(
                        "acute:chronic workload ratio {r:.2} (above {}){note}",
                        p.acwr_high
                    ),
                );
            } else if r < p.acwr_low {
                st.flag(
                    "R-LOAD",
                    Severity::Info,
                    None,
                    format!("acute:chronic workload ratio {r:.2}: well below recent load"),
                );
            }
        }
        if let Some(m) = l.monotony
            && m.monotony > p.monotony_max
        {
            st.flag(
                "R-LOAD",
                severity,
                None,
                format!(
                    "monotony {} over the last 7 days (above {}){note}: vary the days",
                    if m.monotony.is_finite() {
                        format!("{:.2}", m.monotony)
                    } else {
                        "unbounded (every day the same load)".to_string()
                    },
                    p.monotony_max
                ),
            );
        }
        for s in System::ALL {
            if let Some(r) = l.system_acwr.get(s)
                && r > p.acwr_high
                && warm
            {
                st.flag(
                    "R-LOAD",
                    Severity::Info,
                    Some(s),
                    format!(
                        "{} load ratio {r:.2} (7-day against 28-day {}): that system is carrying a spike",
                        s.word(),
                        s.model()
                    ),
                );
            }
        }
    }
}
