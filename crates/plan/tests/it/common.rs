//! Shared helpers: read example profiles, plan them, lint them.

use std::path::{Path, PathBuf};

use runlift_model::profile::Profile;
use runlift_plan::{GeneratedPlan, Options, plan};

/// The example athletes of `examples/athletes/`.
pub const NAMES: [&str; 5] = [
    "beginner-5k.toml",
    "intermediate-half.toml",
    "advanced-marathon.toml",
    "microdose-10k.toml",
    "masters-two-a-races.toml",
];

pub fn examples_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/athletes"
    ))
    .to_path_buf()
}

pub fn profile(name: &str) -> Profile {
    let path = examples_dir().join(name);
    runlift_planfile::read_profile_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn planned(name: &str) -> GeneratedPlan {
    plan(&profile(name), &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn errors(gp: &GeneratedPlan) -> Vec<String> {
    gp.report
        .findings
        .iter()
        .filter(|f| f.severity == runlift_rules::Severity::Error)
        .map(|f| format!("{} {:?} {}", f.rule, f.dates, f.message))
        .collect()
}
