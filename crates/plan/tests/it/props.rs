//! Property tests over random valid profiles (levels, availabilities, equipment, injuries, race
//! calendars): every profile gets a plan, never a panic; every session sits in a slot the athlete
//! gave, with the time it needs, one session a slot, each with its reasons; races are kept or
//! their absence explained; what is left out is explained; and the plan reads back through the
//! plan readers to the same lint. (That the lint has zero errors is `props_strict.rs`.)

use jiff::civil::Date;
use proptest::prelude::*;
use runlift_model::profile::*;
use runlift_model::{Equipment, EquipmentSet, Region};
use runlift_plan::{Options, plan};

pub(crate) fn date(day: i64) -> Date {
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
    pub(crate) fn profile()(
        level in prop_oneof![Just(None), Just(Some(Level::Beginner)), Just(Some(Level::Intermediate)), Just(Some(Level::Advanced))],
        weekly_km in 5.0f64..130.0,
        lifting in prop::sample::select(Lifting::ALL.to_vec()),
        goal in distance(),
        birth_year in prop_oneof![Just(None), (1940i16..2008).prop_map(Some)],
        microdose in prop::bool::weighted(0.2),
        equip in prop::collection::vec(prop::sample::select(Equipment::ALL.to_vec()), 0..8),
        vdot in prop_oneof![Just(None), (25.0f64..80.0).prop_map(Some)],
        days in prop::collection::vec(day(), 7),
        // On or after the latest start drawn below (a race before the start is refused).
        races in prop::collection::vec((6i64..300, distance(), prop::sample::select(vec![Priority::A, Priority::B, Priority::C])), 0..4),
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
                since: None,
                note: None,
            }).collect(),
            technique_change: None,
            rules: Default::default(),
            units: Default::default(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn every_plan_is_made_and_explained(p in profile(), offset in 0i64..7, weeks in prop_oneof![Just(None), (1usize..40).prop_map(Some)]) {
        let opts = Options { start: Some(date(offset)), weeks, ..Options::default() };
        let gp = plan(&p, &opts).expect("valid profile plans");
        // every session in a slot the athlete gave, with its minutes; one session a slot
        let mut seen = std::collections::HashSet::new();
        for s in &gp.sessions {
            let x = &s.session;
            prop_assert!(seen.insert((x.date, x.slot)), "two sessions on {} {:?}", x.date, x.slot);
            prop_assert!(!s.why.is_empty(), "{} {:?} has no reason", x.date, x.kind);
            if x.kind == runlift_model::Kind::RunRace {
                continue;
            }
            let day = runlift_rules::time::weekday(runlift_rules::time::day_number(x.date));
            let cap = p.availability.minutes(day, x.slot).unwrap_or(0);
            prop_assert!(cap >= x.minutes, "{} {:?} {} min in a {cap}-min slot", x.date, x.kind, x.minutes);
        }
        // every dropped entry names a rule and a reason
        for d in &gp.dropped {
            prop_assert!(d.rule.starts_with("R-"), "{:?}", d);
            prop_assert!(!d.reason.is_empty());
        }
        // races are in the plan, or their absence explained
        for r in &p.races {
            let day_in = gp.weeks.first().is_some_and(|w| r.date >= w.start)
                && gp.weeks.last().is_some_and(|w| r.date <= w.monday.checked_add(jiff::Span::new().days(6)).expect("date"));
            if day_in {
                let kept = gp.sessions.iter().any(|s| s.session.date == r.date && s.session.kind == runlift_model::Kind::RunRace);
                let explained = gp.dropped.iter().any(|d| d.kind == runlift_model::Kind::RunRace);
                prop_assert!(kept || explained, "race {} missing", r.date);
            }
        }
        // the plan written as TOML reads back to the same lint
        let text = toml::to_string(&runlift_plan::output::toml_view(&gp)).expect("toml");
        let back: runlift_model::plan::Plan = runlift_planfile::parse(&text, std::path::Path::new("plan.toml")).expect("reads back");
        let report = runlift_rules::check(&back, Some(&p), &runlift_rules::RuleConfig::default());
        prop_assert_eq!(
            (report.summary.errors, report.summary.warnings, report.summary.infos),
            (gp.report.summary.errors, gp.report.summary.warnings, gp.report.summary.infos)
        );
    }
}
