//! `runlift today` and `runlift load` end to end, on a SQLite file and on a fresh PostgreSQL
//! database: a morning without wellness trains as planned; a tired one (wellness 12/25) takes
//! the hard run and the heavy lift one step down; `--accept` saves that as the next plan
//! version, which is not adapted twice; `undo` puts the plan back; a spent morning (9/25) is a
//! rest day; `load` gives the daily table.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use super::store::{json, ok, repo};

fn runlift(db: &str, home: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RUNLIFT_DB")
        .env("RUNLIFT_TODAY", today)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .output()
        .expect("run runlift")
}

fn kinds(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|s| s["kind"].as_str().expect("kind").to_string())
        .collect()
}

const HARD_RUNS: [&str; 3] = ["RUN_INT", "RUN_TEMPO", "RUN_HILL"];

/// The first day of the saved plan with a hard run and a heavy lift.
fn hard_day(plan: &Value) -> String {
    let sessions = plan["sessions"].as_array().expect("sessions");
    let on = |d: &str, k: &[&str]| {
        sessions
            .iter()
            .any(|s| s["date"] == d && k.contains(&s["kind"].as_str().unwrap_or("")))
    };
    sessions
        .iter()
        .map(|s| s["date"].as_str().expect("date"))
        .find(|d| on(d, &HARD_RUNS) && on(d, &["STR_HEAVY"]))
        .expect("a day with a hard run and a heavy lift")
        .to_string()
}

fn story(db: &str, home: &Path) {
    let profile = repo("examples/athletes/intermediate-half.toml");
    let profile = profile.to_str().unwrap();
    let day = "2027-01-04";
    ok(&runlift(
        db,
        home,
        day,
        &["athlete", "add", "--profile", profile],
    ));
    let plan = json(&runlift(
        db,
        home,
        day,
        &["plan", "--profile", profile, "--save", "--format", "json"],
    ));
    let today = hard_day(&plan);
    let t = |args: &[&str]| runlift(db, home, &today, args);

    // no wellness yet: as planned
    let v = json(&t(&["today", "--format", "json"]));
    assert_eq!(v["action"], "train", "{v}");
    assert_eq!(kinds(&v["planned"]), kinds(&v["adapted"]));
    assert!(v["why"].as_array().unwrap().is_empty(), "{v}");
    let text = ok(&t(&["today"]));
    assert!(text.contains("no wellness logged today"), "{text}");

    // a tired morning: one step down
    ok(&t(&[
        "log",
        "wellness",
        "--fatigue",
        "2",
        "--sleep",
        "3",
        "--soreness",
        "3",
        "--stress",
        "2",
        "--mood",
        "2",
    ]));
    let v = json(&t(&["today", "--format", "json"]));
    assert_eq!(v["action"], "downgrade", "{v}");
    assert_eq!(v["wellness_sum"], 12);
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "R-READY")
    );
    let adapted = kinds(&v["adapted"]);
    assert!(
        !adapted.iter().any(|k| HARD_RUNS.contains(&k.as_str())),
        "{adapted:?}"
    );
    assert!(!adapted.contains(&"STR_HEAVY".to_string()), "{adapted:?}");
    assert!(adapted.contains(&"RUN_EASY".to_string()), "{adapted:?}");
    assert!(adapted.contains(&"STR_LIGHT".to_string()), "{adapted:?}");
    let why = v["why"].as_array().unwrap();
    assert!(why.len() >= 2, "{v}");
    assert!(
        why.iter()
            .all(|w| w.as_str().unwrap().contains("R-READY: wellness 12/25")),
        "{v}"
    );
    assert_eq!(v["accepted"], Value::Null);

    // --accept saves it as version 2, and it is not adapted again
    let v = json(&t(&["today", "--accept", "--format", "json"]));
    assert_eq!(v["accepted"], 2, "{v}");
    let again = json(&t(&["today", "--format", "json"]));
    assert_eq!(again["plan_version"], 2);
    assert_eq!(
        kinds(&again["planned"]),
        adapted,
        "the saved day is the adapted one"
    );
    assert!(
        again["why"].as_array().unwrap().is_empty(),
        "adapted twice: {again}"
    );
    let text = ok(&t(&["today"]));
    assert!(text.contains("adapted already"), "{text}");

    // undo puts version 1 back
    let undone = ok(&t(&["undo"]));
    assert!(undone.contains("plan version 2"), "{undone}");
    let back = json(&t(&["today", "--format", "json"]));
    assert_eq!(back["plan_version"], 1);
    assert_eq!(kinds(&back["planned"]), kinds(&v["planned"]));

    // a spent morning (a later row of the day replaces the first): rest
    ok(&t(&[
        "log",
        "wellness",
        "--fatigue",
        "2",
        "--sleep",
        "2",
        "--soreness",
        "2",
        "--stress",
        "2",
        "--mood",
        "1",
    ]));
    let v = json(&t(&["today", "--format", "json"]));
    assert_eq!(v["action"], "rest", "{v}");
    assert!(
        kinds(&v["adapted"])
            .iter()
            .all(|k| k == "MOB" || k == "RUN_RACE"),
        "{v}"
    );
    assert!(
        v["why"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.as_str().unwrap().contains("left out today")),
        "{v}"
    );

    // load: one row a day, the systems named
    ok(&t(&[
        "log",
        "run",
        "--minutes",
        "40",
        "--km",
        "7",
        "--rpe",
        "4",
    ]));
    let l = json(&t(&["load", "--format", "json"]));
    let days = l["days"].as_array().expect("days");
    let last = days.last().expect("a row for today");
    assert_eq!(last["date"], today.as_str());
    assert_eq!(last["srpe"], 160.0, "40 min × RPE 4: {last}");
    assert_eq!(last["impact"], 7000.0, "{last}");
    assert_eq!(l["systems"]["muscular"], "strength");
    let text = ok(&t(&["load"]));
    assert!(text.contains("CTL"), "{text}");
    assert!(!days.iter().any(|d| d["projected"] == true), "{l}");

    // load ahead: the saved plan's next two weeks counted as if done, form on each day
    let ahead: jiff::civil::Date = today.parse().unwrap();
    let ahead = ahead
        .checked_add(jiff::Span::new().days(14))
        .unwrap()
        .to_string();
    let l = json(&t(&["load", "--to", &ahead, "--format", "json"]));
    let days = l["days"].as_array().expect("days");
    assert_eq!(days.last().unwrap()["date"], ahead.as_str());
    let future: Vec<&Value> = days
        .iter()
        .filter(|d| d["date"].as_str().unwrap() > today.as_str())
        .collect();
    assert_eq!(future.len(), 14);
    assert!(future.iter().all(|d| d["projected"] == true), "{l}");
    assert!(
        future.iter().any(|d| d["srpe"].as_f64().unwrap() > 0.0),
        "nothing planned ahead: {l}"
    );
    assert!(
        future.iter().any(|d| d["strength"].as_f64().unwrap() > 0.0),
        "no planned lift counted: {l}"
    );

    // report: one self-contained HTML file
    let file = home.join("report.html");
    ok(&t(&[
        "report",
        "--weeks",
        "4",
        "--out",
        file.to_str().unwrap(),
    ]));
    let html = std::fs::read_to_string(&file).expect("the report");
    assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
    assert!(html.matches("<svg").count() >= 4, "charts missing");
    for h in [
        "Fitness, fatigue and form",
        "Weekly volume by sport",
        "Compliance",
        "Strength",
        "Wellness against load",
        "R-FUEL",
    ] {
        assert!(html.contains(h), "no {h} section");
    }
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "the report fetches or runs something"
    );
    assert!(
        html.contains("too few days to say"),
        "a claim from two mornings of wellness"
    );
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
}

