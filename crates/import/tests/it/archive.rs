//! Zip and gzip exports: a Strava-like bulk export, nested archives, and the safety limits
//! (path traversal, zip bombs, deep nesting, names that are not UTF-8), built from the project's
//! own small files in `test_data/activity/`.

use runlift_import::{Limits, Options, Report, import};

use runlift_testkit::read_test_data;

use crate::support::{TempDir, gzip, zip_of};

fn run(dir: &TempDir, name: &str, archive: &[u8], limits: Limits) -> Report {
    let path = dir.path().join(name);
    std::fs::write(&path, archive).expect("write archive");
    import(&[path], &Options { threads: 2, limits }, &mut |_| {}).expect("import")
}

fn reason_for<'a>(report: &'a Report, source_end: &str) -> &'a str {
    report
        .skipped()
        .find(|(s, _)| s.ends_with(source_end))
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("{source_end} not skipped: {:#?}", report.outcomes))
}

#[test]
fn strava_like_export_with_gz_files_and_a_duplicate() {
    let fit = read_test_data("activity/run.fit");
    let gpx = read_test_data("activity/run.gpx");
    let tcx = read_test_data("activity/run.tcx");
    let archive = zip_of(&[
        (
            "activities.csv",
            b"Activity ID,Filename\n1,activities/1.fit.gz\n",
        ),
        ("activities/1.fit.gz", &gzip(&fit)),
        ("activities/2.gpx.gz", &gzip(&gpx)),
        ("activities/3.tcx.gz", &gzip(&tcx)),
        ("activities/4.fit", &fit),
        ("media/photo.jpg", b"\xff\xd8\xff"),
    ]);
    let dir = TempDir::new("strava");
    let report = run(&dir, "export_123.zip", &archive, Limits::default());
    assert_eq!(report.imported().count(), 3, "{:#?}", report.outcomes);
    assert_eq!(report.ignored, 2, "csv and photo ignored");
    let dups: Vec<_> = report.duplicates().collect();
    assert_eq!(dups.len(), 1);
    assert!(
        dups[0]
            .0
            .source
            .ends_with("export_123.zip!activities/4.fit")
    );
    assert!(dups[0].1.ends_with("export_123.zip!activities/1.fit.gz"));
    let formats: Vec<String> = report
        .imported()
        .map(|r| format!("{:?}", r.format))
        .collect();
    assert_eq!(formats, ["Fit", "Gpx", "Tcx"]);
}

#[test]
fn corrupt_entry_is_skipped_with_offset_and_the_rest_imports() {
    let fit = read_test_data("activity/run.fit");
    let gpx = read_test_data("activity/run.gpx");
    let archive = zip_of(&[
        ("a/cut.fit", &fit[..fit.len() / 2]),
        ("a/cut.gpx", &gpx[..gpx.len() / 3]),
        ("a/ok.gpx", &gpx),
    ]);
    let dir = TempDir::new("corrupt");
    let report = run(&dir, "garmin.zip", &archive, Limits::default());
    assert_eq!(report.imported().count(), 1);
    let fit_reason = reason_for(&report, "a/cut.fit");
    assert!(
        fit_reason.contains("offset") || fit_reason.contains("byte"),
        "{fit_reason}"
    );
    let gpx_reason = reason_for(&report, "a/cut.gpx");
    assert!(
        gpx_reason.contains("line") && gpx_reason.contains("byte"),
        "{gpx_reason}"
    );
}

#[test]
fn path_traversal_and_absolute_names_are_refused() {
    let gpx = read_test_data("activity/run.gpx");
    let archive = zip_of(&[
        ("../../etc/evil.gpx", &gpx),
        ("/abs/evil2.gpx", &gpx),
        ("fine/ok.gpx", &gpx),
    ]);
    let dir = TempDir::new("traversal");
    let report = run(&dir, "t.zip", &archive, Limits::default());
    assert!(reason_for(&report, "../../etc/evil.gpx").contains("refused"));
    assert!(reason_for(&report, "/abs/evil2.gpx").contains("refused"));
    assert_eq!(report.imported().count(), 1);
}

