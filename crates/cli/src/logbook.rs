//! What the log commands read together: the athlete (profile, time zone), the newest saved
//! plan's sessions as the log compares them (`runlift_model::planned`), the sessions done in a
//! range and which planned session each one was done for (`runlift_load::compliance`); and the
//! JSON and text forms of a session done, shared by `log`, `history`, `edit` and `delete`.

use std::io::Write;
use std::path::Path;

use jiff::civil::Date;
use runlift_load::compliance::{How, match_sessions};
use runlift_model::log::{DoneSession, Source};
use runlift_model::planned::{PlannedSession, planned_sessions};
use serde::Serialize;

use crate::store::{Current, DbArgs, Opened};

/// The athlete and their newest saved plan, as the log compares sessions with it.
#[derive(Debug)]
pub struct Logbook {
    pub current: Current,
    /// The saved plan's version, when there is one.
    pub plan_version: Option<i64>,
    pub planned: Vec<PlannedSession>,
}

impl Logbook {
    /// The athlete `--athlete` names and their newest saved plan (none saved: nothing planned).
    pub fn open(opened: &Opened, db: &DbArgs) -> anyhow::Result<Logbook> {
        let current = opened.current(db)?;
        let saved = opened.run(opened.store.plan(&current.athlete, None))?;
        let (plan_version, planned) = match saved {
            Some(p) => {
                let label = format!(
                    "{}'s saved plan version {}.json",
                    current.athlete.name, p.version
                );
                let plan = runlift_planfile::parse_plan(&p.body, Path::new(&label))?;
                (
                    Some(p.version),
                    planned_sessions(&plan, &current.profile.times),
                )
            }
            None => (None, Vec::new()),
        };
        Ok(Logbook {
            current,
            plan_version,
            planned,
        })
    }

    /// The planned sessions from `from` to `to` (inclusive; open ends when `None`).
    pub fn planned_between(&self, from: Option<Date>, to: Option<Date>) -> Vec<PlannedSession> {
        self.planned
            .iter()
            .filter(|p| from.is_none_or(|d| p.date >= d) && to.is_none_or(|d| p.date <= d))
            .cloned()
            .collect()
    }

    /// The planned session each of `done` was done for (linked, same day, or moved within its
    /// week), matched against the plan's sessions of the weeks `done` spans.
    pub fn planned_for(&self, done: &[DoneSession]) -> Vec<Option<PlannedFor>> {
        let (Some(first), Some(last)) = (
            done.iter().map(|d| d.date).min(),
            done.iter().map(|d| d.date).max(),
        ) else {
            return Vec::new();
        };
        let planned = self.planned_between(Some(week_start(first)), Some(week_end(last)));
        let m = match_sessions(&planned, done);
        let mut out = vec![None; done.len()];
        for x in m.matches {
            let p = &planned[x.planned];
            out[x.done] = Some(PlannedFor {
                id: p.id.clone(),
                date: p.date,
                how: x.how,
            });
        }
        out
    }
}

/// The Monday of `d`'s week.
pub fn week_start(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}

/// The Sunday of `d`'s week.
pub fn week_end(d: Date) -> Date {
    week_start(d)
        .checked_add(jiff::Span::new().days(6))
        .unwrap_or(d)
}

/// The planned session a done session was matched to.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedFor {
    pub id: String,
    pub date: Date,
    pub how: How,
}

/// One set as `history --format json` shows it.
#[derive(Serialize, Debug)]
pub struct SetJson {
    pub exercise: String,
    pub reps: u16,
    /// Kilograms; `null` for body weight.
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
}

