//! `runlift rules [ID]`: the rule table (ID, type, one line, source), or one rule in full with its
//! parameters and sources; as text or JSON (docs/json.md).

use std::io::Write;
use std::process::ExitCode;

use runlift_rules::{RULES, RuleDef, rule};
use serde::Serialize;

use crate::output::{TextOrJson, write_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule ID (e.g. R-SEP-24H); without it, every rule is listed.
    pub id: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// One rule as JSON (docs/json.md).
#[derive(Serialize, Debug)]
struct RuleJson {
    id: &'static str,
    group: String,
    #[serde(rename = "type")]
    rule_type: String,
    summary: &'static str,
    sources: &'static str,
    checked_on_plans: bool,
    params: Vec<ParamJson>,
}

#[derive(Serialize, Debug)]
struct ParamJson {
    name: &'static str,
    default: f64,
    min: f64,
    max: f64,
    unit: &'static str,
    doc: &'static str,
}

fn rule_json(r: &RuleDef) -> RuleJson {
    RuleJson {
        id: r.id,
        group: r.group.to_string(),
        rule_type: r.rule_type.to_string(),
        summary: r.summary,
        sources: r.sources,
        checked_on_plans: r.checked_on_plans,
        params: r
            .params
            .iter()
            .map(|p| ParamJson {
                name: p.name,
                default: p.default,
                min: p.min,
                max: p.max,
                unit: p.unit,
                doc: p.doc,
            })
            .collect(),
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let json = args.format == TextOrJson::Json;
    let Some(id) = args.id else {
        if json {
            let all: Vec<RuleJson> = RULES.iter().map(rule_json).collect();
            write_json(out, &all)?;
            return Ok(ExitCode::SUCCESS);
        }
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
    if json {
        write_json(out, &rule_json(r))?;
        return Ok(ExitCode::SUCCESS);
    }
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
