//! The daily table over a log: rest days filled, several entries of a day merged, each
//! system fed by its own model, and the time series lined up with the days.

use runlift_load::trimp::TrimpMethod;
use runlift_load::{
    Athlete, DayLog, HeartRate, HeartRateProfile, LiftSet, Session, Sex, System, daily_loads,
};
use runlift_model::Kind;
use runlift_model::library::library;

const HR: HeartRateProfile = HeartRateProfile {
    rest_bpm: 40.0,
    max_bpm: 200.0,
    sex: Sex::Male,
};

fn run(minutes: f64, rpe: f64, km: f64, hr: HeartRate) -> Session {
    let mut s = Session::new(Kind::RunEasy, minutes * 60.0, Some(rpe));
    s.distance_m = Some(km * 1000.0);
    s.heart_rate = hr;
    s
}

fn lift() -> Session {
    let squat = library().id("back-squat").expect("squat");
    let mut s = Session::new(Kind::StrHeavy, 40.0 * 60.0, Some(7.0));
    s.sets = vec![
        LiftSet {
            exercise: squat,
            reps: 5,
            kg: 80.0,
            rpe: None,
            contacts: None,
        };
        3
    ];
    s
}

#[test]
fn formats_md_example_day() {
    // formats.md's history row: RUN_EASY 45.5 min, 8210 m, RPE 4 → sRPE 182; and the lift
    // `--minutes 40 --rpe 7` → strength 280.
    let easy = run(45.5, 4.0, 8.21, HeartRate::Average(142.0));
    let log = [
        DayLog {
            day: 20_423,
            sessions: vec![easy],
        },
        DayLog {
            day: 20_423,
            sessions: vec![lift()],
        },
        DayLog {
            day: 20_426,
            sessions: vec![run(30.0, 3.0, 6.0, HeartRate::None)],
        },
    ];
    let athlete = Athlete {
        heart_rate: Some(HR),
        ..Athlete::default()
    };
    let t = daily_loads(&log, &athlete).expect("valid");
    assert_eq!(t.len(), 4, "first to last day, rest days included");
    let d = &t[0].summary;
    assert!((d.srpe - (182.0 + 280.0)).abs() < 1e-9, "{}", d.srpe);
    assert_eq!(d.strength, 280.0);
    assert_eq!(d.impact.load(), 8210.0);
    assert_eq!(d.trimp_sources.average, 1);
    assert_eq!(d.trimp_sources.none, 1, "the lift had no heart rate");
    let want = runlift_load::trimp::banister_average(45.5, 142.0, &HR);
    assert!((d.trimp - want).abs() < 1e-9);
    assert_eq!(d.strength_volume.sets, 3);
    // R-FUEL on the day as done: 85.5 min with a session at RPE 7 is a high day.
    assert!((d.minutes - 85.5).abs() < 1e-9 && d.max_rpe == 7.0);
    assert_eq!(d.fuel(), runlift_rules::load::FuelClass::High);
    assert_eq!(t[1].summary.fuel(), runlift_rules::load::FuelClass::Light);
    assert_eq!(t[1].summary.srpe, 0.0);
    assert_eq!(t[3].summary.trimp_sources.none, 1);
    assert_eq!(t[3].summary.trimp, 0.0);
    // Each system's form is its own model's series.
    assert!(t[0].systems.muscular.ctl > 0.0 && t[0].systems.cardio.ctl > 0.0);
    for s in System::ALL {
        let f = t[2].systems.get(s);
        assert!((f.tsb - (f.ctl - f.atl)).abs() < 1e-12);
    }
    assert_eq!(
        runlift_load::trimp::banister(&log[2].sessions[0], Some(&HR)).method,
        TrimpMethod::None
    );
    assert_eq!(t[3].history_days, 4);
    assert!(daily_loads(&[], &athlete).expect("empty").is_empty());
}

#[test]
fn bad_input_is_an_error_naming_the_field() {
    use runlift_load::input::{InputError, Wellness};
    let bad = Athlete {
        heart_rate: Some(HeartRateProfile {
            rest_bpm: 60.0,
            max_bpm: 55.0,
            sex: Sex::Female,
        }),
        ..Athlete::default()
    };
    let log = [DayLog {
        day: 0,
        sessions: vec![run(30.0, 3.0, 5.0, HeartRate::Average(140.0))],
    }];
    let e = daily_loads(&log, &bad).unwrap_err();
    assert!(e.to_string().contains("resting 60 bpm"), "{e}");
    let far = [
        DayLog {
            day: -1_000_000,
            sessions: vec![],
        },
        DayLog {
            day: 1_000_000,
            sessions: vec![],
        },
    ];
    assert!(matches!(
        daily_loads(&far, &Athlete::default()),
        Err(InputError::Span { .. })
    ));
    let w = Wellness {
        day: 3,
        fatigue: 3,
        sleep: 0,
        soreness: 3,
        stress: 3,
        mood: 3,
        sleep_s: None,
        rmssd_ms: Some(-4.0),
        rest_hr_bpm: None,
    };
    let p = runlift_load::ReadinessParams::default();
    let e = runlift_load::readiness_days(&[w], &[], &p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "wellness sleep = 0 on day 3: expected 1–5 (5 best)"
    );
    let e = runlift_load::readiness_days(&[Wellness { sleep: 4, ..w }], &[], &p).unwrap_err();
    assert!(e.to_string().contains("rmssd_ms = -4"), "{e}");
}
