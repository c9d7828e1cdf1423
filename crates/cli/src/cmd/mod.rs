//! One module per subcommand; each exposes `Args` (clap) and `run(args, out) -> ExitCode`.

pub mod athlete;
pub mod check;
pub mod completions;
pub mod compliance;
pub mod db;
pub mod explain;
pub mod export_workout;
pub mod history;
pub mod import;
pub mod import_store;
pub mod init;
pub mod inspect;
pub mod journal;
pub mod load;
pub mod log;
pub mod paces;
pub mod plan;
pub mod plan_save;
pub mod replan;
pub mod report;
pub mod rules;
pub mod today;
