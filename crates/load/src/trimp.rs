//! Heart-rate training impulse (TRIMP).
//!
//! - **Banister** (Banister et al. 1975; sex-specific weighting from Morton, Fitz-Clarke &
//!   Banister 1990): `Σ Δt_min · HRr · a·e^(b·HRr)`, `HRr = (HR − HRrest)/(HRmax − HRrest)`, summed
//!   sample by sample over the watch's stream; from the session's average heart rate only when
//!   there is no stream, and the result says which ([`TrimpMethod`]).
//! - **Edwards** (Edwards 1993, *The Heart Rate Monitor Book*): minutes in each 10 % band of
//!   HRmax from 50 % up, weighted 1–5.
//!
//! science.md §5 gives the formulas and the worked example these are tested against.

use serde::{Deserialize, Serialize};

use crate::input::{HeartRate, HeartRateProfile, HrSample, Session, Sex};
use crate::session::SECONDS_PER_MINUTE;

/// Morton et al. 1990, men: weighting `a·e^(b·HRr)` with a = 0.64 …
pub const MALE_A: f64 = 0.64;
/// … and b = 1.92.
pub const MALE_B: f64 = 1.92;
/// Morton et al. 1990, women: a = 0.86 … (fellrnr's 3.4 per-minute maximum implies 0.64: see
/// docs/load/trimp.md)
pub const FEMALE_A: f64 = 0.86;
/// … and b = 1.67.
pub const FEMALE_B: f64 = 1.67;

/// A sample's heart rate holds until the next sample, for at most this long: a longer gap is a
/// pause or a lost strap, not minutes at that heart rate (a runlift decision).
pub const MAX_SAMPLE_GAP_S: f64 = 30.0;

/// Edwards' zones: lower bound of each band as a fraction of HRmax, and its weight.
pub const EDWARDS_ZONES: [(f64, f64); 5] =
    [(0.5, 1.0), (0.6, 2.0), (0.7, 3.0), (0.8, 4.0), (0.9, 5.0)];

/// How a session's TRIMP was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrimpMethod {
    /// Sample by sample over the heart-rate stream.
    Stream,
    /// From the session's average heart rate (no stream was recorded).
    Average,
    /// No heart rate, or no heart-rate profile: no TRIMP.
    None,
}

/// A TRIMP and how it was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trimp {
    pub value: f64,
    pub method: TrimpMethod,
}

impl Trimp {
    const NONE: Trimp = Trimp {
        value: 0.0,
        method: TrimpMethod::None,
    };
}

/// Heart-rate reserve fraction, clamped to 0–1.
pub fn hr_reserve(bpm: f64, hr: &HeartRateProfile) -> f64 {
    ((bpm - hr.rest_bpm) / (hr.max_bpm - hr.rest_bpm)).clamp(0.0, 1.0)
}

/// Banister's per-minute impulse at a heart-rate reserve fraction: `HRr · a·e^(b·HRr)`.
pub fn banister_per_minute(hrr: f64, sex: Sex) -> f64 {
    let (a, b) = match sex {
        Sex::Male => (MALE_A, MALE_B),
        Sex::Female => (FEMALE_A, FEMALE_B),
    };
    hrr * a * (b * hrr).exp()
}

/// The seconds each sample stands for: until the next sample, at most [`MAX_SAMPLE_GAP_S`]; the
/// last sample ends the stream and stands for none; a sample without a finite time or heart
/// rate stands for none.
fn sample_durations(samples: &[HrSample]) -> impl Iterator<Item = (f64, f64)> + '_ {
    samples.windows(2).map(|w| {
        let dt = w[1].t_s - w[0].t_s;
        if dt.is_finite() && w[0].bpm.is_finite() {
            (dt.clamp(0.0, MAX_SAMPLE_GAP_S), w[0].bpm)
        } else {
            (0.0, 0.0)
        }
    })
}

/// Banister TRIMP of a heart-rate stream, sample by sample.
pub fn banister_stream(samples: &[HrSample], hr: &HeartRateProfile) -> f64 {
    sample_durations(samples)
        .map(|(dt, bpm)| dt / SECONDS_PER_MINUTE * banister_per_minute(hr_reserve(bpm, hr), hr.sex))
        .sum()
}

/// Banister TRIMP from the session's minutes and average heart rate.
pub fn banister_average(minutes: f64, avg_bpm: f64, hr: &HeartRateProfile) -> f64 {
    minutes.max(0.0) * banister_per_minute(hr_reserve(avg_bpm, hr), hr.sex)
}

/// Edwards' weight for a heart rate: 0 below 50 % of HRmax, 1–5 by 10 % bands above.
pub fn edwards_weight(bpm: f64, max_bpm: f64) -> f64 {
    let f = bpm / max_bpm;
    EDWARDS_ZONES
        .iter()
        .rev()
        .find(|(lo, _)| f >= *lo)
        .map_or(0.0, |(_, w)| *w)
}

/// Edwards TRIMP of a stream (minutes in each zone × its weight).
pub fn edwards_stream(samples: &[HrSample], max_bpm: f64) -> f64 {
    sample_durations(samples)
        .map(|(dt, bpm)| dt / SECONDS_PER_MINUTE * edwards_weight(bpm, max_bpm))
        .sum()
}

/// A session's Banister TRIMP: from the stream when there is one, else from the average heart
/// rate, else none.
pub fn banister(s: &Session, hr: Option<&HeartRateProfile>) -> Trimp {
    let Some(hr) = hr else {
        return Trimp::NONE;
    };
    match &s.heart_rate {
        HeartRate::Stream(samples) if samples.len() >= 2 => Trimp {
            value: banister_stream(samples, hr),
            method: TrimpMethod::Stream,
        },
        HeartRate::Average(bpm) if bpm.is_finite() => Trimp {
            value: banister_average(s.minutes(), *bpm, hr),
            method: TrimpMethod::Average,
        },
        _ => Trimp::NONE,
    }
}

