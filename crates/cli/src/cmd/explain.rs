//! `runlift explain DATE --profile FILE`: why each session of a day sits where it does, in plain
//! language (the rules and reasons the planner recorded in `why`), or as JSON (docs/json.md).
//! A day outside the plan exits 1, saying when the plan runs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use jiff::civil::Date;
use runlift_plan::GeneratedPlan;
use runlift_plan::output::{exercise_text, fmt_day_year};
use runlift_rules::time::day_number;
use serde::Serialize;

use crate::output::{TextOrJson, write_json};

/// Explain a day of the plan: its sessions, their prescriptions and the reasons behind them.
///
/// Exit status: 0 for a day of the plan, 1 for a day outside it, 2 for unreadable input.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The day to explain (YYYY-MM-DD).
    pub date: String,
    /// The athlete profile the plan is made from.
    #[arg(long)]
    pub profile: PathBuf,
    /// Number of weeks to plan (as for `runlift plan`).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=156))]
    pub weeks: Option<u16>,
    /// First day of the plan (as for `runlift plan`).
    #[arg(long)]
    pub start: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// The plan's first and last day.
fn span(gp: &GeneratedPlan) -> Option<(i32, i32)> {
    let first = gp.weeks.first().map(|w| day_number(w.monday))?;
    let last = gp.weeks.last().map(|w| day_number(w.monday) + 6)?;
    Some((first, last))
}

/// `explain --format json`: one day (docs/json.md).
#[derive(Serialize, Debug)]
struct DayJson {
    date: String,
    in_plan: bool,
    plan_start: Option<String>,
    plan_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deload: Option<bool>,
    sessions: Vec<SessionJson>,
    left_out: Vec<LeftOutJson>,
}

#[derive(Serialize, Debug)]
struct SessionJson {
    id: String,
    slot: &'static str,
    kind: &'static str,
    title: Option<String>,
    minutes: u16,
    structure: Option<String>,
    exercises: Vec<String>,
    why: Vec<String>,
}

#[derive(Serialize, Debug)]
struct LeftOutJson {
    kind: &'static str,
    rule: String,
    reason: String,
    suggestion: Option<String>,
}

fn day_json(gp: &GeneratedPlan, date: Date) -> DayJson {
    let n = day_number(date);
    let (first, last) = span(gp).unzip();
    let week = gp
        .weeks
        .iter()
        .position(|w| day_number(w.monday) <= n && n < day_number(w.monday) + 7);
    let w = week.map(|i| &gp.weeks[i]);
    let date_text = |d: i32| runlift_rules::time::date_of(d).to_string();
    DayJson {
        date: date.to_string(),
        in_plan: week.is_some(),
        plan_start: first.map(date_text),
        plan_end: last.map(date_text),
        week: week.map(|i| i + 1),
        phase: w.map(|w| w.phase.to_string()),
        deload: w.map(|w| w.deload),
        sessions: gp
            .sessions
            .iter()
            .filter(|p| p.session.date == date)
            .map(|p| SessionJson {
                id: p.id.clone(),
                slot: p.session.slot.word(),
                kind: p.session.kind.code(),
                title: p.session.title.clone(),
                minutes: p.session.minutes,
                structure: p.session.structure.clone(),
                exercises: p
                    .session
                    .exercises
                    .iter()
                    .map(|e| exercise_text(&p.session, e))
                    .collect(),
                why: p.why.clone(),
            })
            .collect(),
        left_out: w
            .map(|w| {
                gp.dropped
                    .iter()
                    .filter(|d| d.week == w.monday)
                    .map(|d| LeftOutJson {
                        kind: d.kind.code(),
                        rule: d.rule.clone(),
                        reason: d.reason.clone(),
                        suggestion: d.suggestion.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let date: Date = args
        .date
        .parse()
        .with_context(|| format!("{}: expected a date YYYY-MM-DD", args.date))?;
    let gp = super::plan::generate(&args.profile, args.start.as_deref(), args.weeks)?;
    let n = day_number(date);
    let inside = span(&gp).is_some_and(|(a, b)| (a..=b).contains(&n));
    match args.format {
        TextOrJson::Json => write_json(out, &day_json(&gp, date))?,
        TextOrJson::Text if inside => {
            out.write_all(runlift_plan::explain::explain_day(&gp, date).as_bytes())?
        }
        TextOrJson::Text => {
            let when = span(&gp).map_or(String::from("it has no weeks"), |(a, b)| {
                format!(
                    "it runs {} – {} ({} weeks)",
                    fmt_day_year(a),
                    fmt_day_year(b),
                    gp.weeks.len()
                )
            });
            writeln!(
                std::io::stderr(),
                "{}: {date} is outside the plan: {when}; give a day in it, or --start/--weeks",
                args.profile.display()
            )?;
        }
    }
    Ok(if inside {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
