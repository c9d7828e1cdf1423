//! Profiles at the edges (issue 17): valid profiles a hostile or careless user can write — races
//! on the plan's first and last day, twenty races in a month, no available slot, every slot one
//! minute, a five-year horizon, lifts of 0 kg and 10⁹ kg — each planned without a panic, giving
//! a plan that passes the linter or an error that names the field. And the regression for
//! `plan_start = "9999-12-31"` (it panicked in `plan_week`).

use jiff::civil::{Date, date};
use proptest::prelude::*;
use runlift_model::profile::*;
use runlift_plan::{Options, PlanError, plan};

/// The edge a case pushes its profile to.
#[derive(Clone, Copy, Debug)]
enum Edge {
    RacesOnFirstAndLastDay,
    TwentyRacesInAMonth,
    NoAvailableSlot,
    EverySlotOneMinute,
    FiveYearHorizon,
    LiftOfZeroKg,
    LiftOfBillionKg,
}

impl Edge {
    /// The profile field an explained refusal must name, for the edges that are not plannable.
    fn refused_field(self) -> Option<&'static str> {
        match self {
            Edge::NoAvailableSlot => Some("availability"),
            Edge::LiftOfZeroKg | Edge::LiftOfBillionKg => Some("lifts[0]"),
            _ => None,
        }
    }
}

fn edge() -> impl Strategy<Value = Edge> {
    prop_oneof![
        3 => Just(Edge::RacesOnFirstAndLastDay),
        3 => Just(Edge::TwentyRacesInAMonth),
        1 => Just(Edge::NoAvailableSlot),
        3 => Just(Edge::EverySlotOneMinute),
        1 => Just(Edge::FiveYearHorizon),
        1 => Just(Edge::LiftOfZeroKg),
        1 => Just(Edge::LiftOfBillionKg),
    ]
}

fn day_after(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days))
        .expect("in range")
}

fn race(d: Date, priority: Priority, distance: Distance) -> Race {
    Race {
        date: d,
        distance,
        priority,
        name: None,
    }
}

/// Push `p` to `edge`; returns the options to plan it with.
fn push(p: &mut Profile, edge: Edge, weeks: usize, seed: u64) -> Options {
    let start = p.plan_start.expect("the strategy sets plan_start");
    let mut opts = Options {
        start: Some(start),
        ..Options::default()
    };
    let priorities = [Priority::A, Priority::B, Priority::C];
    let pick = |i: u64| priorities[((seed >> (i % 60)) % 3) as usize];
    match edge {
        Edge::RacesOnFirstAndLastDay => {
            let last = day_after(start, 7 * weeks as i64 - 1);
            p.races = vec![
                race(start, pick(0), Distance::K5),
                race(last, pick(1), Distance::Half),
            ];
            opts.weeks = Some(weeks);
        }
        Edge::TwentyRacesInAMonth => {
            let first = day_after(start, 7 * weeks as i64);
            p.races = (0..20)
                .map(|i| race(day_after(first, i as i64 * 3 / 2), pick(i), Distance::K10))
                .collect();
        }
        Edge::NoAvailableSlot => p.availability = Availability::default(),
        Edge::EverySlotOneMinute => {
            let one = Some(DayAvailability {
                am: Some(1),
                pm: Some(1),
            });
            p.availability = Availability {
                mon: one,
                tue: one,
                wed: one,
                thu: one,
                fri: one,
                sat: one,
                sun: one,
            };
        }
        Edge::FiveYearHorizon => {
            p.races = vec![race(
                day_after(start, 5 * 365 + 1),
                Priority::A,
                Distance::Marathon,
            )];
        }
        Edge::LiftOfZeroKg | Edge::LiftOfBillionKg => {
            let kg = if matches!(edge, Edge::LiftOfZeroKg) {
                0.0
            } else {
                1e9
            };
            p.lifts = vec![LiftRm {
                exercise: runlift_model::library::library()
                    .id("back-squat")
                    .expect("id"),
                kg,
                reps: 5,
            }];
        }
    }
    opts
}

