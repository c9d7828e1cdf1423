//! `runlift report`: one self-contained HTML file (inline CSS and SVG, no script, nothing
//! fetched) over the last `--weeks` weeks: fitness / fatigue / form of the combined load and of
//! each system, weekly minutes by sport, compliance per week, e1RM trends, wellness against load,
//! the correlations between recovery items and load (each with its sample size, and no claim
//! below `MIN_PAIRS` days), and R-FUEL's carbohydrate class of the last two weeks' days.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use jiff::civil::Date;
use runlift_load::maxes::StrengthHistory;
use runlift_load::{DailyLoad, System};
use runlift_rules::time::{date_of, day_number};

use crate::cmd::compliance::weeks_between;
use crate::loadlog::LoadHistory;
use crate::logbook::{Logbook, day, week_start};
use crate::store::{DbArgs, Opened};

/// Days of paired values under which a correlation is not stated.
pub const MIN_PAIRS: usize = 20;
const W: f64 = 720.0;
const H: f64 = 200.0;
const PAD: f64 = 36.0;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Weeks the report covers, up to today.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=520))]
    pub weeks: u16,
    /// The HTML file to write (atomically) [default: standard output].
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// One line of a chart: its name, colour and points (day number, value).
struct Series<'a> {
    name: &'a str,
    colour: &'a str,
    points: Vec<(f64, f64)>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Scales of a chart over `series` from day `x0` to `x1`.
struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn of(series: &[Series], x0: f64, x1: f64, zero: bool) -> Frame {
        let ys = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
        let (mut y0, mut y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        if y0 > y1 {
            (y0, y1) = (0.0, 1.0);
        }
        if zero {
            y0 = y0.min(0.0);
        }
        if (y1 - y0).abs() < 1e-9 {
            y1 = y0 + 1.0;
        }
        Frame {
            x0,
            x1: x1.max(x0 + 1.0),
            y0,
            y1,
        }
    }
    fn x(&self, v: f64) -> f64 {
        PAD + (v - self.x0) / (self.x1 - self.x0) * (W - 2.0 * PAD)
    }
    fn y(&self, v: f64) -> f64 {
        H - PAD / 2.0 - (v - self.y0) / (self.y1 - self.y0) * (H - PAD)
    }
}

/// A line chart with a legend, the y range and the first and last day on the axes.
fn line_chart(title: &str, series: &[Series], x0: f64, x1: f64, zero: bool) -> String {
    let f = Frame::of(series, x0, x1, zero);
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    let _ = write!(
        s,
        "<line x1=\"{PAD}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>",
        f.y(f.y0.max(0.0).min(f.y1)),
        W - PAD,
        f.y(f.y0.max(0.0).min(f.y1))
    );
    let _ = write!(
        s,
        "<text x=\"2\" y=\"{:.0}\">{:.0}</text><text x=\"2\" y=\"{:.0}\">{:.0}</text>",
        f.y(f.y1) + 10.0,
        f.y1,
        f.y(f.y0),
        f.y0
    );
    let _ = write!(
        s,
        "<text x=\"{PAD}\" y=\"{H}\">{}</text><text x=\"{}\" y=\"{H}\" text-anchor=\"end\">{}</text>",
        date_of(x0 as i32),
        W - PAD,
        date_of(x1 as i32)
    );
    for (k, ser) in series.iter().enumerate() {
        let pts: Vec<String> = ser
            .points
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", f.x(*x), f.y(*y)))
            .collect();
        if pts.len() == 1 {
            let (x, y) = ser.points[0];
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                f.x(x),
                f.y(y),
                ser.colour
            );
        } else if !pts.is_empty() {
            let _ = write!(
                s,
                "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\" points=\"{}\"/>",
                ser.colour,
                pts.join(" ")
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
            PAD + 10.0 + 130.0 * k as f64,
            12,
            ser.colour,
            esc(ser.name)
        );
    }
    s.push_str("</svg></figure>\n");
    s
}

