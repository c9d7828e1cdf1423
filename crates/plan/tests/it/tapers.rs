//! Tapers of the example plans, measured on the generated sessions (not through the linter):
//! an A race has its last intense lower-body lift ≥ 7 days before it; a B race has a 3–5-day
//! cut-back (the days before it run 20–30 % less than the same weekdays of a normal week); a C
//! race is trained through (its week is not cut).

use jiff::civil::Date;
use runlift_model::Kind;
use runlift_model::profile::Priority;
use runlift_plan::{GeneratedPlan, Planned};
use runlift_rules::item::{Item, ItemEnv, exercise_facts, flag};
use runlift_rules::time::{day_number, monday_of};

use crate::common::*;

fn day(d: Date) -> i32 {
    day_number(d)
}

/// Is a planned session an intense lower-body lift (INT_STR_L of §1.4), as the rules see it?
fn intense_lower(gp: &GeneratedPlan, p: &Planned) -> bool {
    let one_rm = |id| {
        gp.profile
            .lifts
            .iter()
            .find(|l| l.exercise == id)
            .map(|l| runlift_model::intensity::e1rm_epley(l.kg, f64::from(l.reps)))
    };
    let facts = exercise_facts(&p.session, &one_rm);
    let config = runlift_rules::RuleConfig::from_overrides(&gp.profile.rules).expect("config");
    let env = ItemEnv::new(gp.profile.lifting, &config);
    Item::new(0, 0, 0, &p.session, &facts, env).has(flag::INT_STR_L)
}

/// The profile's first race of a priority (the example must have one).
fn first_race(p: &runlift_model::profile::Profile, pr: Priority) -> runlift_model::profile::Race {
    p.races
        .iter()
        .find(|r| r.priority == pr)
        .unwrap_or_else(|| panic!("the example has a {pr} race"))
        .clone()
}

fn km_on(gp: &GeneratedPlan, lo: i32, hi: i32) -> f64 {
    gp.sessions
        .iter()
        .filter(|p| p.session.kind.is_run() && p.session.kind != Kind::RunRace)
        .filter(|p| (lo..=hi).contains(&day(p.session.date)))
        .map(|p| p.session.distance_m.unwrap_or(0.0) / 1000.0)
        .sum()
}

#[test]
fn a_race_last_intense_lift_is_a_week_before() {
    let (mut races, mut compared) = (0, 0);
    for n in NAMES {
        let gp = planned(n);
        for r in gp
            .profile
            .races
            .iter()
            .filter(|r| r.priority == Priority::A)
        {
            let rd = day(r.date);
            if !gp.sessions.iter().any(|p| p.session.date == r.date) {
                continue; // outside the plan
            }
            races += 1;
            let last = gp
                .sessions
                .iter()
                .filter(|p| day(p.session.date) < rd && day(p.session.date) >= rd - 42)
                .filter(|p| intense_lower(&gp, p))
                .map(|p| day(p.session.date))
                .max();
            // (a microdosing athlete may hold no intense lift at all)
            let Some(last) = last else { continue };
            compared += 1;
            assert!(
                rd - last >= 7,
                "{n}: last intense lower-body lift {} d before the A race on {}",
                rd - last,
                r.date
            );
        }
    }
    assert!(
        races >= 5,
        "the examples hold at least five A races, saw {races}"
    );
    assert!(
        compared >= 4,
        "an intense lift before at least four of them, saw {compared}"
    );
}

