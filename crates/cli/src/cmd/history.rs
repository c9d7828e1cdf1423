//! `runlift history`: the sessions done (with the planned session each was done for), the
//! mornings' wellness and the tests, from `--from` to `--to` (the last four weeks by default).

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;
use jiff::civil::Date;
use runlift_model::log::{TestEntry, WellnessEntry};
use serde::Serialize;

use crate::logbook::{Logbook, SessionJson, day, write_session};
use crate::output::{TextOrJson, write_json};
use crate::store::{Current, DbArgs, Opened, parse_day};

/// Days `history` shows when neither `--from` nor `--to` is given.
const DEFAULT_DAYS: i64 = 28;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// First day (YYYY-MM-DD) [default: four weeks before --to].
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: today in the athlete's time zone].
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Serialize, Debug)]
struct HistoryJson<'a> {
    from: Date,
    to: Date,
    /// The saved plan the sessions were matched to.
    plan_version: Option<i64>,
    sessions: Vec<SessionJson>,
    wellness: &'a [WellnessEntry],
    tests: &'a [TestEntry],
}

/// `--from`/`--to`, the defaults filled in.
pub fn range(
    current: &Current,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<(Date, Date)> {
    let to = match to {
        Some(t) => parse_day(t).map_err(|m| anyhow!("--to: {m}"))?,
        None => current.today()?,
    };
    let from = match from {
        Some(f) => parse_day(f).map_err(|m| anyhow!("--from: {m}"))?,
        None => to
            .checked_sub(jiff::Span::new().days(DEFAULT_DAYS - 1))
            .unwrap_or(to),
    };
    if from > to {
        return Err(anyhow!("--from {from} is after --to {to}"));
    }
    Ok((from, to))
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let book = Logbook::open(&opened, &args.db)?;
    let (from, to) = range(&book.current, args.from.as_deref(), args.to.as_deref())?;
    let id = book.current.athlete.id.as_str();
    let sessions = opened.run(opened.store.sessions(id, Some(from), Some(to)))?;
    let wellness = opened.run(opened.store.wellness(id, Some(from), Some(to)))?;
    let tests = opened.run(opened.store.tests(id, Some(from), Some(to)))?;
    let planned = book.planned_for(&sessions);
    if args.format == TextOrJson::Json {
        let sessions = sessions
            .iter()
            .zip(planned.iter().chain(std::iter::repeat(&None)))
            .map(|(s, p)| SessionJson::of(s, p.as_ref()))
            .collect();
        write_json(
            out,
            &HistoryJson {
                from,
                to,
                plan_version: book.plan_version,
                sessions,
                wellness: &wellness,
                tests: &tests,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} from {} to {}: {} session(s), {} wellness, {} test(s)",
        book.current.athlete.name,
        day(from),
        day(to),
        sessions.len(),
        wellness.len(),
        tests.len()
    )?;
    if book.plan_version.is_none() {
        writeln!(
            out,
            "(no saved plan to compare with: `runlift plan --profile athlete.toml --save`)"
        )?;
    }
    for (i, s) in sessions.iter().enumerate() {
        write_session(out, s, planned.get(i).and_then(Option::as_ref))?;
    }
    for w in &wellness {
        let items: Vec<String> = w.items().iter().map(|(n, v)| format!("{n} {v}")).collect();
        writeln!(
            out,
            "{}        wellness {}/25: {}  {}",
            day(w.date),
            w.sum(),
            items.join(", "),
            w.id
        )?;
    }
    for t in &tests {
        writeln!(out, "{}        test: {}  {}", day(t.date), t.result, t.id)?;
    }
    Ok(ExitCode::SUCCESS)
}
