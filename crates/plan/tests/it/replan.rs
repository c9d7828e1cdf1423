//! `runlift_plan::replan`: a missed long run moves to a free day later in the week, a missed
//! easy run is let go, an extra race eases the next hard session; the past never changes and the
//! weeks around get no new lint error.

use jiff::civil::{Date, date};
use runlift_model::Kind;
use runlift_model::log::DoneSession;
use runlift_model::plan::Plan;
use runlift_plan::replan::{What, replan};
use runlift_rules::{RuleConfig, Severity};

use crate::common::{planned, profile};

const NAME: &str = "intermediate-half.toml";

/// The intermediate's plan in its file form.
fn plan() -> Plan {
    let gp = planned(NAME);
    let text = serde_json::to_string(&runlift_plan::output::json_view(&gp)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Each planned session from `lo` to `hi` done as planned, but those `skip` leaves out.
fn done_as_planned(p: &Plan, lo: Date, hi: Date, skip: impl Fn(Kind) -> bool) -> Vec<DoneSession> {
    p.sessions
        .iter()
        .filter(|s| s.date >= lo && s.date <= hi && !skip(s.kind) && s.kind != Kind::Mob)
        .map(|s| DoneSession::new(s.date, s.kind, f64::from(s.minutes) * 60.0))
        .collect()
}

fn errors(p: &Plan, lo: Date, hi: Date) -> usize {
    let window = Plan {
        athlete: None,
        weeks: p
            .weeks
            .iter()
            .filter(|w| w.start >= lo && w.start <= hi)
            .cloned()
            .collect(),
        sessions: p
            .sessions
            .iter()
            .filter(|s| s.date >= lo && s.date <= hi)
            .cloned()
            .collect(),
        dropped: Vec::new(),
    };
    runlift_rules::check(&window, Some(&profile(NAME)), &RuleConfig::default())
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// The past (days before `from`) is as it was, but for the missed sessions moved forward.
fn past_kept(before: &Plan, r: &runlift_plan::replan::Replanned, from: Date) {
    let moved: Vec<_> = r
        .changes
        .iter()
        .filter(|c| matches!(c.what, What::Moved { .. }))
        .map(|c| (c.before.date, c.before.slot, c.before.kind))
        .collect();
    let after = &r.plan;
    let past = |p: &Plan| {
        p.sessions
            .iter()
            .filter(|s| s.date < from)
            .filter(|s| !moved.contains(&(s.date, s.slot, s.kind)))
            .map(|s| (s.date, s.slot, s.kind, s.minutes, s.structure.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(past(before), past(after), "the past changed");
}

/// The week of Mon 11 Jan 2027: its long run is on Saturday and Sunday is free.
const MON: Date = date(2027, 1, 11);
const SAT: Date = date(2027, 1, 16);
const SUN: Date = date(2027, 1, 17);

#[test]
fn a_missed_long_run_moves_to_sunday() {
    let p = plan();
    assert!(
        p.sessions
            .iter()
            .any(|s| s.date == SAT && s.kind == Kind::RunLong),
        "the example's week 2 has its long run on Saturday"
    );
    let done = done_as_planned(&p, MON, SAT, |k| k == Kind::RunLong);
    let r = replan(&profile(NAME), &RuleConfig::default(), &p, &done, SUN);
    let long = r
        .changes
        .iter()
        .find(|c| c.before.kind == Kind::RunLong)
        .expect("the long run is re-planned");
    assert_eq!(long.what, What::Moved { from: SAT }, "{long:?}");
    assert_eq!(long.after.as_ref().unwrap().date, SUN);
    assert_eq!(r.changes.len(), 1, "{:?}", r.changes);
    past_kept(&p, &r, SUN);
    assert!(
        errors(&r.plan, date(2027, 1, 4), date(2027, 1, 31))
            <= errors(&p, date(2027, 1, 4), date(2027, 1, 31))
    );
}

#[test]
fn a_missed_easy_run_is_let_go() {
    let p = plan();
    let easy_day = p
        .sessions
        .iter()
        .find(|s| s.date >= MON && s.date < SAT && s.kind == Kind::RunEasy)
        .map(|s| s.date)
        .expect("an easy run in the week");
    let from = easy_day.tomorrow().unwrap();
    let done: Vec<DoneSession> = done_as_planned(&p, MON, easy_day, |_| false)
        .into_iter()
        .filter(|d| !(d.date == easy_day && d.kind == Kind::RunEasy))
        .collect();
    let r = replan(&profile(NAME), &RuleConfig::default(), &p, &done, from);
    assert!(
        r.changes
            .iter()
            .any(|c| c.before.kind == Kind::RunEasy && c.what == What::LetGo),
        "{:?}",
        r.changes
    );
    assert!(r.changes.iter().all(|c| c.what != What::Eased));
    past_kept(&p, &r, from);
}

#[test]
fn an_extra_race_eases_the_next_hard_session() {
    let p = plan();
    // the first day of the week whose next two days hold a hard session
    let hard = |k: Kind| {
        (k.is_hi_run() && k != Kind::RunRace) || matches!(k, Kind::StrHeavy | Kind::StrPap)
    };
    let (race_day, next) = (0..5)
        .filter_map(|k| MON.checked_add(jiff::Span::new().days(k)).ok())
        .find_map(|d| {
            let from = d.tomorrow().ok()?;
            let until = d.checked_add(jiff::Span::new().days(2)).ok()?;
            p.sessions
                .iter()
                .find(|s| {
                    s.date >= from && s.date <= until && hard(s.kind) && s.kind != Kind::RunLong
                })
                .map(|s| (d, s.clone()))
        })
        .expect("a hard session in the week");
    let from = race_day.tomorrow().unwrap();
    let mut done = done_as_planned(&p, MON, race_day, |_| false);
    let mut race = DoneSession::new(race_day, Kind::RunRace, 45.0 * 60.0);
    race.rpe = Some(9.0);
    done.push(race);
    let r = replan(&profile(NAME), &RuleConfig::default(), &p, &done, from);
    let eased = r
        .changes
        .iter()
        .find(|c| c.what == What::Eased)
        .unwrap_or_else(|| panic!("nothing eased: {:?}", r.changes));
    assert_eq!(eased.before.date, next.date);
    assert!(eased.why.contains("RPE 9"), "{}", eased.why);
    let after = eased.after.as_ref().expect("kept, lighter");
    assert!(!hard(after.kind), "{:?} is still hard", after.kind);
    past_kept(&p, &r, from);
}

#[test]
fn a_week_done_as_planned_is_not_changed() {
    let p = plan();
    let done = done_as_planned(&p, MON, SAT, |_| false);
    let r = replan(&profile(NAME), &RuleConfig::default(), &p, &done, SUN);
    assert!(r.changes.is_empty(), "{:?}", r.changes);
}

/// Window errors from the Monday a week before `from`'s week to three weeks after.
fn window_errors(p: &Plan, name: &str, from: Date) -> usize {
    let mon = from
        .checked_sub(jiff::Span::new().days(i64::from(from.weekday().to_monday_zero_offset()) + 7))
        .unwrap();
    let end = mon.checked_add(jiff::Span::new().days(27)).unwrap();
    let window = Plan {
        athlete: None,
        weeks: p
            .weeks
            .iter()
            .filter(|w| w.start >= mon && w.start <= end)
            .cloned()
            .collect(),
        sessions: p
            .sessions
            .iter()
            .filter(|s| s.date >= mon && s.date <= end)
            .cloned()
            .collect(),
        dropped: Vec::new(),
    };
    runlift_rules::check(&window, Some(&profile(name)), &RuleConfig::default())
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// Over every example athlete, several weeks, each day of the week as `from`, and done logs
/// from "all of it" to "nothing" (two weeks off sick): the past is kept, a moved session keeps
/// its content and lands from `from` to Sunday, nothing is added, and no new lint error appears.
#[test]
fn replan_keeps_the_past_and_the_rules_over_many_weeks_and_logs() {
    let mut seed = 7u64;
    let mut coin = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % 3
    };
    let mut runs = 0;
    for name in crate::common::NAMES {
        let gp = planned(name);
        let text = serde_json::to_string(&runlift_plan::output::json_view(&gp)).unwrap();
        let p: Plan = serde_json::from_str(&text).unwrap();
        let first = p.weeks.first().unwrap().start;
        for week in [1i64, 4, 8] {
            let mon = first.checked_add(jiff::Span::new().days(7 * week)).unwrap();
            for offset in 1..7 {
                let from = mon.checked_add(jiff::Span::new().days(offset)).unwrap();
                let sun = mon.checked_add(jiff::Span::new().days(6)).unwrap();
                // 0: done, 1: missed, 2: missed; the first week tried misses everything (sick)
                let done: Vec<DoneSession> = p
                    .sessions
                    .iter()
                    .filter(|s| s.date >= mon && s.date < from && s.kind != Kind::Mob)
                    .filter(|_| week != 1 && coin() == 0)
                    .map(|s| DoneSession::new(s.date, s.kind, f64::from(s.minutes) * 60.0))
                    .collect();
                let r = replan(&profile(name), &RuleConfig::default(), &p, &done, from);
                assert_eq!(
                    r.plan.sessions.len()
                        + r.changes
                            .iter()
                            .filter(|c| c.what == What::Eased && c.after.is_none())
                            .count(),
                    p.sessions.len(),
                    "{name} {from}"
                );
                past_kept(&p, &r, from);
                for c in &r.changes {
                    if let (What::Moved { .. }, Some(a)) = (&c.what, &c.after) {
                        assert!(
                            a.date >= from && a.date <= sun,
                            "{name} {from}: moved to {}",
                            a.date
                        );
                        assert_eq!(
                            (a.kind, a.minutes, &a.structure),
                            (c.before.kind, c.before.minutes, &c.before.structure)
                        );
                    }
                }
                assert!(
                    window_errors(&r.plan, name, from) <= window_errors(&p, name, from),
                    "{name} {from}: new lint errors: {:?}",
                    r.changes
                );
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 5 * 3 * 6);
}
