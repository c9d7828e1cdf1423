//! The mistakes a new user makes, table-driven: each row writes a profile, plan or activity file
//! with one mistake, runs the command a user would, and checks the documented exit status
//! (`runlift --help`: 0 ok, 1 findings or partial, 2 unreadable input) and that the one error
//! message names the file, the line (or byte, for binary files) and the field.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A valid profile each profile and race row changes one line of.
const PROFILE: &str = r#"weekly_km = 40
goal = "10k"
lifting = "6-24mo"
plan_start = "2027-01-04"
vdot = 45
equipment = ["dumbbells", "band"]
lifts = [ { exercise = "goblet-squat", kg = 24, reps = 10 } ]

[availability]
mon = { am = 60 }
wed = { am = 60, pm = 45 }
sat = { am = 90 }

[times]
am = "07:00"

[[race]]
date = "2027-03-14"
distance = "10k"
priority = "A"
name = "Spring 10K"
"#;

/// A valid plan each plan row changes one line of.
const PLAN: &str = r#"[[week]]
start = "2026-11-23"
phase = "base"

[[session]]
date = "2026-11-24"
slot = "am"
minutes = 45
kind = "RUN_EASY"

[[session]]
date = "2026-11-25"
slot = "pm"
minutes = 40
kind = "STR_HEAVY"
exercises = [ { id = "back-squat", sets = 3, reps = 5 } ]
"#;

