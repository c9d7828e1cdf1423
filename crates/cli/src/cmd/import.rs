//! `runlift import PATH...`: imports activity files, folders and export archives in parallel into
//! the store (`--db`; the storing is `import_store`), writes one JSON line per new activity and
//! ends with a summary on stderr (added, duplicate, failed with reasons); with `--format json`,
//! one JSON object on standard output instead (docs/json.md). `--dry-run` decodes everything and
//! writes nothing. Exit 0 when no file failed, 1 when some did.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use runlift_import::{Limits, Options, Progress, Report};
use serde::Serialize;

use crate::cmd::import_store;
use crate::output::{TextOrJson, write_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (searched recursively) and zip archives (Garmin or Strava exports).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Decode every file (duplicates included) and report, but write nothing (no store is opened).
    #[arg(long)]
    pub dry_run: bool,
    /// Worker threads [default: available cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Write the JSON lines to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// `text`: JSON lines on standard output and a summary on standard error; `json`: one JSON
    /// object with the summary (and the activities, unless `--out` or `--dry-run`).
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    #[command(flatten)]
    pub db: crate::store::DbArgs,
}

/// `import --format json` (docs/json.md).
#[derive(Serialize, Debug)]
struct SummaryJson<'a> {
    dry_run: bool,
    imported: usize,
    duplicates: Vec<DuplicateJson<'a>>,
    skipped: Vec<SkippedJson<'a>>,
    files: usize,
    bytes: u64,
    seconds: f64,
    ignored: usize,
}

#[derive(Serialize, Debug)]
struct DuplicateJson<'a> {
    source: &'a str,
    of: &'a str,
}

#[derive(Serialize, Debug)]
struct SkippedJson<'a> {
    source: &'a str,
    reason: &'a str,
}

fn summary_json(report: &Report, dry_run: bool, elapsed: Duration) -> SummaryJson<'_> {
    SummaryJson {
        dry_run,
        imported: report.imported().count(),
        duplicates: report
            .duplicates()
            .map(|(r, of)| DuplicateJson {
                source: &r.source,
                of,
            })
            .collect(),
        skipped: report
            .skipped()
            .map(|(source, reason)| SkippedJson { source, reason })
            .collect(),
        files: report.outcomes.len(),
        bytes: report.bytes,
        seconds: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        ignored: report.ignored,
    }
}

/// The typed configuration the arguments stand for.
#[derive(Debug)]
struct Config {
    paths: Vec<PathBuf>,
    dry_run: bool,
    out: Option<PathBuf>,
    options: Options,
    progress_bar: bool,
    format: TextOrJson,
    db: crate::store::DbArgs,
}

impl Config {
    fn from_args(args: Args) -> anyhow::Result<Config> {
        let mut options = Options {
            limits: Limits::default(),
            ..Options::default()
        };
        if let Some(n) = args.threads {
            anyhow::ensure!(n >= 1, "--threads must be at least 1");
            options.threads = n;
        }
        Ok(Config {
            paths: args.paths,
            dry_run: args.dry_run,
            out: args.out,
            options,
            progress_bar: std::io::stderr().is_terminal(),
            format: args.format,
            db: args.db,
        })
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let cfg = Config::from_args(args)?;
    let started = Instant::now();
    let bar = cfg.progress_bar.then(new_bar);
    let mut tick = |p: &Progress| {
        if let Some(bar) = &bar {
            update_bar(bar, p, started.elapsed());
        }
    };
    if !cfg.dry_run {
        let tally = crate::cmd::import_store::import(&cfg.paths, &cfg.options, &cfg.db, &mut tick);
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        return report_store(&cfg, &tally?, started.elapsed(), out);
    }
    let report = runlift_import::import(&cfg.paths, &cfg.options, &mut tick)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let elapsed = started.elapsed();

    let json = cfg.format == TextOrJson::Json;
    if json {
        write_json(out, &summary_json(&report, cfg.dry_run, elapsed))?;
    } else {
        out.flush()?;
        let mut err = std::io::stderr().lock();
        write_summary(&report, cfg.dry_run, elapsed, &mut err)?;
    }
    Ok(if report.skipped().next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `import --format json` into the store (docs/json.md).
#[derive(Serialize, Debug)]
struct StoreJson<'a> {
    dry_run: bool,
    store: &'a str,
    imported: usize,
    duplicates: &'a [import_store::DuplicateJson],
    skipped: &'a [import_store::FailedJson],
    files: usize,
    bytes: u64,
    seconds: f64,
    ignored: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    activities: Option<&'a [import_store::AddedJson]>,
}

/// Writes what an import into the store did: the new activities as JSON lines (to `--out` or
/// standard output) and the summary, or one JSON object.
fn report_store(
    cfg: &Config,
    tally: &import_store::Tally,
    elapsed: Duration,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let json = cfg.format == TextOrJson::Json;
    match &cfg.out {
        Some(path) => {
            let mut w = crate::atomic::AtomicFile::create(path)?;
            write_added(tally, &mut w)
                .with_context(|| format!("cannot write {}", path.display()))?;
            w.commit()?;
        }
        None if json => {}
        None => write_added(tally, out)?,
    }
    if json {
        let summary = StoreJson {
            dry_run: false,
            store: &tally.store,
            imported: tally.added.len(),
            duplicates: &tally.duplicates,
            skipped: &tally.failed,
            files: tally.files,
            bytes: tally.bytes,
            seconds: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            ignored: tally.ignored,
            activities: cfg.out.is_none().then_some(tally.added.as_slice()),
        };
        write_json(out, &summary)?;
    } else {
        out.flush()?;
        tally.write_summary(elapsed.as_secs_f64(), &mut std::io::stderr().lock())?;
    }
    Ok(if tally.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_added(tally: &import_store::Tally, w: &mut dyn Write) -> anyhow::Result<()> {
    for a in &tally.added {
        writeln!(w, "{}", serde_json::to_string(a)?)?;
    }
    Ok(())
}

fn write_summary(
    report: &Report,
    dry_run: bool,
    elapsed: Duration,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let imported = report.imported().count();
    let dups = report.duplicates().count();
    let skipped: Vec<(&str, &str)> = report.skipped().collect();
    let secs = elapsed.as_secs_f64().max(1e-9);
    let files = report.outcomes.len();
    let mb = report.bytes as f64 / 1e6;
    let verb = if dry_run { "would import" } else { "imported" };
    writeln!(
        w,
        "{verb} {imported}, duplicates {dups}, skipped {} ({files} files, {mb:.1} MB in {secs:.2} s: {:.0} files/s, {:.1} MB/s; {} other files ignored)",
        skipped.len(),
        files as f64 / secs,
        mb / secs,
        report.ignored
    )?;
    for (source, reason) in skipped {
        writeln!(w, "skipped {source}: {reason}")?;
    }
    Ok(())
}

fn new_bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn update_bar(bar: &ProgressBar, p: &Progress, elapsed: Duration) {
    bar.set_length(p.bytes_total);
    bar.set_position(p.bytes_done);
    let rate = p.jobs_done as f64 / elapsed.as_secs_f64().max(1e-3);
    bar.set_message(format!(
        "{}/{} files, {rate:.0} files/s",
        p.jobs_done, p.jobs_total
    ));
}
