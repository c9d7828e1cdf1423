//! Load monitoring and fuelling: R-LOAD (session RPE × minutes per day, §7 C23: weekly
//! monotony = mean ÷ population SD of the 7 daily loads, > 2.0 WARN; ACWR by Williams' EWMA,
//! N = 7 and 28, > 1.5 WARN and < 0.8 INFO outside deload, taper, race and transition weeks;
//! INFO only until 28 days of load exist; at most one finding per week and metric) and R-FUEL
//! (one INFO per training day with the day's carbohydrate class). Decisions: docs/rules/group-b.md.

use std::fmt::Write as _;

use runlift_model::Kind;
use runlift_model::plan::Phase;

use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::fmt_day;

/// Monotony above this warns (Foster 2001).
pub const MONOTONY_MAX: f64 = 2.0;
/// ACWR above this warns (Gabbett 2016).
pub const ACWR_HIGH: f64 = 1.5;
/// ACWR below this informs.
pub const ACWR_LOW: f64 = 0.8;
/// Days of load before R-LOAD may warn.
pub const HISTORY_DAYS: usize = 28;

pub fn check(ctx: &Ctx, out: &mut Out) {
    let daily = daily_loads(ctx);
    if daily.is_empty() {
        return;
    }
    monotony(ctx, &daily, out);
    acwr(ctx, &daily, out);
    fuel(ctx, out);
}

/// Planned load of every day from the plan's first to its last day.
fn daily_loads(ctx: &Ctx) -> Vec<f64> {
    if ctx.items.is_empty() || ctx.last_day < ctx.first_day {
        return Vec::new();
    }
    let mut d = vec![0.0; (ctx.last_day - ctx.first_day + 1) as usize];
    for it in &ctx.items {
        if let Some(x) = d.get_mut((it.day - ctx.first_day) as usize) {
            *x += f64::from(it.load);
        }
    }
    d
}

/// Mean ÷ population SD; infinite when every day carries the same non-zero load.
pub fn monotony_of(loads: &[f64]) -> Option<f64> {
    let n = loads.len() as f64;
    let mean = loads.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = loads.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    let sd = var.sqrt();
    Some(if sd < 1e-9 { f64::INFINITY } else { mean / sd })
}

fn severity_at(ctx: &Ctx, day: i32) -> Severity {
    if (day - ctx.first_day) as usize + 1 >= HISTORY_DAYS {
        Severity::Warning
    } else {
        Severity::Info
    }
}

fn monotony(ctx: &Ctx, daily: &[f64], out: &mut Out) {
    for w in ctx.weeks.iter().filter(|w| w.days_held() == 7) {
        let a = (w.first_day - ctx.first_day) as usize;
        let Some(days) = daily.get(a..a + 7) else {
            continue;
        };
        let Some(m) = monotony_of(days) else {
            continue;
        };
        if m <= MONOTONY_MAX {
            continue;
        }
        let mean = days.iter().sum::<f64>() / 7.0;
        let (easiest, _) =
            days.iter().enumerate().fold(
                (0, f64::INFINITY),
                |b, (i, &x)| if x < b.1 { (i, x) } else { b },
            );
        let m_words = if m.is_finite() {
            format!("{m:.2}")
        } else {
            "unbounded (every day the same)".to_string()
        };
        out.add(
            "R-LOAD",
            severity_at(ctx, w.last_day),
            &[w.first_day],
            &[],
            format!(
                "Monotony {m_words} in the week of {} (mean daily load {:.0} AU; warning above {MONOTONY_MAX}){}",
                fmt_day(w.monday),
                mean,
                history_note(ctx, w.last_day)
            ),
            format!(
                "Vary the days: make {} a rest or recovery day and keep the hard days hard",
                fmt_day(w.first_day + easiest as i32)
            ),
        );
    }
}

