//! R-POST-RACE: days from a race to the next hard run or intense lower-body lift, by distance
//! (5K 2, 10K 3, HM 5, M 10, ultra 14; interpolated by metres). The rulebook's "±50 %" marks a
//! heuristic: under half the value is a WARN, under the value an INFO.

use super::{race_label, race_start};
use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::flag;
use crate::time::fmt_day;

const RULE: &str = "R-POST-RACE";

/// (metres, days) anchors; below the first and above the last the end value holds.
const ANCHORS: [(f64, f64); 6] = [
    (1_500.0, 1.0),
    (5_000.0, 2.0),
    (10_000.0, 3.0),
    (21_097.5, 5.0),
    (42_195.0, 10.0),
    (50_000.0, 14.0),
];

/// Recovery days after a race of `metres`.
pub(super) fn recovery_days(metres: f64) -> f64 {
    if metres <= ANCHORS[0].0 {
        return ANCHORS[0].1;
    }
    for pair in ANCHORS.windows(2) {
        let ((m0, d0), (m1, d1)) = (pair[0], pair[1]);
        if metres <= m1 {
            return d0 + (d1 - d0) * (metres - m0) / (m1 - m0);
        }
    }
    ANCHORS[ANCHORS.len() - 1].1
}

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    for r in &ctx.races {
        if r.day < ctx.first_day || r.day > ctx.last_day {
            continue;
        }
        let need = recovery_days(r.distance.metres());
        let end = match r.session {
            Some(idx) => ctx.items[ctx.pos[idx as usize]].end,
            None => race_start(ctx, r),
        };
        let from = ctx.items.partition_point(|i| i.day < r.day);
        let mut hits: Vec<(i32, u32)> = Vec::new();
        let mut worst = Severity::Info;
        for it in &ctx.items[from..] {
            let gap = it.day - r.day;
            if f64::from(gap) >= need - 1e-9 {
                break;
            }
            if Some(it.idx) == r.session
                || it.start < end
                || !(it.has(flag::HI_RUN) || it.has(flag::INT_STR_L))
            {
                continue;
            }
            if f64::from(gap) < 0.5 * need - 1e-9 {
                worst = Severity::Warning;
            }
            hits.push((it.day, it.idx));
        }
        let Some(&(first_day, first_idx)) = hits.first() else {
            continue;
        };
        let first = &ctx.items[ctx.pos[first_idx as usize]];
        let mut days: Vec<i32> = hits.iter().map(|h| h.0).collect();
        days.push(r.day);
        let mut ids: Vec<u32> = hits.iter().map(|h| h.1).collect();
        ids.extend(r.session);
        let gap = first_day - r.day;
        let need_days = need.ceil() as i32;
        let note = if worst == Severity::Warning {
            format!("under half of the {need:.0} days")
        } else {
            format!("short of {need:.0} days, within the heuristic's ±50 %")
        };
        out.add(
            RULE,
            worst,
            &days,
            &ids,
            format!(
                "{} on {} comes {gap} d after {}: {note}",
                first.kind,
                fmt_day(first_day),
                race_label(r)
            ),
            format!(
                "Keep {}–{} to easy running and light work; the next hard run or heavy lift from {}",
                fmt_day(r.day + 1),
                fmt_day(r.day + need_days - 1),
                fmt_day(r.day + need_days)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::recovery_days;

    #[test]
    fn recovery_days_interpolate_between_the_named_distances() {
        assert_eq!(recovery_days(5_000.0), 2.0);
        assert_eq!(recovery_days(10_000.0), 3.0);
        assert_eq!(recovery_days(21_097.5), 5.0);
        assert_eq!(recovery_days(42_195.0), 10.0);
        assert_eq!(recovery_days(100_000.0), 14.0);
        assert_eq!(recovery_days(800.0), 1.0);
        assert!((recovery_days(7_500.0) - 2.5).abs() < 1e-9);
        assert!((recovery_days(15_000.0) - (3.0 + 2.0 * 5_000.0 / 11_097.5)).abs() < 1e-9);
    }
}
