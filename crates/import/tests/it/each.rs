//! `import_each`: the same files in the same order as `import`, each decoded activity with its
//! bytes; contents the caller knows are passed over undecoded; the sink can stop the import.

use std::collections::HashSet;

use runlift_import::{Item, Options, import, import_each};

fn opts() -> Options {
    Options {
        threads: 2,
        ..Options::default()
    }
}

fn sources(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Decoded { record, .. } => record.source.clone(),
            Item::Known { source, .. } | Item::Skipped { source, .. } => source.clone(),
        })
        .collect()
}

#[test]
fn hands_over_every_file_in_order_with_its_activity_and_bytes() {
    let dir = runlift_testkit::test_data("activity");
    let report = import(std::slice::from_ref(&dir), &opts(), &mut |_| {}).expect("import");
    let mut items = Vec::new();
    let seen = import_each(
        std::slice::from_ref(&dir),
        &opts(),
        &|_| false,
        &mut |_| {},
        &mut |item| {
            items.push(item);
            true
        },
    )
    .expect("import_each");
    assert!(!seen.stopped);
    let want: Vec<String> = report
        .outcomes
        .iter()
        .map(|o| match o {
            runlift_import::Outcome::Imported(r) => r.source.clone(),
            runlift_import::Outcome::Duplicate { record, .. } => record.source.clone(),
            runlift_import::Outcome::Skipped { source, .. } => source.clone(),
        })
        .collect();
    assert_eq!(sources(&items), want);
    let run = items
        .iter()
        .find_map(|i| match i {
            Item::Decoded {
                record,
                activity,
                bytes,
            } if record.source.ends_with("/run.fit") => Some((record, activity, bytes)),
            _ => None,
        })
        .expect("run.fit decoded");
    assert_eq!(
        *run.2,
        std::fs::read(dir.join("run.fit")).unwrap(),
        "the original bytes"
    );
    assert!(!run.1.samples.heart_rate.is_empty(), "streams are kept");
    assert!(items.iter().any(
        |i| matches!(i, Item::Skipped { source, .. } if source.ends_with("truncated-run.fit"))
    ));
}

#[test]
fn known_contents_are_not_decoded_and_the_sink_can_stop() {
    let dir = runlift_testkit::test_data("activity");
    let mut hashes = HashSet::new();
    import_each(
        std::slice::from_ref(&dir),
        &opts(),
        &|_| false,
        &mut |_| {},
        &mut |item| {
            if let Item::Decoded { record, .. } = item {
                hashes.insert(u64::from_str_radix(&record.hash, 16).unwrap());
            }
            true
        },
    )
    .expect("first");
    let mut known = 0;
    let mut decoded = 0;
    import_each(
        std::slice::from_ref(&dir),
        &opts(),
        &|h| hashes.contains(&h),
        &mut |_| {},
        &mut |item| {
            match item {
                Item::Known { .. } => known += 1,
                Item::Decoded { .. } => decoded += 1,
                Item::Skipped { .. } => {}
            }
            true
        },
    )
    .expect("second");
    assert_eq!(
        (known, decoded),
        (hashes.len() + 1, 0),
        "run.gpx.gz is run.gpx's content"
    );

    let mut taken = 0;
    let seen = import_each(
        std::slice::from_ref(&dir),
        &Options {
            threads: 1,
            ..Options::default()
        },
        &|_| false,
        &mut |_| {},
        &mut |_| {
            taken += 1;
            taken < 2
        },
    )
    .expect("stopped");
    assert!(seen.stopped);
    assert_eq!(taken, 2, "no item after the sink said stop");
}
