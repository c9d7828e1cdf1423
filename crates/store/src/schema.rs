//! The store's tables as data: their columns, types and keys, and the generic row of values that
//! export, restore and the undo journal move between a backend and a file. Both backends'
//! migrations create exactly these tables (the conformance suite reads every one of them).

use serde::{Deserialize, Serialize};

/// A column's SQL type, portable between SQLite and PostgreSQL (BIGINT, DOUBLE PRECISION, TEXT,
/// BLOB/BYTEA). A NULL is bound with its column's type, never a guessed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    Int,
    Real,
    Text,
    Blob,
}

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
}

/// One table: its name, its columns in order, and how many leading columns form its key.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub key_len: usize,
}

/// Tables are equal by name (each is one static).
impl PartialEq for TableDef {
    fn eq(&self, other: &TableDef) -> bool {
        self.name == other.name
    }
}

impl TableDef {
    pub fn key_columns(&self) -> &'static [Column] {
        &self.columns[..self.key_len]
    }
    /// True when a column holds bytes (written beside the export as a file).
    pub fn has_blob(&self) -> bool {
        self.columns.iter().any(|c| c.ty == ColType::Blob)
    }
}

/// One value of one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    #[serde(skip)]
    Blob(Vec<u8>),
}

impl Value {
    pub fn opt_int(v: Option<i64>) -> Value {
        v.map_or(Value::Null, Value::Int)
    }
    pub fn opt_real(v: Option<f64>) -> Value {
        v.map_or(Value::Null, Value::Real)
    }
    pub fn opt_text(v: Option<String>) -> Value {
        v.map_or(Value::Null, Value::Text)
    }
}

/// One row of one table, its values in the table's column order.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub table: &'static TableDef,
    pub values: Vec<Value>,
}

impl Row {
    /// The key's values (the leading `key_len` columns).
    pub fn key(&self) -> &[Value] {
        &self.values[..self.table.key_len]
    }
}

const fn col(name: &'static str, ty: ColType) -> Column {
    Column { name, ty }
}
use ColType::{Blob, Int, Real, Text};

pub static ATHLETES: TableDef = TableDef {
    name: "athletes",
    columns: &[
        col("id", Text),
        col("name", Text),
        col("profile_version", Int),
        col("created_at", Int),
    ],
    key_len: 1,
};

pub static PROFILES: TableDef = TableDef {
    name: "profiles",
    columns: &[
        col("athlete_id", Text),
        col("version", Int),
        col("toml", Text),
        col("saved_at", Int),
    ],
    key_len: 2,
};

pub static PLANS: TableDef = TableDef {
    name: "plans",
    columns: &[
        col("athlete_id", Text),
        col("version", Int),
        col("profile_version", Int),
        col("body", Text),
        col("saved_at", Int),
    ],
    key_len: 2,
};

pub static ACTIVITIES: TableDef = TableDef {
    name: "activities",
    columns: &[
        col("id", Text),
        col("athlete_id", Text),
        col("hash", Text),
        col("format", Text),
        col("source", Text),
        col("sport", Text),
        col("sub_sport", Text),
        col("start_s", Int),
        col("duration_s", Real),
        col("distance_m", Real),
        col("avg_hr", Int),
        col("max_hr", Int),
        col("laps", Text),
        col("streams", Text),
        col("imported_at", Int),
    ],
    key_len: 1,
};

/// The original bytes of each stored activity, apart so that listings never read them.
pub static ORIGINALS: TableDef = TableDef {
    name: "originals",
    columns: &[col("activity_id", Text), col("bytes", Blob)],
    key_len: 1,
};

/// Every file content seen for an athlete and the activity it is (itself, or the twin it
/// duplicates): a re-import finds its hash here before decoding.
pub static ACTIVITY_FILES: TableDef = TableDef {
    name: "activity_files",
    columns: &[
        col("athlete_id", Text),
        col("hash", Text),
        col("activity_id", Text),
        col("source", Text),
    ],
    key_len: 2,
};

/// The undo journal: one entry per change an athlete can undo, with the steps that undo it.
pub static JOURNAL: TableDef = TableDef {
    name: "journal",
    columns: &[
        col("seq", Int),
        col("athlete_id", Text),
        col("at", Int),
        col("op", Text),
        col("summary", Text),
        col("undo", Text),
    ],
    key_len: 1,
};

