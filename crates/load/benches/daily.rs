//! Benchmarks of the load models. The target (issue 14): all daily load models for 10 years ×
//! 1,000 athletes in ≤ 2 s on 2 cores; the peer is tools/load_reference.py (pandas) on the same
//! workload, run in the same session (BENCHMARKS.md). Run:
//! `cargo bench -p runlift-load --bench daily` and
//! `python3 tools/load_reference.py --bench --athletes 1000 --years 10`.

use std::hint::black_box;

use runlift_load::baseline::baselines;
use runlift_load::daily::Athlete;
use runlift_load::input::{DayLog, HeartRate, HeartRateProfile, HrSample, LiftSet, Session, Sex};
use runlift_load::pmc::Weighting;
use runlift_load::{ReadinessParams, daily_loads, models, readiness_days};
use runlift_model::Kind;
use runlift_model::library::library;

#[path = "../tests/it/synth.rs"]
mod synth;

use synth::{History, Rng, history};

fn main() {
    divan::main();
}

const ATHLETES: usize = 1000;
const DAYS: usize = 3652;
const THREADS: usize = 2;

/// Every daily model of one athlete: fitness/fatigue/form combined and per system, EWMA and
/// rolling ACWR (combined and per system), monotony and strain, HRV and resting-HR baselines.
fn all_models(h: &History) -> f64 {
    let t = models(&h.days, Weighting::Exponential);
    let hrv = baselines(&h.ln_rmssd);
    let rhr = baselines(&h.rest_hr);
    let last = t
        .last()
        .map_or(0.0, |l| l.combined.ctl + l.systems.impact.tsb);
    last + hrv.iter().flatten().count() as f64 + rhr.iter().flatten().count() as f64
}

/// All athletes' models on `threads` threads (athletes split evenly).
fn run_all(athletes: &[History], threads: usize) -> f64 {
    std::thread::scope(|s| {
        let handles: Vec<_> = athletes
            .chunks(athletes.len().div_ceil(threads))
            .map(|chunk| s.spawn(move || chunk.iter().map(all_models).sum::<f64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0.0)).sum()
    })
}

#[divan::bench(sample_count = 5, sample_size = 1, args = [1, THREADS])]
fn all_daily_models_1000_athletes_10_years(b: divan::Bencher, threads: usize) {
    let athletes: Vec<History> = (0..ATHLETES as u64)
        .map(|i| history(0x1400 + i, DAYS, 0..0))
        .collect();
    b.bench(|| black_box(run_all(&athletes, threads)));
}

/// A 10-year log with sessions: an easy run with average HR most days, a lift with sets twice a
/// week, a plyometric session once a week.
fn session_log() -> Vec<DayLog> {
    let squat = library().id("back-squat").expect("squat");
    let pogo = library().id("pogo-hops").expect("pogo");
    let mut r = Rng(0x5eed);
    (0..DAYS as i32)
        .map(|day| {
            let mut sessions = Vec::new();
            if r.next() < 0.7 {
                let mut s = Session::new(Kind::RunEasy, 2400.0 + 2400.0 * r.next(), Some(4.0));
                s.distance_m = Some(s.seconds / 330.0 * 1000.0);
                s.heart_rate = HeartRate::Average(130.0 + 20.0 * r.next());
                sessions.push(s);
            }
            if day % 7 == 1 || day % 7 == 4 {
                let mut s = Session::new(Kind::StrHeavy, 2700.0, None);
                s.sets = (0..4)
                    .map(|k| LiftSet {
                        exercise: squat,
                        reps: 5,
                        kg: 80.0 + f64::from(k) * 2.5 + f64::from(day) * 0.005,
                        rpe: Some(8.0),
                        contacts: None,
                    })
                    .collect();
                sessions.push(s);
            }
            if day % 7 == 6 {
                let mut s = Session::new(Kind::StrPlyo, 1200.0, None);
                s.sets = vec![
                    LiftSet {
                        exercise: pogo,
                        reps: 20,
                        kg: 0.0,
                        rpe: None,
                        contacts: None,
                    };
                    4
                ];
                sessions.push(s);
            }
            DayLog { day, sessions }
        })
        .collect()
}

const HR: HeartRateProfile = HeartRateProfile {
    rest_bpm: 45.0,
    max_bpm: 190.0,
    sex: Sex::Female,
};

#[divan::bench(sample_count = 20)]
fn one_athlete_10_years_from_sessions(b: divan::Bencher) {
    let log = session_log();
    let athlete = Athlete {
        heart_rate: Some(HR),
        weighting: Weighting::Exponential,
    };
    b.bench(|| black_box(daily_loads(black_box(&log), &athlete)).map_or(0, |t| t.len()));
}

/// The whole pipeline, sessions to every daily model, 1,000 times over one 10-year log (the same
/// log each time: generating 1,000 distinct session logs would take gigabytes), on 2 threads.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn sessions_to_all_models_1000_runs_of_10_years_2_threads(b: divan::Bencher) {
    let log = session_log();
    let athlete = Athlete {
        heart_rate: Some(HR),
        weighting: Weighting::Exponential,
    };
    let (log, athlete) = (&log, &athlete);
    b.bench(|| {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(move || {
                        (0..ATHLETES / THREADS)
                            .map(|_| daily_loads(black_box(log), athlete).map_or(0, |t| t.len()))
                            .sum::<usize>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(0))
                .sum::<usize>()
        })
    });
}

#[divan::bench(sample_count = 20)]
fn readiness_10_years(b: divan::Bencher) {
    let h = history(7, DAYS, 0..0);
    let t = models(&h.days, Weighting::Exponential);
    let wellness: Vec<runlift_load::Wellness> = (0..DAYS as i32)
        .map(|day| runlift_load::Wellness {
            day,
            fatigue: 3 + (day % 3) as u8,
            sleep: 4,
            soreness: 2 + (day % 4) as u8,
            stress: 3,
            mood: 4,
            sleep_s: Some(6.5 * 3600.0 + f64::from(day % 5) * 1800.0),
            rmssd_ms: h.ln_rmssd[day as usize].map(f64::exp),
            rest_hr_bpm: h.rest_hr[day as usize],
        })
        .collect();
    let p = ReadinessParams::default();
    b.bench(|| black_box(readiness_days(&wellness, &t, &p)).map_or(0, |r| r.len()));
}

#[divan::bench(sample_count = 50)]
fn banister_trimp_one_hour_stream_1hz(b: divan::Bencher) {
    let samples: Vec<HrSample> = (0..=3600)
        .map(|t| HrSample {
            t_s: f64::from(t),
            bpm: 120.0 + 40.0 * (f64::from(t) / 600.0).sin().abs(),
        })
        .collect();
    b.bench(|| runlift_load::trimp::banister_stream(black_box(&samples), &HR));
}
