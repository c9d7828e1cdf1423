//! The PostgreSQL store (`--db postgres://…` or `RUNLIFT_DB`): the same tables as SQLite's,
//! migrated on every open; and [`ScratchDb`], a throw-away database for tests and benchmarks.

use std::time::Duration;

use runlift_store::sql::Migration;
use runlift_store::{Backend, BackendKind, StoreError, Tx};
use sqlx::Executor as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

type Db = sqlx::Postgres;
mod shared {
    include!("../../store/sqlx/shared.rs");
}
use shared::{begin, db_err, migrate, schema_version};

/// This backend's migrations, in version order (kept in step with SQLite's).
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

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: sqlx::PgPool,
    url: String,
}

fn connect_options(url: &str) -> Result<PgConnectOptions, StoreError> {
    url.parse::<PgConnectOptions>().map_err(|e| {
        StoreError::invalid(
            "--db",
            format!("{}: {e}", runlift_store::location::redact(url)),
        )
    })
}

/// Compresses the large values this connection writes (original files, streams) with lz4 where
/// the server has it (PostgreSQL 14 and later, built with lz4): the default, pglz, spent most of
/// an import's time. A server without lz4 says no, and keeps pglz.
async fn prefer_lz4(conn: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    let _ = conn.execute("SET default_toast_compression = 'lz4'").await;
    Ok(())
}

impl PgStore {
    /// Connects to the database at `url` and migrates it.
    pub async fn open(url: &str) -> Result<PgStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _| Box::pin(prefer_lz4(conn)))
            .connect_with(connect_options(url)?)
            .await
            .map_err(|e| {
                StoreError::Database(format!("{}: {e}", runlift_store::location::redact(url)))
            })?;
        let now = jiff::Timestamp::now().as_second();
        migrate(&pool, MIGRATIONS, now).await?;
        Ok(PgStore {
            pool,
            url: url.to_string(),
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait::async_trait]
impl Backend for PgStore {
    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }

    fn location(&self) -> String {
        runlift_store::location::redact(&self.url)
    }

    async fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        begin(&self.pool).await
    }

    async fn integrity(&self) -> Result<Vec<String>, StoreError> {
        // PostgreSQL enforces the keys and references itself; nothing more to ask it.
        Ok(Vec::new())
    }

    async fn schema_version(&self) -> Result<i64, StoreError> {
        schema_version(&self.pool).await
    }
}

/// A fresh database on a PostgreSQL server, dropped by [`ScratchDb::drop_db`]: a test run's
/// own, so runs never see each other's rows.
#[derive(Debug)]
pub struct ScratchDb {
    admin: sqlx::PgPool,
    name: String,
    url: String,
}

impl ScratchDb {
    /// Creates `runlift_test_<pid>_<n>` through the server at `admin_url`.
    pub async fn create(admin_url: &str) -> Result<ScratchDb, StoreError> {
        let options = connect_options(admin_url)?;
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await
            .map_err(db_err)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("runlift_test_{}_{nanos}", std::process::id());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .map_err(db_err)?;
        let url = replace_database(admin_url, &name);
        Ok(ScratchDb { admin, name, url })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops the database (closing any connection still open to it).
    pub async fn drop_db(self) -> Result<(), StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&self.admin)
        .await
        .map_err(db_err)?;
        self.admin.close().await;
        Ok(())
    }
}

/// `url` with its database (the path) replaced by `name`, query parameters kept.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn replace_database() {
        let r = super::replace_database;
        assert_eq!(
            r("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(r("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(
            r("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
