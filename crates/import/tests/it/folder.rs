//! Importing the real files of `shared/data` as a folder: every activity file is accounted for,
//! duplicates match the manifest's content hashes, corrupt files name their offset, and the
//! result does not depend on the number of threads.

use std::collections::HashSet;

use runlift_import::{Limits, Options, Outcome, import};

use crate::support::data_dir;

fn opts(threads: usize) -> Options {
    Options {
        threads,
        limits: Limits::default(),
    }
}

/// (file, sha256) of every manifest row.
fn manifest(data_dir: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(data_dir.join("MANIFEST.tsv")).expect("manifest");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).expect("column");
    let (f, h) = (col("file"), col("sha256"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .map(|c| (c[f].to_string(), c[h].to_string()))
        .collect()
}

#[test]
fn every_shared_file_is_imported_duplicated_or_skipped_with_a_reason() {
    let Some(dir) = data_dir() else {
        return;
    };
    let mut ticks = 0;
    let report = import(std::slice::from_ref(&dir), &opts(2), &mut |_| ticks += 1).expect("import");
    let files = manifest(&dir);
    assert_eq!(
        report.outcomes.len(),
        files.len(),
        "one outcome per activity file"
    );
    assert!(ticks > files.len(), "progress is reported per job");
    // MANIFEST.tsv, README.md, truth.json are not activity files.
    assert_eq!(report.ignored, 3);

    // Every skip says why, and a decoder failure says where.
    for (source, reason) in report.skipped() {
        assert!(!reason.is_empty(), "{source}");
        let decoder_error = reason.starts_with("FIT") || reason.contains("corrupt");
        if decoder_error {
            assert!(
                reason.contains("offset") || reason.contains("byte"),
                "{source}: {reason}"
            );
        }
    }
    // The file every decoder rejects is skipped, naming it.
    assert!(
        report
            .skipped()
            .any(|(s, _)| s.ends_with("fitparse__nick.fit")),
        "truncated file skipped"
    );

    // Distinct content among the decoded files = imported; the rest are duplicates.
    let skipped: HashSet<&str> = report.skipped().map(|(s, _)| s).collect();
    let dir_text = dir.display().to_string();
    let decoded_hashes: HashSet<&str> = files
        .iter()
        .filter(|(f, _)| !skipped.contains(format!("{dir_text}/{f}").as_str()))
        .map(|(_, h)| h.as_str())
        .collect();
    assert_eq!(report.imported().count(), decoded_hashes.len());
    for (record, of) in report.duplicates() {
        assert_ne!(record.source, of);
    }
    let gpx = report
        .imported()
        .filter(|r| r.source.ends_with(".gpx"))
        .count();
    assert_eq!(
        gpx + report
            .duplicates()
            .filter(|(r, _)| r.source.ends_with(".gpx"))
            .count(),
        41
    );
}

#[test]
fn one_thread_and_four_threads_give_the_same_report() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let dirs = [data_dir.join("gpx"), data_dir.join("fit")];
    let one = import(&dirs, &opts(1), &mut |_| {}).expect("import");
    let four = import(&dirs, &opts(4), &mut |_| {}).expect("import");
    assert_eq!(one.outcomes, four.outcomes);
}

#[test]
fn records_carry_format_sport_time_and_hash() {
    let Some(data_dir) = data_dir() else {
        return;
    };
    let file = data_dir.join("tcx/dblocktcx__running_activity_1.tcx");
    let report = import(&[file], &opts(1), &mut |_| {}).expect("import");
    let Some(Outcome::Imported(r)) = report.outcomes.first() else {
        panic!("{:?}", report.outcomes)
    };
    let line: serde_json::Value = serde_json::from_str(&r.to_json_line()).expect("json line");
    assert_eq!(line["format"], "tcx");
    assert_eq!(line["sport"], "running");
    assert_eq!(line["start_time"], "2014-12-26T10:00:39Z");
    assert_eq!(line["laps"], 15);
    assert_eq!(line["samples"], 1254);
    assert_eq!(line["hash"].as_str().map(str::len), Some(16));
    let d = line["distance_m"].as_f64().unwrap_or(0.0);
    assert!((d - 14332.28).abs() < 0.01, "{d}");
}

#[test]
fn a_missing_path_is_an_error() {
    let e = import(
        &[std::env::temp_dir().join("runlift-no-such-folder")],
        &opts(1),
        &mut |_| {},
    )
    .expect_err("missing");
    assert!(e.to_string().contains("no-such-folder"), "{e}");
}
