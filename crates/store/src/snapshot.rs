//! A snapshot of every table, and the export folder it is written to and read from:
//! `manifest.json`, one `<table>.jsonl` per table (a JSON object per row, in key order) and the
//! bytes of blob columns as files under `files/<table>/<key>`. The same store gives the same
//! folder, byte for byte, whatever its backend.

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::schema::{self, ColType, Row, TableDef, Value};

/// Every row of every table.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub schema_version: i64,
    /// In [`schema::TABLES`] order.
    pub tables: Vec<(&'static TableDef, Vec<Row>)>,
}

/// `manifest.json` of an export.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    schema_version: i64,
    /// Rows per table, in restore order.
    tables: Vec<TableCount>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TableCount {
    name: String,
    rows: usize,
}

const FORMAT: &str = "runlift-export-1";

fn io_err(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(format!("{}: {e}", path.display()))
}

/// A file name for a row's key (`act_3`, `ath_1_2`); ids are letters, digits and `_`.
fn key_name(row: &Row) -> String {
    let parts: Vec<String> = row
        .key()
        .iter()
        .map(|v| match v {
            Value::Int(n) => n.to_string(),
            Value::Text(t) => t
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect(),
            _ => "_".to_string(),
        })
        .collect();
    parts.join("_")
}

impl Snapshot {
    /// The rows of one table.
    pub fn rows(&self, table: &'static TableDef) -> &[Row] {
        self.tables
            .iter()
            .find(|(t, _)| t.name == table.name)
            .map_or(&[], |(_, r)| r.as_slice())
    }

    /// Writes the export folder `dir`, which must not exist yet (or be empty): written beside it
    /// under a temporary name and renamed into place when complete.
    pub fn write_dir(&self, dir: &Path) -> Result<(), StoreError> {
        if dir.exists()
            && fs::read_dir(dir)
                .map_err(|e| io_err(dir, e))?
                .next()
                .is_some()
        {
            return Err(StoreError::invalid(
                "--out",
                format!("{} exists and is not empty", dir.display()),
            ));
        }
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        let tmp = tempfile_dir(parent, dir)?;
        self.write_into(&tmp).inspect_err(|_| {
            let _ = fs::remove_dir_all(&tmp);
        })?;
        if dir.exists() {
            fs::remove_dir(dir).map_err(|e| io_err(dir, e))?;
        }
        fs::rename(&tmp, dir).map_err(|e| io_err(dir, e))
    }

    fn write_into(&self, dir: &Path) -> Result<(), StoreError> {
        let manifest = Manifest {
            format: FORMAT.into(),
            schema_version: self.schema_version,
            tables: self
                .tables
                .iter()
                .map(|(t, rows)| TableCount {
                    name: t.name.into(),
                    rows: rows.len(),
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| io_err(dir, e))? + "\n";
        write_file(&dir.join("manifest.json"), text.as_bytes())?;
        for (table, rows) in &self.tables {
            write_table(dir, table, rows)?;
        }
        Ok(())
    }

    /// Reads an export folder.
    pub fn read_dir(dir: &Path) -> Result<Snapshot, StoreError> {
        let path = dir.join("manifest.json");
        let text = fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| io_err(&path, e))?;
        if manifest.format != FORMAT {
            return Err(StoreError::invalid(
                "format",
                format!("{}: {:?} is not {FORMAT}", path.display(), manifest.format),
            ));
        }
        let mut tables = Vec::new();
        for count in &manifest.tables {
            let table = schema::table(&count.name).ok_or_else(|| {
                StoreError::invalid(
                    "tables",
                    format!("{}: unknown table {:?}", path.display(), count.name),
                )
            })?;
            let rows = read_table(dir, table)?;
            if rows.len() != count.rows {
                return Err(StoreError::Corrupt(format!(
                    "{}: {} rows, the manifest says {}",
                    dir.join(format!("{}.jsonl", table.name)).display(),
                    rows.len(),
                    count.rows
                )));
            }
            tables.push((table, rows));
        }
        tables.sort_by_key(|(t, _)| schema::TABLES.iter().position(|x| x.name == t.name));
        Ok(Snapshot {
            schema_version: manifest.schema_version,
            tables,
        })
    }
}

fn tempfile_dir(parent: &Path, dir: &Path) -> Result<PathBuf, StoreError> {
    let name = dir
        .file_name()
        .map_or("export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| io_err(&tmp, e))?;
    }
    fs::create_dir_all(&tmp).map_err(|e| io_err(&tmp, e))?;
    Ok(tmp)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(|e| io_err(p, e))?;
    }
    fs::write(path, bytes).map_err(|e| io_err(path, e))
}

fn write_table(dir: &Path, table: &TableDef, rows: &[Row]) -> Result<(), StoreError> {
    let path = dir.join(format!("{}.jsonl", table.name));
    let file = fs::File::create(&path).map_err(|e| io_err(&path, e))?;
    let mut w = BufWriter::new(file);
    for row in rows {
        let mut obj = serde_json::Map::new();
        for (col, value) in table.columns.iter().zip(&row.values) {
            let json = match value {
                Value::Blob(bytes) => {
                    let rel = format!("files/{}/{}", table.name, key_name(row));
                    write_file(&dir.join(&rel), bytes)?;
                    serde_json::Value::String(rel)
                }
                v => serde_json::to_value(v).map_err(|e| io_err(&path, e))?,
            };
            obj.insert(col.name.to_string(), json);
        }
        let line = serde_json::to_string(&obj).map_err(|e| io_err(&path, e))?;
        writeln!(w, "{line}").map_err(|e| io_err(&path, e))?;
    }
    w.flush().map_err(|e| io_err(&path, e))
}

fn read_table(dir: &Path, table: &'static TableDef) -> Result<Vec<Row>, StoreError> {
    let path = dir.join(format!("{}.jsonl", table.name));
    let file = fs::File::open(&path).map_err(|e| io_err(&path, e))?;
    let mut rows = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| io_err(&path, e))?;
        let at = |field: &str, msg: String| {
            StoreError::invalid(
                field,
                format!("{} line {}: {field}: {msg}", path.display(), i + 1),
            )
        };
        let obj: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&line).map_err(|e| at("row", e.to_string()))?;
        let mut values = Vec::with_capacity(table.columns.len());
        for col in table.columns {
            let json = obj.get(col.name).unwrap_or(&serde_json::Value::Null);
            let value = match (col.ty, json) {
                (_, serde_json::Value::Null) => Value::Null,
                (ColType::Int, j) => Value::Int(
                    j.as_i64()
                        .ok_or_else(|| at(col.name, "not an integer".into()))?,
                ),
                (ColType::Real, j) => Value::Real(
                    j.as_f64()
                        .ok_or_else(|| at(col.name, "not a number".into()))?,
                ),
                (ColType::Text, serde_json::Value::String(s)) => Value::Text(s.clone()),
                (ColType::Blob, serde_json::Value::String(rel)) => {
                    if rel.contains("..") {
                        return Err(at(col.name, format!("{rel:?} leaves the export folder")));
                    }
                    let p = dir.join(rel);
                    Value::Blob(fs::read(&p).map_err(|e| io_err(&p, e))?)
                }
                (_, _) => return Err(at(col.name, "not text".into())),
            };
            values.push(value);
        }
        rows.push(Row { table, values });
    }
    Ok(rows)
}
