//! Turns the paths given into a list of jobs: files found by walking folders, and the entries of
//! zip archives (names and sizes only; nothing is decompressed here).

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use crate::ImportError;
use crate::record::Outcome;

/// What a file name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `.fit`, `.gpx`, `.tcx`, optionally `.gz`.
    Activity,
    Zip,
    Other,
}

pub(crate) fn kind_of(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    if [".fit", ".gpx", ".tcx"]
        .iter()
        .any(|ext| base.ends_with(ext))
    {
        Kind::Activity
    } else if lower.ends_with(".zip") {
        Kind::Zip
    } else {
        Kind::Other
    }
}

/// One unit of work.
#[derive(Debug)]
pub(crate) enum Job {
    File {
        path: PathBuf,
        source: String,
        size: u64,
    },
    /// Entry `index` of archive `archive` (an index into [`Plan::archives`]).
    Entry {
        archive: usize,
        index: usize,
        source: String,
        size: u64,
        compressed: u64,
        cp437: bool,
    },
    /// Settled while listing (an unsafe entry name, an unreadable archive).
    Done(Outcome),
}

impl Job {
    /// Bytes the job will read, as far as the listing knows.
    pub(crate) fn size(&self) -> u64 {
        match self {
            Job::File { size, .. } | Job::Entry { size, .. } => *size,
            Job::Done(_) => 0,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub jobs: Vec<Job>,
    pub archives: Vec<PathBuf>,
    pub ignored: usize,
}

/// Lists the jobs for `paths`: a folder is walked (sorted, recursively), a file named like an
/// archive is listed entry by entry, any other file given by name is a job whatever its name.
pub(crate) fn plan(paths: &[PathBuf]) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| ImportError::Path {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &mut plan)?;
        } else {
            add_file(path, meta.len(), true, &mut plan);
        }
    }
    Ok(plan)
}

fn walk(dir: &Path, plan: &mut Plan) -> Result<(), ImportError> {
    let io = |source| ImportError::Path {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, plan)?;
        } else if ft.is_file() {
            let size = e.metadata().map_or(0, |m| m.len());
            add_file(&path, size, false, plan);
        }
    }
    Ok(())
}

fn add_file(path: &Path, size: u64, named: bool, plan: &mut Plan) {
    let source = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match kind_of(&name) {
        Kind::Zip => list_archive(path, source, plan),
        Kind::Activity => plan.jobs.push(Job::File {
            path: path.to_path_buf(),
            source,
            size,
        }),
        Kind::Other if named => plan.jobs.push(Job::File {
            path: path.to_path_buf(),
            source,
            size,
        }),
        Kind::Other => plan.ignored += 1,
    }
}

fn list_archive(path: &Path, source: String, plan: &mut Plan) {
    let archive = match File::open(path).map_err(|e| e.to_string()).and_then(|f| {
        zip::ZipArchive::new(BufReader::new(f))
            .map_err(|e| format!("not a readable zip archive: {e}"))
    }) {
        Ok(a) => a,
        Err(reason) => {
            plan.jobs.push(Job::Done(Outcome::skipped(source, reason)));
            return;
        }
    };
    let id = plan.archives.len();
    plan.archives.push(path.to_path_buf());
    let mut archive = archive;
    for index in 0..archive.len() {
        match entry_job(&mut archive, index, &source) {
            Listed::Job {
                name,
                size,
                compressed,
                cp437,
            } => plan.jobs.push(Job::Entry {
                archive: id,
                index,
                source: name,
                size,
                compressed,
                cp437,
            }),
            Listed::Refused(o) => plan.jobs.push(Job::Done(o)),
            Listed::Ignored => plan.ignored += 1,
        }
    }
}

/// What listing one archive entry gave.
pub(crate) enum Listed {
    Job {
        name: String,
        size: u64,
        compressed: u64,
        cp437: bool,
    },
    Refused(Outcome),
    Ignored,
}

/// Checks one entry's name and kind without reading its data.
pub(crate) fn entry_job<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    parent: &str,
) -> Listed {
    let entry = match archive.by_index_raw(index) {
        Ok(e) => e,
        Err(e) => {
            return Listed::Refused(Outcome::skipped(
                format!("{parent}!#{index}"),
                format!("unreadable entry: {e}"),
            ));
        }
    };
    let raw = String::from_utf8_lossy(entry.name_raw()).into_owned();
    let name = match entry.name() {
        Ok(n) => n.into_owned(),
        Err(_) => {
            return Listed::Refused(Outcome::skipped(
                format!("{parent}!{raw}"),
                "entry name is not valid UTF-8; refused",
            ));
        }
    };
    if entry.is_dir() {
        return Listed::Ignored;
    }
    let source = format!("{parent}!{name}");
    if entry.enclosed_name().is_none() || name.starts_with('/') || name.starts_with('\\') {
        return Listed::Refused(Outcome::skipped(
            source,
            "entry name leaves the archive (absolute or `..`); refused",
        ));
    }
    // Without the UTF-8 flag the zip crate reads names as code page 437; say so.
    let cp437 = std::str::from_utf8(entry.name_raw()).is_err();
    match kind_of(&name) {
        Kind::Activity | Kind::Zip => Listed::Job {
            name: source,
            size: entry.size(),
            compressed: entry.compressed_size(),
            cp437,
        },
        Kind::Other => Listed::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(kind_of("a/b/Run.FIT"), Kind::Activity);
        assert_eq!(kind_of("123.gpx.gz"), Kind::Activity);
        assert_eq!(kind_of("x.tcx"), Kind::Activity);
        assert_eq!(kind_of("export.zip"), Kind::Zip);
        assert_eq!(kind_of("activities.csv"), Kind::Other);
        assert_eq!(kind_of("photo.jpg.gz"), Kind::Other);
    }
}
