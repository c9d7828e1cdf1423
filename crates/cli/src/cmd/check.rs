//! `runlift check PLAN [--profile FILE] [--format text|json]`: lint a plan against the rulebook.
//! Exit 0 when clean, 1 when there is an error finding, 2 when the input cannot be read.

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
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let loaded = runlift_planfile::read_plan_file(&args.plan)?;
    let profile = match &args.profile {
        Some(p) => Some(runlift_planfile::read_profile_file(p)?),
        None => loaded.profile,
    };
    let config = match &profile {
        Some(p) => RuleConfig::from_overrides(&p.rules).map_err(|errs| {
            let where_ = args
                .profile
                .as_ref()
                .unwrap_or(&args.plan)
                .display()
                .to_string();
            let lines: Vec<String> = errs.iter().map(|e| format!("{where_}: {e}")).collect();
            anyhow::anyhow!("invalid rule overrides:\n  {}", lines.join("\n  "))
        })?,
        None => RuleConfig::default(),
    };
    let report = runlift_rules::check(&loaded.plan, profile.as_ref(), &config);
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).context("writing JSON")?;
            writeln!(out)?;
        }
        Format::Text => write_text(&report, &loaded.plan, use_color(), out)?,
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