#[test]
fn b_race_has_a_short_cut_back() {
    let gp = planned("intermediate-half.toml");
    let r = gp
        .profile
        .races
        .iter()
        .find(|r| r.priority == Priority::B)
        .expect("the intermediate example has a B race");
    let rd = day(r.date);
    let lo = rd - 4;
    let before = km_on(&gp, lo, rd - 1);
    // the same weekdays of the last full loading week without a race that ends before `lo`
    let base =
        gp.weeks
            .iter()
            .rfind(|w| {
                !w.deload
                    && day(w.monday) + 6 < lo
                    && day(w.start) == day(w.monday)
                    && !gp.profile.races.iter().any(|x| {
                        x.priority != Priority::C && monday_of(day(x.date)) == day(w.monday)
                    })
            })
            .expect("a baseline week");
    let m = day(base.monday);
    let same: f64 = (lo..rd)
        .map(|d| {
            let wd = d - monday_of(d);
            km_on(&gp, m + wd, m + wd)
        })
        .sum();
    assert!(same > 0.0, "the baseline days hold running");
    let cut = 1.0 - before / same;
    assert!(
        (0.20 - 1e-9..=0.30 + 1e-9).contains(&cut),
        "the 4 days before the B race on {} run {before:.1} km against {same:.1} km: cut {:.0} %",
        r.date,
        cut * 100.0
    );
    // and the week keeps running: no more than a cut-back
    assert!(before > 0.0, "the days before a B race are not rest days");
}

#[test]
fn c_race_is_trained_through() {
    let p = profile("masters-two-a-races.toml");
    let gp = runlift_plan::plan(&p, &runlift_plan::Options::default()).expect("plans");
    let r = first_race(&p, Priority::C);
    let rd = day(r.date);
    // The same plan without the C race: the race week should run as much, the race included.
    let mut q = p.clone();
    q.races.retain(|x| x.date != r.date);
    let without = runlift_plan::plan(&q, &runlift_plan::Options::default()).expect("plans");
    let week = |g: &GeneratedPlan| {
        g.weeks
            .iter()
            .find(|w| day(w.monday) == monday_of(rd))
            .expect("race week in the plan")
            .clone()
    };
    let (with_c, no_c) = (week(&gp), week(&without));
    assert!(
        !with_c.deload && !no_c.deload,
        "a C race does not make a deload"
    );
    let race_min: u32 = gp
        .sessions
        .iter()
        .filter(|s| s.session.date == r.date && s.session.kind == Kind::RunRace)
        .map(|s| u32::from(s.session.minutes))
        .sum();
    assert!(race_min > 0, "the C race is in the plan");
    // `run_minutes` leaves races out: training plus the race is the week's running.
    let total = with_c.run_minutes + race_min;
    assert!(
        f64::from(total) >= 0.9 * f64::from(no_c.run_minutes),
        "the C race week runs {total} min (race included) against {} min without the race",
        no_c.run_minutes
    );
    // and no taper before it: the days before run as in the plan without the race
    let before = km_on(&gp, rd - 4, rd - 1);
    let before_without = km_on(&without, rd - 4, rd - 1);
    assert!(
        before >= 0.8 * before_without,
        "the 4 days before the C race run {before:.1} km against {before_without:.1} km without it"
    );
}

/// A B race five days before an A race would need a cut-back inside the A race's taper: the plan
/// keeps the A race, leaves the B race out with a `[[dropped]]` entry that says why and what to
/// change, and lints clean.
#[test]
fn a_race_inside_an_a_taper_is_left_out_and_explained() {
    let mut p = profile("intermediate-half.toml");
    let a = first_race(&p, Priority::A);
    let b_date = a.date.checked_sub(jiff::Span::new().days(5)).expect("date");
    p.races.retain(|r| r.priority == Priority::A);
    p.races.push(runlift_model::profile::Race {
        date: b_date,
        distance: runlift_model::profile::Distance::K10,
        priority: Priority::B,
        name: None,
    });
    let gp = runlift_plan::plan(&p, &runlift_plan::Options::default()).expect("plans");
    assert!(
        gp.sessions
            .iter()
            .any(|s| s.session.date == a.date && s.session.kind == Kind::RunRace),
        "the A race is planned"
    );
    assert!(
        !gp.sessions
            .iter()
            .any(|s| s.session.date == b_date && s.session.kind == Kind::RunRace),
        "the B race is not planned"
    );
    let d = gp
        .dropped
        .iter()
        .find(|d| d.kind == Kind::RunRace)
        .expect("the B race is in [[dropped]]");
    assert_eq!(d.rule, "R-TAPER-A");
    assert_eq!(monday_of(day(d.week)), monday_of(day(b_date)));
    assert!(d.reason.contains("taper"), "{}", d.reason);
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("training run"))
    );
    assert_eq!(errors(&gp), Vec::<String>::new());
}
