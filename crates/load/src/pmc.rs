//! Fitness, fatigue and form (the performance-management chart) and Banister's
//! impulse-response model (science.md §3).
//!
//! - CTL (fitness) and ATL (fatigue) are exponentially weighted averages of daily load with
//!   time constants [`CTL_DAYS`] = 42 and [`ATL_DAYS`] = 7, starting from 0.
//! - The weighting is stated by [`Weighting`]: runlift uses GoldenCheetah's
//!   `x_t = load_t·(1 − e^(−1/τ)) + x_{t−1}·e^(−1/τ)` (`src/Metrics/PMCData.cpp`), the exact
//!   exponential decay of Banister's model; TrainingPeaks' `x_t = x_{t−1} + (load_t − x_{t−1})/τ`
//!   is available for comparison.
//! - TSB (form) = CTL − ATL of the same day (formats.md's `load` table; GoldenCheetah's
//!   `GC_SB_TODAY`), not GoldenCheetah's default of yesterday's values.

use serde::{Deserialize, Serialize};

/// Fitness time constant, days (TrainingPeaks, GoldenCheetah and intervals.icu default).
pub const CTL_DAYS: f64 = 42.0;
/// Fatigue time constant, days.
pub const ATL_DAYS: f64 = 7.0;

/// How a day's load enters an average with time constant τ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// GoldenCheetah: weight `1 − e^(−1/τ)` (runlift's default).
    #[default]
    Exponential,
    /// TrainingPeaks: weight `1/τ`.
    Linear,
}

impl Weighting {
    /// The weight of today's load in an average with time constant `tau` days.
    pub fn alpha(self, tau: f64) -> f64 {
        match self {
            Weighting::Exponential => 1.0 - (-1.0 / tau).exp(),
            Weighting::Linear => 1.0 / tau,
        }
    }
}

/// One day's fitness, fatigue and form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub ctl: f64,
    pub atl: f64,
    pub tsb: f64,
}

/// The running CTL and ATL of one load series.
#[derive(Clone, Copy, Debug)]
pub struct Pmc {
    ctl_alpha: f64,
    atl_alpha: f64,
    ctl: f64,
    atl: f64,
}

impl Pmc {
    /// Both averages at 0 with runlift's time constants.
    pub fn new(weighting: Weighting) -> Pmc {
        Pmc {
            ctl_alpha: weighting.alpha(CTL_DAYS),
            atl_alpha: weighting.alpha(ATL_DAYS),
            ctl: 0.0,
            atl: 0.0,
        }
    }

    /// The day after `load`.
    pub fn step(&mut self, load: f64) -> Form {
        self.ctl += (load - self.ctl) * self.ctl_alpha;
        self.atl += (load - self.atl) * self.atl_alpha;
        Form {
            ctl: self.ctl,
            atl: self.atl,
            tsb: self.ctl - self.atl,
        }
    }
}

/// Fitness, fatigue and form of every day of a daily load series.
pub fn form_series(loads: &[f64], weighting: Weighting) -> Vec<Form> {
    let mut p = Pmc::new(weighting);
    loads.iter().map(|&x| p.step(x)).collect()
}

/// Banister's impulse-response model: `p(t) = p0 + k1·g1(t) − k2·g2(t)` with the recursive form
/// `g_t = g_{t−1}·e^(−1/τ) + w_t` (Clarke & Skiba 2013; constraints k1 < k2, τ1 > τ2).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImpulseResponse {
    pub p0: f64,
    pub k1: f64,
    pub k2: f64,
    pub tau1: f64,
    pub tau2: f64,
}

/// One day of the impulse-response model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub fitness: f64,
    pub fatigue: f64,
    pub performance: f64,
}

impl ImpulseResponse {
    /// The illustrative defaults science.md quotes (calculatorhub.com): k1 1, k2 2, τ 42 / 7.
    pub const ILLUSTRATIVE: ImpulseResponse = ImpulseResponse {
        p0: 0.0,
        k1: 1.0,
        k2: 2.0,
        tau1: 42.0,
        tau2: 7.0,
    };

    /// The day after `load`, from yesterday's fitness and fatigue impulses.
    pub fn step(&self, fitness: f64, fatigue: f64, load: f64) -> Response {
        let g1 = fitness * (-1.0 / self.tau1).exp() + load;
        let g2 = fatigue * (-1.0 / self.tau2).exp() + load;
        Response {
            fitness: g1,
            fatigue: g2,
            performance: self.p0 + self.k1 * g1 - self.k2 * g2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculatorhub_worked_example() {
        // science.md §3 [PUB] calculatorhub.com: fitness 100, fatigue 60, load 50 →
        // fitness 147.65, fatigue 102.00, performance −56.36 (exact 147.6472, 102.0127,
        // −56.3782 [COMP]; the source rounds, so ±0.05).
        let r = ImpulseResponse::ILLUSTRATIVE.step(100.0, 60.0, 50.0);
        assert!((r.fitness - 147.65).abs() < 0.005, "{r:?}");
        assert!((r.fatigue - 102.00).abs() < 0.05, "{r:?}");
        assert!((r.performance - -56.36).abs() < 0.05, "{r:?}");
        assert!((r.fitness - 147.6472).abs() < 5e-5);
        assert!((r.fatigue - 102.0127).abs() < 5e-5);
        assert!((r.performance - -56.3782).abs() < 5e-5);
    }

    #[test]
    fn constant_load_table_of_science_md() {
        // science.md §3 [COMP]: CTL after 42 days at 100 from 0: GoldenCheetah 63.2121,
        // TrainingPeaks 63.6544; ATL after 7 days: 63.2121 and 66.0083.
        let loads = [100.0; 42];
        let gc = form_series(&loads, Weighting::Exponential);
        let tp = form_series(&loads, Weighting::Linear);
        assert!((gc[41].ctl - 63.2121).abs() < 5e-5, "{}", gc[41].ctl);
        assert!((tp[41].ctl - 63.6544).abs() < 5e-5, "{}", tp[41].ctl);
        assert!((gc[6].atl - 63.2121).abs() < 5e-5, "{}", gc[6].atl);
        assert!((tp[6].atl - 66.0083).abs() < 5e-5, "{}", tp[6].atl);
        assert!((gc[6].tsb - (gc[6].ctl - gc[6].atl)).abs() < 1e-12);
    }
}
