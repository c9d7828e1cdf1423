//! The training log's records in the store: a session done (`runlift_model::log::DoneSession`)
//! is a `sessions` row, one `session_sets` row per lift set and, when edited, a
//! `session_manual` row kept apart; wellness and tests are one row each. The record types and
//! their checks are the model's; this module only maps them to rows and back.

use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::library::library;
use runlift_model::log::{
    DoneSession, Id, Invalid, LiftSet, Load, Manual, Source, Start, TestEntry, TestResult,
    WellnessEntry,
};

use crate::StoreError;
use crate::records::Take;
use crate::schema::{self, Row, Value};

/// A model check's problems as one error naming the first field (and the others after it).
pub fn invalid(e: &Invalid) -> StoreError {
    let mut all = e.0.iter();
    let Some(first) = all.next() else {
        return StoreError::invalid("record", "invalid");
    };
    let mut message = first.message.clone();
    for more in all {
        message += &format!("; {more}");
    }
    StoreError::invalid(first.field.clone(), message)
}

fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

fn date(t: &mut Take, column: &str) -> Result<Date, StoreError> {
    let s = t.text()?;
    s.parse::<Date>()
        .map_err(|e| StoreError::Corrupt(format!("{column} {s:?}: {e}")))
}

fn kind(code: &str) -> Result<Kind, StoreError> {
    Kind::from_code(code)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown session kind {code:?}")))
}

/// The rows of a session: the session, its sets, its manual fields (when any).
pub fn session_rows(
    athlete_id: &str,
    s: &DoneSession,
    activity_id: Option<&str>,
    at: i64,
) -> (Row, Vec<Row>, Option<Row>) {
    let id = s.id.as_str();
    let session = Row {
        table: &schema::SESSIONS,
        values: vec![
            text(id),
            text(athlete_id),
            text(s.date.to_string()),
            Value::opt_int(s.start.map(|st| i64::from(st.minute))),
            Value::opt_int(s.start.map(|st| i64::from(st.utc_offset_min))),
            text(s.kind.code()),
            Value::Real(s.duration_s),
            Value::opt_real(s.distance_m),
            Value::opt_real(s.rpe),
            Value::opt_real(s.avg_hr),
            Value::opt_text(s.note.clone()),
            text(s.source.code()),
            Value::opt_text(s.planned.clone()),
            Value::opt_text(activity_id.map(str::to_string)),
            Value::Int(at),
        ],
    };
    let sets = s
        .sets
        .iter()
        .enumerate()
        .map(|(i, set)| Row {
            table: &schema::SESSION_SETS,
            values: vec![
                text(id),
                Value::Int(i as i64),
                text(athlete_id),
                text(set.exercise.code()),
                Value::Int(i64::from(set.reps)),
                Value::opt_real(set.load.kg()),
                Value::opt_real(set.rpe),
            ],
        })
        .collect();
    let manual = (!s.manual.is_empty()).then(|| manual_row(athlete_id, id, &s.manual, at));
    (session, sets, manual)
}

/// The `session_manual` row of a session.
pub fn manual_row(athlete_id: &str, session_id: &str, m: &Manual, at: i64) -> Row {
    Row {
        table: &schema::SESSION_MANUAL,
        values: vec![
            text(session_id),
            text(athlete_id),
            Value::opt_text(m.kind.map(|k| k.code().to_string())),
            Value::opt_real(m.rpe),
            Value::opt_text(m.note.clone()),
            Value::Int(at),
        ],
    }
}

/// A session row read back (without its sets and manual fields), and its activity id.
pub fn session_from(row: Row) -> Result<(DoneSession, Option<String>), StoreError> {
    let mut t = Take::new(&schema::SESSIONS, row.values)?;
    let id = Id(t.text()?);
    let _athlete = t.text()?;
    let date = date(&mut t, "sessions.date")?;
    let minute = t.opt_int()?;
    let offset = t.opt_int()?;
    let start = match (minute, offset) {
        (Some(m), Some(o)) => Some(Start {
            minute: u16::try_from(m).map_err(|_| t.bad("start_minute", "minutes of a day"))?,
            utc_offset_min: i16::try_from(o).map_err(|_| t.bad("utc_offset_min", "an offset"))?,
        }),
        _ => None,
    };
    let kind = kind(&t.text()?)?;
    let duration_s = t.opt_real()?.unwrap_or_default();
    let (distance_m, rpe, avg_hr) = (t.opt_real()?, t.opt_real()?, t.opt_real()?);
    let note = t.opt_text()?;
    let source_code = t.text()?;
    let source = Source::from_code(&source_code)
        .ok_or_else(|| StoreError::Corrupt(format!("sessions.source {source_code:?}")))?;
    let planned = t.opt_text()?;
    let activity = t.opt_text()?;
    let session = DoneSession {
        id,
        date,
        start,
        kind,
        duration_s,
        distance_m,
        rpe,
        avg_hr,
        note,
        source,
        planned,
        sets: Vec::new(),
        manual: Manual::default(),
    };
    Ok((session, activity))
}

