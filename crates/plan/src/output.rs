//! The plan as formats.md writes it (a serde view for JSON and TOML: `[[week]]` labels, sessions
//! with `id`, `phase`, `week`, `why`, the athlete inline, `[[dropped]]`), and as text: the weekly
//! table of tour.md and Markdown.

use std::fmt::Write as _;

use runlift_model::Equipment;
use runlift_model::plan::{Dropped, ExerciseRx, Session};
use runlift_model::profile::{Availability, DayAvailability, Profile, Race, Slot};
use runlift_rules::time::{DAY_NAMES, day_number, fmt_day, weekday};
use serde::Serialize;

use crate::GeneratedPlan;
use crate::paces::VdotSource;

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A distance as the profile writes it: a word, or metres.
#[derive(Serialize)]
#[serde(untagged)]
enum DistanceOut {
    Word(String),
    Metres(f64),
}

fn distance(d: runlift_model::profile::Distance) -> DistanceOut {
    match d {
        runlift_model::profile::Distance::Metres(m) => DistanceOut::Metres(m),
        d => DistanceOut::Word(d.to_string()),
    }
}

#[derive(Serialize)]
struct RaceOut {
    date: String,
    distance: DistanceOut,
    priority: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Serialize)]
struct RecentOut {
    distance: DistanceOut,
    time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct LiftOut {
    exercise: String,
    kg: f64,
    reps: u8,
}

#[derive(Serialize)]
struct SlotOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    am: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pm: Option<u16>,
}

#[derive(Serialize)]
struct AvailOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    mon: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tue: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wed: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thu: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fri: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sat: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sun: Option<SlotOut>,
}

fn avail(a: &Availability) -> AvailOut {
    let f = |d: Option<DayAvailability>| {
        d.and_then(|d| (d.am.is_some() || d.pm.is_some()).then_some(SlotOut { am: d.am, pm: d.pm }))
    };
    AvailOut {
        mon: f(a.mon),
        tue: f(a.tue),
        wed: f(a.wed),
        thu: f(a.thu),
        fri: f(a.fri),
        sat: f(a.sat),
        sun: f(a.sun),
    }
}

#[derive(Serialize)]
struct TimesOut {
    am: String,
    pm: String,
}

#[derive(Serialize)]
struct InjuryOut {
    region: String,
    status: String,
}

#[derive(Serialize)]
struct TechOut {
    #[serde(rename = "type")]
    kind: String,
    start_date: String,
}

/// The athlete profile, written back in `athlete.toml` form.
#[derive(Serialize)]
pub struct ProfileOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_year: Option<i16>,
    weekly_km: f64,
    lifting: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    running_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tz: Option<String>,
    goal: DistanceOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_start: Option<String>,
    microdose: bool,
    equipment: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vdot: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recent_race: Option<RecentOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lifts: Vec<LiftOut>,
    availability: AvailOut,
    times: TimesOut,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    race: Vec<RaceOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    injury: Vec<InjuryOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    technique_change: Option<TechOut>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    rules: runlift_model::profile::RuleOverrides,
}

fn race(r: &Race) -> RaceOut {
    RaceOut {
        date: r.date.to_string(),
        distance: distance(r.distance),
        priority: r.priority.to_string(),
        name: r.name.clone(),
    }
}

/// View of a profile for writing.
pub fn profile_out(p: &Profile) -> ProfileOut {
    ProfileOut {
        name: p.name.clone(),
        level: p.level.map(|l| l.to_string()),
        birth_year: p.birth_year,
        weekly_km: p.weekly_km,
        lifting: p.lifting.to_string(),
        running_years: p.running_years,
        tz: p.tz.clone(),
        goal: distance(p.goal),
        plan_start: p.plan_start.map(|d| d.to_string()),
        microdose: p.microdose,
        equipment: Equipment::ALL
            .into_iter()
            .filter(|e| p.equipment.contains(*e))
            .map(Equipment::word)
            .collect(),
        vdot: p.vdot,
        recent_race: p.recent_race.as_ref().map(|r| RecentOut {
            distance: distance(r.distance),
            time: r.time.clone(),
            date: r.date.map(|d| d.to_string()),
        }),
        lifts: p
            .lifts
            .iter()
            .map(|l| LiftOut {
                exercise: l.exercise.code().to_string(),
                kg: l.kg,
                reps: l.reps,
            })
            .collect(),
        availability: avail(&p.availability),
        times: TimesOut {
            am: hhmm(p.times.am),
            pm: hhmm(p.times.pm),
        },
        race: p.races.iter().map(race).collect(),
        injury: p
            .injuries
            .iter()
            .map(|i| InjuryOut {
                region: i.region.to_string(),
                status: i.status.to_string(),
            })
            .collect(),
        technique_change: p.technique_change.as_ref().map(|t| TechOut {
            kind: t.kind.to_string(),
            start_date: t.start_date.to_string(),
        }),
        rules: p.rules.clone(),
    }
}

