//! The training log's commands end to end (formats.md "Training log (v2)"), one story run on a
//! SQLite file and on a fresh PostgreSQL database: log run / lift / wellness / test against a
//! saved plan, history and compliance matched to it, edit / delete / undo, bad input refused by
//! flag with nothing written, and `plan --from-log` taking the maxes from the log.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use super::store::{json, ok, repo};

/// "Today" for every command of the story: Friday of the plan's second week.
const TODAY: &str = "2027-01-15";

/// Runs runlift on the store `db` (a path or a URL) with today fixed.
fn runlift(db: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RUNLIFT_DB")
        .env("RUNLIFT_TODAY", TODAY)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .output()
        .expect("run runlift")
}

/// A refusal: exit 2, the message names `flag`, and nothing was written.
fn refused(out: &Output, flag: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(flag), "{flag} not named in: {err}");
    assert!(err.contains("nothing was"), "{err}");
    err
}

fn sessions(db: &str, home: &Path) -> Vec<Value> {
    let h = json(&runlift(
        db,
        home,
        &["history", "--from", "2027-01-01", "--format", "json"],
    ));
    h["sessions"].as_array().expect("sessions").clone()
}

fn story(db: &str, home: &Path) {
    let profile = repo("examples/athletes/beginner-5k.toml");
    let profile = profile.to_str().unwrap();
    ok(&runlift(
        db,
        home,
        &["athlete", "add", "--profile", profile],
    ));
    ok(&runlift(
        db,
        home,
        &["plan", "--profile", profile, "--save", "--format", "json"],
    ));

    // Week 2 (Mon 11 Jan) as the plan has it: Mon PM lift, Tue AM run, Wed PM run, Thu AM lift
    // and PM run, Sat long run. Mon and Tue are done as planned, Wed and Thu are not, and a run
    // is done on Friday (today), which nothing was planned for.
    let run = ok(&runlift(
        db,
        home,
        &[
            "log",
            "run",
            "2027-01-12",
            "--minutes",
            "21",
            "--km",
            "2.6",
            "--rpe",
            "3",
            "--start",
            "07:10",
        ],
    ));
    assert!(
        run.contains("RUN_EASY") && run.contains("as planned"),
        "{run}"
    );
    assert!(run.contains("the plan's for that day"), "{run}");
    let lift = json(&runlift(
        db,
        home,
        &[
            "log",
            "lift",
            "2027-01-11",
            "--minutes",
            "30",
            "--rpe",
            "6",
            "--set",
            "goblet-squat:10x20@7",
            "--set",
            "goblet-squat:10x22@8",
            "--set",
            "romanian-deadlift:10x20",
            "--format",
            "json",
        ],
    ));
    assert_eq!(lift["session"]["kind"], "STR_HYP", "{lift}");
    assert_eq!(lift["session"]["planned"], "p_2027-01-11_pm_0", "{lift}");
    assert_eq!(lift["session"]["sets"].as_array().map(Vec::len), Some(3));
    assert_eq!(lift["session"]["sets"][1]["kg"], 22.0);
    let fri = ok(&runlift(
        db,
        home,
        &["log", "run", "--minutes", "20", "--kind", "run_easy"],
    ));
    assert!(
        fri.contains("Fri 15 Jan 2027") && fri.contains("moved from Thu 14 Jan"),
        "{fri}"
    );
    let tomorrow = runlift(db, home, &["log", "run", "2027-01-16", "--minutes", "20"]);
    assert_eq!(
        tomorrow.status.code(),
        Some(2),
        "a session tomorrow is refused"
    );
    let w = json(&runlift(
        db,
        home,
        &[
            "log",
            "wellness",
            TODAY,
            "--fatigue",
            "3",
            "--sleep",
            "4",
            "--soreness",
            "2",
            "--stress",
            "3",
            "--mood",
            "4",
            "--rmssd",
            "62",
            "--format",
            "json",
        ],
    ));
    assert_eq!(w["wellness"]["rmssd_ms"], 62.0);
    ok(&runlift(
        db,
        home,
        &["log", "test", TODAY, "--rm", "goblet-squat", "24x8"],
    ));

    // History: three sessions, each matched to the plan (Friday's run as moved from the
    // nearest run left over, Thursday's).
    let all = sessions(db, home);
    assert_eq!(all.len(), 3, "{all:?}");
    let by_date = |d: &str| all.iter().find(|s| s["date"] == d).expect(d).clone();
    assert_eq!(by_date("2027-01-12")["planned"], "p_2027-01-12_am_0");
    assert_eq!(by_date("2027-01-12")["srpe"], 63.0);
    assert_eq!(by_date("2027-01-12")["distance_m"], 2600.0);
    assert_eq!(by_date("2027-01-12")["start"], "2027-01-12T07:10:00+00:00");
    let fri = by_date("2027-01-15");
    assert_eq!(fri["matched"], "moved", "{fri}");
    assert_eq!(fri["planned"], "p_2027-01-14_pm_0", "{fri}");
    let h = json(&runlift(db, home, &["history", "--format", "json"]));
    assert_eq!(h["from"], "2026-12-19", "four weeks up to today by default");
    assert_eq!(h["tests"].as_array().map(Vec::len), Some(1));

    // Compliance of week 2: Mon's lift and Tue's run done, Wed's run and Thu's lift missed,
    // Thu's run moved to Friday, Saturday's long run upcoming.
    let c = json(&runlift(db, home, &["compliance", "--format", "json"]));
    let week = &c["weeks"][0];
    assert_eq!(week["monday"], "2027-01-11");
    let counts = &week["counts"];
    assert_eq!(
        (
            counts["moved"].clone(),
            counts["missed"].clone(),
            counts["upcoming"].clone(),
            counts["unplanned"].clone()
        ),
        (1.into(), 2.into(), 1.into(), 0.into()),
        "{week}"
    );
    let tue = week["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["planned"] == "p_2027-01-12_am_0")
        .expect("Tuesday's run")
        .clone();
    assert_eq!(tue["status"], "green", "21 of 20 min: {tue}");
    let text = ok(&runlift(
        db,
        home,
        &["compliance", "--week", TODAY, "--weeks", "2"],
    ));
    assert!(
        text.contains("Week of Mon 4 Jan 2027") && text.contains("missed"),
        "{text}"
    );

    // Edit, delete and undo.
    let id = by_date("2027-01-12")["id"].as_str().unwrap().to_string();
    let e = json(&runlift(
        db,
        home,
        &[
            "edit", &id, "--rpe", "5", "--note", "windy", "--format", "json",
        ],
    ));
    assert_eq!(e["session"]["rpe"], 5.0);
    assert_eq!(e["session"]["edited"], serde_json::json!(["rpe", "note"]));
    ok(&runlift(db, home, &["undo"]));
    let s = sessions(db, home)
        .into_iter()
        .find(|s| s["id"] == id.as_str())
        .unwrap();
    assert_eq!(
        (s["rpe"].clone(), s["note"].clone()),
        (3.0.into(), Value::Null)
    );
    ok(&runlift(db, home, &["delete", &id]));
    assert_eq!(sessions(db, home).len(), 2);
    let u = ok(&runlift(db, home, &["undo"]));
    assert!(u.contains("deleted"), "{u}");
    assert_eq!(sessions(db, home).len(), 3);

    // Bad input: refused by the flag that gave it, and nothing is written.
    let err = refused(
        &runlift(
            db,
            home,
            &[
                "log",
                "lift",
                "--minutes",
                "30",
                "--set",
                "back-squats:5x80",
            ],
        ),
        "--set #1",
    );
    assert!(err.contains("did you mean \"back-squat\""), "{err}");
    refused(
        &runlift(db, home, &["log", "run", "--minutes", "30", "--rpe", "14"]),
        "--rpe",
    );
    refused(
        &runlift(db, home, &["log", "run", "--minutes", "30", "--km=-3"]),
        "--km",
    );
    refused(
        &runlift(
            db,
            home,
            &["log", "lift", "--minutes", "30", "--set", "goblet-squat:5x"],
        ),
        "--set #1",
    );
    refused(&runlift(db, home, &["edit", &id, "--rpe", "14"]), "--rpe");
    let old = runlift(db, home, &["log", "run", "1850-01-01", "--minutes", "30"]);
    assert_eq!(old.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&old.stderr).contains("DATE: 1850-01-01"));
    assert_eq!(sessions(db, home).len(), 3, "a refused entry wrote nothing");

    // plan --from-log: the goblet squat's max comes from the log, so the plan gives kilograms.
    let kg_count = |plan: &Value| {
        plan["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["exercises"].as_array().cloned().unwrap_or_default())
            .filter(|e| e["id"] == "goblet-squat" && e["kg"].is_number())
            .count()
    };
    let args = ["plan", "--profile", profile, "--format", "json"];
    let plain = json(&runlift(db, home, &args));
    let from_log_out = runlift(db, home, &[&args[..], &["--from-log"]].concat());
    let from_log = json(&from_log_out);
    assert_eq!(kg_count(&plain), 0, "the profile gives no max");
    assert!(kg_count(&from_log) > 0, "no goblet-squat kg from the log");
    let note = String::from_utf8_lossy(&from_log_out.stderr);
    assert!(note.contains("goblet-squat"), "{note}");
}

#[test]
fn the_log_story_on_sqlite() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("runlift.db");
    story(db.to_str().unwrap(), tmp.path());
}

#[test]
fn the_log_story_on_postgres() {
    super::store::on_postgres("the log story on PostgreSQL", story);
}
