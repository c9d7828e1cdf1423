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

/// The counter statement: the next number of a kind, created at 1.
pub const NEXT_ID: &str = "INSERT INTO counters (kind, next) VALUES ($1, 1) \
    ON CONFLICT (kind) DO UPDATE SET next = counters.next + 1 RETURNING next";

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
    let params: Vec<String> = (1..=t.columns.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        t.name,
        columns(t),
        params.join(", ")
    )
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

pub fn select(t: &TableDef, f: &Filter) -> Result<Select, StoreError> {
    let mut conds = Vec::new();
    let mut params = Vec::new();
    for (name, value) in &f.eq {
        params.push((value.clone(), column_type(t, name)?));
        conds.push(format!("{name} = ${}", params.len()));
    }
    if let Some((name, lo, hi)) = &f.between {
        let ty = column_type(t, name)?;
        params.push((lo.clone(), ty));
        params.push((hi.clone(), ty));
        conds.push(format!(
            "{name} BETWEEN ${} AND ${}",
            params.len() - 1,
            params.len()
        ));
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
    use crate::schema::PLANS;

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
    }
}
