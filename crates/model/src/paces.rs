//! Jack Daniels' VDOT (science.md §1, docs/paces.md): VDOT from a race, training paces (E range,
//! M, T, I, R) and equivalent race times. From VDOT 30 to 85 the values follow the published table
//! rows (every fifth VDOT, [`table::ROWS`]), interpolated between rows along the Daniels–Gilbert
//! curve; outside that range the formula alone, blended in continuously over five VDOT points.
//! Pure values: no IO.

use crate::structure::Zone;

#[path = "paces_table.rs"]
pub mod table;

use table::{ROWS, Row};

/// Lowest VDOT runlift accepts.
pub const VDOT_MIN: f64 = 20.0;
/// Highest VDOT runlift accepts.
pub const VDOT_MAX: f64 = 90.0;
/// Width, in VDOT points, of the band outside the published rows over which the table's
/// correction to the formula fades to zero (25–30 and 85–90).
pub const BLEND_VDOT: f64 = 5.0;

/// tlgs' fitted fractions of VDOT for the training paces (science.md §1).
pub mod fraction {
    pub const E_SLOW: f64 = 0.6304;
    pub const E_FAST: f64 = 0.7346;
    pub const M: f64 = 0.8251;
    pub const T: f64 = 0.8799;
    pub const I: f64 = 0.9743;
}

/// Why a VDOT or a race cannot give paces.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PaceError {
    #[error("VDOT {0} is outside {VDOT_MIN}–{VDOT_MAX}")]
    VdotOutOfRange(f64),
    #[error("race distance {0} m: expected between 800 and 50000 metres")]
    Distance(f64),
    #[error("race time {0} s: expected a positive time")]
    Time(f64),
    #[error("{metres} m in {seconds} s gives VDOT {vdot:.1}, outside {VDOT_MIN}–{VDOT_MAX}")]
    RaceOutOfRange {
        metres: f64,
        seconds: f64,
        vdot: f64,
    },
}

// ---------------------------------------------------------------------------------------------
// Pace ranges used by plans, watches and the linter

/// A pace range in seconds per kilometre; `slow_s_per_km >= fast_s_per_km`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PaceRange {
    pub slow_s_per_km: u32,
    pub fast_s_per_km: u32,
}

impl PaceRange {
    /// A single pace widened by `tolerance_s` either side.
    pub fn around(s_per_km: u32, tolerance_s: u32) -> PaceRange {
        PaceRange {
            slow_s_per_km: s_per_km.saturating_add(tolerance_s),
            fast_s_per_km: s_per_km.saturating_sub(tolerance_s).max(1),
        }
    }

    /// The middle of the range.
    pub fn mid_s_per_km(self) -> f64 {
        (f64::from(self.slow_s_per_km) + f64::from(self.fast_s_per_km)) / 2.0
    }
}

/// Training paces for the five zones, in whole seconds per kilometre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paces {
    pub e: PaceRange,
    pub m: PaceRange,
    pub t: PaceRange,
    pub i: PaceRange,
    pub r: PaceRange,
}

impl Paces {
    pub fn zone(&self, z: Zone) -> PaceRange {
        match z {
            Zone::E => self.e,
            Zone::M => self.m,
            Zone::T => self.t,
            Zone::I => self.i,
            Zone::R => self.r,
        }
    }

    /// Daniels training paces for a VDOT ([`TrainingPaces::at`]), rounded to whole seconds; the
    /// single paces (M, T, I, R) are widened by `tolerance_s` either side. A VDOT outside
    /// [`VDOT_MIN`]–[`VDOT_MAX`] (or NaN) is clamped into it, so this never fails.
    pub fn from_vdot(vdot: f64, tolerance_s: u32) -> Paces {
        TrainingPaces::clamped(vdot).rounded(tolerance_s)
    }
}

/// A race time, `h:mm:ss` or `m:ss` (seconds may have decimals), in seconds: two or three parts,
/// a whole leading part, the others under 60, more than zero in all. None otherwise.
pub fn parse_race_time(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut total = 0.0;
    for (k, p) in parts.iter().enumerate() {
        let v: f64 = p.trim().parse().ok()?;
        let leading = k == 0;
        if !v.is_finite() || v < 0.0 || (!leading && v >= 60.0) || (leading && v.fract() != 0.0) {
            return None;
        }
        total = total * 60.0 + v;
    }
    (total > 0.0).then_some(total)
}