#[derive(Serialize)]
pub struct WeekOut {
    start: String,
    phase: String,
    deload: bool,
}

#[derive(Serialize)]
pub struct ExerciseOut {
    id: String,
    sets: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    reps: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kg: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pct_1rm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rir: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rpe: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rest_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hold_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pair: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tempo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    superset: Option<String>,
}

fn exercise(e: &ExerciseRx) -> ExerciseOut {
    ExerciseOut {
        id: e.id.code().to_string(),
        sets: e.sets,
        reps: e.reps,
        kg: e.kg,
        pct_1rm: e.pct_1rm,
        rir: e.rir,
        rpe: e.rpe,
        rest_s: e.rest_s,
        contacts: e.contacts,
        hold_s: e.hold_s,
        pair: e.pair.map(|p| p.code().to_string()),
        tempo: e.tempo.clone(),
        superset: e.superset.clone(),
    }
}

#[derive(Serialize)]
pub struct SessionOut {
    date: String,
    slot: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    minutes: u16,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rpe: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    structure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exercises: Vec<ExerciseOut>,
    id: String,
    phase: String,
    week: usize,
    why: Vec<String>,
}

fn session(s: &Session, id: &str, phase: String, week: usize, why: &[String]) -> SessionOut {
    SessionOut {
        date: s.date.to_string(),
        slot: s.slot.to_string(),
        start: s.start.map(hhmm),
        minutes: s.minutes,
        kind: s.kind.code().to_string(),
        title: s.title.clone(),
        distance_m: s.distance_m,
        rpe: s.rpe,
        structure: s.structure.clone(),
        test: s.test.map(|t| t.to_string()),
        exercises: s.exercises.iter().map(exercise).collect(),
        id: id.to_string(),
        phase,
        week,
        why: why.to_vec(),
    }
}

#[derive(Serialize)]
pub struct DroppedOut {
    week: String,
    kind: String,
    rule: String,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<String>,
}

fn dropped(d: &Dropped) -> DroppedOut {
    DroppedOut {
        week: d.week.to_string(),
        kind: d.kind.code().to_string(),
        rule: d.rule.clone(),
        reason: d.reason.clone(),
        suggestion: d.suggestion.clone(),
    }
}

/// The JSON shape (plural keys).
#[derive(Serialize)]
pub struct PlanJson {
    athlete: ProfileOut,
    weeks: Vec<WeekOut>,
    sessions: Vec<SessionOut>,
    dropped: Vec<DroppedOut>,
}

/// The TOML shape (`[[week]]`, `[[session]]`, `[[dropped]]`).
#[derive(Serialize)]
pub struct PlanToml {
    athlete: ProfileOut,
    week: Vec<WeekOut>,
    session: Vec<SessionOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dropped: Vec<DroppedOut>,
}

fn parts(gp: &GeneratedPlan) -> (ProfileOut, Vec<WeekOut>, Vec<SessionOut>, Vec<DroppedOut>) {
    (
        profile_out(&gp.profile),
        gp.weeks
            .iter()
            .map(|w| WeekOut {
                start: w.start.to_string(),
                phase: w.phase.to_string(),
                deload: w.deload,
            })
            .collect(),
        gp.sessions
            .iter()
            .map(|p| session(&p.session, &p.id, p.phase.to_string(), p.week, &p.why))
            .collect(),
        gp.dropped.iter().map(dropped).collect(),
    )
}

