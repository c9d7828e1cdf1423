//! The [`Store`] trait: what the CLI (and later the server) asks of a store, written once over
//! any [`Backend`]. Every write is one transaction: a killed command leaves the store as it was
//! before it or as it is after it. Changes an athlete can undo are journaled in the same
//! transaction, with the steps that undo them.

use std::collections::HashMap;

use async_trait::async_trait;

use crate::StoreError;
use crate::backend::{Backend, BackendKind, Filter, Tx};
use crate::check::{self, CheckReport};
use crate::import;
use crate::log;
use crate::records::{
    Activity, ActivityFile, Athlete, JournalEntry, NewActivity, Original, ProfileVersion, Record,
    SavedPlan, UndoStep,
};
use crate::schema::{self, Row, Value};
use crate::snapshot::Snapshot;
use jiff::civil::Date;
use runlift_model::log::{DoneSession, Id, Manual, TestEntry, WellnessEntry};

/// What storing one imported activity did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// A new activity with this id.
    New(String),
    /// The same content as a file already imported (the activity it is).
    SameFile(String),
    /// The same sport started within a minute of a stored activity (its twin).
    Twin(String),
}

impl Added {
    /// The stored activity this file is.
    pub fn activity_id(&self) -> &str {
        match self {
            Added::New(id) | Added::SameFile(id) | Added::Twin(id) => id,
        }
    }
}

/// Selects rows of one typed record.
pub async fn select<R: Record>(tx: &mut dyn Tx, filter: &Filter) -> Result<Vec<R>, StoreError> {
    tx.select(R::TABLE, filter)
        .await?
        .into_iter()
        .map(R::from_row)
        .collect()
}

/// The first row of a select, if any.
pub async fn select_one<R: Record>(
    tx: &mut dyn Tx,
    filter: &Filter,
) -> Result<Option<R>, StoreError> {
    Ok(select(tx, filter).await?.into_iter().next())
}

/// Records a change in the journal (in the change's own transaction).
pub async fn journal(
    tx: &mut dyn Tx,
    athlete_id: &str,
    op: &str,
    summary: String,
    undo: Vec<UndoStep>,
    at: i64,
) -> Result<JournalEntry, StoreError> {
    let entry = JournalEntry {
        seq: tx.next_id("journal").await?,
        athlete_id: athlete_id.to_string(),
        at,
        op: op.to_string(),
        summary,
        undo,
    };
    tx.insert(&entry.clone().into_row()).await?;
    Ok(entry)
}

/// Applies one undo step.
async fn apply(tx: &mut dyn Tx, step: &UndoStep) -> Result<(), StoreError> {
    let table = |name: &str| {
        schema::table(name)
            .ok_or_else(|| StoreError::Corrupt(format!("journal: unknown table {name}")))
    };
    match step {
        UndoStep::Delete { table: t, key } => {
            tx.delete(table(t)?, key).await?;
        }
        UndoStep::Put { table: t, values } => {
            let row = Row {
                table: table(t)?,
                values: values.clone(),
            };
            if !tx.update(&row).await? {
                tx.insert(&row).await?;
            }
        }
    }
    Ok(())
}

/// A date range as a filter on a `date` column.
fn dated(athlete_id: &str, from: Option<Date>, to: Option<Date>) -> Filter {
    let lo = from.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
    let hi = to.map_or_else(|| "9999-99-99".to_string(), |d| d.to_string());
    Filter::eq("athlete_id", athlete_id).between("date", lo, hi)
}

/// Up to this many sessions, [`load_sessions`] reads each one's sets by its id; up to
/// `SOME_SESSIONS`, by lists of `ID_LIST` ids; more, the athlete's whole set table.
const FEW_SESSIONS: usize = 40;
const SOME_SESSIONS: usize = 1500;
const ID_LIST: usize = 500;

