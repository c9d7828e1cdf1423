//! `runlift paces`: an athlete's VDOT (given, or from a race), the Daniels training paces and the
//! equivalent race times, as a readable table or as formats.md's "Paces" JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use runlift_model::paces::{self, Race, TrainingPaces};

/// Daniels training paces and equivalent race times for a VDOT.
///
/// Give the VDOT (`--vdot 47`) or a recent race (`--race 10k --time 45:16`). Paces follow the
/// published VDOT table (docs/paces.md). Exit status 2 on bad input.
#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["vdot", "race"])))]
pub struct Args {
    /// The VDOT, 20 to 90.
    #[arg(long, conflicts_with_all = ["race", "time"])]
    pub vdot: Option<f64>,
    /// A race distance: 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, marathon, or metres
    /// (`8000m`, `8km`, `8000`).
    #[arg(long, requires = "time")]
    pub race: Option<String>,
    /// The race time, h:mm:ss or m:ss.
    #[arg(long, requires = "race")]
    pub time: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (vdot, from) = match (&args.vdot, &args.race, &args.time) {
        (Some(v), _, _) => {
            if !(paces::VDOT_MIN..=paces::VDOT_MAX).contains(v) {
                bail!(
                    "--vdot {v}: expected a VDOT between {} and {}",
                    paces::VDOT_MIN,
                    paces::VDOT_MAX
                );
            }
            (*v, None)
        }
        (None, Some(race), Some(time)) => {
            let metres = race_metres(race)?;
            let v = paces::recent_race_vdot(metres, time)
                .map_err(|e| anyhow::anyhow!("--race {race} --time {time}: {e}"))?;
            (v, Some(format!("{race} in {time}")))
        }
        _ => bail!("give --vdot, or --race with --time"),
    };
    // Paces and race times are those of the VDOT as shown (one decimal), so they can be reproduced
    // with --vdot.
    let vdot = ((vdot * 10.0).round() / 10.0).clamp(paces::VDOT_MIN, paces::VDOT_MAX);
    let p = TrainingPaces::at(vdot)?.rounded(0);
    let races = Race::MAIN
        .iter()
        .map(|r| Ok((*r, paces::race_time(vdot, *r)?.round() as u32)))
        .collect::<Result<Vec<_>, paces::PaceError>>()?;
    let text = match args.format {
        Format::Json => {
            let race_json: Vec<String> = races
                .iter()
                .map(|(r, s)| format!("\"{}\": {s}", r.key()))
                .collect();
            format!(
                "{{\"vdot\": {vdot:.1},\n \"paces_s_per_km\": {{\"E\": [{}, {}], \"M\": {}, \"T\": {}, \"I\": {}, \"R\": {}}},\n \"race_times_s\": {{{}}}}}\n",
                p.e.fast_s_per_km,
                p.e.slow_s_per_km,
                p.m.slow_s_per_km,
                p.t.slow_s_per_km,
                p.i.slow_s_per_km,
                p.r.slow_s_per_km,
                race_json.join(", ")
            )
        }
        Format::Text => {
            let mut s = format!("VDOT {vdot:.1}");
            if let Some(f) = from {
                s.push_str(&format!(" (from {f})"));
            }
            s.push_str("\n\nTraining paces (per km)\n");
            let rows = [
                (
                    "E",
                    "Easy",
                    format!("{}–{}", clock(p.e.fast_s_per_km), clock(p.e.slow_s_per_km)),
                ),
                ("M", "Marathon", clock(p.m.slow_s_per_km)),
                ("T", "Threshold", clock(p.t.slow_s_per_km)),
                ("I", "Interval", clock(p.i.slow_s_per_km)),
                (
                    "R",
                    "Repetition",
                    format!(
                        "{}  ({} s per 400 m)",
                        clock(p.r.slow_s_per_km),
                        (f64::from(p.r.slow_s_per_km) * 0.4).round()
                    ),
                ),
            ];
            for (z, name, pace) in rows {
                s.push_str(&format!("  {z}  {name:<11} {pace}\n"));
            }
            s.push_str("\nEquivalent race times\n");
            for (r, secs) in &races {
                s.push_str(&format!("  {:<9} {:>8}\n", race_name(*r), clock(*secs)));
            }
            s
        }
    };
    out.write_all(text.as_bytes()).context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

fn race_name(r: Race) -> &'static str {
    match r {
        Race::M1500 => "1500 m",
        Race::Mile => "Mile",
        Race::M3000 => "3000 m",
        Race::TwoMiles => "2 miles",
        Race::K5 => "5 km",
        Race::K10 => "10 km",
        Race::K15 => "15 km",
        Race::Half => "Half",
        Race::Marathon => "Marathon",
    }
}