/// [`parse_race_time`] with a message for people when the text is not a time: what was expected,
/// and for the usual slips (`52.30`, `52'30`, `52m30`) the time they probably meant.
pub fn parse_race_time_or_hint(text: &str) -> Result<f64, String> {
    if let Some(t) = parse_race_time(text) {
        return Ok(t);
    }
    let t = text.trim();
    let colons: String = t
        .chars()
        .map(|c| {
            if matches!(c, '.' | '\'' | 'm' | ',') {
                ':'
            } else {
                c
            }
        })
        .filter(|c| !matches!(c, '"' | 's'))
        .collect();
    let hint = match parse_race_time(&colons) {
        Some(_) if colons != t => {
            format!("; did you mean \"{colons}\"? (minutes and seconds are separated by a colon)")
        }
        _ => String::new(),
    };
    Err(format!(
        "\"{text}\" is not a race time: expected m:ss or h:mm:ss, e.g. \"52:30\" or \"1:52:30\"{hint}"
    ))
}

/// The VDOT of a race given as text (a recent race, `--race --time`): the time read by
/// [`parse_race_time_or_hint`] and checked by [`vdot_of_race`], so every command accepts and
/// refuses the same times. An implausible time says so, and when the same digits read as
/// h:mm:ss make a plausible race, suggests it (`5:30` for a 10K).
pub fn recent_race_vdot(metres: f64, text: &str) -> Result<f64, String> {
    let seconds = parse_race_time_or_hint(text)?;
    vdot_of_race(metres, seconds).map_err(|e| {
        let longer = format!("{}:00", text.trim());
        let hint = match parse_race_time(&longer).map(|s| vdot_of_race(metres, s)) {
            Some(Ok(_)) => format!("; did you mean \"{longer}\" (h:mm:ss)?"),
            _ => String::new(),
        };
        match e {
            PaceError::RaceOutOfRange { vdot, .. } => format!(
                "\"{text}\" for {:.0} m gives VDOT {vdot:.0}, outside {VDOT_MIN}–{VDOT_MAX}: not a plausible race time{hint}",
                metres
            ),
            other => other.to_string(),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The Daniels–Gilbert formula

/// Oxygen cost (ml·kg⁻¹·min⁻¹) of running at `v` metres per minute.
fn oxygen_cost(v: f64) -> f64 {
    -4.60 + 0.182258 * v + 0.000104 * v * v
}

/// Fraction of VO2max sustainable for a race lasting `t` minutes.
fn sustainable_fraction(t: f64) -> f64 {
    0.8 + 0.1894393 * (-0.012778 * t).exp() + 0.2989558 * (-0.1932605 * t).exp()
}

/// VDOT from a race (science.md §1, Daniels & Gilbert): oxygen cost of the race speed over the
/// fraction of VO2max sustainable for the race's duration. No checks: see [`vdot_of_race`].
pub fn vdot_from_race(metres: f64, seconds: f64) -> f64 {
    let t = seconds / 60.0;
    oxygen_cost(metres / t) / sustainable_fraction(t)
}

/// VDOT from a race, checked: the distance must be 800 m to 50 km, the time positive, and the
/// result within [`VDOT_MIN`]–[`VDOT_MAX`].
pub fn vdot_of_race(metres: f64, seconds: f64) -> Result<f64, PaceError> {
    if !(800.0..=50_000.0).contains(&metres) {
        return Err(PaceError::Distance(metres));
    }
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(PaceError::Time(seconds));
    }
    let vdot = vdot_from_race(metres, seconds);
    if !(VDOT_MIN..=VDOT_MAX).contains(&vdot) {
        return Err(PaceError::RaceOutOfRange {
            metres,
            seconds,
            vdot,
        });
    }
    Ok(vdot)
}

/// The formula's pace, in seconds per km, at `fraction` of `vdot`.
pub fn formula_pace(fraction: f64, vdot: f64) -> f64 {
    let (a, b, c) = (0.000104, 0.182258, -4.60 - fraction * vdot);
    let v = (-b + (b * b - 4.0 * a * c).max(0.0).sqrt()) / (2.0 * a);
    60_000.0 / v.max(1.0)
}

/// How much faster than I pace the formula puts R pace, s/km: Daniels' "6-second rule" as adapted
/// by tlgs (20 s/km below VDOT 50, 15 s/km from 50 up), made continuous by a linear change from
/// VDOT 45 to 55. Outside the published rows (where it alone decides) it is exactly 20 or 15.
fn r_offset(vdot: f64) -> f64 {
    20.0 - 5.0 * ((vdot - 45.0) / 10.0).clamp(0.0, 1.0)
}

/// The formula's race time in seconds for `metres` at `vdot`: the time whose VDOT is `vdot`
/// (bisection; the formula's VDOT falls as the time grows).
pub fn formula_race_time(vdot: f64, metres: f64) -> f64 {
    let km = metres / 1000.0;
    let (mut lo, mut hi) = (km * 60.0, km * 1800.0);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if vdot_from_race(metres, mid) > vdot {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

// ---------------------------------------------------------------------------------------------
// The table, interpolated

/// A value at `vdot` from the published rows, interpolated along the formula: between two rows
/// it is each row's value moved by the formula's change since that row, weighted linearly by the
/// distance to the rows (so it equals the table at a row, and its slope is the formula's plus a
/// constant per interval). Below the first row and above the last the table's offset from the
/// formula fades linearly to zero over [`BLEND_VDOT`] points: pure formula below 25 and above 90.
fn along_table(vdot: f64, formula: impl Fn(f64) -> f64, column: impl Fn(&Row) -> f64) -> f64 {
    let here = formula(vdot);
    let from_row = |row: &Row| column(row) + (here - formula(row.vdot));
    let (first, last) = (&ROWS[0], &ROWS[ROWS.len() - 1]);
    if vdot <= first.vdot {
        let w = ((vdot - (first.vdot - BLEND_VDOT)) / BLEND_VDOT).clamp(0.0, 1.0);
        return here + w * (from_row(first) - here);
    }
    if vdot >= last.vdot {
        let w = ((last.vdot + BLEND_VDOT - vdot) / BLEND_VDOT).clamp(0.0, 1.0);
        return here + w * (from_row(last) - here);
    }
    let k = ROWS
        .windows(2)
        .position(|w| vdot < w[1].vdot)
        .unwrap_or(ROWS.len() - 2);
    let (a, b) = (&ROWS[k], &ROWS[k + 1]);
    let w = (vdot - a.vdot) / (b.vdot - a.vdot);
    (1.0 - w) * from_row(a) + w * from_row(b)
}

fn check(vdot: f64) -> Result<f64, PaceError> {
    if (VDOT_MIN..=VDOT_MAX).contains(&vdot) {
        Ok(vdot)
    } else {
        Err(PaceError::VdotOutOfRange(vdot))
    }
}

/// Daniels training paces at one VDOT, in seconds per km (not rounded).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingPaces {
    pub vdot: f64,
    /// Fast end of the E range.
    pub e_fast: f64,
    /// Slow end of the E range.
    pub e_slow: f64,
    pub m: f64,
    pub t: f64,
    pub i: f64,
    pub r: f64,
}

impl TrainingPaces {
    /// The published table's paces at `vdot`, interpolated between its rows and blended into the
    /// formula outside VDOT 30–85 (docs/paces.md).
    pub fn at(vdot: f64) -> Result<TrainingPaces, PaceError> {
        check(vdot).map(TrainingPaces::clamped)
    }

    /// Like [`TrainingPaces::at`], with `vdot` clamped into range (NaN counts as the minimum).
    pub fn clamped(vdot: f64) -> TrainingPaces {
        let v = if vdot.is_nan() {
            VDOT_MIN
        } else {
            vdot.clamp(VDOT_MIN, VDOT_MAX)
        };
        let at = |f: f64, col: fn(&Row) -> f64| along_table(v, |x| formula_pace(f, x), col);
        TrainingPaces {
            vdot: v,
            e_fast: at(fraction::E_FAST, |r| r.e_fast),
            e_slow: at(fraction::E_SLOW, |r| r.e_slow),
            m: at(fraction::M, |r| r.m),
            t: at(fraction::T, |r| r.t),
            i: at(fraction::I, |r| r.i),
            r: along_table(v, |x| formula_pace(fraction::I, x) - r_offset(x), |r| r.r),
        }
    }

    /// The Daniels–Gilbert formula's paces alone (tlgs' fractions; R from I), for comparison.
    pub fn formula(vdot: f64) -> TrainingPaces {
        let i = formula_pace(fraction::I, vdot);
        TrainingPaces {
            vdot,
            e_fast: formula_pace(fraction::E_FAST, vdot),
            e_slow: formula_pace(fraction::E_SLOW, vdot),
            m: formula_pace(fraction::M, vdot),
            t: formula_pace(fraction::T, vdot),
            i,
            r: i - r_offset(vdot),
        }
    }

    /// Whole seconds per km; M, T, I and R widened by `tolerance_s` either side.
    pub fn rounded(&self, tolerance_s: u32) -> Paces {
        let s = |x: f64| x.round().clamp(1.0, 3600.0) as u32;
        Paces {
            e: PaceRange {
                slow_s_per_km: s(self.e_slow),
                fast_s_per_km: s(self.e_fast),
            },
            m: PaceRange::around(s(self.m), tolerance_s),
            t: PaceRange::around(s(self.t), tolerance_s),
            i: PaceRange::around(s(self.i), tolerance_s),
            r: PaceRange::around(s(self.r), tolerance_s),
        }
    }
}

/// The race distances of the published table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Race {
    M1500,
    Mile,
    M3000,
    TwoMiles,
    K5,
    K10,
    K15,
    Half,
    Marathon,
}

impl Race {
    /// In the order of the table's columns ([`table::Row::race_s`]).
    pub const ALL: [Race; 9] = [
        Race::M1500,
        Race::Mile,
        Race::M3000,
        Race::TwoMiles,
        Race::K5,
        Race::K10,
        Race::K15,
        Race::Half,
        Race::Marathon,
    ];

    /// The six of `runlift paces` (formats.md "Paces").
    pub const MAIN: [Race; 6] = [
        Race::M1500,
        Race::Mile,
        Race::K5,
        Race::K10,
        Race::Half,
        Race::Marathon,
    ];

    pub fn metres(self) -> f64 {
        match self {
            Race::M1500 => 1500.0,
            Race::Mile => 1609.344,
            Race::M3000 => 3000.0,
            Race::TwoMiles => 3218.688,
            Race::K5 => 5000.0,
            Race::K10 => 10_000.0,
            Race::K15 => 15_000.0,
            Race::Half => 21_097.5,
            Race::Marathon => 42_195.0,
        }
    }

    /// The key of formats.md's `race_times_s` (also accepted by `runlift paces --race`).
    pub fn key(self) -> &'static str {
        match self {
            Race::M1500 => "1500m",
            Race::Mile => "mile",
            Race::M3000 => "3000m",
            Race::TwoMiles => "2mile",
            Race::K5 => "5k",
            Race::K10 => "10k",
            Race::K15 => "15k",
            Race::Half => "half",
            Race::Marathon => "marathon",
        }
    }

    pub fn from_key(s: &str) -> Option<Race> {
        Race::ALL.into_iter().find(|r| r.key() == s)
    }

    fn column(self) -> usize {
        Race::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// The equivalent race time in seconds at `vdot`: the published table's, interpolated between
/// rows along the formula's race time and blended into the formula outside VDOT 30–85.
pub fn race_time(vdot: f64, race: Race) -> Result<f64, PaceError> {
    let v = check(vdot)?;
    let col = race.column();
    Ok(along_table(
        v,
        |x| formula_race_time(x, race.metres()),
        |row| row.race_s[col],
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn race_times_parse() {
        assert_eq!(parse_race_time("45:16"), Some(2716.0));
        assert_eq!(parse_race_time("1:32:05"), Some(5525.0));
        assert_eq!(parse_race_time(" 19:59.5 "), Some(1199.5));
        for bad in [
            "45", "2716", "1:2:3:4", "4x:10", "10:75", "0:00", "-1:00", "1.5:00", "",
        ] {
            assert_eq!(parse_race_time(bad), None, "{bad}");
        }
    }

    use super::*;

    #[test]
    fn rows_come_back_exactly() {
        for row in &ROWS {
            let p = TrainingPaces::at(row.vdot).unwrap();
            assert_eq!(
                [p.e_fast, p.e_slow, p.m, p.t, p.i, p.r],
                [row.e_fast, row.e_slow, row.m, row.t, row.i, row.r],
                "VDOT {}",
                row.vdot
            );
            for race in Race::ALL {
                assert_eq!(
                    race_time(row.vdot, race).unwrap(),
                    row.race_s[race.column()]
                );
            }
        }
    }

    #[test]
    fn blends_into_the_formula_outside_the_table() {
        for v in [20.0, 24.9, 25.0, 90.0] {
            assert_eq!(TrainingPaces::at(v).unwrap(), TrainingPaces::formula(v));
        }
        // Halfway through the blend: halfway between the formula and the table's offset.
        let (a, f) = (
            TrainingPaces::at(27.5).unwrap(),
            TrainingPaces::formula(27.5),
        );
        let offset_30 = ROWS[0].m - formula_pace(fraction::M, 30.0);
        assert!((a.m - f.m - offset_30 / 2.0).abs() < 1e-9, "{a:?} {f:?}");
    }

    #[test]
    fn out_of_range_is_an_error_and_from_vdot_clamps() {
        assert_eq!(
            TrainingPaces::at(19.9),
            Err(PaceError::VdotOutOfRange(19.9))
        );
        assert!(TrainingPaces::at(f64::NAN).is_err());
        assert!(race_time(95.0, Race::K5).is_err());
        assert_eq!(Paces::from_vdot(-1000.0, 0), Paces::from_vdot(20.0, 0));
        assert_eq!(Paces::from_vdot(f64::NAN, 0), Paces::from_vdot(20.0, 0));
        assert_eq!(Paces::from_vdot(1e9, 0), Paces::from_vdot(90.0, 0));
    }

    #[test]
    fn from_vdot_rounds_and_widens() {
        let p = Paces::from_vdot(45.0, 5);
        assert_eq!(
            (p.e, p.m, p.t, p.i, p.r),
            (
                PaceRange {
                    slow_s_per_km: 363,
                    fast_s_per_km: 323
                },
                PaceRange::around(297, 5),
                PaceRange::around(278, 5),
                PaceRange::around(256, 5),
                PaceRange::around(235, 5),
            )
        );
        assert_eq!(p.t.slow_s_per_km, 283);
        assert_eq!(p.t.fast_s_per_km, 273);
    }

    #[test]
    fn vdot_of_race_checks_its_input() {
        // Daniels' VDOT 50 row: 5 K 19:57, 10 K 41:21, half 1:31:35 (science.md: 49.95-49.97).
        for (m, s) in [(5000.0, 1197.0), (10_000.0, 2481.0), (21_097.5, 5495.0)] {
            let v = vdot_of_race(m, s).unwrap();
            assert!((v - 49.96).abs() < 0.03, "{m} m in {s} s: {v}");
        }
        assert_eq!(vdot_of_race(100.0, 12.0), Err(PaceError::Distance(100.0)));
        assert_eq!(vdot_of_race(5000.0, 0.0), Err(PaceError::Time(0.0)));
        assert!(matches!(
            vdot_of_race(5000.0, 600.0),
            Err(PaceError::RaceOutOfRange { .. })
        ));
    }

    #[test]
    fn formula_race_time_inverts_vdot_from_race() {
        for v in [20.0, 45.0, 90.0] {
            for race in Race::ALL {
                let t = formula_race_time(v, race.metres());
                assert!((vdot_from_race(race.metres(), t) - v).abs() < 1e-6);
            }
        }
    }
}
