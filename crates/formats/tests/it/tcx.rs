//! TCX decoder against `shared/data/truth.json` for every TCX file in `MANIFEST.tsv`: point and
//! lap counts, positioned points, haversine distance per track, lap distance and time sums,
//! sports and the time span of the points.

use runlift_formats::geo::track_distance_m;
use runlift_formats::{Format, Samples, tcx};
use serde_json::Value;

use super::truth::{data_dir, manifest_files, manifest_notes, truth_entry};

fn approx(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn every_tcx_file_matches_truth() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let files = manifest_files("tcx");
    assert!(
        files.len() >= 16,
        "manifest lists {} TCX files",
        files.len()
    );
    for name in files {
        let bytes = std::fs::read(data_dir.join(&name)).expect("read data file");
        let t: &Value = &truth_entry(&name)["tcx"];
        let act = tcx::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(act.format, Format::Tcx);
        let s = &act.samples;
        let n = t["n_trackpoints"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(s.len(), n, "{name}: track points");
        let positioned = s
            .lat
            .iter()
            .zip(&s.lon)
            .filter(|(a, b)| !a.is_nan() && !b.is_nan())
            .count();
        assert_eq!(
            positioned as u64,
            t["n_trackpoints_with_position"].as_u64().unwrap_or(0),
            "{name}"
        );
        assert_eq!(
            act.laps.len() as u64,
            t["n_laps"].as_u64().unwrap_or(0),
            "{name}: laps"
        );

        let want = t["distance_haversine_m"].as_f64().unwrap_or(f64::NAN);
        let along = track_distance_m(&s.lat, &s.lon, &s.segment_starts);
        assert!(
            approx(along, want, 0.011),
            "{name}: haversine {along} vs {want}"
        );

        // Sessions: one per Activity, plus one for a course with points.
        let n_act = t["n_activities"].as_u64().unwrap_or(0) as usize;
        let course = manifest_notes(&name).contains("course_or_workout_no_activity") && n > 0;
        assert_eq!(
            act.sessions.len(),
            n_act + usize::from(course),
            "{name}: sessions"
        );
        let sports: Vec<Option<&str>> = act
            .sessions
            .iter()
            .take(n_act)
            .map(|s| s.sport.as_deref())
            .collect();
        let want_sports: Vec<Option<&str>> = t["sports"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| map_sport(v.as_str().unwrap_or("")))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(sports, want_sports, "{name}: sports");

        // The file's own distance and timer time win over the haversine.
        let dist: f64 = act.sessions.iter().filter_map(|s| s.total_distance_m).sum();
        let want_dist = t["sum_lap_DistanceMeters"].as_f64().unwrap_or(0.0);
        assert!(
            approx(dist, want_dist, 0.006),
            "{name}: distance {dist} vs {want_dist}"
        );
        let want_time = t["sum_lap_TotalTimeSeconds"].as_f64().unwrap_or(0.0);
        if want_time > 0.0 {
            let timer: f64 = act
                .sessions
                .iter()
                .filter_map(|s| s.total_timer_time_s)
                .sum();
            assert!(
                approx(timer, want_time, 0.006),
                "{name}: timer {timer} vs {want_time}"
            );
        }

        let times: Vec<i64> = s
            .time
            .iter()
            .copied()
            .filter(|&x| x != Samples::NO_TIME)
            .collect();
        match t["duration_s"].as_f64() {
            None => assert!(times.is_empty(), "{name}: no times expected"),
            Some(d) => {
                let span = times.iter().max().copied().unwrap_or(0)
                    - times.iter().min().copied().unwrap_or(0);
                assert!(approx(span as f64, d, 1.0), "{name}: span {span} vs {d}");
            }
        }
    }
}

fn map_sport(tcx: &str) -> Option<&'static str> {
    match tcx {
        "Running" => Some("running"),
        "Biking" => Some("cycling"),
        "Other" => Some("generic"),
        _ => None,
    }
}

#[test]
fn running_file_has_heart_rate_cadence_and_speed() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let bytes = std::fs::read(data_dir.join("tcx/dblocktcx__running_workout_1.tcx")).expect("read");
    let act = tcx::decode(&bytes).expect("decodes");
    let s = &act.samples;
    let hr = s.heart_rate.iter().filter(|h| h.is_some()).count();
    let cad = s.cadence.iter().filter(|c| c.is_some()).count();
    let speed = s.speed_m_s.iter().filter(|v| !v.is_nan()).count();
    assert!(
        hr > s.len() / 2 && cad > s.len() / 2 && speed > s.len() / 2,
        "hr {hr} cad {cad} speed {speed}"
    );
    assert!(act.sessions[0].avg_heart_rate.is_some());
    assert!(
        s.cadence.iter().any(|c| c.is_some_and(|c| c > 60)),
        "running cadence read from RunCadence"
    );
    assert_eq!(act.start_time, Some(1_758_721_209)); // 2025-09-24T13:40:09Z
}

#[test]
fn truncated_tcx_is_an_error_with_an_offset() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let bytes = std::fs::read(data_dir.join("tcx/dblocktcx__treadmill_1.tcx")).expect("read");
    let cut = &bytes[..bytes.len() * 2 / 3];
    let e = tcx::decode(cut).expect_err("two thirds of a file");
    assert!(e.line > 1 && e.offset as usize <= cut.len(), "{e}");
}
