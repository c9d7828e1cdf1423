//! Shared output helpers for the subcommands: output format choice, colour decisions, and how an
//! error is printed (once, with its causes not repeated) or a closed pipe is told apart.

use std::io::IsTerminal;

/// Colour is used only on a terminal, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Wrap `s` in an ANSI colour when `on`.
pub fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// True when `e` comes from writing to a closed pipe (the reader of `runlift … | head` is done).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |k: Option<std::io::ErrorKind>| k == Some(std::io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        broken(c.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
            // (serde_json wraps the write's error in its own)
            || broken(c.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind))
    })
}

/// The error and its causes on one line, a cause left out when the text before already says it
/// (so "No such file or directory" is printed once).
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if s.is_empty() || text.contains(&s) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&s);
    }
    text
}

/// `error: …` on standard error, once.
pub fn print_error(e: &anyhow::Error) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "error: {}", error_text(e));
}

/// Output formats shared by the commands that print (`--format text|json`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

/// Pretty JSON of `value` and a newline.
pub fn write_json<T: serde::Serialize>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
