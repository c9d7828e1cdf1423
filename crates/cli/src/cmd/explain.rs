//! `runlift explain DATE --profile FILE`: why each session of a day sits where it does, in plain
//! language (the rules and reasons the planner recorded in `why`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use jiff::civil::Date;

/// Explain a day of the plan: its sessions, their prescriptions and the reasons behind them.
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
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let date: Date = args
        .date
        .parse()
        .with_context(|| format!("{}: expected a date YYYY-MM-DD", args.date))?;
    let gp = super::plan::generate(&args.profile, args.start.as_deref(), args.weeks)?;
    out.write_all(runlift_plan::explain::explain_day(&gp, date).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