/// A session done as `runlift history --format json` shows it (formats.md): the manual fields
/// applied (`kind`, `rpe`, `note`), the recorded ones beside them when they differ.
#[derive(Serialize, Debug)]
pub struct SessionJson {
    pub id: String,
    pub date: Date,
    pub start: Option<String>,
    pub kind: &'static str,
    pub minutes: f64,
    pub distance_m: Option<f64>,
    pub rpe: Option<f64>,
    /// Session RPE × minutes (Foster), when an RPE is logged.
    pub srpe: Option<f64>,
    /// Banister TRIMP: `null` until the load models have the athlete's heart-rate profile.
    pub trimp: Option<f64>,
    pub avg_hr: Option<f64>,
    pub source: Source,
    /// The saved plan's session it was done for, when it matched one.
    pub planned: Option<String>,
    /// `linked`, `sameday` or `moved`, with `planned`.
    pub matched: Option<How>,
    pub note: Option<String>,
    /// The fields the athlete corrected by hand (`kind`, `rpe`, `note`).
    pub edited: Vec<&'static str>,
    pub sets: Vec<SetJson>,
}

impl SessionJson {
    pub fn of(s: &DoneSession, planned: Option<&PlannedFor>) -> SessionJson {
        let minutes = round1(s.minutes());
        let rpe = s.effective_rpe();
        let mut edited = Vec::new();
        for (field, set) in [
            ("kind", s.manual.kind.is_some()),
            ("rpe", s.manual.rpe.is_some()),
            ("note", s.manual.note.is_some()),
        ] {
            if set {
                edited.push(field);
            }
        }
        SessionJson {
            id: s.id.to_string(),
            date: s.date,
            start: s.start.map(|st| st.rfc3339(s.date)),
            kind: s.effective_kind().code(),
            minutes,
            distance_m: s.distance_m.map(f64::round),
            rpe,
            srpe: rpe.map(|r| (r * s.minutes()).round()),
            trimp: None,
            avg_hr: s.avg_hr.map(round1),
            source: s.source,
            planned: planned.map(|p| p.id.clone()),
            matched: planned.map(|p| p.how),
            note: s.effective_note().map(str::to_string),
            edited,
            sets: s
                .sets
                .iter()
                .map(|x| SetJson {
                    exercise: x.exercise.code().to_string(),
                    reps: x.reps,
                    kg: x.load.kg(),
                    rpe: x.rpe,
                })
                .collect(),
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `Tue 1 Dec 2026`.
pub fn day(d: Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

/// A session done on one line: `Tue 1 Dec 2026 07:02  RUN_EASY  45 min  8.2 km  RPE 4  s_3`,
/// then what it was planned as and its note.
pub fn write_session(
    out: &mut dyn Write,
    s: &DoneSession,
    planned: Option<&PlannedFor>,
) -> anyhow::Result<()> {
    let start = s.start.map_or("     ".to_string(), |st| {
        format!("{:02}:{:02}", st.minute / 60, st.minute % 60)
    });
    let mut parts = vec![format!("{:.0} min", s.minutes())];
    if let Some(m) = s.distance_m {
        parts.push(format!("{:.1} km", m / 1000.0));
    }
    if let Some(r) = s.effective_rpe() {
        parts.push(format!("RPE {r}"));
    }
    if let Some(hr) = s.avg_hr {
        parts.push(format!("{hr:.0} bpm"));
    }
    if !s.sets.is_empty() {
        parts.push(format!("{} sets", s.sets.len()));
    }
    let plan = match planned {
        Some(p) if p.how == How::Moved => format!("moved from {}", day(p.date)),
        Some(_) => "as planned".to_string(),
        None => "unplanned".to_string(),
    };
    writeln!(
        out,
        "{} {start}  {:<10} {:<34} {:<22} {}",
        day(s.date),
        s.effective_kind().code(),
        parts.join(", "),
        plan,
        s.id
    )?;
    if !s.sets.is_empty() {
        let sets: Vec<String> = s.sets.iter().map(ToString::to_string).collect();
        writeln!(out, "    sets: {}", sets.join(" "))?;
    }
    if let Some(n) = s.effective_note() {
        writeln!(out, "    note: {n}")?;
    }
    Ok(())
}
