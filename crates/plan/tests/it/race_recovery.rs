//! Race week and recovery (rulebook v2 §8.2, R-RACE-WEEK and R-POST-RACE v2), measured on the
//! generated sessions: every A and B race of the example plans has a run in its last two days
//! (issue 12: "race week is empty"), the day after a marathon is rest or a short recovery run
//! and the 3 days after it hold at most an hour of running ("two 55-min runs the next day"); and
//! small-volume profiles the property tests found, planned with zero errors.

use runlift_model::Kind;
use runlift_model::profile::{Priority, Profile};
use runlift_plan::{GeneratedPlan, Options, plan};
use runlift_rules::time::day_number;

use crate::common::*;

/// Days of the plan's runs (strides add-ons and races left out), one entry a run.
fn run_days(gp: &GeneratedPlan) -> Vec<(i32, Kind, u16)> {
    gp.sessions
        .iter()
        .filter(|p| p.session.kind.is_run())
        .filter(|p| !matches!(p.session.kind, Kind::RunStrides | Kind::RunRace))
        .map(|p| {
            (
                day_number(p.session.date),
                p.session.kind,
                p.session.minutes,
            )
        })
        .collect()
}

/// The profile's races the plan holds (a RUN_RACE on their day), as (day, priority, metres).
fn races(gp: &GeneratedPlan) -> Vec<(i32, Priority, f64)> {
    gp.profile
        .races
        .iter()
        .map(|r| (day_number(r.date), r.priority, r.distance.metres()))
        .filter(|(d, _, _)| {
            gp.sessions
                .iter()
                .any(|p| p.session.kind == Kind::RunRace && day_number(p.session.date) == *d)
        })
        .collect()
}

#[test]
fn every_a_and_b_race_of_the_examples_has_a_run_in_its_last_two_days() {
    for n in NAMES {
        let gp = planned(n);
        let runs = run_days(&gp);
        let all = races(&gp);
        for &(day, prio, _) in all.iter().filter(|r| r.1 != Priority::C) {
            let crowded = all.iter().any(|o| o.0 >= day - 7 && o.0 < day);
            let last = runs.iter().filter(|r| r.0 < day).map(|r| r.0).max();
            assert!(
                crowded || last.is_some_and(|l| day - l <= 2),
                "{n}: the {prio:?} race on day {day}: last run {last:?}"
            );
        }
    }
}

#[test]
fn the_days_after_a_marathon_are_rest_then_an_hour_of_running_at_most() {
    let gp = planned("advanced-marathon.toml");
    let runs = run_days(&gp);
    let marathons: Vec<i32> = races(&gp)
        .iter()
        .filter(|r| r.2 >= 42_000.0)
        .map(|r| r.0)
        .collect();
    assert!(!marathons.is_empty());
    for day in marathons {
        for r in runs.iter().filter(|r| r.0 == day + 1) {
            assert!(r.1 == Kind::RunRec && r.2 <= 30, "day +1: {r:?}");
        }
        let three: u32 = runs
            .iter()
            .filter(|r| r.0 > day && r.0 <= day + 3)
            .map(|r| u32::from(r.2))
            .sum();
        assert!(three <= 60, "{three} min in the 3 days after the marathon");
    }
}

fn small_runner(race: &str) -> Profile {
    let text = format!(
        "level = \"beginner\"\nweekly_km = 6\nlifting = \"6-24mo\"\ngoal = \"half\"\n\
         plan_start = \"2027-01-04\"\nequipment = [\"dumbbells\", \"band\", \"wall\"]\n\n\
         [availability]\nmon = {{ am = 90, pm = 45 }}\nwed = {{ am = 90, pm = 60 }}\n\
         fri = {{ pm = 100 }}\nsat = {{ am = 40, pm = 130 }}\nsun = {{ am = 70 }}\n\n{race}"
    );
    runlift_planfile::parse_profile(&text, std::path::Path::new("a.toml")).expect("valid")
}

/// Props found these: a runner of a few kilometres a week racing a B marathon, where R-TAPER-B's
/// cut, R-RACE-WEEK's shakeout and R-POST-RACE's cap (with a long run at its 30-min floor on day
/// +3) all hold at once; and an A race whose days −1 and −2 have no slot (the last run goes on
/// day −3).
#[test]
fn small_runners_racing_long_plan_without_errors() {
    let races = [
        "[[race]]\ndate = \"2027-04-16\"\ndistance = \"marathon\"\npriority = \"B\"\n\
         [[race]]\ndate = \"2027-07-30\"\ndistance = \"marathon\"\npriority = \"A\"\n",
        "[[race]]\ndate = \"2027-02-03\"\ndistance = \"marathon\"\npriority = \"B\"\n",
        "[[race]]\ndate = \"2027-03-09\"\ndistance = \"10k\"\npriority = \"A\"\n",
    ];
    for race in races {
        let p = small_runner(race);
        for weeks in [None, Some(12), Some(35)] {
            let opts = Options {
                weeks,
                ..Options::default()
            };
            let gp = plan(&p, &opts).expect("plannable");
            assert!(
                errors(&gp).is_empty(),
                "{race} {weeks:?}: {:?}",
                errors(&gp)
            );
        }
    }
}
