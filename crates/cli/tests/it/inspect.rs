//! `runlift inspect`: the formats.md Activity summary JSON, the text form, and exit 2 naming the
//! file and where for a file that cannot be read.

use std::path::PathBuf;
use std::process::Command;

/// A file of `../shared/data` through runlift-testkit: `None` (the test reported as skipped, or
/// failed on CI) when the corpus is not beside the repository.
fn data(rel: &str) -> Option<PathBuf> {
    runlift_testkit::shared_data().map(|d| d.join(rel))
}

fn runlift(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .output()
        .expect("run runlift")
}

#[test]
fn json_summary_of_a_tcx_file_has_the_documented_shape() {
    let Some(f) = data("tcx/dblocktcx__running_activity_1.tcx") else {
        return;
    };
    let out = runlift(&[
        "inspect".as_ref(),
        f.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // Documented key order: format, sessions, laps, points/records, diagnostics.
    let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap_or(usize::MAX);
    assert!(pos("format") < pos("sessions") && pos("sessions") < pos("laps"));
    assert!(
        pos("laps") < pos("points") && pos("points") < pos("diagnostics"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["format"], "tcx");
    assert_eq!(v["laps"], 15);
    assert_eq!(v["points"], 1254);
    let s = &v["sessions"][0];
    assert_eq!(s["sport"], "running");
    assert_eq!(s["start_time"], "2014-12-26T10:00:39Z");
    assert_eq!(s["total_distance_m"], 14332.28);
    assert_eq!(s["total_timer_time_s"], 3270.0);
    assert!(s["avg_heart_rate"].as_u64().is_some());
    assert_eq!(v["diagnostics"], serde_json::json!([]));
}

#[test]
fn json_summary_of_a_fit_file_counts_records_and_keeps_warnings() {
    let Some(f) = data("fit/fitparse__activity-filecrc.fit") else {
        return;
    };
    let out = runlift(&[
        "inspect".as_ref(),
        f.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["format"], "fit");
    assert!(v["records"].as_u64().is_some_and(|n| n > 0));
    assert!(v.get("points").is_none());
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert!(d["offset"].as_u64().is_some());
    assert!(d["message"].as_str().is_some_and(|m| m.contains("CRC")));
}

#[test]
fn text_form_lists_sessions() {
    let Some(f) = data("gpx/georustgpx__garmin-activity.gpx") else {
        return;
    };
    let out = runlift(&["inspect".as_ref(), f.as_os_str()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("GPX, 1 session(s), 0 lap(s), 988 points"),
        "{text}"
    );
    assert!(text.contains("12.82 km"), "{text}");
}

#[test]
fn unreadable_file_exits_2_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("runlift-cli-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bytes = runlift_testkit::read_test_data("activity/run.gpx");
    let cut = dir.join("cut.gpx");
    std::fs::write(&cut, &bytes[..3000]).expect("write");
    let out = runlift(&["inspect".as_ref(), cut.as_os_str()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cut.gpx") && err.contains("line") && err.contains("byte"),
        "{err}"
    );
}
