//! Readiness over a logged history, as a coach would read it: poor sleep, soreness, a very bad
//! morning, an HRV dip, a training-camp spike, two weeks off sick, a running spike. Each names
//! the rule that fired and the tired system, and only ever reduces the day.

use runlift_load::daily::{DaySummary, System};
use runlift_load::impact::Impact;
use runlift_load::input::Wellness;
use runlift_load::pmc::Weighting;
use runlift_load::readiness::{Flag, Readiness, SorenessPhase};
use runlift_load::{Action, ReadinessParams, models, readiness_days};
use runlift_rules::{RuleConfig, Severity};

fn well(day: i32, items: [u8; 5]) -> Wellness {
    Wellness {
        day,
        fatigue: items[0],
        sleep: items[1],
        soreness: items[2],
        stress: items[3],
        mood: items[4],
        sleep_s: Some(8.0 * 3600.0),
        rmssd_ms: None,
        rest_hr_bpm: None,
    }
}

fn fired(r: &Readiness, rule: &str) -> bool {
    r.flags.iter().any(|f| f.rule == rule)
}

fn p() -> ReadinessParams {
    ReadinessParams::default()
}

#[test]
fn poor_sleep_feeds_r_ready() {
    // Wellness 14/25 is fine alone; after three short nights the sleep item counts as 2, the
    // sum becomes 13 and today's hard session steps down.
    let mut rows: Vec<Wellness> = (0..5).map(|d| well(d, [3, 3, 3, 2, 3])).collect();
    let r = readiness_days(&rows, &[], &p()).expect("valid rows");
    assert!(
        r.iter()
            .all(|x| x.action == Action::Train && !fired(x, "R-SLEEP"))
    );
    for w in rows.iter_mut().skip(2) {
        w.sleep_s = Some(6.0 * 3600.0);
    }
    let r = readiness_days(&rows, &[], &p()).expect("valid rows");
    assert_eq!(
        r[3].action,
        Action::Train,
        "two short nights are not yet a flag"
    );
    let last = &r[4];
    assert!(fired(last, "R-SLEEP"), "{last:?}");
    assert_eq!((last.wellness_sum, last.counted_sum), (Some(14), Some(13)));
    assert_eq!(last.action, Action::Downgrade);
    let ready = last
        .flags
        .iter()
        .find(|f| f.rule == "R-READY")
        .expect("R-READY");
    assert!(ready.message.contains("13/25"), "{}", ready.message);
    let sleep = last
        .flags
        .iter()
        .find(|f| f.rule == "R-SLEEP")
        .expect("R-SLEEP");
    assert_eq!(sleep.severity, Severity::Info);
    assert!(
        sleep.message.contains("6.0 h, 6.0 h, 6.0 h"),
        "{}",
        sleep.message
    );
}

#[test]
fn three_sore_days_reduce_a_week_then_rebuild() {
    // Soreness 2 on days 10–12 (others 4): the flag rises on day 12; days 12–18 are reduced
    // (strength −40 %, no plyometrics), days 19–32 rebuild, day 33 is back to normal.
    let rows: Vec<Wellness> = (0..40)
        .map(|d| {
            let sore = if (10..=12).contains(&d) { 2 } else { 4 };
            well(d, [4, 4, sore, 4, 4])
        })
        .collect();
    let r = readiness_days(&rows, &[], &p()).expect("valid rows");
    assert!(r[11].soreness.is_none(), "{:?}", r[11]);
    assert_eq!(
        r[11].tired,
        vec![System::Muscular],
        "sore today names the muscles"
    );
    for (d, x) in r.iter().enumerate().take(19).skip(12) {
        assert_eq!(
            x.soreness,
            Some(SorenessPhase::Reduced {
                flag_day: 12,
                until: 18,
                set_cut_pct: 40.0
            }),
            "day {d}"
        );
        assert_eq!(x.action, Action::Downgrade);
        assert!(x.tired.contains(&System::Muscular));
        let f = x
            .flags
            .iter()
            .find(|f| f.rule == "R-SORENESS")
            .expect("flag");
        let through = format!("through {}, then rebuild", runlift_rules::time::fmt_day(18));
        assert!(f.message.contains(&through), "{}", f.message);
    }
    assert_eq!(
        r[19].soreness,
        Some(SorenessPhase::Rebuild {
            flag_day: 12,
            until: 32
        })
    );
    assert_eq!(r[19].action, Action::Train);
    assert!(r[32].soreness.is_some() && r[33].soreness.is_none());
    // An athlete's override moves the cut within the registry's range.
    let o = [(
        "R-SORENESS".to_string(),
        [("set_cut_pct".to_string(), 50.0)].into_iter().collect(),
    )]
    .into_iter()
    .collect();
    let cfg = RuleConfig::from_overrides(&o).expect("in range");
    let r = readiness_days(&rows, &[], &ReadinessParams::from_config(&cfg)).expect("valid rows");
    assert!(matches!(
        r[12].soreness,
        Some(SorenessPhase::Reduced { set_cut_pct, .. }) if set_cut_pct == 50.0
    ));
}

