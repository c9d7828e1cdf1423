//! The SQL text of the generic row operations, one text for both backends: `$1, $2, …`
//! parameters (SQLite reads them too), portable types, `ON CONFLICT … RETURNING` for counters.
//! Each statement comes with the column type of every parameter, so a NULL is bound typed.

use crate::StoreError;
use crate::backend::Filter;
use crate::schema::{ColType, TableDef, Value};

/// A versioned migration of one backend's schema.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The table that records which migrations ran.
pub const MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

/// The counter statement: takes the next `$2` numbers of kind `$1` (a new kind starts at 1) and
/// gives the last of them.
pub const NEXT_IDS: &str = "INSERT INTO counters (kind, next) VALUES ($1, $2) \
    ON CONFLICT (kind) DO UPDATE SET next = counters.next + $2 RETURNING next";

/// At most this many parameters in one statement (SQLite's limit is 32,766, PostgreSQL's 65,535).
pub const MAX_PARAMS: usize = 30_000;

fn columns(t: &TableDef) -> String {
    t.columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn key_where(t: &TableDef, first: usize) -> String {
    t.key_columns()
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.name, first + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

pub fn insert(t: &TableDef) -> String {
    insert_rows(t, 1)
}

/// `INSERT` of `rows` rows; parameters are the rows' values one row after the other.
pub fn insert_rows(t: &TableDef, rows: usize) -> String {
    let n = t.columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|r| {
            let params: Vec<String> = (1..=n).map(|i| format!("${}", r * n + i)).collect();
            format!("({})", params.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        t.name,
        columns(t),
        tuples.join(", ")
    )
}

/// How many rows of `t` one insert statement takes.
pub fn rows_per_insert(t: &TableDef) -> usize {
    (MAX_PARAMS / t.columns.len()).max(1)
}

/// `UPDATE` of the non-key columns; parameters are the row's values in column order.
pub fn update(t: &TableDef) -> String {
    let set: Vec<String> = t.columns[t.key_len..]
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.name, t.key_len + i + 1))
        .collect();
    format!(
        "UPDATE {} SET {} WHERE {}",
        t.name,
        set.join(", "),
        key_where(t, 1)
    )
}

pub fn delete(t: &TableDef) -> String {
    format!("DELETE FROM {} WHERE {}", t.name, key_where(t, 1))
}

/// A select and its parameters with their column types.
#[derive(Debug)]
pub struct Select {
    pub sql: String,
    pub params: Vec<(Value, ColType)>,
}

fn column_type(t: &TableDef, name: &str) -> Result<ColType, StoreError> {
    t.columns
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.ty)
        .ok_or_else(|| StoreError::Corrupt(format!("{} has no column {name}", t.name)))
}

/// The condition `cond` makes of a list of terms, or one no row meets when the list is empty.
fn unless_empty(terms: &[String], cond: impl FnOnce() -> String) -> String {
    if terms.is_empty() {
        "1 = 0".to_string()
    } else {
        cond()
    }
}

pub fn select(t: &TableDef, f: &Filter) -> Result<Select, StoreError> {
    let mut conds = Vec::new();
    let mut params = Vec::new();
    for (name, value) in &f.eq {
        params.push((value.clone(), column_type(t, name)?));
        conds.push(format!("{name} = ${}", params.len()));
    }
    if let Some((name, values)) = &f.any_of {
        let ty = column_type(t, name)?;
        let mut any = Vec::with_capacity(values.len());
        for v in values {
            params.push((v.clone(), ty));
            any.push(format!("${}", params.len()));
        }
        conds.push(unless_empty(&any, || {
            format!("{name} IN ({})", any.join(", "))
        }));
    }
    if let Some((name, ranges)) = &f.ranges {
        let ty = column_type(t, name)?;
        let mut any = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            params.push((lo.clone(), ty));
            params.push((hi.clone(), ty));
            let n = params.len();
            any.push(format!("{name} BETWEEN ${} AND ${n}", n - 1));
        }
        conds.push(unless_empty(&any, || format!("({})", any.join(" OR "))));
    }
    let mut sql = format!("SELECT {} FROM {}", columns(t), t.name);
    if !conds.is_empty() {
        sql += &format!(" WHERE {}", conds.join(" AND "));
    }
    let dir = if f.descending { " DESC" } else { "" };
    let order: Vec<String> = t
        .key_columns()
        .iter()
        .map(|c| format!("{}{dir}", c.name))
        .collect();
    sql += &format!(" ORDER BY {}", order.join(", "));
    if let Some(n) = f.limit {
        sql += &format!(" LIMIT {n}");
    }
    Ok(Select { sql, params })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ORIGINALS, PLANS};

    #[test]
    fn statements() {
        assert_eq!(
            update(&PLANS),
            "UPDATE plans SET profile_version = $3, body = $4, saved_at = $5 WHERE athlete_id = $1 AND version = $2"
        );
        assert_eq!(
            delete(&PLANS),
            "DELETE FROM plans WHERE athlete_id = $1 AND version = $2"
        );
        let s = select(&PLANS, &Filter::eq("athlete_id", "a").last()).unwrap();
        assert_eq!(
            s.sql,
            "SELECT athlete_id, version, profile_version, body, saved_at FROM plans WHERE athlete_id = $1 ORDER BY athlete_id DESC, version DESC LIMIT 1"
        );
        assert!(select(&PLANS, &Filter::eq("nope", 1)).is_err());
        assert_eq!(
            insert_rows(&ORIGINALS, 2),
            "INSERT INTO originals (activity_id, bytes) VALUES ($1, $2), ($3, $4)"
        );
        let near = Filter::eq("athlete_id", "a")
            .any_of("version", vec![Value::Int(1), Value::Int(2)])
            .within(
                "saved_at",
                vec![
                    (Value::Int(0), Value::Int(9)),
                    (Value::Int(20), Value::Int(29)),
                ],
            );
        assert_eq!(
            select(&PLANS, &near).unwrap().sql,
            "SELECT athlete_id, version, profile_version, body, saved_at FROM plans WHERE athlete_id = $1 AND version IN ($2, $3) AND (saved_at BETWEEN $4 AND $5 OR saved_at BETWEEN $6 AND $7) ORDER BY athlete_id, version"
        );
        let none = Filter::eq("athlete_id", "a").any_of("version", Vec::new());
        assert!(select(&PLANS, &none).unwrap().sql.contains("AND 1 = 0"));
    }
}
