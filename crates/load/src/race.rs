//! Race prediction from logged races and time trials.
//!
//! - **VDOT** (Daniels & Gilbert 1979) of each performance, and the equivalent time of the
//!   target race at that VDOT: [`runlift_model::paces`] (the published table, interpolated).
//! - **Riegel** (1981): `T2 = T1·(D2/D1)^1.06`, from the performance nearest the target in
//!   distance; the personal exponent `k = ln(T2/T1)/ln(D2/D1)` from two performances.
//! - **Time off** (Daniels, *Daniels' Running Formula*): after a break from running the VDOT is
//!   multiplied by a factor falling 0.3 % a day after 5 days off (0.15 % with aerobic
//!   cross-training), to at most 20 % (10 %) off. The table behind this rule was not checked
//!   against the book (docs/load/race.md); the Riegel time is slowed by the same ratio.
//!
//! The prediction uses the best VDOT of the last [`RECENT_DAYS`] days.

use runlift_model::paces::{self, Race, vdot_of_race};
use serde::{Deserialize, Serialize};

/// Riegel's fatigue exponent.
pub const RIEGEL_EXPONENT: f64 = 1.06;
/// Performances older than this many days are not used for a prediction.
pub const RECENT_DAYS: i32 = 180;
/// Days off with no loss of fitness (Daniels).
pub const FREE_DAYS_OFF: i32 = 5;
/// VDOT lost per further day off without cross-training (Daniels).
pub const LOSS_PER_DAY: f64 = 0.003;
/// VDOT lost per further day off with aerobic cross-training.
pub const LOSS_PER_DAY_CROSS: f64 = 0.0015;
/// Largest loss without cross-training (reached after about 10 weeks).
pub const MAX_LOSS: f64 = 0.20;
/// Largest loss with cross-training.
pub const MAX_LOSS_CROSS: f64 = 0.10;

/// Riegel's prediction: seconds for `d2_m` from `t1_s` over `d1_m`.
pub fn riegel(t1_s: f64, d1_m: f64, d2_m: f64) -> f64 {
    t1_s * (d2_m / d1_m).powf(RIEGEL_EXPONENT)
}

/// The personal Riegel exponent from two performances.
pub fn riegel_exponent(t1_s: f64, d1_m: f64, t2_s: f64, d2_m: f64) -> f64 {
    (t2_s / t1_s).ln() / (d2_m / d1_m).ln()
}

/// Daniels' VDOT factor after `days_off` days without running.
pub fn time_off_factor(days_off: i32, cross_trained: bool) -> f64 {
    let (per_day, max) = if cross_trained {
        (LOSS_PER_DAY_CROSS, MAX_LOSS_CROSS)
    } else {
        (LOSS_PER_DAY, MAX_LOSS)
    };
    let lost = f64::from((days_off - FREE_DAYS_OFF).max(0)) * per_day;
    1.0 - lost.min(max)
}

/// What a performance was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Race,
    TimeTrial,
}

/// A logged race or time trial.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    pub day: i32,
    pub metres: f64,
    pub seconds: f64,
    pub effort: Effort,
}

/// A race prediction and what it rests on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prediction {
    #[serde(serialize_with = "race_key")]
    pub race: Race,
    /// The performance with the best VDOT of the recent ones.
    pub from: Performance,
    pub vdot_raw: f64,
    /// The longest run of days without running since that performance (up to today).
    pub days_off: i32,
    pub factor: f64,
    pub vdot: f64,
    /// The target's time at the adjusted VDOT, seconds.
    pub vdot_time_s: f64,
    /// Riegel from the recent performance nearest in distance, slowed by the time-off ratio.
    pub riegel_time_s: f64,
    pub riegel_from: Performance,
}

fn race_key<S: serde::Serializer>(r: &Race, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.key())
}

/// The longest stretch of days without a run between `from` (exclusive) and `today`
/// (inclusive). `run_days` must be sorted.
pub fn longest_break(run_days: &[i32], from: i32, today: i32) -> i32 {
    let mut last = from;
    let mut longest = 0;
    for &d in run_days.iter().filter(|&&d| d > from && d <= today) {
        longest = longest.max(d - last - 1);
        last = d;
    }
    longest.max(today - last)
}

