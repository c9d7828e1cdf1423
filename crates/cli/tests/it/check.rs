//! `runlift check` and `runlift rules` end to end: exit codes, messages for bad input, output forms.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn runlift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs runlift")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runlift-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, contents).expect("write");
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const EASY: &str =
    "[[session]]\ndate = \"2026-11-24\"\nslot = \"am\"\nminutes = 30\nkind = \"RUN_EASY\"\n";

/// Each bad input exits 2 with a message naming the file, the place and what is wrong.
#[test]
fn bad_input_exits_2_with_a_located_message() {
    let cases: &[(&str, String, &str)] = &[
        ("malformed.toml", "[[session]\ndate = \"2026-11-24\"\n".into(), "malformed.toml:1:"),
        ("kind.toml", EASY.replace("RUN_EASY", "RUN_EASYY"), "kind.toml:5:8: field `session[0].kind`: unknown session kind \"RUN_EASYY\"; did you mean \"RUN_EASY\"?"),
        ("neg.toml", EASY.replace("30", "-30"), "neg.toml:4:11: field `session[0].minutes`: minutes must be greater than 0"),
        ("date.toml", EASY.replace("2026-11-24", "2026-02-30"), "field `session[0].date`: \"2026-02-30\" is not a date"),
        ("ex.toml", EASY.replace("RUN_EASY\"", "STR_HEAVY\"\nexercises = [{ id = \"back-sqaut\", sets = 3 }]"), "did you mean \"back-squat\"?"),
        ("plan.json", "{\"sessions\": [{\"date\": \"2026-11-24\", \"slot\": \"noon\", \"minutes\": 30, \"kind\": \"RUN_EASY\"}]}".into(), "plan.json:1:"),
    ];
    for (name, text, want) in cases {
        let p = temp_file(name, text.as_bytes());
        let o = runlift(&["check", p.to_str().expect("utf-8 path")]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let p = temp_file("big.toml", &vec![b' '; 50 * 1024 * 1024]);
    let o = runlift(&["check", p.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("more than the 8388608-byte limit"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_profile_with_no_availability_is_bad_input() {
    let plan = temp_file("ok.toml", EASY.as_bytes());
    let prof = temp_file("noavail.toml", b"weekly_km = 30\ngoal = \"10k\"\n");
    let o = runlift(&[
        "check",
        plan.to_str().expect("p"),
        "--profile",
        prof.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("field `availability`: no slot is available"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn out_of_range_rule_override_is_refused() {
    let plan = temp_file("ok2.toml", EASY.as_bytes());
    let prof = temp_file(
        "override.toml",
        b"weekly_km = 30\ngoal = \"10k\"\n[availability]\ntue = { am = 60 }\n[rules.R-SEP-24H]\nhours = 12\n",
    );
    let o = runlift(&[
        "check",
        plan.to_str().expect("p"),
        "--profile",
        prof.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("override.toml:5: field `rules.R-SEP-24H.hours`: 12 is out of range"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn overlapping_sessions_are_an_error_finding_not_bad_input() {
    let text = format!(
        "{EASY}\n[[session]]\ndate = \"2026-11-24\"\nslot = \"am\"\nstart = \"07:10\"\nminutes = 40\nkind = \"RUN_TEMPO\"\n"
    );
    let p = temp_file("overlap.toml", text.as_bytes());
    let o = runlift(&["check", p.to_str().expect("p"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "R-GAP-DAY");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["dates"], serde_json::json!(["2026-11-24"]));
    assert_eq!(f["sessions"], serde_json::json!([0, 1]));
    assert!(f["fix"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn text_report_is_grouped_by_week_and_day_and_plain_when_piped() {
    let p = repo().join("test_data/rules/R-SEP-24H/fail-pm-lift-am-tempo.toml");
    let o = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(["check", p.to_str().expect("p")])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    assert!(
        !text.contains('\x1b'),
        "no colour codes when piped: {text:?}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Week of Mon 23 Nov");
    assert_eq!(lines[1], "  Tue 24 Nov");
    assert!(lines[2].starts_with("    error  R-SEP-24H  STR_HEAVY ends Tue 19:00; RUN_TEMPO starts Wed 07:00: 12 h apart, needs 24 h"), "{text}");
    assert!(
        lines[3].contains("fix: Move the tempo run to Thu or later"),
        "{text}"
    );
    // Other rules add warnings and notes about this minimal week; the summary counts one error.
    let last = lines.last().copied().unwrap_or_default();
    assert!(
        last.starts_with("1 error, ") && last.ends_with(" infos"),
        "{text}"
    );
    assert!(
        text.contains("\n  Wed 25 Nov\n"),
        "a second day heading: {text}"
    );
}

#[test]
fn a_clean_plan_exits_0() {
    let p = repo().join("examples/plans/example-week-12.toml");
    let o = runlift(&["check", p.to_str().expect("p"), "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn rules_lists_every_rule_and_shows_one_in_full() {
    let o = runlift(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    for id in ["R-SEP-24H", "R-STACK", "R-TAPER-A", "R-FUEL", "R-READY"] {
        assert!(text.contains(id), "{id} missing");
    }
    let o = runlift(&["rules", "R-SEP-24H"]);
    let text = String::from_utf8(o.stdout).expect("utf-8");
    assert!(
        text.contains("hours              default 24 h, range 24–48"),
        "{text}"
    );
    assert!(text.contains("Sources: 000_7ae3e00bb5eac118.txt"), "{text}");
    let o = runlift(&["rules", "R-SEP-42H"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

#[test]
fn dropped_sessions_are_reported_as_information() {
    let text = format!(
        "{EASY}\n[[dropped]]\nweek = \"2026-11-23\"\nkind = \"STR_HEAVY\"\nrule = \"R-SEP-24H\"\nreason = \"no slot 24 h away from Tuesday's intervals\"\nsuggestion = \"add a PM slot on Tuesday\"\n"
    );
    let p = temp_file("dropped.toml", text.as_bytes());
    let o = runlift(&["check", p.to_str().expect("p"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let found = v["findings"].as_array().expect("findings").iter().any(|f| {
        f["rule"] == "R-SEP-24H"
            && f["severity"] == "info"
            && f["message"]
                .as_str()
                .is_some_and(|m| m.contains("Dropped STR_HEAVY") && m.contains("no slot 24 h"))
            && f["fix"] == "add a PM slot on Tuesday"
    });
    assert!(found, "{v:#}");
}
