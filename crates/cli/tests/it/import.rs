//! `runlift import`: into a store (a temp SQLite file), JSON lines of the new activities out,
//! `--out`, `--dry-run` writing nothing, a summary on stderr, and exit 1 naming each file that
//! failed.

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
fn imports_a_folder_as_json_lines() {
    let Some(dir) = data("tcx") else {
        return;
    };
    let (_tmp, db) = crate::store::store_with_athlete();
    let out = crate::store::runlift(&db, &["import", dir.to_str().unwrap(), "--threads", "2"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    // 16 files, 15 activities: dblocktcx's running_activity_1.tcx is the first activity of
    // multiple_running_activities.tcx (the same start and sport: a twin).
    assert_eq!(lines.len(), 15);
    assert!(
        lines
            .iter()
            .all(|l| l["format"] == "tcx" && l["hash"].is_string())
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("added 15, duplicate 1, failed 0"), "{err}");
}

#[test]
fn dry_run_writes_nothing_and_out_writes_the_file() {
    let tmp = std::env::temp_dir().join(format!("runlift-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let out_file = tmp.join("out.jsonl");
    let Some(dir) = data("gpx") else {
        return;
    };
    let dry = runlift(&["import".as_ref(), dir.as_os_str(), "--dry-run".as_ref()]);
    assert!(dry.status.success());
    assert!(dry.stdout.is_empty());
    assert!(String::from_utf8_lossy(&dry.stderr).starts_with("would import 41"));
    let (_store, db) = crate::store::store_with_athlete();
    let real = crate::store::runlift(
        &db,
        &[
            "import",
            dir.to_str().unwrap(),
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(real.status.success());
    assert!(real.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).expect("out file");
    let _ = std::fs::remove_dir_all(&tmp);
    // 41 distinct contents (the dry run), 37 activities: gpxpy's cerknicko-jezero track in four
    // variants and its gpx1.0/gpx1.1 all-fields pair are twins (the same start).
    assert_eq!(written.lines().count(), 37);
}

#[test]
fn corrupt_files_are_skipped_with_name_and_offset_and_exit_1() {
    let Some(dir) = data("fit") else {
        return;
    };
    let out = runlift(&["import".as_ref(), dir.as_os_str(), "--dry-run".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("fitparse__nick.fit"))
        .unwrap_or_default();
    assert!(
        line.starts_with("skipped ") && line.contains("offset"),
        "{err}"
    );
}
