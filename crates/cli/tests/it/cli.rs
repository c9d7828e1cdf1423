//! The binary as a person meets it: exit status documented in `--help`, shell completions and a
//! man page, a quiet exit when the reader of a pipe goes away, the table at 100 columns (or
//! `--wide`), miles and pounds, the calendar's time zone stated, and `check`'s filters.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn repo(rel: &str) -> PathBuf {
    runlift_testkit::repo_root().join(rel)
}

fn runlift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .output()
        .expect("run runlift")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const HALF: &str = "examples/athletes/intermediate-half.toml";

#[test]
fn help_documents_the_exit_status() {
    let o = runlift(&["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Exit status"), "{text}");
    for line in ["  0  done", "  1  findings", "  2  unreadable input"] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    // Usage errors are exit 2 too.
    assert_eq!(runlift(&["plan"]).status.code(), Some(2));
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef runlift"),
        ("fish", "complete -c runlift"),
    ] {
        let o = runlift(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains(marker), "{shell}: {marker:?} missing");
        assert!(
            text.contains("export-workout"),
            "{shell}: subcommands listed"
        );
    }
    let man = runlift(&["man"]);
    assert!(man.status.success());
    let roff = stdout(&man);
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH runlift"),
        "{roff:.200}"
    );
    assert!(roff.contains("Exit status"));
}

#[test]
fn a_closed_pipe_is_a_quiet_exit_0() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(["plan", "--profile", repo(HALF).to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The reader goes away before the plan is written (`runlift plan … | head -0`).
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn the_table_fits_100_columns_unless_wide() {
    let p = repo(HALF);
    let narrow = stdout(&runlift(&["plan", "--profile", p.to_str().unwrap()]));
    let widest = |t: &str| t.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest(&narrow) <= 100, "{}", widest(&narrow));
    let wide = stdout(&runlift(&[
        "plan",
        "--profile",
        p.to_str().unwrap(),
        "--wide",
    ]));
    assert!(widest(&wide) > 100);
    // The same words either way: wrapping only moves line breaks.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(&narrow), words(&wide));
    // Names, loads and years a person reads.
    assert!(
        narrow.contains("Back squat 3×5 @ 76.5 kg"),
        "{narrow:.2000}"
    );
    assert!(narrow.contains("@ RIR 2"));
    assert!(narrow.contains("Week 1 · Mon 4 Jan 2027"));
    assert!(!narrow.contains("back-squat"));
    // The lint summary and each warning the plan leaves.
    let lint = narrow
        .lines()
        .find(|l| l.starts_with("Lint: "))
        .expect("lint line");
    let warnings: usize = lint
        .split(", ")
        .find_map(|p| p.strip_suffix(" warnings").and_then(|n| n.parse().ok()))
        .expect("warning count");
    let listed = narrow
        .lines()
        .filter(|l| l.starts_with("  warning R-"))
        .count();
    assert_eq!(listed, warnings, "{lint}");
}

#[test]
fn miles_and_pounds_for_display() {
    let p = repo(HALF);
    let t = stdout(&runlift(&[
        "plan",
        "--profile",
        p.to_str().unwrap(),
        "--units",
        "mi,lb",
    ]));
    assert!(t.contains("/mi"), "{t:.400}");
    assert!(!t.contains("/km"));
    // 76.5 kg is 169 lb; week 1's 45.7 km are 28.4 mi.
    assert!(t.contains("Back squat 3×5 @ 169 lb"), "{t:.2000}");
    assert!(t.contains("run 4 h 18 (28.4 mi)"), "{t:.600}");
    assert!(!t.contains(" km)"));
    // Files stay metric.
    let toml = stdout(&runlift(&[
        "plan",
        "--profile",
        p.to_str().unwrap(),
        "--units",
        "imperial",
        "--format",
        "toml",
    ]));
    assert!(toml.contains("kg = 76.5"), "{toml:.400}");
    assert!(
        runlift(&[
            "plan",
            "--profile",
            p.to_str().unwrap(),
            "--units",
            "furlongs"
        ])
        .status
        .code()
            == Some(2)
    );
}

#[test]
fn a_calendar_says_its_time_zone() {
    let p = repo(HALF);
    let o = runlift(&["plan", "--profile", p.to_str().unwrap(), "--format", "ics"]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.contains("no `tz`") && err.contains("UTC"), "{err}");
    assert!(err.contains("Lint: 0 errors"), "{err}");
    assert!(stdout(&o).starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn check_filters_by_severity_and_rule() {
    let plan = repo("examples/plans/mistakes-race-week.toml");
    let all = stdout(&runlift(&["check", plan.to_str().unwrap()]));
    let errors = stdout(&runlift(&[
        "check",
        plan.to_str().unwrap(),
        "--severity",
        "error",
    ]));
    assert!(all.contains("warn ") || all.contains("info "), "{all}");
    assert!(
        !errors.contains("warn ") && !errors.contains("info "),
        "{errors}"
    );
    assert!(
        errors.contains("more hidden by --severity/--rule"),
        "{errors}"
    );
    let one = runlift(&["check", plan.to_str().unwrap(), "--rule", "r-taper-a"]);
    let text = stdout(&one);
    let rules: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|w| w.starts_with("R-"))
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| *r == "R-TAPER-A"),
        "{text}"
    );
    let bad = runlift(&["check", plan.to_str().unwrap(), "--rule", "R-TAPR-A"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("did you mean \"R-TAPER-A\""),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn errors_are_printed_once() {
    let o = runlift(&["check", "/no/such/plan.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