#[test]
fn today_and_load_on_sqlite() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("runlift.db");
    story(db.to_str().unwrap(), tmp.path());
}

#[test]
fn today_and_load_on_postgres() {
    super::store::on_postgres("today and load on PostgreSQL", story);
}

/// `replan` on the intermediate's week 2: the Saturday long run missed, replanned on Sunday;
/// `--dry-run` saves nothing, a replan saves version 2, `--undo` restores version 1.
fn replan_story(db: &str, home: &Path) {
    let profile = repo("examples/athletes/intermediate-half.toml");
    let profile = profile.to_str().unwrap();
    let sunday = "2027-01-17";
    let t = |args: &[&str]| runlift(db, home, sunday, args);
    ok(&t(&["athlete", "add", "--profile", profile]));
    let plan = json(&t(&[
        "plan",
        "--profile",
        profile,
        "--save",
        "--format",
        "json",
    ]));
    // every session of Mon 11–Fri 15 Jan done as planned, Saturday's long run not
    for s in plan["sessions"].as_array().unwrap() {
        let d = s["date"].as_str().unwrap();
        if !("2027-01-11".."2027-01-16").contains(&d) {
            continue;
        }
        let minutes = s["minutes"].to_string();
        let kind = s["kind"].as_str().unwrap();
        let cmd = if kind.starts_with("RUN") {
            "run"
        } else {
            "lift"
        };
        if kind == "MOB" {
            continue;
        }
        ok(&t(&[
            "log",
            cmd,
            d,
            "--minutes",
            &minutes,
            "--rpe",
            "5",
            "--kind",
            kind,
        ]));
    }
    let dry = json(&t(&["replan", "--dry-run", "--format", "json"]));
    assert_eq!(dry["saved"], Value::Null);
    let changes = dry["changes"].as_array().unwrap();
    let long = changes
        .iter()
        .find(|c| c["kind"] == "RUN_LONG")
        .unwrap_or_else(|| panic!("the long run is not re-planned: {dry}"));
    assert_eq!(long["what"], "moved", "{dry}");
    assert_eq!(long["date"], "2027-01-16");
    assert_eq!(long["to"], sunday);
    let saved = json(&t(&["replan", "--format", "json"]));
    assert_eq!(saved["saved"], 2, "{saved}");
    // the long run is on Sunday in the saved plan: `today` shows it
    let today = json(&t(&["today", "--format", "json"]));
    assert_eq!(today["plan_version"], 2);
    assert!(
        kinds(&today["planned"]).contains(&"RUN_LONG".to_string()),
        "{today}"
    );
    // nothing left to move once it is planned for today
    let again = json(&t(&["replan", "--dry-run", "--format", "json"]));
    assert!(
        !again["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["what"] == "moved"),
        "{again}"
    );
    let undone = ok(&t(&["replan", "--undo"]));
    assert!(
        undone.contains("plan version 1 is current again"),
        "{undone}"
    );
    let back = json(&t(&["today", "--format", "json"]));
    assert_eq!(back["plan_version"], 1);
    assert!(
        !kinds(&back["planned"]).contains(&"RUN_LONG".to_string()),
        "{back}"
    );
}

#[test]
fn replan_moves_a_missed_long_run_on_sqlite() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("runlift.db");
    replan_story(db.to_str().unwrap(), tmp.path());
}

#[test]
fn replan_moves_a_missed_long_run_on_postgres() {
    super::store::on_postgres("replan on PostgreSQL", replan_story);
}