#[test]
fn a_very_bad_morning_is_a_rest_day_and_one_low_item_downgrades() {
    let r = readiness_days(&[well(0, [2, 2, 2, 2, 2])], &[], &p()).expect("valid rows");
    assert_eq!(r[0].action, Action::Rest);
    assert!(r[0].flags[0].message.contains("10/25"), "{:?}", r[0].flags);
    let r = readiness_days(&[well(0, [5, 5, 5, 1, 5])], &[], &p()).expect("valid rows");
    assert_eq!(r[0].action, Action::Downgrade);
    assert!(
        r[0].flags[0].message.contains("stress at 1"),
        "{:?}",
        r[0].flags
    );
    let r = readiness_days(&[well(0, [4, 4, 4, 4, 4])], &[], &p()).expect("valid rows");
    assert_eq!((r[0].action, r[0].flags.len()), (Action::Train, 0));
}

#[test]
fn an_hrv_dip_names_the_cardio_system_without_changing_the_plan() {
    // 60 mornings around rMSSD 60 ms, then a week at 45 ms (ln 3.81 against 4.09 ± ~0.04) and a
    // resting heart rate 6 bpm up.
    let rows: Vec<Wellness> = (0..67)
        .map(|d| {
            let mut w = well(d, [4, 4, 4, 4, 4]);
            let low = d >= 60;
            w.rmssd_ms = Some(if low {
                45.0
            } else if d % 2 == 0 {
                57.0
            } else {
                63.0
            });
            w.rest_hr_bpm = Some(if low {
                54.0
            } else if d % 2 == 0 {
                47.0
            } else {
                49.0
            });
            w
        })
        .collect();
    let r = readiness_days(&rows, &[], &p()).expect("valid rows");
    assert!(r[59].tired.is_empty(), "{:?}", r[59]);
    let last = &r[66];
    assert_eq!(last.tired, vec![System::Cardio]);
    assert_eq!(last.action, Action::Train, "HRV is information only");
    let msgs: Vec<&str> = last.flags.iter().map(|f| f.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.starts_with("HRV baseline")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.starts_with("resting heart rate")),
        "{msgs:?}"
    );
}

fn days(loads: &[f64]) -> Vec<DaySummary> {
    loads
        .iter()
        .enumerate()
        .map(|(i, &x)| DaySummary {
            srpe: x,
            ..DaySummary::rest(i as i32)
        })
        .collect()
}

/// The last day's readiness over a combined-load series, and its first R-LOAD flag.
fn last_r_load(loads: &[f64]) -> (Readiness, Flag) {
    let t = models(&days(loads), Weighting::Exponential);
    let r = readiness_days(&[], &t, &p()).expect("valid rows");
    let last = r.last().expect("days").clone();
    let f = last
        .flags
        .iter()
        .find(|f| f.rule == "R-LOAD")
        .expect("R-LOAD")
        .clone();
    (last, f)
}

#[test]
fn a_training_camp_week_warns_under_r_load() {
    // 35 days at 300 AU, then a week at 900: EWMA ACWR 1.53 on the 7th day (> 1.5).
    let mut l = vec![300.0; 35];
    l.extend([900.0; 7]);
    let (last, f) = last_r_load(&l);
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("workload ratio 1.5"), "{}", f.message);
    assert_eq!(last.action, Action::Train, "R-LOAD never blocks");
}

#[test]
fn two_weeks_off_sick_read_as_well_below_recent_load() {
    let mut l = vec![400.0; 40];
    l.extend([0.0; 14]);
    let (_, f) = last_r_load(&l);
    assert_eq!(f.severity, Severity::Info);
    assert!(
        f.message.contains("well below recent load"),
        "{}",
        f.message
    );
    // Early in a log every R-LOAD finding is information.
    let early = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 900.0, 900.0, 900.0];
    let t = models(&days(&early), Weighting::Exponential);
    let r = readiness_days(&[], &t, &p()).expect("valid rows");
    assert!(
        r.iter()
            .flat_map(|x| &x.flags)
            .all(|f| f.severity == Severity::Info)
    );
}

#[test]
fn a_running_spike_names_the_impact_system() {
    // 35 days of 8 km, then a week of 25 km a day at the same session RPE: the combined load is
    // steady but the legs' impact ratio spikes.
    let d: Vec<DaySummary> = (0..42)
        .map(|i| DaySummary {
            srpe: 300.0,
            impact: Impact {
                run_m: if i < 35 { 8000.0 } else { 25_000.0 },
                ..Impact::default()
            },
            ..DaySummary::rest(i)
        })
        .collect();
    let t = models(&d, Weighting::Exponential);
    let r = readiness_days(&[], &t, &p()).expect("valid rows");
    let last = r.last().expect("days");
    assert_eq!(last.tired, vec![System::Impact], "{last:?}");
    assert!(last.flags.iter().any(|f| f.system == Some(System::Impact) && f.message.starts_with("impact load ratio")));
}
