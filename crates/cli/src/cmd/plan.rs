//! `runlift plan`: plan an athlete's training from a profile (rulebook §4) and print it as the
//! weekly table, Markdown, or the plan format of formats.md (JSON or TOML) that `runlift check`
//! reads back.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use runlift_plan::{GeneratedPlan, Options, output};

/// Plan training from an athlete profile.
///
/// The plan runs from `plan_start` (or `--start`, or next Monday) to the last A race plus the
/// transition, or for `--weeks` weeks (12 without an A race). Every plan lints without errors;
/// what could not fit is listed under "Dropped" with the rule and a suggestion. The table ends
/// with the linter's summary and each warning the plan leaves; with the other formats these go to
/// standard error.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The athlete profile (athlete.toml; `runlift init` writes one).
    #[arg(long)]
    pub profile: PathBuf,
    /// Number of weeks to plan.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=i64::from(runlift_model::bounds::MAX_PLAN_WEEKS)))]
    pub weeks: Option<u16>,
    /// First day of the plan (YYYY-MM-DD); overrides the profile's `plan_start`.
    #[arg(long)]
    pub start: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Do not wrap the table at 100 columns.
    #[arg(long)]
    pub wide: bool,
    /// Display units, overriding the profile's `units`: km, mi, kg, lb, metric, imperial, or
    /// several joined by commas (`mi,lb`). Files stay metric.
    #[arg(long, value_parser = parse_units)]
    pub units: Option<runlift_model::units::Units>,
    /// Write the plan to this file (atomically: the old file or the new one, never half) instead
    /// of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Save the plan in the store as the athlete's next plan version (what the log is compared
    /// with); the output is written as without it.
    #[arg(long)]
    pub save: bool,
    /// Take the athlete's maxes from the training log (the best e1RM of the last 90 days of
    /// sets and rep-max tests, per exercise) over the profile's `lifts`.
    #[arg(long)]
    pub from_log: bool,
    #[command(flatten)]
    pub db: crate::store::DbArgs,
}

/// `--units mi,lb`.
pub fn parse_units(text: &str) -> Result<runlift_model::units::Units, String> {
    runlift_model::units::Units::parse(text)
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Toml,
    Md,
    /// RFC 5545 calendar (stable UIDs, the athlete's time zone, the prescription and the why).
    Ics,
}

/// Read the profile and plan it (shared with `runlift explain`).
pub fn generate(
    profile: &std::path::Path,
    start: Option<&str>,
    weeks: Option<u16>,
) -> anyhow::Result<GeneratedPlan> {
    generate_with(profile, start, weeks, |_| Ok(()))
}

/// [`generate`], with `adjust` given the profile before it is planned.
fn generate_with(
    profile: &std::path::Path,
    start: Option<&str>,
    weeks: Option<u16>,
    adjust: impl FnOnce(&mut runlift_model::profile::Profile) -> anyhow::Result<()>,
) -> anyhow::Result<GeneratedPlan> {
    let mut p = runlift_planfile::read_profile_file(profile)?;
    adjust(&mut p)?;
    let start = match start {
        Some(s) => Some(
            runlift_model::serde_util::parse_date(s)
                .map_err(|m| anyhow::anyhow!("--start: {m}"))?,
        ),
        None => p.plan_start.or_else(|| {
            let today = jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date();
            Some(runlift_plan::next_monday(today))
        }),
    };
    if let Some(start) = start {
        for w in runlift_model::bounds::profile_dates(&p, start).warnings {
            eprintln!(
                "warning: {}: field `{}`: {}",
                profile.display(),
                w.field,
                w.message
            );
        }
    }
    let opts = Options {
        start,
        weeks: weeks.map(usize::from),
        ..Options::default()
    };
    runlift_plan::plan(&p, &opts).map_err(|e| match e {
        runlift_plan::PlanError::Profile { field, message } => {
            anyhow::anyhow!("{}", runlift_planfile::locate(profile, &field, message))
        }
        other => anyhow::anyhow!("{}: {other}", profile.display()),
    })
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let Some(path) = args.out.clone() else {
        return render(args, out);
    };
    let mut file = crate::atomic::AtomicFile::create(&path)?;
    let code = render(args, &mut file)?;
    file.commit()?;
    Ok(code)
}

fn render(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut gp = if args.from_log {
        generate_with(&args.profile, args.start.as_deref(), args.weeks, |p| {
            crate::cmd::plan_save::lifts_from_log(p, &args.db)
        })?
    } else {
        generate(&args.profile, args.start.as_deref(), args.weeks)?
    };
    if args.save {
        crate::cmd::plan_save::save(&gp, &args.profile, &args.db)?;
    }
    if let Some(u) = args.units {
        gp.profile.units = u;
    }
    if args.format != Format::Table {
        write_lint(&gp, &mut std::io::stderr().lock())?;
    }
    match args.format {
        Format::Table => {
            let style = output::TableStyle {
                width: (!args.wide).then_some(100),
            };
            out.write_all(output::table_styled(&gp, style).as_bytes())?
        }
        Format::Md => out.write_all(output::markdown(&gp).as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &output::json_view(&gp))?;
            writeln!(out)?;
        }
        Format::Ics => {
            write_ics_zone_note(&gp.profile, &mut std::io::stderr().lock())?;
            let events: Vec<crate::ics::Event> = gp
                .sessions
                .iter()
                .map(|p| crate::ics::Event {
                    session: &p.session,
                    why: &p.why,
                })
                .collect();
            let text =
                crate::ics::events_to_ics(&events, Some(&gp.profile), jiff::Timestamp::now());
            out.write_all(text.as_bytes())?;
        }
        Format::Toml => {
            let text = toml::to_string(&output::toml_view(&gp)).context("writing TOML")?;
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The linter's summary and each warning, for the formats that carry no text of their own.
fn write_lint(gp: &GeneratedPlan, err: &mut dyn Write) -> std::io::Result<()> {
    writeln!(err, "{}", output::lint_summary(gp))?;
    for f in &gp.report.findings {
        if f.severity <= runlift_rules::Severity::Warning {
            writeln!(err, "  {} {}  {}", f.severity.word(), f.rule, f.message)?;
        }
    }
    Ok(())
}

/// Says in which time zone the calendar's times are (a profile without a known `tz` gives UTC).
fn write_ics_zone_note(
    p: &runlift_model::profile::Profile,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let known =
        p.tz.as_deref()
            .filter(|name| jiff::tz::TimeZone::get(name).is_ok());
    match (known, p.tz.as_deref()) {
        (Some(name), _) => writeln!(err, "note: calendar times are local to {name} (`tz`)"),
        (None, Some(bad)) => writeln!(
            err,
            "note: `tz = \"{bad}\"` is not a time zone runlift knows (e.g. \"Europe/Paris\", \"America/New_York\"): the calendar's times are UTC"
        ),
        (None, None) => writeln!(
            err,
            "note: the profile has no `tz`: the calendar's times are UTC ({} and {} UTC); add e.g. tz = \"Europe/Paris\" for local times",
            hhmm(p.times.am),
            hhmm(p.times.pm)
        ),
    }
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}
