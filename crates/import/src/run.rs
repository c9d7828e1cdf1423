//! Runs the jobs on worker threads (scoped threads pulling from an atomic job index), then marks
//! duplicates in job order so the result does not depend on thread timing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::discover::{self, Job, Plan};
use crate::limits::read_bounded;
use crate::process::{Done, note_cp437, process};
use crate::record::Outcome;
use crate::{ImportError, Options, Report};

/// Where an import stands, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub jobs_done: usize,
    pub jobs_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Imports everything under `paths`. `on_progress` is called on the calling thread after each job.
pub fn import(
    paths: &[PathBuf],
    opts: &Options,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Report, ImportError> {
    let plan = discover::plan(paths)?;
    let n = plan.jobs.len();
    let mut progress = Progress {
        jobs_total: n,
        bytes_total: plan.jobs.iter().map(Job::size).sum(),
        ..Progress::default()
    };
    on_progress(&progress);
    let mut results: Vec<Vec<Done>> = (0..n).map(|_| Vec::new()).collect();
    let next = AtomicUsize::new(0);
    let threads = opts.threads.clamp(1, n.max(1));
    let (tx, rx) = mpsc::channel::<(usize, Vec<Done>)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (plan, next) = (&plan, &next);
            s.spawn(move || {
                let mut worker = Worker {
                    plan,
                    opts,
                    open: HashMap::new(),
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= plan.jobs.len() {
                        break;
                    }
                    if tx.send((i, worker.run(&plan.jobs[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, done) in rx {
            progress.jobs_done += 1;
            progress.bytes_done += plan.jobs[i].size();
            results[i] = done;
            on_progress(&progress);
        }
    });

    let mut report = Report {
        ignored: plan.ignored,
        ..Report::default()
    };
    let mut seen: HashMap<u64, String> = HashMap::new();
    for done in results.into_iter().flatten() {
        report.outcomes.push(match done {
            Done::Skipped(o) => o,
            Done::Decoded { record, hash } => {
                report.bytes += record.bytes;
                match seen.get(&hash) {
                    Some(of) => Outcome::Duplicate {
                        record,
                        of: of.clone(),
                    },
                    None => {
                        seen.insert(hash, record.source.clone());
                        Outcome::Imported(record)
                    }
                }
            }
        });
    }
    Ok(report)
}

/// One worker's state: the archives it has open (each worker opens its own handle).
struct Worker<'a> {
    plan: &'a Plan,
    opts: &'a Options,
    open: HashMap<usize, zip::ZipArchive<BufReader<File>>>,
}

impl Worker<'_> {
    fn run(&mut self, job: &Job) -> Vec<Done> {
        let limits = &self.opts.limits;
        let mut out = Vec::new();
        match job {
            Job::Done(o) => out.push(Done::Skipped(o.clone())),
            Job::File { path, source, size } => {
                if *size > limits.max_entry_bytes {
                    let reason =
                        format!("larger than {} MiB; refused", limits.max_entry_bytes >> 20);
                    out.push(Done::Skipped(Outcome::skipped(source, reason)));
                    return out;
                }
                let data = File::open(path).map_err(|e| e.to_string()).and_then(|f| {
                    let mut buf = Vec::with_capacity(usize::try_from(*size).unwrap_or(0));
                    f.take(limits.max_entry_bytes + 1)
                        .read_to_end(&mut buf)
                        .map_err(|e| e.to_string())?;
                    Ok(buf)
                });
                match data {
                    Ok(bytes) => process(source, &bytes, 0, limits, &mut out),
                    Err(e) => out.push(Done::Skipped(Outcome::skipped(source, e))),
                }
            }
            Job::Entry {
                archive,
                index,
                source,
                compressed,
                cp437,
                ..
            } => {
                match self.read_entry(*archive, *index, *compressed) {
                    Ok(bytes) => process(source, &bytes, 1, limits, &mut out),
                    Err(e) => out.push(Done::Skipped(Outcome::skipped(source, e))),
                }
                if *cp437 {
                    note_cp437(&mut out);
                }
            }
        }
        out
    }

    fn read_entry(
        &mut self,
        archive: usize,
        index: usize,
        compressed: u64,
    ) -> Result<Vec<u8>, String> {
        if !self.open.contains_key(&archive) {
            let path = &self.plan.archives[archive];
            let f = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let a = zip::ZipArchive::new(BufReader::new(f)).map_err(|e| e.to_string())?;
            self.open.insert(archive, a);
        }
        let a = self.open.get_mut(&archive).ok_or("archive not open")?;
        let entry = a
            .by_index(index)
            .map_err(|e| format!("unreadable entry: {e}"))?;
        read_bounded(entry, compressed, &self.opts.limits)
    }
}
