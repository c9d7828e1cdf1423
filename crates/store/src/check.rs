//! `db check`: the store's own invariants, checked over a snapshot of every table (the
//! database's checks are added by the backend).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::backend::BackendKind;
use crate::records::{
    Activity, ActivityFile, Athlete, Counter, Original, ProfileVersion, Record, SavedPlan,
};
use crate::schema::Row;
use crate::snapshot::Snapshot;

/// What `db check` found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckReport {
    pub backend: Option<BackendKind>,
    pub location: String,
    pub schema_version: i64,
    /// Rows per table.
    pub rows: BTreeMap<&'static str, usize>,
    /// One line per problem; empty when the store is consistent.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

fn typed<R: Record>(snapshot: &Snapshot, problems: &mut Vec<String>) -> Vec<R> {
    snapshot
        .rows(R::TABLE)
        .iter()
        .cloned()
        .filter_map(|row: Row| match R::from_row(row) {
            Ok(r) => Some(r),
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        })
        .collect()
}

/// The number after the last `_` of an id (`act_12` → 12).
fn id_number(id: &str) -> Option<i64> {
    id.rsplit_once('_').and_then(|(_, n)| n.parse().ok())
}

/// Checks a snapshot's invariants.
pub fn check(snapshot: &Snapshot) -> CheckReport {
    let mut p = Vec::new();
    let athletes: Vec<Athlete> = typed(snapshot, &mut p);
    let profiles: Vec<ProfileVersion> = typed(snapshot, &mut p);
    let plans: Vec<SavedPlan> = typed(snapshot, &mut p);
    let activities: Vec<Activity> = typed(snapshot, &mut p);
    let originals: Vec<Original> = typed(snapshot, &mut p);
    let files: Vec<ActivityFile> = typed(snapshot, &mut p);
    let counters: Vec<Counter> = typed(snapshot, &mut p);

    let athlete_ids: HashSet<&str> = athletes.iter().map(|a| a.id.as_str()).collect();
    let profile_keys: HashSet<(&str, i64)> = profiles
        .iter()
        .map(|v| (v.athlete_id.as_str(), v.version))
        .collect();
    for a in &athletes {
        if !profile_keys.contains(&(a.id.as_str(), a.profile_version)) {
            p.push(format!(
                "athlete {}: profile version {} is missing",
                a.id, a.profile_version
            ));
        }
    }
    for v in &profiles {
        if !athlete_ids.contains(v.athlete_id.as_str()) {
            p.push(format!(
                "profile {} v{}: no such athlete",
                v.athlete_id, v.version
            ));
        }
    }
    for plan in &plans {
        if !profile_keys.contains(&(plan.athlete_id.as_str(), plan.profile_version)) {
            p.push(format!(
                "plan {} v{}: its profile version {} is missing",
                plan.athlete_id, plan.version, plan.profile_version
            ));
        }
    }
    check_activities(&activities, &originals, &files, &athlete_ids, &mut p);
    check_counters(&counters, &athletes, &activities, snapshot, &mut p);
    CheckReport {
        backend: None,
        location: String::new(),
        schema_version: snapshot.schema_version,
        rows: snapshot
            .tables
            .iter()
            .map(|(t, r)| (t.name, r.len()))
            .collect(),
        problems: p,
    }
}

fn check_activities(
    activities: &[Activity],
    originals: &[Original],
    files: &[ActivityFile],
    athlete_ids: &HashSet<&str>,
    p: &mut Vec<String>,
) {
    let by_id: HashMap<&str, &Activity> = activities.iter().map(|a| (a.id.as_str(), a)).collect();
    let original: HashMap<&str, &Original> = originals
        .iter()
        .map(|o| (o.activity_id.as_str(), o))
        .collect();
    let file_keys: HashSet<(&str, &str)> = files
        .iter()
        .map(|f| (f.athlete_id.as_str(), f.hash.as_str()))
        .collect();
    for a in activities {
        if !athlete_ids.contains(a.athlete_id.as_str()) {
            p.push(format!(
                "activity {}: no such athlete {}",
                a.id, a.athlete_id
            ));
        }
        match original.get(a.id.as_str()) {
            None => p.push(format!("activity {}: its original bytes are missing", a.id)),
            Some(o) if format!("{:016x}", xxh3_64(&o.bytes)) != a.hash => p.push(format!(
                "activity {}: its original bytes do not have its hash {}",
                a.id, a.hash
            )),
            Some(_) => {}
        }
        if !file_keys.contains(&(a.athlete_id.as_str(), a.hash.as_str())) {
            p.push(format!(
                "activity {}: its file hash {} is not recorded",
                a.id, a.hash
            ));
        }
        if !a.streams.heart_rate.is_empty() && a.streams.heart_rate.len() != a.streams.t_s.len() {
            p.push(format!(
                "activity {}: heart-rate and time streams differ in length",
                a.id
            ));
        }
    }
    for o in originals {
        if !by_id.contains_key(o.activity_id.as_str()) {
            p.push(format!("original of {}: no such activity", o.activity_id));
        }
    }
    for f in files {
        match by_id.get(f.activity_id.as_str()) {
            Some(a) if a.athlete_id == f.athlete_id => {}
            Some(_) => p.push(format!(
                "file {}: its activity {} is another athlete's",
                f.hash, f.activity_id
            )),
            None => p.push(format!(
                "file {}: no such activity {}",
                f.hash, f.activity_id
            )),
        }
    }
}

fn check_counters(
    counters: &[Counter],
    athletes: &[Athlete],
    activities: &[Activity],
    snapshot: &Snapshot,
    p: &mut Vec<String>,
) {
    let next: HashMap<&str, i64> = counters.iter().map(|c| (c.kind.as_str(), c.next)).collect();
    let journal_seqs = snapshot
        .rows(&crate::schema::JOURNAL)
        .iter()
        .filter_map(|r| match r.values.first() {
            Some(crate::schema::Value::Int(n)) => Some(*n),
            _ => None,
        });
    let ids = [
        (
            "athlete",
            athletes.iter().filter_map(|a| id_number(&a.id)).max(),
        ),
        (
            "activity",
            activities.iter().filter_map(|a| id_number(&a.id)).max(),
        ),
        ("journal", journal_seqs.max()),
    ];
    for (kind, max) in ids {
        if let Some(max) = max
            && next.get(kind).copied().unwrap_or(0) < max
        {
            p.push(format!("counter {kind} is behind id {max}"));
        }
    }
}
