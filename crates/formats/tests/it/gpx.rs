//! GPX decoder against `shared/data/truth.json` for every GPX file in `MANIFEST.tsv`: point
//! counts, haversine distance along each segment and the time span of the points.

use runlift_formats::geo::track_distance_m;
use runlift_formats::{Format, Samples, gpx};
use serde_json::Value;

use super::truth::{data_dir, manifest_files, truth_entry};

fn time_span(s: &Samples) -> Option<i64> {
    let times = s.time.iter().copied().filter(|&t| t != Samples::NO_TIME);
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for t in times {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    (lo <= hi).then(|| hi - lo)
}

#[test]
fn every_gpx_file_matches_truth() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let files = manifest_files("gpx");
    assert!(
        files.len() >= 40,
        "manifest lists {} GPX files",
        files.len()
    );
    for name in files {
        let bytes = std::fs::read(data_dir.join(&name)).expect("read data file");
        let truth = truth_entry(&name);
        let x: &Value = &truth["gpx"]["xml"];
        let act = gpx::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(act.format, Format::Gpx);
        let n = x["n_trackpoints"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(act.samples.len(), n, "{name}: track points");
        let s = &act.samples;
        for col in [
            s.distance_m.len(),
            s.lat.len(),
            s.lon.len(),
            s.heart_rate.len(),
            s.altitude_m.len(),
        ] {
            assert_eq!(col, n, "{name}: column length");
        }
        let want = x["distance_haversine_m"].as_f64().unwrap_or(f64::NAN);
        let along = track_distance_m(&s.lat, &s.lon, &s.segment_starts);
        assert!(
            (along - want).abs() < 0.011,
            "{name}: haversine {along} vs {want}"
        );
        let sessions: f64 = act.sessions.iter().filter_map(|s| s.total_distance_m).sum();
        assert!(
            (sessions - want).abs() < 0.011,
            "{name}: session distance {sessions} vs {want}"
        );
        match x["duration_s"].as_f64() {
            None => assert_eq!(time_span(s), None, "{name}: no times expected"),
            Some(d) => {
                let span = time_span(s).unwrap_or(-1) as f64;
                assert!((span - d).abs() <= 1.0, "{name}: span {span} vs {d}");
                if act.sessions.len() == 1 {
                    let e = act.sessions[0].total_elapsed_time_s.unwrap_or(f64::NAN);
                    assert!(
                        (e - d).abs() < 2e-6 || (e - d).abs() / d < 1e-6,
                        "{name}: elapsed {e} vs {d}"
                    );
                }
            }
        }
        if n > 0 {
            assert!(
                !act.sessions.is_empty(),
                "{name}: a track with points gives a session"
            );
        }
    }
}

#[test]
fn garmin_extensions_give_heart_rate_and_cadence() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let bytes = std::fs::read(data_dir.join("gpx/georustgpx__garmin-activity.gpx")).expect("read");
    let act = gpx::decode(&bytes).expect("decodes");
    assert_eq!(act.samples.heart_rate[0], Some(74));
    assert_eq!(act.samples.cadence[0], Some(79));
    let with_hr = act
        .samples
        .heart_rate
        .iter()
        .filter(|h| h.is_some())
        .count();
    assert_eq!(with_hr, act.samples.len());
    let avg = act.sessions[0].avg_heart_rate.expect("average heart rate");
    assert!((60..200).contains(&avg), "{avg}");
}

#[test]
fn truncating_a_real_file_gives_an_error_with_a_line() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let bytes = std::fs::read(data_dir.join("gpx/georustgpx__garmin-activity.gpx")).expect("read");
    let cut = &bytes[..bytes.len() / 2];
    let e = gpx::decode(cut).expect_err("half a file");
    assert!(e.line > 1 && e.offset as usize <= cut.len(), "{e}");
}

#[test]
fn corrupted_markup_names_its_line() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let bytes = std::fs::read(data_dir.join("gpx/gpxpy__track_with_speed.gpx")).expect("read");
    let text = String::from_utf8(bytes).expect("utf-8");
    let line = text
        .lines()
        .position(|l| l.contains("</trkpt>"))
        .expect("a trkpt end")
        + 1;
    let broken = text.replacen("</trkpt>", "</trkpx>", 1);
    let e = gpx::decode(broken.as_bytes()).expect_err("broken markup");
    assert_eq!(e.line as usize, line, "{e}");
}
