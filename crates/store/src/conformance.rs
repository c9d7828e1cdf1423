//! The conformance story every backend must pass, the same steps on each: add an athlete,
//! update the profile, save a plan, import (a new activity, the same file again, its GPX twin),
//! undo, export, restore into a fresh store and export again. It panics, naming the step, where
//! a backend goes wrong; the caller compares the exports of different backends.

use xxhash_rust::xxh3::xxh3_64;

use crate::{Added, LapSummary, NewActivity, Snapshot, Store, Streams};

/// The fixed clock of the story (2026-12-01T06:00:00Z and on).
pub const T0: i64 = 1_796_104_800;

/// A small activity whose bytes stand for a file of `format`.
pub fn activity(format: &str, sport: Option<&str>, start: i64, seed: u8) -> NewActivity {
    let original: Vec<u8> = format!("{format} file {seed} {start}").into_bytes();
    let n = 30;
    NewActivity {
        hash: format!("{:016x}", xxh3_64(&original)),
        format: format.into(),
        source: format!("run{seed}.{format}"),
        sport: sport.map(str::to_string),
        sub_sport: None,
        start_s: Some(start),
        duration_s: Some(1800.5),
        distance_m: Some(5012.25),
        avg_hr: Some(141),
        max_hr: Some(163),
        laps: vec![LapSummary {
            start_s: Some(start),
            duration_s: Some(1800.5),
            distance_m: Some(5012.25),
            avg_hr: Some(141),
        }],
        streams: Streams {
            t_s: (0..n).map(|i| i * 60).collect(),
            heart_rate: (0..n).map(|i| (i != 3).then_some(120 + i as u8)).collect(),
            speed_m_s: (0..n).map(|i| Some(2.5 + i as f32 / 100.0)).collect(),
            power_w: Vec::new(),
        },
        original,
    }
}

fn step<T, E: std::fmt::Display>(name: &str, r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("conformance step {name:?}: {e}"))
}

/// Runs the story on `store` (empty) and restores its export into `fresh` (empty); returns the
/// export. `scratch` is a folder for the export files.
pub async fn story(store: &dyn Store, fresh: &dyn Store, scratch: &std::path::Path) -> Snapshot {
    let ath = step(
        "add athlete",
        store.add_athlete("Ana", "name = \"Ana\"\n", T0).await,
    );
    assert_eq!(ath.id, "ath_1");
    let dup = store.add_athlete("Ana", "", T0).await;
    assert!(dup.is_err(), "a second athlete named Ana was added");
    let bad = store
        .add_athlete(" ", "", T0)
        .await
        .expect_err("blank name accepted");
    assert!(bad.to_string().starts_with("name:"), "{bad}");
    let ath = step(
        "update athlete",
        store
            .update_athlete(
                &ath.id,
                "name = \"Ana\"\nlevel = \"intermediate\"\n",
                T0 + 1,
            )
            .await,
    );
    assert_eq!(ath.profile_version, 2);
    assert_eq!(
        step("profile", store.profile(&ath, Some(1)).await).toml,
        "name = \"Ana\"\n"
    );

    let p1 = step(
        "save plan",
        store.save_plan(&ath, "{\"weeks\":[]}", T0 + 2).await,
    );
    assert_eq!((p1.version, p1.profile_version), (1, 2));
    let p2 = step(
        "save plan 2",
        store.save_plan(&ath, "{\"weeks\":[1]}", T0 + 3).await,
    );
    assert_eq!(p2.version, 2);

    let fit = activity("fit", Some("running"), T0 + 3600, 1);
    let added = step(
        "import",
        store.add_activity(&ath.id, fit.clone(), T0 + 4).await,
    );
    assert_eq!(added, Added::New("act_1".into()));
    let again = step(
        "import again",
        store.add_activity(&ath.id, fit.clone(), T0 + 5).await,
    );
    assert_eq!(again, Added::SameFile("act_1".into()));
    let gpx = activity("gpx", None, T0 + 3600 + 40, 2);
    let twin = step(
        "import twin",
        store.add_activity(&ath.id, gpx, T0 + 6).await,
    );
    assert_eq!(twin, Added::Twin("act_1".into()));
    let ride = activity("fit", Some("cycling"), T0 + 3600 + 10, 3);
    let other = step(
        "import ride",
        store.add_activity(&ath.id, ride, T0 + 7).await,
    );
    assert_eq!(
        other,
        Added::New("act_2".into()),
        "a ride at the same time is another session"
    );
    assert_eq!(step("known", store.known_hashes(&ath.id).await).len(), 3);
    let acts = step("activities", store.activities(&ath.id).await);
    assert_eq!(acts.len(), 2);
    assert_eq!(acts[0].streams, fit.streams, "streams read back as written");
    assert_eq!(acts[0].duration_s, Some(1800.5));
    assert_eq!(
        step("original", store.original("act_1").await),
        fit.original
    );

    let undone = step("undo", store.undo(&ath.id).await).expect("something to undo");
    assert_eq!(undone.op, "plan.save");
    let plan = step("plan", store.plan(&ath, None).await).expect("plan 1 is left");
    assert_eq!(plan.version, 1);
    let undone = step("undo 2", store.undo(&ath.id).await).expect("plan 1 to undo");
    assert_eq!(undone.op, "plan.save");
    let undone = step("undo 3", store.undo(&ath.id).await).expect("the update to undo");
    assert_eq!(undone.op, "athlete.update");
    let ath = step("athlete", store.athlete(None).await);
    assert_eq!(ath.profile_version, 1, "undo put the first profile back");
    let p = step(
        "save plan 3",
        store.save_plan(&ath, "{\"weeks\":[2]}", T0 + 8).await,
    );
    assert_eq!((p.version, p.profile_version), (1, 1));

    let report = step("check", store.check().await);
    assert!(report.is_clean(), "check: {:?}", report.problems);

    let export = step("export", store.export().await);
    let dir = scratch.join("export");
    step("write export", export.write_dir(&dir));
    let read = step("read export", Snapshot::read_dir(&dir));
    assert_eq!(read, export, "the export folder reads back as written");
    step("restore", fresh.restore(&read).await);
    let again = step("export restored", fresh.export().await);
    assert_eq!(again, export, "a restored store exports the same");
    assert!(
        fresh.restore(&read).await.is_err(),
        "restore into a non-empty store was accepted"
    );
    let report = step("check restored", fresh.check().await);
    assert!(report.is_clean(), "check restored: {:?}", report.problems);
    let next = step(
        "import after restore",
        fresh
            .add_activity(
                &ath.id,
                activity("tcx", Some("running"), T0 + 90_000, 4),
                T0 + 9,
            )
            .await,
    );
    assert_eq!(
        next,
        Added::New("act_3".into()),
        "restored counters carry on"
    );
    export
}