/// Sessions matching `filter` with their sets and manual fields (read for `athlete_id`), by
/// date, start and id.
async fn load_sessions(
    tx: &mut dyn Tx,
    athlete_id: &str,
    filter: &Filter,
) -> Result<Vec<DoneSession>, StoreError> {
    let rows = tx.select(&schema::SESSIONS, filter).await?;
    let mut sessions = Vec::with_capacity(rows.len());
    for row in rows {
        sessions.push(log::session_from(row)?.0);
    }
    if sessions.is_empty() {
        return Ok(sessions);
    }
    let index: HashMap<String, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0.clone(), i))
        .collect();
    // A few sessions (a month's history, one edit) read their own sets; up to a few years'
    // worth read them by id lists (`today`'s 90 days do not read ten years of sets); more read
    // the athlete's all at once (one query, rows of other sessions passed over).
    let filters: Vec<Filter> = if sessions.len() <= FEW_SESSIONS {
        sessions
            .iter()
            .map(|s| Filter::eq("session_id", s.id.as_str()))
            .collect()
    } else if sessions.len() <= SOME_SESSIONS {
        sessions
            .chunks(ID_LIST)
            .map(|c| {
                let ids = c.iter().map(|s| Value::from(s.id.as_str())).collect();
                Filter::eq("athlete_id", athlete_id).any_of("session_id", ids)
            })
            .collect()
    } else {
        vec![Filter::eq("athlete_id", athlete_id)]
    };
    for f in &filters {
        for row in tx.select(&schema::SESSION_SETS, f).await? {
            let (id, set) = log::set_from(row)?;
            if let Some(&i) = index.get(&id) {
                sessions[i].sets.push(set);
            }
        }
        for row in tx.select(&schema::SESSION_MANUAL, f).await? {
            let (id, manual) = log::manual_from(row)?;
            if let Some(&i) = index.get(&id) {
                sessions[i].manual = manual;
            }
        }
    }
    sessions.sort_by(|a, b| {
        (a.date, a.start.map(|s| s.minute), &a.id).cmp(&(b.date, b.start.map(|s| s.minute), &b.id))
    });
    Ok(sessions)
}

/// One session of the athlete's, or NotFound naming it.
async fn one_session(
    tx: &mut dyn Tx,
    athlete_id: &str,
    id: &str,
) -> Result<DoneSession, StoreError> {
    let filter = Filter::eq("id", id).and("athlete_id", athlete_id);
    load_sessions(tx, athlete_id, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::NotFound(format!("session {id} (runlift history lists them)")))
}

/// Inserts a session's rows; gives the rows inserted, parents first.
async fn insert_session(
    tx: &mut dyn Tx,
    athlete_id: &str,
    session: &DoneSession,
    activity_id: Option<&str>,
    at: i64,
) -> Result<Vec<Row>, StoreError> {
    let (row, sets, manual) = log::session_rows(athlete_id, session, activity_id, at);
    let mut all = vec![row];
    all.extend(sets);
    all.extend(manual);
    for r in &all {
        tx.insert(r).await?;
    }
    Ok(all)
}

fn check_name(name: &str) -> Result<(), StoreError> {
    let bad = name.trim().is_empty() || name.len() > 100 || name.chars().any(char::is_control);
    if bad {
        return Err(StoreError::invalid(
            "name",
            format!("{name:?}: an athlete's name is 1 to 100 printable characters"),
        ));
    }
    Ok(())
}

