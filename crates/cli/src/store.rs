//! Opening the training log's store for a command: `--db URL` (else `RUNLIFT_DB`, else the SQLite
//! file in the user's data directory), a small tokio runtime that drives the store's async API,
//! and `--athlete NAME` picking the athlete where the store holds more than one.

use std::future::Future;
use std::path::Path;

use anyhow::Context;
use jiff::civil::Date;
use runlift_model::profile::Profile;
use runlift_store::{Athlete, Location, Store};

/// `--db` and `--athlete`, shared by every command that uses the store.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DbArgs {
    /// The store: a SQLite file, `sqlite://PATH` or `postgres://…` [default: RUNLIFT_DB, else
    /// $XDG_DATA_HOME/runlift/runlift.db, created on first use].
    #[arg(long, value_name = "URL", global = true)]
    pub db: Option<String>,
    /// The athlete, by name (implied when the store holds only one).
    #[arg(long, value_name = "NAME", global = true)]
    pub athlete: Option<String>,
}

/// An open store and the runtime its calls run on.
pub struct Opened {
    // Dropped before the runtime: the pool's connections close while it still runs.
    pub store: Box<dyn Store>,
    rt: tokio::runtime::Runtime,
    pub location: Location,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Opened({})", self.location.display())
    }
}

impl Opened {
    /// Opens (creating and migrating it when needed) the store `--db` names.
    pub fn open(args: &DbArgs) -> anyhow::Result<Opened> {
        let location = Location::resolve(args.db.as_deref())?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the store's runtime")?;
        let store: Box<dyn Store> = match &location {
            Location::Sqlite(path) => {
                Box::new(rt.block_on(runlift_store_sqlite::SqliteStore::open(path))?)
            }
            Location::Postgres(url) => Box::new(rt.block_on(runlift_store_pg::PgStore::open(url))?),
        };
        Ok(Opened {
            store,
            rt,
            location,
        })
    }

    /// Runs one store call to its end.
    pub fn run<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The athlete `--athlete` names, or the only one.
    pub fn athlete(&self, args: &DbArgs) -> anyhow::Result<Athlete> {
        Ok(self.run(self.store.athlete(args.athlete.as_deref()))?)
    }

    /// The athlete `--athlete` names, with their current profile read and their time zone.
    pub fn current(&self, args: &DbArgs) -> anyhow::Result<Current> {
        let athlete = self.athlete(args)?;
        let stored = self.run(self.store.profile(&athlete, None))?;
        let label = format!(
            "{}'s stored profile (version {})",
            athlete.name, stored.version
        );
        let profile = runlift_planfile::parse_profile(&stored.toml, Path::new(&label))?;
        let tz = profile
            .tz
            .as_deref()
            .and_then(|name| jiff::tz::TimeZone::get(name).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        Ok(Current {
            athlete,
            profile,
            tz,
        })
    }
}

/// An athlete with their current profile: what the log commands date and compare by.
#[derive(Debug)]
pub struct Current {
    pub athlete: Athlete,
    pub profile: Profile,
    /// The profile's `tz`, else UTC.
    pub tz: jiff::tz::TimeZone,
}

impl Current {
    /// Today in the athlete's time zone; `RUNLIFT_TODAY=YYYY-MM-DD` sets it (scripts, tests).
    pub fn today(&self) -> anyhow::Result<Date> {
        if let Ok(text) = std::env::var("RUNLIFT_TODAY") {
            return parse_day(&text).map_err(|m| anyhow::anyhow!("RUNLIFT_TODAY: {m}"));
        }
        Ok(jiff::Timestamp::now().to_zoned(self.tz.clone()).date())
    }

    /// The day something was done: a date argument, or today when it is not given; a day after
    /// today is refused (a typo, or a plan entered as the log). `what` names it in errors.
    pub fn done_on(&self, text: Option<&str>, what: &str) -> anyhow::Result<Date> {
        let today = self.today()?;
        let Some(t) = text else { return Ok(today) };
        let d = parse_day(t).map_err(|m| anyhow::anyhow!("{what}: {m}"))?;
        if d > today {
            anyhow::bail!(
                "{what}: {d} is after today ({today} in {}'s time zone): the log holds what was done; nothing was logged",
                self.athlete.name
            );
        }
        Ok(d)
    }
}

/// A `YYYY-MM-DD` argument within the dates runlift accepts.
pub fn parse_day(text: &str) -> Result<Date, String> {
    let d = runlift_model::serde_util::parse_date(text)?;
    runlift_model::bounds::check_date(d)?;
    Ok(d)
}

/// Now, in Unix seconds (the time stamp of every write).
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Unix seconds as RFC 3339 (UTC).
pub fn rfc3339(secs: i64) -> String {
    jiff::Timestamp::from_second(secs).map_or_else(|_| secs.to_string(), |t| t.to_string())
}
