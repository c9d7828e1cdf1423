//! Morning HRV and resting heart rate against the athlete's own normal range.
//!
//! - HRV is taken as ln rMSSD (Plews et al. 2012, 2013: the log makes the day-to-day spread
//!   symmetric). The **baseline** is the mean of the last [`WEEK_DAYS`] = 7 days' values; the
//!   **normal range** is the mean of the last [`NORMAL_DAYS`] = 60 days' values ±
//!   [`SWC_SD`] = 0.5 × their SD (the smallest worthwhile change; HRV4Training's 60-day normal
//!   values, Altini; Plews et al. 2013).
//! - Resting heart rate gets the same baseline and normal range in bpm (Daniels: a morning
//!   rate "considerably higher than normal" signals overtraining).
//!
//! The one definition of both is [`baselines`]; readiness reads the status.

use serde::{Deserialize, Serialize};

/// Days of the baseline (rolling mean).
pub const WEEK_DAYS: usize = 7;
/// Days of the normal range.
pub const NORMAL_DAYS: usize = 60;
/// Half-width of the normal range in SDs of the 60 days' values (smallest worthwhile change).
pub const SWC_SD: f64 = 0.5;
/// Fewest values in the week for a baseline (Plews et al. 2014: 3 a week track the weekly mean).
pub const MIN_WEEK_VALUES: usize = 3;
/// Fewest values in the 60 days for a normal range (a third of them; a runlift decision).
pub const MIN_NORMAL_VALUES: usize = 20;

/// Where a baseline sits against the normal range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Below,
    Within,
    Above,
}

/// One day's baseline and normal range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Mean of the week's values.
    pub week_mean: f64,
    /// The normal range, when 60 days hold enough values.
    pub normal: Option<NormalRange>,
}

/// The 60-day normal range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormalRange {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

impl Baseline {
    /// The baseline against the normal range; None without a range.
    pub fn status(&self) -> Option<Status> {
        let n = self.normal?;
        Some(if self.week_mean < n.low {
            Status::Below
        } else if self.week_mean > n.high {
            Status::Above
        } else {
            Status::Within
        })
    }
}

/// Running count, sum and sum of squares of a window's values.
#[derive(Clone, Copy, Default)]
struct Moments {
    n: usize,
    sum: f64,
    sq: f64,
}

impl Moments {
    fn add(&mut self, x: f64, sign: f64) {
        if sign > 0.0 {
            self.n += 1;
        } else {
            self.n -= 1;
        }
        self.sum += sign * x;
        self.sq += sign * x * x;
    }
    fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }
    /// Sample SD.
    fn sd(&self) -> f64 {
        let m = self.mean();
        ((self.sq - self.n as f64 * m * m) / (self.n as f64 - 1.0))
            .max(0.0)
            .sqrt()
    }
}

/// The baseline of every day of a dense daily series (None = not measured that day): the
/// sliding week and 60 days each end on the day.
pub fn baselines(values: &[Option<f64>]) -> Vec<Option<Baseline>> {
    let (mut week, mut normal) = (Moments::default(), Moments::default());
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        if let Some(x) = v {
            week.add(*x, 1.0);
            normal.add(*x, 1.0);
        }
        if let Some(Some(x)) = i.checked_sub(WEEK_DAYS).map(|j| values[j]) {
            week.add(x, -1.0);
        }
        if let Some(Some(x)) = i.checked_sub(NORMAL_DAYS).map(|j| values[j]) {
            normal.add(x, -1.0);
        }
        out.push((week.n >= MIN_WEEK_VALUES).then(|| Baseline {
            week_mean: week.mean(),
            normal: (normal.n >= MIN_NORMAL_VALUES).then(|| {
                let (m, sd) = (normal.mean(), normal.sd());
                NormalRange {
                    mean: m,
                    low: m - SWC_SD * sd,
                    high: m + SWC_SD * sd,
                }
            }),
        }));
    }
    out
}

/// ln rMSSD of a morning's rMSSD in milliseconds.
pub fn ln_rmssd(rmssd_ms: f64) -> f64 {
    rmssd_ms.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_below_the_normal_range() {
        // 60 days alternating ln rMSSD 4.0 and 4.2 (mean 4.1, sample SD ≈ 0.1008), then a week
        // at 3.9: the baseline falls below 4.1 − 0.5 × SD.
        let mut v: Vec<Option<f64>> = (0..60)
            .map(|i| Some(if i % 2 == 0 { 4.0 } else { 4.2 }))
            .collect();
        let b = baselines(&v);
        let last = b[59].expect("baseline");
        let n = last.normal.expect("range");
        assert!((n.mean - 4.1).abs() < 1e-9);
        let sd = (60.0 * 0.01 / 59.0f64).sqrt();
        assert!((n.low - (4.1 - 0.5 * sd)).abs() < 1e-9, "{n:?}");
        assert_eq!(last.status(), Some(Status::Within));
        v.extend([Some(3.9); 7]);
        let b = baselines(&v);
        let end = b[66].expect("baseline");
        assert!((end.week_mean - 3.9).abs() < 1e-9);
        assert_eq!(end.status(), Some(Status::Below));
    }

    #[test]
    fn too_few_values_give_no_baseline() {
        let v = [Some(4.0), None, None, Some(4.1), None, None, None, None];
        let b = baselines(&v);
        assert!(b.iter().all(Option::is_none));
        let v = vec![Some(4.0); 19];
        let b = baselines(&v);
        assert!(b[18].expect("week").normal.is_none());
        assert!((ln_rmssd(62.0) - 4.127134).abs() < 1e-6);
    }
}
