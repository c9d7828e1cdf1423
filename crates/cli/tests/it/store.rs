//! The store commands end to end on a SQLite file in a temp folder: athlete add/update/list,
//! import into the store (twins and re-imports are duplicates, corrupt files fail and are
//! skipped), plan --save, db export/restore/check; bad input names the field and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn repo(rel: &str) -> PathBuf {
    runlift_testkit::repo_root().join(rel)
}

/// Runs runlift with `--db` on `db`, and `XDG_DATA_HOME` in the temp folder so that nothing can
/// reach the real default store.
pub fn runlift(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RUNLIFT_DB")
        .env("XDG_DATA_HOME", db.parent().unwrap().join("xdg"))
        .output()
        .expect("run runlift")
}

pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A store in a new temp folder with the athlete of `examples/athletes/beginner-5k.toml` (Ada).
pub fn store_with_athlete() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("runlift.db");
    let profile = repo("examples/athletes/beginner-5k.toml");
    ok(&runlift(
        &db,
        &["athlete", "add", "--profile", profile.to_str().unwrap()],
    ));
    (tmp, db)
}

fn copy(files: &[&str], to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in files {
        std::fs::copy(repo("test_data/activity").join(f), to.join(f)).unwrap();
    }
}

#[test]
fn athletes_are_added_listed_and_updated() {
    let (tmp, db) = store_with_athlete();
    let list = json(&runlift(&db, &["athlete", "list", "--format", "json"]));
    assert_eq!(list["athletes"][0]["name"], "Ada");
    assert_eq!(list["athletes"][0]["profile_version"], 1);
    let profile = repo("examples/athletes/beginner-5k.toml");
    let again = runlift(
        &db,
        &["athlete", "add", "--profile", profile.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in the store"));
    let up = json(&runlift(
        &db,
        &[
            "athlete",
            "update",
            "--profile",
            profile.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(up["athlete"]["profile_version"], 2);
    let other = repo("examples/athletes/intermediate-half.toml");
    ok(&runlift(
        &db,
        &["athlete", "add", "--profile", other.to_str().unwrap()],
    ));
    let ambiguous = runlift(
        &db,
        &["athlete", "update", "--profile", other.to_str().unwrap()],
    );
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("--athlete"));
    drop(tmp);
}

#[test]
fn a_bad_profile_names_the_field_and_writes_nothing() {
    let (tmp, db) = store_with_athlete();
    let bad = tmp.path().join("bad.toml");
    std::fs::write(&bad, "name = \"Bo\"\nlevel = \"expert-ish\"\n").unwrap();
    let out = runlift(&db, &["athlete", "add", "--profile", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("level"), "{err}");
    let list = json(&runlift(&db, &["athlete", "list", "--format", "json"]));
    assert_eq!(
        list["athletes"].as_array().unwrap().len(),
        1,
        "Bo was written"
    );
}

#[test]
fn a_fit_and_its_gpx_twin_are_one_session_and_a_second_import_adds_nothing() {
    let (tmp, db) = store_with_athlete();
    let dir = tmp.path().join("in");
    copy(&["run.fit", "run.gpx", "run.tcx"], &dir);
    let first = json(&runlift(
        &db,
        &["import", dir.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(first["imported"], 1, "{first:#}");
    let dups = first["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 2);
    assert!(
        dups.iter()
            .all(|d| d["by"] == "start" && d["of"] == "act_1"),
        "{dups:?}"
    );
    assert_eq!(first["activities"][0]["id"], "act_1");

    let second = runlift(&db, &["import", dir.to_str().unwrap()]);
    let out = ok(&second);
    assert!(out.is_empty(), "no new activity lines: {out}");
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.starts_with("added 0, duplicate 3, failed 0"), "{err}");
    let check = json(&runlift(&db, &["db", "check", "--format", "json"]));
    assert_eq!(check["clean"], true, "{check:#}");
    assert_eq!(check["rows"]["activities"], 1);
    assert_eq!(check["rows"]["activity_files"], 3);
    assert_eq!(check["rows"]["sessions"], 1, "the run is one session done");
}

#[test]
fn corrupt_files_fail_are_named_and_the_rest_is_stored() {
    let (_tmp, db) = store_with_athlete();
    let out = runlift(
        &db,
        &["import", repo("test_data/activity").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for f in ["truncated-run.fit", "truncated-run.gpx", "broken-run.tcx"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("failed ") && l.contains(f)),
            "{f}: {err}"
        );
    }
    let check = json(&runlift(&db, &["db", "check", "--format", "json"]));
    assert_eq!(check["clean"], true, "{check:#}");
    assert!(check["rows"]["activities"].as_u64().unwrap() >= 1);
}

#[test]
fn export_restore_and_check_round_trip() {
    let (tmp, db) = store_with_athlete();
    let dir = tmp.path().join("in");
    copy(&["run.fit", "chained-run-ride.fit"], &dir);
    ok(&runlift(&db, &["import", dir.to_str().unwrap()]));
    let profile = repo("examples/athletes/beginner-5k.toml");
    let plan = runlift(
        &db,
        &[
            "plan",
            "--profile",
            profile.to_str().unwrap(),
            "--save",
            "--format",
            "json",
            "--start",
            "2026-12-07",
        ],
    );
    ok(&plan);
    assert!(String::from_utf8_lossy(&plan.stderr).contains("saved plan version 1 for Ada"));

    let export = tmp.path().join("export");
    let e = json(&runlift(
        &db,
        &[
            "db",
            "export",
            "--out",
            export.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(e["rows"]["plans"], 1);
    let original = std::fs::read(export.join("files/originals/act_1")).unwrap();
    assert_eq!(
        original,
        std::fs::read(dir.join("chained-run-ride.fit")).unwrap()
    );

    let again = runlift(&db, &["db", "export", "--out", export.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "an export over a full folder");
    let into_full = runlift(&db, &["db", "restore", export.to_str().unwrap()]);
    assert_eq!(
        into_full.status.code(),
        Some(2),
        "a restore into a non-empty store"
    );

    let db2 = tmp.path().join("restored.db");
    ok(&runlift(&db2, &["db", "restore", export.to_str().unwrap()]));
    let export2 = tmp.path().join("export2");
    ok(&runlift(
        &db2,
        &["db", "export", "--out", export2.to_str().unwrap()],
    ));
    for f in [
        "manifest.json",
        "activities.jsonl",
        "plans.jsonl",
        "journal.jsonl",
    ] {
        assert_eq!(
            std::fs::read(export.join(f)).unwrap(),
            std::fs::read(export2.join(f)).unwrap(),
            "{f} differs after a restore"
        );
    }
    let check = ok(&runlift(&db2, &["db", "check"]));
    assert!(check.contains(": clean"), "{check}");
}

#[test]
fn db_check_finds_a_damaged_store() {
    let (tmp, db) = store_with_athlete();
    let dir = tmp.path().join("in");
    copy(&["run.fit"], &dir);
    ok(&runlift(&db, &["import", dir.to_str().unwrap()]));
    // Damage a copy through an export: an original that no longer has its hash.
    let export = tmp.path().join("export");
    ok(&runlift(
        &db,
        &["db", "export", "--out", export.to_str().unwrap()],
    ));
    std::fs::write(export.join("files/originals/act_1"), b"not the file").unwrap();
    let db2 = tmp.path().join("damaged.db");
    ok(&runlift(&db2, &["db", "restore", export.to_str().unwrap()]));
    let out = runlift(&db2, &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 problems") && text.contains("do not have its hash"),
        "{text}"
    );
    let fine = ok(&runlift(&db, &["db", "check"]));
    assert!(fine.contains(": clean"), "{fine}");
}

/// Runs `story(db_url, temp_dir)` on a fresh PostgreSQL database of its own (dropped after),
/// or reports the test as skipped when no PostgreSQL answers (`runlift_testkit::postgres`).
pub fn on_postgres(what: &str, story: impl FnOnce(&str, &Path)) {
    let Some(admin) = runlift_testkit::postgres(what) else {
        return;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let scratch = rt
        .block_on(runlift_store_pg::ScratchDb::create(&admin))
        .expect("a scratch database");
    let tmp = tempfile::tempdir().unwrap();
    story(scratch.url(), tmp.path());
    rt.block_on(scratch.drop_db())
        .expect("drop the scratch database");
}
