//! The [`Store`] trait: what the CLI (and later the server) asks of a store, written once over
//! any [`Backend`]. Every write is one transaction: a killed command leaves the store as it was
//! before it or as it is after it. Changes an athlete can undo are journaled in the same
//! transaction, with the steps that undo them.

use std::collections::HashMap;

use async_trait::async_trait;

use crate::StoreError;
use crate::backend::{Backend, BackendKind, Filter, Tx};
use crate::check::{self, CheckReport};
use crate::dedup;
use crate::records::{
    Activity, ActivityFile, Athlete, JournalEntry, NewActivity, Original, ProfileVersion, Record,
    SavedPlan, UndoStep,
};
use crate::schema::{self, Row, Value};
use crate::snapshot::Snapshot;

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
        let mut tx = self.backend().begin().await?;
        let same = Filter::eq("athlete_id", athlete_id).and("hash", new.hash.as_str());
        if let Some(f) = select_one::<ActivityFile>(&mut *tx, &same).await? {
            return Ok(Added::SameFile(f.activity_id));
        }
        let file = |activity_id: &str| ActivityFile {
            athlete_id: athlete_id.to_string(),
            hash: new.hash.clone(),
            activity_id: activity_id.to_string(),
            source: new.source.clone(),
        };
        if let Some(start) = new.start_s {
            let w = dedup::TWIN_WINDOW_S;
            let near =
                Filter::eq("athlete_id", athlete_id).between("start_s", start - w, start + w);
            let twin = select::<Activity>(&mut *tx, &near)
                .await?
                .into_iter()
                .find(|a| {
                    a.start_s.is_some_and(|s| {
                        dedup::twins(new.sport.as_deref(), start, a.sport.as_deref(), s)
                    })
                });
            if let Some(twin) = twin {
                tx.insert(&file(&twin.id).into_row()).await?;
                tx.commit().await?;
                return Ok(Added::Twin(twin.id));
            }
        }
        let id = format!("act_{}", tx.next_id("activity").await?);
        let activity = Activity {
            id: id.clone(),
            athlete_id: athlete_id.to_string(),
            hash: new.hash.clone(),
            format: new.format.clone(),
            source: new.source.clone(),
            sport: new.sport.clone(),
            sub_sport: new.sub_sport.clone(),
            start_s: new.start_s,
            duration_s: new.duration_s,
            distance_m: new.distance_m,
            avg_hr: new.avg_hr,
            max_hr: new.max_hr,
            laps: new.laps.clone(),
            streams: new.streams.clone(),
            imported_at: at,
        };
        tx.insert(&activity.into_row()).await?;
        tx.insert(&file(&id).into_row()).await?;
        let original = Original {
            activity_id: id.clone(),
            bytes: new.original,
        };
        tx.insert(&original.into_row()).await?;
        tx.commit().await?;
        Ok(Added::New(id))
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
