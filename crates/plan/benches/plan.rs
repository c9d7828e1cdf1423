//! Planner benchmarks (BENCHMARKS.md, planner section): one week's optimal placement, a 52-week
//! plan, many 52-week profiles in parallel on all cores, and the optimiser against a greedy
//! placement on the same profiles. The batch sizes come from RUNLIFT_BENCH_PROFILES (default
//! 10,000) and RUNLIFT_BENCH_GREEDY (default 1,000).

use std::path::Path;
use std::time::Instant;

use runlift_model::profile::Profile;
use runlift_plan::place::{Demand, WeekEnv, greedy, place};
use runlift_plan::{Options, plan, plan_with};

fn example(name: &str) -> Profile {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/athletes"
    ))
    .join(name);
    runlift_planfile::read_profile_file(&p).expect("example profile")
}

const EXAMPLES: [&str; 5] = [
    "beginner-5k.toml",
    "intermediate-half.toml",
    "advanced-marathon.toml",
    "microdose-10k.toml",
    "masters-two-a-races.toml",
];

fn weeks() -> Vec<(WeekEnv, Vec<Demand>)> {
    let opts = Options {
        record: true,
        ..Options::default()
    };
    EXAMPLES
        .iter()
        .flat_map(|n| plan(&example(n), &opts).expect("plans").problems)
        .collect()
}

/// A deterministic pseudo-random profile (xorshift), varied like the property test's.
fn random_profile(seed: u64) -> Profile {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut p = example(EXAMPLES[next(5) as usize]);
    p.weekly_km = 15.0 + next(80) as f64;
    p.level = None;
    p.races.retain(|_| next(3) != 0);
    for d in [
        &mut p.availability.mon,
        &mut p.availability.tue,
        &mut p.availability.wed,
        &mut p.availability.thu,
        &mut p.availability.fri,
    ] {
        if next(4) == 0 {
            *d = None;
        }
    }
    p
}

fn report_batches() {
    // one week: median and p99 over every week of the example plans
    let ws = weeks();
    let mut t: Vec<f64> = Vec::new();
    for _ in 0..5 {
        for (env, d) in &ws {
            let s = Instant::now();
            let r = place(env, d);
            t.push(s.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(r);
        }
    }
    t.sort_by(f64::total_cmp);
    let q = |f: f64| t[((t.len() - 1) as f64 * f) as usize];
    println!(
        "one week's placement over {} weeks × 5: median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ws.len(),
        q(0.5),
        q(0.99),
        q(1.0)
    );
    let n: usize = std::env::var("RUNLIFT_BENCH_PROFILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let s = Instant::now();
    let opts = Options {
        weeks: Some(52),
        ..Options::default()
    };
    std::thread::scope(|sc| {
        for k in 0..threads {
            let opts = opts.clone();
            sc.spawn(move || {
                for i in (k..n).step_by(threads) {
                    std::hint::black_box(plan(&random_profile(i as u64), &opts).expect("plans"));
                }
            });
        }
    });
    println!(
        "{n} 52-week profiles on {threads} threads: {:.1} s",
        s.elapsed().as_secs_f64()
    );
    let g: usize = std::env::var("RUNLIFT_BENCH_GREEDY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let (mut opt_pen, mut greedy_pen) = (0.0, 0.0);
    let mut inexact = 0usize;
    let mut total_weeks = 0usize;
    for i in 0..g {
        let p = random_profile(1_000_000 + i as u64);
        let a = plan(&p, &opts).expect("plans");
        let b = plan_with(&p, &opts, greedy).expect("plans");
        opt_pen += a.weeks.iter().map(|w| w.penalty).sum::<f64>();
        greedy_pen += b.weeks.iter().map(|w| w.penalty).sum::<f64>();
        inexact += a.weeks.iter().filter(|w| !w.exact).count();
        total_weeks += a.weeks.len();
    }
    println!(
        "{g} profiles × 52 weeks: total penalty optimiser {opt_pen:.1}, greedy {greedy_pen:.1} ({inexact} of {total_weeks} weeks hit the node limit)"
    );
}

#[divan::bench]
fn place_one_week(b: divan::Bencher) {
    let ws = weeks();
    let mut i = 0;
    b.bench_local(|| {
        i = (i + 1) % ws.len();
        place(&ws[i].0, &ws[i].1)
    });
}

#[divan::bench]
fn plan_52_weeks(b: divan::Bencher) {
    let p = example("intermediate-half.toml");
    let opts = Options {
        weeks: Some(52),
        ..Options::default()
    };
    b.bench_local(|| plan(&p, &opts).expect("plans"));
}

/// A week's replan (`runlift replan`; target ≤ 10 ms): the intermediate's week 2 with its
/// Saturday long run missed, re-planned from Sunday (each candidate slot linted over three
/// weeks).
#[divan::bench]
fn replan_a_week(b: divan::Bencher) {
    use jiff::civil::date;
    use runlift_model::log::DoneSession;
    let p = example("intermediate-half.toml");
    let gp = plan(&p, &Options::default()).expect("plans");
    let text = serde_json::to_string(&runlift_plan::output::json_view(&gp)).unwrap();
    let file: runlift_model::plan::Plan = serde_json::from_str(&text).unwrap();
    let done: Vec<DoneSession> = file
        .sessions
        .iter()
        .filter(|s| s.date >= date(2027, 1, 11) && s.date <= date(2027, 1, 15))
        .map(|s| DoneSession::new(s.date, s.kind, f64::from(s.minutes) * 60.0))
        .collect();
    let config = runlift_rules::RuleConfig::default();
    b.bench_local(|| {
        let r = runlift_plan::replan::replan(&p, &config, &file, &done, date(2027, 1, 17));
        assert_eq!(r.changes.len(), 1);
        r
    });
}

fn main() {
    if std::env::var("RUNLIFT_BENCH_SKIP_BATCH").is_err() {
        report_batches();
    }
    divan::main();
}