/// Stacked weekly bars: for each week (Monday's day number), one value per part.
fn stacked_bars(title: &str, parts: &[(&str, &str)], weeks: &[(i32, Vec<f64>)]) -> String {
    let top = weeks
        .iter()
        .map(|(_, v)| v.iter().sum::<f64>())
        .fold(1.0, f64::max);
    let n = weeks.len().max(1) as f64;
    let bw = (W - 2.0 * PAD) / n * 0.8;
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    for (k, (monday, values)) in weeks.iter().enumerate() {
        let x = PAD + (W - 2.0 * PAD) / n * k as f64;
        let mut base = H - PAD / 2.0;
        for (v, (_, colour)) in values.iter().zip(parts) {
            let h = v / top * (H - PAD);
            base -= h;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{base:.1}\" width=\"{bw:.1}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{}: {v:.0}</title></rect>",
                date_of(*monday)
            );
        }
    }
    for (k, (name, colour)) in parts.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"12\" fill=\"{colour}\">{}</text>",
            PAD + 10.0 + 130.0 * k as f64,
            esc(name)
        );
    }
    let _ = writeln!(s, "<text x=\"2\" y=\"22\">{top:.0}</text></svg></figure>");
    s
}

/// Pearson's r of paired values; None under two pairs or without spread.
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// The correlations table: each wellness item (and the sum, and sleep hours) against the day
/// before's session RPE load.
fn correlations(loads: &[DailyLoad], wellness: &[runlift_model::log::WellnessEntry]) -> String {
    let load_on = |d: i32| loads.iter().find(|l| l.day() == d).map(|l| l.summary.srpe);
    type Item = fn(&runlift_model::log::WellnessEntry) -> Option<f64>;
    let items: [(&str, Item); 7] = [
        ("wellness sum", |w| Some(f64::from(w.sum()))),
        ("fatigue", |w| Some(f64::from(w.fatigue))),
        ("sleep", |w| Some(f64::from(w.sleep))),
        ("soreness", |w| Some(f64::from(w.soreness))),
        ("stress", |w| Some(f64::from(w.stress))),
        ("mood", |w| Some(f64::from(w.mood))),
        ("sleep hours", |w| w.sleep_hours),
    ];
    let mut s = String::from(
        "<table><tr><th>item (morning)</th><th>against</th><th>days</th><th>r</th><th>reading</th></tr>",
    );
    for (name, f) in items {
        let pairs: Vec<(f64, f64)> = wellness
            .iter()
            .filter_map(|w| Some((load_on(day_number(w.date) - 1)?, f(w)?)))
            .collect();
        let r = pearson(&pairs);
        let reading = match r {
            _ if pairs.len() < MIN_PAIRS => {
                format!("too few days to say (fewer than {MIN_PAIRS})")
            }
            None => "no spread to correlate".into(),
            Some(r) if r.abs() < 0.3 => "little or no relation".into(),
            Some(r) if r < 0.0 => "lower after harder days".into(),
            Some(_) => "higher after harder days".into(),
        };
        let _ = write!(
            s,
            "<tr><td>{name}</td><td>the day before's load (sRPE)</td><td>{}</td><td>{}</td><td>{reading}</td></tr>",
            pairs.len(),
            r.filter(|_| pairs.len() >= MIN_PAIRS)
                .map_or("–".to_string(), |r| format!("{r:.2}"))
        );
    }
    s.push_str("</table>\n");
    s
}

