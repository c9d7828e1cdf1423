//! Storing a batch of imported activities in one transaction with a handful of statements: one
//! select for the files already stored, one for the stored activities near the batch's starts,
//! one counter update per id kind, and one multi-row insert per table. Duplicates (the same
//! content, or the same sport started within a minute: a twin) are found in memory, among the
//! stored rows and the batch's earlier activities alike.

use std::collections::HashMap;

use crate::StoreError;
use crate::backend::{Filter, Tx};
use crate::dedup;
use crate::log;
use crate::records::{Activity, ActivityFile, NewActivity, Original, Record};
use crate::schema::{self, Row, TableDef, Value};
use crate::store::{Added, select};
use runlift_model::log::Id;

/// What one file of a batch is, decided before any id is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// A new activity.
    New,
    /// The same content as stored file `i` of [`Stored::files`].
    StoredFile(usize),
    /// The twin of stored activity `i` of [`Stored::near`].
    StoredTwin(usize),
    /// The same content as the batch's file `i` (an earlier one).
    SameAs(usize),
    /// The twin of the batch's new activity `i`.
    TwinOf(usize),
}

/// The stored rows a batch is compared with.
#[derive(Debug, Default)]
struct Stored {
    /// The stored files with a hash of the batch.
    files: Vec<ActivityFile>,
    /// The stored activities started near a start of the batch.
    near: Vec<Activity>,
}

impl Stored {
    async fn load(
        tx: &mut dyn Tx,
        athlete_id: &str,
        batch: &[NewActivity],
    ) -> Result<Stored, StoreError> {
        let hashes = batch.iter().map(|n| Value::from(n.hash.as_str())).collect();
        let same = Filter::eq("athlete_id", athlete_id).any_of("hash", hashes);
        let w = dedup::TWIN_WINDOW_S;
        let ranges: Vec<(Value, Value)> = batch
            .iter()
            .filter_map(|n| n.start_s)
            .map(|s| (Value::Int(s - w), Value::Int(s + w)))
            .collect();
        let near = if ranges.is_empty() {
            Vec::new()
        } else {
            let f = Filter::eq("athlete_id", athlete_id).within("start_s", ranges);
            select(tx, &f).await?
        };
        Ok(Stored {
            files: select(tx, &same).await?,
            near,
        })
    }
}

/// Whether `new` is the twin of an activity of `sport` started at `start`.
fn twin_of(new: &NewActivity, sport: Option<&str>, start: Option<i64>) -> bool {
    match (new.start_s, start) {
        (Some(a), Some(b)) => dedup::twins(new.sport.as_deref(), a, sport, b),
        _ => false,
    }
}

/// What each file of the batch is, in order: a file already stored or seen earlier in the
/// batch, else a twin of a stored activity or of an earlier new one, else new.
fn verdicts(batch: &[NewActivity], stored: &Stored) -> Vec<Verdict> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(batch.len());
    for (i, new) in batch.iter().enumerate() {
        let stored_file = stored.files.iter().position(|f| f.hash == new.hash);
        let earlier = seen.get(new.hash.as_str()).copied();
        let verdict = if let Some(f) = stored_file {
            Verdict::StoredFile(f)
        } else if let Some(j) = earlier {
            Verdict::SameAs(j)
        } else if let Some(a) = stored
            .near
            .iter()
            .position(|a| twin_of(new, a.sport.as_deref(), a.start_s))
        {
            Verdict::StoredTwin(a)
        } else if let Some(j) = (0..i).find(|&j| {
            out[j] == Verdict::New && twin_of(new, batch[j].sport.as_deref(), batch[j].start_s)
        }) {
            Verdict::TwinOf(j)
        } else {
            Verdict::New
        };
        seen.entry(new.hash.as_str()).or_insert(i);
        out.push(verdict);
    }
    out
}

/// The rows a batch adds, gathered per table so that each table takes one insert.
#[derive(Debug, Default)]
struct Rows {
    by_table: Vec<(&'static TableDef, Vec<Vec<Value>>)>,
}

impl Rows {
    fn push(&mut self, row: Row) {
        match self.by_table.iter_mut().find(|(t, _)| *t == row.table) {
            Some((_, rows)) => rows.push(row.values),
            None => self.by_table.push((row.table, vec![row.values])),
        }
    }