pub fn json_view(gp: &GeneratedPlan) -> PlanJson {
    let (athlete, weeks, sessions, dropped) = parts(gp);
    PlanJson {
        athlete,
        weeks,
        sessions,
        dropped,
    }
}

pub fn toml_view(gp: &GeneratedPlan) -> PlanToml {
    let (athlete, week, session, dropped) = parts(gp);
    PlanToml {
        athlete,
        week,
        session,
        dropped,
    }
}

/// `back-squat 3×5 @ 82.5% (60 kg), rest 3'` (`wall-sit 1×max` for the session's own test).
pub fn exercise_text(session: &Session, e: &ExerciseRx) -> String {
    let mut s = format!("{} {}×", e.id.code(), e.sets);
    match (e.reps, e.hold_s) {
        (Some(r), _) => s.push_str(&r.to_string()),
        (None, Some(h)) => s.push_str(&format!("{h} s")),
        // a test's own exercise (the wall sit): held as long as the athlete can
        _ if session.tests_exercise(e) => s.push_str("max"),
        _ => s.push('1'),
    }
    if let Some(p) = e.pct_1rm {
        s.push_str(&format!(" @ {p}%"));
    }
    if let Some(k) = e.kg {
        s.push_str(&format!(" ({k} kg)"));
    }
    if e.pct_1rm.is_none()
        && let Some(r) = e.rir
    {
        s.push_str(&format!(" RIR {r}"));
    }
    if let Some(c) = e.contacts {
        s.push_str(&format!(", {c} contacts"));
    }
    if let Some(p) = e.pair {
        s.push_str(&format!(" → {}", p.code()));
    }
    if let Some(t) = &e.tempo {
        s.push_str(&format!(", tempo {t}"));
    }
    s
}

fn short(s: &Session) -> String {
    let mut t = s.title.clone().unwrap_or_else(|| s.kind.name().to_string());
    if !s.exercises.is_empty() {
        let ex: Vec<String> = s
            .exercises
            .iter()
            .filter(|e| !e.id.get().is(runlift_model::library::ExKind::Mobility))
            .map(|e| {
                let mut x = format!("{} {}×", e.id.code(), e.sets);
                match (e.reps, e.hold_s) {
                    (Some(r), _) => x.push_str(&r.to_string()),
                    (None, Some(h)) => x.push_str(&format!("{h}s")),
                    _ if s.tests_exercise(e) => x.push_str("max"),
                    _ => x.push('1'),
                }
                x
            })
            .collect();
        t = format!("{} {}': {}", s.kind.name(), s.minutes, ex.join(", "));
    } else if let Some(st) = &s.structure {
        t = format!("{} {}': {}", s.kind.name(), s.minutes, st);
    }
    t
}

fn fmt_minutes(m: u32) -> String {
    format!("{} h {:02}", m / 60, m % 60)
}

/// The header line: goal race, weeks, VDOT and paces.
pub fn header(gp: &GeneratedPlan) -> String {
    let p = &gp.paces;
    let pace = |s: u32| format!("{}:{:02}", s / 60, s % 60);
    let a = gp
        .profile
        .races
        .iter()
        .filter(|r| r.priority == runlift_model::profile::Priority::A)
        .max_by_key(|r| r.date);
    let head = match a {
        Some(r) => format!(
            "{} (A) on {}",
            r.name.clone().unwrap_or_else(|| r.distance.to_string()),
            fmt_day(day_number(r.date))
        ),
        None => format!("{} goal, no A race", gp.profile.goal),
    };
    format!(
        "{head} · {} weeks · VDOT {:.0}{} (E {}–{}/km, T {}/km, I {}/km)",
        gp.weeks.len(),
        gp.vdot,
        match gp.vdot_source {
            VdotSource::Given => "",
            VdotSource::RecentRace => " from your recent race",
            VdotSource::Default => " (default for your level: give `vdot` or `recent_race`)",
        },
        pace(p.e.fast_s_per_km),
        pace(p.e.slow_s_per_km),
        pace((p.t.fast_s_per_km + p.t.slow_s_per_km) / 2),
        pace((p.i.fast_s_per_km + p.i.slow_s_per_km) / 2),
    )
}

