//! The typed records the [`Store`](crate::Store) trait speaks, and their conversion to and from
//! the generic [`Row`]s of [`schema`](crate::schema). Times are Unix seconds (UTC).

use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::schema::{self, Row, TableDef, Value};

/// A typed record of one table.
pub trait Record: Sized {
    const TABLE: &'static TableDef;
    fn into_values(self) -> Vec<Value>;
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError>;

    fn into_row(self) -> Row {
        Row {
            table: Self::TABLE,
            values: self.into_values(),
        }
    }
    fn from_row(row: Row) -> Result<Self, StoreError> {
        Self::from_values(row.values)
    }
}

/// Takes the values of a row out in order, naming the table and column of a value of the
/// wrong type (a store written by something else, or a damaged export).
pub(crate) struct Take {
    table: &'static TableDef,
    values: std::vec::IntoIter<Value>,
    at: usize,
}

impl Take {
    pub(crate) fn new(table: &'static TableDef, values: Vec<Value>) -> Result<Take, StoreError> {
        if values.len() != table.columns.len() {
            return Err(StoreError::Corrupt(format!(
                "{}: {} values for {} columns",
                table.name,
                values.len(),
                table.columns.len()
            )));
        }
        Ok(Take {
            table,
            values: values.into_iter(),
            at: 0,
        })
    }

    fn next(&mut self) -> (Value, &'static str) {
        let name = self.table.columns[self.at].name;
        self.at += 1;
        (self.values.next().unwrap_or(Value::Null), name)
    }

    pub(crate) fn bad(&self, column: &str, want: &str) -> StoreError {
        StoreError::Corrupt(format!("{}.{column}: expected {want}", self.table.name))
    }

    pub(crate) fn opt_int(&mut self) -> Result<Option<i64>, StoreError> {
        match self.next() {
            (Value::Null, _) => Ok(None),
            (Value::Int(v), _) => Ok(Some(v)),
            (_, c) => Err(self.bad(c, "an integer")),
        }
    }
    pub(crate) fn int(&mut self) -> Result<i64, StoreError> {
        let c = self.table.columns[self.at].name;
        self.opt_int()?.ok_or_else(|| self.bad(c, "an integer"))
    }
    pub(crate) fn opt_real(&mut self) -> Result<Option<f64>, StoreError> {
        match self.next() {
            (Value::Null, _) => Ok(None),
            (Value::Real(v), _) => Ok(Some(v)),
            (Value::Int(v), _) => Ok(Some(v as f64)),
            (_, c) => Err(self.bad(c, "a number")),
        }
    }
    pub(crate) fn opt_text(&mut self) -> Result<Option<String>, StoreError> {
        match self.next() {
            (Value::Null, _) => Ok(None),
            (Value::Text(v), _) => Ok(Some(v)),
            (_, c) => Err(self.bad(c, "text")),
        }
    }
    pub(crate) fn text(&mut self) -> Result<String, StoreError> {
        let c = self.table.columns[self.at].name;
        self.opt_text()?.ok_or_else(|| self.bad(c, "text"))
    }
    pub(crate) fn blob(&mut self) -> Result<Vec<u8>, StoreError> {
        match self.next() {
            (Value::Blob(v), _) => Ok(v),
            (_, c) => Err(self.bad(c, "bytes")),
        }
    }
}

/// An athlete; the profile is kept in versions (`profile_version` is the current one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Athlete {
    pub id: String,
    pub name: String,
    pub profile_version: i64,
    pub created_at: i64,
}

impl Record for Athlete {
    const TABLE: &'static TableDef = &schema::ATHLETES;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Text(self.id),
            Value::Text(self.name),
            Value::Int(self.profile_version),
            Value::Int(self.created_at),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(Athlete {
            id: t.text()?,
            name: t.text()?,
            profile_version: t.int()?,
            created_at: t.int()?,
        })
    }
}

/// One saved version of an athlete's profile: the TOML text as the athlete wrote it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileVersion {
    pub athlete_id: String,
    pub version: i64,
    pub toml: String,
    pub saved_at: i64,
}

