//! The plan as formats.md writes it (a serde view for JSON and TOML: `[[week]]` labels, sessions
//! with `id`, `phase`, `week`, `why`, the athlete inline, `[[dropped]]`), and as text: the weekly
//! table of tour.md and Markdown.

use std::fmt::Write as _;

use runlift_model::Equipment;
use runlift_model::plan::{Dropped, ExerciseRx, Session};
use runlift_model::profile::{Availability, DayAvailability, Profile, Race, Slot};
use runlift_model::units::Units;
use runlift_rules::time::{DAY_NAMES, date_of, day_number, fmt_day, weekday};
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
    /// Display units (`["mi", "lb"]`); left out for the metric default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    units: Vec<&'static str>,
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
        units: p.units.words(),
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

/// A session in the plan's JSON form (`plan --format json`, the saved plan's body).
pub fn session_out(
    s: &Session,
    id: &str,
    phase: String,
    week: usize,
    why: &[String],
) -> SessionOut {
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
            .map(|p| session_out(&p.session, &p.id, p.phase.to_string(), p.week, &p.why))
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

/// `Back squat 3×5 @ 82.5% (60 kg)` (`Wall sit 1×max` for the session's own test): the
/// library's name, then the prescription.
pub fn exercise_text(session: &Session, e: &ExerciseRx) -> String {
    let mut s = format!("{} {}×", e.id.get().name, e.sets);
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
        s.push_str(&format!(" → {}", p.get().name));
    }
    if let Some(t) = &e.tempo {
        s.push_str(&format!(", tempo {t}"));
    }
    s
}

/// `Back squat 3×5 @ 76.5 kg`, `Split squat 3×5 @ RIR 2`, `Deadlift 3×5 @ 82% 1RM`: the library's
/// name, sets × reps (or a hold, or `max` for the session's own test) and the load a person sets
/// up: kilograms (or pounds), else RIR, else a share of 1RM.
fn exercise_short(session: &Session, e: &ExerciseRx, units: Units) -> String {
    let mut x = format!("{} {}×", short_name(&e.id.get().name), e.sets);
    match (e.reps, e.hold_s) {
        (Some(r), _) => x.push_str(&r.to_string()),
        (None, Some(h)) => x.push_str(&format!("{h}s")),
        _ if session.tests_exercise(e) => x.push_str("max"),
        _ => x.push('1'),
    }
    if let Some(k) = e.kg {
        x.push_str(&format!(" @ {}", units.weight(k)));
    } else if let Some(r) = e.rir {
        x.push_str(&format!(" @ RIR {r}"));
    } else if let Some(p) = e.pct_1rm {
        x.push_str(&format!(" @ {p}% 1RM"));
    }
    x
}

/// A session on one line, as the plan's table shows it (`intervals 60': 15 min E + …`).
pub fn session_text(s: &Session, units: Units) -> String {
    let mut t = s.title.clone().unwrap_or_else(|| s.kind.name().to_string());
    if !s.exercises.is_empty() {
        let ex: Vec<String> = s
            .exercises
            .iter()
            .filter(|e| !e.id.get().is(runlift_model::library::ExKind::Mobility))
            .map(|e| exercise_short(s, e, units))
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

/// `Mon 4 Jan 2027`: a day with its year, for headings a plan may carry across New Year.
pub fn fmt_day_year(n: i32) -> String {
    format!("{} {}", fmt_day(n), date_of(n).year())
}

/// The header line: goal race, weeks, VDOT and paces (in the profile's display units).
pub fn header(gp: &GeneratedPlan) -> String {
    let p = &gp.paces;
    let units = gp.profile.units;
    let pace = |s: u32| units.pace(f64::from(s));
    let bare = |s: u32| {
        pace(s)
            .rsplit_once('/')
            .map_or(String::new(), |(a, _)| a.to_string())
    };
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
            fmt_day_year(day_number(r.date))
        ),
        None => format!("{} goal, no A race", gp.profile.goal),
    };
    format!(
        "{head} · {} weeks · VDOT {:.0}{} (E {}–{}, T {}, I {})",
        gp.weeks.len(),
        gp.vdot,
        match gp.vdot_source {
            VdotSource::Given => "",
            VdotSource::RecentRace => " from your recent race",
            VdotSource::Default => " (default for your level: give `vdot` or `recent_race`)",
        },
        bare(p.e.fast_s_per_km),
        pace(p.e.slow_s_per_km),
        pace((p.t.fast_s_per_km + p.t.slow_s_per_km) / 2),
        pace((p.i.fast_s_per_km + p.i.slow_s_per_km) / 2),
    )
}

/// How the weekly table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableStyle {
    /// Lines are wrapped to this many columns (with a hanging indent); `None` never wraps
    /// (`runlift plan --wide`).
    pub width: Option<usize>,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle { width: Some(100) }
    }
}

