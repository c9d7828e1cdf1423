//! `runlift edit ID`, `runlift delete ID` and `runlift undo`: corrections to the log. An edit
//! changes the manual fields only (kept apart from what was imported, so a re-import never loses
//! it); every change is journaled and `undo` reverts the newest one, whatever it was.

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;
use runlift_model::log::{Family, Manual, parse_kind};
use serde::Serialize;

use crate::logbook::{Logbook, SessionJson, write_session};
use crate::output::{TextOrJson, write_json};
use crate::store::{DbArgs, Opened, now, rfc3339};

#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// The session's id (`s_12`, as `runlift history` shows it).
    pub id: String,
    /// Session RPE, CR-10 (1–10).
    #[arg(long)]
    pub rpe: Option<f64>,
    /// The kind it really was (RUN_EASY, STR_LIGHT, …).
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(clap::Args, Debug)]
pub struct DeleteArgs {
    /// The session's id (`s_12`, as `runlift history` shows it).
    pub id: String,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(clap::Args, Debug)]
pub struct UndoArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Serialize)]
struct SessionOut {
    session: SessionJson,
}

pub fn edit(args: EditArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let kind = args
        .kind
        .as_deref()
        .map(|k| parse_kind(k, &[Family::Run, Family::Strength, Family::Mobility]))
        .transpose()
        .map_err(|m| anyhow!("--kind: {m}"))?;
    let edit = Manual {
        kind,
        rpe: args.rpe,
        note: args.note,
    };
    if edit.is_empty() {
        return Err(anyhow!(
            "nothing to change: give --rpe, --kind or --note (e.g. runlift edit {} --rpe 6)",
            args.id
        ));
    }
    let opened = Opened::open(&args.db)?;
    let book = Logbook::open(&opened, &args.db)?;
    let id = book.current.athlete.id.as_str();
    let s = opened
        .run(opened.store.edit_session(id, &args.id, &edit, now()))
        .map_err(|e| match e {
            runlift_store::StoreError::Invalid { field, message } => anyhow!(
                "{}: {message}; nothing was changed",
                crate::cmd::log::session_flag(&field)
            ),
            other => anyhow!("edit {}: {other}; nothing was changed", args.id),
        })?;
    show(out, &book, &s, "edited", args.format)
}

pub fn delete(args: DeleteArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let book = Logbook::open(&opened, &args.db)?;
    let id = book.current.athlete.id.as_str();
    let s = opened.run(opened.store.delete_session(id, &args.id, now()))?;
    show(out, &book, &s, "deleted", args.format)
}

fn show(
    out: &mut dyn Write,
    book: &Logbook,
    s: &runlift_model::log::DoneSession,
    verb: &str,
    format: TextOrJson,
) -> anyhow::Result<ExitCode> {
    let planned = book.planned_for(std::slice::from_ref(s)).pop().flatten();
    if format == TextOrJson::Json {
        write_json(
            out,
            &SessionOut {
                session: SessionJson::of(s, planned.as_ref()),
            },
        )?;
    } else {
        write!(out, "{verb} ")?;
        write_session(out, s, planned.as_ref())?;
        writeln!(out, "`runlift undo` takes it back")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn undo(args: UndoArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let athlete = opened.athlete(&args.db)?;
    let entry = opened.run(opened.store.undo(&athlete.id))?;
    let json = args.format == TextOrJson::Json;
    match entry {
        Some(e) if json => write_json(
            out,
            &serde_json::json!({ "undone": { "op": e.op, "summary": e.summary, "at": rfc3339(e.at) } }),
        )?,
        Some(e) => writeln!(out, "undone: {} (from {})", e.summary, rfc3339(e.at))?,
        None if json => write_json(out, &serde_json::json!({ "undone": null }))?,
        None => {
            writeln!(out, "nothing to undo for {}", athlete.name)?;
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
