//! `runlift replan`: the rest of the week re-planned from what the log says happened
//! (`runlift_plan::replan`): missed key sessions moved where every rule still holds, or let go,
//! and the hard session after an extra one eased. The changes are shown, then saved as the next
//! plan version (`--dry-run` only shows them); `--undo` restores the version before.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::anyhow;
use jiff::civil::Date;
use runlift_model::plan::Session;
use runlift_plan::output::session_text;
use runlift_plan::replan::{Change, What, replan};
use serde::Serialize;

use crate::logbook::{day, week_start};
use crate::output::{TextOrJson, write_json};
use crate::plan_body::{Edit, edited};
use crate::store::{DbArgs, Opened, now, parse_day};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// First day to re-plan (YYYY-MM-DD) [default: today]; the days before it are the past.
    #[arg(long)]
    pub from: Option<String>,
    /// Show the changes without saving them.
    #[arg(long)]
    pub dry_run: bool,
    /// Restore the plan version before the newest one (the last replan, accepted day or save).
    #[arg(long, conflicts_with_all = ["from", "dry_run"])]
    pub undo: bool,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Serialize, Debug)]
struct ChangeJson {
    what: &'static str,
    kind: &'static str,
    date: Date,
    /// The new day (moved) or the eased session's day.
    to: Option<Date>,
    before: String,
    after: Option<String>,
    why: String,
}

#[derive(Serialize, Debug)]
struct ReplanJson {
    from: Date,
    plan_version: i64,
    changes: Vec<ChangeJson>,
    /// The plan version saved, when one was.
    saved: Option<i64>,
}

fn word(w: &What) -> &'static str {
    match w {
        What::Moved { .. } => "moved",
        What::LetGo => "let go",
        What::Eased => "eased",
    }
}

fn change_json(c: &Change, units: runlift_model::units::Units) -> ChangeJson {
    ChangeJson {
        what: word(&c.what),
        kind: c.before.kind.code(),
        date: c.before.date,
        to: c.after.as_ref().map(|a| a.date),
        before: session_text(&c.before, units),
        after: c.after.as_ref().map(|a| session_text(a, units)),
        why: c.why.clone(),
    }
}

/// The body edit of one change: moved and eased sessions rewritten, an eased session with
/// nothing left removed; a session let go stays (it is the past) with the reason added.
fn edit<'a>(c: &'a Change, from: Date) -> Edit<'a> {
    let why = format!("runlift replan {from}: {}: {}", word(&c.what), c.why);
    match &c.after {
        Some(after) => Edit::Rewrite {
            pos: c.index,
            after,
            why,
        },
        None if c.what == What::LetGo => Edit::Rewrite {
            pos: c.index,
            after: &c.before,
            why,
        },
        None => Edit::Remove { pos: c.index },
    }
}

fn undo(opened: &Opened, db: &DbArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let current = opened.current(db)?;
    let id = current.athlete.id.as_str();
    let journal = opened.run(opened.store.journal(id))?;
    match journal.iter().max_by_key(|e| e.seq) {
        Some(e) if e.op == "plan.save" => {
            opened.run(opened.store.undo(id))?;
            let back = opened.run(opened.store.plan(&current.athlete, None))?;
            writeln!(
                out,
                "undone: {}; {}",
                e.summary,
                back.map_or("no saved plan is left".to_string(), |p| format!(
                    "plan version {} is current again",
                    p.version
                ))
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(e) => Err(anyhow!(
            "the newest change is not a plan version but {} ({}): `runlift undo` takes changes back one at a time",
            e.op,
            e.summary
        )),
        None => Err(anyhow!("nothing to undo: the journal is empty")),
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    if args.undo {
        return undo(&opened, &args.db, out);
    }
    let current = opened.current(&args.db)?;
    let from = match &args.from {
        Some(t) => parse_day(t).map_err(|m| anyhow!("--from: {m}"))?,
        None => current.today()?,
    };
    let config = crate::loadlog::rule_config(&current)?;
    let saved = opened
        .run(opened.store.plan(&current.athlete, None))?
        .ok_or_else(|| {
            anyhow!(
                "{} has no saved plan to re-plan: `runlift plan --profile athlete.toml --save`",
                current.athlete.name
            )
        })?;
    let label = format!(
        "{}'s saved plan version {}.json",
        current.athlete.name, saved.version
    );
    let plan = runlift_planfile::parse_plan(&saved.body, Path::new(&label))?;
    let id = current.athlete.id.as_str();
    let monday = week_start(from);
    let yesterday = from.yesterday().unwrap_or(from);
    let done = if yesterday >= monday {
        opened.run(opened.store.sessions(id, Some(monday), Some(yesterday)))?
    } else {
        Vec::new()
    };
    let r = replan(&current.profile, &config, &plan, &done, from);
    let saved_version = if r.changes.is_empty() || args.dry_run {
        None
    } else {
        let edits: Vec<Edit> = r.changes.iter().map(|c| edit(c, from)).collect();
        let body = edited(&saved.body, &edits)?;
        let v = opened.run(opened.store.save_plan(&current.athlete, &body, now()))?;
        Some(v.version)
    };
    let units = current.profile.units;
    if args.format == TextOrJson::Json {
        write_json(
            out,
            &ReplanJson {
                from,
                plan_version: saved.version,
                changes: r.changes.iter().map(|c| change_json(c, units)).collect(),
                saved: saved_version,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}: the week of {} from {} (plan version {}, {} session(s) done before)",
        current.athlete.name,
        day(monday),
        day(from),
        saved.version,
        done.len()
    )?;
    if r.changes.is_empty() {
        writeln!(out, "nothing to change: the week went as planned")?;
        return Ok(ExitCode::SUCCESS);
    }
    for c in &r.changes {
        let name = |s: &Session| format!("{} {}'", s.kind.name(), s.minutes);
        let line = match (&c.what, &c.after) {
            (What::Moved { from }, Some(a)) => format!(
                "moved   {} from {} to {} {}",
                name(&c.before),
                day(*from),
                day(a.date),
                a.slot
            ),
            (What::Eased, Some(a)) => format!(
                "eased   {} on {} → {}",
                name(&c.before),
                day(c.before.date),
                session_text(a, units)
            ),
            (What::Eased, None) => format!(
                "eased   {} on {}: left out",
                name(&c.before),
                day(c.before.date)
            ),
            _ => format!("let go  {} of {}", name(&c.before), day(c.before.date)),
        };
        writeln!(out, "{line}\n        {}", c.why)?;
    }
    match saved_version {
        Some(v) => writeln!(
            out,
            "saved as plan version {v}; `runlift replan --undo` restores version {}",
            saved.version
        )?,
        None => writeln!(out, "(--dry-run: nothing saved)")?,
    }
    Ok(ExitCode::SUCCESS)
}
