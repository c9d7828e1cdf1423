//! What a backend provides: transactions that insert, update, delete and select the generic rows
//! of [`schema`](crate::schema). Everything the store does is written once on top of this (in
//! [`crate::store`]); SQLite and PostgreSQL differ only below it.

use async_trait::async_trait;

use crate::StoreError;
use crate::schema::{Row, TableDef, Value};

/// Which backend a store is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// Which rows a select returns: columns equal to values, optionally one column equal to any of
/// a list of values, optionally one column in any of a list of inclusive ranges (integers, or
/// text such as `YYYY-MM-DD` dates), in key order (or its reverse), at most `limit`.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub eq: Vec<(&'static str, Value)>,
    pub any_of: Option<(&'static str, Vec<Value>)>,
    pub ranges: Option<(&'static str, Vec<(Value, Value)>)>,
    pub descending: bool,
    pub limit: Option<i64>,
}

impl Filter {
    pub fn all() -> Filter {
        Filter::default()
    }
    pub fn eq(column: &'static str, value: impl Into<Value>) -> Filter {
        Filter::default().and(column, value)
    }
    pub fn and(mut self, column: &'static str, value: impl Into<Value>) -> Filter {
        self.eq.push((column, value.into()));
        self
    }
    pub fn between(
        self,
        column: &'static str,
        lo: impl Into<Value>,
        hi: impl Into<Value>,
    ) -> Filter {
        self.within(column, vec![(lo.into(), hi.into())])
    }
    /// `column` in any of `ranges` (none: no row).
    pub fn within(mut self, column: &'static str, ranges: Vec<(Value, Value)>) -> Filter {
        self.ranges = Some((column, ranges));
        self
    }
    /// `column` equal to any of `values` (none: no row).
    pub fn any_of(mut self, column: &'static str, values: Vec<Value>) -> Filter {
        self.any_of = Some((column, values));
        self
    }
    /// The last row in key order.
    pub fn last(mut self) -> Filter {
        self.descending = true;
        self.limit = Some(1);
        self
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

/// One open transaction. Dropped without [`Tx::commit`], it rolls back: nothing of it is written.
#[async_trait]
pub trait Tx: Send {
    async fn insert(&mut self, row: &Row) -> Result<(), StoreError>;
    /// Inserts rows of one table (each its values in column order), many per statement.
    async fn insert_rows(
        &mut self,
        table: &'static TableDef,
        rows: Vec<Vec<Value>>,
    ) -> Result<(), StoreError>;
    /// Replaces the non-key columns of the row with the same key; false when there is none.
    async fn update(&mut self, row: &Row) -> Result<bool, StoreError>;
    /// Deletes the row with this key; false when there is none.
    async fn delete(&mut self, table: &'static TableDef, key: &[Value])
    -> Result<bool, StoreError>;
    async fn select(
        &mut self,
        table: &'static TableDef,
        filter: &Filter,
    ) -> Result<Vec<Row>, StoreError>;
    /// The next number of counter `kind` (1, 2, ...), taken under a row lock.
    async fn next_id(&mut self, kind: &str) -> Result<i64, StoreError> {
        self.next_ids(kind, 1).await
    }
    /// Takes the next `n` numbers of counter `kind` at once; gives the first of them.
    async fn next_ids(&mut self, kind: &str, n: i64) -> Result<i64, StoreError>;
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// A database holding the store's schema (migrated when it was opened).
#[async_trait]
pub trait Backend: Send + Sync {
    fn kind(&self) -> BackendKind;
    /// Where it is, without a password (a file path or a `postgres://` URL).
    fn location(&self) -> String;
    async fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError>;
    /// The database's own consistency checks (SQLite's integrity and foreign-key checks); each
    /// problem found is one line.
    async fn integrity(&self) -> Result<Vec<String>, StoreError>;
    /// The schema version (the newest migration applied).
    async fn schema_version(&self) -> Result<i64, StoreError>;
}
