//! `runlift check` (not built yet).

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args, _out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