/// What a row runs.
#[derive(Clone, Copy, Debug)]
enum Run {
    /// `runlift plan --profile FILE`
    Plan,
    /// `runlift check FILE`
    Check,
    /// `runlift check PLAN --profile FILE` (a clean plan, the profile under test)
    CheckWithProfile,
    /// `runlift inspect FILE`
    Inspect,
    /// `runlift explain DATE --profile FILE`
    Explain(&'static str),
    /// `runlift export-workout FILE --date DATE`
    Export(&'static str),
}

/// Where the mistake is: a line (the first line containing this text), a byte offset, or no
/// place (a file that is missing, a date outside the plan).
#[derive(Clone, Copy, Debug)]
enum At {
    Line(&'static str),
    /// The last line (a file that ends too early).
    LastLine,
    Byte,
    Nowhere,
}

struct Mistake {
    name: &'static str,
    file: &'static str,
    contents: Contents,
    run: Run,
    code: i32,
    at: At,
    /// The field the message must name (`field `x``), when there is one.
    field: Option<&'static str>,
    /// More text the message must hold (a suggestion, the allowed values).
    says: &'static str,
}

enum Contents {
    /// The base profile with `from` replaced by `to` (`from` must be in it).
    InProfile(&'static str, &'static str),
    /// The base plan with `from` replaced by `to`.
    InPlan(&'static str, &'static str),
    /// The bytes of a `test_data/` file.
    TestData(&'static str),
    /// No file at all.
    Missing,
}

fn mistakes() -> Vec<Mistake> {
    use At::*;
    use Contents::*;
    use Run::*;
    let m = |name, file, contents, run, code, at, field, says| Mistake {
        name,
        file,
        contents,
        run,
        code,
        at,
        field,
        says,
    };
    vec![
        // ---- profile
        m(
            "weekly_km as words",
            "p1.toml",
            InProfile("weekly_km = 40", "weekly_km = \"forty\""),
            Plan,
            2,
            Line("weekly_km"),
            Some("weekly_km"),
            "invalid type",
        ),
        m(
            "misspelt field",
            "p2.toml",
            InProfile("weekly_km = 40", "wekly_km = 40"),
            Plan,
            2,
            Line("wekly_km"),
            None,
            "did you mean `weekly_km`",
        ),
        m(
            "misspelt goal",
            "p3.toml",
            InProfile("goal = \"10k\"", "goal = \"10km\""),
            Plan,
            2,
            Line("goal"),
            Some("goal"),
            "did you mean \"10k\"",
        ),
        m(
            "misspelt level",
            "p4.toml",
            InProfile(
                "lifting = \"6-24mo\"",
                "lifting = \"6-24mo\"\nlevel = \"intermedate\"",
            ),
            Plan,
            2,
            Line("level"),
            Some("level"),
            "did you mean \"intermediate\"",
        ),
        m(
            "lifting in years",
            "p5.toml",
            InProfile("lifting = \"6-24mo\"", "lifting = \"2 years\""),
            Plan,
            2,
            Line("lifting"),
            Some("lifting"),
            "expected one of",
        ),
        m(
            "misspelt equipment",
            "p6.toml",
            InProfile("\"dumbbells\"", "\"dumbells\""),
            Plan,
            2,
            Line("equipment"),
            Some("equipment"),
            "did you mean \"dumbbells\"",
        ),
        m(
            "misspelt weekday",
            "p7.toml",
            InProfile("mon = { am = 60 }", "monday = { am = 60 }"),
            Plan,
            2,
            Line("monday"),
            Some("availability"),
            "did you mean `mon`",
        ),
        m(
            "misspelt slot",
            "p8.toml",
            InProfile("mon = { am = 60 }", "mon = { amm = 60 }"),
            Plan,
            2,
            Line("amm"),
            Some("availability.mon"),
            "did you mean",
        ),
        m(
            "no free slot",
            "p9.toml",
            InProfile(
                "mon = { am = 60 }\nwed = { am = 60, pm = 45 }\nsat = { am = 90 }",
                "",
            ),
            Plan,
            2,
            Line("[availability]"),
            Some("availability"),
            "no slot is available",
        ),
        m(
            "VDOT out of range",
            "p10.toml",
            InProfile("vdot = 45", "vdot = 120"),
            Plan,
            2,
            Line("vdot"),
            Some("vdot"),
            "between 20 and 90",
        ),
        m(
            "negative volume",
            "p11.toml",
            InProfile("weekly_km = 40", "weekly_km = -5"),
            Plan,
            2,
            Line("weekly_km"),
            Some("weekly_km"),
            "between 0 and 400",
        ),
        m(
            "slot time as 7am",
            "p12.toml",
            InProfile("am = \"07:00\"", "am = \"7am\""),
            Plan,
            2,
            Line("am = \"7am\""),
            Some("times.am"),
            "HH:MM",
        ),
        m(
            "impossible date",
            "p13.toml",
            InProfile("plan_start = \"2027-01-04\"", "plan_start = \"2027-02-30\""),
            Plan,
            2,
            Line("plan_start"),
            Some("plan_start"),
            "has no day 30",
        ),
        m(
            "date day first",
            "p14.toml",
            InProfile("plan_start = \"2027-01-04\"", "plan_start = \"04/01/2027\""),
            Plan,
            2,
            Line("plan_start"),
            Some("plan_start"),
            "YYYY-MM-DD",
        ),
        m(
            "lift of 0 kg",
            "p15.toml",
            InProfile("kg = 24", "kg = 0"),
            Plan,
            2,
            Line("lifts"),
            Some("lifts[0]"),
            "kg in (0, 1000)",
        ),
        m(
            "misspelt lift",
            "p16.toml",
            InProfile("\"goblet-squat\"", "\"goblet-sqat\""),
            Plan,
            2,
            Line("lifts"),
            Some("lifts[0].exercise"),
            "did you mean \"goblet-squat\"",
        ),
        m(
            "rule override out of range",
            "p17.toml",
            InProfile("[times]", "[rules.R-SEP-24H]\nhours = 5\n\n[times]"),
            CheckWithProfile,
            2,
            Line("[rules.R-SEP-24H]"),
            Some("rules.R-SEP-24H.hours"),
            "24",
        ),
        m(
            "misspelt top-level table",
            "p18.toml",
            InProfile("[times]", "[tmes]"),
            Plan,
            2,
            Line("[tmes]"),
            None,
            "did you mean `times`",
        ),
        // ---- races
        m(
            "race priority AA",
            "r1.toml",
            InProfile("priority = \"A\"", "priority = \"AA\""),
            Plan,
            2,
            Line("priority"),
            Some("race[0].priority"),
            "did you mean \"A\"",
        ),
        m(
            "race distance as half-marathon",
            "r2.toml",
            InProfile("distance = \"10k\"", "distance = \"halfmarathon\""),
            Plan,
            2,
            Line("distance"),
            Some("race[0].distance"),
            "half",
        ),
        m(
            "race month 13",
            "r3.toml",
            InProfile("date = \"2027-03-14\"", "date = \"2027-13-14\""),
            Plan,
            2,
            Line("date = \"2027-13-14\""),
            Some("race[0].date"),
            "not a date",
        ),
        m(
            "misspelt race field",
            "r4.toml",
            InProfile("priority = \"A\"", "prority = \"A\""),
            Plan,
            2,
            Line("prority"),
            Some("race[0]"),
            "did you mean `priority`",
        ),
        m(
            "race time with a dot",
            "r5.toml",
            InProfile(
                "vdot = 45",
                "recent_race = { distance = \"10k\", time = \"52.30\" }",
            ),
            Plan,
            2,
            Line("recent_race"),
            Some("recent_race.time"),
            "did you mean \"52:30\"",
        ),
        m(
            "10K in 5:30",
            "r6.toml",
            InProfile(
                "vdot = 45",
                "recent_race = { distance = \"10k\", time = \"5:30\" }",
            ),
            Plan,
            2,
            Line("recent_race"),
            Some("recent_race.time"),
            "not a plausible race time",
        ),
        m(
            "race time in words",
            "r7.toml",
            InProfile(
                "vdot = 45",
                "recent_race = { distance = \"10k\", time = \"fast\" }",
            ),
            Plan,
            2,
            Line("recent_race"),
            Some("recent_race.time"),
            "m:ss or h:mm:ss",
        ),
        m(
            "a day outside the plan",
            "r8.toml",
            InProfile("vdot = 45", "vdot = 45"),
            Explain("2031-01-01"),
            1,
            Nowhere,
            None,
            "outside the plan",
        ),
        m(
            "race time implausible for export too",
            "r9.toml",
            InPlan(
                "[[week]]",
                "[athlete]\nweekly_km = 40\ngoal = \"10k\"\nrecent_race = { distance = \"5k\", time = \"9:00\" }\n[athlete.availability]\nmon = { am = 60 }\n\n[[week]]",
            ),
            Export("2026-11-24"),
            2,
            Line("recent_race"),
            Some("recent_race.time"),
            "outside 20–90",
        ),
        // ---- plans
        m(
            "misspelt kind",
            "k1.toml",
            InPlan("kind = \"RUN_EASY\"", "kind = \"RUN_EASZ\""),
            Check,
            2,
            Line("RUN_EASZ"),
            Some("session[0].kind"),
            "did you mean \"RUN_EASY\"",
        ),
        m(
            "negative minutes",
            "k2.toml",
            InPlan("minutes = 45", "minutes = -45"),
            Check,
            2,
            Line("minutes = -45"),
            Some("session[0].minutes"),
            "greater than 0",
        ),
        m(
            "slot noon",
            "k3.toml",
            InPlan("slot = \"am\"", "slot = \"noon\""),
            Check,
            2,
            Line("noon"),
            Some("session[0].slot"),
            "expected one of: am, pm",
        ),
        m(
            "30 November plus one",
            "k4.toml",
            InPlan("date = \"2026-11-24\"", "date = \"2026-11-31\""),
            Check,
            2,
            Line("2026-11-31"),
            Some("session[0].date"),
            "has no day 31",
        ),
        m(
            "misspelt exercise",
            "k5.toml",
            InPlan("\"back-squat\"", "\"back-sqaut\""),
            Check,
            2,
            Line("back-sqaut"),
            Some("session[1].exercises[0].id"),
            "did you mean \"back-squat\"",
        ),
        m(
            "misspelt session field",
            "k6.toml",
            InPlan("minutes = 45", "minuts = 45"),
            Check,
            2,
            Line("minuts"),
            Some("session[0]"),
            "did you mean `minutes`",
        ),
        m(
            "misspelt phase",
            "k7.toml",
            InPlan("phase = \"base\"", "phase = \"bse\""),
            Check,
            2,
            Line("bse"),
            Some("week[0].phase"),
            "did you mean \"base\"",
        ),
        m(
            "TOML syntax",
            "k8.toml",
            InPlan("minutes = 45", "minutes = 45 min"),
            Check,
            2,
            Line("45 min"),
            None,
            "",
        ),
        m(
            "athlete file missing",
            "k9.toml",
            InPlan("[[week]]", "athlete = \"no-such-athlete.toml\"\n\n[[week]]"),
            Check,
            2,
            Nowhere,
            None,
            "no-such-athlete.toml",
        ),
        // ---- activities
        m(
            "truncated FIT",
            "truncated-run.fit",
            TestData("activity/truncated-run.fit"),
            Inspect,
            1,
            Byte,
            None,
            "truncated data message",
        ),
        m(
            "truncated GPX",
            "truncated-run.gpx",
            TestData("activity/truncated-run.gpx"),
            Inspect,
            2,
            LastLine,
            None,
            "line",
        ),
        m(
            "broken TCX",
            "broken-run.tcx",
            TestData("activity/broken-run.tcx"),
            Inspect,
            2,
            Line("</Trackpiont>"),
            None,
            "line",
        ),
        m(
            "no such activity file",
            "nothing-here.fit",
            Missing,
            Inspect,
            2,
            Nowhere,
            None,
            "No such file",
        ),
    ]
}

fn temp_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("runlift-mistakes-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn replaced(base: &str, from: &str, to: &str, name: &str) -> String {
    assert!(
        base.contains(from),
        "{name}: {from:?} is not in the base file"
    );
    base.replacen(from, to, 1)
}

fn write(dir: &Path, m: &Mistake) -> (PathBuf, Vec<u8>) {
    let path = dir.join(m.file);
    let bytes = match m.contents {
        Contents::InProfile(a, b) => replaced(PROFILE, a, b, m.name).into_bytes(),
        Contents::InPlan(a, b) => replaced(PLAN, a, b, m.name).into_bytes(),
        Contents::TestData(rel) => runlift_testkit::read_test_data(rel),
        Contents::Missing => return (path, Vec::new()),
    };
    std::fs::write(&path, &bytes).expect("write the mistake");
    (path, bytes)
}

fn run(dir: &Path, m: &Mistake, path: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_runlift"));
    match m.run {
        Run::Plan => c.arg("plan").arg("--profile").arg(path),
        Run::Check => c.arg("check").arg(path),
        Run::CheckWithProfile => {
            let plan = dir.join(format!("clean-{}", m.file));
            std::fs::write(&plan, PLAN).expect("write plan");
            c.arg("check").arg(plan).arg("--profile").arg(path)
        }
        Run::Inspect => c.arg("inspect").arg(path),
        Run::Explain(date) => c.arg("explain").arg(date).arg("--profile").arg(path),
        Run::Export(date) => c
            .arg("export-workout")
            .arg(path)
            .arg("--date")
            .arg(date)
            .arg("--out")
            .arg(dir.join("watch")),
    };
    c.output().expect("run runlift")
}

/// 1-based line of the first line holding `marker`.
fn line_of(bytes: &[u8], marker: &str, name: &str) -> usize {
    String::from_utf8_lossy(bytes)
        .lines()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{name}: marker {marker:?} not in the file"))
        + 1
}

#[test]
fn every_mistake_gets_its_exit_code_and_a_message_naming_file_line_and_field() {
    let dir = temp_dir();
    let rows = mistakes();
    assert!(rows.len() >= 30, "{} mistakes", rows.len());
    let mut failures = Vec::new();
    for m in &rows {
        let (path, bytes) = write(&dir, m);
        let out = run(&dir, m, &path);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let mut problems = Vec::new();
        if out.status.code() != Some(m.code) {
            problems.push(format!("exit {:?}, want {}", out.status.code(), m.code));
        }
        if !err.contains(m.file) {
            problems.push(format!("does not name the file {}", m.file));
        }
        match m.at {
            At::Line(marker) => {
                let want = line_of(&bytes, marker, m.name);
                let located = err.contains(&format!("{}:{want}", m.file))
                    || err.contains(&format!("line {want}"));
                if !located {
                    problems.push(format!("does not name line {want}"));
                }
            }
            At::LastLine => {
                let want = String::from_utf8_lossy(&bytes).lines().count();
                if !err.contains(&format!("line {want}")) {
                    problems.push(format!("does not name the last line, {want}"));
                }
            }
            At::Byte => {
                if !(err.contains("byte") || err.contains("offset")) {
                    problems.push("does not name the byte".into());
                }
            }
            At::Nowhere => {}
        }
        if let Some(f) = m.field
            && !err.contains(&format!("field `{f}"))
        {
            problems.push(format!("does not name field `{f}`"));
        }
        if !err.contains(m.says) {
            problems.push(format!("does not say {:?}", m.says));
        }
        // One message, printed once: no cause repeated.
        if err.matches("No such file").count() > 1 {
            problems.push("says \"No such file\" more than once".into());
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({}): {}\n    stderr: {err}",
                m.name,
                m.file,
                problems.join("; ")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} of {} mistakes:\n  {}",
        failures.len(),
        rows.len(),
        failures.join("\n  ")
    );
}