    /// Inserts them, parents first (the order of [`schema::TABLES`]).
    async fn insert(mut self, tx: &mut dyn Tx) -> Result<(), StoreError> {
        let order = |t: &TableDef| schema::TABLES.iter().position(|x| *x == t);
        self.by_table.sort_by_key(|(t, _)| order(t));
        for (table, rows) in self.by_table {
            tx.insert_rows(table, rows).await?;
        }
        Ok(())
    }
}

/// The activity row of a new activity, and its original.
fn new_rows(id: &str, athlete_id: &str, new: NewActivity, at: i64) -> [Row; 2] {
    let original = Original {
        activity_id: id.to_string(),
        bytes: new.original,
    };
    let activity = Activity {
        id: id.to_string(),
        athlete_id: athlete_id.to_string(),
        hash: new.hash,
        format: new.format,
        source: new.source,
        sport: new.sport,
        sub_sport: new.sub_sport,
        start_s: new.start_s,
        duration_s: new.duration_s,
        distance_m: new.distance_m,
        avg_hr: new.avg_hr,
        max_hr: new.max_hr,
        laps: new.laps,
        streams: new.streams,
        imported_at: at,
    };
    [activity.into_row(), original.into_row()]
}

/// Stores a batch of imported activities in `tx` (see
/// [`Store::add_activities`](crate::Store::add_activities)).
pub async fn add_activities(
    tx: &mut dyn Tx,
    athlete_id: &str,
    batch: Vec<NewActivity>,
    at: i64,
) -> Result<Vec<Added>, StoreError> {
    for s in batch.iter().filter_map(|n| n.session.as_ref()) {
        s.validate().map_err(|e| log::invalid(&e))?;
    }
    let stored = Stored::load(tx, athlete_id, &batch).await?;
    let verdicts = verdicts(&batch, &stored);
    let new_count = verdicts.iter().filter(|v| **v == Verdict::New).count();
    let sessions = batch
        .iter()
        .zip(&verdicts)
        .filter(|(n, v)| **v == Verdict::New && n.session.is_some())
        .count();
    let mut next_activity = reserve(tx, "activity", new_count).await?;
    let mut next_session = reserve(tx, "session", sessions).await?;
    let mut rows = Rows::default();
    let mut added: Vec<Added> = Vec::with_capacity(batch.len());
    for (mut new, verdict) in batch.into_iter().zip(verdicts) {
        let result = match verdict {
            Verdict::New => Added::New(format!("act_{}", take(&mut next_activity))),
            Verdict::StoredFile(f) => Added::SameFile(stored.files[f].activity_id.clone()),
            Verdict::SameAs(j) => Added::SameFile(added[j].activity_id().to_string()),
            Verdict::StoredTwin(a) => Added::Twin(stored.near[a].id.clone()),
            Verdict::TwinOf(j) => Added::Twin(added[j].activity_id().to_string()),
        };
        let id = result.activity_id().to_string();
        if !matches!(result, Added::SameFile(_)) {
            let file = ActivityFile {
                athlete_id: athlete_id.to_string(),
                hash: new.hash.clone(),
                activity_id: id.clone(),
                source: new.source.clone(),
            };
            rows.push(file.into_row());
        }
        if let Added::New(_) = result {
            if let Some(mut session) = new.session.take() {
                session.id = Id(format!("s_{}", take(&mut next_session)));
                let (row, sets, manual) = log::session_rows(athlete_id, &session, Some(&id), at);
                rows.push(row);
                sets.into_iter().chain(manual).for_each(|r| rows.push(r));
            }
            new_rows(&id, athlete_id, new, at)
                .into_iter()
                .for_each(|r| rows.push(r));
        }
        added.push(result);
    }
    rows.insert(tx).await?;
    Ok(added)
}

/// Takes `n` numbers of counter `kind` (none when `n` is 0); gives the first.
async fn reserve(tx: &mut dyn Tx, kind: &str, n: usize) -> Result<i64, StoreError> {
    match n {
        0 => Ok(0),
        n => tx.next_ids(kind, n as i64).await,
    }
}

/// The next number of a reserved run.
fn take(next: &mut i64) -> i64 {
    *next += 1;
    *next - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Streams;

    fn new(hash: &str, sport: Option<&str>, start: Option<i64>) -> NewActivity {
        NewActivity {
            hash: hash.into(),
            format: "fit".into(),
            source: format!("{hash}.fit"),
            sport: sport.map(str::to_string),
            sub_sport: None,
            start_s: start,
            duration_s: None,
            distance_m: None,
            avg_hr: None,
            max_hr: None,
            laps: Vec::new(),
            streams: Streams::default(),
            original: Vec::new(),
            session: None,
        }
    }

    #[test]
    fn a_batch_finds_its_own_duplicates_and_twins() {
        let batch = [
            new("a", Some("running"), Some(1000)),
            new("a", Some("running"), Some(1000)),
            new("b", None, Some(1040)),
            new("c", Some("cycling"), Some(1000)),
            new("d", Some("running"), None),
        ];
        let v = verdicts(&batch, &Stored::default());
        use Verdict::*;
        assert_eq!(v, [New, SameAs(0), TwinOf(0), New, New]);
    }

    #[test]
    fn stored_files_and_activities_come_first() {
        let stored = Stored {
            files: vec![ActivityFile {
                athlete_id: "ath_1".into(),
                hash: "b".into(),
                activity_id: "act_7".into(),
                source: "b.gpx".into(),
            }],
            near: Vec::new(),
        };
        let batch = [
            new("a", Some("running"), Some(1000)),
            new("b", Some("running"), Some(1000)),
        ];
        assert_eq!(
            verdicts(&batch, &stored),
            [Verdict::New, Verdict::StoredFile(0)]
        );
    }
}
