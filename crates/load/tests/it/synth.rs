//! Synthetic athlete histories, distributed as tools/load_reference.py's `synthetic`: training
//! on ~70 % of days, a lift on ~30 % of those, HRV and resting HR on ~85 % of mornings. Shared by
//! the pandas cross-check and the benchmark (benches/daily.rs includes this file).

use std::ops::Range;

use runlift_load::daily::DaySummary;
use runlift_load::impact::Impact;

/// xorshift64*: deterministic and dependency-free.
pub struct Rng(pub u64);

impl Rng {
    /// Uniform in [0, 1).
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One athlete's daily summaries and morning measurements.
pub struct History {
    pub days: Vec<DaySummary>,
    pub ln_rmssd: Vec<Option<f64>>,
    pub rest_hr: Vec<Option<f64>>,
}

/// `n` days from `seed`; no training on the days of `off` (illness).
pub fn history(seed: u64, n: usize, off: Range<usize>) -> History {
    let mut r = Rng(seed | 1);
    let mut h = History {
        days: Vec::with_capacity(n),
        ln_rmssd: Vec::with_capacity(n),
        rest_hr: Vec::with_capacity(n),
    };
    for d in 0..n {
        let train = r.next() < 0.7 && !off.contains(&d);
        let lift = train && r.next() < 0.3;
        let srpe = if train { 100.0 + 600.0 * r.next() } else { 0.0 };
        let strength = if lift { 150.0 + 200.0 * r.next() } else { 0.0 };
        let run_m = if train && !lift {
            4000.0 + 16_000.0 * r.next()
        } else {
            0.0
        };
        h.days.push(DaySummary {
            srpe: srpe + strength,
            trimp: srpe / 5.0,
            strength,
            impact: Impact {
                run_m,
                ..Impact::default()
            },
            ..DaySummary::rest(d as i32)
        });
        let measured = r.next() < 0.85;
        h.ln_rmssd
            .push(measured.then(|| 4.1 + 0.3 * (r.next() - 0.5)));
        h.rest_hr.push(measured.then(|| 45.0 + 6.0 * r.next()));
    }
    h
}
