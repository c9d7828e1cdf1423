//! Why each session sits where it does: the planner's reasons (phase targets, taper windows)
//! plus the placement facts read back from the final plan (R-STACK, R-SEP-24H/48H, R-EASY-AFTER,
//! R-LONG-AFTER-HEAVY, R-MICRO), and `explain_day`, which words a day's reasoning for people.

use runlift_model::Kind;
use runlift_model::profile::Slot;
use runlift_rules::ctx::build_items;
use runlift_rules::item::{Item, ItemEnv, flag};
use runlift_rules::time::{DAY_NAMES, day_number, fmt_day, fmt_hours, weekday};

use crate::{Ctx, GeneratedPlan};

fn hours(min: i32) -> String {
    fmt_hours((min / 30) * 30)
}

/// Give every session its id and placement reasons.
pub fn annotate(gp: &mut GeneratedPlan, ctx: &Ctx) {
    let sessions: Vec<_> = gp.sessions.iter().map(|p| p.session.clone()).collect();
    let items = build_items(
        &sessions,
        &ctx.profile.times,
        ItemEnv::new(ctx.profile.lifting, &ctx.config),
        &|id| ctx.one_rm(id),
    );
    for (i, p) in gp.sessions.iter_mut().enumerate() {
        p.id = format!("{}-{}", p.session.date, p.session.slot);
        let it = &items[i];
        let mut extra = placement_reasons(it, &items, &sessions);
        p.why.append(&mut extra);
    }
}

fn placement_reasons(
    it: &Item,
    items: &[Item],
    sessions: &[runlift_model::plan::Session],
) -> Vec<String> {
    let mut out = Vec::new();
    let name = |o: &Item| sessions[o.idx as usize].kind.name();
    let day_name = |d: i32| DAY_NAMES[weekday(d)];
    if it.has(flag::INT_STR_L) {
        if let Some(run) = items
            .iter()
            .find(|o| o.day == it.day && o.has(flag::HI_RUN) && o.start < it.start)
        {
            out.push(format!(
                "R-STACK: the {} comes first, the lift {} later (≥ 6 h), so the hard work shares one day",
                name(run),
                hours(it.start - run.end)
            ));
            if !items
                .iter()
                .any(|o| o.day == it.day + 1 && !o.has(flag::EASY_OK))
            {
                out.push(format!(
                    "R-EASY-AFTER: {} stays easy after this combined day",
                    day_name(it.day + 1)
                ));
            }
        }
        if let Some(next) = items
            .iter()
            .filter(|o| o.has(flag::HI_RUN) && o.start > it.end)
            .min_by_key(|o| o.start)
        {
            let gap = next.start - it.end;
            out.push(format!(
                "R-SEP-24H: {} before {}'s {} (≥ 24 h; ≥ 48 h preferred, R-SEP-48H)",
                hours(gap),
                day_name(next.day),
                name(next)
            ));
        }
        if let Some(long) = items
            .iter()
            .filter(|o| o.has(flag::LONG) && o.start > it.end)
            .min_by_key(|o| o.start)
            && long.day - it.day <= 3
        {
            out.push(format!(
                "R-LONG-AFTER-HEAVY: {} days before {}'s long run",
                long.day - it.day,
                day_name(long.day)
            ));
        }
    }
    if it.has(flag::HI_RUN) && !it.has(flag::RACE) {
        if let Some(lift) = items
            .iter()
            .find(|o| o.day == it.day && o.has(flag::INT_STR_L) && o.start > it.start)
        {
            out.push(format!(
                "R-STACK: run first; the {} follows {} later",
                name(lift),
                hours(lift.start - it.end)
            ));
        }
        if let Some(prev) = items
            .iter()
            .filter(|o| o.has(flag::INT_STR_L) && o.end <= it.start)
            .max_by_key(|o| o.end)
            && it.start - prev.end < 4 * 1440
        {
            out.push(format!(
                "R-SEP-24H: {} after {}'s {}",
                hours(it.start - prev.end),
                day_name(prev.day),
                name(prev)
            ));
        }
    }
    if it.has(flag::LONG)
        && let Some(prev) = items
            .iter()
            .filter(|o| o.has(flag::INT_STR_L) && o.end <= it.start)
            .max_by_key(|o| o.end)
        && it.start - prev.end < 4 * 1440
    {
        out.push(format!(
            "R-LONG-AFTER-HEAVY: the last intense lift ({}) ends {} before",
            day_name(prev.day),
            hours(it.start - prev.end)
        ));
    }
    if matches!(it.kind, Kind::RunEasy | Kind::RunRec) {
        let prev_day: Vec<&Item> = items.iter().filter(|o| o.day == it.day - 1).collect();
        let combined = prev_day.iter().any(|o| o.has(flag::HI_RUN))
            && prev_day.iter().any(|o| o.has(flag::INT_STR_L));
        if combined {
            out.push(format!(
                "R-EASY-AFTER: the day after {}'s combined day holds only easy running",
                day_name(it.day - 1)
            ));
        }
    }
    if it.has(flag::MICRO)
        && let Some(run) = items.iter().find(|o| o.day == it.day && o.has(flag::RUN))
    {
        out.push(format!(
            "R-MICRO: at the other end of the day from the {} ({} apart)",
            name(run),
            hours((it.start - run.end).abs().max((run.start - it.end).abs()))
        ));
    }
    out
}

/// A day's reasoning in plain language (`runlift explain DATE`).
pub fn explain_day(gp: &GeneratedPlan, date: jiff::civil::Date) -> String {
    let n = day_number(date);
    let mut out = String::new();
    let week = gp
        .weeks
        .iter()
        .position(|w| day_number(w.monday) <= n && n < day_number(w.monday) + 7);
    let Some(wi) = week else {
        return format!(
            "{} is outside the plan ({} weeks).\n",
            fmt_day(n),
            gp.weeks.len()
        );
    };
    let w = &gp.weeks[wi];
    out.push_str(&format!(
        "{}: week {} · {}{} · run {} min ({:.0} km)\n",
        fmt_day(n),
        wi + 1,
        w.phase,
        if w.deload { " · deload" } else { "" },
        w.run_minutes,
        w.run_km
    ));
    let todays: Vec<_> = gp
        .sessions
        .iter()
        .filter(|p| p.session.date == date)
        .collect();
    if todays.is_empty() {
        out.push_str("  Rest day: no session. R-HARD-DAYS keeps rest or recovery days in every week; recovery is when the training takes hold.\n");
    }
    for p in todays {
        let s = &p.session;
        let slot = match s.slot {
            Slot::Am => "AM",
            Slot::Pm => "PM",
        };
        out.push_str(&format!(
            "  {slot} {} ({} min){}\n",
            s.title.clone().unwrap_or_else(|| s.kind.name().to_string()),
            s.minutes,
            s.structure
                .as_ref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        ));
        for e in &s.exercises {
            out.push_str(&format!("      {}\n", crate::output::exercise_text(s, e)));
        }
        for y in &p.why {
            out.push_str(&format!("    - {y}\n"));
        }
    }
    let dropped: Vec<_> = gp.dropped.iter().filter(|d| d.week == w.monday).collect();
    for d in dropped {
        out.push_str(&format!(
            "  Left out this week: {} ({}: {}){}\n",
            d.kind.name(),
            d.rule,
            d.reason,
            d.suggestion
                .as_ref()
                .map(|s| format!(" → {s}"))
                .unwrap_or_default()
        ));
    }
    out
}
