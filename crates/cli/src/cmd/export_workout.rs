//! `runlift export-workout`: writes each planned session of one day as a FIT workout file for a
//! watch (runs from their `structure` with the athlete's paces, strength from its exercises).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use runlift_formats::workout::{self, Duration, StrengthItem, Target, Workout};
use runlift_model::Kind;
use runlift_model::plan::{ExerciseRx, Session};
use runlift_model::profile::Profile;
use runlift_model::structure::{self, Paces};
use serde::Serialize;

use crate::output::{TextOrJson, write_json};

/// Write a day's planned sessions as FIT workout files.
///
/// One file per session of that day, named `YYYY-MM-DD-<slot>-<kind>.fit` (e.g.
/// `2026-11-24-am-run-int.fit`). Runs follow their `structure` with pace targets from the
/// athlete's VDOT (the profile's `vdot`, else its `recent_race`, else `--vdot`; without one the
/// targets are open). Strength sessions list their exercises with sets, reps, kilograms and rest.
///
/// Exit status: 0 when files were written; 1 when the plan has no session that day (or none that
/// can be a workout); 2 when the plan cannot be read or a structure is invalid.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plan file (TOML or JSON).
    pub plan: PathBuf,
    /// The day to export, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// Folder to write the files in (created if missing).
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// VDOT for pace targets, overriding the plan's athlete.
    #[arg(long)]
    pub vdot: Option<f64>,
    /// Output format of the report (the files are FIT either way).
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// What `export-workout` did (its `--format json` shape, docs/json.md).
#[derive(Serialize, Debug, Default)]
struct Exported {
    date: String,
    plan: String,
    written: Vec<WrittenJson>,
    skipped: Vec<SkippedJson>,
    notes: Vec<String>,
}

#[derive(Serialize, Debug)]
struct WrittenJson {
    path: String,
    name: String,
    steps: usize,
    session: usize,
}

#[derive(Serialize, Debug)]
struct SkippedJson {
    session: usize,
    reason: String,
}

impl Exported {
    fn write(&self, format: TextOrJson, out: &mut dyn Write) -> anyhow::Result<()> {
        if format == TextOrJson::Json {
            return write_json(out, self);
        }
        for s in &self.skipped {
            writeln!(out, "skipped {}", s.reason)?;
        }
        for n in &self.notes {
            writeln!(out, "{n}")?;
        }
        for w in &self.written {
            writeln!(out, "wrote {} ({}, {} steps)", w.path, w.name, w.steps)?;
        }
        Ok(())
    }
}

/// Seconds either side of a single training pace (M, T, I, R) on the watch.
const PACE_TOLERANCE_S: u32 = 5;

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let date: jiff::civil::Date = args
        .date
        .parse()
        .with_context(|| format!("--date {}: expected a date as YYYY-MM-DD", args.date))?;
    let loaded = runlift_planfile::read_plan_file(&args.plan)?;
    let vdot = match args.vdot {
        Some(v) if !(20.0..=90.0).contains(&v) => {
            anyhow::bail!("--vdot {v}: expected a VDOT between 20 and 90")
        }
        Some(v) => Some(v),
        None => loaded.profile.as_ref().and_then(profile_vdot),
    };
    let paces = vdot.map(|v| Paces::from_vdot(v, PACE_TOLERANCE_S));

    let mut report = Exported {
        date: date.to_string(),
        plan: args.plan.display().to_string(),
        ..Exported::default()
    };
    let mut day: Vec<(usize, &Session)> = loaded
        .plan
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date == date)
        .collect();
    if day.is_empty() {
        report
            .notes
            .push(format!("no sessions on {date} in {}", args.plan.display()));
        report.write(args.format, out)?;
        return Ok(ExitCode::from(1));
    }
    // Rulebook §7 C1: by start time (a slot's sessions without one in file order).
    day.sort_by_key(|(i, s)| (s.slot.word() != "am", s.start.unwrap_or(0), *i));

    let mut planned = Vec::new();
    for (i, s) in &day {
        let what = format!("session {i} ({date} {} {})", s.slot.word(), s.kind.code());
        match session_workout(s, paces.as_ref()).with_context(|| what.clone())? {
            Some(w) => planned.push((*i, s, w)),
            None => report.skipped.push(SkippedJson {
                session: *i,
                reason: format!("{what}: nothing to put on a watch"),
            }),
        }
    }
    if planned.is_empty() {
        report
            .notes
            .push(format!("no workouts to write for {date}"));
        report.write(args.format, out)?;
        return Ok(ExitCode::from(1));
    }
    if paces.is_none() && planned.iter().any(|(_, s, _)| s.kind.is_run()) {
        report.notes.push(
            "note: no VDOT in the plan's athlete (or --vdot): run targets are open".to_string(),
        );
    }

    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let created = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok());
    let mut used: Vec<String> = Vec::new();
    for (i, s, mut w) in planned {
        w.created_unix_s = created;
        let base = format!(
            "{date}-{}-{}",
            s.slot.word(),
            s.kind.code().to_lowercase().replace('_', "-")
        );
        let mut name = format!("{base}.fit");
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{base}-{n}.fit");
            n += 1;
        }
        let path = args.out.join(&name);
        let bytes =
            workout::to_bytes(&w).with_context(|| format!("encoding {}", path.display()))?;
        write_file(&path, &bytes)?;
        report.written.push(WrittenJson {
            path: path.display().to_string(),
            name: w.name.clone(),
            steps: w.steps.len(),
            session: i,
        });
        used.push(name);
    }
    report.write(args.format, out)?;
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::atomic::write(path, bytes)
}

