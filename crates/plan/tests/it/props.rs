//! The property test: random valid profiles (levels, availabilities, equipment, injuries, race
//! calendars) always give a plan that lints with zero errors, never a panic; profiles that cannot
//! fit get a reduced plan with an explained `dropped` list.

use jiff::civil::Date;
use proptest::prelude::*;
use runlift_model::profile::*;
use runlift_model::{Equipment, EquipmentSet, Region};
use runlift_plan::{Options, plan};

fn date(day: i64) -> Date {
    Date::new(2027, 1, 4)
        .expect("date")
        .checked_add(jiff::Span::new().days(day))
        .expect("in range")
}

fn slot() -> impl Strategy<Value = Option<u16>> {
    prop_oneof![
        2 => Just(None),
        1 => (15u16..=40).prop_map(Some),
        3 => (45u16..=150).prop_map(Some),
    ]
}

fn day() -> impl Strategy<Value = Option<DayAvailability>> {
    (slot(), slot()).prop_map(|(am, pm)| Some(DayAvailability { am, pm }))
}

fn distance() -> impl Strategy<Value = Distance> {
    prop_oneof![
        Just(Distance::M1500),
        Just(Distance::K5),
        Just(Distance::K10),
        Just(Distance::Half),
        Just(Distance::Marathon),
        Just(Distance::Ultra),
        (800.0f64..60_000.0).prop_map(Distance::Metres),
    ]
}

prop_compose! {
    fn profile()(
        level in prop_oneof![Just(None), Just(Some(Level::Beginner)), Just(Some(Level::Intermediate)), Just(Some(Level::Advanced))],
        weekly_km in 5.0f64..130.0,
        lifting in prop::sample::select(Lifting::ALL.to_vec()),
        goal in distance(),
        birth_year in prop_oneof![Just(None), (1940i16..2008).prop_map(Some)],
        microdose in prop::bool::weighted(0.2),
        equip in prop::collection::vec(prop::sample::select(Equipment::ALL.to_vec()), 0..8),
        vdot in prop_oneof![Just(None), (25.0f64..80.0).prop_map(Some)],
        days in prop::collection::vec(day(), 7),
        races in prop::collection::vec((0i64..300, distance(), prop::sample::select(vec![Priority::A, Priority::B, Priority::C])), 0..4),
        injuries in prop::collection::vec((prop::sample::select(Region::ALL.to_vec()), prop::bool::ANY), 0..2),
        lifts in prop::bool::weighted(0.3),
    ) -> Profile {
        let mut availability = Availability {
            mon: days[0], tue: days[1], wed: days[2], thu: days[3], fri: days[4], sat: days[5], sun: days[6],
        };
        if availability.is_empty() {
            availability.sat = Some(DayAvailability { am: Some(60), pm: None });
        }
        Profile {
            name: None,
            level,
            birth_year,
            weekly_km,
            lifting,
            running_years: None,
            tz: None,
            goal,
            plan_start: Some(date(0)),
            microdose,
            equipment: EquipmentSet::from_slice(&equip),
            vdot,
            recent_race: None,
            lifts: if lifts {
                vec![LiftRm { exercise: runlift_model::library::library().id("back-squat").expect("id"), kg: 80.0, reps: 5 }]
            } else {
                Vec::new()
            },
            availability,
            times: SlotTimes::default(),
            races: races.into_iter().map(|(d, distance, priority)| Race { date: date(d), distance, priority, name: None }).collect(),
            injuries: injuries.into_iter().map(|(region, active)| Injury {
                region,
                status: if active { InjuryStatus::Active } else { InjuryStatus::Recovering },
            }).collect(),
            technique_change: None,
            rules: Default::default(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn every_plan_lints_without_errors(p in profile(), offset in 0i64..7, weeks in prop_oneof![Just(None), (1usize..40).prop_map(Some)]) {
        let opts = Options { start: Some(date(offset)), weeks, ..Options::default() };
        let gp = plan(&p, &opts).expect("valid profile plans");
        let errors: Vec<String> = gp.report.findings.iter()
            .filter(|f| f.severity == runlift_rules::Severity::Error)
            .map(|f| format!("{} {:?} {}", f.rule, f.dates, f.message))
            .collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        // and the linter agrees on a fresh read of the plan
        let report = runlift_rules::check(&gp.to_plan(), Some(&p), &runlift_rules::RuleConfig::default());
        prop_assert_eq!(report.summary.errors, 0);
        // every dropped entry names a rule and a reason
        for d in &gp.dropped {
            prop_assert!(d.rule.starts_with("R-"), "{:?}", d);
            prop_assert!(!d.reason.is_empty());
        }
        // races are always in the plan
        for r in &p.races {
            let day_in = gp.weeks.first().is_some_and(|w| r.date >= w.start)
                && gp.weeks.last().is_some_and(|w| r.date <= w.monday.checked_add(jiff::Span::new().days(6)).expect("date"));
            if day_in {
                let kept = gp.sessions.iter().any(|s| s.session.date == r.date && s.session.kind == runlift_model::Kind::RunRace);
                let explained = gp.dropped.iter().any(|d| d.kind == runlift_model::Kind::RunRace);
                prop_assert!(kept || explained, "race {} missing", r.date);
            }
        }
    }
}
