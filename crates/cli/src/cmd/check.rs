//! `runlift check PLAN [--profile FILE] [--format text|json] [--severity S] [--rule ID]`: lint a
//! plan against the rulebook. Exit 0 when clean, 1 when there is an error finding (among those
//! shown), 2 when the input cannot be read.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use runlift_rules::time::{day_number, fmt_day, monday_of};
use runlift_rules::{Finding, Report, RuleConfig, Severity};

use crate::output::{paint, use_color};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plan to check (TOML or JSON, formats.md).
    pub plan: PathBuf,
    /// The athlete profile; overrides the plan's own `athlete`.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show findings of this severity and worse: `error`, `warning`, or `info` (all).
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub severity: MinSeverity,
    /// Show only these rules' findings (repeat or separate with commas: `--rule R-FUEL,R-STACK`).
    #[arg(long = "rule", value_name = "ID", value_delimiter = ',')]
    pub rules: Vec<String>,
}

/// The least severe finding `--severity` shows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn shows(self, s: Severity) -> bool {
        let floor = match self {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Info => Severity::Info,
        };
        s <= floor
    }
}

/// The rule IDs of `--rule`, upper-cased and checked against the registry.
fn rule_filter(ids: &[String]) -> anyhow::Result<Vec<String>> {
    ids.iter()
        .map(|id| {
            let upper = id.trim().to_ascii_uppercase();
            match runlift_rules::rule(&upper) {
                Some(r) => Ok(r.id.to_string()),
                None => anyhow::bail!(
                    "--rule: {}",
                    runlift_model::suggest::unknown_word(
                        "rule",
                        id,
                        runlift_rules::RULES.iter().map(|r| r.id)
                    )
                ),
            }
        })
        .collect()
}

/// The report with only the findings the filters show, its summary counted again; and how many
/// findings the filters hid.
fn filtered(report: Report, min: MinSeverity, rules: &[String]) -> (Report, usize) {
    let total = report.findings.len();
    let findings: Vec<Finding> = report
        .findings
        .into_iter()
        .filter(|f| min.shows(f.severity))
        .filter(|f| rules.is_empty() || rules.iter().any(|r| r == f.rule))
        .collect();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = runlift_rules::Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
    };
    let hidden = total - findings.len();
    (Report { findings, summary }, hidden)
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let rules = rule_filter(&args.rules)?;
    let loaded = runlift_planfile::read_plan_file(&args.plan)?;
    let profile = match &args.profile {
        Some(p) => Some(runlift_planfile::read_profile_file(p)?),
        None => loaded.profile,
    };
    let config = match &profile {
        Some(p) => RuleConfig::from_overrides(&p.rules).map_err(|errs| {
            let file = args.profile.as_ref().unwrap_or(&args.plan);
            let lines: Vec<String> = errs
                .iter()
                .map(|e| runlift_planfile::locate(file, &e.field, e.message.clone()).to_string())
                .collect();
            anyhow::anyhow!("invalid rule overrides:\n  {}", lines.join("\n  "))
        })?,
        None => RuleConfig::default(),
    };
    let report = runlift_rules::check(&loaded.plan, profile.as_ref(), &config);
    let (report, hidden) = filtered(report, args.severity, &rules);
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).context("writing JSON")?;
            writeln!(out)?;
        }
        Format::Text => {
            write_text(&report, &loaded.plan, use_color(), out)?;
            if hidden > 0 {
                writeln!(out, "({hidden} more hidden by --severity/--rule)")?;
            }
        }
    }
    Ok(if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn severity_label(color: bool, s: Severity) -> String {
    let (code, word) = match s {
        Severity::Error => ("1;31", "error"),
        Severity::Warning => ("33", "warn "),
        Severity::Info => ("36", "info "),
    };
    paint(color, code, word)
}

/// Text report, grouped by week and day.
pub fn write_text(
    report: &Report,
    plan: &runlift_model::plan::Plan,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut last_week = None;
    let mut last_day = None;
    for f in &report.findings {
        let Some(first) = f.dates.first() else {
            write_finding(f, color, "", out)?;
            continue;
        };
        let day = day_number(*first);
        let week = monday_of(day);
        if last_week != Some(week) {
            let phase = plan
                .weeks
                .iter()
                .find(|w| monday_of(day_number(w.start)) == week)
                .map(|w| format!(" · {}{}", w.phase, if w.deload { " (deload)" } else { "" }))
                .unwrap_or_default();
            writeln!(
                out,
                "{}",
                paint(color, "1", &format!("Week of {}{phase}", fmt_day(week)))
            )?;
            last_week = Some(week);
            last_day = None;
        }
        // Weekly findings (spanning more than two days) sit under the week, others under a day.
        if f.dates.len() > 2 {
            write_finding(f, color, "  ", out)?;
            continue;
        }
        if last_day != Some(day) {
            writeln!(out, "  {}", fmt_day(day))?;
            last_day = Some(day);
        }
        write_finding(f, color, "    ", out)?;
    }
    let s = report.summary;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {}, {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    )
}

fn write_finding(
    f: &Finding,
    color: bool,
    indent: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let sessions = if f.sessions.is_empty() {
        String::new()
    } else {
        let s: Vec<String> = f.sessions.iter().map(|i| format!("#{i}")).collect();
        format!(" [{}]", s.join(", "))
    };
    writeln!(
        out,
        "{indent}{}  {}  {}{}",
        severity_label(color, f.severity),
        paint(color, "1", f.rule),
        f.message,
        paint(color, "2", &sessions)
    )?;
    if !f.fix.is_empty() {
        writeln!(out, "{indent}       fix: {}", f.fix)?;
    }
    Ok(())
}
