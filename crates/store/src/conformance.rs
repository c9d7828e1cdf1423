//! The conformance story every backend must pass, the same steps on each: add an athlete,
//! update the profile, save a plan, import (a new activity, the same file again, its GPX twin),
//! undo, export, restore into a fresh store and export again. It panics, naming the step, where
//! a backend goes wrong; the caller compares the exports of different backends.

use jiff::civil::date;
use runlift_model::Kind;
use runlift_model::library::library;
use runlift_model::log::{
    DoneSession, LiftSet, Load, Manual, Source, TestEntry, TestResult, WellnessEntry,
};
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
        session: (sport == Some("running")).then(|| DoneSession {
            source: Source::Fit,
            distance_m: Some(5012.25),
            avg_hr: Some(141.0),
            ..DoneSession::new(date(2026, 12, 1), Kind::RunEasy, 1800.5)
        }),
        original,
    }
}

fn lift() -> DoneSession {
    let squat = library()
        .id("back-squat")
        .expect("back-squat in the library");
    let set = |kg, rpe| LiftSet {
        exercise: squat,
        reps: 5,
        load: Load::Kg(kg),
        rpe,
    };
    DoneSession {
        rpe: Some(7.0),
        sets: vec![set(80.0, None), set(82.5, Some(8.0))],
        note: Some("felt good".into()),
        ..DoneSession::new(date(2026, 12, 2), Kind::StrHeavy, 2400.0)
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

    // The log: a lift typed in, bad input refused naming the field, an edit kept apart, undo.
    let logged = step(
        "log lift",
        store.add_session(&ath.id, lift(), T0 + 10).await,
    );
    assert_eq!(logged.id.as_str(), "s_2", "the imported run is s_1");
    let mut bad = lift();
    bad.rpe = Some(14.0);
    let e = store
        .add_session(&ath.id, bad, T0)
        .await
        .expect_err("RPE 14 accepted");
    assert!(e.to_string().starts_with("rpe:"), "{e}");
    let mut bad = lift();
    bad.date = date(1850, 1, 1);
    let e = store
        .add_session(&ath.id, bad, T0)
        .await
        .expect_err("1850 accepted");
    assert!(e.to_string().starts_with("date:"), "{e}");
    let mut bad = lift();
    bad.distance_m = Some(-5.0);
    let e = store
        .add_session(&ath.id, bad, T0)
        .await
        .expect_err("a negative distance");
    assert!(e.to_string().starts_with("distance_m:"), "{e}");
    let all = step("sessions", store.sessions(&ath.id, None, None).await);
    assert_eq!(all.len(), 2, "the refused sessions were written");
    assert_eq!(all[0].source, Source::Fit);
    assert_eq!(all[1].sets, lift().sets, "sets read back as logged");
    let edit = Manual {
        rpe: Some(6.0),
        ..Manual::default()
    };
    let edited = step(
        "edit",
        store.edit_session(&ath.id, "s_1", &edit, T0 + 11).await,
    );
    assert_eq!(edited.effective_rpe(), Some(6.0));
    let kind = Manual {
        kind: Some(Kind::RunTempo),
        ..Manual::default()
    };
    let edited = step(
        "edit 2",
        store.edit_session(&ath.id, "s_1", &kind, T0 + 12).await,
    );
    assert_eq!(
        (edited.effective_kind(), edited.effective_rpe()),
        (Kind::RunTempo, Some(6.0))
    );
    assert_eq!(
        edited.kind,
        Kind::RunEasy,
        "the imported kind is kept apart"
    );
    let again = step(
        "re-import",
        store.add_activity(&ath.id, fit.clone(), T0 + 13).await,
    );
    assert_eq!(again, Added::SameFile("act_1".into()));
    let s1 = step("session", store.session(&ath.id, "s_1").await);
    assert_eq!(s1.manual.rpe, Some(6.0), "a re-import keeps the edit");
    assert_eq!(
        step("undo edit", store.undo(&ath.id).await).unwrap().op,
        "edit"
    );
    let s1 = step("session", store.session(&ath.id, "s_1").await);
    assert_eq!(
        (s1.effective_kind(), s1.manual.rpe),
        (Kind::RunEasy, Some(6.0))
    );
    step(
        "delete",
        store.delete_session(&ath.id, "s_2", T0 + 14).await,
    );
    assert_eq!(
        step("sessions", store.sessions(&ath.id, None, None).await).len(),
        1
    );
    assert_eq!(
        step("undo delete", store.undo(&ath.id).await).unwrap().op,
        "delete"
    );
    let back = step("session", store.session(&ath.id, "s_2").await);
    assert_eq!(back, logged, "undo put the session back whole");
    let range = store
        .sessions(&ath.id, Some(date(2026, 12, 2)), Some(date(2026, 12, 2)))
        .await;
    assert_eq!(step("range", range).len(), 1);

    let w = WellnessEntry {
        id: Default::default(),
        date: date(2026, 12, 2),
        fatigue: 3,
        sleep: 4,
        soreness: 2,
        stress: 3,
        mood: 4,
        sleep_hours: Some(6.5),
        rmssd_ms: None,
        rest_hr_bpm: Some(48.0),
        note: None,
    };
    step(
        "wellness",
        store.add_wellness(&ath.id, w.clone(), T0 + 15).await,
    );
    let w2 = WellnessEntry {
        mood: 5,
        ..w.clone()
    };
    step(
        "wellness again",
        store.add_wellness(&ath.id, w2, T0 + 16).await,
    );
    let ws = step("wellness list", store.wellness(&ath.id, None, None).await);
    assert_eq!(
        (ws.len(), ws[0].mood),
        (1, 5),
        "the same morning's entry replaces the first"
    );
    let bad = WellnessEntry { sleep: 9, ..w };
    let e = store
        .add_wellness(&ath.id, bad, T0)
        .await
        .expect_err("sleep 9 accepted");
    assert!(e.to_string().starts_with("sleep:"), "{e}");
    let t = TestEntry {
        id: Default::default(),
        date: date(2026, 12, 3),
        result: TestResult::WallSit { seconds: 95.0 },
        note: None,
    };
    let t = step("test", store.add_test(&ath.id, t, T0 + 17).await);
    assert_eq!(t.id.as_str(), "t_1");
    assert_eq!(
        step("tests", store.tests(&ath.id, None, None).await),
        vec![t]
    );

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
