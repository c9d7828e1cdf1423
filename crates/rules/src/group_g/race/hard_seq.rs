//! R-HARD-SEQ (rulebook v2 §8.2): never three HARD_DAYs in a row, at any level; beginners and
//! athletes of 50 or more keep ≥ 48 h (end to start, 2 h tolerance) between hard runs, so they
//! never fall on consecutive days. Two races are the athlete's calendar: never judged against
//! each other, and a run of hard days that are hard only by races is a warning.

use runlift_model::Kind;

use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::{Item, flag};
use crate::pair::DayFacts;
use crate::time::{fmt_abs, fmt_day, fmt_hours};

const RULE: &str = "R-HARD-SEQ";

/// Age from which R-HARD-SEQ spaces hard runs as for beginners (rulebook §8.2, as R-DELOAD's 2:1).
pub const SPACED_FROM_AGE: i16 = 50;

/// True when the athlete's hard runs must be spaced (beginner, or 50 or older).
pub fn spaced(beginner: bool, age: Option<i16>) -> bool {
    beginner || age.is_some_and(|a| a >= SPACED_FROM_AGE)
}

pub(super) fn check(ctx: &Ctx, out: &mut Out) {
    runs_of_three(ctx, out);
    if spaced(ctx.athlete.beginner(), ctx.athlete.age) {
        spacing(ctx, out);
    }
}

fn hard_items<'c>(ctx: &'c Ctx, day: i32) -> impl Iterator<Item = &'c Item> + 'c {
    ctx.day_items(day)
        .iter()
        .filter(|i| i.has(flag::HARD | flag::LONG))
}

/// Every maximal run of three or more consecutive hard days, reported once.
fn runs_of_three(ctx: &Ctx, out: &mut Out) {
    let mut day = ctx.first_day;
    while day <= ctx.last_day {
        if !DayFacts::of(ctx.day_items(day)).hard {
            day += 1;
            continue;
        }
        let start = day;
        while day < ctx.last_day && DayFacts::of(ctx.day_items(day + 1)).hard {
            day += 1;
        }
        let end = day;
        day += 1;
        if end - start + 1 < 3 {
            continue;
        }
        let days: Vec<i32> = (start..=end).collect();
        let ids: Vec<u32> = days
            .iter()
            .flat_map(|&d| hard_items(ctx, d).map(|i| i.idx))
            .collect();
        let races_only = days
            .iter()
            .all(|&d| hard_items(ctx, d).all(|i| i.kind == Kind::RunRace));
        let (sev, note) = if races_only {
            (
                Severity::Warning,
                ": races, so keep the days around them easy",
            )
        } else {
            (Severity::Error, "")
        };
        let names: Vec<String> = days.iter().map(|&d| fmt_day(d)).collect();
        out.add(
            RULE,
            sev,
            &days,
            &ids,
            format!(
                "{} hard days in a row ({}){note}; never three in a row",
                days.len(),
                names.join(", ")
            ),
            format!(
                "Make {} an easy or rest day (move its hard session or long run)",
                fmt_day(start + 2)
            ),
        );
    }
}

/// Beginners and athletes of 50+: hard runs ≥ `hours` apart (end to start, less the tolerance).
fn spacing(ctx: &Ctx, out: &mut Out) {
    let need = (ctx.config.get(RULE, "hours") * 60.0) as i32;
    let tol = (ctx.config.get(RULE, "tolerance_h") * 60.0) as i32;
    let who = if ctx.athlete.beginner() {
        "a beginner"
    } else {
        "an athlete of 50 or more"
    };
    let hi: Vec<&Item> = ctx.items.iter().filter(|i| i.has(flag::HI_RUN)).collect();
    for (k, a) in hi.iter().enumerate() {
        // the next hard run that is not a race paired with a race
        for b in hi[k + 1..].iter() {
            let gap = b.start - a.end;
            if gap >= need - tol {
                break;
            }
            if a.has(flag::RACE) && b.has(flag::RACE) {
                continue;
            }
            out.add(
                RULE,
                Severity::Error,
                &[a.day, b.day],
                &[a.idx, b.idx],
                format!(
                    "{} ends {}; {} starts {}: {} apart ({who}: ≥ {} h between hard runs)",
                    a.kind,
                    fmt_abs(a.end),
                    b.kind,
                    fmt_abs(b.start),
                    fmt_hours(gap.max(0)),
                    need / 60
                ),
                format!(
                    "Move the {} to {} or later, or make it an easy run",
                    b.kind.name(),
                    fmt_day(a.day + 2)
                ),
            );
        }
    }
}
