//! Runs the jobs on worker threads (scoped threads pulling from an atomic job index), then marks
//! duplicates in job order so the result does not depend on thread timing.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::discover::{self, Job, Plan};
use crate::limits::read_bounded;
use runlift_formats::Activity;

use crate::process::{Ctx, Done, note_cp437, process};
use crate::record::{Outcome, Record};
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
    let mut results: Vec<Vec<Done>> = (0..plan.jobs.len()).map(|_| Vec::new()).collect();
    let ctx = Ctx {
        limits: &opts.limits,
        known: None,
        keep: false,
    };
    run_jobs(&plan, opts, ctx, on_progress, &mut |i, done| {
        results[i] = done;
        true
    });

    let mut report = Report {
        ignored: plan.ignored,
        ..Report::default()
    };
    let mut seen: HashMap<u64, String> = HashMap::new();
    for done in results.into_iter().flatten() {
        report.outcomes.push(match done {
            Done::Skipped(o) => o,
            Done::Known { source, .. } => Outcome::skipped(source, "known content"),
            Done::Decoded { record, hash, .. } => {
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

/// One file's result as [`import_each`] hands it over.
#[derive(Debug)]
pub enum Item {
    /// Decoded: its summary, the activity with every stream, and the file's (decompressed) bytes.
    Decoded {
        record: Record,
        activity: Box<Activity>,
        bytes: Vec<u8>,
    },
    /// A content `known` said the caller has: not decoded.
    Known {
        source: String,
        /// xxh3-64, 16 hex digits (as [`Record::hash`]).
        hash: String,
        bytes: u64,
    },
    /// Not an activity, unreadable, corrupt or refused (the reason says which).
    Skipped { source: String, reason: String },
}

/// What [`import_each`] saw besides the items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// Jobs (files and archive entries) listed.
    pub jobs: usize,
    /// Files that are not activity files by name, left alone.
    pub ignored: usize,
    /// Whether `sink` stopped the import early.
    pub stopped: bool,
}

/// Imports everything under `paths`, handing each file's result to `sink` on the calling thread
/// in a stable order (paths sorted, archive entries in archive order) while workers decode the
/// next files. A content whose xxh3-64 `known` accepts is not decoded. `sink` returns false to
/// stop: the workers finish the file they hold and start no other.
pub fn import_each(
    paths: &[PathBuf],
    opts: &Options,
    known: &(dyn Fn(u64) -> bool + Sync),
    on_progress: &mut dyn FnMut(&Progress),
    sink: &mut dyn FnMut(Item) -> bool,
) -> Result<Seen, ImportError> {
    let plan = discover::plan(paths)?;
    let ctx = Ctx {
        limits: &opts.limits,
        known: Some(known),
        keep: true,
    };
    // Results come back in any order; hand them over in job order.
    let mut waiting: BTreeMap<usize, Vec<Done>> = BTreeMap::new();
    let mut next_out = 0;
    let mut open = true;
    run_jobs(&plan, opts, ctx, on_progress, &mut |i, done| {
        waiting.insert(i, done);
        while open && let Some(done) = waiting.remove(&next_out) {
            next_out += 1;
            for d in done {
                open = open && sink(item(d));
            }
        }
        open
    });
    Ok(Seen {
        jobs: plan.jobs.len(),
        ignored: plan.ignored,
        stopped: !open,
    })
}

fn item(done: Done) -> Item {
    match done {
        Done::Decoded { record, kept, .. } => {
            let (activity, bytes) = match kept {
                Some(k) => *k,
                None => unreachable!("import_each keeps every activity"),
            };
            Item::Decoded {
                record,
                activity: Box::new(activity),
                bytes,
            }
        }
        Done::Known {
            source,
            hash,
            bytes,
        } => Item::Known {
            source,
            hash: format!("{hash:016x}"),
            bytes,
        },
        Done::Skipped(Outcome::Skipped { source, reason }) => Item::Skipped { source, reason },
        Done::Skipped(other) => unreachable!("workers skip with Outcome::Skipped, not {other:?}"),
    }
}

/// Runs the plan's jobs on worker threads (scoped, pulling from an atomic job index through a
/// bounded channel); `deliver` gets each job's results on the calling thread and returns false
/// to stop the workers taking new jobs.
fn run_jobs(
    plan: &Plan,
    opts: &Options,
    ctx: Ctx<'_>,
    on_progress: &mut dyn FnMut(&Progress),
    deliver: &mut dyn FnMut(usize, Vec<Done>) -> bool,
) {
    let n = plan.jobs.len();
    let mut progress = Progress {
        jobs_total: n,
        bytes_total: plan.jobs.iter().map(Job::size).sum(),
        ..Progress::default()
    };
    on_progress(&progress);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let threads = opts.threads.clamp(1, n.max(1));
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<Done>)>(threads * 2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            s.spawn(move || {
                let mut worker = Worker {
                    plan,
                    ctx,
                    open: HashMap::new(),
                };
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= plan.jobs.len() || tx.send((i, worker.run(&plan.jobs[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, done) in rx {
            progress.jobs_done += 1;
            progress.bytes_done += plan.jobs[i].size();
            if !stop.load(Ordering::Relaxed) && !deliver(i, done) {
                stop.store(true, Ordering::Relaxed);
            }
            on_progress(&progress);
        }
    });
}

/// One worker's state: the archives it has open (each worker opens its own handle).
struct Worker<'a> {
    plan: &'a Plan,
    ctx: Ctx<'a>,
    open: HashMap<usize, zip::ZipArchive<BufReader<File>>>,
}

impl Worker<'_> {
    fn run(&mut self, job: &Job) -> Vec<Done> {
        let limits = self.ctx.limits;
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
                    Ok(bytes) => process(source, &bytes, 0, self.ctx, &mut out),
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
                    Ok(bytes) => process(source, &bytes, 1, self.ctx, &mut out),
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
        read_bounded(entry, compressed, self.ctx.limits)
    }
}
