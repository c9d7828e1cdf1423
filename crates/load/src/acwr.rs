//! Acute:chronic workload ratio (information only, R-LOAD), monotony and strain.
//!
//! - Rolling (Gabbett 2016): acute = mean of the last 7 days, chronic = mean of the last 28
//!   (coupled, days t−27..t) or of days t−27..t−7 (uncoupled, 21 days; Lolli et al. 2019,
//!   Windt & Gabbett 2019). Needs 28 days of history.
//! - EWMA (Williams et al. 2017): the rules crate's definition,
//!   [`runlift_rules::load::Ewma`] (λ = 2/(N+1), N = 7 and 28, seeded at the first week's mean
//!   daily load), so the linter and the log agree.
//! - Monotony (Foster 1998) = mean ÷ population SD of the last 7 daily loads (§7 C23),
//!   [`runlift_rules::load::monotony_of`]; strain = the 7 days' load × monotony.

use runlift_rules::load::{ACUTE_DAYS, CHRONIC_DAYS, monotony_of};
use serde::{Deserialize, Serialize};

/// The acute window in whole days.
pub const ACUTE: usize = ACUTE_DAYS as usize;
/// The chronic window in whole days.
pub const CHRONIC: usize = CHRONIC_DAYS as usize;

/// Rolling-average ratios of one day.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RollingAcwr {
    pub coupled: f64,
    pub uncoupled: f64,
}

/// Rolling ACWR on the last day of `window` (the last 28 daily loads, oldest first); None with
/// fewer than 28 days or a zero chronic load.
pub fn rolling_acwr(window: &[f64]) -> Option<RollingAcwr> {
    let w = window.get(window.len().checked_sub(CHRONIC)?..)?;
    let acute: f64 = w[CHRONIC - ACUTE..].iter().sum::<f64>() / ACUTE as f64;
    let before: f64 = w[..CHRONIC - ACUTE].iter().sum();
    let coupled = (before + acute * ACUTE as f64) / CHRONIC as f64;
    let uncoupled = before / (CHRONIC - ACUTE) as f64;
    (coupled > 0.0).then(|| RollingAcwr {
        coupled: acute / coupled,
        uncoupled: if uncoupled > 0.0 {
            acute / uncoupled
        } else {
            f64::INFINITY
        },
    })
}

/// Monotony and strain of a week.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Monotony {
    /// The 7 days' load.
    pub weekly_load: f64,
    /// Mean ÷ population SD; infinite when every day carries the same non-zero load.
    pub monotony: f64,
    /// Weekly load × monotony.
    pub strain: f64,
}

/// Monotony and strain of the last 7 daily loads; None before 7 days or without load.
pub fn monotony(window: &[f64]) -> Option<Monotony> {
    let w = window.get(window.len().checked_sub(ACUTE)?..)?;
    let m = monotony_of(w)?;
    let weekly_load: f64 = w.iter().sum();
    Some(Monotony {
        weekly_load,
        monotony: m,
        strain: weekly_load * m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_rules::load::ewma_ratios;

    #[test]
    fn foster_week() {
        // science.md §4 [COMP]: 420, 0, 300, 600, 0, 350, 900 → load 2570, population SD
        // 296.4897, monotony 1.2383, strain 3182.43.
        let m = monotony(&[420.0, 0.0, 300.0, 600.0, 0.0, 350.0, 900.0]).expect("week");
        assert_eq!(m.weekly_load, 2570.0);
        assert!((m.monotony - 1.2383).abs() < 5e-5, "{}", m.monotony);
        assert!((m.strain - 3182.43).abs() < 0.005, "{}", m.strain);
        assert_eq!(monotony(&[1.0; 6]), None);
    }

    /// The ACWR package's test series (JorgeDelro/ACWR): 30 × 21 days, then 50 × 7.
    fn package_series() -> Vec<f64> {
        let mut d = vec![30.0; 21];
        d.extend([50.0; 7]);
        d
    }

    #[test]
    fn acwr_package_series() {
        // science.md §6 [COMP]: coupled 1.4286, uncoupled 1.6667, EWMA 1.2497 with the day-1
        // seed (the rules' first-week seed is 30 here, the same) and 1.3994 with a zero seed.
        let d = package_series();
        let r = rolling_acwr(&d).expect("28 days");
        assert!((r.coupled - 1.4286).abs() < 5e-5, "{r:?}");
        assert!((r.uncoupled - 1.6667).abs() < 5e-5, "{r:?}");
        let e = ewma_ratios(&d)[27].ratio().expect("ratio");
        assert!((e - 1.2497).abs() < 5e-5, "{e}");
        let mut z = runlift_rules::load::Ewma::seeded(0.0);
        for x in &d {
            z = z.step(*x);
        }
        assert!((z.ratio().expect("ratio") - 1.3994).abs() < 5e-5);
        // The coupling identity 4R/(R+3) (science.md §6).
        let u = r.uncoupled;
        assert!((r.coupled - 4.0 * u / (u + 3.0)).abs() < 1e-12);
        assert_eq!(rolling_acwr(&d[1..]), None);
    }
}
