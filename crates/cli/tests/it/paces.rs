//! `runlift paces`: formats.md's "Paces" JSON from the binary, and exit 2 with `error: …` naming
//! the option for bad input.

use std::process::Command;

fn runlift(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(args)
        .output()
        .expect("run runlift")
}

#[test]
fn json_of_a_race_is_the_published_row() {
    let out = runlift(&[
        "paces", "--race", "5k", "--time", "19:57", "--format", "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Daniels' VDOT 50 row (oracle/vdot_table.json); R is 87 s per 400 m.
    assert_eq!(
        v,
        serde_json::json!({"vdot": 50.0,
            "paces_s_per_km": {"E": [296, 334], "M": 271, "T": 255, "I": 235, "R": 218},
            "race_times_s": {"1500m": 324, "mile": 350, "5k": 1197, "10k": 2481,
                             "half": 5495, "marathon": 11449}})
    );
}

#[test]
fn bad_input_exits_2_with_a_message() {
    for (args, needle) in [
        (&["paces", "--vdot", "12"][..], "--vdot 12"),
        (&["paces", "--race", "10k", "--time", "45"][..], "--time 45"),
        (
            &["paces", "--race", "fortnight", "--time", "45:00"][..],
            "--race fortnight",
        ),
        (&["paces"][..], "--vdot"),
    ] {
        let out = runlift(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("error") && err.contains(needle),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