/// The store: athletes and their profile versions, saved plans, imported activities with their
/// original bytes, the undo journal; export, restore and check. Implemented for every
/// [`Backend`].
#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> &dyn Backend;

    /// Adds an athlete with the first version of their profile (TOML text).
    async fn add_athlete(&self, name: &str, profile: &str, at: i64) -> Result<Athlete, StoreError> {
        check_name(name)?;
        let mut tx = self.backend().begin().await?;
        if select_one::<Athlete>(&mut *tx, &Filter::eq("name", name))
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict(format!(
                "an athlete named {name:?} is already in the store (athlete update changes their profile)"
            )));
        }
        let athlete = Athlete {
            id: format!("ath_{}", tx.next_id("athlete").await?),
            name: name.to_string(),
            profile_version: 1,
            created_at: at,
        };
        let version = ProfileVersion {
            athlete_id: athlete.id.clone(),
            version: 1,
            toml: profile.to_string(),
            saved_at: at,
        };
        let (arow, prow) = (athlete.clone().into_row(), version.into_row());
        tx.insert(&arow).await?;
        tx.insert(&prow).await?;
        let undo = vec![UndoStep::delete(&prow), UndoStep::delete(&arow)];
        journal(
            &mut *tx,
            &athlete.id,
            "athlete.add",
            format!("added athlete {name}"),
            undo,
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(athlete)
    }

    /// Saves a new version of an athlete's profile.
    async fn update_athlete(
        &self,
        athlete_id: &str,
        profile: &str,
        at: i64,
    ) -> Result<Athlete, StoreError> {
        let mut tx = self.backend().begin().await?;
        let before = select_one::<Athlete>(&mut *tx, &Filter::eq("id", athlete_id))
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("athlete {athlete_id}")))?;
        let version = ProfileVersion {
            athlete_id: athlete_id.to_string(),
            version: before.profile_version + 1,
            toml: profile.to_string(),
            saved_at: at,
        };
        let after = Athlete {
            profile_version: version.version,
            ..before.clone()
        };
        let prow = version.into_row();
        tx.insert(&prow).await?;
        tx.update(&after.clone().into_row()).await?;
        let undo = vec![UndoStep::put(before.into_row()), UndoStep::delete(&prow)];
        let summary = format!(
            "profile version {} of {}",
            after.profile_version, after.name
        );
        journal(&mut *tx, athlete_id, "athlete.update", summary, undo, at).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Every athlete, by id.
    async fn athletes(&self) -> Result<Vec<Athlete>, StoreError> {
        let mut tx = self.backend().begin().await?;
        select(&mut *tx, &Filter::all()).await
    }

    /// The athlete named, or the only one when no name is given.
    async fn athlete(&self, name: Option<&str>) -> Result<Athlete, StoreError> {
        let all = self.athletes().await?;
        match name {
            Some(n) => all.into_iter().find(|a| a.name == n).ok_or_else(|| {
                StoreError::NotFound(format!("athlete {n:?} (runlift athlete list shows them)"))
            }),
            None => match all.len() {
                1 => Ok(all.into_iter().next().expect("one athlete")),
                0 => Err(StoreError::NotFound(
                    "an athlete: the store has none yet (runlift athlete add --profile athlete.toml)"
                        .into(),
                )),
                n => Err(StoreError::invalid(
                    "--athlete",
                    format!("the store holds {n} athletes: name one with --athlete NAME"),
                )),
            },
        }
    }

    /// A version of an athlete's profile (the current one when `version` is `None`).
    async fn profile(
        &self,
        athlete: &Athlete,
        version: Option<i64>,
    ) -> Result<ProfileVersion, StoreError> {
        let v = version.unwrap_or(athlete.profile_version);
        let mut tx = self.backend().begin().await?;
        let filter = Filter::eq("athlete_id", athlete.id.as_str()).and("version", v);
        select_one(&mut *tx, &filter)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("profile version {v} of {}", athlete.name)))
    }

    /// Saves a plan (its JSON) as the athlete's next plan version, made from the current profile.
    async fn save_plan(
        &self,
        athlete: &Athlete,
        body: &str,
        at: i64,
    ) -> Result<SavedPlan, StoreError> {
        let mut tx = self.backend().begin().await?;
        let last: Option<SavedPlan> = select_one(
            &mut *tx,
            &Filter::eq("athlete_id", athlete.id.as_str()).last(),
        )
        .await?;
        let plan = SavedPlan {
            athlete_id: athlete.id.clone(),
            version: last.map_or(1, |p| p.version + 1),
            profile_version: athlete.profile_version,
            body: body.to_string(),
            saved_at: at,
        };
        let row = plan.clone().into_row();
        tx.insert(&row).await?;
        let summary = format!("saved plan version {} of {}", plan.version, athlete.name);
        journal(
            &mut *tx,
            &athlete.id,
            "plan.save",
            summary,
            vec![UndoStep::delete(&row)],
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(plan)
    }

    /// A saved plan version (the newest when `version` is `None`), if there is one.
    async fn plan(
        &self,
        athlete: &Athlete,
        version: Option<i64>,
    ) -> Result<Option<SavedPlan>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let filter = Filter::eq("athlete_id", athlete.id.as_str());
        let filter = match version {
            Some(v) => filter.and("version", v),
            None => filter.last(),
        };
        select_one(&mut *tx, &filter).await
    }

    /// The content hashes of every file imported for the athlete (activities and their twins),
    /// each with the activity it is: an import passes over these without decoding them.
    async fn known_hashes(&self, athlete_id: &str) -> Result<HashMap<String, String>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let files: Vec<ActivityFile> =
            select(&mut *tx, &Filter::eq("athlete_id", athlete_id)).await?;
        Ok(files.into_iter().map(|f| (f.hash, f.activity_id)).collect())
    }

    /// Stores one imported activity with its original bytes, unless it is a file already
    /// imported or the twin of a stored activity (same sport, start within a minute); then only
    /// its hash is remembered. One transaction.
    async fn add_activity(
        &self,
        athlete_id: &str,
        new: NewActivity,
        at: i64,
    ) -> Result<Added, StoreError> {
        let added = self.add_activities(athlete_id, vec![new], at).await?;
        added
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("a batch of one stored nothing".into()))
    }

    /// Stores a batch of imported activities as [`Store::add_activity`] stores each, in order
    /// (a later one can be the duplicate or the twin of an earlier one), in one transaction:
    /// the whole batch is stored or none of it. Meant for a few dozen at a time (the batch's
    /// hashes and starts are the parameters of one select).
    async fn add_activities(
        &self,
        athlete_id: &str,
        batch: Vec<NewActivity>,
        at: i64,
    ) -> Result<Vec<Added>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let added = import::add_activities(&mut *tx, athlete_id, batch, at).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// The athlete's activities, by start (undated ones last).
    async fn activities(&self, athlete_id: &str) -> Result<Vec<Activity>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let mut all: Vec<Activity> =
            select(&mut *tx, &Filter::eq("athlete_id", athlete_id)).await?;
        all.sort_by_key(|a| (a.start_s.is_none(), a.start_s, a.id.clone()));
        Ok(all)
    }

    /// The original bytes of an activity.
    async fn original(&self, activity_id: &str) -> Result<Vec<u8>, StoreError> {
        let mut tx = self.backend().begin().await?;
        select_one::<Original>(&mut *tx, &Filter::eq("activity_id", activity_id))
            .await?
            .map(|o| o.bytes)
            .ok_or_else(|| StoreError::NotFound(format!("the original of activity {activity_id}")))
    }

    /// Logs a session done: checked first (an error names the field, and nothing is written),
    /// given the next `s_N` id, journaled so that `undo` removes it again.
    async fn add_session(
        &self,
        athlete_id: &str,
        mut session: DoneSession,
        at: i64,
    ) -> Result<DoneSession, StoreError> {
        session.validate().map_err(|e| log::invalid(&e))?;
        let mut tx = self.backend().begin().await?;
        session.id = Id(format!("s_{}", tx.next_id("session").await?));
        let rows = insert_session(&mut *tx, athlete_id, &session, None, at).await?;
        let undo = rows.iter().rev().map(UndoStep::delete).collect();
        let summary = format!(
            "logged {} on {} ({})",
            session.kind.code(),
            session.date,
            session.id
        );
        journal(&mut *tx, athlete_id, "log.session", summary, undo, at).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The athlete's sessions from `from` to `to` (inclusive; open when `None`), by date and
    /// start, each with its sets and manual fields.
    async fn sessions(
        &self,
        athlete_id: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<DoneSession>, StoreError> {
        let mut tx = self.backend().begin().await?;
        load_sessions(&mut *tx, athlete_id, &dated(athlete_id, from, to)).await
    }

    /// One session of the athlete's.
    async fn session(&self, athlete_id: &str, id: &str) -> Result<DoneSession, StoreError> {
        let mut tx = self.backend().begin().await?;
        one_session(&mut *tx, athlete_id, id).await
    }

    /// Edits a session's manual fields (kept apart from what was recorded): the given fields
    /// replace earlier edits of the same fields. Journaled.
    async fn edit_session(
        &self,
        athlete_id: &str,
        id: &str,
        edit: &Manual,
        at: i64,
    ) -> Result<DoneSession, StoreError> {
        let mut tx = self.backend().begin().await?;
        let mut session = one_session(&mut *tx, athlete_id, id).await?;
        let before = session.manual.clone();
        session.manual = before.merged(edit);
        session.validate().map_err(|e| log::invalid(&e))?;
        let after = log::manual_row(athlete_id, id, &session.manual, at);
        let undo = if before.is_empty() {
            tx.insert(&after).await?;
            vec![UndoStep::delete(&after)]
        } else {
            // The journal puts back the edit as it was, time stamp included.
            let old = tx
                .select(&schema::SESSION_MANUAL, &Filter::eq("session_id", id))
                .await?;
            tx.update(&after).await?;
            old.into_iter().map(UndoStep::put).collect()
        };
        journal(
            &mut *tx,
            athlete_id,
            "edit",
            format!("edited {id}"),
            undo,
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Deletes a session with its sets and manual fields. Journaled (undo puts it back).
    async fn delete_session(
        &self,
        athlete_id: &str,
        id: &str,
        at: i64,
    ) -> Result<DoneSession, StoreError> {
        let mut tx = self.backend().begin().await?;
        let session = one_session(&mut *tx, athlete_id, id).await?;
        let key = Filter::eq("session_id", id);
        let mut rows = tx.select(&schema::SESSIONS, &Filter::eq("id", id)).await?;
        rows.extend(tx.select(&schema::SESSION_SETS, &key).await?);
        rows.extend(tx.select(&schema::SESSION_MANUAL, &key).await?);
        for r in rows.iter().rev() {
            tx.delete(r.table, r.key()).await?;
        }
        let undo = rows.into_iter().map(UndoStep::put).collect();
        let summary = format!("deleted {} on {} ({id})", session.kind.code(), session.date);
        journal(&mut *tx, athlete_id, "delete", summary, undo, at).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Logs a morning's wellness (checked first); a second entry for the same date replaces the
    /// first (undo puts it back). Journaled.
    async fn add_wellness(
        &self,
        athlete_id: &str,
        mut entry: WellnessEntry,
        at: i64,
    ) -> Result<WellnessEntry, StoreError> {
        entry.validate().map_err(|e| log::invalid(&e))?;
        let mut tx = self.backend().begin().await?;
        let same_day = Filter::eq("athlete_id", athlete_id).and("date", entry.date.to_string());
        let old = tx.select(&schema::WELLNESS, &same_day).await?;
        for r in &old {
            tx.delete(r.table, r.key()).await?;
        }
        entry.id = Id(format!("w_{}", tx.next_id("wellness").await?));
        let row = log::wellness_row(athlete_id, &entry, at);
        tx.insert(&row).await?;
        let mut undo = vec![UndoStep::delete(&row)];
        undo.extend(old.into_iter().map(UndoStep::put));
        let summary = format!("wellness {} on {} ({})", entry.sum(), entry.date, entry.id);
        journal(&mut *tx, athlete_id, "log.wellness", summary, undo, at).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// The athlete's wellness entries from `from` to `to`, by date.
    async fn wellness(
        &self,
        athlete_id: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<WellnessEntry>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let rows = tx
            .select(&schema::WELLNESS, &dated(athlete_id, from, to))
            .await?;
        let mut all = rows
            .into_iter()
            .map(log::wellness_from)
            .collect::<Result<Vec<_>, _>>()?;
        all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Ok(all)
    }

    /// Logs a test result (checked first). Journaled.
    async fn add_test(
        &self,
        athlete_id: &str,
        mut entry: TestEntry,
        at: i64,
    ) -> Result<TestEntry, StoreError> {
        entry.validate().map_err(|e| log::invalid(&e))?;
        let mut tx = self.backend().begin().await?;
        entry.id = Id(format!("t_{}", tx.next_id("test").await?));
        let row = log::test_row(athlete_id, &entry, at);
        tx.insert(&row).await?;
        let summary = format!("{} on {} ({})", entry.result, entry.date, entry.id);
        journal(
            &mut *tx,
            athlete_id,
            "log.test",
            summary,
            vec![UndoStep::delete(&row)],
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// The athlete's tests from `from` to `to`, by date.
    async fn tests(
        &self,
        athlete_id: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<TestEntry>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let rows = tx
            .select(&schema::TESTS, &dated(athlete_id, from, to))
            .await?;
        let mut all = rows
            .into_iter()
            .map(log::test_from)
            .collect::<Result<Vec<_>, _>>()?;
        all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Ok(all)
    }

    /// The athlete's journal, oldest first.
    async fn journal(&self, athlete_id: &str) -> Result<Vec<JournalEntry>, StoreError> {
        let mut tx = self.backend().begin().await?;
        select(&mut *tx, &Filter::eq("athlete_id", athlete_id)).await
    }

    /// Undoes the athlete's newest journaled change, in one transaction; `None` when there is
    /// nothing to undo.
    async fn undo(&self, athlete_id: &str) -> Result<Option<JournalEntry>, StoreError> {
        let mut tx = self.backend().begin().await?;
        let last: Option<JournalEntry> =
            select_one(&mut *tx, &Filter::eq("athlete_id", athlete_id).last()).await?;
        let Some(entry) = last else {
            return Ok(None);
        };
        tx.delete(&schema::JOURNAL, &[Value::Int(entry.seq)])
            .await?;
        for step in &entry.undo {
            apply(&mut *tx, step).await?;
        }
        tx.commit().await?;
        Ok(Some(entry))
    }

    /// Every row of every table, in key order.
    async fn export(&self) -> Result<Snapshot, StoreError> {
        let mut tx = self.backend().begin().await?;
        let mut tables = Vec::new();
        for &t in schema::TABLES {
            let mut rows = tx.select(t, &Filter::all()).await?;
            rows.sort_by(|a, b| schema::cmp_key(a.key(), b.key()));
            tables.push((t, rows));
        }
        Ok(Snapshot {
            schema_version: self.backend().schema_version().await?,
            tables,
        })
    }

    /// Writes a snapshot into this store, which must be empty; one transaction.
    async fn restore(&self, snapshot: &Snapshot) -> Result<(), StoreError> {
        let mut tx = self.backend().begin().await?;
        for &t in schema::TABLES {
            let any = Filter {
                limit: Some(1),
                ..Filter::all()
            };
            if !tx.select(t, &any).await?.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "{} is not empty (table {}): restore into a new store",
                    self.backend().location(),
                    t.name
                )));
            }
        }
        for (_, rows) in &snapshot.tables {
            for row in rows {
                tx.insert(row).await?;
            }
        }
        tx.commit().await
    }

    /// Checks the store: the database's own checks, and that every activity is whole (its
    /// original is there and has its hash, its files point at it), every plan and profile has
    /// its athlete, and the id counters are ahead of every id.
    async fn check(&self) -> Result<CheckReport, StoreError> {
        let snapshot = self.export().await?;
        let mut report = check::check(&snapshot);
        report
            .problems
            .splice(0..0, self.backend().integrity().await?);
        report.backend = Some(self.backend().kind());
        report.location = self.backend().location();
        Ok(report)
    }
}

impl<B: Backend> Store for B {
    fn backend(&self) -> &dyn Backend {
        self
    }
}

impl BackendKind {
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgres",
        }
    }
}
