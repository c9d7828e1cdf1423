//! The decoders against the project's own small files in `test_data/activity/` (written by
//! `tools/gen_test_data.py`), so every decoder path is tested on a fresh clone without the shared
//! device corpus: FIT, chained FIT, FIT workout, truncated FIT, wrong file CRC, GPX (plain and
//! gzip via `decode_any` callers), truncated GPX, TCX, broken TCX markup.

use runlift_formats::{Activity, Format, Samples, Severity, decode_any, fit, gpx, tcx};
use runlift_testkit::read_test_data;

/// The run every file holds (tools/gen_test_data.py `RUN`): 31 points 10 s apart at 3 m/s,
/// heart rate 140 + i, starting 2026-11-24T06:30:00Z.
const START: i64 = 1_795_501_800;
const POINTS: usize = 31;
const SECONDS: f64 = 300.0;
const METRES: f64 = 900.0;
const AVG_HR: u8 = 155;

fn errors(a: &Activity) -> Vec<&str> {
    a.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect()
}

fn assert_the_run(a: &Activity) {
    assert_eq!(a.samples.len(), POINTS, "points");
    assert_eq!(a.start_time, Some(START));
    let s = &a.sessions[0];
    assert_eq!(s.sport.as_deref(), Some("running"));
    assert_eq!(s.start_time, Some(START));
    let d = s.total_distance_m.expect("distance");
    assert!((d - METRES).abs() < 1.0, "distance {d}");
    let hr: Vec<u8> = a.samples.heart_rate.iter().flatten().copied().collect();
    assert_eq!(hr.len(), POINTS);
    assert_eq!(hr[0], 140);
    assert_eq!(hr[POINTS - 1], 170);
    assert!(a.samples.lat.iter().all(|l| (l - 47.3769).abs() < 0.01));
    let last = a.samples.time[POINTS - 1];
    assert_eq!(last - a.samples.time[0], SECONDS as i64);
}

#[test]
fn fit_run_reads_sessions_laps_and_records() {
    let a = fit::decode(&read_test_data("activity/run.fit")).expect("decodes");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.format, Format::Fit);
    assert_the_run(&a);
    assert_eq!(a.sessions.len(), 1);
    assert_eq!(a.sessions[0].avg_heart_rate, Some(AVG_HR));
    assert_eq!(a.sessions[0].total_timer_time_s, Some(SECONDS));
    assert_eq!(a.laps.len(), 1);
    assert!(a.samples.speed_m_s.iter().all(|v| (v - 3.0).abs() < 1e-9));
    let d = &a.samples.distance_m;
    assert!((d[POINTS - 1] - METRES).abs() < 0.01);
}

#[test]
fn chained_fit_gives_both_parts_in_order() {
    let a = fit::decode(&read_test_data("activity/chained-run-ride.fit")).expect("decodes");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    let sports: Vec<_> = a
        .sessions
        .iter()
        .map(|s| s.sport.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(sports, ["running", "cycling"]);
    assert_eq!(a.sessions[1].start_time, Some(START + 3600));
    assert_eq!(a.samples.len(), POINTS + 11);
}

#[test]
fn fit_workout_has_no_sessions_and_lists_its_steps() {
    let bytes = read_test_data("activity/workout-tempo.fit");
    let a = fit::decode(&bytes).expect("decodes");
    assert!(a.sessions.is_empty() && a.samples.is_empty());
    let m = fit::messages(&bytes).expect("messages");
    let names: Vec<_> = m.messages.iter().map(|x| x.name.unwrap_or("?")).collect();
    assert_eq!(
        names,
        [
            "file_id",
            "workout",
            "workout_step",
            "workout_step",
            "workout_step"
        ]
    );
    let name = m.messages[1]
        .fields
        .iter()
        .find(|f| f.name == Some("wkt_name"))
        .expect("wkt_name");
    assert_eq!(name.value, fit::Value::Text("Tempo 3 km".into()));
}

#[test]
fn truncated_fit_keeps_what_was_read_with_an_error_at_an_offset() {
    let whole = read_test_data("activity/run.fit");
    let cut = read_test_data("activity/truncated-run.fit");
    assert_eq!(cut.len(), whole.len() / 2);
    let a = fit::decode(&cut).expect("partial activity");
    let errs = errors(&a);
    assert_eq!(errs.len(), 1, "{:?}", a.diagnostics);
    assert!(errs[0].starts_with("truncated"), "{}", errs[0]);
    let offset = a.diagnostics[0].offset.expect("offset");
    assert!(offset > 14 && offset <= cut.len() as u64, "{offset}");
    assert!(a.samples.len() > 5 && a.samples.len() < POINTS);
    assert!(a.sessions.is_empty(), "the session message comes last");
}

#[test]
fn wrong_file_crc_is_a_warning_and_the_run_is_kept() {
    let a = fit::decode(&read_test_data("activity/bad-crc-run.fit")).expect("decodes");
    assert!(errors(&a).is_empty());
    assert_eq!(a.diagnostics.len(), 1, "{:?}", a.diagnostics);
    assert_eq!(a.diagnostics[0].severity, Severity::Warning);
    assert!(a.diagnostics[0].message.starts_with("file CRC mismatch"));
    assert_the_run(&a);
}

#[test]
fn gpx_run_reads_points_heart_rate_and_distance() {
    let a = gpx::decode(&read_test_data("activity/run.gpx")).expect("decodes");
    assert_eq!(a.format, Format::Gpx);
    assert!(errors(&a).is_empty(), "{:?}", a.diagnostics);
    assert_the_run(&a);
    assert_eq!(a.sessions[0].avg_heart_rate, Some(AVG_HR));
    assert_eq!(a.sessions[0].total_elapsed_time_s, Some(SECONDS));
    assert!(
        a.samples
            .altitude_m
            .iter()
            .all(|e| (408.0..412.0).contains(e))
    );
}

#[test]
fn truncated_gpx_is_an_error_with_a_line() {
    let e = gpx::decode(&read_test_data("activity/truncated-run.gpx")).expect_err("half a file");
    assert!(e.line > 5, "{e}");
}

#[test]
fn tcx_run_reads_lap_distance_and_points() {
    let a = tcx::decode(&read_test_data("activity/run.tcx")).expect("decodes");
    assert_eq!(a.format, Format::Tcx);
    assert_the_run(&a);
    assert_eq!(a.laps.len(), 1);
    assert_eq!(a.sessions[0].total_timer_time_s, Some(SECONDS));
    assert_eq!(a.samples.distance_m[POINTS - 1], METRES);
    assert_ne!(a.samples.time[0], Samples::NO_TIME);
}

#[test]
fn broken_tcx_markup_names_its_line() {
    let text = String::from_utf8(read_test_data("activity/broken-run.tcx")).expect("utf-8");
    let line = text
        .lines()
        .position(|l| l.contains("</Trackpiont>"))
        .expect("the broken tag")
        + 1;
    let e = tcx::decode(text.as_bytes()).expect_err("broken markup");
    assert_eq!(e.line as usize, line, "{e}");
}

#[test]
fn decode_any_sniffs_each_format() {
    for (rel, format) in [
        ("activity/run.fit", Format::Fit),
        ("activity/run.gpx", Format::Gpx),
        ("activity/run.tcx", Format::Tcx),
    ] {
        let a = decode_any(&read_test_data(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(a.format, format, "{rel}");
        assert_eq!(a.samples.len(), POINTS, "{rel}");
    }
}