fn history_note(ctx: &Ctx, day: i32) -> &'static str {
    if severity_at(ctx, day) == Severity::Info {
        " — fewer than 28 days of load, so information only"
    } else {
        ""
    }
}

/// Days of the acute window (Williams 2017's N for the acute EWMA; Gabbett's 7-day mean).
pub const ACUTE_DAYS: f64 = 7.0;
/// Days of the chronic window (N for the chronic EWMA; Gabbett's 28-day mean).
pub const CHRONIC_DAYS: f64 = 28.0;

/// Williams et al. 2017's decay, λ = 2 / (N + 1): 0.25 for N = 7, 0.0690 for N = 28.
pub fn ewma_lambda(days: f64) -> f64 {
    2.0 / (days + 1.0)
}

/// The acute (7-day) and chronic (28-day) exponentially weighted moving averages of daily load
/// on one day; their ratio is the EWMA acute:chronic workload ratio.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Ewma {
    pub acute: f64,
    pub chronic: f64,
}

impl Ewma {
    /// Both averages at `seed` (see [`ewma_seed`]).
    pub fn seeded(seed: f64) -> Ewma {
        Ewma {
            acute: seed,
            chronic: seed,
        }
    }

    /// The averages after a day with `load`: `EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}`.
    pub fn step(self, load: f64) -> Ewma {
        let (la, lc) = (ewma_lambda(ACUTE_DAYS), ewma_lambda(CHRONIC_DAYS));
        Ewma {
            acute: la * load + (1.0 - la) * self.acute,
            chronic: lc * load + (1.0 - lc) * self.chronic,
        }
    }

    /// Acute ÷ chronic; None while the chronic average is zero.
    pub fn ratio(self) -> Option<f64> {
        (self.chronic > 0.0).then(|| self.acute / self.chronic)
    }
}

/// The starting value of both averages: the mean daily load of the series' first week (the
/// first 28 days if that week is empty), so the ratio starts near 1 instead of jumping on the
/// first session (docs/rules/group-b.md).
pub fn ewma_seed(daily: &[f64]) -> f64 {
    let seed_of = |n: usize| {
        let s = &daily[..daily.len().min(n)];
        s.iter().sum::<f64>() / s.len().max(1) as f64
    };
    match seed_of(ACUTE_DAYS as usize) {
        s if s > 0.0 => s,
        _ => seed_of(HISTORY_DAYS),
    }
}

/// Exponentially weighted moving averages of daily load (Williams 2017), λ = 2 / (N + 1),
/// started at [`ewma_seed`]; one value per day.
pub fn ewma_ratios(daily: &[f64]) -> Vec<Ewma> {
    let mut e = Ewma::seeded(ewma_seed(daily));
    daily
        .iter()
        .map(|&x| {
            e = e.step(x);
            e
        })
        .collect()
}

