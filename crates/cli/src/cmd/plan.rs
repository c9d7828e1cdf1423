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
/// what could not fit is listed under "Dropped" with the rule and a suggestion.
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
    /// Write the plan to this file (atomically: the old file or the new one, never half) instead
    /// of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
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
    let p = runlift_planfile::read_profile_file(profile)?;
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
    runlift_plan::plan(&p, &opts).with_context(|| format!("planning {}", profile.display()))
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
    let gp = generate(&args.profile, args.start.as_deref(), args.weeks)?;
    match args.format {
        Format::Table => out.write_all(output::table(&gp).as_bytes())?,
        Format::Md => out.write_all(output::markdown(&gp).as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &output::json_view(&gp))?;
            writeln!(out)?;
        }
        Format::Ics => {
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
