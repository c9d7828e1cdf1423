// The sqlx code both backends share, included by `runlift-store-sqlite` and `runlift-store-pg`
// (`include!`) into a module `shared` whose parent defines `type Db` (its concrete sqlx database): the generic row
// operations of `runlift_store::Tx` and the migration runner, compiled once per concrete driver
// (sqlx's `Any` driver is not used: it bound a NULL f64 as float4 on PostgreSQL).

use super::Db;
use runlift_store::schema::{ColType, Row, TableDef, Value};
use runlift_store::sql::{self, Migration};
use runlift_store::{Filter, StoreError};
use sqlx::{Row as _, Executor as _};

type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>;

pub(crate) fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// Binds a value as its column's type (a NULL too).
fn bind<'q>(q: Query<'q>, value: &Value, ty: ColType) -> Query<'q> {
    bind_owned(q, value.clone(), ty)
}

/// [`bind`] without a copy of the value (an original file's bytes, a stream's JSON).
fn bind_owned<'q>(q: Query<'q>, value: Value, ty: ColType) -> Query<'q> {
    match (value, ty) {
        (Value::Null, ColType::Int) => q.bind(None::<i64>),
        (Value::Null, ColType::Real) => q.bind(None::<f64>),
        (Value::Null, ColType::Text) => q.bind(None::<String>),
        (Value::Null, ColType::Blob) => q.bind(None::<Vec<u8>>),
        (Value::Int(n), ColType::Real) => q.bind(n as f64),
        (Value::Int(n), _) => q.bind(n),
        (Value::Real(x), _) => q.bind(x),
        (Value::Text(s), _) => q.bind(s),
        (Value::Blob(b), _) => q.bind(b),
    }
}

fn bind_row<'q>(mut q: Query<'q>, table: &TableDef, values: &[Value]) -> Query<'q> {
    for (v, c) in values.iter().zip(table.columns) {
        q = bind(q, v, c.ty);
    }
    q
}

fn decode(row: &<Db as sqlx::Database>::Row, table: &'static TableDef) -> Result<Row, StoreError> {
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, c) in table.columns.iter().enumerate() {
        let v = match c.ty {
            ColType::Int => row.try_get::<Option<i64>, _>(i).map(Value::opt_int),
            ColType::Real => row.try_get::<Option<f64>, _>(i).map(Value::opt_real),
            ColType::Text => row.try_get::<Option<String>, _>(i).map(Value::opt_text),
            ColType::Blob => row
                .try_get::<Option<Vec<u8>>, _>(i)
                .map(|b| b.map_or(Value::Null, Value::Blob)),
        }
        .map_err(|e| StoreError::Corrupt(format!("{}.{}: {e}", table.name, c.name)))?;
        values.push(v);
    }
    Ok(Row { table, values })
}

/// One transaction of this backend.
pub struct SqlTx {
    tx: sqlx::Transaction<'static, Db>,
}

#[async_trait::async_trait]
impl runlift_store::Tx for SqlTx {
    async fn insert(&mut self, row: &Row) -> Result<(), StoreError> {
        let text = sql::insert(row.table);
        bind_row(sqlx::query(sqlx::AssertSqlSafe(text)), row.table, &row.values)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| StoreError::Database(format!("{}: {e}", row.table.name)))?;
        Ok(())
    }

    async fn insert_rows(&mut self, table: &'static TableDef, rows: Vec<Vec<Value>>) -> Result<(), StoreError> {
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Value>> = rows.by_ref().take(sql::rows_per_insert(table)).collect();
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql::insert_rows(table, chunk.len())));
            for values in chunk {
                for (v, c) in values.into_iter().zip(table.columns) {
                    q = bind_owned(q, v, c.ty);
                }
            }
            q.execute(&mut *self.tx)
                .await
                .map_err(|e| StoreError::Database(format!("{}: {e}", table.name)))?;
        }
        Ok(())
    }

    async fn update(&mut self, row: &Row) -> Result<bool, StoreError> {
        let text = sql::update(row.table);
        let done = bind_row(sqlx::query(sqlx::AssertSqlSafe(text)), row.table, &row.values)
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete(&mut self, table: &'static TableDef, key: &[Value]) -> Result<bool, StoreError> {
        let text = sql::delete(table);
        let done = bind_row(sqlx::query(sqlx::AssertSqlSafe(text)), table, key)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| StoreError::Database(format!("{}: {e}", table.name)))?;
        Ok(done.rows_affected() > 0)
    }

    async fn select(
        &mut self,
        table: &'static TableDef,
        filter: &Filter,
    ) -> Result<Vec<Row>, StoreError> {
        let s = sql::select(table, filter)?;
        let mut q = sqlx::query(sqlx::AssertSqlSafe(s.sql));
        for (v, ty) in &s.params {
            q = bind(q, v, *ty);
        }
        let rows = q.fetch_all(&mut *self.tx).await.map_err(db_err)?;
        rows.iter().map(|r| decode(r, table)).collect()
    }

    async fn next_ids(&mut self, kind: &str, n: i64) -> Result<i64, StoreError> {
        let row = sqlx::query(sql::NEXT_IDS)
            .bind(kind.to_string())
            .bind(n)
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db_err)?;
        let last = row.try_get::<i64, _>(0).map_err(db_err)?;
        Ok(last - n + 1)
    }

    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await.map_err(db_err)
    }
}

pub(crate) async fn begin(pool: &sqlx::Pool<Db>) -> Result<Box<dyn runlift_store::Tx + '_>, StoreError> {
    let tx = pool.begin().await.map_err(db_err)?;
    Ok(Box::new(SqlTx { tx }))
}

/// Applies the migrations not applied yet, each in its own transaction, in version order.
pub(crate) async fn migrate(pool: &sqlx::Pool<Db>, migrations: &[Migration], now: i64) -> Result<(), StoreError> {
    // (one connection for all of it: a query straight on the pool would open a second
    // connection while the first is still being handed back, a few ms on every command)
    let mut conn = pool.acquire().await.map_err(db_err)?;
    conn.execute(sql::MIGRATIONS_TABLE).await.map_err(db_err)?;
    let done: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations")
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    for m in migrations.iter().filter(|m| !done.contains(&m.version)) {
        let mut tx = sqlx::Connection::begin(&mut *conn).await.map_err(db_err)?;
        sqlx::raw_sql(m.sql)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::Database(format!("migration {} ({}): {e}", m.version, m.name)))?;
        sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
            .bind(m.version)
            .bind(m.name.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
    }
    // hand the connection back before the caller's first query asks for one
    drop(conn);
    tokio::task::yield_now().await;
    Ok(())
}

pub(crate) async fn schema_version(pool: &sqlx::Pool<Db>) -> Result<i64, StoreError> {
    let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    Ok(v.unwrap_or(0))
}