/// A `session_sets` row read back: the session it belongs to and the set.
pub fn set_from(row: Row) -> Result<(String, LiftSet), StoreError> {
    let mut t = Take::new(&schema::SESSION_SETS, row.values)?;
    let session = t.text()?;
    let _idx = t.int()?;
    let _athlete = t.text()?;
    let code = t.text()?;
    let exercise = library()
        .id(&code)
        .ok_or_else(|| StoreError::Corrupt(format!("session_sets.exercise {code:?}")))?;
    let reps = u16::try_from(t.int()?).map_err(|_| t.bad("reps", "a rep count"))?;
    let load = t.opt_real()?.map_or(Load::BodyWeight, Load::Kg);
    let rpe = t.opt_real()?;
    Ok((
        session,
        LiftSet {
            exercise,
            reps,
            load,
            rpe,
        },
    ))
}

/// A `session_manual` row read back: the session and its manual fields.
pub fn manual_from(row: Row) -> Result<(String, Manual), StoreError> {
    let mut t = Take::new(&schema::SESSION_MANUAL, row.values)?;
    let session = t.text()?;
    let _athlete = t.text()?;
    let kind = t.opt_text()?.map(|k| kind(&k)).transpose()?;
    let rpe = t.opt_real()?;
    let note = t.opt_text()?;
    Ok((session, Manual { kind, rpe, note }))
}

pub fn wellness_row(athlete_id: &str, w: &WellnessEntry, at: i64) -> Row {
    Row {
        table: &schema::WELLNESS,
        values: vec![
            text(w.id.as_str()),
            text(athlete_id),
            text(w.date.to_string()),
            Value::Int(w.fatigue.into()),
            Value::Int(w.sleep.into()),
            Value::Int(w.soreness.into()),
            Value::Int(w.stress.into()),
            Value::Int(w.mood.into()),
            Value::opt_real(w.sleep_hours),
            Value::opt_real(w.rmssd_ms),
            Value::opt_real(w.rest_hr_bpm),
            Value::opt_text(w.note.clone()),
            Value::Int(at),
        ],
    }
}

pub fn wellness_from(row: Row) -> Result<WellnessEntry, StoreError> {
    let mut t = Take::new(&schema::WELLNESS, row.values)?;
    let id = Id(t.text()?);
    let _athlete = t.text()?;
    let date = date(&mut t, "wellness.date")?;
    let item = |t: &mut Take| -> Result<u8, StoreError> {
        u8::try_from(t.int()?).map_err(|_| t.bad("wellness item", "a rating 1-5"))
    };
    Ok(WellnessEntry {
        id,
        date,
        fatigue: item(&mut t)?,
        sleep: item(&mut t)?,
        soreness: item(&mut t)?,
        stress: item(&mut t)?,
        mood: item(&mut t)?,
        sleep_hours: t.opt_real()?,
        rmssd_ms: t.opt_real()?,
        rest_hr_bpm: t.opt_real()?,
        note: t.opt_text()?,
    })
}

pub fn test_row(athlete_id: &str, e: &TestEntry, at: i64) -> Row {
    Row {
        table: &schema::TESTS,
        values: vec![
            text(e.id.as_str()),
            text(athlete_id),
            text(e.date.to_string()),
            text(serde_json::to_string(&e.result).unwrap_or_default()),
            Value::opt_text(e.note.clone()),
            Value::Int(at),
        ],
    }
}

pub fn test_from(row: Row) -> Result<TestEntry, StoreError> {
    let mut t = Take::new(&schema::TESTS, row.values)?;
    let id = Id(t.text()?);
    let _athlete = t.text()?;
    let date = date(&mut t, "tests.date")?;
    let json = t.text()?;
    let result: TestResult = serde_json::from_str(&json)
        .map_err(|e| StoreError::Corrupt(format!("tests.result {json:?}: {e}")))?;
    Ok(TestEntry {
        id,
        date,
        result,
        note: t.opt_text()?,
    })
}
