//! One module per subcommand; each exposes `Args` (clap) and `run(args, out) -> ExitCode`.

pub mod check;
pub mod completions;
pub mod explain;
pub mod export_workout;
pub mod import;
pub mod init;
pub mod inspect;
pub mod paces;
pub mod plan;
pub mod rules;
