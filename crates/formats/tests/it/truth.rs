//! Reading `shared/data/MANIFEST.tsv` and `truth.json` for the decoder tests.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

/// `../shared/data`, through runlift-testkit: `None` (the test reported as skipped, or failed on
/// CI) when it is not beside the repository.
pub fn data_dir() -> Option<PathBuf> {
    runlift_testkit::shared_data()
}

fn dir() -> PathBuf {
    runlift_testkit::shared_dir()
        .expect("data_dir() is checked first")
        .join("data")
}

/// The `file` column of every manifest row of the given `type` (`fit`, `gpx`, `tcx`).
pub fn manifest_files(kind: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir().join("MANIFEST.tsv")).expect("read MANIFEST.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .expect("manifest column")
    };
    let (file, ty) = (col("file"), col("type"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|cells| cells.get(ty) == Some(&kind))
        .filter_map(|cells| cells.get(file).map(|s| s.to_string()))
        .collect()
}

/// The manifest's `notes` for one file.
pub fn manifest_notes(file: &str) -> String {
    let text = std::fs::read_to_string(dir().join("MANIFEST.tsv")).expect("read MANIFEST.tsv");
    let header: Vec<&str> = text.lines().next().expect("header").split('\t').collect();
    let notes = header
        .iter()
        .position(|h| *h == "notes")
        .expect("notes column");
    text.lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|cells| cells.first() == Some(&file))
        .and_then(|cells| cells.get(notes).map(|s| s.to_string()))
        .unwrap_or_default()
}

/// The `truth.json` entry of one file.
pub fn truth_entry(file: &str) -> &'static Value {
    static TRUTH: OnceLock<Value> = OnceLock::new();
    let truth = TRUTH.get_or_init(|| {
        let text = std::fs::read_to_string(dir().join("truth.json")).expect("read truth.json");
        serde_json::from_str(&text).expect("truth.json is JSON")
    });
    let entry = &truth["files"][file];
    assert!(!entry.is_null(), "truth.json has no entry for {file}");
    entry
}
