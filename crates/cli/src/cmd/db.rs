//! `runlift db export --out DIR | db restore DIR | db check`: the whole store to a folder of
//! JSON lines and original files (the same folder from SQLite and PostgreSQL), back into an
//! empty store, and a consistency check (exit 1 when it finds a problem).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use runlift_store::{CheckReport, Snapshot};
use serde::Serialize;

use crate::output::{TextOrJson, write_json};
use crate::store::{DbArgs, Opened};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text, global = true)]
    pub format: TextOrJson,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Write every table to DIR (which must not exist or be empty).
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore an export into the store, which must be empty (one transaction).
    Restore { dir: PathBuf },
    /// Check the store's consistency (exit 1 when a problem is found).
    Check,
}

/// `db export` / `db restore` in `--format json`.
#[derive(Serialize, Debug)]
struct MovedJson<'a> {
    dir: String,
    store: String,
    schema_version: i64,
    rows: std::collections::BTreeMap<&'a str, usize>,
}

fn moved<'a>(dir: &std::path::Path, opened: &Opened, snap: &'a Snapshot) -> MovedJson<'a> {
    MovedJson {
        dir: dir.display().to_string(),
        store: opened.location.display(),
        schema_version: snap.schema_version,
        rows: snap.tables.iter().map(|(t, r)| (t.name, r.len())).collect(),
    }
}

fn rows_text(m: &MovedJson<'_>) -> String {
    let parts: Vec<String> = m
        .rows
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    if parts.is_empty() {
        "no rows".into()
    } else {
        parts.join(", ")
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let json = args.format == TextOrJson::Json;
    let opened = Opened::open(&args.db)?;
    match args.command {
        Command::Export { out: dir } => {
            let snap = opened.run(opened.store.export())?;
            snap.write_dir(&dir)?;
            let m = moved(&dir, &opened, &snap);
            if json {
                write_json(out, &m)?;
            } else {
                writeln!(out, "exported {} to {} ({})", m.store, m.dir, rows_text(&m))?;
            }
        }
        Command::Restore { dir } => {
            let snap = Snapshot::read_dir(&dir)?;
            opened.run(opened.store.restore(&snap))?;
            let m = moved(&dir, &opened, &snap);
            if json {
                write_json(out, &m)?;
            } else {
                writeln!(
                    out,
                    "restored {} into {} ({})",
                    m.dir,
                    m.store,
                    rows_text(&m)
                )?;
            }
        }
        Command::Check => {
            let report = opened.run(opened.store.check())?;
            write_check(out, json, &report)?;
            if !report.is_clean() {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_check(out: &mut dyn Write, json: bool, r: &CheckReport) -> anyhow::Result<()> {
    if json {
        #[derive(Serialize)]
        struct CheckJson<'a> {
            clean: bool,
            #[serde(flatten)]
            report: &'a CheckReport,
        }
        return write_json(
            out,
            &CheckJson {
                clean: r.is_clean(),
                report: r,
            },
        );
    }
    let rows: usize = r.rows.values().sum();
    let verdict = if r.is_clean() {
        "clean".to_string()
    } else {
        format!("{} problems", r.problems.len())
    };
    writeln!(
        out,
        "{}: {verdict} (schema version {}, {rows} rows)",
        r.location, r.schema_version
    )?;
    for p in &r.problems {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}
