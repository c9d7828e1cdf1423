//! Property tests: random structurally valid plans (and random profiles) never make the rules panic,
//! and the summary always counts the findings.

use proptest::prelude::*;
use runlift_model::Kind;
use runlift_model::library::{ExId, library};
use runlift_model::plan::{ExerciseRx, Phase, Plan, Session, WeekLabel};
use runlift_model::profile::{Level, Lifting, Profile, Slot};
use runlift_rules::time::date_of;
use runlift_rules::{RuleConfig, Severity, check};

const DAY0: i32 = 20_780; // 2026-11-23

fn exercise() -> impl Strategy<Value = ExerciseRx> {
    let n = library().exercises.len() as u16;
    (
        0..n,
        1u16..8,
        proptest::option::of(1u16..20),
        proptest::option::of(0.0f64..120.0),
        proptest::option::of(30.0f64..100.0),
        proptest::option::of(0.0f64..6.0),
        proptest::option::of(0u32..200),
        proptest::option::of(0u32..400),
        proptest::option::of(0u8..3),
    )
        .prop_map(
            |(id, sets, reps, kg, pct, rir, contacts, rest, ss)| ExerciseRx {
                id: ExId(id),
                sets,
                reps,
                kg,
                pct_1rm: pct,
                rir,
                rpe: None,
                rest_s: rest,
                contacts,
                hold_s: None,
                pair: None,
                tempo: None,
                superset: ss.map(|c| ((b'A' + c) as char).to_string()),
            },
        )
}

fn session(days: i32) -> impl Strategy<Value = Session> {
    (
        0..days,
        any::<bool>(),
        proptest::option::of(0u16..1440),
        1u16..300,
        0..Kind::ALL.len(),
        proptest::collection::vec(exercise(), 0..5),
        proptest::option::of(1.0f64..10.0),
        proptest::option::of(0.0f64..40_000.0),
    )
        .prop_map(|(d, pm, start, minutes, k, exercises, rpe, dist)| Session {
            date: date_of(DAY0 + d),
            slot: if pm { Slot::Pm } else { Slot::Am },
            start,
            minutes,
            kind: Kind::ALL[k],
            title: None,
            distance_m: dist,
            rpe,
            structure: None,
            test: None,
            exercises,
            id: None,
            phase: None,
            week: None,
            why: None,
        })
}

fn profile() -> impl Strategy<Value = Option<Profile>> {
    proptest::option::of((0usize..3, 0usize..5, 5.0f64..150.0, proptest::option::of(1930i16..2010), any::<bool>()))
        .prop_map(|p| {
            p.map(|(level, lifting, km, birth, micro)| {
                let text = "weekly_km = 40\ngoal = \"10k\"\n[availability]\nmon = { am = 60, pm = 60 }\nwed = { am = 90 }\nsat = { am = 120 }\n";
                let mut prof: Profile = toml::from_str(text).expect("valid profile");
                prof.level = Some([Level::Beginner, Level::Intermediate, Level::Advanced][level]);
                prof.lifting = [Lifting::None, Lifting::Lt3mo, Lifting::Lt6mo, Lifting::M6to24, Lifting::Gt24mo][lifting];
                prof.weekly_km = km;
                prof.birth_year = birth;
                prof.microdose = micro;
                prof
            })
        })
}

fn plan() -> impl Strategy<Value = (Plan, Option<Profile>)> {
    (
        proptest::collection::vec(session(120), 0..80),
        proptest::collection::vec((0i32..18, 0..Phase::ALL.len(), any::<bool>()), 0..6),
        profile(),
    )
        .prop_map(|(sessions, weeks, prof)| {
            let weeks = weeks
                .into_iter()
                .map(|(w, p, deload)| WeekLabel {
                    start: date_of(DAY0 + 7 * w),
                    phase: Phase::ALL[p],
                    deload,
                })
                .collect();
            (
                Plan {
                    athlete: None,
                    weeks,
                    sessions,
                    dropped: Vec::new(),
                },
                prof,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_plans_never_panic(pp in plan()) {
        let (plan, prof) = pp;
        let report = check(&plan, prof.as_ref(), &RuleConfig::default());
        let errors = report.findings.iter().filter(|f| f.severity == Severity::Error).count();
        prop_assert_eq!(errors, report.summary.errors);
        for f in &report.findings {
            prop_assert!(runlift_rules::rule(f.rule).is_some() || f.rule == "DROPPED", "unknown rule {}", f.rule);
            prop_assert!(!f.message.is_empty());
            for s in &f.sessions {
                prop_assert!((*s as usize) < plan.sessions.len());
            }
        }
    }
}
