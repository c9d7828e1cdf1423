//! Run prescriptions: each run's `structure` (formats.md language), minutes and distance from the
//! athlete's Daniels paces, by kind, phase and level (rulebook §1.2, §4.3).

use runlift_model::Kind;
use runlift_model::plan::Phase;
use runlift_model::profile::{Distance, Level};
use runlift_model::structure::{self, Paces};

/// A run's prescription.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRx {
    pub kind: Kind,
    pub minutes: u16,
    pub distance_m: f64,
    pub structure: String,
    pub title: String,
}

/// Estimate minutes and metres of a structure text at the athlete's paces.
pub fn estimate(text: &str, paces: &Paces) -> (u16, f64) {
    match structure::parse(text) {
        Ok(s) => {
            let e = s.estimate(paces);
            (
                ((e.seconds / 60.0).round() as u16).max(1),
                (e.metres / 10.0).round() * 10.0,
            )
        }
        Err(_) => (0, 0.0),
    }
}

fn make(kind: Kind, text: String, title: String, paces: &Paces) -> RunRx {
    let (minutes, distance_m) = estimate(&text, paces);
    RunRx {
        kind,
        minutes,
        distance_m,
        structure: text,
        title,
    }
}

/// An easy (or recovery) run of `minutes`, with strides when asked.
pub fn easy(kind: Kind, minutes: u16, strides: bool, paces: &Paces) -> RunRx {
    let minutes = minutes.max(15);
    if strides && minutes >= 25 {
        let text = format!("{} min E + 6 x 20 s @ R (60 s walk)", minutes - 7);
        let mut r = make(
            kind,
            text,
            format!("Easy {} min + 6 strides", minutes - 7),
            paces,
        );
        r.minutes = minutes;
        return r;
    }
    let word = if kind == Kind::RunRec {
        "Recovery"
    } else {
        "Easy"
    };
    make(
        kind,
        format!("{minutes} min E"),
        format!("{word} {minutes} min"),
        paces,
    )
}

/// The long run of `minutes`; half and marathon goals run the last part at M pace in
/// preparation and peak weeks.
pub fn long(minutes: u16, phase: Phase, goal: Distance, deload: bool, paces: &Paces) -> RunRx {
    // (a deload of a 30-minute week may take its long run down to 20 minutes: R-DELOAD)
    let minutes = minutes.max(if deload { 20 } else { 30 });
    let m_part = matches!(phase, Phase::Preparation | Phase::Peak)
        && !deload
        && goal.metres() >= 21_000.0
        && minutes >= 80;
    let (text, title) = if m_part {
        let m = if phase == Phase::Peak { 30 } else { 20 };
        (
            format!("{} min E + {m} min @ M", minutes - m),
            format!("Long {minutes} min, last {m} at marathon pace"),
        )
    } else {
        (
            format!("{minutes} min E"),
            format!("Long run {minutes} min"),
        )
    };
    let mut r = make(Kind::RunLong, text, title, paces);
    r.minutes = minutes;
    r
}

/// The hard runs of a week, in the order they are placed (§4.3 by phase and level). `scale`
/// shortens the quality part in taper and race weeks.
pub fn quality(
    n: usize,
    phase: Phase,
    level: Level,
    goal: Distance,
    taper: bool,
    paces: &Paces,
) -> Vec<RunRx> {
    let short_goal = goal.metres() <= 10_000.0;
    let (tempo_reps, tempo_min, int_reps, int_m) = match level {
        Level::Beginner => (3, 5, 4, 800),
        Level::Intermediate => (3, 8, 5, 1000),
        Level::Advanced => (4, 8, 6, 1000),
    };
    let (tempo_reps, int_reps) = if taper {
        (2, (int_reps / 2).max(2))
    } else {
        (tempo_reps, int_reps)
    };
    let tempo = || {
        make(
            Kind::RunTempo,
            format!("15 min E + {tempo_reps} x {tempo_min} min @ T (2 min jog) + 10 min E"),
            format!("Threshold {tempo_reps} × {tempo_min} min"),
            paces,
        )
    };
    let intervals = || {
        let amount = if int_m >= 1000 {
            format!("{} km", int_m / 1000)
        } else {
            format!("{int_m} m")
        };
        make(
            Kind::RunInt,
            format!("2 km E + {int_reps} x {amount} @ I (3 min jog) + 2 km E"),
            format!("Intervals {int_reps} × {amount}"),
            paces,
        )
    };
    let hills = || {
        make(
            Kind::RunHill,
            "15 min E + 8 x 60 s @ I (90 s jog) + 10 min E".to_string(),
            "Hill repeats 8 × 60 s uphill".to_string(),
            paces,
        )
    };
    let order: Vec<RunRx> = match phase {
        Phase::Base if level == Level::Beginner => vec![tempo()],
        Phase::Base => vec![tempo(), hills()],
        Phase::Preparation | Phase::InSeason => vec![intervals(), tempo()],
        Phase::Peak | Phase::Taper | Phase::Race => {
            if short_goal {
                vec![intervals(), tempo()]
            } else {
                vec![tempo(), intervals()]
            }
        }
        Phase::Transition => vec![],
    };
    order.into_iter().take(n).collect()
}

