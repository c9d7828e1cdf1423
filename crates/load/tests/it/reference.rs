//! Cross-check against the pandas reference (tools/load_reference.py): the same 400 days of
//! loads, HRV and resting heart rate through both, every model compared day by day; and the same
//! heart-rate streams through both TRIMPs. Skipped,
//! with a message, when python3 or pandas is missing (install with
//! `pip install -r tools/requirements.txt`); this test never installs anything.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use runlift_load::baseline::{Baseline, baselines};
use runlift_load::pmc::Weighting;
use runlift_load::{DailyLoad, models};

use crate::synth::history;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pinned tools' Python (`RUNLIFT_PYTHON`, with pandas), or `None` after reporting the skip.
fn pandas_python(test: &str) -> Option<PathBuf> {
    runlift_testkit::python(&format!("{test} needs pandas (tools/requirements.txt)"))
}

fn cell(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| format!("{x:.17e}"))
}

/// The Rust side's row in the reference's column order.
fn row(l: &DailyLoad, hrv: Option<Baseline>, rhr: Option<Baseline>) -> Vec<Option<f64>> {
    let mut v = vec![
        Some(l.combined.ctl),
        Some(l.combined.atl),
        Some(l.combined.tsb),
    ];
    for s in runlift_load::System::ALL {
        let f = l.systems.get(s);
        v.extend([Some(f.ctl), Some(f.atl), Some(f.tsb)]);
    }
    v.extend([Some(l.ewma.acute), Some(l.ewma.chronic), l.acwr()]);
    for s in runlift_load::System::ALL {
        v.push(l.system_acwr.get(s));
    }
    v.extend([l.rolling.map(|r| r.coupled), l.rolling.map(|r| r.uncoupled)]);
    v.extend([l.monotony.map(|m| m.monotony), l.monotony.map(|m| m.strain)]);
    for b in [hrv, rhr] {
        v.push(b.map(|b| b.week_mean));
        v.push(b.and_then(|b| b.normal).map(|n| n.low));
        v.push(b.and_then(|b| b.normal).map(|n| n.high));
    }
    v
}

fn parse(s: &str) -> Option<f64> {
    match s {
        "" => None,
        "inf" => Some(f64::INFINITY),
        x => Some(x.parse().expect("number")),
    }
}

#[test]
fn rust_and_pandas_agree_on_every_model() {
    let Some(python) = pandas_python("rust_and_pandas_agree_on_every_model") else {
        return;
    };
    // 400 days with two weeks off sick.
    let h = history(0x5eed_0014, 400, 150..164);
    let loads = models(&h.days, Weighting::Exponential);
    let hrv = baselines(&h.ln_rmssd);
    let rhr = baselines(&h.rest_hr);

    let dir = std::env::temp_dir().join(format!("runlift-load-ref-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (input, output) = (dir.join("days.csv"), dir.join("models.csv"));
    let mut csv = String::from("day,srpe,trimp,strength,impact,ln_rmssd,rest_hr\n");
    for (i, s) in h.days.iter().enumerate() {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{}",
            s.day,
            cell(Some(s.srpe)),
            cell(Some(s.trimp)),
            cell(Some(s.strength)),
            cell(Some(s.impact.load())),
            cell(h.ln_rmssd[i]),
            cell(h.rest_hr[i])
        );
    }
    std::fs::write(&input, csv).expect("write input");
    let o = Command::new(&python)
        .arg(repo().join("tools/load_reference.py"))
        .arg("--input")
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run the tools' python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&output).expect("output");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let mut compared = 0;
    for (i, line) in lines.enumerate() {
        let py: Vec<Option<f64>> = line.split(',').skip(1).map(parse).collect();
        let rs = row(&loads[i], hrv[i], rhr[i]);
        assert_eq!(py.len(), rs.len(), "columns");
        for (k, (a, b)) in rs.iter().zip(&py).enumerate() {
            let col = header[k + 1];
            match (a, b) {
                (Some(a), Some(b)) if a.is_infinite() || b.is_infinite() => {
                    assert_eq!(a, b, "day {i} {col}")
                }
                (Some(a), Some(b)) => {
                    assert!(
                        (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                        "day {i} {col}: rust {a} pandas {b}"
                    );
                    compared += 1;
                }
                (None, None) => {}
                _ => panic!("day {i} {col}: rust {a:?} pandas {b:?}"),
            }
        }
    }
    assert!(compared > 400 * 20, "{compared} values compared");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rust_and_pandas_agree_on_trimp_from_streams() {
    use runlift_load::input::{HeartRateProfile, HrSample, Sex};
    use runlift_load::trimp::{banister_stream, edwards_stream};

    let Some(python) = pandas_python("rust_and_pandas_agree_on_trimp_from_streams") else {
        return;
    };
    let hr = HeartRateProfile {
        rest_bpm: 48.0,
        max_bpm: 188.0,
        sex: Sex::Female,
    };
    // Eight sessions: 1–5 s sampling, heart rate wandering from 80 to 195 bpm, some pauses.
    let mut r = crate::synth::Rng(0x0071_214b);
    let streams: Vec<Vec<HrSample>> = (0..8)
        .map(|_| {
            let mut t = 0.0;
            let mut bpm: f64 = 120.0;
            (0..1500)
                .map(|_| {
                    t += if r.next() < 0.01 {
                        120.0
                    } else {
                        1.0 + 4.0 * r.next()
                    };
                    bpm = (bpm + 6.0 * (r.next() - 0.5)).clamp(80.0, 195.0);
                    HrSample { t_s: t, bpm }
                })
                .collect()
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("runlift-trimp-ref-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (input, output) = (dir.join("hr.csv"), dir.join("trimp.csv"));
    let mut csv = String::from("session,t_s,bpm\n");
    for (i, s) in streams.iter().enumerate() {
        for x in s {
            let _ = writeln!(csv, "{i},{:.17e},{:.17e}", x.t_s, x.bpm);
        }
    }
    std::fs::write(&input, csv).expect("write input");
    let o = Command::new(&python)
        .arg(repo().join("tools/load_reference.py"))
        .args(["--streams", input.to_str().expect("path")])
        .args(["--output", output.to_str().expect("path")])
        .args(["--rest", "48", "--max", "188", "--sex", "female"])
        .output()
        .expect("run the tools' python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&output).expect("output");
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|x| x.parse().expect("number")).collect())
        .collect();
    assert_eq!(rows.len(), streams.len());
    for (s, row) in streams.iter().zip(&rows) {
        let (b, e) = (banister_stream(s, &hr), edwards_stream(s, hr.max_bpm));
        assert!(
            (b - row[1]).abs() <= 1e-9 * b.max(1.0),
            "Banister: rust {b} pandas {}",
            row[1]
        );
        assert!(
            (e - row[2]).abs() <= 1e-9 * e.max(1.0),
            "Edwards: rust {e} pandas {}",
            row[2]
        );
        assert!(b > 10.0 && e > 10.0, "a real load: {b} {e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
