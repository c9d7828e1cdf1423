//! Atomic output: `runlift plan --out FILE` killed at random moments (SIGKILL, 24 trials) leaves
//! the target absent, the old file, or the complete new one, never part of one; and a reader
//! polling the target while a six-year plan (about a megabyte of JSON) is written never sees half of it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn profile() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/athletes/advanced-marathon.toml"
    )
    .into()
}

fn plan_command(out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_runlift"));
    c.args([
        "plan",
        "--profile",
        &profile(),
        "--start",
        "2026-11-23",
        "--format",
        "json",
        "--out",
    ])
    .arg(out);
    c
}

/// What a killed write may leave.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Found {
    Absent,
    Old,
    Complete,
}

#[test]
fn a_killed_plan_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full_path = dir.path().join("full.json");
    let started = Instant::now();
    let status = plan_command(&full_path).status().expect("run runlift");
    let whole_run = started.elapsed();
    assert!(status.success());
    let full = std::fs::read(&full_path).expect("the complete plan");
    serde_json::from_slice::<serde_json::Value>(&full).expect("the plan is JSON");
    let old = b"{\"an\": \"older plan\"}\n".to_vec();

    // A small linear congruential generator: random moments, repeatable from the seed printed.
    let mut seed = u64::from(started.elapsed().subsec_nanos()) | 1;
    eprintln!("seed {seed}, a whole run takes {whole_run:?}");
    let mut found = std::collections::HashMap::new();
    for trial in 0..24 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let fraction = (seed >> 33) as f64 / (1u64 << 31) as f64; // 0..1
        // Half the trials aim at the end of the run, where the file is written.
        let at = if trial % 2 == 0 {
            fraction * 1.1
        } else {
            0.7 + fraction * 0.4
        };
        let target = dir.path().join(format!("plan-{trial}.json"));
        let seeded = trial % 3 != 0;
        if seeded {
            std::fs::write(&target, &old).expect("seed the old plan");
        }
        let mut child = plan_command(&target).spawn().expect("spawn runlift");
        std::thread::sleep(whole_run.mul_f64(at).max(Duration::from_micros(50)));
        let _ = child.kill();
        let _ = child.wait();
        let state = match std::fs::read(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Found::Absent,
            Err(e) => panic!("trial {trial}: {e}"),
            Ok(b) if b == full => Found::Complete,
            Ok(b) if b == old => Found::Old,
            Ok(b) => panic!(
                "trial {trial} (killed at {at:.2} of a run): {} bytes, neither the old file nor the complete plan ({} bytes)",
                b.len(),
                full.len()
            ),
        };
        assert!(
            !(state == Found::Absent && seeded),
            "trial {trial}: the old file vanished"
        );
        *found.entry(state).or_insert(0) += 1;
    }
    eprintln!("outcomes: {found:?}");
    assert!(
        found.contains_key(&Found::Absent) || found.contains_key(&Found::Old),
        "no trial was killed before its write: {found:?}"
    );
}

/// The six-year plan of the advanced marathoner, as JSON, written to `out`: the biggest output a
/// command writes, so that a non-atomic write would stay visible half-done for many reads.
fn long_plan_command(out: &Path) -> Command {
    let mut c = plan_command(out);
    c.args(["--weeks", "312"]);
    c
}

#[test]
fn a_reader_never_sees_half_a_long_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plan.json");
    let old = b"{\"an\": \"older plan\"}\n".to_vec();
    std::fs::write(&target, &old).expect("seed the old plan");
    let mut child = long_plan_command(&target).spawn().expect("spawn runlift");
    let (mut reads, mut old_seen) = (0u32, 0u32);
    let finished = loop {
        let exited = child.try_wait().expect("wait for runlift");
        let bytes = std::fs::read(&target).expect("the target is never absent");
        reads += 1;
        if bytes == old {
            old_seen += 1;
        } else {
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|e| {
                panic!(
                    "read {reads}: {} bytes that are neither the old file nor a whole plan: {e}",
                    bytes.len()
                )
            });
        }
        if let Some(status) = exited {
            break status;
        }
    };
    assert!(finished.success(), "runlift plan --weeks 312 failed");
    let full = std::fs::read(&target).expect("the new plan");
    assert!(
        full.len() > 500_000,
        "the long plan is only {} bytes: too small to show a torn write",
        full.len()
    );
    assert!(
        old_seen > 10,
        "only {old_seen} of {reads} reads happened before the write: the check saw too little"
    );
}

#[test]
fn init_and_export_write_through_the_same_atomic_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("athlete.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_runlift"))
        .args(["init", "--output"])
        .arg(&target)
        .output()
        .expect("run runlift");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&target).expect("written");
    assert!(written.contains("weekly_km"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("athlete.toml")],
        "no temporary file left"
    );
}
