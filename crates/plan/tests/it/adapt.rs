//! `runlift_plan::adapt` (R-READY, R-SORENESS in `runlift today`): the change a coach makes for
//! each readiness, and, over every session of the five example plans, that an adaptation only
//! ever takes load away.

use runlift_load::readiness::{ReadinessParams, readiness_days};
use runlift_load::{Readiness, Wellness};
use runlift_model::Kind;
use runlift_model::plan::Session;
use runlift_plan::adapt::{Adapted, adapt};
use runlift_rules::{LIGHT_RIR, LIGHT_RULE, RuleConfig};

use crate::common::{NAMES, planned, profile};

/// A wellness row on day `day` with these five items (fatigue, sleep, soreness, stress, mood).
fn row(day: i32, items: [u8; 5]) -> Wellness {
    Wellness {
        day,
        fatigue: items[0],
        sleep: items[1],
        soreness: items[2],
        stress: items[3],
        mood: items[4],
        sleep_s: None,
        rmssd_ms: None,
        rest_hr_bpm: None,
    }
}

/// The readiness of the last of `rows`' days, by the default rule table.
fn readiness(rows: &[Wellness]) -> Readiness {
    let p = ReadinessParams::from_config(&RuleConfig::default());
    readiness_days(rows, &[], &p)
        .expect("valid rows")
        .pop()
        .expect("a day")
}

const FRESH: [u8; 5] = [4, 4, 4, 4, 4];
/// Sum 12 (≤ 13): downgrade.
const TIRED: [u8; 5] = [2, 3, 3, 2, 2];
/// Sum 9 (≤ 10): rest.
const SPENT: [u8; 5] = [2, 2, 2, 2, 1];

/// A day of the intermediate's plan holding a tempo run and a heavy lift (its week 2 Monday).
fn tempo_and_heavy() -> (runlift_model::profile::Profile, Vec<Session>) {
    let gp = planned("intermediate-half.toml");
    let day = gp
        .sessions
        .iter()
        .map(|p| p.session.date)
        .find(|d| {
            let kinds: Vec<Kind> = gp
                .sessions
                .iter()
                .filter(|p| p.session.date == *d)
                .map(|p| p.session.kind)
                .collect();
            kinds.contains(&Kind::RunTempo) && kinds.contains(&Kind::StrHeavy)
        })
        .expect("a day with a tempo run and a heavy lift");
    let sessions = gp
        .sessions
        .iter()
        .filter(|p| p.session.date == day)
        .map(|p| p.session.clone())
        .collect();
    (profile("intermediate-half.toml"), sessions)
}

fn run(planned: &[Session], r: &Readiness) -> Adapted {
    adapt(
        &profile("intermediate-half.toml"),
        &RuleConfig::default(),
        planned,
        r,
    )
}

#[test]
fn a_ready_athlete_trains_as_planned() {
    let (_, day) = tempo_and_heavy();
    let a = run(&day, &readiness(&[row(0, FRESH)]));
    assert!(a.changes.is_empty(), "{:?}", a.changes);
    assert_eq!(a.sessions.len(), day.len());
}

#[test]
fn a_tired_morning_turns_tempo_into_easy_strides_and_heavy_into_light() {
    let (_, day) = tempo_and_heavy();
    let a = run(&day, &readiness(&[row(0, TIRED)]));
    let light_pct = RuleConfig::default().get(LIGHT_RULE, "pct");
    assert_eq!(a.changes.len(), 2, "{:?}", a.changes);
    for c in &a.changes {
        assert_eq!(c.rule, "R-READY");
        assert!(c.why.contains("12/25"), "{}", c.why);
        let after = c.after.as_ref().expect("kept, one step down");
        match c.before.kind {
            Kind::RunTempo => {
                assert_eq!(after.kind, Kind::RunEasy);
                assert_eq!(after.minutes, c.before.minutes);
                let st = after.structure.as_deref().unwrap_or("");
                assert!(st.contains("@ R") && !st.contains("@ T"), "{st}");
            }
            Kind::StrHeavy => {
                assert_eq!(after.kind, Kind::StrLight);
                assert_eq!(after.exercises.len(), c.before.exercises.len());
                for (x, b) in after.exercises.iter().zip(&c.before.exercises) {
                    assert!(x.sets <= 3 && x.sets <= b.sets, "{x:?}");
                    assert!(x.rir.is_some_and(|r| r >= LIGHT_RIR), "{x:?}");
                    if let Some(p) = x.pct_1rm {
                        assert!(p <= light_pct + 1e-9, "{x:?}");
                    }
                    if let (Some(k), Some(kb)) = (x.kg, b.kg)
                        && b.pct_1rm.is_some_and(|p| p > light_pct)
                    {
                        assert!(k < kb, "{} kg not lighter than {kb}", k);
                    }
                }
            }
            k => panic!("{k:?} changed"),
        }
    }
}

#[test]
fn a_spent_morning_is_a_rest_day() {
    let (_, day) = tempo_and_heavy();
    let a = run(&day, &readiness(&[row(0, SPENT)]));
    assert!(
        a.sessions
            .iter()
            .all(|s| matches!(s.kind, Kind::Mob | Kind::RunRace)),
        "{:?}",
        a.sessions.iter().map(|s| s.kind).collect::<Vec<_>>()
    );
    assert!(a.changes.iter().all(|c| c.after.is_none()));
    assert!(a.changes.iter().all(|c| c.why.contains("9/25")));
}

