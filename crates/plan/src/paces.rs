//! The athlete's VDOT and training paces: from `vdot`, else from `recent_race` (Daniels–Gilbert),
//! else a conservative default by level (docs/planner.md); and race-time predictions from the
//! same curve, used for the minutes of RUN_RACE sessions.

use runlift_model::paces::vdot_from_race;
use runlift_model::profile::{Level, Profile};
use runlift_model::structure::Paces;

/// Where the VDOT came from (shown in the plan's header).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VdotSource {
    Given,
    RecentRace,
    Default,
}

/// The athlete's VDOT, clamped to 20–90.
pub fn vdot_of(p: &Profile) -> (f64, VdotSource) {
    if let Some(v) = p.vdot {
        return (v.clamp(20.0, 90.0), VdotSource::Given);
    }
    // Read and checked as every command reads a race time (the profile reader refuses the rest).
    if let Some(r) = &p.recent_race
        && let Ok(v) = runlift_model::paces::recent_race_vdot(r.distance.metres(), &r.time)
    {
        return (v, VdotSource::RecentRace);
    }
    let v = match p.level() {
        Level::Beginner => 33.0,
        Level::Intermediate => 42.0,
        Level::Advanced => 52.0,
    };
    (v, VdotSource::Default)
}

/// Training paces from the published VDOT rows (runlift-model's `paces`), single paces widened
/// by 3 s/km either side.
pub fn paces_of(vdot: f64) -> Paces {
    runlift_model::paces::TrainingPaces::clamped(vdot).rounded(3)
}

/// Predicted race time in seconds for `metres` at `vdot`: the time whose Daniels–Gilbert VDOT
/// equals `vdot` (bisection on the monotonic curve).
pub fn race_seconds(vdot: f64, metres: f64) -> f64 {
    let (mut lo, mut hi) = (metres / 1000.0 * 100.0, metres / 1000.0 * 1200.0);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if vdot_from_race(metres, mid) > vdot {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn race_time_inverts_vdot() {
        // oracle table, VDOT 50: 5K 19:57, marathon 3:10:49
        let t = race_seconds(50.0, 5000.0);
        assert!((t - 1197.0).abs() < 6.0, "{t}");
        let t = race_seconds(50.0, 42195.0);
        assert!((t - 11449.0).abs() < 30.0, "{t}");
    }
}
