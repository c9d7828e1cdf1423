//! R-POST-RACE v2 in the planner (rulebook v2 §8.2): the running of the 3 days after a half
//! marathon or longer stays under the rule's cap (`runlift_rules::post_race::after_cap`). The
//! easy-only days and the day after a marathon are placement limits (`week::allowed`); this
//! step shortens, then removes, the runs of those 3 days that the cap cannot hold.

use runlift_model::Kind;
use runlift_model::plan::Dropped;
use runlift_rules::item::flag;
use runlift_rules::post_race::{self, CAP_DAYS, after_cap};
use runlift_rules::time::{date_of, day_number, fmt_day};

use crate::calendar::WeekPlan;
use crate::{Ctx, Planned, State, represcribe};

/// Shortest run the trim leaves before it removes one (as the other trims).
const SHORTEST: u16 = 20;

/// Keep every race's 3-day running cap: the runs of this week in those days, with the days of
/// the week before (`st.prev_items`), at most the cap.
pub fn trim(
    ctx: &Ctx,
    st: &State,
    w: &WeekPlan,
    ws: &mut Vec<Planned>,
    dropped: &mut Vec<Dropped>,
) {
    for r in &ctx.calendar.races {
        let Some(cap) = after_cap(&ctx.config, r.distance) else {
            continue;
        };
        let (lo, hi) = (r.day + 1, r.day + CAP_DAYS);
        if hi < w.first_day || lo > w.last_day {
            continue;
        }
        let inside = |d: i32| d >= lo && d <= hi;
        let before: u32 = st
            .prev_items
            .iter()
            .filter(|i| i.has(flag::RUN) && i.kind != Kind::RunRace && inside(i.day))
            .map(|i| (i.end - i.start).max(0) as u32)
            .sum();
        let on = |p: &Planned| {
            p.session.kind.is_run()
                && p.session.kind != Kind::RunRace
                && inside(day_number(p.session.date))
        };
        for _ in 0..60 {
            let now: u32 = ws
                .iter()
                .filter(|p| on(p))
                .map(|p| u32::from(p.session.minutes))
                .sum();
            if before + now <= u32::from(cap.minutes) {
                break;
            }
            // the longest run shortens 5 min (not below 20, a long run not below its own
            // floor); one that cannot shorten further is removed
            let Some(i) = (0..ws.len())
                .filter(|&i| on(&ws[i]))
                .max_by_key(|&i| ws[i].session.minutes)
            else {
                break;
            };
            let was = ws[i].session.minutes;
            if matches!(
                ws[i].session.kind,
                Kind::RunEasy | Kind::RunRec | Kind::RunLong
            ) && was > SHORTEST
            {
                represcribe(
                    ctx,
                    &mut ws[i].session,
                    was.saturating_sub(5).max(SHORTEST),
                    w,
                );
                if ws[i].session.minutes < was {
                    continue;
                }
            }
            let p = ws.remove(i);
            dropped.push(Dropped {
                week: date_of(w.monday),
                kind: p.session.kind,
                rule: post_race::RULE.to_string(),
                reason: format!(
                    "the 3 days after the {} race on {} hold at most {} min of running",
                    r.distance,
                    fmt_day(r.day),
                    cap.minutes
                ),
                suggestion: None,
            });
        }
    }
}
