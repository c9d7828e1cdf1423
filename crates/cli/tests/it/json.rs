//! `--format json` on every command that prints: each runs on the project's own files and its
//! standard output parses as JSON with the keys docs/json.md documents.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn repo(rel: &str) -> PathBuf {
    runlift_testkit::repo_root().join(rel)
}

/// Runs `runlift ARGS --format json`, checks the exit status and parses standard output.
fn json(args: &[&str], code: i32) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run runlift");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn has_keys(v: &Value, want: &[&str], what: &str) {
    for k in want {
        assert!(v.get(k).is_some(), "{what}: no `{k}` in {:?}", keys(v));
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("runlift-json-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn rules_list_and_one_rule() {
    let all = json(&["rules"], 0);
    let list = all.as_array().expect("an array of rules");
    assert!(list.len() > 30);
    has_keys(
        &list[0],
        &[
            "id",
            "group",
            "type",
            "summary",
            "sources",
            "checked_on_plans",
            "params",
        ],
        "rules",
    );
    let one = json(&["rules", "r-sep-24h"], 0);
    assert_eq!(one["id"], "R-SEP-24H");
    let hours = &one["params"][0];
    has_keys(
        hours,
        &["name", "default", "min", "max", "unit", "doc"],
        "param",
    );
    assert_eq!(hours["name"], "hours");
}

#[test]
fn check_clean_and_with_errors() {
    let clean = json(
        &[
            "check",
            repo("examples/plans/example-week-12.toml")
                .to_str()
                .unwrap(),
        ],
        0,
    );
    has_keys(&clean, &["findings", "summary"], "check");
    assert_eq!(clean["summary"]["errors"], 0);
    let bad = json(
        &[
            "check",
            repo("examples/plans/mistakes-race-week.toml")
                .to_str()
                .unwrap(),
        ],
        1,
    );
    let f = &bad["findings"][0];
    has_keys(
        f,
        &["rule", "severity", "dates", "sessions", "message", "fix"],
        "finding",
    );
    // The filters apply to the JSON as to the text.
    let only = json(
        &[
            "check",
            repo("examples/plans/mistakes-race-week.toml")
                .to_str()
                .unwrap(),
            "--severity",
            "error",
        ],
        1,
    );
    let findings = only["findings"].as_array().unwrap();
    assert!(!findings.is_empty() && findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(only["summary"]["warnings"], 0);
}

#[test]
fn plan_explain_and_export_workout() {
    let profile = repo("examples/athletes/beginner-5k.toml");
    let p = profile.to_str().unwrap();
    let plan = json(&["plan", "--profile", p, "--weeks", "3"], 0);
    has_keys(&plan, &["athlete", "weeks", "sessions", "dropped"], "plan");
    let first = &plan["sessions"][0];
    let day = first["date"].as_str().expect("date").to_string();
    let inside = json(&["explain", &day, "--profile", p, "--weeks", "3"], 0);
    has_keys(
        &inside,
        &[
            "date",
            "in_plan",
            "plan_start",
            "plan_end",
            "week",
            "phase",
            "sessions",
            "left_out",
        ],
        "explain",
    );
    assert_eq!(inside["in_plan"], true);
    assert_eq!(inside["sessions"][0]["id"], first["id"]);
    let outside = json(
        &["explain", "2040-01-01", "--profile", p, "--weeks", "3"],
        1,
    );
    assert_eq!(outside["in_plan"], false);

    // export-workout reads a plan file: the plan just made, as TOML.
    let dir = temp("export");
    let toml = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(["plan", "--profile", p, "--weeks", "3", "--format", "toml"])
        .output()
        .expect("run runlift");
    assert!(toml.status.success());
    let plan_file = dir.join("plan.toml");
    std::fs::write(&plan_file, &toml.stdout).expect("write plan");
    let watch = dir.join("watch");
    let ex = json(
        &[
            "export-workout",
            plan_file.to_str().unwrap(),
            "--date",
            &day,
            "--out",
            watch.to_str().unwrap(),
        ],
        0,
    );
    has_keys(
        &ex,
        &["date", "plan", "written", "skipped", "notes"],
        "export-workout",
    );
    let w = &ex["written"][0];
    has_keys(w, &["path", "name", "steps", "session"], "written");
    assert!(PathBuf::from(w["path"].as_str().unwrap()).exists());
    let none = json(
        &[
            "export-workout",
            plan_file.to_str().unwrap(),
            "--date",
            "2040-01-01",
            "--out",
            watch.to_str().unwrap(),
        ],
        1,
    );
    assert_eq!(none["written"], serde_json::json!([]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn paces_inspect_import_and_init() {
    let paces = json(&["paces", "--vdot", "45"], 0);
    has_keys(&paces, &["vdot", "paces_s_per_km", "race_times_s"], "paces");

    let run = json(
        &[
            "inspect",
            repo("test_data/activity/run.fit").to_str().unwrap(),
        ],
        0,
    );
    has_keys(
        &run,
        &["format", "sessions", "laps", "records", "diagnostics"],
        "inspect",
    );
    let wo = json(
        &[
            "inspect",
            repo("test_data/activity/workout-tempo.fit")
                .to_str()
                .unwrap(),
        ],
        0,
    );
    assert_eq!(wo["workout"]["name"], "Tempo 3 km");
    assert_eq!(wo["workout"]["steps"].as_array().map(Vec::len), Some(3));
    let cut = json(
        &[
            "inspect",
            repo("test_data/activity/truncated-run.fit")
                .to_str()
                .unwrap(),
        ],
        1,
    );
    assert_eq!(cut["diagnostics"][0]["severity"], "error");

    // The folder holds broken files on purpose: exit 1, and the summary says which.
    let (_store, db) = crate::store::store_with_athlete();
    let out = crate::store::runlift(
        &db,
        &[
            "import",
            repo("test_data/activity").to_str().unwrap(),
            "--threads",
            "2",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let imp = crate::store::json(&out);
    has_keys(
        &imp,
        &[
            "dry_run",
            "imported",
            "duplicates",
            "skipped",
            "files",
            "bytes",
            "seconds",
            "ignored",
            "activities",
            "store",
        ],
        "import",
    );
    assert_eq!(
        imp["activities"].as_array().map(Vec::len),
        imp["imported"].as_u64().map(|n| n as usize)
    );
    let skipped: Vec<&str> = imp["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert!(
        skipped.iter().any(|s| s.ends_with("truncated-run.gpx")),
        "{skipped:?}"
    );

    let dir = temp("init");
    let file = dir.join("athlete.toml");
    let init = json(&["init", "-o", file.to_str().unwrap()], 0);
    assert_eq!(init["wrote"], file.to_str().unwrap());
    assert!(file.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
