//! `runlift today`: the morning's readiness (R-READY, R-SORENESS, R-SLEEP, R-LOAD from the log)
//! and today's sessions of the saved plan, adapted when the athlete is not ready, each change
//! with its rule and reason. `--accept` saves the adapted day as the next plan version (the
//! journal's `plan.save`, so `runlift undo` puts the plan back exactly).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use jiff::civil::Date;
use runlift_load::Readiness;
use runlift_model::plan::Session;
use runlift_model::units::Units;
use runlift_plan::adapt::{Adapted, adapt};
use runlift_plan::output::{exercise_text, session_text};
use runlift_rules::RuleConfig;
use serde::Serialize;
use serde_json::Value;

use crate::loadlog::LoadHistory;
use crate::logbook::day;
use crate::output::{TextOrJson, write_json};
use crate::plan_body::{Edit, edited};
use crate::store::{Current, DbArgs, Opened, now};

/// The first words of the `why` line `--accept` adds to an adapted session: a session that has
/// it for today is not adapted a second time.
const MARK: &str = "runlift today";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Save the adapted day as the next version of the plan (`runlift undo` reverts it).
    #[arg(long)]
    pub accept: bool,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// A session as `today --format json` shows it.
#[derive(Serialize, Debug)]
struct SessionJson {
    slot: String,
    kind: &'static str,
    minutes: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    structure: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exercises: Vec<String>,
    text: String,
}

impl SessionJson {
    fn of(s: &Session, units: Units) -> SessionJson {
        SessionJson {
            slot: s.slot.to_string(),
            kind: s.kind.code(),
            minutes: s.minutes,
            structure: s.structure.clone(),
            exercises: s.exercises.iter().map(|e| exercise_text(s, e)).collect(),
            text: session_text(s, units),
        }
    }
}

#[derive(Serialize, Debug)]
struct FlagJson {
    rule: &'static str,
    severity: String,
    message: String,
}

#[derive(Serialize, Debug)]
struct TodayJson {
    date: Date,
    wellness_sum: Option<u8>,
    action: runlift_load::Action,
    tired: Vec<&'static str>,
    flags: Vec<FlagJson>,
    plan_version: Option<i64>,
    planned: Vec<SessionJson>,
    adapted: Vec<SessionJson>,
    why: Vec<String>,
    /// The plan version `--accept` saved, when it saved one.
    accepted: Option<i64>,
}

/// Today's sessions of the newest saved plan: the plan's JSON body, its version, and today's
/// sessions with their positions in the body's `sessions` array and whether `--accept` has
/// adapted them already.
struct SavedDay {
    version: i64,
    /// The body as saved (parsed whole only by `--accept`).
    body: String,
    sessions: Vec<Session>,
    positions: Vec<usize>,
    adapted_before: Vec<bool>,
}

fn saved_day(opened: &Opened, current: &Current, today: Date) -> anyhow::Result<Option<SavedDay>> {
    let Some(saved) = opened.run(opened.store.plan(&current.athlete, None))? else {
        return Ok(None);
    };
    let label = format!(
        "{}'s saved plan version {}.json",
        current.athlete.name, saved.version
    );
    // Only today's sessions are read into values: the rest of a long plan is scanned, not
    // parsed (a session whose text holds today's date is parsed to check its `date`).
    let raw: RawBody = serde_json::from_str(&saved.body).with_context(|| label.clone())?;
    let date = today.to_string();
    let mut positions: Vec<usize> = Vec::new();
    let mut list: Vec<Value> = Vec::new();
    for (i, s) in raw.sessions.iter().enumerate() {
        if !s.get().contains(&date) {
            continue;
        }
        let v: Value = serde_json::from_str(s.get()).with_context(|| label.clone())?;
        if v.get("date").and_then(Value::as_str) == Some(date.as_str()) {
            positions.push(i);
            list.push(v);
        }
    }
    let sessions = list
        .iter()
        .zip(&positions)
        .map(|(v, i)| {
            serde_json::from_value::<Session>(v.clone())
                .with_context(|| format!("{label}: session {}", i + 1))
        })
        .collect::<anyhow::Result<Vec<Session>>>()?;
    let adapted_before = list
        .iter()
        .map(|v| {
            v.get("why").and_then(Value::as_array).is_some_and(|w| {
                w.iter()
                    .filter_map(Value::as_str)
                    .any(|t| t.starts_with(MARK))
            })
        })
        .collect();
    Ok(Some(SavedDay {
        version: saved.version,
        body: saved.body,
        sessions,
        positions,
        adapted_before,
    }))
}