/// `text` wrapped at spaces to `width` columns, continuation lines indented by `indent` spaces;
/// the first line keeps its own indentation, and a word longer than a line stays whole.
fn wrap(text: &str, width: Option<usize>, indent: usize) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let lead = text.len() - text.trim_start().len();
    let mut out = String::new();
    let mut rest = text;
    let mut prefix = String::new();
    loop {
        let avail = width.saturating_sub(prefix.len()).max(1);
        if rest.chars().count() <= avail {
            out.push_str(&prefix);
            out.push_str(rest);
            return out;
        }
        let limit = rest
            .char_indices()
            .nth(avail)
            .map_or(rest.len(), |(i, _)| i);
        let skip = if out.is_empty() { lead } else { 0 };
        let cut = rest[..limit]
            .rfind(' ')
            .filter(|&i| i > skip)
            .or_else(|| rest[limit..].find(' ').map(|i| i + limit));
        let Some(cut) = cut else {
            out.push_str(&prefix);
            out.push_str(rest);
            return out;
        };
        out.push_str(&prefix);
        out.push_str(rest[..cut].trim_end());
        out.push('\n');
        rest = rest[cut..].trim_start();
        prefix = " ".repeat(indent);
    }
}

/// A library name without its parenthesised notes, for the table's short lines
/// (`Deadlift (conventional or trap-bar)` → `Deadlift`).
fn short_name(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The weekly table (tour.md), lines of at most 100 columns.
pub fn table(gp: &GeneratedPlan) -> String {
    table_styled(gp, TableStyle::default())
}

/// The weekly table: a heading per week, one line per session (AM, then PM), the dropped
/// sessions, and the linter's summary with each warning the plan leaves.
pub fn table_styled(gp: &GeneratedPlan, style: TableStyle) -> String {
    let units = gp.profile.units;
    let mut out = String::new();
    let _ = writeln!(out, "{}", wrap(&header(gp), style.width, 2));
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
        let heading = format!(
            "Week {} · {} · {}{} · run {} ({}) · strength {} · plyo {}",
            wi + 1,
            fmt_day_year(m),
            w.phase,
            if load.is_empty() {
                String::new()
            } else {
                format!(" · {load}")
            },
            fmt_minutes(w.run_minutes),
            units.distance(w.run_km * 1000.0),
            w.strength_sessions,
            w.contacts
        );
        let _ = writeln!(out, "\n{}", wrap(&heading, style.width, 2));
        for d in 0..7 {
            let day = m + d;
            let mut first = true;
            for slot in [Slot::Am, Slot::Pm] {
                for s in gp
                    .sessions
                    .iter()
                    .map(|p| &p.session)
                    .filter(|s| day_number(s.date) == day && s.slot == slot)
                {
                    let name = if first { DAY_NAMES[weekday(day)] } else { "" };
                    first = false;
                    let line = format!(
                        "  {name:<3}  {}  {}",
                        slot.word().to_uppercase(),
                        session_text(s, units)
                    );
                    let _ = writeln!(out, "{}", wrap(&line, style.width, 11));
                }
            }
        }
    }
    if !gp.dropped.is_empty() {
        let _ = writeln!(out, "\nDropped:");
        for d in &gp.dropped {
            let line = format!(
                "  week of {}: {} ({}: {}){}",
                fmt_day_year(day_number(d.week)),
                d.kind.name(),
                d.rule,
                d.reason,
                d.suggestion
                    .as_ref()
                    .map(|s| format!(" → {s}"))
                    .unwrap_or_default()
            );
            let _ = writeln!(out, "{}", wrap(&line, style.width, 4));
        }
    }
    let _ = writeln!(out, "\n{}", wrap(&lint_summary(gp), style.width, 2));
    for f in gp
        .report
        .findings
        .iter()
        .filter(|f| f.severity <= runlift_rules::Severity::Warning)
    {
        let when = f
            .dates
            .first()
            .map(|d| format!("{}: ", fmt_day_year(day_number(*d))))
            .unwrap_or_default();
        let line = format!("  {} {}  {when}{}", f.severity.word(), f.rule, f.message);
        let _ = writeln!(out, "{}", wrap(&line, style.width, 4));
    }
    out
}

/// `Lint: 0 errors, 31 warnings, 93 notes (…)`, saying where the notes can be read.
pub fn lint_summary(gp: &GeneratedPlan) -> String {
    let s = &gp.report.summary;
    format!(
        "Lint: {} errors, {} warnings, {} notes{}",
        s.errors,
        s.warnings,
        s.infos,
        if s.infos > 0 {
            " (to read the notes: `--format toml > plan.toml`, then `runlift check plan.toml --severity info`)"
        } else {
            ""
        }
    )
}

/// Markdown: a heading per week, a table of days × slots, and the reasons.
pub fn markdown(gp: &GeneratedPlan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Training plan\n\n{}\n", header(gp));
    for (wi, w) in gp.weeks.iter().enumerate() {
        let m = day_number(w.monday);
        let _ = writeln!(
            out,
            "## Week {} · {} · {}{}\n\nRunning {} ({}) · strength {} · plyo contacts {}\n\n| Day | AM | PM |\n|---|---|---|",
            wi + 1,
            fmt_day_year(m),
            w.phase,
            if w.deload { " · deload" } else { "" },
            fmt_minutes(w.run_minutes),
            gp.profile.units.distance(w.run_km * 1000.0),
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
                    .map(|s| session_text(s, gp.profile.units))
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