/// Predict `race` on `today` from `performances` and the days with a run.
pub fn predict(
    race: Race,
    performances: &[Performance],
    run_days: &[i32],
    today: i32,
    cross_trained: bool,
) -> Option<Prediction> {
    let recent: Vec<(Performance, f64)> = performances
        .iter()
        .filter(|p| p.day <= today && p.day > today - RECENT_DAYS)
        .filter_map(|p| vdot_of_race(p.metres, p.seconds).ok().map(|v| (*p, v)))
        .collect();
    let (from, vdot_raw) = *recent.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let days_off = longest_break(run_days, from.day, today);
    let factor = time_off_factor(days_off, cross_trained);
    let vdot = (vdot_raw * factor).max(paces::VDOT_MIN);
    let vdot_time_s = paces::race_time(vdot, race).ok()?;
    let slowdown = vdot_time_s / paces::race_time(vdot_raw, race).ok()?;
    let target = race.metres();
    let (riegel_from, _) = *recent.iter().min_by(|a, b| {
        (a.0.metres / target)
            .ln()
            .abs()
            .total_cmp(&(b.0.metres / target).ln().abs())
    })?;
    Some(Prediction {
        race,
        from,
        vdot_raw,
        days_off,
        factor,
        vdot,
        vdot_time_s,
        riegel_time_s: riegel(riegel_from.seconds, riegel_from.metres, target) * slowdown,
        riegel_from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn riegel_worked_examples() {
        // science.md §2 [COMP]: 5K 20:00 → 10K 2501.92 s; half 1:45:00 → marathon 13135.07 s.
        assert!((riegel(1200.0, 5000.0, 10_000.0) - 2501.92).abs() < 0.005);
        assert!((riegel(6300.0, 21_097.5, 42_195.0) - 13135.07).abs() < 0.005);
        let k = riegel_exponent(1200.0, 5000.0, 2501.92, 10_000.0);
        assert!((k - 1.06).abs() < 1e-5);
    }

    #[test]
    fn daniels_time_off() {
        assert_eq!(time_off_factor(5, false), 1.0);
        assert!((time_off_factor(7, false) - 0.994).abs() < 1e-12);
        assert!((time_off_factor(14, false) - 0.973).abs() < 1e-12);
        assert!((time_off_factor(28, false) - 0.931).abs() < 1e-12);
        assert!((time_off_factor(56, false) - 0.847).abs() < 1e-12);
        assert!((time_off_factor(200, false) - 0.80).abs() < 1e-12);
        assert!((time_off_factor(7, true) - 0.997).abs() < 1e-12);
        assert!((time_off_factor(200, true) - 0.90).abs() < 1e-12);
    }

    #[test]
    fn prediction_from_the_vdot_table() {
        // science.md §1 [PUB]: VDOT 50 runs 10K in 41:21 and the half in 1:31:35. A 41:21 10K
        // (VDOT 49.95–49.97 by the formula [COMP]) predicts the half within the table's
        // rounding; then two weeks off (no running days after it) slow it by Daniels' factor.
        let p = Performance {
            day: 100,
            metres: 10_000.0,
            seconds: 41.0 * 60.0 + 21.0,
            effort: Effort::Race,
        };
        let runs: Vec<i32> = (90..=110).collect();
        let pr = predict(Race::Half, &[p], &runs, 110, false).expect("prediction");
        assert!((pr.vdot_raw - 49.96).abs() < 0.02, "{}", pr.vdot_raw);
        assert!((pr.vdot_time_s - 5495.0).abs() < 15.0, "{}", pr.vdot_time_s);
        assert_eq!(pr.days_off, 0);
        assert!((pr.riegel_time_s - riegel(2481.0, 10_000.0, 21_097.5)).abs() < 1e-9);
        let later = predict(Race::Half, &[p], &runs, 124, false).expect("prediction");
        assert_eq!(later.days_off, 14);
        assert!((later.factor - 0.973).abs() < 1e-12);
        assert!(later.vdot_time_s > pr.vdot_time_s + 100.0);
        assert!(predict(Race::Half, &[p], &runs, 100 + RECENT_DAYS, false).is_none());
    }
}
