//! Opening the training log's store for a command: `--db URL` (else `RUNLIFT_DB`, else the SQLite
//! file in the user's data directory), a small tokio runtime that drives the store's async API,
//! and `--athlete NAME` picking the athlete where the store holds more than one.

use std::future::Future;

use anyhow::Context;
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
}

/// Now, in Unix seconds (the time stamp of every write).
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Unix seconds as RFC 3339 (UTC).
pub fn rfc3339(secs: i64) -> String {
    jiff::Timestamp::from_second(secs).map_or_else(|_| secs.to_string(), |t| t.to_string())
}
