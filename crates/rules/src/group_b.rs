//! Group B of rulebook §3 (frequency, progression, deload): R-STR-FREQ, R-NO-GAP, R-OVERLOAD,
//! R-RUN-RAMP and R-DELOAD. Every rule works week by week over `Ctx::weeks` (no pair scans).
//! Decisions taken where the rulebook is silent are in docs/rules/group-b.md.

mod freq;
mod progress;
mod ramp;

use crate::ctx::{Ctx, Week};
use crate::finding::Out;
use crate::item::{Item, flag};
use crate::time::fmt_day;

pub fn check(ctx: &Ctx, out: &mut Out) {
    freq::str_freq(ctx, out);
    freq::no_gap(ctx, out);
    progress::check(ctx, out);
    ramp::check(ctx, out);
}

/// `week of Mon 23 Nov (base)`.
fn week_name(w: &Week) -> String {
    format!("week of {} ({})", fmt_day(w.monday), phase_name(w))
}

fn phase_name(w: &Week) -> String {
    if w.deload {
        format!("{} deload", w.phase)
    } else {
        w.phase.to_string()
    }
}

/// Days and file indexes of some items, for a finding; a finding about a week with no such
/// item points at the week's first day.
fn where_(w: &Week, items: &[&Item]) -> (Vec<i32>, Vec<u32>) {
    if items.is_empty() {
        return (vec![w.first_day], Vec::new());
    }
    (
        items.iter().map(|i| i.day).collect(),
        items.iter().map(|i| i.idx).collect(),
    )
}

/// `7 / days held` for a short week (§7 C3), 1 for a full one: the factor that turns a short
/// week's totals into a weekly rate.
fn week_scale(w: &Week) -> f64 {
    7.0 / f64::from(w.days_held().clamp(1, 7))
}

/// The runs of a week.
fn runs<'a>(ctx: &'a Ctx, w: &Week) -> Vec<&'a Item> {
    ctx.week_items(w)
        .iter()
        .filter(|i| i.has(flag::RUN))
        .collect()
}

/// `12`, `12.5`.
fn num(x: f64) -> String {
    if (x - x.round()).abs() < 0.05 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    }
}