/// A saved plan's body with its sessions left unparsed.
#[derive(serde::Deserialize)]
struct RawBody<'a> {
    #[serde(borrow)]
    sessions: Vec<&'a serde_json::value::RawValue>,
}

/// Adapt the sessions `--accept` has not adapted yet; the others stay as they are.
fn adapt_day(current: &Current, config: &RuleConfig, day: &SavedDay, r: &Readiness) -> Adapted {
    let fresh: Vec<usize> = (0..day.sessions.len())
        .filter(|&k| !day.adapted_before[k])
        .collect();
    let input: Vec<Session> = fresh.iter().map(|&k| day.sessions[k].clone()).collect();
    let mut a = adapt(&current.profile, config, &input, r);
    for c in &mut a.changes {
        c.index = fresh[c.index];
    }
    // today's sessions in the plan's order: the ones adapted before, then what came out
    let mut sessions: Vec<Session> = Vec::new();
    for k in 0..day.sessions.len() {
        if day.adapted_before[k] {
            sessions.push(day.sessions[k].clone());
        } else if let Some(c) = a.changes.iter().find(|c| c.index == k) {
            sessions.extend(c.after.clone());
        } else {
            sessions.push(day.sessions[k].clone());
        }
    }
    a.sessions = sessions;
    a
}

