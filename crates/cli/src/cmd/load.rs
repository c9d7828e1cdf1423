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

/// `--from`, `--to`, `--db`, `--athlete`, `--format`: as `history` takes them; a `--to` after
/// today projects the saved plan's sessions up to it.
pub type Args = history::Args;

/// `--from`/`--to` as `history` reads them, but `--to` may be after today (the projection).
fn range(
    current: &crate::store::Current,
    today: Date,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<(Date, Date)> {
    match to {
        Some(t) => {
            let to = crate::store::parse_day(t).map_err(|m| anyhow::anyhow!("--to: {m}"))?;
            let (from, _) = history::range(current, from, Some(&today.min(to).to_string()))?;
            if from > to {
                return Err(anyhow::anyhow!("--from {from} is after --to {to}"));
            }
            Ok((from, to))
        }
        None => history::range(current, from, None),
    }
}

/// One row of `load --format json` (formats.md; `null` where a model has too little data).
#[derive(Serialize, Debug)]
struct DayJson {
    date: Date,
    /// A day after today: the saved plan's sessions counted as if done.
    projected: bool,
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

fn row(d: &DailyLoad, projected: bool) -> DayJson {
    let s = &d.summary;
    let finite = |x: f64| x.is_finite().then(|| (x * 100.0).round() / 100.0);
    DayJson {
        date: date_of(s.day),
        projected,
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
    let today = current.today()?;
    let (from, to) = range(current, today, args.from.as_deref(), args.to.as_deref())?;
    // days after today: the saved plan's sessions, as if done as planned
    let ahead = if to > today {
        let saved = opened.run(opened.store.plan(&current.athlete, None))?;
        match saved {
            Some(p) => {
                let label = format!(
                    "{}'s saved plan version {}.json",
                    current.athlete.name, p.version
                );
                let plan = runlift_planfile::parse_plan(&p.body, std::path::Path::new(&label))?;
                crate::loadlog::projected(&plan, today, to)
            }
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let history = LoadHistory::read_with(&opened, current, from, to, ahead)?;
    let rows: Vec<DayJson> = history
        .loads
        .iter()
        .filter(|d| date_of(d.day()) >= from && date_of(d.day()) <= to)
        .map(|d| row(d, date_of(d.day()) > today))
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
        "day", "sRPE", "strength", "impact", "CTL", "ATL", "TSB", "ACWR", "mono", "mus.TSB"
    )?;
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.2}"));
    for r in &rows {
        writeln!(
            out,
            "{:<16} {:>6.0} {:>8.0} {:>6.0} {:>6.1} {:>6.1} {:>6.1} {:>6} {:>5} {:>9.1}{}",
            day(r.date),
            r.srpe,
            r.strength,
            r.impact,
            r.ctl,
            r.atl,
            r.tsb,
            opt(r.acwr),
            opt(r.monotony),
            r.systems.muscular.tsb,
            if r.projected { "  (planned)" } else { "" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