/// The plan in its file form, linted again from scratch: its error findings.
fn relint_errors(gp: &runlift_plan::GeneratedPlan) -> Vec<String> {
    let config = runlift_rules::RuleConfig::from_overrides(&gp.profile.rules).expect("config");
    let report = runlift_rules::check(&gp.to_plan(), Some(&gp.profile), &config);
    report
        .findings
        .iter()
        .filter(|f| f.severity == runlift_rules::Severity::Error)
        .map(|f| format!("{} {:?} {}", f.rule, f.dates, f.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn edge_profiles_plan_cleanly_or_are_refused_by_field(
        base in crate::props::profile(),
        edge in edge(),
        weeks in 1usize..30,
        seed in any::<u64>(),
    ) {
        let mut p = base;
        let opts = push(&mut p, edge, weeks, seed);
        match (plan(&p, &opts), edge.refused_field()) {
            (Ok(gp), None) => {
                prop_assert_eq!(gp.report.summary.errors, 0, "{:?}: {:?}", edge, crate::common::errors(&gp));
                let again = relint_errors(&gp);
                prop_assert!(again.is_empty(), "{:?}: the file form lints with errors: {:?}", edge, again);
                if matches!(edge, Edge::RacesOnFirstAndLastDay) {
                    let last = day_after(opts.start.expect("start"), 7 * weeks as i64 - 1);
                    prop_assert!(gp.weeks.last().is_some_and(|w| day_after(w.monday, 6) >= last));
                }
            }
            (Err(PlanError::Profile { field, message }), Some(want)) => {
                prop_assert_eq!(field.as_str(), want);
                prop_assert!(!message.is_empty());
            }
            (Ok(_), Some(want)) => prop_assert!(false, "{:?}: planned, but `{}` should be refused", edge, want),
            (Err(e), _) => prop_assert!(false, "{:?}: refused with {}", edge, e),
        }
    }
}

fn profile_racing_in_2027() -> Profile {
    let text = "weekly_km = 40\ngoal = \"10k\"\n[availability]\nmon = { am = 60 }\nwed = { am = 60 }\nsat = { am = 90 }\n[[race]]\ndate = \"2027-04-11\"\ndistance = \"10k\"\npriority = \"A\"\n";
    runlift_planfile::parse_profile(text, std::path::Path::new("a.toml")).expect("valid")
}

#[test]
fn a_plan_start_in_9999_is_refused_not_a_panic() {
    // Regression (issue 17): plan_start 9999-12-31 with a race in 2027 panicked in plan_week with
    // "index out of bounds: the len is 7 but the index is 18446744073702247130".
    let mut p = profile_racing_in_2027();
    p.plan_start = Some(date(9999, 12, 31));
    match plan(&p, &Options::default()) {
        Err(PlanError::Profile { field, message }) => {
            assert_eq!(field, "plan_start");
            assert!(message.contains("2000-01-01 to 2199-12-31"), "{message}");
        }
        other => panic!("expected a refusal naming plan_start, got {other:?}"),
    }
    let opts = Options {
        start: Some(date(9999, 12, 31)),
        ..Options::default()
    };
    match plan(&profile_racing_in_2027(), &opts) {
        Err(PlanError::Profile { field, .. }) => assert_eq!(field, "start"),
        other => panic!("expected a refusal naming start, got {other:?}"),
    }
}

#[test]
fn a_race_before_the_start_and_too_many_weeks_are_refused() {
    let opts = Options {
        start: Some(date(2027, 6, 7)),
        ..Options::default()
    };
    match plan(&profile_racing_in_2027(), &opts) {
        Err(PlanError::Profile { field, message }) => {
            assert_eq!(field, "race[0].date");
            assert!(
                message.contains("before the plan's start 2027-06-07"),
                "{message}"
            );
        }
        other => panic!("expected a refusal naming race[0].date, got {other:?}"),
    }
    let opts = Options {
        start: Some(date(2026, 11, 23)),
        weeks: Some(10_000),
        ..Options::default()
    };
    match plan(&profile_racing_in_2027(), &opts) {
        Err(PlanError::Profile { field, message }) => {
            assert_eq!(field, "weeks");
            assert!(message.contains("between 1 and 312"), "{message}");
        }
        other => panic!("expected a refusal naming weeks, got {other:?}"),
    }
}

#[test]
fn a_pap_complex_never_makes_a_second_variable_on_a_one_set_lift() {
    // Regression (CI of stop 19, the edges proptest): a five-year marathon horizon for an
    // advanced lifter with short slots and only a barbell. In the week of 9 Apr 2029 the PAP
    // complex added a set of rfe-split-squat (1 → 2) at 6 reps (heavy lift 1 × 4): two R-OVERLOAD
    // variables in one week, an error no planning pass removed.
    let text = "birth_year = 1940\nweekly_km = 99.18858037257807\nlifting = \"6-24mo\"\ngoal = \"1500m\"\n\
        plan_start = \"2027-01-04\"\nequipment = [\"barbell\"]\nvdot = 32.350686349909736\n\
        [availability]\nmon = { pm = 52 }\ntue = { am = 63 }\nwed = { pm = 90 }\nthu = { am = 35 }\n\
        fri = { am = 78, pm = 48 }\nsat = { am = 21, pm = 75 }\nsun = { am = 81 }\n\
        [[race]]\ndate = \"2032-01-04\"\ndistance = \"marathon\"\npriority = \"A\"\n";
    let p = runlift_planfile::parse_profile(text, std::path::Path::new("a.toml")).expect("valid");
    let gp = plan(&p, &Options::default()).expect("plannable");
    assert_eq!(
        gp.report.summary.errors,
        0,
        "{:?}",
        crate::common::errors(&gp)
    );
    assert!(relint_errors(&gp).is_empty(), "{:?}", relint_errors(&gp));
}
