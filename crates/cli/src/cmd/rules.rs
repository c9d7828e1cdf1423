//! `runlift rules [ID]`: the rule table (ID, type, one line, source), or one rule in full with its
//! parameters and sources.

use std::io::Write;
use std::process::ExitCode;

use runlift_rules::{RULES, rule};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule ID (e.g. R-SEP-24H); without it, every rule is listed.
    pub id: Option<String>,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let Some(id) = args.id else {
        for r in RULES {
            let logs = if r.checked_on_plans {
                ""
            } else {
                " (needs logs; not judged on plans)"
            };
            writeln!(
                out,
                "{:<19} {:<9} {}{logs}",
                r.id,
                r.rule_type.to_string(),
                r.summary
            )?;
            writeln!(out, "{:<29} source: {}", "", r.sources)?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let upper = id.to_ascii_uppercase();
    let Some(r) = rule(&upper) else {
        anyhow::bail!(runlift_model::suggest::unknown_word(
            "rule",
            &id,
            RULES.iter().map(|r| r.id)
        ));
    };
    writeln!(out, "{}  ({} rule, group {})", r.id, r.rule_type, r.group)?;
    writeln!(out, "{}", r.summary)?;
    if !r.checked_on_plans {
        writeln!(
            out,
            "Judged from logs (wellness, soreness, sleep), not from a plan."
        )?;
    }
    if r.params.is_empty() {
        writeln!(out, "Parameters: none")?;
    } else {
        writeln!(
            out,
            "Parameters (override under [rules.{}] in the athlete profile):",
            r.id
        )?;
        for p in r.params {
            writeln!(
                out,
                "  {:<18} default {} {}, range {}–{}: {}",
                p.name, p.default, p.unit, p.min, p.max, p.doc
            )?;
        }
    }
    writeln!(out, "Sources: {}", r.sources)?;
    Ok(ExitCode::SUCCESS)
}
