//! `runlift init`: write a commented `athlete.toml` (every field of formats.md explained) to start
//! from.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::output::{TextOrJson, write_json};

/// The commented profile template (parsed by this module's tests, so it stays valid).
pub const TEMPLATE: &str = include_str!("../../assets/athlete.toml");

/// Write a commented athlete profile to start from.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write it (`-` for standard output).
    #[arg(long, short, default_value = "athlete.toml")]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Output format of the report (`{"wrote": PATH}`; the file itself is TOML).
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if args.output.as_os_str() == "-" {
        match args.format {
            TextOrJson::Text => out.write_all(TEMPLATE.as_bytes())?,
            TextOrJson::Json => write_json(
                out,
                &serde_json::json!({ "wrote": null, "template": TEMPLATE }),
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists: use --force to overwrite it",
            args.output.display()
        );
    }
    crate::atomic::write(&args.output, TEMPLATE.as_bytes())?;
    match args.format {
        TextOrJson::Text => writeln!(
            out,
            "wrote {}: edit it, then run `runlift plan --profile {}`",
            args.output.display(),
            args.output.display()
        )?,
        TextOrJson::Json => write_json(
            out,
            &serde_json::json!({ "wrote": args.output.display().to_string() }),
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_a_valid_profile() {
        let p = runlift_planfile::parse_profile(TEMPLATE, std::path::Path::new("athlete.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.weekly_km, 40.0);
        assert_eq!(p.races.len(), 2);
    }
}
