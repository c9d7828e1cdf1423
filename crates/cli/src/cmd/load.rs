//! `runlift load`: the daily table of the load models over the log (formats.md): session RPE,
//! TRIMP, strength and impact load, fitness / fatigue / form (CTL/ATL/TSB) of the combined
//! load and of each system, the EWMA ACWR, monotony and strain, from `--from` to `--to` (the
//! last four weeks by default). The models read 90 days more before `--from`, so the first rows
//! shown are not a cold start.

use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;
use runlift_load::{DailyLoad, System};
use runlift_rules::time::date_of;
use serde::Serialize;

use crate::cmd::history;
use crate::loadlog::LoadHistory;
use crate::logbook::day;
use crate::output::{TextOrJson, write_json};
use crate::store::Opened;

/// `--from`, `--to`, `--db`, `--athlete`, `--format`: as `history` takes them.
pub type Args = history::Args;

/// One row of `load --format json` (formats.md; `null` where a model has too little data).
#[derive(Serialize, Debug)]
struct DayJson {
    date: Date,
    srpe: f64,
    trimp: Option<f64>,
    strength: f64,
    impact: f64,
    ctl: f64,
    atl: f64,
    tsb: f64,
    acwr: Option<f64>,
    monotony: Option<f64>,
    strain: Option<f64>,
    /// CTL/ATL/TSB of each system.
    systems: SystemsJson,
}

#[derive(Serialize, Debug)]
struct SystemsJson {
    cardio: runlift_load::Form,
    muscular: runlift_load::Form,
    impact: runlift_load::Form,
}

#[derive(Serialize, Debug)]
struct LoadJson {
    days: Vec<DayJson>,
    /// The model each system's load is.
    systems: std::collections::BTreeMap<&'static str, &'static str>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round_form(f: runlift_load::Form) -> runlift_load::Form {
    runlift_load::Form {
        ctl: round1(f.ctl),
        atl: round1(f.atl),
        tsb: round1(f.tsb),
    }
}

fn row(d: &DailyLoad) -> DayJson {
    let s = &d.summary;
    let finite = |x: f64| x.is_finite().then(|| (x * 100.0).round() / 100.0);
    DayJson {
        date: date_of(s.day),
        srpe: round1(s.srpe),
        // (no heart-rate profile in the athlete's profile: TRIMP has nothing to count)
        trimp: (s.trimp > 0.0).then(|| round1(s.trimp)),
        strength: round1(s.strength),
        impact: round1(s.impact.load()),
        ctl: round1(d.combined.ctl),
        atl: round1(d.combined.atl),
        tsb: round1(d.combined.tsb),
        acwr: d.acwr().and_then(finite),
        monotony: d.monotony.and_then(|m| finite(m.monotony)),
        strain: d.monotony.and_then(|m| finite(m.strain)).map(round1),
        systems: SystemsJson {
            cardio: round_form(d.systems.cardio),
            muscular: round_form(d.systems.muscular),
            impact: round_form(d.systems.impact),
        },
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let current = &opened.current(&args.db)?;
    let (from, to) = history::range(current, args.from.as_deref(), args.to.as_deref())?;
    let history = LoadHistory::read(&opened, current, from, to)?;
    let rows: Vec<DayJson> = history
        .loads
        .iter()
        .filter(|d| date_of(d.day()) >= from && date_of(d.day()) <= to)
        .map(row)
        .collect();
    if args.format == TextOrJson::Json {
        let systems = System::ALL.iter().map(|s| (s.word(), s.model())).collect();
        write_json(
            out,
            &LoadJson {
                days: rows,
                systems,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}'s load from {} to {} (sRPE in AU; CTL/ATL/TSB of the combined sRPE, 42/7 days)",
        current.athlete.name,
        day(from),
        day(to)
    )?;
    writeln!(
        out,
        "{:<16} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>5} {:>9}",
        "day", "sRPE", "strength", "impact", "CTL", "ATL", "TSB", "ACWR", "mono", "muscular"
    )?;
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.2}"));
    for r in &rows {
        writeln!(
            out,
            "{:<16} {:>6.0} {:>8.0} {:>6.0} {:>6.1} {:>6.1} {:>6.1} {:>6} {:>5} {:>9.1}",
            day(r.date),
            r.srpe,
            r.strength,
            r.impact,
            r.ctl,
            r.atl,
            r.tsb,
            opt(r.acwr),
            opt(r.monotony),
            r.systems.muscular.tsb
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
