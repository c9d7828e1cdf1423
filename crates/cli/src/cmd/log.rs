//! `runlift log run|lift|wellness|test`: what the athlete did, typed in (formats.md "Training log
//! (v2)"). Each value is checked before anything is written: a bad one is refused with the flag
//! that gave it, and the store is left as it was. Every entry is journaled (`runlift undo`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;
use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::log::{
    DoneSession, Family, Id, Invalid, LiftSet, Start, TestEntry, TestResult, WellnessEntry,
    parse_cm, parse_hold, parse_kind, parse_rep_max, parse_set, parse_time_trial,
};
use serde::Serialize;

use crate::logbook::{Logbook, SessionJson, day, write_session};
use crate::output::{TextOrJson, write_json};
use crate::store::{Current, DbArgs, Opened, now};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text, global = true)]
    pub format: TextOrJson,
}

#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// A run: `runlift log run 2026-12-01 --minutes 45 --km 8.2 --rpe 4`.
    Run(RunArgs),
    /// A strength or mobility session with its sets: `--set back-squat:5x80@8` (repeat it).
    Lift(LiftArgs),
    /// A morning's wellness, McLean's five items 1–5 (5 best); a second entry for a day replaces
    /// the first.
    Wellness(WellnessArgs),
    /// A test: `--wall-sit 95s`, `--time-trial 5k 21:30`, `--cmj 38cm` or `--rm back-squat 100x3`.
    Test(TestArgs),
}

/// What every logged session takes.
#[derive(clap::Args, Debug)]
pub struct SessionArgs {
    /// The day (YYYY-MM-DD) [default: today in the athlete's time zone].
    pub date: Option<String>,
    /// Duration in minutes.
    #[arg(long)]
    pub minutes: f64,
    /// Session RPE, CR-10 (1–10).
    #[arg(long)]
    pub rpe: Option<f64>,
    /// The session kind (RUN_EASY, STR_HEAVY, …) [default: the kind the saved plan has that day,
    /// else RUN_EASY for a run and STR_HEAVY for a lift].
    #[arg(long)]
    pub kind: Option<String>,
    /// Start time, HH:MM in the athlete's time zone.
    #[arg(long)]
    pub start: Option<String>,
    /// The saved plan's session it was done for (`p_2026-12-01_am_0`, see `runlift compliance`)
    /// [default: matched by day, kind and start].
    #[arg(long)]
    pub planned: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub session: SessionArgs,
    /// Distance in kilometres.
    #[arg(long)]
    pub km: Option<f64>,
    /// Average heart rate, bpm.
    #[arg(long)]
    pub avg_hr: Option<f64>,
}

#[derive(clap::Args, Debug)]
pub struct LiftArgs {
    #[command(flatten)]
    pub session: SessionArgs,
    /// A set, `EXERCISE:REPSxKG[@RPE]` (`x0` or no `xKG` for body weight); one flag per set.
    #[arg(long = "set", value_name = "SET")]
    pub sets: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct WellnessArgs {
    /// The day (YYYY-MM-DD) [default: today in the athlete's time zone].
    pub date: Option<String>,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fatigue: u8,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub sleep: u8,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub soreness: u8,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub stress: u8,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub mood: u8,
    /// Hours slept.
    #[arg(long)]
    pub sleep_hours: Option<f64>,
    /// Morning HRV, rMSSD in ms.
    #[arg(long)]
    pub rmssd: Option<f64>,
    /// Resting heart rate, bpm.
    #[arg(long)]
    pub rhr: Option<f64>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("test").required(true).args(["wall_sit", "time_trial", "cmj", "rm"])))]
