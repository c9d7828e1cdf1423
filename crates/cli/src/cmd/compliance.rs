//! `runlift compliance`: the saved plan against what was done, per session and per week, in
//! TrainingPeaks' colours (`runlift_load::compliance`): the week of `--week` (this week by
//! default) and the `--weeks N` − 1 weeks before it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;
use jiff::civil::Date;
use runlift_load::compliance::{How, SessionCompliance, Status, WeekCompliance, compliance};
use serde::Serialize;

use crate::logbook::{Logbook, day, week_end, week_start};
use crate::output::{TextOrJson, write_json};
use crate::store::{DbArgs, Opened, parse_day};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A day of the (last) week to show (YYYY-MM-DD) [default: today in the athlete's zone].
    #[arg(long)]
    pub week: Option<String>,
    /// How many weeks, ending with that one.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1100))]
    pub weeks: u16,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Serialize, Debug)]
struct ComplianceJson<'a> {
    plan_version: Option<i64>,
    today: Date,
    weeks: &'a [WeekCompliance],
}

/// Compliance of the weeks from `from`'s to `to`'s (both Monday–Sunday weeks whole).
pub fn weeks_between(
    opened: &Opened,
    book: &Logbook,
    from: Date,
    to: Date,
    today: Date,
) -> anyhow::Result<Vec<WeekCompliance>> {
    let (from, to) = (week_start(from), week_end(to));
    let id = book.current.athlete.id.as_str();
    let done = opened.run(opened.store.sessions(id, Some(from), Some(to)))?;
    let planned = book.planned_between(Some(from), Some(to));
    Ok(compliance(&planned, &done, today))
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let book = Logbook::open(&opened, &args.db)?;
    let today = book.current.today()?;
    let last = match &args.week {
        Some(w) => parse_day(w).map_err(|m| anyhow!("--week: {m}"))?,
        None => today,
    };
    let first = last
        .checked_sub(jiff::Span::new().days(7 * (i64::from(args.weeks) - 1)))
        .map_err(|e| anyhow!("--weeks: {e}"))?;
    let weeks = weeks_between(&opened, &book, first, last, today)?;
    if args.format == TextOrJson::Json {
        write_json(
            out,
            &ComplianceJson {
                plan_version: book.plan_version,
                today,
                weeks: &weeks,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    match book.plan_version {
        Some(v) => writeln!(
            out,
            "{}: saved plan version {v} against the log",
            book.current.athlete.name
        )?,
        None => writeln!(
            out,
            "{}: no saved plan, so every session done is unplanned (`runlift plan --profile athlete.toml --save`)",
            book.current.athlete.name
        )?,
    }
    if weeks.is_empty() {
        writeln!(
            out,
            "nothing planned or done in the week(s) of {}",
            day(week_start(first))
        )?;
    }
    for w in &weeks {
        write_week(out, w)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_week(out: &mut dyn Write, w: &WeekCompliance) -> anyhow::Result<()> {
    let verdict = match (w.ratio, w.status) {
        (Some(r), Some(s)) => format!(
            "{:.0} of {:.0} min ({:.0} %) {}",
            w.done_minutes,
            w.planned_minutes,
            r * 100.0,
            s.word()
        ),
        _ => format!(
            "{:.0} min done, nothing planned before today",
            w.done_minutes
        ),
    };
    let c = &w.counts;
    let counts: Vec<String> = [
        (c.green, "green"),
        (c.yellow, "yellow"),
        (c.red, "red"),
        (c.missed, "missed"),
        (c.unplanned, "unplanned"),
        (c.upcoming, "upcoming"),
        (c.moved, "moved"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    writeln!(
        out,
        "\nWeek of {}: {verdict} · {}",
        day(w.monday),
        counts.join(", ")
    )?;
    for s in &w.sessions {
        write_row(out, s)?;
    }
    Ok(())
}

fn write_row(out: &mut dyn Write, s: &SessionCompliance) -> anyhow::Result<()> {
    let kind = s.planned_kind.or(s.done_kind).map_or("", |k| k.code());
    let planned = s
        .planned_minutes
        .map_or("—".to_string(), |m| format!("{m:.0} min"));
    let done = match (&s.sets, s.done_minutes) {
        (Some(x), _) => format!("{} of {} sets", x.done_sets, x.planned_sets),
        (None, Some(m)) => format!("{m:.0} min"),
        (None, None) => "—".to_string(),
    };
    let ratio = s
        .ratio
        .map_or(String::new(), |r| format!("{:.0} %", r * 100.0));
    let moved = match (s.how, s.planned_date) {
        (Some(How::Moved), Some(d)) => format!(" (moved from {})", day(d)),
        _ => String::new(),
    };
    let ids = match (&s.planned, &s.done) {
        (Some(p), Some(d)) => format!("{p} → {d}"),
        (Some(p), None) => p.clone(),
        (None, Some(d)) => d.to_string(),
        (None, None) => String::new(),
    };
    let status = match s.status {
        Status::Unplanned => "unplanned".to_string(),
        other => other.word().to_string(),
    };
    writeln!(
        out,
        "  {:<16} {:<10} planned {:<8} done {:<14} {:>6}  {:<9}{moved}  {ids}",
        day(s.date),
        kind,
        planned,
        done,
        ratio,
        status
    )?;
    Ok(())
}
