//! The `runlift` binary: parses arguments with clap and hands each subcommand to its module.

mod atomic;
mod cmd;
mod ics;
mod loadlog;
mod logbook;
mod output;
mod plan_body;
mod store;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Exit status, the same for every command (shown under `--help`).
const EXIT_STATUS: &str = "Exit status (every command):
  0  done, nothing to report
  1  findings or a partial failure: lint errors (check), a day outside the plan (explain),
     files skipped or read only in part (import, inspect), nothing to export (export-workout)
  2  unreadable input: a missing file, a syntax error, a bad field or value (the message names
     the file, line and field), or a usage error";

/// Plan, check and monitor training for runners who also lift.
#[derive(Parser, Debug)]
#[command(name = "runlift", version, about, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint a plan against the rulebook.
    Check(cmd::check::Args),
    /// List the rules, or show one in full.
    Rules(cmd::rules::Args),
    /// Show what an activity file (FIT, GPX, TCX) holds.
    Inspect(cmd::inspect::Args),
    /// Import activity files, folders and export archives into the store.
    Import(cmd::import::Args),
    /// The athletes in the store: add, update (a new profile version), list.
    Athlete(cmd::athlete::Args),
    /// Log a run, a lift, a morning's wellness or a test.
    Log(cmd::log::Args),
    /// The sessions done, the wellness and the tests, matched to the saved plan.
    History(cmd::history::Args),
    /// Planned against done, per session and per week (TrainingPeaks' colours).
    Compliance(cmd::compliance::Args),
    /// The daily load: session RPE, strength and impact load, fitness, fatigue and form, ACWR.
    Load(cmd::load::Args),
    /// This morning's readiness and today's sessions, adapted when you are not ready.
    Today(cmd::today::Args),
    /// The rest of the week re-planned from what happened: missed sessions moved or let go.
    Replan(cmd::replan::Args),
    /// Charts and trends of the last weeks, in one self-contained HTML file.
    Report(cmd::report::Args),
    /// Correct a session: its RPE, its kind or its note (kept apart from what was imported).
    Edit(cmd::journal::EditArgs),
    /// Delete a session from the log.
    Delete(cmd::journal::DeleteArgs),
    /// Undo the newest change: a log entry, an edit, a delete, a plan save, an athlete update.
    Undo(cmd::journal::UndoArgs),
    /// The store itself: export to a folder, restore from one, check.
    Db(cmd::db::Args),
    /// Write a day's planned sessions as FIT workout files.
    ExportWorkout(cmd::export_workout::Args),
    /// Daniels training paces and equivalent race times for a VDOT or a race.
    Paces(cmd::paces::Args),
    /// Plan training from an athlete profile.
    Plan(cmd::plan::Args),
    /// Explain a day of the plan: its sessions and the reasons behind them.
    Explain(cmd::explain::Args),
    /// Write a commented athlete.toml to start from.
    Init(cmd::init::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::Args),
    /// Print the manual page (roff), e.g. `runlift man > runlift.1`.
    Man(cmd::completions::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Colour is only ever written to a terminal (`output::use_color`), so a pipe or a file gets
    // the bytes as they are, without anstream's scan for escape codes. Buffered: a JSON listing
    // is thousands of small writes; flushed below, where a closed pipe is told apart.
    let sink: Box<dyn std::io::Write> = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        Box::new(anstream::stdout().lock())
    } else {
        Box::new(std::io::stdout().lock())
    };
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, sink);
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a, &mut out),
        Command::Rules(a) => cmd::rules::run(a, &mut out),
        Command::Inspect(a) => cmd::inspect::run(a, &mut out),
        Command::Import(a) => cmd::import::run(a, &mut out),
        Command::Athlete(a) => cmd::athlete::run(a, &mut out),
        Command::Log(a) => cmd::log::run(a, &mut out),
        Command::History(a) => cmd::history::run(a, &mut out),
        Command::Compliance(a) => cmd::compliance::run(a, &mut out),
        Command::Load(a) => cmd::load::run(a, &mut out),
        Command::Today(a) => cmd::today::run(a, &mut out),
        Command::Replan(a) => cmd::replan::run(a, &mut out),
        Command::Report(a) => cmd::report::run(a, &mut out),
        Command::Edit(a) => cmd::journal::edit(a, &mut out),
        Command::Delete(a) => cmd::journal::delete(a, &mut out),
        Command::Undo(a) => cmd::journal::undo(a, &mut out),
        Command::Db(a) => cmd::db::run(a, &mut out),
        Command::ExportWorkout(a) => cmd::export_workout::run(a, &mut out),
        Command::Paces(a) => cmd::paces::run(a, &mut out),
        Command::Plan(a) => cmd::plan::run(a, &mut out),
        Command::Explain(a) => cmd::explain::run(a, &mut out),
        Command::Init(a) => cmd::init::run(a, &mut out),
        Command::Completions(a) => cmd::completions::run(a, Cli::command(), &mut out),
        Command::Man(a) => cmd::completions::man(a, Cli::command(), &mut out),
    };
    let flushed = std::io::Write::flush(&mut out);
    match result.and_then(|code| flushed.map(|()| code).map_err(anyhow::Error::from)) {
        Ok(code) => code,
        // A closed pipe (`runlift plan … | head`): the reader has what it wanted; stop quietly.
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(2)
        }
    }
}