fn acwr(ctx: &Ctx, daily: &[f64], out: &mut Out) {
    let ew = ewma_ratios(daily);
    for w in &ctx.weeks {
        let a = (w.first_day - ctx.first_day).max(0) as usize;
        let b = ((w.last_day - ctx.first_day + 1).max(0) as usize).min(ew.len());
        if a >= b {
            continue;
        }
        // Highest ratio, preferring days past 28 days of history (those can warn); lowest ratio.
        let mut hi_warm: Option<(usize, f64)> = None;
        let mut hi_cold: Option<(usize, f64)> = None;
        let mut lo: Option<(usize, f64)> = None;
        for (i, e) in ew.iter().enumerate().take(b).skip(a) {
            let Some(r) = e.ratio() else {
                continue;
            };
            if r > ACWR_HIGH {
                let slot = if i + 1 >= HISTORY_DAYS {
                    &mut hi_warm
                } else {
                    &mut hi_cold
                };
                if slot.is_none_or(|(_, rh)| r > rh) {
                    *slot = Some((i, r));
                }
            }
            if r < ACWR_LOW && lo.is_none_or(|(_, rl)| r < rl) {
                lo = Some((i, r));
            }
        }
        let hi = hi_warm.or(hi_cold);
        if let Some((i, r)) = hi {
            let day = ctx.first_day + i as i32;
            let items = ctx.day_items(day);
            let idx: Vec<u32> = items.iter().map(|it| it.idx).collect();
            let hardest = items
                .iter()
                .max_by(|x, y| x.load.total_cmp(&y.load))
                .map_or(String::new(), |it| {
                    format!("shorten or ease the {} on {}, ", it.kind, fmt_day(day))
                });
            out.add(
                "R-LOAD",
                severity_at(ctx, day),
                &[day],
                &idx,
                format!(
                    "Acute:chronic workload ratio {r:.2} on {} (7-day EWMA {:.0} vs 28-day {:.0} AU/day; warning above {ACWR_HIGH}){}",
                    fmt_day(day),
                    ew[i].acute,
                    ew[i].chronic,
                    history_note(ctx, day)
                ),
                format!(
                    "Build up more gradually: {hardest}or spread the week's hard sessions over 2–3 weeks"
                ),
            );
        }
        if let Some((i, r)) = lo
            && !quiet_week(w)
        {
            let day = ctx.first_day + i as i32;
            out.add(
                "R-LOAD",
                Severity::Info,
                &[day],
                &[],
                format!(
                    "Acute:chronic workload ratio {r:.2} on {} (7-day EWMA {:.0} vs 28-day {:.0} AU/day): well below recent load",
                    fmt_day(day),
                    ew[i].acute,
                    ew[i].chronic
                ),
                "Fine if the drop is planned (illness, travel); otherwise label the week a deload, or add easy running to hold fitness".to_string(),
            );
        }
    }
}

/// Weeks where a low ratio is the point: deload, taper, race and transition.
fn quiet_week(w: &Week) -> bool {
    w.deload || matches!(w.phase, Phase::Taper | Phase::Race | Phase::Transition)
}

// ---------------------------------------------------------------------------------------------
// R-FUEL

/// A day's carbohydrate class (Burke et al. 2011), g per kg of body weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuelClass {
    Light,
    Moderate,
    High,
    VeryHigh,
}

impl FuelClass {
    pub fn grams(self) -> &'static str {
        match self {
            FuelClass::Light => "3–5",
            FuelClass::Moderate => "5–7",
            FuelClass::High => "6–10",
            FuelClass::VeryHigh => "8–12",
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            FuelClass::Light => "light",
            FuelClass::Moderate => "moderate",
            FuelClass::High => "high",
            FuelClass::VeryHigh => "very high",
        }
    }
}

/// Class of a day from its training minutes (mobility excluded) and highest session RPE:
/// light ≤ 45 min all easy (RPE ≤ 4) or mobility only; very high > 240 min; high > 60 min with
/// a session at RPE ≥ 5 (long run, quality run, heavy lift) or ≥ 120 min whatever the effort;
/// moderate otherwise (about an hour).
pub fn fuel_class(minutes: u32, max_rpe: f32) -> FuelClass {
    if minutes == 0 || (minutes <= 45 && max_rpe <= 4.0) {
        FuelClass::Light
    } else if minutes > 240 {
        FuelClass::VeryHigh
    } else if (minutes > 60 && max_rpe >= 5.0) || minutes >= 120 {
        FuelClass::High
    } else {
        FuelClass::Moderate
    }
}