#[test]
fn zip_bomb_is_refused_by_ratio_counting_real_bytes() {
    // 64 MiB of one repeated line deflates to well under 1 MiB: a ratio far past 100.
    let mut bomb = b"<?xml version=\"1.0\"?><gpx><trk><trkseg>".to_vec();
    bomb.resize(64 << 20, b' ');
    let archive = zip_of(&[("bomb.gpx", &bomb)]);
    assert!(archive.len() < 1 << 20);
    let dir = TempDir::new("bomb");
    let report = run(&dir, "b.zip", &archive, Limits::default());
    let reason = reason_for(&report, "bomb.gpx");
    assert!(
        reason.contains("refused") && reason.contains("100x"),
        "{reason}"
    );
}

#[test]
fn entry_past_the_size_limit_is_refused() {
    let gpx = read_test_data("activity/run.gpx");
    let archive = zip_of(&[("big.gpx", &gpx)]);
    let limits = Limits {
        max_entry_bytes: 5_000,
        max_ratio: 1_000_000,
        ..Limits::default()
    };
    let dir = TempDir::new("size");
    let report = run(&dir, "s.zip", &archive, limits);
    assert!(reason_for(&report, "big.gpx").contains("refused"));
    let gz_bomb = gzip(&vec![0u8; 8 << 20]);
    let gz = dir.path().join("zeros.fit.gz");
    std::fs::write(&gz, gz_bomb).expect("write");
    let r = import(
        &[gz],
        &Options {
            threads: 1,
            limits: Limits::default(),
        },
        &mut |_| {},
    )
    .expect("import");
    assert!(reason_for(&r, "zeros.fit.gz").starts_with("gzip: "));
}

#[test]
fn nested_zip_imports_and_nesting_past_the_limit_is_refused() {
    let gpx = read_test_data("activity/run.gpx");
    let tcx = read_test_data("activity/run.tcx");
    let level3 = zip_of(&[("deep.gpx", &gpx)]);
    let level2 = zip_of(&[("inner.tcx", &tcx), ("level3.zip", &level3)]);
    let outer = zip_of(&[("level2.zip", &level2)]);
    let dir = TempDir::new("nested");
    let report = run(&dir, "outer.zip", &outer, Limits::default());
    let imported: Vec<&str> = report.imported().map(|r| r.source.as_str()).collect();
    assert_eq!(imported.len(), 1, "{:#?}", report.outcomes);
    assert!(
        imported[0].ends_with("outer.zip!level2.zip!inner.tcx"),
        "{imported:?}"
    );
    assert!(reason_for(&report, "level2.zip!level3.zip").contains("nested deeper than 2"));
}

#[test]
fn entry_name_that_is_not_utf8_is_read_as_cp437_with_a_note() {
    let gpx = read_test_data("activity/run.gpx");
    let mut archive = zip_of(&[("caf\u{e9}.gpx", &gpx), ("plain.gpx", &gpx)]);
    // Turn the UTF-8 "é" of the name (local and central headers) into bytes that are not UTF-8.
    let needle = "caf\u{e9}".as_bytes();
    let mut replaced = 0;
    let mut i = 0;
    while i + needle.len() <= archive.len() {
        if &archive[i..i + needle.len()] == needle {
            archive[i + 3] = 0xff;
            archive[i + 4] = 0xfe;
            replaced += 1;
        }
        i += 1;
    }
    assert_eq!(replaced, 2, "name found in both headers");
    let dir = TempDir::new("utf8");
    let report = run(&dir, "n.zip", &archive, Limits::default());
    let rec = report
        .imported()
        .find(|r| r.source.contains("caf"))
        .expect("imported under a safe name");
    assert!(rec.notes.iter().any(|n| n.contains("UTF-8")), "{rec:?}");
    assert!(
        !rec.source.contains('\u{fffd}'),
        "no replacement characters: {}",
        rec.source
    );
    assert_eq!(
        report.imported().count(),
        1,
        "the two entries have the same content"
    );
    assert_eq!(report.duplicates().count(), 1);
}