impl Record for ProfileVersion {
    const TABLE: &'static TableDef = &schema::PROFILES;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Text(self.athlete_id),
            Value::Int(self.version),
            Value::Text(self.toml),
            Value::Int(self.saved_at),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(ProfileVersion {
            athlete_id: t.text()?,
            version: t.int()?,
            toml: t.text()?,
            saved_at: t.int()?,
        })
    }
}

/// One saved version of an athlete's plan (the plan's JSON), made from `profile_version`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedPlan {
    pub athlete_id: String,
    pub version: i64,
    pub profile_version: i64,
    pub body: String,
    pub saved_at: i64,
}

impl Record for SavedPlan {
    const TABLE: &'static TableDef = &schema::PLANS;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Text(self.athlete_id),
            Value::Int(self.version),
            Value::Int(self.profile_version),
            Value::Text(self.body),
            Value::Int(self.saved_at),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(SavedPlan {
            athlete_id: t.text()?,
            version: t.int()?,
            profile_version: t.int()?,
            body: t.text()?,
            saved_at: t.int()?,
        })
    }
}

/// One lap of an activity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LapSummary {
    pub start_s: Option<i64>,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<u8>,
}

/// The sample streams load models need, one entry per sample: seconds from the activity's
/// start, heart rate, speed (pace) and power; a column the file does not have is empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Streams {
    pub t_s: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heart_rate: Vec<Option<u8>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speed_m_s: Vec<Option<f32>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub power_w: Vec<Option<u16>>,
}

/// What an import hands the store for one decoded activity file.
#[derive(Clone, Debug, PartialEq)]
pub struct NewActivity {
    /// xxh3-64 of the (decompressed) file content, 16 hex digits.
    pub hash: String,
    /// `fit`, `gpx` or `tcx`.
    pub format: String,
    pub source: String,
    pub sport: Option<String>,
    pub sub_sport: Option<String>,
    pub start_s: Option<i64>,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<u8>,
    pub max_hr: Option<u8>,
    pub laps: Vec<LapSummary>,
    pub streams: Streams,
    pub original: Vec<u8>,
    /// The session done this activity is (a run or a lift), stored with it; `None` for sports
    /// the log has no kind for (a ride, a swim): the activity is kept all the same.
    pub session: Option<runlift_model::log::DoneSession>,
}

/// A stored activity (without its original bytes; [`crate::Store::original`] reads them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub athlete_id: String,
    pub hash: String,
    pub format: String,
    pub source: String,
    pub sport: Option<String>,
    pub sub_sport: Option<String>,
    pub start_s: Option<i64>,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<u8>,
    pub max_hr: Option<u8>,
    pub laps: Vec<LapSummary>,
    pub streams: Streams,
    pub imported_at: i64,
}

fn to_json<T: Serialize>(v: &T) -> String {
    // Serialising these plain structs cannot fail.
    serde_json::to_string(v).unwrap_or_default()
}

fn from_json<T: serde::de::DeserializeOwned>(
    table: &TableDef,
    column: &str,
    text: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("{}.{column}: {e}", table.name)))
}

fn hr(v: Option<i64>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok())
}

impl Record for Activity {
    const TABLE: &'static TableDef = &schema::ACTIVITIES;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Text(self.id),
            Value::Text(self.athlete_id),
            Value::Text(self.hash),
            Value::Text(self.format),
            Value::Text(self.source),
            Value::opt_text(self.sport),
            Value::opt_text(self.sub_sport),
            Value::opt_int(self.start_s),
            Value::opt_real(self.duration_s),
            Value::opt_real(self.distance_m),
            Value::opt_int(self.avg_hr.map(i64::from)),
            Value::opt_int(self.max_hr.map(i64::from)),
            Value::Text(to_json(&self.laps)),
            Value::Text(to_json(&self.streams)),
            Value::Int(self.imported_at),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(Activity {
            id: t.text()?,
            athlete_id: t.text()?,
            hash: t.text()?,
            format: t.text()?,
            source: t.text()?,
            sport: t.opt_text()?,
            sub_sport: t.opt_text()?,
            start_s: t.opt_int()?,
            duration_s: t.opt_real()?,
            distance_m: t.opt_real()?,
            avg_hr: hr(t.opt_int()?),
            max_hr: hr(t.opt_int()?),
            laps: from_json(Self::TABLE, "laps", &t.text()?)?,
            streams: from_json(Self::TABLE, "streams", &t.text()?)?,
            imported_at: t.int()?,
        })
    }
}