/// A time trial (R-TEST): 3 km hard between an easy warm-up and cool-down.
pub fn time_trial(paces: &Paces) -> RunRx {
    make(
        Kind::RunTt,
        "15 min E + 3 km @ I + 10 min E".to_string(),
        "Time trial 3 km (test)".to_string(),
        paces,
    )
}

/// A flying sprint test (R-TEST): 4 × 30 m flat out after a 20 m run-in, walked back in full.
pub fn sprint_test(paces: &Paces) -> RunRx {
    make(
        Kind::RunSprint,
        "15 min E + 4 x 30 m @ R (4 min walk) + 10 min E".to_string(),
        "Flying 30 m sprint (test): 20 m run-in, 30 m timed".to_string(),
        paces,
    )
}

/// Race week's shakeout (R-RACE-WEEK): 15–20 min easy and four relaxed strides, on one of the
/// two days before an A or B race.
pub fn shakeout(minutes: u16, paces: &Paces) -> RunRx {
    // (the strides and their walks take 4 min 20 s: the session stays within 15–30 min)
    let e = minutes.clamp(15, 30) - 4;
    make(
        Kind::RunEasy,
        format!("{e} min E + 4 x 20 s @ R (60 s walk)"),
        format!("Shakeout {e} min + 4 strides"),
        paces,
    )
}

/// An A race's sharpener 3–5 days out (R-RACE-WEEK, R-TAPER-A v2): short reps at about race
/// pace, about half a normal session's work. (Minimal structures: the workout families may
/// refine them.)
pub fn sharpener(goal: Distance, paces: &Paces) -> RunRx {
    let m = goal.metres();
    let (kind, text, title) = if m <= 5_000.0 {
        (
            Kind::RunInt,
            "15 min E + 4 x 400 m @ I (2 min jog) + 10 min E",
            "Sharpener 4 × 400 m at 5K effort",
        )
    } else if m <= 10_000.0 {
        (
            Kind::RunInt,
            "15 min E + 4 x 800 m @ I (2 min jog) + 10 min E",
            "Sharpener 4 × 800 m",
        )
    } else if m <= 21_100.0 {
        (
            Kind::RunTempo,
            "15 min E + 2 x 8 min @ T (3 min jog) + 10 min E",
            "Sharpener 2 × 8 min",
        )
    } else {
        (
            Kind::RunTempo,
            "15 min E + 4 km @ M + 10 min E",
            "Sharpener 4 km at marathon pace",
        )
    };
    make(kind, text.to_string(), title.to_string(), paces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structures_parse_and_estimate() {
        let p = Paces::from_vdot(45.0, 3);
        for q in quality(
            2,
            Phase::Preparation,
            Level::Intermediate,
            Distance::K10,
            false,
            &p,
        ) {
            assert!(q.minutes > 30 && q.minutes < 90, "{q:?}");
            assert!(q.distance_m > 5000.0, "{q:?}");
        }
        let e = easy(Kind::RunEasy, 45, true, &p);
        assert_eq!(e.minutes, 45);
        assert!(e.structure.contains("@ R"), "{e:?}");
        let l = long(100, Phase::Peak, Distance::Marathon, false, &p);
        assert_eq!(l.structure, "70 min E + 30 min @ M");
    }
}