fn fuel(ctx: &Ctx, out: &mut Out) {
    let items = &ctx.items;
    let mut i = 0;
    while i < items.len() {
        let day = items[i].day;
        let mut j = i;
        let mut minutes = 0u32;
        let mut max_rpe = 0f32;
        while j < items.len() && items[j].day == day {
            let it = &items[j];
            if it.kind != Kind::Mob {
                minutes += it.minutes().max(0) as u32;
                if it.minutes() > 0 {
                    max_rpe = max_rpe.max(it.load / it.minutes() as f32);
                }
            }
            j += 1;
        }
        let day_items = &items[i..j];
        let class = fuel_class(minutes, max_rpe);
        let idx: Vec<u32> = day_items.iter().map(|it| it.idx).collect();
        let mut message = fmt_day(day);
        let _ = write!(message, ": {} day (", class.word());
        push_kinds(&mut message, day_items);
        let _ = write!(
            message,
            ", {minutes} min): {} g/kg carbohydrate",
            class.grams()
        );
        out.add(
            "R-FUEL",
            Severity::Info,
            &[day],
            &idx,
            message,
            fuel_fix(class, day_items),
        );
        i = j;
    }
}

/// Append `intervals + heavy lift` (each kind once, in time order).
fn push_kinds(s: &mut String, items: &[Item]) {
    for (n, it) in items.iter().enumerate() {
        if items[..n].iter().any(|o| o.kind == it.kind) {
            continue;
        }
        if n > 0 {
            s.push_str(" + ");
        }
        s.push_str(it.kind.name());
    }
}

fn fuel_fix(class: FuelClass, items: &[Item]) -> String {
    let key = items
        .iter()
        .filter(|i| i.has(flag::HARD | flag::LONG))
        .max_by(|a, b| a.load.total_cmp(&b.load));
    let around = match key {
        Some(it) => format!(
            ", with carbohydrate before and after the {}",
            it.kind.name()
        ),
        None => String::new(),
    };
    format!(
        "Eat about {} g of carbohydrate per kg of body weight that day{around}",
        class.grams()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotony_uses_the_population_sd() {
        // mean 2, population SD 1 → 2.0
        let m = monotony_of(&[1.0, 3.0, 1.0, 3.0, 1.0, 3.0, 2.0]).expect("load");
        let mean = 2.0;
        let sd = ((3.0 * 1.0 + 3.0 * 1.0) / 7.0f64).sqrt();
        assert!((m - mean / sd).abs() < 1e-12, "{m}");
        assert_eq!(monotony_of(&[0.0; 7]), None);
        assert_eq!(monotony_of(&[5.0; 7]), Some(f64::INFINITY));
    }

    #[test]
    fn ewma_follows_williams() {
        // A steady load keeps both averages at the load.
        let r = ewma_ratios(&[100.0; 40]);
        assert!(
            r.iter()
                .all(|e| (e.acute - 100.0).abs() < 1e-9 && (e.chronic - 100.0).abs() < 1e-9)
        );
        // A step from 100 to 200: after one day acute = 0.25·200 + 0.75·100 = 125,
        // chronic = (2/29)·200 + (27/29)·100 ≈ 106.9.
        let mut d = vec![100.0; 7];
        d.push(200.0);
        let r = ewma_ratios(&d);
        let Ewma { acute, chronic } = r[7];
        assert!((acute - 125.0).abs() < 1e-9);
        assert!((chronic - (200.0 * 2.0 / 29.0 + 100.0 * 27.0 / 29.0)).abs() < 1e-9);
    }

    #[test]
    fn fuel_classes() {
        assert_eq!(fuel_class(40, 3.0), FuelClass::Light);
        assert_eq!(fuel_class(0, 0.0), FuelClass::Light);
        assert_eq!(fuel_class(45, 7.0), FuelClass::Moderate);
        assert_eq!(fuel_class(60, 3.0), FuelClass::Moderate);
        assert_eq!(fuel_class(110, 8.0), FuelClass::High);
        assert_eq!(fuel_class(150, 5.0), FuelClass::High);
        assert_eq!(fuel_class(100, 3.0), FuelClass::Moderate);
        assert_eq!(fuel_class(130, 3.0), FuelClass::High);
        assert_eq!(fuel_class(250, 5.0), FuelClass::VeryHigh);
    }
}
