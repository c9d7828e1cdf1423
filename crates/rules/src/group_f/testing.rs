//! R-TEST: a fitness test (a session with `test = …`) every few weeks, at the end of a deload, rested
//! (≥ 48 h after intense lower-body lifting or a hard run).

use runlift_model::plan::TestKind;

use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::time::{fmt_abs, fmt_day, fmt_hours};

/// Minutes of rest a test needs after INT_STR_L or a HI_RUN.
const REST_MIN: i32 = 48 * 60;

pub fn check(ctx: &Ctx, out: &mut Out) {
    if ctx.items.is_empty() {
        return;
    }
    let weeks = ctx.config.get("R-TEST", "weeks");
    let max_gap = (weeks * 7.0).round() as i32;
    let mut anchor = ctx.first_day;
    let mut anchor_is_test = false;
    for it in &ctx.items {
        let Some(kind) = ctx.session(it).test else {
            continue;
        };
        if it.day - anchor > max_gap {
            overdue(ctx, out, anchor, anchor_is_test, it.day, max_gap, weeks);
        }
        anchor = it.day;
        anchor_is_test = true;
        placement(ctx, out, it, kind);
    }
    if ctx.last_day - anchor >= max_gap {
        overdue(
            ctx,
            out,
            anchor,
            anchor_is_test,
            ctx.last_day + 1,
            max_gap,
            weeks,
        );
    }
}

/// INFO for a stretch without a test: from `from` (a test, or the plan's start) to `to` (the next
/// test, or the day after the plan).
fn overdue(
    ctx: &Ctx,
    out: &mut Out,
    from: i32,
    from_test: bool,
    to: i32,
    max_gap: i32,
    weeks: f64,
) {
    let due = from + max_gap;
    let days = to - from;
    let n = if days % 7 == 0 {
        format!("{}", days / 7)
    } else {
        format!("{:.1}", f64::from(days) / 7.0)
    };
    let since = if from_test {
        format!("the test on {}", fmt_day(from))
    } else {
        format!("the plan's start ({})", fmt_day(from))
    };
    // Suggest the end of the last deload week before the test falls due.
    let deload = ctx
        .weeks
        .iter()
        .rev()
        .find(|w| w.deload && w.last_day > from && w.last_day.min(w.monday + 6) <= due);
    let fix = match deload {
        Some(w) => format!(
            "Add a test (wall sit, time trial, flying sprint, CMJ) at the end of the deload week, on {}",
            fmt_day(w.last_day)
        ),
        None => format!(
            "Add a test (wall sit, time trial, flying sprint, CMJ) by {}, at the end of a deload week",
            fmt_day(due)
        ),
    };
    out.add(
        "R-TEST",
        Severity::Info,
        &[from, due],
        &[],
        format!(
            "No test in {n} wk since {since} (one every {} wk)",
            weeks.round()
        ),
        fix,
    );
}

fn placement(ctx: &Ctx, out: &mut Out, it: &Item, kind: TestKind) {
    let s = ctx.session(it);
    // The closest earlier INT_STR_L or HI_RUN ending < 48 h before the test (other tests of the
    // same day are part of one test battery).
    let p = ctx.pos[it.idx as usize];
    let mut hard: Option<&Item> = None;
    for b in ctx.items[..p].iter().rev() {
        if it.start - b.start > REST_MIN + 2 * 1440 {
            break;
        }
        if b.day == it.day && ctx.session(b).test.is_some() {
            continue;
        }
        if b.has(flag::INT_STR_L | flag::HI_RUN)
            && it.start - b.end < REST_MIN
            && hard.is_none_or(|h| b.end > h.end)
        {
            hard = Some(b);
        }
    }
    if let Some(b) = hard {
        let bk = ctx.session(b).kind;
        out.add(
            "R-TEST",
            Severity::Warning,
            &[b.day, it.day],
            &[b.idx, it.idx],
            format!(
                "The {kind} test on {} starts {} after the {bk} ends ({}): needs {} of rest, or it measures fatigue",
                fmt_day(it.day),
                fmt_hours(it.start - b.end),
                fmt_abs(b.end),
                fmt_hours(REST_MIN)
            ),
            format!(
                "Move the test to {} or later, or move the {} earlier",
                fmt_abs(b.end + REST_MIN),
                bk.name()
            ),
        );
    }
    if kind == TestKind::TimeTrial && !it.has(flag::HI_RUN) {
        out.add(
            "R-TEST",
            Severity::Warning,
            &[it.day],
            &[it.idx],
            format!(
                "Time trial on {} is planned as {}: a time trial is a hard run (HI_RUN), and the separation rules must see it",
                fmt_day(it.day),
                s.kind
            ),
            format!("Give the {} session kind = \"RUN_TT\"", fmt_day(it.day)),
        );
    }
    if kind == TestKind::RmTest && ctx.athlete.beginner() {
        out.add(
            "R-TEST",
            Severity::Warning,
            &[it.day],
            &[it.idx],
            format!(
                "Rep-max test on {} for a beginner: estimated 3–5RM tests are for intermediate and advanced athletes",
                fmt_day(it.day)
            ),
            "Test with a wall sit or CMJ instead of a rep max",
        );
    }
    // At the end of a deload: its last three days, or the first two days after it.
    let at_deload_end = ctx.week_of(it.day).is_some_and(|w| {
        let wk = &ctx.weeks[w];
        (wk.deload && it.day >= wk.monday + 4)
            || (w > 0 && ctx.weeks[w - 1].deload && it.day <= wk.monday + 1)
    });
    if !at_deload_end {
        let fix = match ctx
            .week_of(it.day)
            .and_then(|w| ctx.weeks[..=w].iter().rev().find(|x| x.deload))
        {
            Some(d) => format!(
                "Hold the test on {} (end of the last deload), or at the end of the next deload",
                fmt_day(d.monday + 6)
            ),
            None => {
                "Hold the test at the end of a deload week (Fri–Sun), when the athlete is fresh"
                    .to_string()
            }
        };
        out.add(
            "R-TEST",
            Severity::Info,
            &[it.day],
            &[it.idx],
            format!(
                "The {kind} test on {} is not at the end of a deload, so results compare less well",
                fmt_day(it.day)
            ),
            fix,
        );
    }
}