pub struct TestArgs {
    /// The day (YYYY-MM-DD) [default: today in the athlete's time zone].
    pub date: Option<String>,
    /// Wall sit held: `95s`, `95` or `1:35`.
    #[arg(long)]
    pub wall_sit: Option<String>,
    /// A time trial: DISTANCE TIME (`5k 21:30`, `3000m 10:45`).
    #[arg(long, num_args = 2, value_names = ["DISTANCE", "TIME"])]
    pub time_trial: Option<Vec<String>>,
    /// Countermovement jump: `38cm`.
    #[arg(long)]
    pub cmj: Option<String>,
    /// A rep max: EXERCISE KGxREPS (`back-squat 100x3`).
    #[arg(long, num_args = 2, value_names = ["EXERCISE", "KGxREPS"])]
    pub rm: Option<Vec<String>>,
    #[arg(long)]
    pub note: Option<String>,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let json = args.format == TextOrJson::Json;
    let opened = Opened::open(&args.db)?;
    match args.what {
        What::Run(a) => {
            let book = Logbook::open(&opened, &args.db)?;
            let s = run_session(&book, a)?;
            log_session(&opened, &book, s, out, json)
        }
        What::Lift(a) => {
            let book = Logbook::open(&opened, &args.db)?;
            let s = lift_session(&book, a)?;
            log_session(&opened, &book, s, out, json)
        }
        What::Wellness(a) => {
            let current = opened.current(&args.db)?;
            let entry = wellness_entry(&current, a)?;
            checked(entry.validate(), wellness_flag)?;
            let saved = opened.run(opened.store.add_wellness(&current.athlete.id, entry, now()))?;
            if json {
                write_json(out, &serde_json::json!({ "wellness": saved }))?;
            } else {
                writeln!(
                    out,
                    "logged wellness {}/25 on {} ({}); `runlift undo` takes it back",
                    saved.sum(),
                    day(saved.date),
                    saved.id
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        What::Test(a) => {
            let current = opened.current(&args.db)?;
            let entry = test_entry(&current, a)?;
            checked(entry.validate(), test_flag)?;
            let saved = opened.run(opened.store.add_test(&current.athlete.id, entry, now()))?;
            if json {
                write_json(out, &serde_json::json!({ "test": saved }))?;
            } else {
                writeln!(
                    out,
                    "logged {} on {} ({}); `runlift undo` takes it back",
                    saved.result,
                    day(saved.date),
                    saved.id
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Stores `s` and prints it as `history` shows it.
fn log_session(
    opened: &Opened,
    book: &Logbook,
    logged: Logged,
    out: &mut dyn Write,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let Logged {
        session: s,
        kind_from,
    } = logged;
    checked(s.validate(), session_flag)?;
    let saved = opened.run(opened.store.add_session(&book.current.athlete.id, s, now()))?;
    let planned = book
        .planned_for(std::slice::from_ref(&saved))
        .pop()
        .flatten();
    if json {
        #[derive(Serialize)]
        struct One {
            session: SessionJson,
        }
        write_json(
            out,
            &One {
                session: SessionJson::of(&saved, planned.as_ref()),
            },
        )?;
    } else {
        write!(out, "logged ")?;
        write_session(out, &saved, planned.as_ref())?;
        let kind = saved.kind.code();
        match kind_from {
            KindFrom::Given => {}
            KindFrom::Plan => writeln!(
                out,
                "    kind {kind} is the plan's for that day; `runlift edit {} --kind …` corrects it",
                saved.id
            )?,
            KindFrom::Default => writeln!(
                out,
                "    kind {kind}: nothing of the kind planned that day; `runlift edit {} --kind …` corrects it",
                saved.id
            )?,
        }
        writeln!(out, "`runlift undo` takes it back")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The model's checks of a record before it is written, each problem named by the flag that
/// gave the value.
fn checked(result: Result<(), Invalid>, flag: fn(&str) -> String) -> anyhow::Result<()> {
    result.map_err(|e| {
        let problems: Vec<String> =
            e.0.iter()
                .map(|p| format!("{}: {}", flag(&p.field), p.message))
                .collect();
        anyhow!("{}; nothing was logged", problems.join("; "))
    })
}

/// The flag of `runlift log` (and `edit`) that gives a session's `field`.
pub fn session_flag(field: &str) -> String {
    match field {
        "date" => "DATE".into(),
        "duration_s" => "--minutes".into(),
        "distance_m" => "--km".into(),
        "rpe" | "manual.rpe" => "--rpe".into(),
        "avg_hr" => "--avg-hr".into(),
        "note" | "manual.note" => "--note".into(),
        "start" => "--start".into(),
        f => match f.strip_prefix("set[").and_then(|r| r.split_once(']')) {
            Some((i, rest)) => {
                let n = i.parse::<usize>().map_or(0, |i| i + 1);
                format!("--set #{n}{rest}")
            }
            None => f.to_string(),
        },
    }
}

fn wellness_flag(field: &str) -> String {
    match field {
        "date" => "DATE".into(),
        "sleep_hours" => "--sleep-hours".into(),
        "rmssd_ms" => "--rmssd".into(),
        "rest_hr_bpm" => "--rhr".into(),
        f => format!("--{f}"),
    }
}

fn test_flag(field: &str) -> String {
    match field {
        "date" => "DATE".into(),
        f => format!("--{}", f.split('.').next().unwrap_or(f).replace('_', "-")),
    }
}

/// The session every `log run` and `log lift` starts from.
fn base_session(
    book: &Logbook,
    a: &SessionArgs,
    families: &[Family],
    fallback: Kind,
) -> anyhow::Result<Logged> {
    let date = book.current.done_on(a.date.as_deref(), "DATE")?;
    let (kind, kind_from) = match &a.kind {
        Some(k) => (
            parse_kind(k, families).map_err(|m| anyhow!("--kind: {m}"))?,
            KindFrom::Given,
        ),
        None => match planned_kind(book, date, families) {
            Some(k) => (k, KindFrom::Plan),
            None => (fallback, KindFrom::Default),
        },
    };
    if !(a.minutes.is_finite() && a.minutes > 0.0) {
        return Err(anyhow!(
            "--minutes: {} is not a duration: give the minutes the session took (more than 0); nothing was logged",
            a.minutes
        ));
    }
    let mut s = DoneSession::new(date, kind, a.minutes * 60.0);
    s.rpe = a.rpe;
    s.note = a.note.clone();
    s.planned = a.planned.clone();
    if let Some(t) = &a.start {
        s.start = Some(start_at(&book.current, date, t)?);
    }
    if let Some(p) = &a.planned
        && !book.planned.iter().any(|x| &x.id == p)
    {
        return Err(anyhow!(
            "--planned: {p} is not a session of the saved plan (`runlift compliance` lists their ids); nothing was logged"
        ));
    }
    Ok(Logged {
        session: s,
        kind_from,
    })
}

/// A session to log, and where its kind came from.
struct Logged {
    session: DoneSession,
    kind_from: KindFrom,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KindFrom {
    /// `--kind`.
    Given,
    /// The saved plan's session of that day.
    Plan,
    /// RUN_EASY or STR_HEAVY.
    Default,
}

/// The kind the saved plan has on `date` in one of `families` (the first of the day).
fn planned_kind(book: &Logbook, date: Date, families: &[Family]) -> Option<Kind> {
    book.planned
        .iter()
        .filter(|p| p.date == date && families.contains(&Family::of(p.kind)))
        .min_by_key(|p| p.start_min)
        .map(|p| p.kind)
}

/// `HH:MM` on `date` in the athlete's zone, with the zone's offset then.
fn start_at(current: &Current, date: Date, text: &str) -> anyhow::Result<Start> {
    let bad = || anyhow!("--start: {text:?} is not a time of day: expected HH:MM, e.g. 07:30");
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    let civil = date.at(h as i8, m as i8, 0, 0);
    let offset = current
        .tz
        .to_ambiguous_zoned(civil)
        .compatible()
        .map(|z| z.offset().seconds() / 60)
        .unwrap_or(0);
    Ok(Start {
        minute: h * 60 + m,
        utc_offset_min: offset as i16,
    })
}

fn run_session(book: &Logbook, a: RunArgs) -> anyhow::Result<Logged> {
    let mut logged = base_session(book, &a.session, &[Family::Run], Kind::RunEasy)?;
    let s = &mut logged.session;
    if let Some(km) = a.km {
        if !(km.is_finite() && km >= 0.0) {
            return Err(anyhow!(
                "--km: {km} is not a distance: expected 0 km or more; nothing was logged"
            ));
        }
        s.distance_m = Some(km * 1000.0);
    }
    s.avg_hr = a.avg_hr;
    Ok(logged)
}

fn lift_session(book: &Logbook, a: LiftArgs) -> anyhow::Result<Logged> {
    let mut logged = base_session(
        book,
        &a.session,
        &[Family::Strength, Family::Mobility],
        Kind::StrHeavy,
    )?;
    logged.session.sets = a
        .sets
        .iter()
        .enumerate()
        .map(|(i, text)| {
            parse_set(text).map_err(|m| anyhow!("--set #{}: {m}; nothing was logged", i + 1))
        })
        .collect::<anyhow::Result<Vec<LiftSet>>>()?;
    Ok(logged)
}

fn wellness_entry(current: &Current, a: WellnessArgs) -> anyhow::Result<WellnessEntry> {
    Ok(WellnessEntry {
        id: Id::default(),
        date: current.done_on(a.date.as_deref(), "DATE")?,
        fatigue: a.fatigue,
        sleep: a.sleep,
        soreness: a.soreness,
        stress: a.stress,
        mood: a.mood,
        sleep_hours: a.sleep_hours,
        rmssd_ms: a.rmssd,
        rest_hr_bpm: a.rhr,
        note: a.note,
    })
}

fn test_entry(current: &Current, a: TestArgs) -> anyhow::Result<TestEntry> {
    let date = current.done_on(a.date.as_deref(), "DATE")?;
    let result = if let Some(t) = &a.wall_sit {
        TestResult::WallSit {
            seconds: parse_hold(t).map_err(|m| anyhow!("--wall-sit: {m}"))?,
        }
    } else if let Some(t) = &a.cmj {
        TestResult::Cmj {
            cm: parse_cm(t).map_err(|m| anyhow!("--cmj: {m}"))?,
        }
    } else if let Some([d, t]) = a.time_trial.as_deref() {
        parse_time_trial(d, t).map_err(|m| anyhow!("--time-trial: {m}"))?
    } else if let Some([e, x]) = a.rm.as_deref() {
        parse_rep_max(e, x).map_err(|m| anyhow!("--rm: {m}"))?
    } else {
        return Err(anyhow!(
            "give one test: --wall-sit, --time-trial, --cmj or --rm"
        ));
    };
    Ok(TestEntry {
        id: Id::default(),
        date,
        result,
        note: a.note,
    })
}