/// The athlete's VDOT: `vdot`, else from `recent_race` (read as every command reads it).
fn profile_vdot(p: &Profile) -> Option<f64> {
    p.vdot.or_else(|| {
        let race = p.recent_race.as_ref()?;
        runlift_model::paces::recent_race_vdot(race.distance.metres(), &race.time).ok()
    })
}

/// The workout for one session, or `None` when it has nothing a watch can guide.
fn session_workout(s: &Session, paces: Option<&Paces>) -> anyhow::Result<Option<Workout>> {
    let name = s
        .title
        .clone()
        .unwrap_or_else(|| format!("{} {} {}", s.date, s.slot.word(), s.kind.name()));
    if s.kind.is_run() {
        return run_workout(s, paces, &name).map(Some);
    }
    if s.exercises.is_empty() {
        return Ok(None);
    }
    let items: Vec<StrengthItem> = s.exercises.iter().map(strength_item).collect();
    Ok(Some(workout::from_strength(&name, &items)))
}

fn run_workout(s: &Session, paces: Option<&Paces>, name: &str) -> anyhow::Result<Workout> {
    if let Some(text) = &s.structure {
        let st = structure::parse(text).with_context(|| format!("structure {text:?}"))?;
        let mut w = match paces {
            Some(p) => workout::from_run(&st, p, name),
            // Any paces will do: the targets are opened below.
            None => workout::from_run(&st, &Paces::from_vdot(50.0, 0), name),
        };
        if paces.is_none() {
            open_targets(&mut w);
        }
        return Ok(w);
    }
    // No structure: one step of the session's distance or minutes, easy kinds at E pace.
    let duration = match s.distance_m {
        Some(m) if m >= 1.0 && m < f64::from(u32::MAX) => Duration::Distance {
            metres: m.round() as u32,
        },
        _ => Duration::Time {
            seconds: u32::from(s.minutes) * 60,
        },
    };
    let easy = matches!(s.kind, Kind::RunRec | Kind::RunEasy | Kind::RunLong);
    let target = match paces {
        Some(p) if easy => Target::Pace {
            slow_s_per_km: p.e.slow_s_per_km,
            fast_s_per_km: p.e.fast_s_per_km,
        },
        _ => Target::Open,
    };
    let step = workout::Action {
        name: Some(s.kind.name().to_string()),
        ..workout::Action::new(workout::Intensity::Active, duration, target)
    };
    Ok(Workout {
        name: name.to_string(),
        sport: workout::Sport::Running,
        steps: vec![workout::Step::Action(step)],
        created_unix_s: None,
    })
}

fn open_targets(w: &mut Workout) {
    for step in &mut w.steps {
        if let workout::Step::Action(a) = step {
            a.target = Target::Open;
        }
    }
}