const CSS: &str = "body{font:14px/1.45 system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}\
figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.3em}svg{width:100%;height:auto;background:#fafafa}\
svg text{font-size:11px;fill:#555}.axis{stroke:#bbb}table{border-collapse:collapse;margin:1em 0}\
td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left}.green{color:#1a7f37}.yellow{color:#9a6700}.red{color:#cf222e}";

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = Opened::open(&args.db)?;
    let book = Logbook::open(&opened, &args.db)?;
    let current = &book.current;
    let today = current.today()?;
    let from = week_start(
        today
            .checked_sub(jiff::Span::new().days(7 * i64::from(args.weeks) - 1))
            .map_err(|e| anyhow!("--weeks: {e}"))?,
    );
    let history = LoadHistory::read(&opened, current, from, today)?;
    let id = current.athlete.id.as_str();
    let done = opened.run(opened.store.sessions(id, Some(from), Some(today)))?;
    let tests = opened.run(opened.store.tests(id, None, Some(today)))?;
    let all_done = opened.run(opened.store.sessions(id, None, Some(today)))?;
    let weeks = weeks_between(&opened, &book, from, today, today)?;
    let html = page(&Page {
        name: &current.athlete.name,
        from,
        today,
        plan_version: book.plan_version,
        loads: &history.loads,
        wellness: &history.wellness,
        done: &done,
        strength: StrengthHistory::of(&all_done, &tests),
        weeks: &weeks,
    });
    match &args.out {
        Some(path) => {
            crate::atomic::write(path, html.as_bytes())?;
            eprintln!("wrote {} ({} bytes)", path.display(), html.len());
        }
        None => out.write_all(html.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What the page shows.
struct Page<'a> {
    name: &'a str,
    from: Date,
    today: Date,
    plan_version: Option<i64>,
    loads: &'a [DailyLoad],
    wellness: &'a [runlift_model::log::WellnessEntry],
    done: &'a [runlift_model::log::DoneSession],
    strength: StrengthHistory,
    weeks: &'a [runlift_load::compliance::WeekCompliance],
}

fn page(p: &Page) -> String {
    let (x0, x1) = (
        f64::from(day_number(p.from)),
        f64::from(day_number(p.today)),
    );
    let shown: Vec<&DailyLoad> = p
        .loads
        .iter()
        .filter(|l| f64::from(l.day()) >= x0 && f64::from(l.day()) <= x1)
        .collect();
    let pts = |f: &dyn Fn(&DailyLoad) -> f64| -> Vec<(f64, f64)> {
        shown.iter().map(|l| (f64::from(l.day()), f(l))).collect()
    };
    let mut s = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>runlift report: {}</title><style>{CSS}</style></head><body>",
        esc(p.name)
    );
    let _ = write!(
        s,
        "<h1>{}: {} to {}</h1><p>{} session(s) done, {} morning(s) of wellness; compared with {}.</p>",
        esc(p.name),
        day(p.from),
        day(p.today),
        p.done.len(),
        p.wellness.iter().filter(|w| w.date >= p.from).count(),
        p.plan_version
            .map_or("no saved plan".to_string(), |v| format!(
                "saved plan version {v}"
            ))
    );
    s.push_str("<h2>Fitness, fatigue and form</h2>");
    s.push_str(&line_chart(
        "Combined load (session RPE): CTL 42 d, ATL 7 d, TSB = CTL − ATL",
        &[
            Series {
                name: "fitness (CTL)",
                colour: "#0969da",
                points: pts(&|l| l.combined.ctl),
            },
            Series {
                name: "fatigue (ATL)",
                colour: "#cf222e",
                points: pts(&|l| l.combined.atl),
            },
            Series {
                name: "form (TSB)",
                colour: "#1a7f37",
                points: pts(&|l| l.combined.tsb),
            },
        ],
        x0,
        x1,
        true,
    ));
    let systems: Vec<Series> = System::ALL
        .iter()
        .zip(["#8250df", "#bf8700", "#0969da"])
        .map(|(sys, colour)| Series {
            name: sys.word(),
            colour,
            points: pts(&|l| l.systems.get(*sys).ctl),
        })
        .collect();
    s.push_str(&line_chart(
        "Fitness (CTL) per system: cardio (TRIMP), muscular (strength sRPE), impact (metres and contacts)",
        &systems,
        x0,
        x1,
        true,
    ));
    s.push_str("<h2>Weekly volume by sport</h2>");
    let mut by_week: Vec<(i32, Vec<f64>)> = Vec::new();
    for d in p.done {
        let monday = day_number(week_start(d.date));
        let k = d.effective_kind();
        let part = if k.is_run() {
            0
        } else if k.is_strength() {
            1
        } else {
            2
        };
        let i = match by_week.iter().position(|(m, _)| *m == monday) {
            Some(i) => i,
            None => {
                by_week.push((monday, vec![0.0; 3]));
                by_week.len() - 1
            }
        };
        by_week[i].1[part] += d.duration_s / 60.0;
    }
    by_week.sort_by_key(|(m, _)| *m);
    s.push_str(&stacked_bars(
        "Minutes a week",
        &[
            ("running", "#0969da"),
            ("strength", "#bf8700"),
            ("other", "#8c959f"),
        ],
        &by_week,
    ));
    s.push_str("<h2>Compliance</h2><table><tr><th>week</th><th>planned min</th><th>done min</th><th>ratio</th><th>status</th><th>missed</th><th>unplanned</th></tr>");
    for w in p.weeks {
        let status = w.status.map_or("–", |st| st.word());
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{:.0}</td><td>{:.0}</td><td>{}</td><td class=\"{status}\">{status}</td><td>{}</td><td>{}</td></tr>",
            day(w.monday),
            w.planned_minutes,
            w.done_minutes,
            w.ratio
                .map_or("–".to_string(), |r| format!("{:.0} %", r * 100.0)),
            w.counts.missed,
            w.counts.unplanned
        );
    }
    s.push_str("</table>");
    s.push_str("<h2>Strength: best e1RM</h2>");
    let lifts: Vec<Series> = p
        .strength
        .exercises()
        .iter()
        .take(4)
        .zip(["#0969da", "#cf222e", "#1a7f37", "#8250df"])
        .map(|(e, colour)| Series {
            name: &e.get().name,
            colour,
            points: p
                .strength
                .day_bests(*e)
                .iter()
                .filter(|b| b.date >= p.from)
                .map(|b| (f64::from(day_number(b.date)), b.e1rm_kg))
                .collect(),
        })
        .collect();
    if lifts.iter().all(|l| l.points.is_empty()) {
        s.push_str("<p>No sets with loads in these weeks.</p>");
    } else {
        s.push_str(&line_chart(
            "e1RM, kg (Epley, or the RTS chart when RPE is logged)",
            &lifts,
            x0,
            x1,
            false,
        ));
    }
    s.push_str("<h2>Wellness against load</h2>");
    let well: Vec<(f64, f64)> = p
        .wellness
        .iter()
        .filter(|w| w.date >= p.from)
        .map(|w| (f64::from(day_number(w.date)), f64::from(w.sum())))
        .collect();
    let top = shown.iter().map(|l| l.summary.srpe).fold(1.0, f64::max);
    s.push_str(&line_chart(
        "Wellness sum (5–25, 5 best items) and the day's load scaled to 25",
        &[
            Series {
                name: "wellness sum",
                colour: "#1a7f37",
                points: well,
            },
            Series {
                name: "load (sRPE, scaled)",
                colour: "#cf222e",
                points: pts(&|l| l.summary.srpe / top * 25.0),
            },
        ],
        x0,
        x1,
        true,
    ));
    s.push_str("<h3>Correlations</h3>");
    s.push_str(&correlations(p.loads, p.wellness));
    s.push_str("<h2>Carbohydrate (R-FUEL), the last two weeks</h2><table><tr><th>day</th><th>minutes</th><th>class</th><th>g/kg</th></tr>");
    for l in shown.iter().rev().take(14).rev() {
        let f = l.summary.fuel();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{:.0}</td><td>{}</td><td>{}</td></tr>",
            day(date_of(l.day())),
            l.summary.minutes,
            f.word(),
            f.grams()
        );
    }
    s.push_str("</table><p>Made by runlift from the athlete's own log; every chart is in this file.</p></body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::pearson;

    #[test]
    fn pearson_of_lines_and_of_too_little() {
        let up: Vec<(f64, f64)> = (0..10)
            .map(|i| (f64::from(i), 2.0 * f64::from(i) + 1.0))
            .collect();
        let down: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), -f64::from(i))).collect();
        assert!((pearson(&up).unwrap() - 1.0).abs() < 1e-12);
        assert!((pearson(&down).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[(1.0, 2.0)]), None);
        assert_eq!(pearson(&[(1.0, 2.0), (2.0, 2.0)]), None, "no spread in y");
        // a known value: x = 1..5, y = 2, 4, 5, 4, 5 gives r = 0.7746
        let r = pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 5.0), (4.0, 4.0), (5.0, 5.0)]).unwrap();
        assert!((r - 0.774_596_669).abs() < 1e-6, "{r}");
    }
}
