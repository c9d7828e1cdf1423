//! `runlift inspect FILE`: what runlift reads from one activity file (FIT, GPX, TCX, or any of
//! them gzip-compressed), as text or as the "Activity summary" JSON of formats.md. A FIT workout
//! file (a plan for the watch, not a recording) is recognised and its steps listed. Exit 1 when
//! the file was read only in part (an Error diagnostic), as `runlift import` skips it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use runlift_formats::{Activity, Diagnostic, Format, SessionSummary, Severity};
use serde::Serialize;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    #[default]
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The activity file (.fit, .gpx, .tcx, optionally .gz).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Also list every FIT data message (text output).
    #[arg(long, short)]
    pub verbose: bool,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let shown = args.file.display().to_string();
    let (act, bytes) = match streamed_summary(&args.file).map_err(|e| anyhow!("{shown}: {e}"))? {
        Some(act) => (act, Vec::new()),
        None => {
            let limits = runlift_import::Limits::default();
            let bytes = runlift_import::read_activity_file(&args.file, &limits)
                .map_err(|e| anyhow!("{shown}: {e}"))?;
            let act = runlift_formats::decode_any(&bytes).map_err(|e| anyhow!("{shown}: {e}"))?;
            (act, bytes)
        }
    };
    let workout = (act.format == Format::Fit)
        .then(|| workout_of(&bytes))
        .flatten();
    match args.format {
        OutputFormat::Json => {
            let mut summary = summary_json(&act);
            summary.workout = workout;
            let text = serde_json::to_string_pretty(&summary).context("render JSON")?;
            writeln!(out, "{text}")?;
        }
        OutputFormat::Text => {
            match &workout {
                Some(w) => write_workout(&shown, w, out)?,
                None => write_text(&shown, &act, out)?,
            }
            if args.verbose && act.format == Format::Fit {
                write_messages(&bytes, out)?;
            }
        }
    }
    let errors: Vec<&Diagnostic> = act
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        let at = match (d.line, d.offset) {
            (Some(l), _) => format!("line {l}: "),
            (None, Some(o)) => format!("byte {o}: "),
            _ => String::new(),
        };
        writeln!(
            std::io::stderr(),
            "{shown}: {at}{}: read only in part (`runlift import` skips such a file)",
            d.message
        )?;
    }
    let partial = !errors.is_empty();
    Ok(if partial {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A FIT workout file's name, sport and steps (formats.md "Activity summary", `workout`).
#[derive(Serialize, Debug)]
pub struct WorkoutJson {
    name: Option<String>,
    sport: Option<String>,
    steps: Vec<String>,
}

/// The workout in a FIT file whose `file_id.type` is 5 (workout), else `None`.
fn workout_of(bytes: &[u8]) -> Option<WorkoutJson> {
    use runlift_formats::fit::{Message, Value};
    let m = runlift_formats::fit::messages(bytes).ok()?;
    let field = |msg: &Message, name: &str| {
        msg.fields
            .iter()
            .find(|f| f.name == Some(name))
            .map(|f| f.value.clone())
    };
    let text = |v: Option<Value>| match v {
        Some(Value::Text(t)) => Some(t),
        Some(Value::Int(n)) => Some(n.to_string()),
        _ => None,
    };
    let file_id = m.messages.iter().find(|x| x.name == Some("file_id"))?;
    let is_workout = match field(file_id, "type") {
        Some(Value::Int(5)) => true,
        Some(Value::Text(t)) => t == "workout",
        _ => false,
    };
    if !is_workout {
        return None;
    }
    let w = m.messages.iter().find(|x| x.name == Some("workout"));
    let sport = w.and_then(|w| match field(w, "sport") {
        Some(Value::Int(1)) => Some("running".to_string()),
        Some(Value::Int(4)) => Some("training".to_string()),
        v => text(v),
    });
    Some(WorkoutJson {
        name: w.and_then(|w| text(field(w, "wkt_name"))),
        sport,
        steps: m
            .messages
            .iter()
            .filter(|x| x.name == Some("workout_step"))
            .enumerate()
            .map(|(i, st)| step_text(i, |name| field(st, name)))
            .collect(),
    })
}

/// A step's name; for a repeat step (duration type 6) `repeat from step N, K times`.
fn step_text(i: usize, field: impl Fn(&str) -> Option<runlift_formats::fit::Value>) -> String {
    use runlift_formats::fit::Value;
    let int = |name: &str| match field(name) {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    if let Some(Value::Text(t)) = field("wkt_step_name") {
        return t;
    }
    if int("duration_type") == Some(6) {
        let from = int("duration_value").unwrap_or(0) + 1;
        let times = int("target_value").unwrap_or(0);
        return format!("repeat from step {from}, {times} times");
    }
    format!("step {}", i + 1)
}

fn write_workout(file: &str, w: &WorkoutJson, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{file}: FIT workout{}{}, {} step(s): a plan for the watch, not a recorded activity",
        w.name
            .as_ref()
            .map(|n| format!(" \"{n}\""))
            .unwrap_or_default(),
        w.sport
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default(),
        w.steps.len()
    )?;
    for (i, s) in w.steps.iter().enumerate() {
        writeln!(out, "  step {}: {s}", i + 1)?;
    }
    Ok(())
}

/// A GPX or TCX file summarised as a stream, holding no track (memory does not grow with the
/// file); `None` for the other kinds, which are read whole.
fn streamed_summary(path: &std::path::Path) -> anyhow::Result<Option<Activity>> {
    use runlift_formats::{AnyError, Sniffed, Streams};
    use std::io::BufRead;
    let file = std::fs::File::open(path)?;
    let mut r = std::io::BufReader::with_capacity(64 * 1024, file);
    let act = match runlift_formats::sniff(r.fill_buf()?) {
        Sniffed::Activity(Format::Gpx) => {
            runlift_formats::gpx::decode_from(r, Streams::NONE).map_err(AnyError::Gpx)
        }
        Sniffed::Activity(Format::Tcx) => {
            runlift_formats::tcx::decode_from(r, Streams::NONE).map_err(AnyError::Tcx)
        }
        _ => return Ok(None),
    };
    Ok(Some(act?))
}

fn rfc3339(secs: i64) -> Option<String> {
    jiff::Timestamp::from_second(secs)
        .ok()
        .map(|t| t.to_string())
}

fn round(v: Option<f64>, places: i32) -> Option<f64> {
    let f = 10f64.powi(places);
    v.filter(|x| x.is_finite()).map(|x| (x * f).round() / f)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Fit => "fit",
        Format::Gpx => "gpx",
        Format::Tcx => "tcx",
    }
}

/// The formats.md "Activity summary" object, fields in the documented order.
#[derive(Serialize, Debug)]
pub struct Summary {
    format: &'static str,
    sessions: Vec<SessionJson>,
    laps: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    records: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    points: Option<usize>,
    diagnostics: Vec<DiagnosticJson>,
    /// A FIT workout file's contents (absent for activities).
    #[serde(skip_serializing_if = "Option::is_none")]
    workout: Option<WorkoutJson>,
}

#[derive(Serialize, Debug)]
struct SessionJson {
    sport: Option<String>,
    sub_sport: Option<String>,
    start_time: Option<String>,
    total_distance_m: Option<f64>,
    total_timer_time_s: Option<f64>,
    avg_heart_rate: Option<u8>,
}

#[derive(Serialize, Debug)]
struct DiagnosticJson {
    severity: Severity,
    offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    message: String,
}

pub fn summary_json(act: &Activity) -> Summary {
    let fit = act.format == Format::Fit;
    Summary {
        format: format_name(act.format),
        sessions: act.sessions.iter().map(session_json).collect(),
        laps: act.laps.len(),
        records: fit.then_some(act.points),
        points: (!fit).then_some(act.points),
        diagnostics: act.diagnostics.iter().map(diagnostic_json).collect(),
        workout: None,
    }
}

fn session_json(s: &SessionSummary) -> SessionJson {
    SessionJson {
        sport: s.sport.clone(),
        sub_sport: s.sub_sport.clone(),
        start_time: s.start_time.and_then(rfc3339),
        total_distance_m: round(s.total_distance_m, 2),
        total_timer_time_s: round(s.total_timer_time_s, 3),
        avg_heart_rate: s.avg_heart_rate,
    }
}

fn diagnostic_json(d: &Diagnostic) -> DiagnosticJson {
    DiagnosticJson {
        severity: d.severity,
        offset: d.offset,
        line: d.line,
        message: d.message.clone(),
    }
}

fn hms(secs: f64) -> String {
    let s = secs.round() as i64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn write_text(file: &str, act: &Activity, out: &mut dyn Write) -> std::io::Result<()> {
    let count_name = if act.format == Format::Fit {
        "records"
    } else {
        "points"
    };
    writeln!(
        out,
        "{file}: {}, {} session(s), {} lap(s), {} {count_name}",
        format_name(act.format).to_uppercase(),
        act.sessions.len(),
        act.laps.len(),
        act.points
    )?;
    for (i, s) in act.sessions.iter().enumerate() {
        let sport = match (&s.sport, &s.sub_sport) {
            (Some(a), Some(b)) => format!("{a}/{b}"),
            (Some(a), None) => a.clone(),
            _ => "unknown sport".into(),
        };
        let mut line = format!("  session {}: {sport}", i + 1);
        if let Some(t) = s.start_time.and_then(rfc3339) {
            line += &format!(", {t}");
        }
        if let Some(d) = s.total_distance_m.filter(|d| d.is_finite()) {
            line += &format!(", {:.2} km", d / 1000.0);
        }
        if let Some(t) = s.total_timer_time_s.filter(|t| t.is_finite()) {
            line += &format!(", {}", hms(t));
        }
        if let Some(hr) = s.avg_heart_rate {
            line += &format!(", avg HR {hr}");
        }
        writeln!(out, "{line}")?;
    }
    for d in &act.diagnostics {
        let at = match (d.offset, d.line) {
            (_, Some(l)) => format!(" (line {l})"),
            (Some(o), None) => format!(" (byte {o})"),
            _ => String::new(),
        };
        writeln!(out, "  {:?}{at}: {}", d.severity, d.message)?;
    }
    Ok(())
}

fn write_messages(bytes: &[u8], out: &mut dyn Write) -> anyhow::Result<()> {
    let m = runlift_formats::fit::messages(bytes).map_err(|e| anyhow!("{e}"))?;
    writeln!(out, "messages ({}):", m.messages.len())?;
    for msg in &m.messages {
        let name = msg
            .name
            .map_or_else(|| format!("unknown_{}", msg.global), str::to_string);
        writeln!(
            out,
            "  @{} {name} ({} fields)",
            msg.offset,
            msg.fields.len()
        )?;
    }
    Ok(())
}