fn strength_item(e: &ExerciseRx) -> StrengthItem {
    let ex = e.id.get();
    let work = match (e.reps, e.hold_s, e.contacts) {
        (Some(r), _, _) => Duration::Reps(u32::from(r)),
        (None, Some(h), _) if h > 0 => Duration::Time { seconds: h },
        (None, _, Some(c)) if c > 0 => Duration::Reps(c.div_ceil(u32::from(e.sets.max(1)))),
        _ => Duration::Open,
    };
    let mut notes = Vec::new();
    if e.kg.is_none() {
        if let Some(p) = e.pct_1rm {
            notes.push(format!("{p}% 1RM"));
        } else if let Some(r) = e.rir {
            notes.push(format!("RIR {r}"));
        } else if let Some(r) = e.rpe {
            notes.push(format!("RPE {r}"));
        }
    }
    if let Some(t) = &e.tempo {
        notes.push(format!("tempo {t}"));
    }
    if let Some(p) = e.pair {
        notes.push(format!("then {}", p.get().name));
    }
    if let Some(c) = e.contacts {
        notes.push(format!("{c} contacts"));
    }
    StrengthItem {
        name: ex.name.clone(),
        exercise: workout::fit_exercise(&ex.id),
        sets: e.sets.max(1),
        work,
        kg: e.kg,
        rest_s: e.rest_s,
        notes: (!notes.is_empty()).then(|| notes.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"
[athlete]
weekly_km = 45
lifting = "6-24mo"
goal = "half"
plan_start = "2026-11-23"
vdot = 45.0

[athlete.availability]
tue = { am = 60, pm = 60 }
wed = { am = 60 }

[[session]]
date = "2026-11-24"
slot = "pm"
minutes = 50
kind = "STR_HEAVY"
exercises = [
  { id = "back-squat", sets = 4, reps = 5, kg = 80, rest_s = 180 },
  { id = "romanian-deadlift", sets = 3, reps = 6, rir = 2 },
]

[[session]]
date = "2026-11-24"
slot = "am"
minutes = 60
kind = "RUN_INT"
structure = "2 km E + 5 x 1000 m @ I (3 min jog) + 2 km E"

[[session]]
date = "2026-11-25"
slot = "am"
minutes = 40
kind = "RUN_INT"
structure = "5 x 1000 m @ Q"
"#;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("runlift-export-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn args(dir: &Path, date: &str) -> Args {
        let plan = dir.join("plan.toml");
        std::fs::write(&plan, PLAN).unwrap();
        Args {
            plan,
            date: date.into(),
            out: dir.join("out"),
            vdot: None,
            format: TextOrJson::Text,
        }
    }

    #[test]
    fn writes_one_file_per_session_in_day_order() {
        let dir = temp_dir("ok");
        let mut out = Vec::new();
        let code = run(args(&dir, "2026-11-24"), &mut out).unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[0].contains("2026-11-24-am-run-int.fit") && lines[0].ends_with("5 steps)"),
            "{text}"
        );
        assert!(
            lines[1].contains("2026-11-24-pm-str-heavy.fit") && lines[1].ends_with("6 steps)"),
            "{text}"
        );
        let run = std::fs::read(dir.join("out/2026-11-24-am-run-int.fit")).unwrap();
        assert_eq!(&run[8..12], b".FIT");
        let lift = std::fs::read(dir.join("out/2026-11-24-pm-str-heavy.fit")).unwrap();
        // The library's display name is written as a step name.
        assert!(
            lift.windows(b"Back squat".len())
                .any(|w| w == b"Back squat")
        );
        assert!(lift.windows(b"RIR 2".len()).any(|w| w == b"RIR 2"));
    }

    #[test]
    fn no_session_that_day_exits_1() {
        let dir = temp_dir("none");
        let mut out = Vec::new();
        let code = run(args(&dir, "2026-11-26"), &mut out).unwrap();
        assert_eq!(code, ExitCode::from(1));
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("no sessions on 2026-11-26")
        );
    }

    #[test]
    fn bad_structure_and_bad_date_are_errors_naming_where() {
        let dir = temp_dir("bad");
        let e = run(args(&dir, "2026-11-25"), &mut Vec::new()).unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("session 2 (2026-11-25 am RUN_INT)"), "{msg}");
        assert!(msg.contains("column 14: expected a zone"), "{msg}");
        let e = run(args(&dir, "24/11/2026"), &mut Vec::new()).unwrap_err();
        assert!(format!("{e:#}").contains("--date 24/11/2026"));
    }

    #[test]
    fn race_time_gives_a_vdot() {
        let p = |time: &str| {
            runlift_planfile::parse_profile(
                &format!(
                    "weekly_km = 40\ngoal = \"10k\"\nrecent_race = {{ distance = \"10k\", time = \"{time}\" }}\n[availability]\nmon = {{ am = 60 }}\n"
                ),
                Path::new("a.toml"),
            )
            .map(|p| profile_vdot(&p))
        };
        let v = p("45:16").unwrap().unwrap();
        assert!((v - 45.0).abs() < 0.2, "{v}");
        assert!(p("fast").is_err());
    }
}