#[test]
fn soreness_three_days_running_cuts_strength_sets() {
    let (_, day) = tempo_and_heavy();
    // soreness 2 on three of the last five days, the rest of the items fine (sum 18)
    let sore = [4, 4, 2, 4, 4];
    let rows = [row(0, sore), row(1, FRESH), row(2, sore), row(3, sore)];
    let r = readiness(&rows);
    let cut = RuleConfig::default().get("R-SORENESS", "set_cut_pct");
    let a = run(&day, &r);
    let heavy = a
        .changes
        .iter()
        .find(|c| c.before.kind == Kind::StrHeavy)
        .expect("the lift changed");
    assert_eq!(heavy.rule, "R-SORENESS", "{heavy:?}");
    let after = heavy.after.as_ref().expect("kept");
    for (x, b) in after.exercises.iter().zip(&heavy.before.exercises) {
        let want = ((f64::from(b.sets) * (1.0 - cut / 100.0)).floor() as u16).max(1);
        assert!(
            x.sets <= want.max(1),
            "{} sets of {}: want ≤ {want}",
            x.sets,
            b.sets
        );
    }
}

/// Load of a session as the comparison reads it: minutes, and per exercise sets, kg and %1RM.
fn never_more(before: &Session, after: &Session) -> Result<(), String> {
    if after.minutes > before.minutes {
        return Err(format!("{} → {} min", before.minutes, after.minutes));
    }
    if after.distance_m.unwrap_or(0.0) > before.distance_m.unwrap_or(f64::MAX) + 1e-6 {
        return Err(format!(
            "{:?} → {:?} m",
            before.distance_m, after.distance_m
        ));
    }
    for x in &after.exercises {
        let Some(b) = before.exercises.iter().find(|b| b.id == x.id) else {
            return Err(format!("{} added", x.id));
        };
        let more = |a: Option<f64>, b: Option<f64>| a.unwrap_or(0.0) > b.unwrap_or(f64::MAX) + 1e-9;
        if x.sets > b.sets
            || x.reps > b.reps
            || more(x.kg, b.kg)
            || more(x.pct_1rm, b.pct_1rm)
            || x.rir.unwrap_or(10.0) < b.rir.unwrap_or(0.0)
        {
            return Err(format!("{}: {b:?} → {x:?}", x.id));
        }
        if x.contacts.unwrap_or(0) > b.contacts.unwrap_or(0) {
            return Err(format!("{}: more contacts", x.id));
        }
    }
    Ok(())
}

#[test]
fn adaptation_only_takes_load_away_on_every_session_of_the_examples() {
    let sore = [4, 4, 2, 4, 4];
    let states = [
        ("tired", readiness(&[row(0, TIRED)])),
        ("spent", readiness(&[row(0, SPENT)])),
        (
            "sore",
            readiness(&[row(0, sore), row(1, sore), row(2, [2, 3, 2, 2, 3])]),
        ),
    ];
    let mut checked = 0;
    for name in NAMES {
        let gp = planned(name);
        let p = profile(name);
        for s in &gp.sessions {
            for (label, r) in &states {
                let a = adapt(
                    &p,
                    &RuleConfig::default(),
                    std::slice::from_ref(&s.session),
                    r,
                );
                assert!(a.sessions.len() <= 1, "{name} {label}: a session was added");
                if let Some(after) = a.sessions.first() {
                    never_more(&s.session, after).unwrap_or_else(|e| {
                        panic!(
                            "{name} {label} {} {:?}: {e}",
                            s.session.date, s.session.kind
                        )
                    });
                    assert!(
                        !after.exercises.iter().any(|e| e.id.get().is_plyo()),
                        "{name} {label}: plyometrics kept on {}",
                        s.session.date
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} sessions checked");
}

#[test]
fn a_week_of_short_nights_tips_a_middling_morning_into_a_downgrade() {
    let (_, day) = tempo_and_heavy();
    // sum 14 as rated: above R-READY's 13, so on good sleep the day stands
    let middling = [3, 4, 3, 2, 2];
    let mut rows = vec![row(0, middling)];
    assert!(run(&day, &readiness(&rows)).changes.is_empty());
    // the same morning after four nights under the rule's hours: sleep counts as 2, sum 12
    let short = |d: i32, items: [u8; 5]| Wellness {
        sleep_s: Some(5.0 * 3600.0),
        ..row(d, items)
    };
    rows = (0..4).map(|d| short(d, FRESH)).collect();
    rows.push(short(4, middling));
    let r = readiness(&rows);
    assert!(r.flags.iter().any(|f| f.rule == "R-SLEEP"), "{:?}", r.flags);
    let a = run(&day, &r);
    assert!(
        !a.changes.is_empty(),
        "short sleep changed nothing: {:?}",
        r
    );
    assert!(
        a.changes
            .iter()
            .all(|c| c.rule == "R-READY" && c.why.contains("sleep counted as 2")),
        "{:?}",
        a.changes
    );
}
