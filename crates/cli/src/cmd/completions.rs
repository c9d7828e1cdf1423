//! `runlift completions SHELL` and `runlift man`: the shell completion script (clap_complete) and
//! the manual page (clap_mangen), both generated from the same clap definition as the parser.

use std::io::Write;
use std::process::ExitCode;

/// Print a shell completion script.
///
/// bash: `runlift completions bash > ~/.local/share/bash-completion/completions/runlift`;
/// zsh: `runlift completions zsh > "${fpath[1]}/_runlift"`;
/// fish: `runlift completions fish > ~/.config/fish/completions/runlift.fish`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff) for `man`: `runlift man > ~/.local/share/man/man1/runlift.1`.
#[derive(clap::Args, Debug)]
pub struct ManArgs {}

pub fn run(args: Args, mut cmd: clap::Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let name = cmd.get_name().to_string();
    clap_complete::generate(args.shell, &mut cmd, name, out);
    Ok(ExitCode::SUCCESS)
}

pub fn man(_: ManArgs, cmd: clap::Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    clap_mangen::Man::new(cmd).render(out)?;
    Ok(ExitCode::SUCCESS)
}
