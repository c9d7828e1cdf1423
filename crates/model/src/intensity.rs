//! Strength intensity conversions (rulebook §7 C6): the RTS RPE chart (RIR = 10 − RPE) between
//! %1RM, reps and reps in reserve, and e1RM estimates (Epley, Brzycki).

use crate::plan::ExerciseRx;

/// The RTS chart as one sequence: `SEQ[2 × (reps − 1 + RIR)]` is the fraction of 1RM
/// (oracle/rpe_chart.json; half steps are RPE x.5).
pub const RTS_SEQ: [f64; 30] = [
    1.0, 0.978, 0.955, 0.939, 0.922, 0.907, 0.892, 0.878, 0.863, 0.85, 0.837, 0.824, 0.811, 0.799,
    0.786, 0.774, 0.762, 0.751, 0.739, 0.723, 0.707, 0.694, 0.68, 0.667, 0.653, 0.64, 0.626, 0.613,
    0.599, 0.586,
];

/// Fraction of 1RM for `reps` at `rir` reps in reserve, interpolated on half steps, extrapolated
/// linearly past the chart's end.
pub fn pct_of_1rm(reps: f64, rir: f64) -> f64 {
    let x = 2.0 * (reps.max(1.0) - 1.0 + rir.max(0.0));
    let last = (RTS_SEQ.len() - 1) as f64;
    if x >= last {
        let slope = RTS_SEQ[29] - RTS_SEQ[28];
        return (RTS_SEQ[29] + slope * (x - last)).max(0.3);
    }
    let i = x.floor() as usize;
    let t = x - i as f64;
    RTS_SEQ[i] * (1.0 - t) + RTS_SEQ[i + 1] * t
}

/// Reps in reserve when `reps` are done at `pct` of 1RM: the inverse of [`pct_of_1rm`] (0 when
/// `pct` is at or above the reps' maximum).
pub fn rir_at(reps: f64, pct: f64) -> f64 {
    let offset = 2.0 * (reps.max(1.0) - 1.0);
    // Position x on the chart where the interpolated fraction equals `pct`.
    let x = match RTS_SEQ.iter().position(|v| *v <= pct) {
        Some(0) => 0.0,
        Some(i) => {
            let (hi, lo) = (RTS_SEQ[i - 1], RTS_SEQ[i]);
            (i - 1) as f64 + (hi - pct) / (hi - lo)
        }
        None => {
            let slope = RTS_SEQ[28] - RTS_SEQ[29];
            29.0 + (RTS_SEQ[29] - pct.max(0.3)) / slope
        }
    };
    ((x - offset) / 2.0).clamp(0.0, 15.0)
}

/// Epley e1RM.
pub fn e1rm_epley(kg: f64, reps: f64) -> f64 {
    if reps <= 1.0 {
        kg
    } else {
        kg * (1.0 + reps / 30.0)
    }
}

/// Brzycki e1RM (valid below 37 reps).
pub fn e1rm_brzycki(kg: f64, reps: f64) -> f64 {
    kg * 36.0 / (37.0 - reps.min(36.0))
}

/// What is known of one prescribed exercise's intensity, after C6's precedence
/// (`kg` > `pct_1rm` > `rir` > `rpe`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Intensity {
    /// Fraction of 1RM (0.85 = 85 %), when known or derivable.
    pub pct: Option<f64>,
    /// Reps in reserve, when known or derivable.
    pub rir: Option<f64>,
}

/// Resolve an exercise's intensity. `one_rm` is the athlete's estimated 1RM for the exercise in kg,
/// when a rep max was given.
pub fn intensity(ex: &ExerciseRx, one_rm: Option<f64>) -> Intensity {
    let reps = ex.reps.map(f64::from);
    let pct = match (ex.kg, one_rm) {
        (Some(kg), Some(rm)) if rm > 0.0 => Some(kg / rm),
        _ => ex.pct_1rm.map(|p| p / 100.0),
    };
    let rir_given = ex.rir.or(ex.rpe.map(|r| 10.0 - r));
    let (pct, rir) = match (pct, rir_given, reps) {
        (Some(p), Some(r), _) => (Some(p), Some(r)),
        (Some(p), None, Some(n)) => (Some(p), Some(rir_at(n, p))),
        (None, Some(r), Some(n)) => (Some(pct_of_1rm(n, r)), Some(r)),
        (p, r, _) => (p, r),
    };
    Intensity { pct, rir }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_matches_published_rows() {
        // rows_fraction_of_1rm of oracle/rpe_chart.json: RPE 8 (RIR 2), 5 reps = 0.811
        assert!((pct_of_1rm(5.0, 2.0) - 0.811).abs() < 1e-9);
        assert!((pct_of_1rm(1.0, 0.0) - 1.0).abs() < 1e-9);
        assert!((pct_of_1rm(3.0, 1.0) - 0.892).abs() < 1e-9);
        assert!((pct_of_1rm(8.0, 3.0) - 0.707).abs() < 1e-9);
        assert!((pct_of_1rm(12.0, 3.5) - 0.586).abs() < 1e-9);
        assert!((rir_at(5.0, 0.811) - 2.0).abs() < 1e-9);
        // 0.80 lies 11/12 of the way from 0.811 (x = 12) to 0.799 (x = 13): RIR = (12.917 − 6) ÷ 2
        assert!((rir_at(4.0, 0.80) - 3.4583).abs() < 0.001);
        assert_eq!(rir_at(3.0, 0.95), 0.0);
        for reps in 1..=12 {
            for rir in 0..=8 {
                let (r, i) = (f64::from(reps), f64::from(rir) * 0.5);
                assert!(
                    (rir_at(r, pct_of_1rm(r, i)) - i).abs() < 1e-9,
                    "{reps} reps at RIR {i}"
                );
            }
        }
        assert!((e1rm_epley(100.0, 5.0) - 116.666).abs() < 0.01);
        assert!((e1rm_brzycki(100.0, 5.0) - 112.5).abs() < 0.01);
    }
}
