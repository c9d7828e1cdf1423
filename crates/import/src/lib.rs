//! Imports activity files in bulk: finds FIT/GPX/TCX files in folders, zip exports (Garmin,
//! Strava) and `.gz` files, decodes them in parallel, hashes their content to spot duplicates and
//! reports what was imported, duplicated or skipped and why. Reads files; decoding itself is
//! `runlift-formats`.
//!
//! Memory stays bounded by the largest file: jobs are listed first (names and sizes only), then
//! each worker reads one file or archive entry at a time and keeps only a small [`Record`].

mod discover;
mod limits;
mod process;
mod record;
mod run;

pub use limits::{Limits, read_activity_file};
pub use record::{Outcome, Record};
pub use run::{Item, Progress, Seen, import, import_each};

use std::path::PathBuf;

/// How an import runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Worker threads (at least 1).
    pub threads: usize,
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Options {
            threads,
            limits: Limits::default(),
        }
    }
}

/// A problem with the request itself (a path that is not there); problems with single files are
/// [`Outcome::Skipped`] instead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Path {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Everything an import found, in a stable order (paths sorted, archive entries in archive order).
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    /// Files that are not activity files by name (photos, CSV, JSON in an export), left alone.
    pub ignored: usize,
    /// Bytes of the activity files decoded (after decompression), duplicates included.
    pub bytes: u64,
}

impl Report {
    pub fn imported(&self) -> impl Iterator<Item = &Record> {
        self.outcomes.iter().filter_map(|o| match o {
            Outcome::Imported(r) => Some(r),
            _ => None,
        })
    }

    pub fn duplicates(&self) -> impl Iterator<Item = (&Record, &str)> {
        self.outcomes.iter().filter_map(|o| match o {
            Outcome::Duplicate { record, of } => Some((record, of.as_str())),
            _ => None,
        })
    }

    pub fn skipped(&self) -> impl Iterator<Item = (&str, &str)> {
        self.outcomes.iter().filter_map(|o| match o {
            Outcome::Skipped { source, reason } => Some((source.as_str(), reason.as_str())),
            _ => None,
        })
    }
}