/// The original bytes of an activity.
#[derive(Clone, Debug, PartialEq)]
pub struct Original {
    pub activity_id: String,
    pub bytes: Vec<u8>,
}

impl Record for Original {
    const TABLE: &'static TableDef = &schema::ORIGINALS;
    fn into_values(self) -> Vec<Value> {
        vec![Value::Text(self.activity_id), Value::Blob(self.bytes)]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(Original {
            activity_id: t.text()?,
            bytes: t.blob()?,
        })
    }
}

/// A file content seen by an import and the activity it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityFile {
    pub athlete_id: String,
    pub hash: String,
    pub activity_id: String,
    pub source: String,
}

impl Record for ActivityFile {
    const TABLE: &'static TableDef = &schema::ACTIVITY_FILES;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Text(self.athlete_id),
            Value::Text(self.hash),
            Value::Text(self.activity_id),
            Value::Text(self.source),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(ActivityFile {
            athlete_id: t.text()?,
            hash: t.text()?,
            activity_id: t.text()?,
            source: t.text()?,
        })
    }
}

/// One step that undoes part of a change: put a row back as it was, or delete a row the change
/// added (by its key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndoStep {
    Put { table: String, values: Vec<Value> },
    Delete { table: String, key: Vec<Value> },
}

impl UndoStep {
    /// The step that removes `row` again.
    pub fn delete(row: &Row) -> UndoStep {
        UndoStep::Delete {
            table: row.table.name.to_string(),
            key: row.key().to_vec(),
        }
    }
    /// The step that puts `row` back as it is now.
    pub fn put(row: Row) -> UndoStep {
        UndoStep::Put {
            table: row.table.name.to_string(),
            values: row.values,
        }
    }
}

/// One journal entry: a change an athlete can undo (`runlift undo` takes the newest).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub seq: i64,
    pub athlete_id: String,
    pub at: i64,
    /// `athlete.add`, `athlete.update`, `plan.save`, `log.run`, `edit`, `delete`, ...
    pub op: String,
    /// One line for people ("saved plan version 2").
    pub summary: String,
    /// The steps, applied in order, that undo the change.
    pub undo: Vec<UndoStep>,
}

impl Record for JournalEntry {
    const TABLE: &'static TableDef = &schema::JOURNAL;
    fn into_values(self) -> Vec<Value> {
        vec![
            Value::Int(self.seq),
            Value::Text(self.athlete_id),
            Value::Int(self.at),
            Value::Text(self.op),
            Value::Text(self.summary),
            Value::Text(to_json(&self.undo)),
        ]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(JournalEntry {
            seq: t.int()?,
            athlete_id: t.text()?,
            at: t.int()?,
            op: t.text()?,
            summary: t.text()?,
            undo: from_json(Self::TABLE, "undo", &t.text()?)?,
        })
    }
}

/// An id counter.
#[derive(Clone, Debug, PartialEq)]
pub struct Counter {
    pub kind: String,
    pub next: i64,
}

impl Record for Counter {
    const TABLE: &'static TableDef = &schema::COUNTERS;
    fn into_values(self) -> Vec<Value> {
        vec![Value::Text(self.kind), Value::Int(self.next)]
    }
    fn from_values(values: Vec<Value>) -> Result<Self, StoreError> {
        let mut t = Take::new(Self::TABLE, values)?;
        Ok(Counter {
            kind: t.text()?,
            next: t.int()?,
        })
    }
}