/// Id counters (`athlete`, `activity`, `journal`, ...): ids are sequential per store, so the
/// same story gives the same ids, and the same export, on every backend.
pub static COUNTERS: TableDef = TableDef {
    name: "counters",
    columns: &[col("kind", Text), col("next", Int)],
    key_len: 1,
};

/// Sessions done: typed at `runlift log` or made by an import (`activity_id`), as recorded; the
/// manual fields that win over these are in [`SESSION_MANUAL`].
pub static SESSIONS: TableDef = TableDef {
    name: "sessions",
    columns: &[
        col("id", Text),
        col("athlete_id", Text),
        col("date", Text),
        col("start_minute", Int),
        col("utc_offset_min", Int),
        col("kind", Text),
        col("duration_s", Real),
        col("distance_m", Real),
        col("rpe", Real),
        col("avg_hr", Real),
        col("note", Text),
        col("source", Text),
        col("planned", Text),
        col("activity_id", Text),
        col("recorded_at", Int),
    ],
    key_len: 1,
};

/// A session's lift sets, in order.
pub static SESSION_SETS: TableDef = TableDef {
    name: "session_sets",
    columns: &[
        col("session_id", Text),
        col("idx", Int),
        col("athlete_id", Text),
        col("exercise", Text),
        col("reps", Int),
        col("kg", Real),
        col("rpe", Real),
    ],
    key_len: 2,
};

/// The manual fields of a session (`runlift edit`), kept apart from what was recorded or
/// imported so that a re-import never loses them.
pub static SESSION_MANUAL: TableDef = TableDef {
    name: "session_manual",
    columns: &[
        col("session_id", Text),
        col("athlete_id", Text),
        col("kind", Text),
        col("rpe", Real),
        col("note", Text),
        col("edited_at", Int),
    ],
    key_len: 1,
};

pub static WELLNESS: TableDef = TableDef {
    name: "wellness",
    columns: &[
        col("id", Text),
        col("athlete_id", Text),
        col("date", Text),
        col("fatigue", Int),
        col("sleep", Int),
        col("soreness", Int),
        col("stress", Int),
        col("mood", Int),
        col("sleep_hours", Real),
        col("rmssd_ms", Real),
        col("rest_hr_bpm", Real),
        col("note", Text),
        col("recorded_at", Int),
    ],
    key_len: 1,
};

/// Tests done; the result is its JSON (`{"test": "wall-sit", "seconds": 95}`).
pub static TESTS: TableDef = TableDef {
    name: "tests",
    columns: &[
        col("id", Text),
        col("athlete_id", Text),
        col("date", Text),
        col("result", Text),
        col("note", Text),
        col("recorded_at", Int),
    ],
    key_len: 1,
};

/// Every table, parents before children (restore inserts in this order, deletes in reverse).
pub static TABLES: &[&TableDef] = &[
    &COUNTERS,
    &ATHLETES,
    &PROFILES,
    &PLANS,
    &ACTIVITIES,
    &ORIGINALS,
    &ACTIVITY_FILES,
    &SESSIONS,
    &SESSION_SETS,
    &SESSION_MANUAL,
    &WELLNESS,
    &TESTS,
    &JOURNAL,
];

/// A table by name.
pub fn table(name: &str) -> Option<&'static TableDef> {
    TABLES.iter().copied().find(|t| t.name == name)
}

/// Orders keys the same on every backend: integers by value, text by bytes, NULL first.
pub fn cmp_key(a: &[Value], b: &[Value]) -> std::cmp::Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Int(_) | Value::Real(_) => 1,
            Value::Text(_) => 2,
            Value::Blob(_) => 3,
        }
    }
    for (x, y) in a.iter().zip(b) {
        let o = match (x, y) {
            (Value::Int(p), Value::Int(q)) => p.cmp(q),
            (Value::Real(p), Value::Real(q)) => p.total_cmp(q),
            (Value::Text(p), Value::Text(q)) => p.as_bytes().cmp(q.as_bytes()),
            (Value::Blob(p), Value::Blob(q)) => p.cmp(q),
            _ => rank(x).cmp(&rank(y)),
        };
        if o.is_ne() {
            return o;
        }
    }
    a.len().cmp(&b.len())
}
