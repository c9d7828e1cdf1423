//! The embedded SQLite store, runlift's default: one file (by default
//! `$XDG_DATA_HOME/runlift/runlift.db`), created with its folder on first use and migrated on
//! every open. WAL journal with `synchronous = NORMAL`: a killed process leaves every transaction
//! whole or absent (a power cut can lose the last commits, never half of one).

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use runlift_store::sql::Migration;
use runlift_store::{Backend, BackendKind, StoreError, Tx};
use sqlx::Row as _;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

type Db = sqlx::Sqlite;
mod shared {
    include!("../../store/sqlx/shared.rs");
}
use shared::{begin, db_err, migrate, schema_version};

/// This backend's migrations, in version order (kept in step with PostgreSQL's).
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "log",
        sql: include_str!("../migrations/0002_log.sql"),
    },
];

/// The page size of a new store file.
const PAGE_SIZE: u32 = 64 << 10;

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating it and its folder when missing) and migrates the store at `path`.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Io(format!("{}: {e}", dir.display())))?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(db_err)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // A store is mostly original files: 64 KiB pages (for a new file; an existing one
            // keeps its size) write them in 16 times fewer WAL frames than 4 KiB pages, with a
            // cache of 8 MiB to match.
            .page_size(PAGE_SIZE)
            .pragma("cache_size", "-8192")
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Rows cross from sqlx's worker thread in batches this large: with the default (50)
            // a ten-year history paid a thread wake-up every 50 rows.
            .row_buffer_size(4096);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Database(format!("{}: {e}", path.display())))?;
        let now = jiff::Timestamp::now().as_second();
        migrate(&pool, MIGRATIONS, now).await?;
        Ok(SqliteStore {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the pool (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait::async_trait]
impl Backend for SqliteStore {
    fn kind(&self) -> BackendKind {
        BackendKind::Sqlite
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    async fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        begin(&self.pool).await
    }

    async fn integrity(&self) -> Result<Vec<String>, StoreError> {
        let mut problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        problems.retain(|p: &String| p != "ok");
        let fk = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        for row in fk {
            let table: String = row.try_get(0).map_err(db_err)?;
            let parent: String = row.try_get(2).map_err(db_err)?;
            problems.push(format!("{table}: a row refers to a missing {parent} row"));
        }
        Ok(problems)
    }

    async fn schema_version(&self) -> Result<i64, StoreError> {
        schema_version(&self.pool).await
    }
}