/// A session's Edwards TRIMP, by the same choice of stream or average as [`banister`].
pub fn edwards(s: &Session, hr: Option<&HeartRateProfile>) -> Trimp {
    let Some(hr) = hr else {
        return Trimp::NONE;
    };
    match &s.heart_rate {
        HeartRate::Stream(samples) if samples.len() >= 2 => Trimp {
            value: edwards_stream(samples, hr.max_bpm),
            method: TrimpMethod::Stream,
        },
        HeartRate::Average(bpm) if bpm.is_finite() => Trimp {
            value: s.minutes().max(0.0) * edwards_weight(*bpm, hr.max_bpm),
            method: TrimpMethod::Average,
        },
        _ => Trimp::NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::Kind;

    const FELLRNR: HeartRateProfile = HeartRateProfile {
        rest_bpm: 40.0,
        max_bpm: 200.0,
        sex: Sex::Male,
    };

    fn steady(seconds: u32, bpm: f64) -> Vec<HrSample> {
        stream(seconds, |_| bpm)
    }

    /// A 1 Hz stream over `seconds`, with a closing sample at the end.
    fn stream(seconds: u32, bpm: impl Fn(u32) -> f64) -> Vec<HrSample> {
        (0..=seconds)
            .map(|t| HrSample {
                t_s: f64::from(t),
                bpm: bpm(t),
            })
            .collect()
    }

    #[test]
    fn fellrnr_worked_example() {
        // science.md §5: fellrnr.com/wiki/TRIMP and betterworkouts: a man, 30 min at 130 bpm,
        // HRrest 40, HRmax 200 gives "32" [PUB]; exact 31.8025, and 37.1285 with the female
        // constants [COMP].
        let m = banister_average(30.0, 130.0, &FELLRNR);
        assert_eq!(m.round(), 32.0);
        assert!((m - 31.8025).abs() < 5e-5, "{m}");
        let f = banister_average(
            30.0,
            130.0,
            &HeartRateProfile {
                sex: Sex::Female,
                ..FELLRNR
            },
        );
        assert!((f - 37.1285).abs() < 5e-5, "{f}");
        // The same 30 minutes as a 1 Hz stream, sample by sample.
        let s = banister_stream(&steady(1800, 130.0), &FELLRNR);
        assert!((s - 31.8025).abs() < 5e-5, "{s}");
    }

    #[test]
    fn stream_is_preferred_and_the_method_is_said() {
        // 15 min at 130 then 15 min at 170: the stream sees the hard half, the average
        // (150 bpm) underestimates it because the weighting is convex.
        let samples = stream(1800, |t| if t < 900 { 130.0 } else { 170.0 });
        let mut s = Session::new(Kind::RunTempo, 1800.0, Some(7.0));
        s.heart_rate = HeartRate::Stream(samples);
        let t = banister(&s, Some(&FELLRNR));
        assert_eq!(t.method, TrimpMethod::Stream);
        let hrr = |b: f64| (b - 40.0) / 160.0;
        let expect = 15.0 * banister_per_minute(hrr(130.0), Sex::Male)
            + 15.0 * banister_per_minute(hrr(170.0), Sex::Male);
        assert!((t.value - expect).abs() < 1e-9, "{} vs {expect}", t.value);
        s.heart_rate = HeartRate::Average(150.0);
        let a = banister(&s, Some(&FELLRNR));
        assert_eq!(a.method, TrimpMethod::Average);
        assert!(a.value < t.value);
        s.heart_rate = HeartRate::None;
        assert_eq!(banister(&s, Some(&FELLRNR)).method, TrimpMethod::None);
        assert_eq!(banister(&s, None).value, 0.0);
    }

    #[test]
    fn pauses_do_not_count_as_minutes() {
        // Three samples 10 minutes apart (a paused watch) count 30 s each, not 10 minutes.
        let samples = [
            HrSample {
                t_s: 0.0,
                bpm: 130.0,
            },
            HrSample {
                t_s: 600.0,
                bpm: 130.0,
            },
            HrSample {
                t_s: 1200.0,
                bpm: 130.0,
            },
        ];
        let v = banister_stream(&samples, &FELLRNR);
        let per_min = banister_per_minute(0.5625, Sex::Male);
        assert!((v - per_min).abs() < 1e-9, "{v}");
    }

    #[test]
    fn edwards_zones() {
        // [COMP] Edwards 1993's bands on HRmax 200: 30 min at 130 bpm (65 %) is zone 2 → 60;
        // 10 min each at 110 (55 %), 150 (75 %) and 190 (95 %) → 10 + 30 + 50 = 90.
        assert_eq!(edwards_weight(99.0, 200.0), 0.0);
        assert_eq!(edwards_weight(100.0, 200.0), 1.0);
        assert_eq!(edwards_weight(130.0, 200.0), 2.0);
        assert_eq!(edwards_weight(180.0, 200.0), 5.0);
        assert_eq!(edwards_weight(210.0, 200.0), 5.0);
        let e = edwards_stream(&steady(1800, 130.0), 200.0);
        assert!((e - 60.0).abs() < 1e-9, "{e}");
        let s = stream(1800, |t| match t {
            0..600 => 110.0,
            600..1200 => 150.0,
            _ => 190.0,
        });
        let e = edwards_stream(&s, 200.0);
        assert!((e - 90.0).abs() < 1e-9, "{e}");
    }
}