/// The plan's JSON with today's changes in it: changed sessions rewritten (their id, phase and
/// week kept, the reason added to `why`), left-out ones removed.
fn changed_body(day: &SavedDay, a: &Adapted, today: Date) -> anyhow::Result<String> {
    let edits: Vec<Edit> = a
        .changes
        .iter()
        .map(|c| {
            let pos = day.positions[c.index];
            match &c.after {
                Some(after) => Edit::Rewrite {
                    pos,
                    after,
                    why: format!("{MARK} {today}: {}: {}", c.rule, c.why),
                },
                None => Edit::Remove { pos },
            }
        })
        .collect();
    edited(&day.body, &edits)
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let current = opened.current(&args.db)?;
    let today = current.today()?;
    let config = crate::loadlog::rule_config(&current)?;
    let history = LoadHistory::read(&opened, &current, today, today)?;
    let wellness = history.wellness.clone();
    let readiness = history
        .readiness_on(today)
        .cloned()
        .ok_or_else(|| anyhow!("the log has no readiness for {today}"))?;
    let day_plan = saved_day(&opened, &current, today)?;
    let adapted = day_plan
        .as_ref()
        .map(|d| adapt_day(&current, &config, d, &readiness))
        .unwrap_or_default();
    let accepted = match (&day_plan, args.accept) {
        (Some(d), true) if !adapted.changes.is_empty() => {
            let body = changed_body(d, &adapted, today)?;
            let saved = opened.run(opened.store.save_plan(&current.athlete, &body, now()))?;
            Some(saved.version)
        }
        _ => None,
    };
    let units = current.profile.units;
    let planned: Vec<Session> = day_plan.as_ref().map_or(Vec::new(), |d| d.sessions.clone());
    let view = TodayJson {
        date: today,
        wellness_sum: readiness.wellness_sum,
        action: readiness.action,
        tired: readiness.tired.iter().map(|s| s.word()).collect(),
        flags: readiness
            .flags
            .iter()
            .map(|f| FlagJson {
                rule: f.rule,
                severity: f.severity.word().to_string(),
                message: f.message.clone(),
            })
            .collect(),
        plan_version: day_plan.as_ref().map(|d| d.version),
        planned: planned.iter().map(|s| SessionJson::of(s, units)).collect(),
        adapted: adapted
            .sessions
            .iter()
            .map(|s| SessionJson::of(s, units))
            .collect(),
        why: adapted.changes.iter().map(change_line).collect(),
        accepted,
    };
    if args.format == TextOrJson::Json {
        write_json(out, &view)?;
        return Ok(ExitCode::SUCCESS);
    }
    write_text(
        out,
        &current,
        &view,
        &wellness,
        day_plan.as_ref(),
        args.accept,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `tempo run 53' → easy run 53' (R-READY: wellness 12/25 (≤ 13))`, or `… left out today
/// (…)`: the finding's head (its text before the first colon) as the reason.
fn change_line(c: &runlift_plan::adapt::Change) -> String {
    let name = |s: &Session| format!("{} {}'", s.kind.name(), s.minutes);
    let reason = c.why.split(": ").next().unwrap_or(&c.why);
    match &c.after {
        Some(a) => format!("{} → {} ({}: {reason})", name(&c.before), name(a), c.rule),
        None => format!("{} left out today ({}: {reason})", name(&c.before), c.rule),
    }
}

fn write_text(
    out: &mut dyn Write,
    current: &Current,
    view: &TodayJson,
    wellness: &[runlift_model::log::WellnessEntry],
    day_plan: Option<&SavedDay>,
    accept: bool,
) -> anyhow::Result<()> {
    writeln!(out, "{}, {}", current.athlete.name, day(view.date))?;
    match wellness.iter().rev().find(|w| w.date == view.date) {
        Some(w) => {
            let items: Vec<String> = w.items().iter().map(|(n, v)| format!("{n} {v}")).collect();
            writeln!(out, "wellness {}/25: {}", w.sum(), items.join(", "))?;
        }
        None => writeln!(
            out,
            "no wellness logged today: `runlift log wellness --fatigue N --sleep N --soreness N --stress N --mood N` (1–5, 5 best) first"
        )?,
    }
    for f in &view.flags {
        writeln!(out, "  {} {}  {}", f.severity, f.rule, f.message)?;
    }
    let Some(d) = day_plan else {
        writeln!(
            out,
            "no saved plan: `runlift plan --profile athlete.toml --save` gives today its sessions"
        )?;
        return Ok(());
    };
    if view.planned.is_empty() {
        writeln!(out, "plan version {}: nothing planned today", d.version)?;
        return Ok(());
    }
    writeln!(out, "planned (plan version {}):", d.version)?;
    for s in &view.planned {
        writeln!(out, "  {:<3} {}", s.slot, s.text)?;
    }
    if view.why.is_empty() {
        let already = d.adapted_before.iter().any(|b| *b);
        writeln!(
            out,
            "{}",
            if already {
                "today was adapted already (`runlift undo` puts the plan back)"
            } else {
                "as planned: nothing to change"
            }
        )?;
        return Ok(());
    }
    writeln!(out, "today:")?;
    if view.adapted.is_empty() {
        writeln!(out, "  rest")?;
    }
    for s in &view.adapted {
        writeln!(out, "  {:<3} {}", s.slot, s.text)?;
    }
    writeln!(out, "why:")?;
    for w in &view.why {
        writeln!(out, "  {w}")?;
    }
    match view.accepted {
        Some(v) => writeln!(
            out,
            "saved as plan version {v}; `runlift undo` puts version {} back",
            d.version
        )?,
        None if !accept => writeln!(
            out,
            "`runlift today --accept` saves this as the plan; `runlift undo` puts it back"
        )?,
        None => {}
    }
    Ok(())
}
