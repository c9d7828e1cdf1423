//! `runlift athlete add|update|list`: the athletes of the store and their profile versions. A
//! profile is checked as `runlift plan` reads it (errors name file, line and field) and stored as
//! the text the athlete wrote, one version per update.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use runlift_store::Athlete;
use serde::Serialize;

use crate::output::{TextOrJson, write_json};
use crate::store::{DbArgs, Opened, now, rfc3339};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text, global = true)]
    pub format: TextOrJson,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Add an athlete with their profile (the name is the profile's `name`, or --name).
    Add {
        #[arg(long)]
        profile: PathBuf,
        #[arg(long)]
        name: Option<String>,
    },
    /// Store a new version of an athlete's profile.
    Update {
        #[arg(long)]
        profile: PathBuf,
    },
    /// List the athletes.
    List,
}

/// An athlete in `--format json` (docs/json.md).
#[derive(Serialize, Debug)]
struct AthleteJson<'a> {
    id: &'a str,
    name: &'a str,
    profile_version: i64,
    created_at: String,
}

impl<'a> From<&'a Athlete> for AthleteJson<'a> {
    fn from(a: &'a Athlete) -> Self {
        AthleteJson {
            id: &a.id,
            name: &a.name,
            profile_version: a.profile_version,
            created_at: rfc3339(a.created_at),
        }
    }
}

/// Reads and checks a profile; gives its text and its `name`.
fn read_profile(path: &Path) -> anyhow::Result<(String, Option<String>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let profile = runlift_planfile::parse_profile(&text, path)?;
    Ok((text, profile.name))
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let json = args.format == TextOrJson::Json;
    match args.command {
        Command::Add { profile, name } => {
            let (text, in_profile) = read_profile(&profile)?;
            let name = name.or(in_profile).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: field `name`: the profile has no name; add `name = \"…\"` or pass --name",
                    profile.display()
                )
            })?;
            let opened = Opened::open(&args.db)?;
            let a = opened.run(opened.store.add_athlete(&name, &text, now()))?;
            report(out, json, "added", &a)?;
        }
        Command::Update { profile } => {
            let (text, _) = read_profile(&profile)?;
            let opened = Opened::open(&args.db)?;
            let athlete = opened.athlete(&args.db)?;
            let a = opened.run(opened.store.update_athlete(&athlete.id, &text, now()))?;
            report(out, json, "updated", &a)?;
        }
        Command::List => {
            let opened = Opened::open(&args.db)?;
            let all = opened.run(opened.store.athletes())?;
            if json {
                #[derive(Serialize)]
                struct List<'a> {
                    athletes: Vec<AthleteJson<'a>>,
                }
                let athletes = all.iter().map(AthleteJson::from).collect();
                write_json(out, &List { athletes })?;
            } else if all.is_empty() {
                writeln!(
                    out,
                    "no athletes yet (runlift athlete add --profile athlete.toml)"
                )?;
            } else {
                for a in &all {
                    writeln!(
                        out,
                        "{:<8} {:<24} profile v{}  added {}",
                        a.id,
                        a.name,
                        a.profile_version,
                        rfc3339(a.created_at)
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(out: &mut dyn Write, json: bool, verb: &str, a: &Athlete) -> anyhow::Result<()> {
    if json {
        #[derive(Serialize)]
        struct One<'a> {
            athlete: AthleteJson<'a>,
        }
        write_json(out, &One { athlete: a.into() })
    } else {
        writeln!(
            out,
            "{verb} athlete {} ({}), profile version {}",
            a.name, a.id, a.profile_version
        )?;
        Ok(())
    }
}
