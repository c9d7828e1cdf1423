//! A killed import never leaves the store inconsistent: `runlift import` of a large folder is
//! killed (SIGKILL) at random points, 20 times, each time on a fresh store; `db check` is clean
//! after each kill, and running the import again completes it (every activity, once).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::store::{json, ok, runlift, store_with_athlete};

const FILES: usize = 240;
const TRIALS: u64 = 20;

/// A GPX run of `points` samples starting `n` hours after 2026-01-01T06:00Z (no two are twins).
fn gpx(n: usize, points: usize) -> String {
    let start = jiff::Timestamp::from_second(1_767_247_200 + n as i64 * 3600).unwrap();
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"runlift kill test\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n<trk><type>running</type><trkseg>\n",
    );
    for i in 0..points {
        let t = start + jiff::SignedDuration::from_secs(i as i64 * 5);
        s += &format!(
            "<trkpt lat=\"{:.6}\" lon=\"8.5417\"><time>{t}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n",
            47.0 + i as f64 * 0.0001,
            120 + (i + n) % 50
        );
    }
    s + "</trkseg></trk></gpx>\n"
}

/// A small deterministic generator (no dependency): the trial's kill delays.
fn lcg(seed: &mut u64) -> f64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

fn activities(db: &Path) -> u64 {
    let check = json(&runlift(db, &["db", "check", "--format", "json"]));
    assert_eq!(check["clean"], true, "db check after a kill: {check:#}");
    check["rows"]["activities"].as_u64().unwrap()
}

#[test]
fn an_import_killed_at_random_points_leaves_the_store_consistent_and_a_rerun_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("runs");
    std::fs::create_dir_all(&folder).unwrap();
    for n in 0..FILES {
        std::fs::write(folder.join(format!("run{n:04}.gpx")), gpx(n, 400)).unwrap();
    }
    let folder_arg = folder.to_str().unwrap();

    // How long a whole import takes here, to spread the kills over it.
    let (_t, db) = store_with_athlete();
    let started = Instant::now();
    ok(&runlift(&db, &["import", folder_arg, "--threads", "2"]));
    let whole = started.elapsed();
    assert_eq!(activities(&db), FILES as u64);

    let mut seed = 13;
    let mut partial = 0;
    for trial in 0..TRIALS {
        let (_t, db) = store_with_athlete();
        let delay = whole.mul_f64(lcg(&mut seed) * 1.1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_runlift"))
            .args(["import", folder_arg, "--threads", "2", "--db"])
            .arg(&db)
            .env_remove("RUNLIFT_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let stored = activities(&db);
        assert!(stored <= FILES as u64, "trial {trial}: {stored} activities");
        if stored < FILES as u64 {
            partial += 1;
        }
        let rerun = runlift(&db, &["import", folder_arg, "--format", "json"]);
        let rerun = json(&rerun);
        assert_eq!(
            rerun["imported"].as_u64().unwrap() + stored,
            FILES as u64,
            "trial {trial} (killed after {delay:?} with {stored} stored): the re-run adds the rest"
        );
        assert_eq!(activities(&db), FILES as u64, "trial {trial}");
    }
    assert!(
        partial >= 3,
        "only {partial} of {TRIALS} kills landed during the import (whole import {whole:?})"
    );
}