/// The weekly table (tour.md).
pub fn table(gp: &GeneratedPlan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", header(gp));
    for (wi, w) in gp.weeks.iter().enumerate() {
        let m = day_number(w.monday);
        let load = if w.deload {
            "deload".to_string()
        } else if w.load_step > 0
            && matches!(
                w.phase,
                runlift_model::plan::Phase::Base | runlift_model::plan::Phase::Preparation
            )
        {
            format!(
                "load {}/{}",
                w.load_step.min(w.loading_weeks),
                w.loading_weeks
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "\nWeek {} · {} · {}{}     run {} ({:.0} km) · strength {} · plyo {}",
            wi + 1,
            fmt_day(m),
            w.phase,
            if load.is_empty() {
                String::new()
            } else {
                format!(" · {load}")
            },
            fmt_minutes(w.run_minutes),
            w.run_km,
            w.strength_sessions,
            w.contacts
        );
        for d in 0..7 {
            let day = m + d;
            let todays: Vec<&Session> = gp
                .sessions
                .iter()
                .map(|p| &p.session)
                .filter(|s| day_number(s.date) == day)
                .collect();
            if todays.is_empty() {
                continue;
            }
            let am: Vec<String> = todays
                .iter()
                .filter(|s| s.slot == Slot::Am)
                .map(|s| short(s))
                .collect();
            let pm: Vec<String> = todays
                .iter()
                .filter(|s| s.slot == Slot::Pm)
                .map(|s| short(s))
                .collect();
            let mut line = format!("  {}", DAY_NAMES[weekday(day)]);
            if !am.is_empty() {
                line.push_str(&format!("  AM {}", am.join(" + ")));
            }
            if !pm.is_empty() {
                line.push_str(&format!("  PM {}", pm.join(" + ")));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !gp.dropped.is_empty() {
        let _ = writeln!(out, "\nDropped:");
        for d in &gp.dropped {
            let _ = writeln!(
                out,
                "  week of {}: {} ({}: {}){}",
                fmt_day(day_number(d.week)),
                d.kind.name(),
                d.rule,
                d.reason,
                d.suggestion
                    .as_ref()
                    .map(|s| format!(" → {s}"))
                    .unwrap_or_default()
            );
        }
    }
    let s = &gp.report.summary;
    let _ = writeln!(
        out,
        "\nLint: {} errors, {} warnings, {} notes",
        s.errors, s.warnings, s.infos
    );
    out
}

/// Markdown: a heading per week, a table of days × slots, and the reasons.
pub fn markdown(gp: &GeneratedPlan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Training plan\n\n{}\n", header(gp));
    for (wi, w) in gp.weeks.iter().enumerate() {
        let m = day_number(w.monday);
        let _ = writeln!(
            out,
            "## Week {} · {} · {}{}\n\nRunning {} ({:.0} km) · strength {} · plyo contacts {}\n\n| Day | AM | PM |\n|---|---|---|",
            wi + 1,
            fmt_day(m),
            w.phase,
            if w.deload { " · deload" } else { "" },
            fmt_minutes(w.run_minutes),
            w.run_km,
            w.strength_sessions,
            w.contacts
        );
        for d in 0..7 {
            let day = m + d;
            let cell = |slot: Slot| {
                gp.sessions
                    .iter()
                    .map(|p| &p.session)
                    .filter(|s| day_number(s.date) == day && s.slot == slot)
                    .map(short)
                    .collect::<Vec<_>>()
                    .join("<br>")
                    .replace('|', "/")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                fmt_day(day),
                cell(Slot::Am),
                cell(Slot::Pm)
            );
        }
        let _ = writeln!(out);
    }
    if !gp.dropped.is_empty() {
        let _ = writeln!(out, "## Dropped\n");
        for d in &gp.dropped {
            let _ = writeln!(
                out,
                "- week of {}: {} ({}: {}){}",
                d.week,
                d.kind.name(),
                d.rule,
                d.reason,
                d.suggestion
                    .as_ref()
                    .map(|s| format!(" → {s}"))
                    .unwrap_or_default()
            );
        }
    }
    out
}