/// `h:mm:ss` or `m:ss`.
fn clock(s: u32) -> String {
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// A race distance in metres: a table race's name, an alias, or a number of metres or km.
fn race_metres(text: &str) -> anyhow::Result<f64> {
    let t = text.trim().to_ascii_lowercase();
    let alias = match t.as_str() {
        "1500" => Some(Race::M1500),
        "3k" | "3km" => Some(Race::M3000),
        "2mi" | "2miles" | "2-mile" => Some(Race::TwoMiles),
        "5km" | "5000m" => Some(Race::K5),
        "10km" | "10000m" => Some(Race::K10),
        "15km" => Some(Race::K15),
        "half-marathon" | "half_marathon" | "hm" => Some(Race::Half),
        _ => Race::from_key(&t),
    };
    if let Some(r) = alias {
        return Ok(r.metres());
    }
    let (num, scale) = if let Some(n) = t.strip_suffix("km").or_else(|| t.strip_suffix('k')) {
        (n, 1000.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 1.0)
    } else {
        (t.as_str(), 1.0)
    };
    match num.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n * scale),
        _ => bail!(
            "--race {text}: expected 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, marathon, or a \
             distance such as 8000m or 8km"
        ),
    }
}

/// `h:mm:ss`, `m:ss` (seconds may have decimals) into seconds, as every command reads a race time
/// (`runlift_model::paces::parse_race_time_or_hint`).
#[cfg(test)]
fn parse_time(text: &str) -> anyhow::Result<f64> {
    runlift_model::paces::parse_race_time_or_hint(text)
        .map_err(|e| anyhow::anyhow!("--time {text}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paces(args: &[&str]) -> anyhow::Result<String> {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            args: Args,
        }
        let cli = Cli::try_parse_from(std::iter::once("paces").chain(args.iter().copied()))?;
        let mut out = Vec::new();
        run(cli.args, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    #[test]
    fn json_is_formats_md_for_the_published_row() {
        // formats.md "Paces": the published row of VDOT 45, from the VDOT or from its 10K.
        for args in [
            &["--vdot", "45", "--format", "json"][..],
            &["--race", "10k", "--time", "45:16", "--format", "json"][..],
        ] {
            let text = paces(args).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v,
                serde_json::json!({"vdot": 45.0,
                 "paces_s_per_km": {"E": [323, 363], "M": 297, "T": 278, "I": 256, "R": 235},
                 "race_times_s": {"1500m": 356, "mile": 385, "5k": 1310, "10k": 2716,
                                  "half": 6020, "marathon": 12506}}),
                "{args:?}"
            );
            // Keys in the documented order.
            let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap_or(usize::MAX);
            assert!(pos("vdot") < pos("paces_s_per_km") && pos("E") < pos("R"));
            assert!(pos("1500m") < pos("mile") && pos("half") < pos("marathon"));
        }
    }

    #[test]
    fn text_table_shows_min_sec_per_km() {
        let text = paces(&["--race", "half", "--time", "1:31:35"]).unwrap();
        assert!(
            text.starts_with("VDOT 50.0 (from half in 1:31:35)"),
            "{text}"
        );
        assert!(text.contains("E  Easy        4:56–5:34"), "{text}");
        assert!(text.contains("T  Threshold   4:15"), "{text}");
        assert!(
            text.contains("R  Repetition  3:38  (87 s per 400 m)"),
            "{text}"
        );
        assert!(text.contains("Marathon   3:10:49"), "{text}");
        assert!(text.contains("  5 km         19:57\n"), "{text}");
    }

    #[test]
    fn between_rows_and_outside_the_table() {
        let p47: serde_json::Value =
            serde_json::from_str(&paces(&["--vdot", "47", "--format", "json"]).unwrap()).unwrap();
        let t = p47["paces_s_per_km"]["T"].as_u64().unwrap();
        assert!((255..278).contains(&t), "{p47}");
        let low: serde_json::Value =
            serde_json::from_str(&paces(&["--vdot", "22.5", "--format", "json"]).unwrap()).unwrap();
        assert_eq!(low["vdot"], 22.5);
        assert!(low["race_times_s"]["marathon"].as_u64().unwrap() > 17357);
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        // As main prints it: the context, then the cause.
        let err = |args: &[&str]| format!("{:#}", paces(args).unwrap_err());
        assert!(err(&["--vdot", "95"]).contains("--vdot 95: expected a VDOT between 20 and 90"));
        assert!(err(&["--race", "10k", "--time", "45:76"]).contains("--time 45:76"));
        assert!(err(&["--race", "10k", "--time", "abc"]).contains("h:mm:ss"));
        assert!(err(&["--race", "moon", "--time", "45:16"]).contains("--race moon"));
        assert!(
            err(&["--race", "100m", "--time", "0:12"]).contains("between 800 and 50000 metres")
        );
        let e = err(&["--race", "5k", "--time", "9:00"]);
        assert!(e.contains("outside 20–90"), "{e}");
        // Missing or conflicting arguments are clap's usage errors (also exit 2).
        assert!(paces(&[]).is_err());
        assert!(paces(&["--vdot", "45", "--race", "5k"]).is_err());
        assert!(paces(&["--race", "5k"]).is_err());
    }

    #[test]
    fn race_names_and_times_parse() {
        assert_eq!(race_metres("10K").unwrap(), 10_000.0);
        assert_eq!(race_metres("half").unwrap(), 21_097.5);
        assert_eq!(race_metres("8km").unwrap(), 8000.0);
        assert_eq!(race_metres("8000m").unwrap(), 8000.0);
        assert_eq!(race_metres("mile").unwrap(), 1609.344);
        assert_eq!(parse_time("45:16").unwrap(), 2716.0);
        assert_eq!(parse_time("1:40:20").unwrap(), 6020.0);
        assert!(parse_time("2716").is_err());
        assert!(parse_time("1:2:3:4").is_err());
    }
}
